"""``eventkit timeline``: a picture of events over time, one lane per actor or type.

Drawn with matplotlib (the ``plot`` extra), imported when a picture is
asked for. A date known to the day or finer is a dot; a month, a year or a
span is a bar from its earliest to its latest moment; an open end fades out
to the edge. Statuses differ in colour and fill: what occurred is solid,
what is planned or expected is hollow, what is speculated is hatched, what
was denied or cancelled is grey and crossed out. Names and titles are drawn
as written: a ``$`` is no mathematics to matplotlib here.
"""

from __future__ import annotations

import html
import io
import os
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

import eventkit as ek
from eventkit import _registry
from eventkit._extras import need
from eventkit.cli._common import UsageError, printable
from eventkit.exceptions import MissingExtraError
from eventkit.io._atomic import atomic_write

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "check_format", "draw", "save"]

FORMATS: Final = ("svg", "png", "html")
Lanes = Literal["actor", "type"]


@attrs.frozen
class _Look:
    colour: str
    filled: bool = True
    hatch: str | None = None
    crossed: bool = False
    dashed: bool = False


_LOOKS: Final = {
    ek.EventStatus.OCCURRED: _Look("#1f4e79"),
    ek.EventStatus.ONGOING: _Look("#2e7d32"),
    ek.EventStatus.PLANNED: _Look("#ef6c00", filled=False),
    ek.EventStatus.EXPECTED: _Look("#ef6c00", filled=False, dashed=True),
    ek.EventStatus.PROPOSED: _Look("#8e24aa", filled=False),
    ek.EventStatus.SPECULATED: _Look("#8e24aa", hatch="////"),
    ek.EventStatus.DENIED: _Look("#757575", crossed=True),
    ek.EventStatus.CANCELLED: _Look("#757575", crossed=True),
}
_MAX_LANES: Final = 10
_OTHER: Final = "(other)"
_LABEL_LENGTH: Final = 48
_STUB: Final = 0.03  # an open end's bar: this share of the time axis
_MARGIN: Final = 0.02  # space left and right of the events: this share of the time axis
_CHARS_ACROSS: Final = 190  # about how many label characters the axis holds side by side
_FONT: Final = 6.5
_GAP: Final = 0.6  # between lanes, in rows
_ROW_INCHES: Final = 0.26


def _pyplot_free() -> Any:
    """matplotlib, with its non-interactive backend; a clear error when it is missing."""
    try:
        matplotlib = need("matplotlib", "plot")
    except MissingExtraError:
        msg = "drawing a timeline needs matplotlib: pip install 'eventkit[plot]'"
        raise UsageError(msg) from None
    matplotlib.use("Agg", force=False)
    return matplotlib


@attrs.frozen
class _Item:
    event: ek.Event
    lane: str
    start: float  # matplotlib date numbers (days)
    end: float
    open_start: bool
    open_end: bool
    label: str


def _lanes(dataset: ek.Dataset, event: ek.Event, by: Lanes) -> list[str]:
    if by == "type":
        return [_registry.tag_of(type(event))]
    names = []
    for participant in event.participants:
        actor = dataset.get(participant.actor)
        names.append(actor.name if isinstance(actor, ek.Actor) else participant.actor)
    return list(dict.fromkeys(names)) or ["(no actor)"]


def _items(dataset: ek.Dataset, by: Lanes, date2num: Any) -> tuple[list[_Item], int, float]:
    """The marks to draw, the number of undated events, and the width of the time axis."""
    dated = [event for event in dataset.timeline() if event.when is not None]
    whens = [event.when for event in dated if event.when is not None]
    bounds = [b for when in whens for b in (when.earliest, when.latest) if b is not None]
    if not bounds:
        return [], len(dataset.events), 0.0
    low, high = _day_number(min(bounds), date2num), _day_number(max(bounds), date2num)
    width = max(high - low, 1.0)
    stub = width * _STUB  # an open end: a short fading bar, not a bar to the edge
    items = []
    for event in dated:
        when = event.when
        assert when is not None
        # a span has at least one end
        start = None if when.earliest is None else _day_number(when.earliest, date2num)
        end = None if when.latest is None else _day_number(when.latest, date2num)
        if start is None:
            assert end is not None
            start = end - stub
        if end is None:
            end = start + stub
        for lane in _lanes(dataset, event, by):
            items.append(
                _Item(
                    event=event,
                    lane=lane,
                    start=start,
                    end=end,
                    open_start=when.earliest is None,
                    open_end=when.latest is None,
                    label=_short(event.title),
                )
            )
    return items, len(dataset.events) - len(dated), width


