"""ACLED CSV rows in and out of eventkit, in the current column set and the 2016 API layout.

Every ACLED row becomes an `AcledEvent` (tag ``acled.event``): an
`eventkit.Event` with the fields ACLED has and the core model lacks,
declared with eventkit's public field spec, so nothing is dropped and the
same validation, serialisation and export apply. Where each column goes:

| ACLED column | eventkit |
|---|---|
| event_id_cnty | `Event.id` and `identifiers["acled"]` |
| event_date, year, time_precision | `Event.when`: the day (precision 1), the week around the date (2, a `TimeSpan`) or its month (3); for 2 and 3 the date ACLED recorded in `recorded_date`; an empty or other `time_precision` is rejected (kept as it was) and the date read as the day; a `year` that is no whole number (``2024.0``) is rejected and one not the date's kept as it was, both in `extra` |
| disorder_type | `Codes.acled_disorder` (split on `"; "`) |
| event_type, sub_event_type | `Codes.acled`, `Codes.acled_sub_event`; 2016 types mapped by `EVENT_TYPES_2016`, the original kept in `Codes.original["event_type"]` |
| actor1, actor2 | `Participant` `initiator`, `target` (an `Actor` per name, its kind from `inter1`/`inter2` when first seen) |
| assoc_actor_1/2 (2016: ally_actor_1/2) | `Participant` `acled.assoc_actor_1`/`_2` (split on `"; "`) |
| inter1, inter2, interaction | `inter1`, `inter2`, `interaction` |
| civilian_targeting | `civilian_targeting` (True for "Civilian targeting") |
| iso, country | `Place.country` (ISO alpha-3): of the number in `iso`, else of the name in `country` (`country_of_name`: a name of no ISO country gives none, and the report says so); ACLED's spelling of the name in `country_name` |
| region, source_scale, timestamp | `region`, `source_scale`, `timestamp` |
| admin1..3, location | `Place.admin1..3`, `Place.name` |
| latitude, longitude | `Place.lat`, `Place.lon` |
| geo_precision | `Place.precision` (1 exact, 2 near, 3 admin_region) |
| source | one `Source` and `Citation` per source (split on `"; "`) |
| notes | `Event.summary` |
| fatalities | `Event.casualties.killed`, qualified `at_least`: ACLED codes the lowest reported figure |
| tags | `Event.tags` (split on `"; "`) |
| gwno, data_id, event_id_no_cnty (2016) | `gwno`, `data_id`, `event_id_no_cnty` |
| any other column | `extra`, verbatim (an index column pandas wrote) |

An event's title, which ACLED does not have, is made from its type and
location. Numbers written otherwise than eventkit writes them (``"02"``,
``"3.10"``) are read as numbers and reported as ``changed``.

Examples:
    >>> from eventkit.interop import acled
    >>> ds, report = acled.read([{"event_id_cnty": "SOM1", "event_date": "2016-07-02",
    ...     "time_precision": "1", "event_type": "Remote violence", "actor1": "Al Shabaab",
    ...     "inter1": "2", "country": "Somalia", "location": "Baidoa",
    ...     "latitude": "3.11718", "longitude": "43.6469", "geo_precision": "1",
    ...     "fatalities": "2", "source": "Agence France Presse"}])
    >>> event = ds["SOM1"]
    >>> event.codes.acled, event.place.country, event.casualties.killed.value
    ('Explosions/Remote violence', 'SOM', 2)
    >>> report.complete
    True
    >>> rows, _ = acled.write(ds, layout="2016")
    >>> rows[0]["event_type"], rows[0]["latitude"], rows[0]["year"]
    ('Remote violence', '3.11718', '2016')
"""  # noqa: E501 - a row of the mapping table is one line

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Final, Literal

import attrs
import pycountry

from eventkit import checks
from eventkit._codes import Codes
from eventkit._dataset import Dataset
from eventkit._events import codes_of
from eventkit._fields import Text
from eventkit._friendly import to_mapping
from eventkit._ids import make_id
from eventkit._json_keys import repeated
from eventkit._records import (
    Actor,
    Casualties,
    Citation,
    Event,
    Participant,
    Place,
    Quantity,
    Record,
    Source,
    Statement,
)
from eventkit._registry import event_type
from eventkit._serialize import to_dict
from eventkit._time import PartialDate, Precision, TimeSpan, When
from eventkit._validated import EMPTY_MAPPING
from eventkit.exceptions import Problem, ValidationError
from eventkit.interop._placeholders import given_name
from eventkit.interop._report import (
    ConversionReport,
    Exported,
    Imported,
    Recorder,
    build_refusing,
)
from eventkit.interop._tables import acled_actor_type, acled_actor_types, country_of_name
from eventkit.interop._text import CSV, LineReader, Unreadable
from eventkit.interop._values import (
    read_float,
    read_id,
    read_int,
    rows_given,
    start_row,
    write_number,
)
from eventkit.io._atomic import atomic_write

__all__ = [
    "COLUMNS",
    "COLUMNS_2016",
    "EVENT_TYPES_2016",
    "INTER_CODES",
    "AcledEvent",
    "read",
    "read_csv",
    "write",
    "write_csv",
]

Layout = Literal["current", "2016"]
Row = dict[str, str]

COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""The columns of ACLED's current data, in ACLED's order."""

COLUMNS_2016: tuple[str, ...] = (
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "ally_actor_1",
    "ally_actor_2",
    "country",
    "data_id",
    "event_date",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_type",
    "fatalities",
    "geo_precision",
    "gwno",
    "inter1",
    "inter2",
    "interaction",
    "latitude",
    "location",
    "longitude",
    "notes",
    "source",
    "time_precision",
    "year",
)
"""The columns of ACLED's 2016 API, in its (alphabetical) order."""

EVENT_TYPES_2016: Mapping[str, tuple[str | None, str | None]] = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": (
        "Battles",
        "Non-state actor overtakes territory",
    ),
    "Remote violence": ("Explosions/Remote violence", None),
    "Riots/Protests": (None, None),  # now two types, Riots and Protests: the row does not say
    "Violence against civilians": ("Violence against civilians", None),
    "Strategic development": ("Strategic developments", None),
    "Headquarters or base established": (
        "Strategic developments",
        "Headquarters or base established",
    ),
    "Non-violent transfer of territory": (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
}
"""ACLED's 2016 event types as the current event and sub-event types (None: no equivalent)."""


