"""The report of an import or an export: what became of each field of each row.

An adapter records, row by row, where every field went: mapped as it was,
changed (with the value before and after), dropped (with the reason) or
rejected (with the problem). Rows are keyed by their id in the source (the
record's id, on export) and by their position, so two rows sharing an id —
which are reported in `ConversionReport.duplicates`, never merged — stay
apart.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

import attrs

from eventkit._dataset import Dataset
from eventkit._time import TimeSpan, When
from eventkit.exceptions import Problem, ValidationError, _encodable

__all__ = [
    "ConversionReport",
    "Exported",
    "FieldOutcome",
    "Imported",
    "Outcome",
    "Recorder",
    "build_refusing",
]

_T = TypeVar("_T")


class Outcome(enum.StrEnum):
    """What became of one field of one row.

    Examples:
        >>> Outcome("dropped") is Outcome.DROPPED
        True
    """

    MAPPED = "mapped"
    """Carried over as it was, to ``target``."""
    CHANGED = "changed"
    """Carried over in another form: ``before`` became ``after``."""
    DROPPED = "dropped"
    """Not carried over: the other side has no place for it (``reason``)."""
    REJECTED = "rejected"
    """Not carried over: the value is wrong (``problem``)."""


@attrs.frozen(kw_only=True)
class FieldOutcome:
    """One field of one row, and what became of it.

    Attributes:
        row: the id of the row in the source (on export, the record's id).
        index: the row's position in the source, from 0.
        field: the field's name in the source (on export, the eventkit field path).
        outcome: mapped, changed, dropped or rejected (`Outcome`).
        target: where it went (``"Event.title"``, a PLOVER or ACLED key).
        before: the value as it was, for a changed field.
        after: the value as it became, for a changed field.
        reason: why a field was changed or dropped.
        problem: what is wrong with a rejected field.

    Examples:
        >>> FieldOutcome(row="r1", index=0, field="fatalities", outcome="mapped",
        ...              target="Event.casualties.killed").outcome
        <Outcome.MAPPED: 'mapped'>
    """

    row: str
    index: int
    field: str
    outcome: Outcome = attrs.field(converter=Outcome)
    target: str | None = None
    before: Any = None
    after: Any = None
    reason: str | None = None
    problem: Problem | None = None

    def __str__(self) -> str:
        return self.shown("row")

    def shown(self, noun: str) -> str:
        """The outcome in words, its row named by ``noun`` (``"record"`` on export).

        Examples:
            >>> dropped = FieldOutcome(row="s1", index=1, field="Statement", outcome="dropped")
            >>> dropped.shown("record")
            "record 's1' (#1): Statement dropped"
        """
        where = f"{noun} {self.row!r} (#{self.index})"
        text = f"{where}: {self.field} {self.outcome.value}"
        if self.target is not None:
            text += f" to {self.target}"
        if self.outcome is Outcome.CHANGED:
            text += f": {self.before!r} -> {self.after!r}"
        if self.reason is not None:
            text += f" ({self.reason})"
        if self.problem is not None:
            text += f": {self.problem}"
        return _encodable(text)

    def to_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data, leaving out what is not set.

        Examples:
            >>> FieldOutcome(row="r", index=0, field="notes", outcome="dropped",
            ...              reason="no place for it").to_dict()
            {'row': 'r', 'index': 0, 'field': 'notes', 'outcome': 'dropped', 'reason': 'no place for it'}
        """  # noqa: E501 - the doctest output is one line
        found: dict[str, Any] = {
            "row": self.row,
            "index": self.index,
            "field": self.field,
            "outcome": self.outcome.value,
        }
        for name in ("target", "before", "after", "reason"):
            value = getattr(self, name)
            if value is not None:
                found[name] = value
        if self.problem is not None:
            found["problem"] = self.problem.to_dict()
        return found


def _to_tuple(items: Iterable[FieldOutcome]) -> tuple[FieldOutcome, ...]:
    return tuple(items)


def _to_duplicates(items: Mapping[str, Iterable[int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(value) for key, value in items.items()}


@attrs.frozen(kw_only=True)
class ConversionReport:
    """What an import or export did with every field of every row.

    Attributes:
        format: the other side (``"plover"``, ``"acled"``).
        direction: ``"import"`` (into eventkit) or ``"export"`` (out of it).
        rows: how many rows were converted (on export, how many records: the
            summary says "records", and names each by its position in the dataset).
        fields: one `FieldOutcome` per field of each row, in row order.
        duplicates: ids that more than one row of the source has, with the
            positions of those rows; such rows are never merged.

    Examples:
        >>> report = ConversionReport(format="acled", direction="import", rows=1, fields=[
        ...     FieldOutcome(row="r1", index=0, field="notes", outcome="mapped",
        ...                  target="Event.summary")])
        >>> report.complete, report.counts()
        (True, {'mapped': 1})
    """

    format: str
    direction: str
    rows: int = 0
    fields: tuple[FieldOutcome, ...] = attrs.field(default=(), converter=_to_tuple)
    duplicates: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict, converter=_to_duplicates)

    @property
    def complete(self) -> bool:
        """Whether nothing was dropped or rejected (changed values are carried over)."""
        return not any(f.outcome in (Outcome.DROPPED, Outcome.REJECTED) for f in self.fields)

    def of(self, row: str) -> tuple[FieldOutcome, ...]:
        """The outcomes of the rows whose id is ``row``."""
        return tuple(f for f in self.fields if f.row == row)

    def select(self, outcome: Outcome | str) -> tuple[FieldOutcome, ...]:
        """The outcomes of one kind: ``report.select("dropped")``."""
        wanted = Outcome(outcome)
        return tuple(f for f in self.fields if f.outcome is wanted)

    def counts(self) -> dict[str, int]:
        """How many fields had each outcome (only outcomes that occur)."""
        counted = Counter(f.outcome.value for f in self.fields)
        return {o.value: counted[o.value] for o in Outcome if counted[o.value]}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "format": self.format,
            "direction": self.direction,
            "rows": self.rows,
            "counts": self.counts(),
            "duplicates": {key: list(value) for key, value in self.duplicates.items()},
            "fields": [f.to_dict() for f in self.fields],
        }

    def summary(self, *, limit: int | None = 20) -> str:
        """A human summary: the counts, then the changed, dropped and rejected fields.

        Examples:
            >>> print(ConversionReport(format="plover", direction="export", rows=2, fields=[
            ...     FieldOutcome(row="s1", index=1, field="Statement", outcome="dropped",
            ...                  reason="PLOVER has no statements")]).summary())
            plover export: 2 records; dropped 1
              record 's1' (#1): Statement dropped (PLOVER has no statements)
        """
        noun = "record" if self.direction == "export" else "row"  # an export counts records
        counts = ", ".join(f"{name} {number:,}" for name, number in self.counts().items())
        nouns = noun if self.rows == 1 else f"{noun}s"
        head = f"{self.format} {self.direction}: {self.rows:,} {nouns}"
        lines = [f"{head}; {counts}" if counts else head]
        for key, where in self.duplicates.items():
            lines.append(f"  duplicate id {key!r} in rows {', '.join(map(str, where))}")
        notable = [f for f in self.fields if f.outcome is not Outcome.MAPPED]
        lines.extend(f"  {f.shown(noun)}" for f in notable[:limit])
        if limit is not None and len(notable) > limit:
            lines.append(f"  … and {len(notable) - limit} more")
        return _encodable("\n".join(lines))

    def __str__(self) -> str:
        return self.summary()


class Imported(NamedTuple):
    """What an import returns: the dataset and the report (unpack it: ``ds, report = ...``)."""

    dataset: Dataset
    report: ConversionReport


class Exported(NamedTuple):
    """What an export returns: the rows written and the report of what they cannot carry."""

    rows: list[dict[str, Any]]
    report: ConversionReport


class Recorder:
    """Collects the outcomes of one conversion, row by row (for adapters).

    Examples:
        >>> recorder = Recorder(format="demo", direction="import")
        >>> recorder.start("a", 0)
        >>> recorder.mapped("name", "Actor.name")
        >>> recorder.report().counts()
        {'mapped': 1}
    """

    def __init__(self, *, format: str, direction: str) -> None:
        self.format = format
        self.direction = direction
        self._fields: list[FieldOutcome] = []
        self._seen: dict[str, list[int]] = {}
        self._row = ""
        self._index = -1
        self._row_start = 0  # where the current row's outcomes begin in _fields
        self.names: Mapping[str, str] = {}
        """Source field names as the row spells them, by the names the adapter uses."""

    def start(self, row: str, index: int, *, key: str | None = None) -> None:
        """Begin the row with id ``row`` at position ``index``.

        Rows of one ``key`` (by default, of one id) are reported duplicates;
        a ``key`` of its own tells rows apart that share their id as they
        should: the mentions of one event in different articles.
        """
        self._row, self._index = row, index
        self._row_start = len(self._fields)
        self.names = {}
        self._seen.setdefault(row if key is None else key, []).append(index)

    def reported(self, field: str) -> bool:
        """Whether the current row's ``field`` has a verdict already.

        Examples:
            >>> recorder = Recorder(format="demo", direction="export")
            >>> recorder.start("s", 0)
            >>> recorder.dropped("kind", "no place for it")
            >>> recorder.reported("kind"), recorder.reported("text")
            (True, False)
        """
        return any(f.field == field for f in self._fields[self._row_start :])

    def seen(self, row: str) -> bool:
        """Whether a row with this id has come before."""
        return len(self._seen.get(row, ())) > 1

    def _add(self, field: str, outcome: Outcome, **values: Any) -> None:
        self._fields.append(
            FieldOutcome(
                row=self._row,
                index=self._index,
                field=self.names.get(field, field),
                outcome=outcome,
                **values,
            )
        )

    def mapped(self, field: str, target: str) -> None:
        """The field was carried over as it was, to ``target``."""
        self._add(field, Outcome.MAPPED, target=target)

    def changed(self, field: str, target: str, before: Any, after: Any, reason: str) -> None:
        """The field was carried over to ``target`` in another form."""
        self._add(field, Outcome.CHANGED, target=target, before=before, after=after, reason=reason)

    def unmerged(
        self, field: str, target: str, record_id: str, taken: Container[str], *, item: str = "row"
    ) -> str:
        """``record_id`` with ``-2``, ``-3``… added until ``taken`` has it not, reported changed.

        Two rows (or records: ``item``) of the source with one id are never merged into one.

        Examples:
            >>> recorder = Recorder(format="demo", direction="import")
            >>> recorder.start("a", 1)
            >>> recorder.unmerged("id", "Event.id", "a", {"a", "a-2"})
            'a-3'
            >>> recorder.report().fields[0].reason
            'another row of the source has this id: not merged'
        """
        number = 2
        while f"{record_id}-{number}" in taken:
            number += 1
        renamed = f"{record_id}-{number}"
        reason = f"another {item} of the source has this id: not merged"
        self.changed(field, target, record_id, renamed, reason)
        return renamed

    def dropped(self, field: str, reason: str) -> None:
        """The field was not carried over, for ``reason``."""
        self._add(field, Outcome.DROPPED, reason=reason)

    def event_type(self, tag: str, *, holder: str, read_as: str) -> bool:
        """Whether an event of type ``tag`` reads back as one; if not, its type dropped.

        ``holder`` (``"ACLED"``) has no event types of eventkit's: its reader
        makes every event one of ``read_as`` (``"acled.event"``), which holds
        a plain event too. Any other type (a ``phone_call``, a type of a
        user's) is lost, whatever codes it gave are written.

        Examples:
            >>> recorder = Recorder(format="demo", direction="export")
            >>> recorder.start("e", 0)
            >>> recorder.event_type("event", holder="Demo", read_as="demo.event")
            True
            >>> recorder.event_type("phone_call", holder="Demo", read_as="demo.event")
            False
            >>> print(recorder.report().fields[0])
            row 'e' (#0): type dropped (Demo has no event types: a phone_call reads back as a demo.event)
        """  # noqa: E501 - the doctest output is one line
        if tag in ("event", read_as):
            return True
        self.dropped("type", f"{holder} has no event types: {_a(tag)} reads back as {_a(read_as)}")
        return False

    def date_texts_dropped(self, when: When, field: str, *, holder: str) -> None:
        """Each text the date ``when`` (and each end of a span) was read from, dropped.

        The format (``holder``) holds the date, not the words it was read from.
        """
        parts: dict[str, When | None] = {field: when}
        if isinstance(when, TimeSpan):
            parts |= {f"{field}.start": when.start, f"{field}.end": when.end}
        for name, part in parts.items():
            if part is not None and part.text is not None:
                self.dropped(
                    f"{name}.text", f"{holder} holds the date, not the text it was read from"
                )

    def fields_left(
        self,
        fields: Iterable[str],
        used: Container[str],
        *,
        status: str,
        holder: str,
        place: str,
        targets: Mapping[str, str] | None = None,
    ) -> None:
        """On export, each field of an event: mapped if ``used``, else dropped.

        A used field is mapped to its name in ``targets`` (else its own); an
        unused one is dropped because ``holder`` (``"ACLED"``) has no
        ``place`` (``"column"``) for it, the status with the ``status`` the
        event had.
        """
        for key in fields:
            if key in used:
                self.mapped(key, key if targets is None else targets.get(key, key))
            elif key == "status":
                self.dropped("status", f"{holder} has no status: the event was {status}")
            else:
                self.dropped(key, f"{holder} has no {place} for it")

    def rejected(self, field: str, problem: Problem) -> None:
        """The field's value is wrong and was not carried over."""
        self._add(field, Outcome.REJECTED, problem=problem)

    def overrule(self, field: str, problem: Problem) -> None:
        """The field's value, recorded as mapped or changed, was refused: reject it instead.

        What was recorded as mapped or changed for the field in the current
        row is taken back, so the report does not say both.

        Examples:
            >>> recorder = Recorder(format="demo", direction="import")
            >>> recorder.start("a", 0)
            >>> recorder.mapped("lat", "Place.lat")
            >>> recorder.overrule("lat", Problem(code="out_of_range", message="m", input=91))
            >>> recorder.report().counts()
            {'rejected': 1}
        """
        self._take_back(self.names.get(field, field))
        self.rejected(field, problem)

    def reject_row(self, problems: Iterable[Problem]) -> None:
        """The current row could not be read: nothing of it was carried over.

        What was recorded as mapped or changed for it is taken back; each
        problem is recorded as a rejected field, at its path.
        """
        self._take_back(None)
        for problem in problems:
            self.rejected(problem.path, problem)

    def _take_back(self, field: str | None) -> None:
        """Forget what the current row recorded as mapped or changed: for ``field``, or all.

        Only the current row's outcomes are looked at (they are the last
        ones), so a conversion that refuses values in many rows stays linear.
        """
        row = self._fields[self._row_start :]
        del self._fields[self._row_start :]
        self._fields.extend(
            f
            for f in row
            if f.outcome in (Outcome.DROPPED, Outcome.REJECTED)
            or (field is not None and f.field != field)
        )

    def report(self) -> ConversionReport:
        """The report of everything recorded."""
        return ConversionReport(
            format=self.format,
            direction=self.direction,
            rows=sum(len(where) for where in self._seen.values()),
            fields=self._fields,
            duplicates={key: where for key, where in self._seen.items() if len(where) > 1},
        )


def build_refusing(
    kind: Callable[..., _T],
    values: Mapping[str, Any],
    columns: Mapping[str, str],
    reject: Callable[[str, Problem], None],
) -> _T:
    """``kind(**values)``, leaving out a value it refuses that came from one of ``columns``.

    ``columns`` names the source column of each field it covers; each
    problem with such a field is passed to ``reject`` with its column (the
    adapter reports the cell rejected and keeps it), and the record is made
    without those fields. Any other problem, or one the record made
    without them has (a rule across fields), is raised (a `ValidationError`).

    Examples:
        >>> from eventkit import Place
        >>> refused = []
        >>> place = build_refusing(Place, {"name": "Kyiv", "country": "Ukraine"},
        ...     {"country": "iso"}, lambda column, problem: refused.append((column, problem.code)))
        >>> place.name, place.country, refused
        ('Kyiv', None, [('iso', 'invalid_value')])
    """
    try:
        return kind(**values)
    except ValidationError as error:
        fields = [str(problem.loc[0]) if problem.loc else "" for problem in error.problems]
        if not all(field in columns for field in fields):
            raise
        for field, problem in zip(fields, error.problems, strict=True):
            reject(columns[field], problem)
    return kind(**{key: value for key, value in values.items() if key not in fields})


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "an event", "a phone_call"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