_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_DAY: Final = timedelta(days=1)


def _day_number(instant: datetime, date2num: Any) -> float:
    """The number matplotlib gives ``instant``, counted from 1970: its UTC year may be 10000."""
    return float(date2num(_EPOCH)) + (instant - _EPOCH) / _DAY


def _calendar(date2num: Any) -> tuple[float, float]:
    """The first and last days matplotlib's dates can show: years 1 to 9999."""
    first, last = datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)
    return float(date2num(first)), float(date2num(last))


def _order(items: list[_Item]) -> list[str]:
    """Lanes with the most events first, the rest folded into one."""
    found = Counter(item.lane for item in items)
    lanes = [lane for lane, _ in found.most_common(_MAX_LANES)]
    if len(found) > _MAX_LANES:
        lanes[-1] = _OTHER
    return lanes


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_LENGTH else text[: _LABEL_LENGTH - 1] + "…"


def _pack(items: list[_Item], per_char: float) -> list[int]:
    """A row within its lane for each item, so no mark or label runs into another."""
    ends: dict[str, list[float]] = {}
    rows = []
    for item in items:
        taken = ends.setdefault(item.lane, [])
        reach = max(item.end, item.start + per_char * (len(item.label) + 2))
        for row, end in enumerate(taken):
            if end <= item.start:
                taken[row] = reach
                rows.append(row)
                break
        else:
            taken.append(reach)
            rows.append(len(taken) - 1)
    return rows