class _InterCodes(Mapping[int, tuple[str, str]]):
    """ACLED's actor types as ``{code: (name, kind)}``, read from the package's table on use."""

    def __getitem__(self, code: int) -> tuple[str, str]:
        found = acled_actor_types()[code]
        return found.label, found.kind

    def __iter__(self) -> Iterator[int]:
        return iter(acled_actor_types())

    def __len__(self) -> int:
        return len(acled_actor_types())

    def __repr__(self) -> str:
        return repr(dict(self))


INTER_CODES: Mapping[int, tuple[str, str]] = _InterCodes()
"""ACLED's actor-type codes (``inter1``, ``inter2``): the name ACLED's current exports
write for each and the `ActorKind` an actor of that type is given.

Examples:
    >>> INTER_CODES[2]
    ('Rebel group', 'armed_group')
"""

_PRECISIONS = {1: "exact", 2: "near", 3: "admin_region"}
_GEO_CODES = {name: code for code, name in _PRECISIONS.items()}
_ROLES = {
    "actor1": "initiator",
    "actor2": "target",
    "assoc_actor_1": "acled.assoc_actor_1",
    "assoc_actor_2": "acled.assoc_actor_2",
}
_ALLY = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
# The AcledEvent fields that hold one column's value, and the column.
_EVENT_COLUMNS: Final = {
    "inter1": "inter1",
    "inter2": "inter2",
    "interaction": "interaction",
    "timestamp": "timestamp",
    "gwno": "gwno",
    "data_id": "data_id",
    "event_id_no_cnty": "event_id_no_cnty",
    "region": "region",
    "source_scale": "source_scale",
    "country_name": "country",
    "summary": "notes",
    "tags": "tags",
}
# The Place fields read from a column as text, and the column; lat and lon, from numbers.
_PLACE_COLUMNS: Final = {
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "name": "location",
}
_LAT_LON: Final = (("lat", "latitude"), ("lon", "longitude"))
# The Codes fields read from a column, and the column.
_CODE_COLUMNS: Final = {
    "acled": "event_type",
    "acled_sub_event": "sub_event_type",
    "acled_disorder": "disorder_type",
}
_SEPARATOR = "; "
_CIVILIAN_TARGETING = "Civilian targeting"
_FORMAT = "acled"


@event_type("acled.event")
@attrs.frozen(kw_only=True)
class AcledEvent(Event):
    """An ACLED event: an `eventkit.Event` with the columns the core model has no field for.

    Attributes:
        recorded_date: the date ACLED recorded when it knew only the week
            (time precision 2) or month (3): a midpoint, which ``when``
            (the week or the month) cannot tell.
        inter1: the actor-type code of actor 1 (`INTER_CODES`).
        inter2: the actor-type code of actor 2.
        interaction: the two codes together (``13``: state forces against a
            political militia).
        civilian_targeting: whether civilians were the target.
        region: ACLED's world region.
        country_name: the country's name as ACLED spells it.
        source_scale: the scale of the sources (``"National"``, …).
        timestamp: when ACLED last changed the row (Unix time).
        gwno: the Gleditsch–Ward country number (2016 layout).
        data_id: ACLED's numeric row id (2016 layout).
        event_id_no_cnty: ACLED's event number without the country prefix
            (2016 layout).
        extra: columns this adapter does not know, verbatim.

    Examples:
        >>> AcledEvent(id="SOM1", title="Remote violence in Baidoa", inter1=2,
        ...            interaction=27).inter1
        2
    """

    recorded_date: PartialDate | None = None
    inter1: Annotated[int, checks.in_range(0, 8)] | None = None
    inter2: Annotated[int, checks.in_range(0, 8)] | None = None
    interaction: Annotated[int, checks.in_range(0, 88)] | None = None
    civilian_targeting: bool = False
    region: Text | None = None
    country_name: Text | None = None
    source_scale: Text | None = None
    timestamp: Annotated[int, checks.in_range(0)] | None = None
    gwno: Annotated[int, checks.in_range(0)] | None = None
    data_id: Annotated[int, checks.in_range(0)] | None = None
    event_id_no_cnty: Annotated[int, checks.in_range(0)] | None = None
    extra: Mapping[str, str] = attrs.field(default=EMPTY_MAPPING, converter=to_mapping)


# --- in ----------------------------------------------------------------------------------


_KNOWN_COLUMNS: Final = frozenset(COLUMNS).union(COLUMNS_2016)


def read_csv(path: str | os.PathLike[str]) -> Imported:
    r"""Read an ACLED CSV file, either layout; ``#`` comment lines before the header are skipped.

    The file is read as `write_csv`, pandas and spreadsheets write CSV: UTF-8
    (a byte-order mark left out), cells separated by commas, a cell that
    holds a comma, a quote or a line break quoted (``"``, a quote in it
    written twice); a line ends at ``\n``, ``\r\n`` or ``\r``. A cell may
    be of any length (Python's csv module stops at 131,072 characters); one
    longer than `eventkit.limits` allows is rejected (``too_long``) and the
    rest of its row read. Blank lines are skipped. A line that cannot be
    read as a row is rejected at ``$``, with why, and the other rows are
    read: one whose cells are more or fewer than the header's columns
    (which cell is under which column is not known), one with a value in two
    columns of one name (which is its value is not known; an empty cell under
    a name given twice gives no value), one that is not UTF-8, one with text
    after a quoted cell, and one with a quote that is never closed (the rest
    of the file is in that cell). Every problem names the file and the line
    its row starts on.

    Raises:
        ValidationError: the header cannot be read: it is not UTF-8, or has
            a quote never closed or text after a quoted cell; or it names no
            column of either layout (the file is not ACLED's: its rows would
            be read as ``extra`` alone).
        OSError: the file cannot be read.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "acled.csv"
        >>> _ = path.write_text("event_id_cnty,event_date,time_precision,event_type,country\n"
        ...                     "X1,2024-01-05,1,Protests,Kenya\n"
        ...                     "X2,2024-01-06,1,Protests\n")
        >>> ds, report = read_csv(path)
        >>> ds["X1"].place.country, "X2" in ds
        ('KEN', False)
        >>> print(report.select("rejected")[0].problem)  # doctest: +ELLIPSIS
        /.../acled.csv:3: $: expected 5 cells, one under each column of the header (line 1), got 4 [invalid_value]
    """  # noqa: E501 - the doctest output is one line
    reader = LineReader(CSV)
    lines = reader.lines(path)
    header = next(lines, None)
    if header is None:
        return _read([], name=Path(path).name)
    if header.fault is not None:
        raise ValidationError([header.fault], title=header.file)
    columns = header.cells
    if not _KNOWN_COLUMNS.intersection(columns):
        message = (
            f"no column of ACLED's in the header: not an ACLED file (its header names "
            f"{', '.join(COLUMNS[:3])}…)"
        )
        problem = Problem(
            code="invalid_value",
            message=message,
            input=columns,
            file=header.file,
            line=header.number,
        )
        raise ValidationError([problem], title=header.file)
    twice = repeated((name, number) for number, name in enumerate(columns, 1))
    given = reader.rows(
        lines,
        lambda cells: _fit(cells, columns, twice, header.number),
        # An unreadable line is named by its cell under event_id_cnty, if it has one.
        id_cell=columns.index("event_id_cnty") if "event_id_cnty" in columns else len(columns),
    )
    dataset, report = _read(given, name=Path(path).name)
    return Imported(dataset, reader.placed(report))


