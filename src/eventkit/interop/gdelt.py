r"""GDELT Events (1.0 and 2.0) and Mentions (2.0) rows in and out of eventkit.

Every GDELT event becomes a `GdeltEvent` (tag ``gdelt.event``), an
`eventkit.Event` with fields for what GDELT has and the core model lacks
(tone, counts, the three geographies, the mentions), declared with
eventkit's public field spec. Where each Events column goes:

| GDELT column | eventkit |
|---|---|
| GLOBALEVENTID | `Event.id` and `identifiers["gdelt"]` |
| SQLDATE | `Event.when` (a day); MonthYear, Year, FractionDate follow from it |
| Actor1\*, Actor2\* | `Participant` ``initiator``, ``recipient`` of an `Actor`: Code, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code, Type1/2/3Code as its ``identifiers`` (``cameo``, ``cameo_country``, …); a country code that is ISO alpha-3 is also its ``country``; without a Name, it is named by its Code, else "unnamed", and written back with an empty Name |
| EventCode | `Codes.cameo`; EventBaseCode, EventRootCode, QuadClass and GoldsteinScale follow from it |
| IsRootEvent, NumMentions, NumSources, NumArticles, AvgTone, DATEADDED | ``is_root_event``, ``num_mentions``, ``num_sources``, ``num_articles``, ``avg_tone``, ``date_added`` |
| ActionGeo\_\* | ``action_geo`` (`GdeltGeo`), and `Event.place`: the name, the coordinates, a precision from the type, the FIPS country code and feature id in its ``identifiers`` |
| Actor1Geo\_\*, Actor2Geo\_\* | ``actor1_geo``, ``actor2_geo`` |
| SOURCEURL | a `Source` and its `Citation` |

A value GDELT derives (MonthYear, QuadClass…) that differs from what
eventkit derives, and a cell that cannot be read, is kept verbatim in
``extra``, so the row writes back as it was. FractionDate is derived as
GDELT's files give it, ((month - 1) * 30 + day) / 365 to 4 decimals; one by
the codebook's formula, (month * 30 + day) / 365, agrees too, and is
reported changed to the other. Each Mentions row becomes a
`Citation` of a `Source` (the article), with the mention's confidence, and a
`GdeltMention` on the event with the rest (offsets, tone, sentence, …). The
article SOURCEURL names is GDELT's first report of the event, which the
Mentions rows list too: its mention is SOURCEURL's citation, not a second
one. `write_mentions` writes one Mentions row per citation of an event; a
row holding no more than its citation says is read back as the citation
alone.

Examples:
    >>> from eventkit.interop import gdelt
    >>> ds, report = gdelt.read([{"GLOBALEVENTID": "1", "SQLDATE": "20170701",
    ...     "Actor1Code": "UKR", "Actor1Name": "UKRAINE", "Actor1CountryCode": "UKR",
    ...     "EventCode": "190", "ActionGeo_Type": "1", "ActionGeo_FullName": "Ukraine",
    ...     "ActionGeo_CountryCode": "UP", "ActionGeo_Lat": "49", "ActionGeo_Long": "32"}])
    >>> event = ds["1"]
    >>> event.codes.cameo, event.place.identifiers["fips"], ds.actors[0].country
    ('190', 'UP', 'UKR')
    >>> rows, _ = gdelt.write(ds)
    >>> rows[0]["QuadClass"], rows[0]["GoldsteinScale"], rows[0]["EventRootCode"]
    ('4', '-10.0', '19')
"""  # noqa: E501 - a row of the mapping table is one line

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Final

import attrs