def draw(dataset: ek.Dataset, *, by: Lanes = "actor", title: str | None = None) -> Figure:
    """The timeline of ``dataset``, which holds a dated event, as a matplotlib figure.

    Raises:
        UsageError: matplotlib is not installed.
    """
    _pyplot_free()
    from matplotlib import dates as mdates  # noqa: PLC0415 - see _pyplot_free
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    items, undated, width = _items(dataset, by, mdates.date2num)
    assert items, "the caller draws only a dataset with a dated event"
    lanes = _order(items)
    items = [
        attrs.evolve(item, lane=item.lane if item.lane in lanes else _OTHER)
        for item in sorted(items, key=lambda item: (item.start, item.end))
    ]
    items = list({(item.event.id, item.lane): item for item in items}.values())
    rows = _pack(items, width * (1 + 2 * _MARGIN) / _CHARS_ACROSS)
    depth = {lane: 1 + max(r for r, i in zip(rows, items, strict=True) if i.lane == lane)
             for lane in lanes}  # fmt: skip
    top: dict[str, float] = {}
    y = 0.0
    for lane in lanes:
        top[lane] = y
        y += depth[lane] + _GAP
    figure = Figure(figsize=(11, 1.2 + _ROW_INCHES * y), layout="constrained")
    axes: Axes = figure.add_subplot()
    for item, row in zip(items, rows, strict=True):
        look = _LOOKS.get(ek.EventStatus(item.event.status), _LOOKS[ek.EventStatus.OCCURRED])
        level = top[item.lane] + row
        _mark(axes, item, level, look)
        axes.annotate(
            item.label,
            (item.start, level),
            xytext=(4 if item.end - item.start < width / 100 else 0, 5),
            textcoords="offset points",
            fontsize=_FONT,
            color="#333333",
            va="bottom",
            parse_math=False,
        )
    axes.set_yticks(
        [top[lane] + (depth[lane] - 1) / 2 for lane in lanes], lanes, fontsize=8, parse_math=False
    )
    for lane in lanes[1:]:
        axes.axhline(top[lane] - (_GAP + 0.2) / 2 - 0.4, color="#eeeeee", linewidth=0.8)
    axes.set_ylim(y - _GAP + 0.2, -1.0)
    low = min(item.start for item in items)
    per_char = width * (1 + 2 * _MARGIN) / _CHARS_ACROSS
    high = max(max(item.end, item.start + per_char * len(item.label)) for item in items)
    first, last = _calendar(mdates.date2num)  # a margin past them could not be labelled
    axes.set_xlim(max(low - width * _MARGIN, first), min(high + width * _MARGIN, last))
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.grid(axis="x", color="#e4e4e4", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    shown = {ek.EventStatus(item.event.status) for item in items}
    handles: list[Any] = [
        Patch(
            facecolor=_LOOKS[status].colour if _LOOKS[status].filled else "white",
            edgecolor=_LOOKS[status].colour,
            hatch=_LOOKS[status].hatch,
            linestyle="--" if _LOOKS[status].dashed else "-",
            label=str(status),
        )
        for status in _LOOKS
        if status in shown
    ]
    handles.append(Line2D([], [], color="#555555", marker="o", linestyle="", label="one day"))
    handles.append(Line2D([], [], color="#555555", marker=">", linestyle="", label="open end"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.6 / y), fontsize=7,
                frameon=False, ncols=len(handles))  # fmt: skip
    heading = printable(title or dataset.name or "Timeline")  # no control character in XML
    if undated:
        heading += f"  ({undated} undated event{'s' if undated != 1 else ''} not shown)"
    axes.set_title(heading, loc="left", fontsize=10, parse_math=False)
    return figure


def _mark(axes: Axes, item: _Item, y: float, look: _Look) -> None:
    start, end = item.start, item.end
    face = look.colour if look.filled else "white"
    if end - start < 1.5 and not (item.open_start or item.open_end):  # a day or finer: a dot
        middle = start + (end - start) / 2
        axes.plot([middle], [y], marker="o", markersize=6, color=look.colour,
                  markerfacecolor=face, linestyle="")  # fmt: skip
        if look.crossed:
            axes.plot([middle], [y], marker="x", markersize=7, color="black")
        return
    alpha = 0.4 if item.open_start or item.open_end else 0.9
    axes.barh(y, end - start, left=start, height=0.45, color=face, edgecolor=look.colour,
              hatch=look.hatch, alpha=alpha, linewidth=1,
              linestyle="--" if look.dashed else "-")  # fmt: skip
    if look.crossed:
        axes.plot([start, end], [y, y], color="black", linewidth=0.8)
    if item.open_start:
        axes.plot([start], [y], marker="<", color=look.colour, markersize=5)
    if item.open_end:
        axes.plot([end], [y], marker=">", color=look.colour, markersize=5)


def check_format(path: Path) -> str:
    """The format ``path``'s suffix names, one of `FORMATS`.

    Raises:
        UsageError: another suffix.
    """
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        msg = f"-o {path}: give a file name ending in {', '.join('.' + f for f in FORMATS)}"
        raise UsageError(msg)
    return kind


def save(figure: Figure, path: Path) -> None:
    """Write ``figure`` to ``path`` atomically: SVG, PNG or an HTML page holding the SVG.

    Raises:
        UsageError: a suffix other than those in `FORMATS`.
    """
    kind = check_format(path)
    matplotlib = _pyplot_free()
    buffer = io.BytesIO()
    # A fixed hash salt and no date: the same dataset gives the same bytes.
    with matplotlib.rc_context({"svg.hashsalt": "eventkit", "svg.fonttype": "none"}):
        if kind == "png":
            figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        else:
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    data = buffer.getvalue()
    if kind == "html":
        title = html.escape(printable(os.path.basename(path)))
        data = (
            (
                '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
                f"<title>{title}</title></head>\n<body>\n"
            ).encode()
            + data[data.index(b"<svg") :]
            + b"</body>\n</html>\n"
        )
    with atomic_write(path) as out:
        out.write(data)