def _fit(
    cells: Sequence[str], columns: Sequence[str], twice: Mapping[str, list[int]], header: int
) -> Row | Problem:
    """The cells by column, or why not: not one cell for each column, or two for one name."""
    if len(cells) != len(columns):
        message = (
            f"expected {len(columns)} cells, one under each column of the header (line {header})"
        )
        return Problem(code="invalid_value", message=message, input=len(cells))
    for name, numbers in twice.items():
        filled = [number for number in numbers if cells[number - 1]]
        if len(filled) > 1:
            message = (
                f"the header (line {header}) names the column {name!r} {len(numbers)} times, "
                f"and cells {_listed(filled)} of this row have a value: which is its value "
                "is not known"
            )
            values = [cells[number - 1] for number in filled]
            return Problem(code="duplicate_key", message=message, input=values)
    row: Row = {}
    for name, cell in zip(columns, cells, strict=True):
        if cell or name not in row:  # an empty cell under a name given twice gives no value
            row[name] = cell
    return row


def _listed(numbers: Sequence[int]) -> str:
    """``1, 2 and 3``."""
    return f"{', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def read(rows: Iterable[Mapping[str, Any]], *, name: str = "ACLED") -> Imported:
    """ACLED rows (from ``csv.DictReader`` or ``DataFrame.to_dict("records")``) as a dataset.

    Empty cells, NaN, pandas' NA, numpy numbers and pandas' dates are read
    as a CSV reader's text would be (`read_cells`). A row that cannot be
    read is left out, its problems in the report (``rejected``); a cell
    that cannot be read (a latitude ``"north"``, a list, text with a lone
    surrogate, a column name that is not text) is rejected and the rest of
    its row read. A row without an ``event_id_cnty`` gets an id made from
    its column names and cells (``acled-`` and a hash: the same row, the
    same id), reported as ``changed``; rows that share an id are reported
    in ``duplicates`` and never merged. An item of ``rows`` that is not a
    mapping is rejected at ``$``.

    Raises:
        TypeError: ``rows`` is one mapping, text, or not iterable (`rows_given`).

    Examples:
        >>> ds, report = read([{"event_id_cnty": "A1", "event_date": "2016-07-01",
        ...                     "time_precision": "1",
        ...                     "event_type": "Battle-No change of territory",
        ...                     "latitude": "north"}])
        >>> ds["A1"].codes.acled_sub_event
        'Armed clash'
        >>> [(f.field, f.problem.message) for f in report.select("rejected")]
        [('latitude', 'expected a number')]
    """
    return _read(rows_given(rows, "rows"), name=name)


def _read(rows: Iterable[Mapping[str, Any] | Unreadable], *, name: str) -> Imported:
    """`read`, and a line of a file that cannot be read as a row (`read_csv`) rejected at ``$``."""
    recorder = Recorder(format=_FORMAT, direction="import")
    found: dict[str, Record] = {}
    for index, raw in enumerate(rows):
        given = start_row(raw, index, recorder, id_column="event_id_cnty")
        if given is not None:  # no names to fold: no cells kept for a column given twice
            _read_row(given.read, found, recorder)
    return Imported(Dataset(found.values(), name=name), recorder.report())


class _Row:
    """One row being read: its cells, and the report of what became of each."""

    def __init__(self, row: Row, recorder: Recorder) -> None:
        self.row = row
        self.recorder = recorder
        self.extra: dict[str, str] = {}

    def get(self, column: str) -> str:
        return self.row.get(column, "")

    def number(self, column: str, target: str, *, real: bool = False) -> Any:
        text = self.get(column)
        if not text:
            return None
        value: Any = read_float(text) if real else read_int(text)
        if value is None:
            message = "expected a number" if real else "expected a whole number"
            self.reject(column, Problem(code="invalid_value", message=message, input=text))
            return None
        written = write_number(value) if real else str(value)
        if written == text:
            self.recorder.mapped(column, target)
        else:
            self.recorder.changed(column, target, text, value, "a number, written as eventkit does")
        return value

    def split(self, column: str) -> list[str]:
        """The cell's parts (separated by ``"; "``); a cell of separators only is kept.

        A cell with an empty part among others is rejected: a name left out
        of a list, or a separator too many, is not for eventkit to guess.
        """
        text = self.get(column)
        given = text.split(_SEPARATOR) if text else []
        parts = [part for part in given if part]
        if given and not parts:
            self.keep(column, "nothing between the separators")
        elif len(parts) < len(given):
            empty = given.index("") + 1
            message = f"part {empty} of {len(given)} (separated by {_SEPARATOR!r}) is empty"
            self.reject(column, Problem(code="invalid_value", message=message, input=text))
            return []
        return parts

    def reject(self, column: str, problem: Problem) -> None:
        """The cell cannot be read (even if read before, its value then refused)."""
        # at the column, not at the field of the record that refused it (Event.summary)
        self.recorder.overrule(column, attrs.evolve(problem, loc=(column, *problem.loc[1:])))
        self.extra[column] = self.get(column)  # kept, so the row still writes back as it was

    def keep(self, column: str, reason: str) -> None:
        self.extra[column] = self.get(column)
        self.recorder.mapped(column, f"AcledEvent.extra ({reason})")