from eventkit import checks
from eventkit._codes import Codes
from eventkit._dataset import Dataset
from eventkit._events import codes_of
from eventkit._fields import SourceId, Text
from eventkit._friendly import to_mapping, to_tuple
from eventkit._ids import make_id
from eventkit._limits import over_limits
from eventkit._plover import goldstein_scale, quad_class
from eventkit._records import Actor, Citation, Event, Participant, Place, Record, Source
from eventkit._registry import event_type
from eventkit._serialize import to_dict
from eventkit._time import PartialDate, Precision, When
from eventkit._validated import EMPTY_MAPPING, Validated
from eventkit.exceptions import Problem, ValidationError
from eventkit.interop._placeholders import UNNAMED_ACTOR, UNNAMED_ARTICLE, given_name
from eventkit.interop._report import (
    ConversionReport,
    Exported,
    Imported,
    Recorder,
    build_refusing,
)
from eventkit.interop._tables import actor_kind, cameo_country, country_of_fips, fips_of_country
from eventkit.interop._text import TSV, LineReader, Unreadable
from eventkit.interop._values import (
    Cells,
    read_float,
    read_id,
    read_int,
    rows_given,
    start_row,
    write_number,
)
from eventkit.io._atomic import atomic_write

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "GdeltEvent",
    "GdeltGeo",
    "GdeltMention",
    "read",
    "read_tsv",
    "write",
    "write_mentions",
    "write_mentions_tsv",
    "write_tsv",
]

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_NAMES: Final = {
    "Type": "type",
    "FullName": "full_name",
    "CountryCode": "country_code",
    "ADM1Code": "adm1",
    "ADM2Code": "adm2",
    "Lat": "lat",
    "Long": "lon",
    "FeatureID": "feature_id",
}
"""The columns of a GDELT geography (after its prefix) and the `GdeltGeo` fields."""
_GEO_FIELDS = tuple(_GEO_NAMES)

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR_FIELDS),
    *(f"Actor2{name}" for name in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO_FIELDS),
    *(f"Actor2Geo_{name}" for name in _GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
"""The 61 columns of GDELT 2.0's Events table, in order (its files have no header)."""

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
"""The 16 columns of GDELT 2.0's Mentions table, in order."""

_GDELT1_COLUMNS: Final = tuple(name for name in EVENT_COLUMNS if not name.endswith("_ADM2Code"))
"""GDELT 1.0's Events columns: 2.0's without the three ADM2Code (58; 57 before April 2013)."""
_EVENT_LAYOUTS: Final = {
    len(columns): columns for columns in (EVENT_COLUMNS, _GDELT1_COLUMNS, _GDELT1_COLUMNS[:-1])
}
"""The columns of an Events file's row, by its number of cells (SOURCEURL is the last one)."""
_UNWRITABLE: Final = re.compile("[\t\n\r]")
"""What no cell of a GDELT file holds: its cells end at a tab, its rows at a line break."""

_NAMED_ONLY = "gdelt-source-named"
"""The prefix of the id of a source a Mentions row names without an identifier."""
_CANONICAL = {name.lower(): name for name in (*EVENT_COLUMNS, *MENTION_COLUMNS)}
_IDENTIFIERS = {
    "Code": "cameo",
    "CountryCode": "cameo_country",
    "KnownGroupCode": "cameo_known_group",
    "EthnicCode": "cameo_ethnic",
    "Religion1Code": "cameo_religion1",
    "Religion2Code": "cameo_religion2",
    "Type1Code": "cameo_type1",
    "Type2Code": "cameo_type2",
    "Type3Code": "cameo_type3",
}
# GDELT's geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_PRECISION = {1: "country", 2: "admin_region", 3: "exact", 4: "exact", 5: "admin_region"}
_FORMAT = "gdelt"
_EVENT_COUNTS: Final = (
    ("NumMentions", "num_mentions"),
    ("NumSources", "num_sources"),
    ("NumArticles", "num_articles"),
    ("DATEADDED", "date_added"),
)
"""Events columns of whole numbers and the `GdeltEvent` fields that hold them."""
_MENTION_NUMBERS: Final = (
    ("EventTimeDate", "event_time"),
    ("MentionTimeDate", "mention_time"),
    ("MentionType", "mention_type"),
    ("SentenceID", "sentence"),
    ("Actor1CharOffset", "actor1_offset"),
    ("Actor2CharOffset", "actor2_offset"),
    ("ActionCharOffset", "action_offset"),
    ("Confidence", "confidence"),
    ("MentionDocLen", "doc_len"),
)
"""Mentions columns of whole numbers and the `GdeltMention` fields that hold them."""
_STRPTIME: Final = {"YYYYMMDDHHMMSS": "%Y%m%d%H%M%S", "YYYYMMDD": "%Y%m%d"}


def _is_time(number: int, forms: Iterable[str]) -> bool:
    """Whether ``number``'s digits, zero-padded to a form's width, are a real time in that form.

    GDELT writes a time as a number: a year before 1000 has fewer digits than its form.

    Examples:
        >>> _is_time(20170701234500, ["YYYYMMDDHHMMSS"]), _is_time(2017, ["YYYYMMDDHHMMSS"])
        (True, False)
        >>> _is_time(20171301193000, ["YYYYMMDDHHMMSS"])  # month 13
        False
        >>> _is_time(9991231000000, ["YYYYMMDDHHMMSS"])  # 0999-12-31
        True
    """
    for form in forms:
        if 0 <= number < 10 ** len(form):
            try:
                datetime.strptime(f"{number:0{len(form)}d}", _STRPTIME[form])  # noqa: DTZ007 - a check
            except ValueError:
                continue
            return True
    return False


def _time(*forms: str) -> checks.Check:
    """A time GDELT writes as the whole number of its digits, in one of ``forms``.

    Examples:
        >>> added = _time("YYYYMMDDHHMMSS", "YYYYMMDD")
        >>> added(20170701) is None, added(20171301193000)[0].message
        (True, 'expected a time as YYYYMMDDHHMMSS or YYYYMMDD')
    """

    def test(value: int) -> bool:
        return _is_time(value, forms)

    def strategy() -> Any:
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        def written(form: str) -> st.SearchStrategy[int]:
            def digits(time: datetime) -> int:  # not strftime: it writes the year 999 as 999
                return int(re.sub(r"\D", "", time.isoformat())[: len(form)])

            return st.datetimes().map(digits)

        return st.one_of([written(form) for form in forms])

    return checks.Check(
        test,
        message=f"expected a time as {' or '.join(forms)}",
        strategy=strategy,
        name=f"gdelt_time({', '.join(forms)})",
    )


_GDELT_TIME: Final = _time("YYYYMMDDHHMMSS")
_DAY_ADDED: Final = _time("YYYYMMDDHHMMSS", "YYYYMMDD")  # the second, GDELT 1.0's files


@attrs.frozen(kw_only=True)
class GdeltGeo(Validated):
    """One of GDELT's three geographies of an event, as GDELT gives it.

    Examples:
        >>> GdeltGeo(type=4, full_name="Kiev, Kyyiv, Misto, Ukraine", country_code="UP").type
        4
    """

    type: Annotated[int, checks.in_range(0, 5)] | None = None
    full_name: Text | None = None
    country_code: Text | None = None  # FIPS 10-4, not ISO
    adm1: Text | None = None
    adm2: Text | None = None
    lat: Annotated[float, checks.in_range(-90, 90)] | None = None
    lon: Annotated[float, checks.in_range(-180, 180)] | None = None
    feature_id: Text | None = None


@attrs.frozen(kw_only=True)
class GdeltMention(Validated):
    """One row of GDELT's Mentions table: an article that mentions the event.

    The article is the `Source` named by ``source``; the event cites it
    (a `Citation` with the mention's confidence).

    Examples:
        >>> GdeltMention(source="s", sentence=9, action_offset=1469, confidence=40).sentence
        9
    """

    source: SourceId
    event_time: Annotated[int, _GDELT_TIME] | None = None
    mention_time: Annotated[int, _GDELT_TIME] | None = None
    mention_type: Annotated[int, checks.in_range(0)] | None = None
    sentence: Annotated[int, checks.in_range(0)] | None = None
    actor1_offset: Annotated[int, checks.in_range(-1)] | None = None
    actor2_offset: Annotated[int, checks.in_range(-1)] | None = None
    action_offset: Annotated[int, checks.in_range(-1)] | None = None
    in_raw_text: bool | None = None
    confidence: Annotated[int, checks.in_range(0, 100)] | None = None
    doc_len: Annotated[int, checks.in_range(0)] | None = None
    doc_tone: float | None = None
    translation_info: Text | None = None
    extras: Text | None = None


@event_type("gdelt.event")
@attrs.frozen(kw_only=True)
class GdeltEvent(Event):
    """A GDELT event: an `eventkit.Event` with the columns the core model has no field for.

    Attributes:
        is_root_event: whether the event was in the article's lead paragraphs.
        num_mentions: mentions of the event in the first 15 minutes.
        num_sources: sources mentioning it.
        num_articles: articles mentioning it.
        avg_tone: the average tone of those articles (-100 to 100).
        date_added: when GDELT added it (YYYYMMDDHHMMSS; GDELT 1.0's files: YYYYMMDD).
        action_geo: where it happened, as GDELT gives it (also in ``place``).
        actor1_geo: where actor 1 was.
        actor2_geo: where actor 2 was.
        mentions: the Mentions rows of the event, each of a source it cites
            (a row holding no more than its citation says is not kept).
        extra: cells kept verbatim: values GDELT derives otherwise than
            eventkit does, cells that could not be read, unknown columns.

    Examples:
        >>> GdeltEvent(id="1", title="Fight", avg_tone=-4.1, num_mentions=5).num_mentions
        5
    """

    is_root_event: bool | None = None
    num_mentions: Annotated[int, checks.in_range(0)] | None = None
    num_sources: Annotated[int, checks.in_range(0)] | None = None
    num_articles: Annotated[int, checks.in_range(0)] | None = None
    avg_tone: Annotated[float, checks.in_range(-100, 100)] | None = None
    date_added: Annotated[int, _DAY_ADDED] | None = None
    action_geo: GdeltGeo | None = None
    actor1_geo: GdeltGeo | None = None
    actor2_geo: GdeltGeo | None = None
    mentions: tuple[GdeltMention, ...] = attrs.field(default=(), converter=to_tuple)
    extra: Mapping[str, str] = attrs.field(default=EMPTY_MAPPING, converter=to_mapping)


# --- in ----------------------------------------------------------------------------------


def read_tsv(
    events: str | os.PathLike[str] | None = None, mentions: str | os.PathLike[str] | None = None
) -> Imported:
    r"""Read GDELT's files: tab-separated, without a header (``.export.CSV``, ``.mentions.CSV``).

    A line is a row and a tab ends a cell. Nothing is quoted: a ``"`` is
    text of its cell, as in GDELT's own files. Blank lines are skipped, and
    ``\r\n`` ends a line as ``\n`` does. An Events row has GDELT 2.0's 61
    cells or GDELT 1.0's 58 (57 in its files before April 2013, which lack
    SOURCEURL; 1.0 has no ADM2Code columns), each read under its own
    column; a Mentions row has 16. A line that cannot be read as a row is
    rejected at ``$``, with why, and the other lines are read: one with any
    other number of cells (which cell is under which column is not known),
    and one with bytes that are not UTF-8 (``invalid_encoding``, with the
    byte and its offset in the file). Every problem names the file and the
    line.

    Raises:
        OSError: a file cannot be read.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.tsv"
        >>> _ = path.write_text("\t".join(["7", "20240105"] + [""] * 59) + "\n"
        ...                     + "\t".join(["8", "20240105"] + [""] * 58) + "\n")
        >>> ds, report = read_tsv(path)
        >>> ds["7"].when.to_edtf(), "8" in ds
        ('2024-01-05', False)
        >>> print(report.select("rejected")[0].problem)  # doctest: +ELLIPSIS
        /.../events.tsv:2: $: an Events row has 61 cells (GDELT 2.0), or 58 or 57 (GDELT 1.0), got 60 [invalid_value]
    """  # noqa: E501 - the doctest output is one line
    reader = LineReader(TSV)

    def rows(
        path: str | os.PathLike[str] | None, layouts: Mapping[int, Sequence[str]], expected: str
    ) -> list[Mapping[str, str] | Unreadable]:
        def fit(cells: list[str]) -> Mapping[str, str] | Problem:
            columns = layouts.get(len(cells))
            if columns is None:
                return Problem(code="invalid_value", message=expected, input=len(cells))
            return dict(zip(columns, cells, strict=True))

        return [] if path is None else reader.rows(reader.lines(path), fit, id_cell=0)

    events_expected = "an Events row has 61 cells (GDELT 2.0), or 58 or 57 (GDELT 1.0)"
    dataset, report = _read(
        rows(events, _EVENT_LAYOUTS, events_expected),
        rows(mentions, {len(MENTION_COLUMNS): MENTION_COLUMNS}, "a Mentions row has 16 cells"),
    )
    return Imported(dataset, reader.placed(report))


def read(
    events: Iterable[Mapping[str, Any]] = (), mentions: Iterable[Mapping[str, Any]] = ()
) -> Imported:
    """GDELT Events rows and Mentions rows (dicts by column name) as a dataset.

    A mention of an event that no Events row gives makes an event of its
    own, with the id and the date GDELT first saw it; a mention whose
    GLOBALEVENTID is missing or not an id is left out, that cell rejected
    and each other cell reported dropped. Cells are read as
    `eventkit.interop.acled.read` reads them; an item that is not a mapping
    is rejected at ``$``. Column names are GDELT's or gdeltPyR's (lower
    case): a column given under two names that differ only in case is
    rejected (``duplicate_key``), neither value read and both kept.

    Raises:
        TypeError: ``events`` or ``mentions`` is one mapping, text, or not iterable.

    Examples:
        >>> ds, report = read(mentions=[{"GLOBALEVENTID": "5", "EventTimeDate": "20170701193000",
        ...     "MentionSourceName": "rt.com", "MentionIdentifier": "https://rt.com/a",
        ...     "SentenceID": "28", "Confidence": "40"}])
        >>> event = ds["5"]
        >>> event.sources[0].confidence, event.sources[0].locator, event.mentions[0].sentence
        (0.4, 'sentence 28', 28)
    """
    return _read(events, mentions)


def _read(
    events: Iterable[Mapping[str, Any] | Unreadable],
    mentions: Iterable[Mapping[str, Any] | Unreadable],
) -> Imported:
    """`read`, and a line of a file that cannot be read as a row (`read_tsv`) rejected at ``$``."""
    recorder = Recorder(format=_FORMAT, direction="import")
    found: dict[str, Record] = {}
    read_events: dict[str, GdeltEvent] = {}
    cited: dict[str, list[tuple[Citation, GdeltMention | None]]] = {}
    position = 0
    for raw in rows_given(events, "events"):
        given = start_row(raw, position, recorder, id_column="GLOBALEVENTID", columns=_CANONICAL)
        position += 1
        if given is None:
            continue
        event = _read_event(given, found, recorder)
        if event is None:
            continue
        if event.id in read_events:
            renamed = recorder.unmerged("GLOBALEVENTID", "Event.id", event.id, read_events)
            event = attrs.evolve(event, id=renamed)
        read_events[event.id] = event
    for raw in rows_given(mentions, "mentions"):
        given = start_row(
            raw,
            position,
            recorder,
            id_column="GLOBALEVENTID",
            tag="mention:",
            columns=_CANONICAL,
            # The article tells the mentions of one event apart: by its identifier, else its name.
            also=("MentionIdentifier", "MentionSourceName"),
        )
        position += 1
        if given is not None:
            _read_mention(given, read_events, cited, found, recorder)
    for event_id, pairs in cited.items():
        read_events[event_id] = _with_mentions(read_events[event_id], pairs)
    found.update(read_events)
    return Imported(Dataset(found.values(), name="GDELT"), recorder.report())


def _with_mentions(
    event: GdeltEvent, pairs: Iterable[tuple[Citation, GdeltMention | None]]
) -> GdeltEvent:
    """The event with the citations and mentions its Mentions rows give.

    The first mention of the article its SOURCEURL names (GDELT's first
    report of the event, which its Mentions rows list too) is that citation,
    not a second one; a mention holding no more than its citation says
    (``None``) adds no `GdeltMention`.
    """
    sources, mentions = list(event.sources), list(event.mentions)
    first = sources[0].source if sources else None  # the SOURCEURL's: an Events row's only one
    for citation, mention in pairs:
        if citation.source == first:
            sources[0], first = citation, None
        else:
            sources.append(citation)
        if mention is not None:
            mentions.append(mention)
    return attrs.evolve(event, sources=sources, mentions=mentions)


class _Row:
    def __init__(self, given: Cells, recorder: Recorder) -> None:
        self.row, self.recorder = given.read, recorder
        self.extra = dict(given.kept)  # the cells of a column given twice, as they were
        self.refused: set[str] = set()  # the columns rejected

    def number(self, column: str, target: str, *, real: bool = False) -> Any:
        text = self.row.get(column, "")
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
            self.extra[column] = text
            self.recorder.mapped(column, f"{target}, and GdeltEvent.extra as written")
        return value

    def reject(self, column: str, problem: Problem) -> None:
        """The cell cannot be read (even if read before, its value then refused): it is kept."""
        self.recorder.overrule(column, attrs.evolve(problem, loc=(column,)))
        self.extra[column] = self.row.get(column, "")  # so the row writes back as it was
        self.refused.add(column)

    def leave_out(self, problems: Iterable[Problem], reason: str) -> None:
        """No record is made of the row: each problem rejected, each other cell dropped."""
        self.recorder.reject_row(problems)  # what was mapped or changed is taken back
        for column, text in self.row.items():
            if text and column not in self.refused:
                self.recorder.dropped(column, reason)

    def derived(self, column: str, expected: str, *, documented: str | None = None) -> None:
        """A column GDELT derives: kept in ``extra`` only when it is not what eventkit derives.

        ``documented`` is the value by GDELT's codebook where GDELT's files
        (and eventkit) give ``expected``: it agrees too, reported changed to
        ``expected``.
        """
        text = self.row.get(column, "")
        if not text:
            return
        if text == expected:
            self.recorder.mapped(column, "derived")
        elif text == documented:
            reason = "the codebook's formula, not the one GDELT's files use"
            self.recorder.changed(column, "derived", text, expected, reason)
        else:
            self.extra[column] = text
            self.recorder.mapped(column, "GdeltEvent.extra (not what eventkit derives)")


def _geo(row: _Row, prefix: str) -> GdeltGeo | None:
    cells = {name: row.row.get(f"{prefix}_{name}", "") for name in _GEO_FIELDS}
    if not any(cells.values()):
        return None
    values: dict[str, Any] = {
        "type": row.number(f"{prefix}_Type", f"GdeltEvent.{prefix.lower()}.type"),
        "lat": row.number(f"{prefix}_Lat", f"GdeltEvent.{prefix.lower()}.lat", real=True),
        "lon": row.number(f"{prefix}_Long", f"GdeltEvent.{prefix.lower()}.lon", real=True),
    }
    for name in ("FullName", "CountryCode", "ADM1Code", "ADM2Code", "FeatureID"):
        field = _GEO_NAMES[name]
        if cells[name]:
            values[field] = cells[name]
            target = f"GdeltEvent.{prefix.lower()}.{field}"
            if prefix == "ActionGeo" and name == "CountryCode" and country_of_fips(cells[name]):
                target += " and Event.place.country (as ISO alpha-3)"
            row.recorder.mapped(f"{prefix}_{name}", target)
    columns = {field: f"{prefix}_{name}" for name, field in _GEO_NAMES.items()}
    return build_refusing(GdeltGeo, values, columns, row.reject)


def _place(geo: GdeltGeo) -> Place | None:
    identifiers = {
        key: value
        for key, value in (("fips", geo.country_code), ("gdelt_feature", geo.feature_id))
        if value is not None
    }
    point = geo.lat is not None and geo.lon is not None
    if geo.full_name is None and not point:
        return None
    return Place(
        name=geo.full_name,
        country=None if geo.country_code is None else country_of_fips(geo.country_code),
        lat=geo.lat if point else None,
        lon=geo.lon if point else None,
        precision=_GEO_PRECISION.get(geo.type or 0) if point else None,
        identifiers=identifiers,
    )


def _read_event(  # noqa: PLR0912, PLR0915 - one column after another
    given: Cells, found: dict[str, Record], recorder: Recorder
) -> GdeltEvent | None:
    row, cells = _Row(given, recorder), given.read
    own, event_id = read_id(
        cells, "GLOBALEVENTID", prefix="gdelt", reject=row.reject, recorder=recorder
    )
    if own:
        recorder.mapped("GLOBALEVENTID", "Event.id")
    values: dict[str, Any] = {"id": event_id, "identifiers": {"gdelt": event_id}}
    day = cells.get("SQLDATE", "")
    when = _day(day)
    if when is not None:
        recorder.mapped("SQLDATE", "Event.when")
        values["when"] = when
        row.derived("MonthYear", day[:6])
        row.derived("Year", day[:4])
        row.derived("FractionDate", _fraction(when), documented=_fraction(when, codebook=True))
    elif day:
        problem = Problem(
            loc=("SQLDATE",), code="invalid_value", message="expected YYYYMMDD", input=day
        )
        recorder.rejected("SQLDATE", problem)
        row.extra["SQLDATE"] = day
    for column in ("MonthYear", "Year", "FractionDate"):
        if when is None and cells.get(column):
            row.extra[column] = cells[column]
            recorder.mapped(column, "GdeltEvent.extra")
    participants, actors = [], []
    for number, role in ((1, "initiator"), (2, "recipient")):
        actor = _actor(row, f"Actor{number}")
        if actor is not None:
            actors.append(actor)
            participants.append(Participant(actor=actor.id, role=role))
    values["participants"] = participants
    values["_actors"], values["_source"] = actors, []
    code = cells.get("EventCode", "")
    if code:
        try:
            values["codes"] = Codes(cameo=code)
            recorder.mapped("EventCode", "Codes.cameo")
            row.derived("EventBaseCode", code[:3])
            row.derived("EventRootCode", code[:2])
            row.derived("QuadClass", _text(quad_class(code)))
            row.derived("GoldsteinScale", _text(goldstein_scale(code)))
        except ValidationError as error:
            recorder.rejected("EventCode", error.problems[0].at("EventCode"))
            row.extra["EventCode"] = code
    for column in ("EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"):
        if cells.get(column) and "codes" not in values:
            row.extra[column] = cells[column]
            recorder.mapped(column, "GdeltEvent.extra")
    root = cells.get("IsRootEvent", "")
    if root in ("0", "1"):
        values["is_root_event"] = root == "1"
        recorder.mapped("IsRootEvent", "GdeltEvent.is_root_event")
    elif root:
        row.extra["IsRootEvent"] = root
        recorder.mapped("IsRootEvent", "GdeltEvent.extra")
    for column, name in _EVENT_COUNTS:
        values[name] = row.number(column, f"GdeltEvent.{name}")
    values["avg_tone"] = row.number("AvgTone", "GdeltEvent.avg_tone", real=True)
    for prefix, name in (
        ("ActionGeo", "action_geo"),
        ("Actor1Geo", "actor1_geo"),
        ("Actor2Geo", "actor2_geo"),
    ):
        values[name] = _geo(row, prefix)
    if values["action_geo"] is not None:
        values["place"] = _place(values["action_geo"])
    url = cells.get("SOURCEURL", "")
    if url:
        try:
            source = Source(
                id=make_id(url, prefix="gdelt-source"),
                name=url,
                kind="article",
                url=url if checks.url(url) is None else None,
            )
        except ValidationError as error:  # no article can be named so: the cell is kept
            row.reject("SOURCEURL", error.problems[0])
        else:
            values["_source"] = [source]
            values["sources"] = [Citation(source=source.id)]
            recorder.mapped("SOURCEURL", "Citation of a Source")
    for column, text in cells.items():
        if column not in EVENT_COLUMNS:
            row.extra[column] = text  # an empty one too: the row writes back as it was
            if text:
                target = "GdeltEvent.extra (a column GDELT's Events table does not have)"
                recorder.mapped(column, target)
    values["title"] = _made_up_title(event_id, code)
    values["extra"] = row.extra
    added = [
        record for record in (values.pop("_actors"), values.pop("_source")) for record in record
    ]
    numbers = {name: column for column, name in _EVENT_COUNTS} | {"avg_tone": "AvgTone"}
    try:
        event = build_refusing(GdeltEvent, values, numbers, row.reject)
    except ValidationError as error:
        recorder.reject_row(error.problems)
        return None
    for record in added:
        found.setdefault(record.id, record)
    return event


def _made_up_title(event_id: str, code: str) -> str:
    """The title `read` makes for an event of ``code`` (an EventCode): GDELT rows have none."""
    kind = codes_of_text(code)
    return f"{kind} ({event_id})" if kind else f"GDELT event {event_id}"


def codes_of_text(code: str) -> str | None:
    """The CAMEO description of ``code``, or None (for a title)."""
    from eventkit._plover import cameo_descriptions  # noqa: PLC0415 - the table loads on use

    return cameo_descriptions().get(code)


def _actor(row: _Row, prefix: str) -> Actor | None:
    """The actor the row's ``prefix`` (``Actor1``) columns give, or None.

    None if they give none, or none can be made of them: then each problem
    is rejected at its column and every cell kept in ``extra``.
    """
    given = {name: row.row.get(f"{prefix}{name}", "") for name in _ACTOR_FIELDS}
    if not any(given.values()):
        return None
    identifiers = {
        _IDENTIFIERS[name]: value for name, value in given.items() if value and name in _IDENTIFIERS
    }
    types = ("Type1Code", "Type2Code", "Type3Code", "KnownGroupCode")
    try:
        actor = Actor(
            id=_actor_id(given),
            name=given["Name"] or UNNAMED_ACTOR.name_of(identifiers),
            kind=actor_kind(given["Code"], [given[name] for name in types]),
            country=cameo_country(given["CountryCode"]) if len(given["CountryCode"]) == 3 else None,
            identifiers=identifiers,
        )
    except ValidationError as error:
        columns = {scheme: name for name, scheme in _IDENTIFIERS.items()} | {"name": "Name"}
        for problem in error.problems:
            where = str(problem.loc[-1] if problem.loc[:1] == ("identifiers",) else problem.loc[0])
            row.reject(f"{prefix}{columns.get(where, 'Name')}", problem)
        for name, value in given.items():
            if value and f"{prefix}{name}" not in row.extra:
                row.extra[f"{prefix}{name}"] = value
                row.recorder.mapped(f"{prefix}{name}", "GdeltEvent.extra (no actor made)")
        return None
    for name, value in given.items():
        if value:
            target = "Actor.name" if name == "Name" else f"Actor.identifiers.{_IDENTIFIERS[name]}"
            row.recorder.mapped(f"{prefix}{name}", target)
    return actor


def _actor_id(given: Mapping[str, str]) -> str:
    parts = [given[name] or "-" for name in _ACTOR_FIELDS]
    return make_id(*parts, prefix="gdelt-actor") if given["Name"] else UNNAMED_ACTOR.make_id(*parts)


def _mention_source(row: _Row) -> Source:
    """The article a Mentions row cites; a name or identifier no source can have is rejected.

    Neither cell is made up from the other: a name alone (even one that
    looks like a URL) is a name, without URL or identifier, and its source's
    id is of the name (under ``gdelt-source-named``), so it is not taken for
    the article a row identifies by that text. An identifier alone names its
    source, as an Events row's SOURCEURL does (the same source): a source
    so named (`_named_by_identifier`) is written back without a name.
    """
    given = {
        column: row.row.get(column, "") for column in ("MentionSourceName", "MentionIdentifier")
    }
    for column, text in given.items():
        problems = checks.text(text) if text else None
        if problems:
            row.reject(column, problems[0])
            given[column] = ""
    name, identifier = given["MentionSourceName"], given["MentionIdentifier"]
    if name and name != identifier:
        row.recorder.mapped("MentionSourceName", "Source.name")
    if not identifier:
        if not name:
            text = UNNAMED_ARTICLE.text
            return Source(id=UNNAMED_ARTICLE.make_id(text), name=text, kind="article")
        return Source(id=make_id(name, prefix=_NAMED_ONLY), name=name, kind="article")
    url = identifier if checks.url(identifier) is None else None
    target = "Source.url" if url is not None else "Source.identifiers"
    if name == identifier:  # as a row with the identifier alone: which it was is not kept
        reason = "its identifier as its name, read as the identifier alone: written back so"
        row.recorder.changed("MentionSourceName", "Source.name", name, "", reason)
    if not name or name == identifier:
        by = "its URL" if url is not None else "its identifier"
        held = "Source.url" if url is not None else "Source.name"
        target = f"{held} (GDELT gives no name: named by {by})"
    row.recorder.mapped("MentionIdentifier", target)
    return Source(
        id=make_id(identifier, prefix="gdelt-source"),
        name=name or identifier,
        kind="article",
        url=url,
        # a textual citation (MentionType 2) or a DOI, where a name is given too
        identifiers={"gdelt": identifier} if url is None and name not in ("", identifier) else {},
    )


def _named_by_identifier(source: Source) -> bool:
    """Whether the source is named by what identifies it, as a mention without name names it.

    Its name is its URL, or, without URL or identifier, the text its id is
    made of (a citation in words, as an Events row's SOURCEURL gives one).
    """
    if source.url is not None or source.identifiers.get("gdelt") is not None:
        return source.name == source.url
    return source.id == make_id(source.name, prefix="gdelt-source")


def _add_source(found: dict[str, Record], source: Source) -> Source:
    """Add a mention's source, and return the one kept under its id.

    It replaces a source SOURCEURL gave by its identifier only.
    """
    known = found.get(source.id)
    if isinstance(known, Source) and not (
        _named_by_identifier(known) and not _named_by_identifier(source)
    ):
        return known
    found[source.id] = source
    return source


def _read_mention(  # noqa: PLR0912 - one column after another
    given: Cells,
    events: dict[str, GdeltEvent],
    cited: dict[str, list[tuple[Citation, GdeltMention | None]]],
    found: dict[str, Record],
    recorder: Recorder,
) -> None:
    row, cells = _Row(given, recorder), given.read
    event_id = cells.get("GLOBALEVENTID", "")
    if event_id:
        for problem in checks.record_id(event_id) or ():
            row.reject("GLOBALEVENTID", problem)
    elif all(_CANONICAL.get(key.lower()) != "GLOBALEVENTID" for key in given.kept):
        row.reject("GLOBALEVENTID", Problem(code="missing", message="a mention names its event"))
    if not event_id or "GLOBALEVENTID" in row.refused:  # missing, refused or given twice
        row.leave_out((), "the mention is left out: which event it mentions is not known")
        return
    recorder.mapped("GLOBALEVENTID", "the event it mentions")
    source = _mention_source(row)
    mention: dict[str, Any] = {"source": source.id}
    for column, name in _MENTION_NUMBERS:
        mention[name] = row.number(column, f"GdeltMention.{name}")
    mention["doc_tone"] = row.number("MentionDocTone", "GdeltMention.doc_tone", real=True)
    raw = cells.get("InRawText", "")
    if raw in ("0", "1"):
        mention["in_raw_text"] = raw == "1"
        recorder.mapped("InRawText", "GdeltMention.in_raw_text")
    elif raw:
        row.reject("InRawText", Problem(code="invalid_value", message="expected 0 or 1", input=raw))
    for column, name in (("MentionDocTranslationInfo", "translation_info"), ("Extras", "extras")):
        if cells.get(column):
            mention[name] = cells[column]
            recorder.mapped(column, f"GdeltMention.{name}")
    for column, text in cells.items():
        if column not in MENTION_COLUMNS and text:
            row.extra[column] = text
            recorder.mapped(column, "GdeltMention.extras (a column the Mentions table lacks)")
    columns = {name: column for column, name in _MENTION_NUMBERS} | {
        "doc_tone": "MentionDocTone",
        "translation_info": "MentionDocTranslationInfo",
        "extras": "Extras",
    }
    try:
        read = build_refusing(GdeltMention, mention, columns, row.reject)
        read = attrs.evolve(read, extras=_extras(row, read.extras))
        citation = Citation(
            source=source.id,
            confidence=None if read.confidence is None else read.confidence / 100,
            locator=None if read.sentence is None else f"sentence {read.sentence}",
        )
    except ValidationError as error:
        row.leave_out(error.problems, "the mention is left out: it cannot be made")
        return
    if event_id not in events:
        events[event_id] = GdeltEvent(
            id=event_id,
            identifiers={"gdelt": event_id},
            title=_made_up_title(event_id, ""),
            when=_day(time[:8]) if len(time := cells.get("EventTimeDate", "")) == 14 else None,
        )
    kept = _add_source(found, source)
    plain = _plain_mention(events[event_id].date_added, citation, kept)
    cited.setdefault(event_id, []).append((citation, None if read == plain else read))


def _extras(row: _Row, extras: str | None) -> str | None:
    """The mention's Extras cell, and after it each cell it keeps (``column=cell``).

    A cell no text can hold (a control character) is not kept: rejected, if
    it is not already.

    Raises:
        ValidationError: the cells kept, each short enough, are longer together
            than loading allows (at ``extras``).
    """
    kept = [extras] if extras else []
    for column, text in row.extra.items():
        problems = checks.text(f"{column}={text}")
        if problems is None:
            kept.append(f"{column}={text}")
        elif column not in row.refused:
            problem = attrs.evolve(problems[0], loc=(column,), input=text)
            row.recorder.overrule(column, problem)
    joined = " ".join(kept)
    longer = over_limits(joined)
    if longer:
        raise ValidationError([problem.at("extras") for problem in longer])
    return joined or None


def _day(text: str) -> PartialDate | None:
    """The day of a GDELT date (YYYYMMDD), or None if it is none."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return None
    try:
        return PartialDate(year=int(text[:4]), month=int(text[4:6]), day=int(text[6:]))
    except ValidationError:
        return None


# --- out ---------------------------------------------------------------------------------


def _text(value: float | None) -> str:
    return "" if value is None else str(value)


def _fraction(when: PartialDate, *, codebook: bool = False) -> str:
    """FractionDate as GDELT's files give it: ((month - 1) * 30 + day) / 365, to 4 decimals.

    GDELT's codebook says (month * 30 + day) / 365 (``codebook``); its files,
    1.0 and 2.0, count the months before the day's: 2016.4959 for 1 July 2016.

    Examples:
        >>> day = PartialDate(year=2016, month=7, day=1)
        >>> _fraction(day), _fraction(day, codebook=True)
        ('2016.4959', '2016.5781')
    """
    month, day = when.month or 1, when.day or 1
    months = month if codebook else month - 1
    return f"{when.year + (months * 30 + day) / 365:.4f}"


def write(dataset: Dataset) -> Exported:
    """The dataset's events as GDELT 2.0 Events rows (text cells), with the report of the rest.

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([ek.Actor(id="scholz", name="Olaf Scholz", kind="person",
        ...                           country="DEU"),
        ...                  ek.PhoneCall(id="call", title="Call", when=ek.parse_edtf("2024-11-15"),
        ...                               participants=[ek.Participant(actor="scholz",
        ...                                                            role="initiator")])])
        >>> rows, report = write(ds)
        >>> {k: rows[0][k] for k in ("SQLDATE", "Actor1Name", "Actor1CountryCode", "EventCode", "QuadClass")}
        {'SQLDATE': '20241115', 'Actor1Name': 'Olaf Scholz', 'Actor1CountryCode': 'DEU', 'EventCode': '041', 'QuadClass': '1'}
    """  # noqa: E501 - the doctest output is one line
    return _write(dataset, file=False)


def _write(dataset: Dataset, *, file: bool) -> Exported:
    """`write`; for a ``file``, each cell under a column GDELT's table lacks reported dropped."""
    recorder = Recorder(format=_FORMAT, direction="export")
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(dataset):
        recorder.start(record.id, index)
        if isinstance(record, Event):
            row = _write_event(record, dataset, recorder)
            rows.append(row)
            left_out = [column for column in row if column not in EVENT_COLUMNS] if file else []
            for column in left_out:  # cells kept in extra
                recorder.dropped(f"extra.{column}", "a GDELT Events file has GDELT's columns only")
            if file:
                _empty_unwritable(row, EVENT_COLUMNS, recorder)
        elif isinstance(record, Actor | Source):
            recorder.mapped(type(record).__name__, "the cells of the rows of its events")
        else:
            recorder.dropped(type(record).__name__, "GDELT's Events table has events only")
    return Exported(rows, recorder.report())


def write_tsv(dataset: Dataset, path: str | os.PathLike[str]) -> ConversionReport:
    r"""Write the dataset's events as a GDELT Events file (tab-separated, no header).

    The file has GDELT's columns only: a cell a `GdeltEvent` keeps in
    ``extra`` under another column (one GDELT's table lacks, a second
    spelling of one) is left out, reported dropped (``extra.<column>``).
    GDELT's files quote nothing, as `read_tsv` reads them: a ``"`` is
    written as it is, and a cell holding a tab or a line break (``\n``,
    ``\r``) is written empty, reported dropped under its column
    (``Actor1Name``). The file is written whole or not at all: a failed
    write leaves ``path`` as it was.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.tsv"
        >>> write_tsv(ek.Dataset([ek.Event(id="9", title="E")]), path).rows
        1
        >>> len(path.read_text().rstrip("\n").split("\t"))
        61
        >>> ds, _ = read([{"GLOBALEVENTID": "9", "SQLDATE": "20240105", "note": "checked"}])
        >>> print(*write_tsv(ds, path).select("dropped"))
        row '9' (#0): extra.note dropped (a GDELT Events file has GDELT's columns only)
    """
    rows, report = _write(dataset, file=True)
    _write_rows(path, rows, EVENT_COLUMNS)
    return report


def write_mentions(dataset: Dataset) -> Exported:
    """The citations of the dataset's events as GDELT 2.0 Mentions rows: one row per citation.

    A citation with a `GdeltMention` of its source (a `GdeltEvent` read with
    its Mentions rows) is written as that mention, in the mentions' order;
    a mention no citation names the source of is reported dropped. Any other
    citation is a mention of the event by its source (the URL as
    ``MentionIdentifier``, a sentence ``locator`` as ``SentenceID``, the
    confidence in percent); the report lists what a mention cannot hold.

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([ek.Source(id="s", name="rt.com", kind="article",
        ...                            url="https://rt.com/a"),
        ...                  ek.Event(id="e", title="E", sources=[ek.Citation(
        ...                      source="s", locator="sentence 3", confidence=0.4)])])
        >>> rows, report = write_mentions(ds)
        >>> {k: rows[0][k] for k in ("GLOBALEVENTID", "MentionType", "MentionIdentifier",
        ...                          "SentenceID", "Confidence")}
        {'GLOBALEVENTID': 'e', 'MentionType': '1', 'MentionIdentifier': 'https://rt.com/a', 'SentenceID': '3', 'Confidence': '40'}
    """  # noqa: E501 - the doctest output is one line
    return _mentions(dataset, file=False)


def _mentions(dataset: Dataset, *, file: bool) -> Exported:
    """`write_mentions`; for a ``file``, each cell it cannot hold emptied, reported dropped."""
    recorder = Recorder(format=f"{_FORMAT} mentions", direction="export")
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(dataset):
        recorder.start(record.id, index)
        if isinstance(record, Event):
            rows.extend(_write_mentions(record, dataset, recorder, file=file))
        elif isinstance(record, Source):
            recorder.mapped("Source", "MentionSourceName, MentionIdentifier of its mentions")
        elif isinstance(record, Actor):
            recorder.mapped("Actor", "the Events table (gdelt.write)")
        else:
            recorder.dropped(type(record).__name__, "GDELT's Mentions table cites events only")
    return Exported(rows, recorder.report())


def write_mentions_tsv(dataset: Dataset, path: str | os.PathLike[str]) -> ConversionReport:
    r"""Write the citations of the dataset's events as a GDELT Mentions file (no header).

    Every cell of `write_mentions`' rows is in it (a mention keeps the
    cells of other columns in its Extras cell), but one holding a tab or a
    line break: written empty, reported dropped as
    ``sources[<index>].<column>``, as `write_tsv` writes. The file is written
    whole or not at all.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "mentions.tsv"
        >>> ds = ek.Dataset([ek.Source(id="s", name="AP", kind="article"),
        ...                  ek.Event(id="9", title="E", sources=[ek.Citation(source="s")])])
        >>> write_mentions_tsv(ds, path).counts()
        {'mapped': 2}
        >>> len(path.read_text().rstrip("\n").split("\t"))
        16
    """
    rows, report = _mentions(dataset, file=True)
    _write_rows(path, rows, MENTION_COLUMNS)
    return report


def _empty_unwritable(
    row: dict[str, str], columns: Sequence[str], recorder: Recorder, *, field: str = ""
) -> None:
    """Empty each cell of ``columns`` that holds a tab or a line break, reported dropped."""
    for column in columns:
        if _UNWRITABLE.search(row[column]):
            reason = "GDELT's files quote nothing: a cell cannot hold a tab or a line break"
            recorder.dropped(f"{field}{column}", reason)
            row[column] = ""


def _write_rows(
    path: str | os.PathLike[str], rows: Iterable[Mapping[str, str]], columns: Sequence[str]
) -> None:
    """Write ``rows`` as GDELT's files are, a line each, tab-separated; whole or not at all."""
    with atomic_write(path) as file:
        for row in rows:
            file.write(("\t".join(row.get(column, "") for column in columns) + "\n").encode())


def _timestamp(when: When | None) -> str:
    """A date as GDELT's YYYYMMDDHHMMSS, when it is known to the day at least."""
    if not isinstance(when, PartialDate) or when.precision < Precision.DAY:
        return ""
    return when.earliest.strftime("%Y%m%d%H%M%S")


def _write_mentions(
    event: Event, dataset: Dataset, recorder: Recorder, *, file: bool
) -> list[dict[str, str]]:
    pairs, unpaired = _paired(event)
    for number in unpaired:
        recorder.dropped(f"mentions[{number}]", "no citation of the event names its source")
    added: Any = getattr(event, "date_added", None)
    rows = []
    for index, citation, read in pairs:
        source = dataset.get(citation.source)
        if not isinstance(source, Source):
            recorder.dropped(f"sources[{index}]", "the source is not in the dataset")
            continue
        row = dict.fromkeys(MENTION_COLUMNS, "")
        row["GLOBALEVENTID"] = event.identifiers.get("gdelt", event.id)
        name = given_name(source) or ""
        row["MentionSourceName"] = "" if _named_by_identifier(source) else name
        row["MentionIdentifier"] = (
            source.url
            or source.identifiers.get("gdelt")
            # a name for a citation in words, unless a Mentions row gave the name alone
            or ("" if source.id.startswith(f"{_NAMED_ONLY}-") else name)
        )
        mention = read or _plain_mention(added, citation, source)
        if read is None:
            if citation.locator and mention.sentence is None:
                recorder.dropped(f"sources[{index}].locator", "a mention locates by sentence")
            if citation.confidence is not None:
                percent = citation.confidence * 100
                if str(mention.confidence) != write_number(percent):
                    reason = "GDELT's confidence is a whole percentage"
                    recorder.changed(
                        f"sources[{index}].confidence",
                        "Confidence",
                        citation.confidence,
                        str(mention.confidence),
                        reason,
                    )
        _write_mention(row, mention)
        for name in ("excerpt", "offsets"):
            if getattr(citation, name) is not None:
                recorder.dropped(f"sources[{index}].{name}", "a GDELT mention holds no excerpt")
        recorder.mapped(f"sources[{index}]", "a Mentions row")
        if file:
            _empty_unwritable(row, MENTION_COLUMNS, recorder, field=f"sources[{index}].")
        rows.append(row)
    return rows


def _paired(
    event: Event,
) -> tuple[list[tuple[int, Citation, GdeltMention | None]], list[int]]:
    """The event's citations, each by its index and with the mention of its source, if any.

    Each mention is paired with the first citation of its source not paired
    yet; those come first, in the mentions' order, then the other citations.
    Also the numbers of the mentions no citation names the source of.
    """
    free: dict[str, deque[int]] = {}  # the indices of the citations of each source not paired
    for index, citation in enumerate(event.sources):
        free.setdefault(citation.source, deque()).append(index)
    pairs: list[tuple[int, Citation, GdeltMention | None]] = []
    unpaired = []
    for number, mention in enumerate(getattr(event, "mentions", ())):
        if free.get(mention.source):
            index = free[mention.source].popleft()
            pairs.append((index, event.sources[index], mention))
        else:
            unpaired.append(number)
    paired = {index for index, _, _ in pairs}
    pairs += [(i, c, None) for i, c in enumerate(event.sources) if i not in paired]
    return pairs, unpaired


def _plain_mention(added: int | None, citation: Citation, source: Source) -> GdeltMention:
    """The mention a citation of no `GdeltMention` is written as: what the event and source say.

    ``added`` is the event's ``date_added`` (GDELT's EventTimeDate). A
    locator is a sentence only as ``sentence <number>``.
    """
    values: dict[str, Any] = {
        "source": source.id,
        "event_time": added,
        "mention_time": int(stamp) if (stamp := _timestamp(source.published)) else None,
        "mention_type": 1 if source.url else 2,
        "confidence": None if citation.confidence is None else round(citation.confidence * 100),
    }
    sentence = (citation.locator or "").removeprefix("sentence ")
    if sentence.isascii() and sentence.isdigit():
        try:
            return GdeltMention(**values, sentence=int(sentence))
        except ValidationError:
            pass  # more sentences than a number in JSON can count: the locator is not written
    return GdeltMention(**values)


def _write_mention(row: dict[str, str], mention: GdeltMention) -> None:
    for column, name in _MENTION_NUMBERS:
        value = getattr(mention, name)
        row[column] = "" if value is None else str(value)
    row["InRawText"] = "" if mention.in_raw_text is None else str(int(mention.in_raw_text))
    row["MentionDocTone"] = "" if mention.doc_tone is None else write_number(mention.doc_tone)
    row["MentionDocTranslationInfo"] = mention.translation_info or ""
    row["Extras"] = mention.extras or ""


def _write_geo(row: dict[str, str], prefix: str, geo: GdeltGeo) -> None:
    cells = {
        "Type": "" if geo.type is None else str(geo.type),
        "FullName": geo.full_name or "",
        "CountryCode": geo.country_code or "",
        "ADM1Code": geo.adm1 or "",
        "ADM2Code": geo.adm2 or "",
        "Lat": "" if geo.lat is None else write_number(geo.lat),
        "Long": "" if geo.lon is None else write_number(geo.lon),
        "FeatureID": geo.feature_id or "",
    }
    row.update((f"{prefix}_{name}", value) for name, value in cells.items())


def _write_event(  # noqa: PLR0912, PLR0915 - one column after another
    event: Event, dataset: Dataset, recorder: Recorder
) -> dict[str, str]:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    used = {"type", "id", "identifiers", "title", "extra", "mentions"}
    apart: set[str] = set()  # reported here, not by `Recorder.fields_left`
    row["GLOBALEVENTID"] = event.identifiers.get("gdelt", event.id)
    if isinstance(event.when, PartialDate):
        day = event.when
        if day.precision != Precision.DAY or day.approximate or day.uncertain:
            recorder.changed(
                "when",
                "SQLDATE",
                day.to_edtf(),
                day.earliest.date().isoformat(),
                "GDELT dates are days",
            )
        first = day.earliest.date()
        day = PartialDate(year=first.year, month=first.month, day=first.day)
        row["SQLDATE"] = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        row["MonthYear"], row["Year"] = row["SQLDATE"][:6], row["SQLDATE"][:4]
        row["FractionDate"] = _fraction(day)
        recorder.date_texts_dropped(event.when, "when", holder="GDELT")
        used.add("when")
    elif event.when is not None:
        recorder.dropped("when", "GDELT keeps a single day per event, not a span")
        apart.add("when")
    try:
        codes = codes_of(event)
    except ValidationError:
        codes = event.codes
    code = None if codes is None else codes.cameo
    if code is not None:
        row["EventCode"], row["EventBaseCode"], row["EventRootCode"] = code, code[:3], code[:2]
        row["QuadClass"] = _text(quad_class(code))
        row["GoldsteinScale"] = _text(goldstein_scale(code))
        used.add("codes")
    if codes is not None:
        for name in ("plover", "mode", "context", "acled", "acled_sub_event", "acled_disorder"):
            if getattr(codes, name):
                recorder.dropped(f"codes.{name}", "GDELT codes events in CAMEO only")
    used.add("codes")
    slots = {
        "initiator": "Actor1",
        "perpetrator": "Actor1",
        "recipient": "Actor2",
        "target": "Actor2",
        "victim": "Actor2",
    }
    taken: set[str] = set()
    for index, participant in enumerate(event.participants):
        prefix = slots.get(str(participant.role))
        actor = dataset.get(participant.actor)
        if prefix is None or prefix in taken or not isinstance(actor, Actor):
            why = (
                "GDELT has one Actor1 and one Actor2"
                if prefix in taken
                else "GDELT has two actors: a source and a target"
            )
            if not isinstance(actor, Actor):
                why = "the actor is not in the dataset"
            recorder.dropped(f"participants[{index}]", why)
            continue
        taken.add(prefix)
        row[f"{prefix}Name"] = given_name(actor) or ""
        for name, scheme in _IDENTIFIERS.items():
            row[f"{prefix}{name}"] = actor.identifiers.get(scheme, "")
        if not row[f"{prefix}CountryCode"] and actor.country is not None:
            row[f"{prefix}CountryCode"] = actor.country
    used.add("participants")
    for column, name in _EVENT_COUNTS:
        value = getattr(event, name, None)
        row[column] = "" if value is None else str(value)
        used.add(name)
    tone = getattr(event, "avg_tone", None)
    row["AvgTone"] = "" if tone is None else write_number(tone)
    root = getattr(event, "is_root_event", None)
    row["IsRootEvent"] = "" if root is None else str(int(root))
    used.update(("avg_tone", "is_root_event"))
    for prefix, name in (
        ("ActionGeo", "action_geo"),
        ("Actor1Geo", "actor1_geo"),
        ("Actor2Geo", "actor2_geo"),
    ):
        geo = getattr(event, name, None)
        if geo is not None:
            _write_geo(row, prefix, geo)
        used.add(name)
    if getattr(event, "action_geo", None) is not None:
        used.add("place")
    elif event.place is not None:
        place = event.place
        country = place.identifiers.get("fips", "")
        if not country and place.country is not None:
            country = fips_of_country(place.country) or ""
            if country:
                reason = "GDELT's country codes are FIPS 10-4"
                recorder.changed(
                    "place.country", "ActionGeo_CountryCode", place.country, country, reason
                )
            else:
                recorder.dropped("place.country", "no FIPS 10-4 code for this country")
        _write_geo(
            row,
            "ActionGeo",
            GdeltGeo(
                full_name=place.name,
                country_code=country or None,
                lat=place.lat,
                lon=place.lon,
                feature_id=place.identifiers.get("gdelt_feature"),
            ),
        )
        used.add("place")
    if event.sources:
        source = dataset.get(event.sources[0].source)
        if isinstance(source, Source):
            # a citation in words (as a mention identifies it) before a name
            row["SOURCEURL"] = (
                source.url or source.identifiers.get("gdelt") or given_name(source) or ""
            )
            if not row["SOURCEURL"]:
                recorder.dropped("sources[0]", "GDELT's SOURCEURL names its source; this has none")
        else:
            recorder.dropped("sources[0]", "the source is not in the dataset")
        for index, _, mention in _paired(event)[0]:
            if index and mention is None:  # one with a mention: write_mentions writes it
                recorder.dropped(f"sources[{index}]", "GDELT's Events table keeps one source URL")
    used.add("sources")
    extra: Mapping[str, str] = getattr(event, "extra", {})
    row.update(extra)  # cells kept as they were read win over what is derived
    # A title `read` made up is made again from the row written; any other is lost.
    if event.title != _made_up_title(event.id, row["EventCode"]):
        recorder.dropped("title", "GDELT rows have no title; one is made of the event code and id")
        apart.add("title")
    data = to_dict(event)
    if not recorder.event_type(data["type"], holder="GDELT", read_as="gdelt.event"):
        apart.add("type")
    recorder.fields_left(
        (key for key in data if key not in apart),
        used,
        status=event.status.value,
        holder="GDELT",
        place="column",
        targets={"title": "EventCode, GLOBALEVENTID (the title made of them)"},
    )
    return row