def _country(row: _Row) -> str | None:
    """Place.country: of the ISO number in ``iso``, else of ACLED's name of it in ``country``."""
    iso, name = row.get("iso"), row.get("country")
    number = read_int(iso) if iso else None
    found = None if number is None else pycountry.countries.get(numeric=f"{number:03d}")
    if found is not None:
        numeric = str(int(found.numeric))
        if iso == numeric:
            row.recorder.mapped("iso", "Place.country")
        else:
            reason = "an ISO country number, written as ACLED writes it"
            row.recorder.changed("iso", "Place.country", iso, numeric, reason)
        return str(found.alpha_3)
    if iso and number is None:  # no number at all: a cell that cannot be read
        problem = Problem(code="invalid_value", message="expected an ISO country number", input=iso)
        row.reject("iso", problem)
    elif iso:  # a number ISO does not give a country (ACLED's for a territory)
        row.keep("iso", "not an ISO country number")
    return country_of_name(name) if name else None


def _read_when(row: _Row) -> tuple[When | None, PartialDate | None]:  # noqa: PLR0912 - one column after another
    text = row.get("event_date")
    day = _parse_day(text) if text else None
    if text and (either := _either_way(text)):
        day_first, month_first = either
        message = (
            f"expected a date: {text} is {_long(day_first)} if its day comes first, "
            f"{_long(month_first)} if its month does; write it as ACLED does, "
            f"{day_first.isoformat()} or {month_first.isoformat()}"
        )
        row.reject("event_date", Problem(code="invalid_value", message=message, input=text))
        day = None
    elif text and day is None:
        problem = Problem(code="invalid_value", message="expected a date", input=text)
        row.reject("event_date", problem)
    if day is None:
        for column in ("year", "time_precision"):
            if row.get(column):
                row.keep(column, "no event_date to date")
        return None, None
    if day.isoformat() == text:
        row.recorder.mapped("event_date", "Event.when")
    else:
        row.recorder.changed("event_date", "Event.when", text, day.isoformat(), "ISO date")
    given = row.get("time_precision")
    precision = read_int(given) if given else None
    if precision in (1, 2, 3) and given == str(precision):
        row.recorder.mapped("time_precision", "Event.when (its precision)")
    elif precision in (1, 2, 3):
        reason = "a number, written as eventkit does"
        row.recorder.changed(
            "time_precision", "Event.when (its precision)", given, precision, reason
        )
    else:  # the date is the day it names; what ACLED meant is not for eventkit to guess
        message = "expected 1, 2 or 3 (how precise event_date is): event_date read as the day"
        code = "invalid_value" if given else "missing"
        row.reject("time_precision", Problem(code=code, message=message, input=given))
        precision = 1
    recorded = PartialDate(year=day.year, month=day.month, day=day.day)
    year = row.get("year")
    number = read_int(year) if year else None
    if year and number is None:  # "2024.0" too: the other whole-number columns refuse it
        message = "expected a year, a whole number (2024)"
        row.reject("year", Problem(code="invalid_value", message=message, input=year))
    elif number == day.year:
        row.number("year", "Event.when (its year)")
    elif year:
        row.keep("year", "not the year of event_date")
    if precision == 2:
        week = timedelta(days=3)  # the span stops at the calendar's ends (years 1 and 9999)
        start = day - week if day - date.min >= week else date.min
        end = day + week if date.max - day >= week else date.max
        span = TimeSpan(
            start=PartialDate(year=start.year, month=start.month, day=start.day),
            end=PartialDate(year=end.year, month=end.month, day=end.day),
        )
        return span, recorded
    if precision == 3:
        return PartialDate(year=day.year, month=day.month), recorded
    return recorded, None


def _either_way(text: str) -> tuple[date, date] | None:
    """The two days a date such as 03/04/2024 is, day first and month first; None if one.

    ACLED writes neither (``2024-04-03``, ``3 April 2024``); a spreadsheet
    resaving its file writes its locale's order, which the file does not say.
    """
    try:
        day_first = datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 - a day, no time
        month_first = datetime.strptime(text, "%m/%d/%Y").date()  # noqa: DTZ007 - a day
    except ValueError:
        return None
    return None if day_first == month_first else (day_first, month_first)


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _parse_day(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    return None


def _read_inter(row: _Row, column: str) -> int | None:
    """An actor type, as a code (``"2"``, the 2016 layout) or a name (``"Rebel group"``)."""
    text = row.get(column)
    if not text:
        return None
    code = acled_actor_type(text)
    if code is None:
        message = "expected an ACLED actor type: a code from 0 to 8 or its name"
        row.reject(column, Problem(code="invalid_value", message=message, input=text))
    elif text == str(code):
        row.recorder.mapped(column, f"AcledEvent.{column}")
    else:
        reason = "ACLED's name of the actor type, held as its code (INTER_CODES)"
        row.recorder.changed(column, f"AcledEvent.{column}", text, code, reason)
    return code


def _read_interaction(row: _Row) -> int | None:
    """The two actor types together: ``"16"``, or ``"State forces-Protesters"`` in words."""
    text = row.get("interaction")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return row.number("interaction", "AcledEvent.interaction")  # type: ignore[no-any-return]
    names = [text.removesuffix(" only")] if text.endswith(" only") else text.split("-")
    codes = [acled_actor_type(name) for name in names]
    if not 1 <= len(codes) <= 2 or None in codes:
        message = "expected two ACLED actor types ('State forces-Protesters') or one ('… only')"
        row.reject("interaction", Problem(code="invalid_value", message=message, input=text))
        return None
    known = [code for code in codes if code is not None]
    code = known[0] * 10 + (known[1] if len(known) == 2 else 0)  # in the order given
    if _interaction_text(code) == text:
        row.recorder.mapped("interaction", "AcledEvent.interaction")
    else:
        reason = "ACLED's names of the actor types, held as their code"
        row.recorder.changed("interaction", "AcledEvent.interaction", text, code, reason)
    return code


def _inter_text(code: int) -> str:
    found = acled_actor_types().get(code)
    return str(code) if found is None else found.label


def _interaction_text(code: int) -> str:
    """An interaction code as ACLED's current exports write it (``"State forces-Protesters"``)."""
    first, second = divmod(code, 10)
    if first not in acled_actor_types() or second not in acled_actor_types() or first == 0:
        return str(code)
    if second == 0:
        return f"{_inter_text(first)} only"
    return f"{_inter_text(first)}-{_inter_text(second)}"


def _read_codes(row: _Row) -> Codes:
    kind, sub = row.get("event_type") or None, row.get("sub_event_type") or None
    original: dict[str, str] = {}
    if kind is not None and kind in EVENT_TYPES_2016:
        mapped_kind, mapped_sub = EVENT_TYPES_2016[kind]
        original["event_type"] = kind
        reason = "a 2016 ACLED event type; the original is kept in Codes.original"
        row.recorder.changed("event_type", "Codes.acled", kind, mapped_kind, reason)
        kind, sub = mapped_kind, sub or mapped_sub
    elif kind is not None:
        row.recorder.mapped("event_type", "Codes.acled")
    if row.get("sub_event_type"):
        row.recorder.mapped("sub_event_type", "Codes.acled_sub_event")
    disorder = row.split("disorder_type")
    if disorder:
        row.recorder.mapped("disorder_type", "Codes.acled_disorder")
    values = {"acled": kind, "acled_sub_event": sub, "acled_disorder": disorder}
    return build_refusing(Codes, values | {"original": original}, _CODE_COLUMNS, row.reject)


def _read_actors(row: _Row, found: dict[str, Record]) -> list[Participant]:
    participants = []
    for column in (
        "actor1",
        "assoc_actor_1",
        "ally_actor_1",
        "actor2",
        "assoc_actor_2",
        "ally_actor_2",
    ):
        text = row.get(column)
        if not text:
            continue
        names = [text] if column in ("actor1", "actor2") else row.split(column)
        if not names:
            continue
        role = _ROLES[_ALLY.get(column, column)]
        inter = acled_actor_type(row.get("inter1" if column.endswith("1") else "inter2"))
        kind = "group"
        if inter is not None and column.startswith("actor"):
            kind = acled_actor_types()[inter].kind
        try:
            actors = [
                Actor(id=make_id(name, prefix="acled-actor"), name=name, kind=kind)
                for name in names
            ]
        except ValidationError as error:  # a name no actor can have: the cell is kept
            row.reject(column, error.problems[0].at(column))
            continue
        for actor in actors:
            found.setdefault(actor.id, actor)
            participants.append(Participant(actor=actor.id, role=role))
        row.recorder.mapped(column, f"Participant({role})")
    return participants


def _read_place(row: _Row) -> Place | None:
    country = _country(row)
    if row.get("country"):
        also = (
            " and Place.country"
            if country is not None
            else " (no ISO 3166-1 country of this name: no Place.country)"
        )
        row.recorder.mapped("country", f"AcledEvent.country_name{also}")
    values: dict[str, Any] = {"country": country}
    for name, column in _PLACE_COLUMNS.items():
        if row.get(column):
            values[name] = row.get(column)
            row.recorder.mapped(column, f"Place.{name}")
    values.update(_read_coordinates(row))
    if "lat" in values:
        precision = row.number("geo_precision", "Place.precision")
        if precision in _PRECISIONS:
            values["precision"] = _PRECISIONS[precision]
        elif precision is not None:
            message = "expected 1, 2 or 3"
            row.reject(
                "geo_precision", Problem(code="invalid_value", message=message, input=precision)
            )
    elif row.get("geo_precision"):
        row.keep("geo_precision", "no coordinates to qualify")
    if all(value is None for value in values.values()):
        return None
    try:
        return build_refusing(Place, values, _PLACE_COLUMNS, row.reject)
    except ValidationError as error:  # no name, country or coordinates: admin areas are no place
        for column in ("admin1", "admin2", "admin3"):
            if row.get(column) and column not in row.extra:
                row.reject(column, error.problems[0])
        return None


def _read_coordinates(row: _Row) -> dict[str, float]:
    """``lat`` and ``lon`` of a Place: both or neither; one alone is kept, as it was, in extra."""
    given = {name: read_float(row.get(column)) for name, column in _LAT_LON}
    refused: dict[str, Problem] = {}
    if None not in given.values():
        try:
            Place(lat=given["lat"], lon=given["lon"])  # both in range
        except ValidationError as error:
            refused = {str(problem.loc[0]): problem for problem in error.problems}
        else:
            return {
                name: row.number(column, f"Place.{name}", real=True) for name, column in _LAT_LON
            }
    for name, column in _LAT_LON:
        if name in refused:
            row.reject(column, refused[name])
        elif given[name] is not None:
            row.keep(column, "no other coordinate to pair it with")
        else:
            row.number(column, f"Place.{name}", real=True)  # rejected if it is no number
    return {}


def _read_row(raw: Row, found: dict[str, Record], recorder: Recorder) -> None:  # noqa: PLR0912, PLR0915 - one column after another
    row = _Row(raw, recorder)
    added: dict[str, Record] = {}
    when, recorded = _read_when(row)
    codes = _read_codes(row)
    participants = _read_actors(row, added)
    values: dict[str, Any] = {}
    for column in ("inter1", "inter2"):
        values[column] = _read_inter(row, column)
    values["interaction"] = _read_interaction(row)
    for column in ("timestamp", "gwno", "data_id", "event_id_no_cnty"):
        values[column] = row.number(column, f"AcledEvent.{column}")
    for column, name in (
        ("region", "region"),
        ("source_scale", "source_scale"),
        ("country", "country_name"),
    ):
        if row.get(column):
            values[name] = row.get(column)
            if column != "country":
                recorder.mapped(column, f"AcledEvent.{name}")
    targeting = row.get("civilian_targeting")
    if targeting == _CIVILIAN_TARGETING:
        values["civilian_targeting"] = True
        recorder.mapped("civilian_targeting", "AcledEvent.civilian_targeting")
    elif targeting:
        row.keep("civilian_targeting", "not 'Civilian targeting'")
    place = _read_place(row)
    try:
        named = [
            Source(id=make_id(name, prefix="acled-source"), name=name, kind="other")
            for name in row.split("source")
        ]
    except ValidationError as error:  # a name no source can have: the cell is kept
        row.reject("source", error.problems[0].at("source"))
        named = []
    for source in named:
        added.setdefault(source.id, source)
    sources = [Citation(source=source.id) for source in named]
    if sources:
        recorder.mapped("source", "Citation(s) of Source(s)")
    fatalities = row.number("fatalities", "Event.casualties.killed")
    casualties = None
    if fatalities is not None and fatalities < 0:
        message = "a count must be a non-negative whole number"
        row.reject("fatalities", Problem(code="out_of_range", message=message, input=fatalities))
    elif fatalities is not None:
        try:
            casualties = Casualties(killed=Quantity(value=fatalities, qualifier="at_least"))
        except ValidationError as error:  # a count too large for JSON
            row.reject("fatalities", error.problems[0].at("fatalities"))
    tags = row.split("tags")
    if tags:
        recorder.mapped("tags", "Event.tags")
    if row.get("notes"):
        recorder.mapped("notes", "Event.summary")
    known = {
        *COLUMNS,
        *COLUMNS_2016,
    }
    for column in raw:
        if column not in known and raw[column]:
            row.keep(column, "a column ACLED does not define")
        elif column not in known:
            row.extra[column] = ""
    acled_id, event_id = read_id(
        raw, "event_id_cnty", prefix="acled", reject=row.reject, recorder=recorder
    )
    if (acled_id and recorder.seen(acled_id)) or event_id in found:
        event_id = recorder.unmerged("event_id_cnty", "Event.id", event_id, found)
    elif acled_id:
        recorder.mapped("event_id_cnty", "Event.id")
    # The title is made up: of the first of these cells a title can hold.
    kind = _titled(codes.acled_sub_event, codes.acled, row.get("event_type")) or "ACLED event"
    where = _titled(row.get("location"), row.get("country"))
    values.update(
        id=event_id,
        identifiers={"acled": acled_id} if acled_id else {},
        title=f"{kind} in {where}" if where else kind,
        summary=row.get("notes") or None,
        when=when,
        recorded_date=recorded,
        place=place,
        participants=participants,
        casualties=casualties,
        sources=sources,
        codes=codes if codes != Codes() else None,
        tags=tags,
        extra=row.extra,  # the cells refused below are added to it before the event is made
    )
    try:
        event = build_refusing(AcledEvent, values, _EVENT_COLUMNS, row.reject)
    except ValidationError as error:
        recorder.reject_row(error.problems)
        return
    for record in added.values():
        found.setdefault(record.id, record)
    found[event.id] = event


def _made_up_title(cells: Mapping[str, str]) -> str:
    """The title `read` makes for the event of the row ``cells``: ACLED rows have none."""
    given = cells.get("event_type") or None
    kind, sub = given, cells.get("sub_event_type") or None
    if given is not None and given in EVENT_TYPES_2016:
        kind, sub = EVENT_TYPES_2016[given][0], sub or EVENT_TYPES_2016[given][1]
    named = _titled(sub, kind, given) or "ACLED event"
    where = _titled(cells.get("location"), cells.get("country"))
    return f"{named} in {where}" if where else named


def _titled(*texts: str | None) -> str | None:
    """The first of ``texts`` a title can hold (`checks.text`): text, not a control character."""
    return next((text for text in texts if text and not checks.text(text)), None)


# --- out ---------------------------------------------------------------------------------


def write(dataset: Dataset, *, layout: Layout = "current") -> Exported:
    """The dataset's events as ACLED rows (text cells), with the report of what they cannot carry.

    Events read from ACLED write back the row they were read from, column for
    column. Other events are written as far as ACLED can hold them; the
    report lists the rest (statements, roles ACLED has no column for, …).

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([ek.Actor(id="a", name="Protesters (Kenya)", kind="group"),
        ...                  ek.Protest(id="p1", title="Protest", when=ek.parse_edtf("2024-06"),
        ...                             codes=ek.Codes(acled="Protests"),
        ...                             place=ek.Place(name="Nairobi", country="KEN"),
        ...                             participants=[ek.Participant(actor="a",
        ...                                                          role="initiator")])])
        >>> rows, report = write(ds)
        >>> {k: rows[0][k] for k in ("event_date", "time_precision", "event_type", "iso", "actor1")}
        {'event_date': '2024-06-15', 'time_precision': '3', 'event_type': 'Protests', 'iso': '404', 'actor1': 'Protesters (Kenya)'}
    """  # noqa: E501 - the doctest output is one line
    recorder = Recorder(format=_FORMAT, direction="export")
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(dataset):
        recorder.start(record.id, index)
        if isinstance(record, Event):
            rows.append(_write_event(record, dataset, layout, recorder))
        elif isinstance(record, Statement):
            recorder.dropped("Statement", "ACLED has no statements")
        elif isinstance(record, Actor | Source):
            recorder.mapped(type(record).__name__, "the names in the rows of its events")
        else:
            recorder.dropped(type(record).__name__, "ACLED has no record of this kind")
    return Exported(list(rows), recorder.report())


def write_csv(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    layout: Layout = "current",
    columns: Sequence[str] | None = None,
) -> ConversionReport:
    r"""Write the dataset's events to an ACLED CSV file; return the export's report.

    ``columns`` orders the columns (the layout's order by default, then any
    ``extra`` columns). The file is written whole or not at all: a failed
    write leaves ``path`` as it was.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
        >>> write_csv(ek.Dataset([ek.Event(id="e", title="E")]), path).rows
        1
        >>> path.read_text().splitlines()[0][:40]
        'event_id_cnty,event_date,year,time_preci'
    """
    rows, report = write(dataset, layout=layout)
    names = list(columns or COLUMNS if layout == "current" else columns or COLUMNS_2016)
    for row in rows:
        names.extend(key for key in row if key not in names)
    with atomic_write(path) as stream:
        writer = csv.DictWriter(codecs.getwriter("utf-8")(stream), fieldnames=names, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return report


def _write_when(event: Event, row: Row, recorder: Recorder) -> None:
    recorded = getattr(event, "recorded_date", None)
    when = event.when
    if when is None:
        return
    recorder.date_texts_dropped(when, "when", holder="ACLED")
    if recorded is not None and (
        recorded.precision != Precision.DAY
        or (isinstance(when, PartialDate) and when.precision == Precision.DAY)
    ):
        recorder.dropped("recorded_date", "ACLED records a day, for a week or a month")
        recorded = None
    if recorded is not None and (recorded.approximate or recorded.uncertain):
        plain = attrs.evolve(recorded, approximate=False, uncertain=False)
        reason = "ACLED dates have no qualifier"
        recorder.changed("recorded_date", "event_date", recorded.to_edtf(), plain.to_edtf(), reason)
        recorded = plain
    if isinstance(when, TimeSpan):
        precision = 2
        if recorded is None:
            start = when.earliest or when.latest
            end = when.latest or when.earliest
            assert start is not None  # a span has at least one end
            middle = start + ((end or start) - start) / 2
            recorded = PartialDate(year=middle.year, month=middle.month, day=middle.day)
            recorder.changed(
                "when",
                "event_date",
                when.to_edtf(),
                recorded.to_edtf(),
                "ACLED records the midpoint",
            )
    elif when.precision == Precision.MONTH:
        precision = 3
        if recorded is None:
            recorded = PartialDate(year=when.year, month=when.month, day=15)
            recorder.changed(
                "when",
                "event_date",
                when.to_edtf(),
                recorded.to_edtf(),
                "ACLED records the month's midpoint",
            )
    else:
        precision = 1
        recorded = PartialDate(year=when.year, month=when.month or 1, day=when.day or 1)
        if when.precision != Precision.DAY or when.approximate or when.uncertain:
            recorder.changed(
                "when",
                "event_date",
                when.to_edtf(),
                recorded.to_edtf(),
                "ACLED dates are days, weeks or months",
            )
    row["event_date"] = recorded.to_edtf()
    row["year"] = str(recorded.year)
    row["time_precision"] = str(precision)


def _split_on_read(item: str, field: str, column: str, recorder: Recorder) -> None:
    """``item`` of the list cell ``column``, reported changed if it holds the items' separator.

    It is written as it is; read back, it is as many items as it has parts.
    """
    parts = item.split(_SEPARATOR)
    if len(parts) > 1:
        reason = (
            f"ACLED separates the items of a cell by {_SEPARATOR!r}: it reads back as {len(parts)}"
        )
        recorder.changed(field, column, item, parts, reason)


def _acled_type_2016(codes: Codes, recorder: Recorder) -> str:
    kind, sub = codes.acled, codes.acled_sub_event
    for old, pair in EVENT_TYPES_2016.items():
        if pair == (kind, sub) or (pair[1] is None and pair[0] == kind):
            if sub is not None and pair[1] != sub:
                recorder.dropped("codes.acled_sub_event", "the 2016 layout has no sub-event types")
            return old
    if kind in ("Riots", "Protests"):
        if sub is not None:
            recorder.dropped("codes.acled_sub_event", "the 2016 layout has no sub-event types")
        return "Riots/Protests"
    if kind is not None:
        recorder.dropped("codes.acled", f"no 2016 event type for {kind!r}")
    return ""


def _write_event(event: Event, dataset: Dataset, layout: Layout, recorder: Recorder) -> Row:  # noqa: PLR0912, PLR0915 - one column after another
    data = to_dict(event)
    extra: Mapping[str, str] = getattr(event, "extra", {})
    row: Row = dict(extra)
    used = {
        "type",
        "id",
        "identifiers",
        "title",
        "when",
        "codes",
        "participants",
        "place",
        "summary",
        "casualties",
        "sources",
        "tags",
        "extra",
        "recorded_date",
    }
    row["event_id_cnty"] = event.identifiers.get("acled", event.id)
    _write_when(event, row, recorder)
    try:
        codes = codes_of(event) or Codes()
    except ValidationError:
        codes = event.codes or Codes()
    original_type = codes.original.get("event_type")
    if layout == "2016":
        row["event_type"] = original_type or _acled_type_2016(codes, recorder)
        if codes.acled_disorder:
            recorder.dropped("codes.acled_disorder", "the 2016 layout has no disorder type")
    else:
        row["event_type"] = codes.acled or ""
        row["sub_event_type"] = codes.acled_sub_event or ""
        row["disorder_type"] = _SEPARATOR.join(codes.acled_disorder)
        if original_type and original_type != codes.acled:  # the 2016 type is not written
            reason = (
                f"no current ACLED type for {original_type!r}"
                if codes.acled is None
                else f"the current layout writes the current type, {codes.acled!r}"
            )
            recorder.dropped("codes.original.event_type", reason)
    for name in ("plover", "mode", "context", "cameo"):
        if getattr(codes, name):
            recorder.dropped(f"codes.{name}", "ACLED rows carry ACLED's coding only")
    names: dict[str, list[str]] = {}
    for index, participant in enumerate(event.participants):
        actor = dataset.get(participant.actor)
        column = {
            "initiator": "actor1",
            "perpetrator": "actor1",
            "target": "actor2",
            "victim": "actor2",
            "recipient": "actor2",
            "acled.assoc_actor_1": "assoc_actor_1",
            "acled.assoc_actor_2": "assoc_actor_2",
        }.get(str(participant.role))
        if not isinstance(actor, Actor):
            recorder.dropped(f"participants[{index}]", "the actor is not in the dataset")
        elif given_name(actor) is None:
            recorder.dropped(f"participants[{index}]", "ACLED names its actors; this one has none")
        elif column is None:
            recorder.dropped(
                f"participants[{index}]", f"ACLED has no column for the role {participant.role!s}"
            )
        else:
            if column in ("actor1", "actor2") and names.get(column):
                column = "assoc_actor_1" if column == "actor1" else "assoc_actor_2"
                recorder.changed(
                    f"participants[{index}]",
                    column,
                    str(participant.role),
                    column,
                    "ACLED has one actor1 and one actor2",
                )
            names.setdefault(column, []).append(actor.name)
            if column.startswith("assoc"):  # a list of names: actor1 and actor2 hold one
                named = "ally_" + column.removeprefix("assoc_") if layout == "2016" else column
                _split_on_read(actor.name, f"participants[{index}]", named, recorder)
            if participant.certainty is not None:
                recorder.dropped(f"participants[{index}].certainty", "ACLED has no certainty")
    for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        named = column
        if layout == "2016" and column.startswith("assoc"):
            named = "ally_" + column.removeprefix("assoc_")
        row[named] = _SEPARATOR.join(names.get(column, []))
    for name in (
        "inter1",
        "inter2",
        "interaction",
        "timestamp",
        "gwno",
        "data_id",
        "event_id_no_cnty",
    ):
        value = getattr(event, name, None)
        row[name] = "" if value is None else str(value)
        used.add(name)
    if layout == "current":  # ACLED's current exports name the actor types
        for name, words in (
            ("inter1", _inter_text),
            ("inter2", _inter_text),
            ("interaction", _interaction_text),
        ):
            value = getattr(event, name, None)
            if value is not None:
                row[name] = words(value)
    row["civilian_targeting"] = (
        _CIVILIAN_TARGETING if getattr(event, "civilian_targeting", False) else ""
    )
    for name, column in (
        ("region", "region"),
        ("source_scale", "source_scale"),
        ("country_name", "country"),
    ):
        row[column] = getattr(event, name, None) or ""
    used.update(("civilian_targeting", "region", "source_scale", "country_name"))
    place = event.place
    if place is not None:
        row["location"] = place.name or ""
        for name in ("admin1", "admin2", "admin3"):
            row[name] = getattr(place, name) or ""
        row["latitude"] = "" if place.lat is None else write_number(place.lat)
        row["longitude"] = "" if place.lon is None else write_number(place.lon)
        row["geo_precision"] = (
            "" if place.precision is None else str(_GEO_CODES.get(place.precision.value, ""))
        )
        if place.precision is not None and place.precision.value not in _GEO_CODES:
            recorder.dropped(
                "place.precision", f"ACLED has no geo-precision {place.precision.value}"
            )
        if place.country is not None:
            country = pycountry.countries.get(alpha_3=place.country)
            if country is not None:
                if "iso" not in extra:
                    row["iso"] = str(int(country.numeric))
                if not row["country"]:
                    row["country"] = getattr(country, "common_name", country.name)
        for name in ("geonames", "identifiers"):
            if getattr(place, name):
                recorder.dropped(f"place.{name}", "ACLED has no column for it")
    row["notes"] = event.summary or ""
    row["tags"] = _SEPARATOR.join(event.tags)
    for index, tag in enumerate(event.tags):
        _split_on_read(tag, f"tags[{index}]", "tags", recorder)
    cited = []
    for index, citation in enumerate(event.sources):
        source = dataset.get(citation.source)
        given = given_name(source) if isinstance(source, Source) else None
        if not isinstance(source, Source):
            recorder.dropped(f"sources[{index}]", "the source is not in the dataset")
        elif given is None:
            recorder.dropped(f"sources[{index}]", "ACLED names its sources; this one has none")
        else:
            cited.append(given)
            _split_on_read(given, f"sources[{index}]", "source", recorder)
            if (
                citation.excerpt
                or citation.locator
                or citation.offsets
                or citation.confidence is not None
            ):
                recorder.dropped(
                    f"sources[{index}]", "ACLED names sources, without excerpts or locators"
                )
    row["source"] = _SEPARATOR.join(cited)
    toll = event.casualties
    row["fatalities"] = ""
    if toll is not None and toll.killed is not None:
        killed = toll.killed.low if toll.killed.value is None else toll.killed.value
        row["fatalities"] = "" if killed is None else str(int(killed))
        if toll.killed.qualifier != "at_least" or toll.killed.high is not None:
            recorder.changed(  # an exact count too: ACLED's figure reads back as "at least"
                "casualties.killed",
                "fatalities",
                str(toll.killed),
                row["fatalities"],
                "ACLED codes the lowest figure: it reads back as at least that",
            )
    if toll is not None:
        for name in ("injured", "missing", "arrested", "displaced", "groups"):
            if getattr(toll, name):
                recorder.dropped(f"casualties.{name}", "ACLED counts fatalities only")
    row.update(extra)  # cells kept as they were read win over what is derived
    columns = COLUMNS if layout == "current" else COLUMNS_2016
    # A title `read` made up is made again from the row written; any other is lost.
    apart: set[str] = set()  # reported here, not by `Recorder.fields_left`
    if event.title != _made_up_title({key: row.get(key, "") for key in (*columns, *extra)}):
        recorder.dropped(
            "title", "ACLED rows have no title; one is made of the event type and place"
        )
        apart.add("title")
    if not recorder.event_type(data["type"], holder="ACLED", read_as="acled.event"):
        apart.add("type")
    recorder.fields_left(
        (key for key in data if key not in apart),
        used,
        status=event.status.value,
        holder="ACLED",
        place="column",
        targets={"title": "event_type, location (the title made of them)"},
    )
    for scheme in event.identifiers:
        if scheme != "acled":
            recorder.dropped(f"identifiers.{scheme}", "ACLED rows have one id")
    if layout == "2016":
        for column in (
            "disorder_type",
            "sub_event_type",
            "civilian_targeting",
            "region",
            "source_scale",
            "tags",
            "timestamp",
        ):
            if row.pop(column, "") and column not in extra:
                recorder.dropped(column, "the 2016 layout has no such column")
        return {key: row.get(key, "") for key in (*COLUMNS_2016, *extra)}
    for column in ("gwno", "data_id", "event_id_no_cnty", "ally_actor_1", "ally_actor_2"):
        if row.pop(column, "") and column not in extra:
            recorder.dropped(column, "the current layout has no such column")
    return {key: row.get(key, "") for key in (*COLUMNS, *extra)}
