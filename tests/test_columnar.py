"""The columnar form: lossless through Arrow and Parquet, and real engines agree with eventkit.

DuckDB, Polars, pandas and Dask answer the actor/time-window query and a
per-type count from the Parquet dataset eventkit writes; the answers must
be those of the eventkit query API (`Dataset.events_of`,
`Dataset.events_between`). Spark's run under ``-m slow``.
"""

from __future__ import annotations

import enum
import inspect
import json
import os
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NonInteractiveExampleWarning

import eventkit as ek
import eventkit.examples
from eventkit import _registry
from eventkit._extras import need
from eventkit._fields import describe
from eventkit._shapes import (
    Dates,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
)
from eventkit._wire import date_to_wire
from eventkit.columnar import _parquet
from eventkit.columnar._arrow import record_tables
from eventkit.columnar._parquet import WRITES_PER_FILE
from eventkit.columnar._schema import (
    DATE_PARTS,
    EXACT,
    KINDS,
    Inexact,
    Layout,
    _union_member,
    arrow_type,
    layout,
    union_names,
)
from eventkit.testing import records


@attrs.frozen(kw_only=True)
class Remark:
    text: str
    replies: tuple[Remark, ...] = ()  # nested in itself: held as JSON text


class Alert(enum.IntEnum):  # held as int64
    LOW = 1
    HIGH = 2


class Lit(enum.Enum):  # held as bool
    ON = True
    OFF = False


class Grade(enum.Enum):  # values of several types: held as JSON text
    PASS = 1
    FAIL = "fail"
    HALF = 0.5


@ek.event_type("test_columnar.vigil")
@attrs.frozen(kw_only=True)
class Vigil(ek.Event):
    candles: int = 0
    organiser: ek.ActorId | None = None
    vigil_period: ek.When | None = None
    crowd: ek.Quantity | None = None
    mood: tuple[str, ...] = ()
    tallies: tuple[ek.Quantity, ...] = ()
    remark: Remark | None = None
    alert: Alert = Alert.LOW
    lit: Lit | None = None
    grades: tuple[Grade, ...] = ()
    alert_or_note: Alert | str | None = None


@attrs.frozen(kw_only=True)
class Night:
    on: ek.When


@attrs.frozen(kw_only=True)
class Sounding:  # a float beside a field its cells give at its default ([])
    depth: float | None = None
    extra: tuple[float, ...] = ()


@ek.event_type("test_columnar.wake")
@attrs.frozen(kw_only=True)
class Wake(ek.Event):
    nights: tuple[Night, ...] = ()
    by_place: Mapping[str, ek.PartialDate] = attrs.field(factory=dict)
    soundings: tuple[Sounding, ...] = ()


@ek.event_type("test_columnar.ledger")
@attrs.frozen(kw_only=True)
class Ledger(ek.Event):  # fields named as columns eventkit gives
    when_edtf: ek.Text | None = None
    year: int | None = None
    deadline_edtf: ek.Text | None = None


@ek.event_type("test_columnar.notice")
@attrs.frozen(kw_only=True)
class Notice(ek.Event):  # a date whose columns would be named as Ledger's field
    deadline: ek.When | None = None


@attrs.frozen(kw_only=True)
class Road:
    name: str


@attrs.frozen(kw_only=True)
class Sea:  # written with `knots` spelled out when at its default: else read as Road
    name: str
    knots: float | None = None


@ek.event_type("test_columnar.crossing")
@attrs.frozen(kw_only=True)
class Crossing(ek.Event):
    legs: tuple[Road | Sea, ...] = ()


@attrs.frozen(kw_only=True)
class Gunner(ek.Participant):
    weapon: ek.Text | None = None


@attrs.frozen(kw_only=True)
class Port(ek.Place):
    berth: ek.Text | None = None


@ek.event_type("test_columnar.raid")
@attrs.frozen(kw_only=True)
class Raid(ek.Event):  # its participants and place: subclasses, in Event's columns with theirs
    participants: tuple[Gunner, ...] = ()
    place: Port | None = None


RAID = Raid(
    id="raid",
    title="Raid on the port",
    when=ek.parse_edtf("2022-12-02"),
    participants=(Gunner(actor="russia", role="initiator", weapon="drones"),),
    place=Port(name="Odesa", country="UKR", berth="7"),
)


def seed() -> ek.Dataset:
    merged, _ = ek.examples.scholz_putin().merge(ek.examples.aleppo_airstrikes(), policy="left")
    merged.add(
        Vigil(
            id="vigil",
            title="Vigil",
            candles=2**63 + 5,  # beyond int64: kept exactly in _exact
            organiser="olaf-scholz",
            when=ek.parse_when("December 2022"),
            vigil_period=ek.parse_edtf("2022-12-01/2022-12-03"),
            crowd=ek.Quantity(value=300, qualifier="about"),
            mood=("sombre",),
            alert=Alert.HIGH,
            lit=Lit.OFF,
            grades=(Grade.FAIL, Grade.HALF, Grade.PASS),
            alert_or_note="quiet",
            participants=[ek.Participant(actor="olaf-scholz", role="host")],
        )
    )
    # An event and a statement with no date: their rows are in the partition for
    # no value (year=__HIVE_DEFAULT_PARTITION__), which every engine must read.
    merged.add(
        ek.Event(
            id="undated",
            title="Date not reported",
            participants=[ek.Participant(actor="olaf-scholz", role="initiator")],
        )
    )
    merged.add(ek.Statement(id="undated-statement", speaker="olaf-scholz", text="Undated."))
    merged.add(RAID)
    # Dates far from today, the calendar's first and last days among them (one
    # whose UTC instant falls in year 0, one in year 10000): every engine must
    # place them as eventkit does.
    for number, when in enumerate(FAR_DATES):
        merged.add(
            ek.Event(
                id=f"far-{number}",
                title=f"Far {when}",
                when=ek.parse_edtf(when),
                participants=[ek.Participant(actor="russia", role="initiator")],
            )
        )
    return merged


FAR_DATES = ("1066-10-14", "0001-01-01T03+14:00", "0001", "9999", "9999-12-31T19:25:28-17:59")


@pytest.fixture(scope="module")
def dataset() -> ek.Dataset:
    return seed()


@pytest.fixture(scope="module")
def parquet(dataset: ek.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # under a name=value directory, which an engine reading keys from a file's whole path
    # would take for the partition key: every engine must still answer as eventkit does
    path = tmp_path_factory.mktemp("columnar") / "year=1999" / "seed.parquet"
    path.parent.mkdir()
    dataset.save(path, format="parquet")
    return path


# --- lossless ---------------------------------------------------------------------------


@pytest.mark.parametrize("example", [ek.examples.scholz_putin, ek.examples.aleppo_airstrikes])
def test_seed_datasets_round_trip_through_parquet(
    example: Callable[[], ek.Dataset], tmp_path: Path
) -> None:
    original = example()
    original.save(tmp_path / "d.parquet", format="parquet")
    loaded = ek.Dataset.load(tmp_path / "d.parquet")
    assert original == loaded
    assert original.name == loaded.name
    assert original == ek.Dataset.from_arrow(original.to_arrow())


def test_custom_types_and_exact_values_round_trip(dataset: ek.Dataset, parquet: Path) -> None:
    loaded = ek.Dataset.load(parquet)
    assert dataset == loaded
    vigil = loaded["vigil"]
    assert isinstance(vigil, Vigil)
    assert 2**63 + 5 == vigil.candles
    assert vigil.crowd is not None
    assert 300 == vigil.crowd.value
    assert isinstance(vigil.crowd.value, int)  # a whole number is read back as the int it was
    events = ek.columnar.read_parquet(parquet, tables=["events"])["events"]
    row = events.filter(pa.compute.equal(events["id"], "vigil")).to_pylist()[0]
    assert (None, '{"candles":9223372036854775813}') == (row["candles"], row["_exact"])
    assert {"organiser", "vigil_period_earliest", "vigil_period_latest", "mood"} <= set(
        events.column_names
    )
    assert ("2022-12", "December 2022", "month") == (
        row["when_edtf"],
        row["when_text"],
        row["when_precision"],
    )
    assert datetime.fromisoformat("2022-12-31T23:59:59.999999+00:00") == row["when_latest"]


def test_whole_floats_keep_their_form_and_their_column(tmp_path: Path) -> None:
    def records(lat: float, value: float) -> list[Any]:
        kind = type(value).__name__
        return [
            ek.Event(id=f"e-{kind}", title="T", place=ek.Place(name="K", lat=lat, lon=30.5)),
            ek.Statement(id=f"s-{kind}", speaker="a", text="T", figure=ek.Quantity(value=value)),
        ]

    given = [ek.Actor(id="a", name="A", kind="person"), *records(50.0, 5.0), *records(50, 5)]
    ek.Dataset(given).save(tmp_path / "d", format="parquet")
    loaded = ek.Dataset.load(tmp_path / "d")
    assert ek.to_jsonl(given) == ek.to_jsonl([loaded[record.id] for record in given])
    tables = ek.columnar.read_parquet(tmp_path / "d", tables=["events", "statements"])
    rows = {row["id"]: row for table in tables.values() for row in table.to_pylist()}
    # engines see the numbers in the columns; _exact keeps the form of the whole floats
    assert [50.0, 50.0, 5.0, 5.0] == [
        *(rows[i]["place"]["lat"] for i in ("e-float", "e-int")),
        *(rows[i]["figure"]["quantity"]["value"] for i in ("s-float", "s-int")),
    ]
    kept = [rows[i][EXACT] for i in ("e-float", "s-float", "e-int", "s-int")]
    assert [{"place"}, {"figure"}, None, None] == [k and set(orjson.loads(k)) for k in kept]


@pytest.mark.parametrize("depth", [1.0, -0.0, 1e300, 1])
def test_whole_floats_in_values_whose_cells_give_their_defaults(depth: float) -> None:
    # the cell read {"depth": 1, "extra": []}, _exact kept {"depth": 1.0}:
    # they were taken to differ, and the row was refused as duplicate_key
    wake = Wake(id="w", title="W", soundings=(Sounding(depth=depth), Sounding(extra=(2.0,))))
    back = ek.Dataset.from_arrow(ek.Dataset([wake]).to_arrow())
    assert ek.to_json(wake) == ek.to_json(back["w"])
    # a form that is not the cell's value is still refused
    tables = ek.Dataset([wake]).to_arrow()
    other = '{"soundings": [{"depth": 2.0}, {"extra": [2.0]}]}'
    tables["events"] = tables["events"].set_column(
        tables["events"].column_names.index(EXACT), EXACT, pa.array([other])
    )
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [("$.events[0].soundings", "duplicate_key")] == [
        (p.path, p.code) for p in report.problems
    ]


def test_fields_named_as_columns_eventkit_gives_have_columns_of_their_own(
    tmp_path: Path,
) -> None:
    # they were given the same column as when's EDTF, the year partition or
    # another type's date: tables were refused, or could not be written
    records = [
        Ledger(
            id="l",
            title="L",
            when=ek.parse_edtf("2024-05"),
            when_edtf="Q2/2024",
            year=1999,
            deadline_edtf="end of term",
        ),
        Notice(id="n", title="N", deadline=ek.parse_edtf("2025-01-31")),
    ]
    names = ek.columnar.schemas()["events"].names
    assert [] == [name for name, n in Counter(names).items() if n > 1]
    assert {"when_edtf__test_columnar_ledger", "year__test_columnar_ledger"} <= set(names)
    ek.Dataset(records).save(tmp_path / "d", format="parquet")
    for back in (
        ek.Dataset.from_arrow(ek.Dataset(records).to_arrow()),
        ek.Dataset.load(tmp_path / "d"),
    ):
        assert [ek.to_json(r) for r in records] == [ek.to_json(back[r.id]) for r in records]


def _round_trip(generated: list[Any]) -> None:
    back, read = ek.Dataset.from_arrow(ek.Dataset(generated).to_arrow(), lenient=True)
    assert [] == [p for p in read.problems if "reference" not in p.code]
    # record by record first: drawn data cannot be replayed, so a failure shows what differed
    assert [] == [
        (record, back.get(record.id)) for record in generated if back.get(record.id) != record
    ]
    # equal is not enough: 10.0 == 10, but the JSON text of the two differs
    assert [] == [
        (ek.to_json(record), ek.to_json(back[record.id]))
        for record in generated
        if ek.to_json(back[record.id]) != ek.to_json(record)
    ]
    assert ek.Dataset(generated) == back


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(records(), min_size=1, max_size=25, unique_by=lambda r: r.id))
def test_generated_records_of_every_type_round_trip(generated: list[Any]) -> None:
    _round_trip(generated)


@pytest.mark.slow
@pytest.mark.parametrize("cls", _registry.registered(), ids=lambda cls: cls.__name__)
def test_two_thousand_generated_records_of_each_type_round_trip(cls: type[ek.Record]) -> None:
    # @given draws short lists and repeats small ids: 2,000 independent examples
    # instead, each given an id of its own, round-tripped as one dataset
    strategy = records(cls, subclasses=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        drawn = [attrs.evolve(strategy.example(), id=f"r{i}") for i in range(2000)]
    assert 2000 == len(drawn)
    _round_trip(drawn)
    # the same 2,000 through the JSON forms: one draw serves both round trips
    assert drawn == [ek.from_dict(cls, ek.to_dict(record)) for record in drawn]
    assert drawn == ek.from_jsonl(ek.Record, ek.to_jsonl(drawn))


@pytest.mark.parametrize(
    "edge",
    [
        # found by the slow 2,000-records test (CI, 2026-12-01): in UTC, year 10000
        ek.PartialDate(
            year=9999, month=12, day=31, hour=19, minute=25, second=28, utc_offset=-1079
        ),
        ek.PartialDate(year=9999, month=12, day=31, hour=23, utc_offset=-60),
        ek.PartialDate(year=1, month=1, day=1, hour=3, utc_offset=14 * 60),  # in UTC, year 0
        ek.TimeSpan(
            start=ek.PartialDate(year=1, month=1, day=1, hour=0, utc_offset=60),
            end=ek.PartialDate(year=9999, month=12, day=31, hour=23, utc_offset=-1),
        ),
    ],
    ids=str,
)
def test_a_date_whose_utc_instant_is_outside_years_1_to_9999_round_trips(
    edge: Any, tmp_path: Path
) -> None:
    # at the top of a table (flattened columns), in a list of structs, in a map
    nested = Wake(
        id="w",
        title="W",
        nights=(Night(on=edge),),
        by_place={"here": edge if isinstance(edge, ek.PartialDate) else edge.start},
    )
    dataset = ek.Dataset([ek.Event(id="e", title="E", when=edge), nested])
    _round_trip(list(dataset))
    _assert_made_as_the_reference(list(dataset))
    assert ek.Dataset.from_frames(dataset.to_pandas()) == dataset
    assert ek.Dataset.from_frames(dataset.to_polars()) == dataset
    dataset.save(tmp_path / "edge", format="parquet")
    assert ek.Dataset.load(tmp_path / "edge") == dataset


def _vocabulary_cell(shape: Vocabulary, value: Any) -> Any:
    held = value if isinstance(value, str) else value.value
    kinds = {type(member.value) for member in shape.enum} | ({str} if shape.open else set())
    if len(kinds) == 1 and kinds <= {str, int, bool}:
        return held
    return orjson.dumps(held).decode()  # values of several types: held as JSON


def _cell(shape: Shape, value: Any, wholes: list[float]) -> Any:  # noqa: PLR0911, PLR0912
    """What a column holds for one value, made one value at a time: the reference.

    Each whole float held as a number (``50.0``, read back as ``50``) is added to ``wholes``.
    """
    if value is None:
        return None
    if isinstance(shape, Nullable):
        return _cell(shape.inner, value, wholes)
    if isinstance(shape, Scalar):
        if (shape.type is int and not -(2**63) <= value < 2**63) or (
            shape.type is float and type(value) is int and abs(value) > 2**53
        ):
            raise Inexact
        if type(value) is float and value.is_integer():
            wholes.append(value)
        return str(value) if shape.type is Decimal else value
    if isinstance(shape, Vocabulary):
        return _vocabulary_cell(shape, value)
    if isinstance(shape, Dates):
        wire = date_to_wire(value)
        texts = {} if isinstance(wire, str) else wire
        ends = [value] if isinstance(value, ek.PartialDate) else [value.start, value.end]
        precision = min(end.precision for end in ends if end is not None)
        return {
            "edtf": value.to_edtf(),
            **{k: texts.get(k) for k in ("text", "start_text", "end_text")},
            "earliest": value.earliest and _utc_microseconds(value.earliest),
            "latest": value.latest and _utc_microseconds(value.latest),
            "precision": precision.name.lower(),
        }
    if isinstance(shape, TupleOf):
        return [_cell(shape.item, item, wholes) for item in value]
    if isinstance(shape, MappingOf):
        return [(key, _cell(shape.value, item, wholes)) for key, item in value.items()]
    if isinstance(shape, Nested):
        if pa.types.is_string(arrow_type(shape)):  # held as JSON
            return orjson.dumps(ek.to_dict(value)).decode()
        return {
            f.key: _cell(f.shape, getattr(value, f.name), wholes)
            for f in describe(shape.cls).fields
        }
    assert isinstance(shape, UnionOf)
    names = union_names(shape)
    for name, member in zip(names, shape.members, strict=True):
        if _union_member(member)(value):
            return {**dict.fromkeys(names), name: _cell(member, value, wholes)}
    raise Inexact


def _utc_microseconds(instant: datetime) -> int:
    """Microseconds from 1970 in UTC, by day number (no datetime arithmetic across years)."""
    offset = instant.utcoffset()
    assert offset is not None
    clock = (instant.hour * 60 + instant.minute) * 60 + instant.second
    days = instant.toordinal() - date(1970, 1, 1).toordinal()
    seconds = days * 86_400 + clock - int(offset.total_seconds())
    return seconds * 1_000_000 + instant.microsecond


def _reference_row(record: Any, lay: Layout, tag: str) -> dict[str, Any]:
    cls, columns = lay.classes[tag]
    names = {f.key: f.name for f in describe(cls).fields}
    row: dict[str, Any] = {"type": tag}
    kept: dict[str, Any] = {}
    # a field's form is the record's JSON of it: a union member there may spell
    # out a default to be told from another (to_dict of the value alone does not)
    written = ek.to_dict(record)
    for column in columns:
        value = getattr(record, names[column.key])
        form = written[column.key] if column.key in written else ek.to_dict(value)
        wholes: list[float] = []
        try:
            held = _cell(column.shape, value, wholes)
        except Inexact:
            kept[column.key] = form
            held = None
        if wholes:  # the column holds the number, _exact its form
            kept[column.key] = form
        if column.flat:
            row.update({f"{column.name}_{k}": held and held[k] for k in DATE_PARTS})
        else:
            row[column.name] = held
    row[EXACT] = orjson.dumps(kept).decode() if kept else None
    return row


def _assert_made_as_the_reference(given: list[Any]) -> None:
    # columns are built a whole field at a time (struct children, lists' items
    # flattened): each cell must be what the value alone makes, the rows of a
    # table grouped by type in the order types first appear
    made = record_tables(given)
    for table, base in KINDS.items():
        lay = layout(table)
        order: dict[str, int] = {}
        tagged = [(_registry.tag_of(type(r)), r) for r in given if isinstance(r, base)]
        tagged.sort(key=lambda item: order.setdefault(item[0], len(order)))
        rows = [_reference_row(record, lay, tag) for tag, record in tagged]
        assert pa.Table.from_pylist(rows, schema=lay.schema()).equals(made[table]), table


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(records(), min_size=1, max_size=40, unique_by=lambda r: r.id))
def test_record_tables_are_the_tables_made_one_value_at_a_time(generated: list[Any]) -> None:
    _assert_made_as_the_reference(generated)


def test_a_field_kept_exactly_is_kept_as_the_record_writes_it(tmp_path: Path) -> None:
    # a whole float (0.0) puts the legs in _exact; the first leg must be written as the
    # record writes it ({"name": "", "knots": null}), or it would read back as a Road
    crossing = Crossing(id="c", title="C", legs=(Sea(name=""), Sea(name="", knots=0.0)))
    _assert_made_as_the_reference([crossing])
    ek.Dataset([crossing]).save(tmp_path / "crossing.parquet")
    assert ek.Dataset([crossing]) == ek.Dataset.load(tmp_path / "crossing.parquet")


def test_values_kept_exactly_are_left_null_in_their_own_rows() -> None:
    # few generated values are beyond what a column holds: here rows with and without mix
    vigils = [
        Vigil(
            id=f"v{i}",
            title="V",
            candles=2**63 + i if i % 3 == 1 else i,
            crowd=ek.Quantity(value=2**53 + 1 if i % 4 == 2 else -(2**53)) if i % 2 == 0 else None,
            tallies=(ek.Quantity(value=i), ek.Quantity(value=2**53 + i if i == 5 else i)),
            remark=Remark(text="r", replies=(Remark(text="s"),)) if i % 2 else None,
        )
        for i in range(11)
    ]
    _assert_made_as_the_reference(vigils)
    exact = record_tables(vigils)["events"][EXACT].to_pylist()
    assert [i for i, kept in enumerate(exact) if kept] == [1, 2, 4, 5, 6, 7, 10]


# --- problems are reported per row -------------------------------------------------------


def test_frames_with_problems_are_reported_at_their_table_and_row() -> None:
    frames = {
        "actors": pd.DataFrame(
            {
                "type": ["actor", "actor"],
                "id": ["a", "b"],
                "name": ["A", "B"],
                "kind": ["person", "persn"],
            }
        ),
        "events": pd.DataFrame(
            {
                "type": ["event", "event"],
                "id": ["e1", "e2"],
                "title": ["E1", 7],
                "participants": [[{"actor": "a"}], []],
            }
        ),
        "mystery": pd.DataFrame({"x": [1]}),
    }
    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.from_frames(frames)
    assert [
        ("$.actors[1].kind", "invalid_value"),
        ("$.events[1].title", "invalid_type"),
        ("$.mystery", "unknown_table"),
    ] == [(p.path, p.code) for p in error.value.problems]
    kept, report = ek.Dataset.from_frames(frames, lenient=True)
    assert ["a", "e1"] == sorted(kept.ids)
    assert ["b", "e2"] == sorted(p.record for p in report.problems if p.record)


def test_reference_problems_and_warnings_are_placed_at_their_table_and_row() -> None:
    records = [
        ek.Actor(id="a", name="A", kind="person"),
        ek.Event(id="e1", title="E1"),
        ek.Event(id="e2", title="E2", related=[ek.Relation(kind="follows", event="e2")]),
        ek.Statement(id="s", speaker="a", text="…", event="e3", via="a"),
    ]
    tables = ek.Dataset(records).to_arrow()
    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.from_arrow(tables)
    assert [
        ("s", "$.statements[0].event", "dangling_reference"),
        ("s", "$.statements[0].via", "wrong_reference_kind"),
    ] == [(p.record, p.path, p.code) for p in error.value.problems]
    kept, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert ek.Dataset(records) == kept
    assert [("e2", "$.events[1].related[0].event", "self_relation")] == [
        (w.record, w.path, w.code) for w in report.warnings
    ]
    # the same problems, as Dataset.check gives them for the records, moved under their rows
    checked = ek.Dataset(records).check()
    assert [p.path.replace("$.", "$.statements[0].") for p in checked.problems] == [
        p.path for p in report.problems
    ]


def test_a_reference_to_a_refused_row_names_the_row() -> None:
    # "no record has this id" sent the user looking for a record that is there, only
    # invalid (a type this process does not know), as JSON Lines says "at line 5 is invalid"
    records = [
        ek.Actor(id="a", name="A", kind="person"),
        ek.Event(id="e", title="E"),
        ek.Statement(id="s", speaker="a", text="…", event="e"),
    ]
    tables = ek.Dataset(records).to_arrow()
    events = tables["events"]
    tables["events"] = events.set_column(
        events.schema.get_field_index("title"), "title", pa.array([""])
    )
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [
        ("e", "$.events[0].title", "invalid_value", "must be a non-empty string"),
        (
            "s",
            "$.statements[0].event",
            "dangling_reference",
            "no record has this id (the record at $.events[0] is invalid)",
        ),
    ] == [(p.record, p.path, p.code, p.message) for p in report.problems]


# --- pandas and Polars ------------------------------------------------------------------------


def test_to_pandas_has_tidy_frames_with_dtypes_and_defaults(dataset: ek.Dataset) -> None:
    frames = dataset.to_pandas()
    events = frames["events"].set_index("id")
    assert "occurred" == events.loc["vigil", "status"]
    assert not events["status"].isna().any()
    assert {
        "title": "string",
        "when_earliest": "datetime64[us, UTC]",
        "when_latest": "datetime64[us, UTC]",
        "when_precision": "string",
        "when_text": "string",
        "candles": "Int64",
    } == {
        name: str(events[name].dtype)
        for name in (
            "title",
            "when_earliest",
            "when_latest",
            "when_precision",
            "when_text",
            "candles",
        )
    }
    assert pd.isna(events.loc["vigil", "candles"])  # beyond Int64: in _exact
    participants = frames["participants"]
    # a Gunner's weapon, a column of every participant: null where the participant has none
    # (and any other registered subclass's fields, after Participant's own)
    assert ["event", "position", "actor", "role", "certainty"] == list(participants)[:5]
    assert "weapon" in participants
    assert "string" == str(participants["weapon"].dtype)
    weapons = participants.dropna(subset=["weapon"])
    assert [("raid", "russia", "drones")] == list(
        zip(weapons["event"], weapons["actor"], weapons["weapon"], strict=True)
    )
    expected = Counter((e.id, p.actor, str(p.role)) for e in dataset.events for p in e.participants)
    got = Counter(
        zip(participants["event"], participants["actor"], participants["role"], strict=True)
    )
    assert expected == got
    assert {"statements", "citations", "actors", "sources"} <= set(frames)
    assert ek.Dataset.from_frames(frames) == dataset


def test_pandas_frames_keep_integers_inside_structs() -> None:
    # pandas makes an integer of a struct a float when another row lacks it
    far = 2**53 + 1  # a float cannot hold it
    dataset = ek.Dataset(
        [
            ek.Event(id="a", title="A", place=ek.Place(name="Odesa", geonames=far)),
            ek.Event(id="b", title="B", place=ek.Place(name="Kyiv")),
        ]
    )
    frames = dataset.to_pandas()
    places = frames["events"].set_index("id")["place"]
    assert (int, far) == (type(places["a"]["geonames"]), places["a"]["geonames"])
    assert ek.Dataset.from_frames(frames) == dataset


@pytest.mark.parametrize("when", FAR_DATES)
def test_far_dates_inside_lists_round_trip_through_frames(when: str) -> None:
    # pyarrow read a pandas.Timestamp past 2262 inside a list as an instant of another year
    # (10000 as 1972), and the role's start was refused as derived_differs
    start = ek.parse_edtf(when)
    assert isinstance(start, ek.PartialDate)
    roles = [ek.Role(title="Chief", start=start), ek.Role(title="Envoy")]
    dataset = ek.Dataset([ek.Actor(id="a", name="A", kind="person", roles=roles)])
    cell = dataset.to_pandas()["actors"]["roles"][0][0]
    assert cell["start"]["edtf"] == when
    assert dataset == ek.Dataset.from_frames(dataset.to_pandas())
    assert dataset == ek.Dataset.from_frames(dataset.to_polars())


def test_polars_frames_round_trip(dataset: ek.Dataset) -> None:
    frames = dataset.to_polars()
    assert pl.Datetime("us", "UTC") == frames["events"].schema["when_earliest"]
    assert ek.Dataset.from_frames(frames) == dataset


def test_a_link_table_that_says_otherwise_is_reported_not_ignored(dataset: ek.Dataset) -> None:
    # Link tables are derived from the record tables' list columns, which are
    # what is read: an edit made in a tidy frame must not vanish silently.
    frames = dataset.to_pandas()
    participants = frames["participants"]
    edited = participants.index[participants["role"] != "target"][0]
    event = participants.loc[edited, "event"]
    participants.loc[edited, "role"] = "target"
    citations = frames["citations"]
    statement = citations.loc[citations["kind"] == "statement", "record"].iloc[0]
    frames["citations"] = citations[citations["record"] != statement]  # rows removed
    frames["relations"] = frames["relations"].iloc[0:0]  # every row removed

    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.from_frames(frames)

    related = sorted({e.id for e in dataset.events if e.related})
    assert related  # the fixture relates events, so emptying the table is a change
    assert sorted(
        [
            (f"$.participants[{edited}]", event),
            ("$.citations", statement),
            *[("$.relations", owner) for owner in related],
        ]
    ) == sorted((p.path, p.record) for p in error.value.problems)
    assert {"link_differs"} == {p.code for p in error.value.problems}
    assert (
        f"these rows say other than the sources of {statement!r} in its record table, "
        "which is what is read: make the change there"
    ) in [p.message for p in error.value.problems]


def test_a_link_table_with_fewer_columns_or_none_loses_nothing(dataset: ek.Dataset) -> None:
    frames = dataset.to_polars()
    frames["participants"] = frames["participants"].drop("certainty", "role")
    del frames["citations"]
    assert ek.Dataset.from_frames(frames) == dataset
    tables = dataset.to_arrow()
    tables["participants"] = tables["participants"].drop_columns(["role"])
    assert ek.Dataset.from_arrow(tables) == dataset


def test_link_rows_of_a_record_that_was_not_read_are_reported(dataset: ek.Dataset) -> None:
    frames = dataset.to_pandas()
    participants = frames["participants"]
    row = participants.iloc[[0]].assign(event="no-such-event")
    frames["participants"] = pd.concat([participants, row], ignore_index=True)

    _, report = ek.Dataset.from_frames(frames, lenient=True)

    assert [
        (
            f"$.participants[{len(participants)}]",
            "no record 'no-such-event' was read: these rows are not read",
        )
    ] == [(p.path, p.message) for p in report.problems]


# --- the engines agree with the query API -----------------------------------------------------

WINDOWS = [
    ("2022-12", "2022-12"),
    ("2024-11-15", "2024-11-18"),
    ("2016", "2016"),
    ("2024", "2025"),
    ("1066", "1066"),
    ("0001", "0001"),
    ("9999", "9999"),
    ("0001", "9999"),
]


def _bounds(start: str, end: str) -> tuple[datetime, datetime]:
    low = ek.parse_edtf(start).earliest
    high = ek.parse_edtf(end).latest
    assert low is not None
    assert high is not None
    return low, high


def expected_counts(ds: ek.Dataset, start: str, end: str) -> dict[str, int]:
    return dict(Counter(_registry.tag_of(type(e)) for e in ds.events_between(start, end)))


def expected_actor_window(ds: ek.Dataset, actor: str, start: str, end: str) -> set[str]:
    return {e.id for e in ds.events_of(actor)} & {e.id for e in ds.events_between(start, end)}


PLUGIN_LATE = """
import sys
import eventkit as ek
from eventkit.columnar import write_parquet

assert "eventkit.interop.gdelt" not in sys.modules  # loaded when the stream names it
count = write_parquet("late.parquet", ek.iter_records("late.jsonl"), batch_size=10)
loaded = ek.Dataset.load("late.parquet")
print(count, loaded == ek.Dataset(ek.iter_records("late.jsonl")), type(loaded.get("g")).__name__)
"""


def test_a_plugin_type_first_met_after_the_first_batch_is_written(tmp_path: Path) -> None:
    # A fresh interpreter: the plugin's type is loaded when the stream first names it.
    events = [ek.Event(id=f"e{i}", title=f"E {i}") for i in range(20)]
    late = '{"type": "gdelt.event", "id": "g", "title": "G", "num_mentions": 3}\n'
    (tmp_path / "late.jsonl").write_text(ek.to_jsonl(events) + late, encoding="utf-8")
    (tmp_path / "late.py").write_text(PLUGIN_LATE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "late.py"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (0, "21 True GdeltEvent\n") == (done.returncode, done.stdout), done.stderr


ALPHA = """
import attrs, eventkit as ek

@ek.event_type("news.alpha")
@attrs.frozen(kw_only=True)
class Alpha(ek.Event):
    level: int | None = None
    until: ek.Text | None = None
"""

BETA = """
import attrs, eventkit as ek

@ek.event_type("news.beta")
@attrs.frozen(kw_only=True)
class Beta(ek.Event):
    level: ek.Text | None = None
    until: ek.When | None = None
"""

WRITE_WITH = """
import sys, eventkit as ek, beta
if sys.argv[2] == "both":
    import alpha
record = beta.Beta(id="b", title="B", level="high", until=ek.parse_edtf("2024-05"))
ek.Dataset([record]).save(sys.argv[1], format="parquet")
print(sorted(n for n in ek.columnar.schemas()["events"].names if n.startswith(("level", "until_"))))
"""

READ_WITH = """
import sys, eventkit as ek, beta
if sys.argv[2] == "both":
    import alpha
print(ek.to_json(ek.Dataset.load(sys.argv[1])["b"]))
"""


def _programs(
    tmp_path: Path, modules: Mapping[str, str], dataset: str
) -> Callable[[str, str], str]:
    """``run(script, registered)``: what a fresh program prints, run in ``tmp_path``.

    ``modules`` are written there first, by name; a script takes the dataset's
    path and which types to register.
    """
    for name, code in modules.items():
        (tmp_path / f"{name}.py").write_text(code, encoding="utf-8")

    def run(script: str, registered: str) -> str:
        done = subprocess.run(
            [sys.executable, script, dataset, registered],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode, done.stderr
        return done.stdout

    return run


@pytest.mark.parametrize(("written", "read"), [("both", "beta"), ("beta", "both")])
def test_a_field_is_read_whatever_types_were_registered_when_written(
    tmp_path: Path, written: str, read: str
) -> None:
    # news.alpha's level, of another shape, puts news.beta's in level__news_beta:
    # a program without news.alpha reported that column as an unknown field
    modules = {"alpha": ALPHA, "beta": BETA, "write": WRITE_WITH, "read": READ_WITH}
    run = _programs(tmp_path, modules, "b.parquet")

    dates = [f"until__news_beta_{part}" for part in sorted(DATE_PARTS)]
    if written != "both":
        dates = [f"until_{part}" for part in sorted(DATE_PARTS)]
    columns = sorted(["level", *(["level__news_beta"] if written == "both" else []), *dates])
    assert f"{columns}\n" == run("write.py", written)
    expected = '{"type":"news.beta","id":"b","title":"B","level":"high","until":"2024-05"}\n'
    assert expected == run("read.py", read)


def test_a_subclass_of_a_value_class_is_in_its_base_column_with_its_own_fields(
    parquet: Path,
) -> None:
    # not a column of its own (place__test_columnar_raid): engines asking events.place or
    # the participants table would have missed the raid
    names = ek.columnar.schemas()["events"].names
    assert not [name for name in names if name.startswith(("place__", "participants__"))]
    con = ek.columnar.connect(parquet)
    assert [("UKR", "7")] == con.sql(
        "SELECT place.country, place.berth FROM events WHERE id = 'raid'"
    ).fetchall()
    assert [("Odessa", None)] == con.sql(
        "SELECT place.name, place.berth FROM events WHERE id = 'odesa-strikes'"
    ).fetchall()
    assert [("russia", "initiator", "drones")] == con.sql(
        "SELECT actor, role, weapon FROM participants WHERE event = 'raid'"
    ).fetchall()


# the types above, for a program that has them: written with them, read without, or back
RAID_TYPES = "import attrs, eventkit as ek\n\n" + "\n\n".join(
    inspect.getsource(cls) for cls in (Gunner, Port, Raid)
)

WRITE_RAIDS = """
import sys, eventkit as ek
records = [
    ek.Actor(id="a", name="A", kind="group"),
    ek.Event(id="e", title="E", when=ek.parse_edtf("2024-05"), place=ek.Place(name="Kyiv"),
             participants=[ek.Participant(actor="a", role="target")]),
]
if sys.argv[2] == "raid":
    import raid
    records.append(raid.Raid(id="r", title="R", when=ek.parse_edtf("2023"),
                             place=raid.Port(name="Odesa", berth="7"),
                             participants=[raid.Gunner(actor="a", role="initiator", weapon="x")]))
ek.Dataset(records).save(sys.argv[1], format="parquet")
print(ek.to_jsonl(records), end="")
"""

READ_RAIDS = """
import sys, orjson, eventkit as ek
if sys.argv[2] == "raid":
    import raid
for record in ek.Dataset.load(sys.argv[1], keep_unknown=True):
    print(orjson.dumps(record.to_dict() if isinstance(record, ek.UnknownRecord)
                       else ek.to_dict(record)).decode())
"""


@pytest.mark.parametrize(("written", "read"), [("raid", "plain"), ("plain", "raid")])
def test_a_subclass_s_fields_are_read_whatever_was_registered_when_written(
    tmp_path: Path, written: str, read: str
) -> None:
    # Event's place and participants have a child more where the subclasses are registered
    modules = {"raid": RAID_TYPES, "write": WRITE_RAIDS, "read": READ_RAIDS}
    run = _programs(tmp_path, modules, "r.parquet")

    given = [orjson.loads(line) for line in run("write.py", written).splitlines()]
    back = [orjson.loads(line) for line in run("read.py", read).splitlines()]
    assert sorted(given, key=lambda r: r["id"]) == sorted(back, key=lambda r: r["id"])


ACTORS = ["olaf-scholz", "vladimir-putin", "syrian-government", "russia"]

SQL_WINDOW = """
    (when_earliest IS NOT NULL OR when_latest IS NOT NULL)
    AND (when_earliest IS NULL OR when_earliest <= $high)
    AND (when_latest IS NULL OR when_latest >= $low)
"""


def test_duckdb_answers_as_eventkit_does(dataset: ek.Dataset, parquet: Path) -> None:
    con = ek.columnar.connect(parquet)
    for start, end in WINDOWS:
        low, high = _bounds(start, end)
        rows = con.execute(
            f"SELECT type, count(*) FROM events WHERE {SQL_WINDOW} GROUP BY type",
            {"low": low, "high": high},
        ).fetchall()
        assert expected_counts(dataset, start, end) == dict(rows)
        for actor in ACTORS:
            ids = con.execute(
                f"""SELECT DISTINCT e.id FROM events e JOIN participants p ON p.event = e.id
                    WHERE p.actor = $actor AND {SQL_WINDOW}""",
                {"low": low, "high": high, "actor": actor},
            ).fetchall()
            assert expected_actor_window(dataset, actor, start, end) == {i for (i,) in ids}
    counted = con.execute(
        "SELECT count(DISTINCT event) FROM participants WHERE actor = 'olaf-scholz'"
    ).fetchall()
    assert [(len(dataset.events_of("olaf-scholz")),)] == counted


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata"])
def test_duckdb_reads_times_written_without_a_zone_as_utc(parquet: Path, zone: str) -> None:
    # the connection took the machine's zone: '2024-11-15' was midnight in New York,
    # and the day's events were not found where the machine was not on UTC
    query = """SELECT count(*) FROM events
               WHERE when_earliest >= '2024-11-15' AND when_earliest < '2024-11-16'"""
    child = f"import eventkit as ek; print(ek.columnar.connect({str(parquet)!r}).sql({query!r}))"
    env = {**os.environ, "TZ": zone}
    run = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True
    )
    con = ek.columnar.connect(parquet)
    here = con.sql(query).fetchall()[0][0]
    assert [("UTC",)] == con.sql("SELECT current_setting('TimeZone')").fetchall()
    assert here > 0
    assert str(here) in run.stdout.split()


def _years(dataset: ek.Dataset) -> dict[str, int | None]:
    """Each event's partition key: the UTC year of its first instant (or last, if open)."""
    events = dataset.to_arrow()["events"]
    # in Arrow: a Python datetime stops at year 9999, and the dataset has dates in UTC 10000
    years = pc.year(pc.coalesce(events["when_earliest"], events["when_latest"]))
    return dict(zip(events["id"].to_pylist(), years.to_pylist(), strict=True))


def _polars_window(events: pl.LazyFrame, low: datetime, high: datetime) -> pl.LazyFrame:
    start, end = pl.col("when_earliest"), pl.col("when_latest")
    return events.filter(
        (start.is_not_null() | end.is_not_null())
        & (start.is_null() | (start <= high))
        & (end.is_null() | (end >= low))
    )


def test_polars_answers_as_eventkit_does(dataset: ek.Dataset, parquet: Path) -> None:
    # the table's directory, as docs/scaling.md does: a glob of its files made Polars read
    # keys from the files' whole paths (`parquet` is under year=1999/: a ShapeError)
    events = pl.scan_parquet(parquet / "events")
    participants = pl.scan_parquet(parquet / "participants")
    assert _years(dataset) == dict(events.select("id", "year").collect().iter_rows())
    for start, end in WINDOWS:
        low, high = _bounds(start, end)
        window = _polars_window(events, low, high)
        counts = window.group_by("type").len().collect()
        assert expected_counts(dataset, start, end) == dict(counts.iter_rows())
        for actor in ACTORS:
            ids = (
                window.join(participants.filter(actor=actor), left_on="id", right_on="event")
                .select("id")
                .unique()
                .collect()["id"]
                .to_list()
            )
            assert expected_actor_window(dataset, actor, start, end) == set(ids)


def test_dask_answers_as_eventkit_does(dataset: ek.Dataset, parquet: Path) -> None:
    dask = need("dask", "dask")
    dd = need("dask.dataframe", "dask")
    columns = ["id", "type", "when_earliest", "when_latest"]

    def read(table: str, columns: list[str]) -> Any:
        # undated events are in year=__HIVE_DEFAULT_PARTITION__: Dask needs the key's type; and
        # the table's directory, or it reads keys from a file's whole path (`parquet` is under
        # year=1999/: every event was in 1999)
        where = os.path.abspath(parquet / table)
        year = {
            "partitioning": ek.columnar.partitioning(parquet, table),
            "partition_base_dir": where,
        }
        return dd.read_parquet(where, columns=columns, dataset=year)

    years = read("events", ["id", "year"]).compute(scheduler="sync")
    assert _years(dataset) == {
        i: None if pd.isna(y) else int(y) for i, y in zip(years["id"], years["year"], strict=True)
    }
    events = read("events", columns)
    participants = read("participants", ["event", "actor"])
    asked = []
    for start, end in WINDOWS:
        low, high = _bounds(start, end)
        first, last = events["when_earliest"], events["when_latest"]
        window = events[
            (first.notnull() | last.notnull())
            & (first.isnull() | (first <= pd.Timestamp(high)))
            & (last.isnull() | (last >= pd.Timestamp(low)))
        ]
        joined = window.merge(participants, left_on="id", right_on="event")
        asked += [window.groupby("type").size(), joined[["id", "actor"]]]
    answers = dask.compute(*asked, scheduler="sync")  # one pass over the files
    for (start, end), counts, pairs in zip(WINDOWS, answers[::2], answers[1::2], strict=True):
        assert expected_counts(dataset, start, end) == {str(k): int(v) for k, v in counts.items()}
        for actor in ACTORS:
            ids = set(pairs[pairs["actor"] == actor]["id"])
            assert expected_actor_window(dataset, actor, start, end) == ids


@pytest.mark.parametrize("table", ["events", "statements"])
def test_pandas_reads_a_table_with_undated_rows_given_its_partitioning(
    dataset: ek.Dataset, parquet: Path, table: str
) -> None:
    # without it: "Cannot yet unify dictionaries with nulls"
    frame = pd.read_parquet(parquet / table, partitioning=ek.columnar.partitioning(parquet, table))
    undated = [r.id for r in getattr(dataset, table) if r.when is None]
    assert undated
    assert sorted(undated) == sorted(frame[frame["year"].isna()]["id"])
    assert len(getattr(dataset, table)) == len(frame)
    assert ek.columnar.partitioning(parquet, "actors") is None


def test_dask_bag_validates_files_in_parallel_as_validate_file_does(tmp_path: Path) -> None:
    seed_ds = ek.examples.scholz_putin()
    seed_ds.save(tmp_path / "seed.jsonl")
    lines = (tmp_path / "seed.jsonl").read_text().splitlines()
    (tmp_path / "nested").mkdir()
    broken = [lines[0].replace('"person"', '"persn"'), *lines[1:40], "{not json", *lines[60:]]
    (tmp_path / "nested" / "broken.jsonl").write_text("\n".join(broken) + "\n")
    reports = ek.columnar.validate_files([tmp_path], scheduler="processes")
    assert {str(tmp_path / "nested" / "broken.jsonl"), str(tmp_path / "seed.jsonl")} == set(reports)
    for path, report in reports.items():
        assert ek.validate_file(path) == report
    assert reports[str(tmp_path / "seed.jsonl")].valid
    broken_report = reports[str(tmp_path / "nested" / "broken.jsonl")]
    assert {"invalid_value", "invalid_json", "dangling_reference"} <= set(broken_report.counts())


@pytest.mark.slow
def test_spark_answers_as_eventkit_does(dataset: ek.Dataset, parquet: Path) -> None:
    sql = need("pyspark.sql", "spark")
    functions = need("pyspark.sql.functions", "spark")
    spark = (
        sql.SparkSession.builder.master("local[2]")
        .appName("eventkit-test")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        events = spark.read.parquet(str(parquet / "events"))
        participants = spark.read.parquet(str(parquet / "participants"))
        assert "timestamp" == dict(events.dtypes)["when_earliest"]
        col = functions.col
        for start, end in WINDOWS:
            low, high = _bounds(start, end)
            window = events.filter(
                (col("when_earliest").isNotNull() | col("when_latest").isNotNull())
                & (col("when_earliest").isNull() | (col("when_earliest") <= functions.lit(high)))
                & (col("when_latest").isNull() | (col("when_latest") >= functions.lit(low)))
            )
            counts = {r["type"]: r["count"] for r in window.groupBy("type").count().collect()}
            assert expected_counts(dataset, start, end) == counts
            for actor in ACTORS:
                mine = participants.filter(col("actor") == actor).select("event")
                joined = window.join(mine, window["id"] == mine["event"]).select("id").distinct()
                ids = {r["id"] for r in joined.collect()}
                assert expected_actor_window(dataset, actor, start, end) == ids
    finally:
        spark.stop()


# --- the command and the extras ----------------------------------------------------------------


def test_convert_streams_json_lines_to_parquet_in_batches(tmp_path: Path) -> None:
    dataset = ek.examples.scholz_putin()
    dataset.save(tmp_path / "seed.jsonl")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventkit.cli",
            "convert",
            str(tmp_path / "seed.jsonl"),
            str(tmp_path / "seed.parquet"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert (0, "") == (result.returncode, result.stderr)
    header = json.loads((tmp_path / "seed.parquet" / "_eventkit.json").read_text())
    assert ("seed", 28, "year") == (
        header["name"],
        header["tables"]["events"]["rows"],
        header["tables"]["events"]["partition_by"],
    )
    assert dataset == ek.Dataset.load(tmp_path / "seed.parquet")


def test_a_stream_is_written_in_batches_and_a_failure_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    dataset = ek.examples.scholz_putin()
    assert len(dataset) == ek.columnar.write_parquet(target, dataset, batch_size=7)
    assert dataset == ek.Dataset.load(target)

    def failing() -> Any:
        yield from dataset
        raise ek.ValidationError([ek.Problem(code="invalid_json", message="m")], title="t")

    with pytest.raises(ek.ValidationError):
        ek.columnar.write_parquet(target, failing(), batch_size=7)
    assert dataset == ek.Dataset.load(target)  # the old dataset is untouched
    assert [target] == list(tmp_path.iterdir())


NOT_A_DATASET = (
    "[Errno 17] exists and is neither an eventkit Parquet dataset (a directory with "
    "_eventkit.json) nor an empty directory, the only things a save replaces: '{}'"
)


@pytest.mark.parametrize("name", ["project", "mine.parquet"])
def test_a_directory_that_is_not_a_dataset_is_refused_before_anything_is_written(
    tmp_path: Path, name: str
) -> None:
    # it was replaced whole: a thesis in it was deleted
    target = tmp_path / name
    (target / "src").mkdir(parents=True)
    (target / "thesis.tex").write_text("three years of work")
    (target / "src" / "analysis.py").write_text("print('hi')")
    taken: list[Any] = []

    def records() -> Any:
        for record in ek.examples.scholz_putin():
            taken.append(record)
            yield record

    with pytest.raises(FileExistsError) as error:
        ek.columnar.write_parquet(target, records())
    assert NOT_A_DATASET.format(target) == str(error.value)
    assert ([], [name], ["src", "thesis.tex"]) == (
        taken,
        sorted(p.name for p in tmp_path.iterdir()),
        sorted(p.name for p in target.iterdir()),
    )
    assert "three years of work" == (target / "thesis.tex").read_text()


def test_a_file_is_not_replaced_by_a_dataset(tmp_path: Path) -> None:
    target = tmp_path / "theirs.parquet"  # a Parquet file of another tool, say
    target.write_bytes(b"PAR1")
    with pytest.raises(FileExistsError) as error:
        ek.examples.scholz_putin().save(target)
    assert (NOT_A_DATASET.format(target), b"PAR1") == (str(error.value), target.read_bytes())


def test_an_empty_directory_or_a_dataset_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    target.mkdir()
    ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).save(target)
    dataset = ek.examples.scholz_putin()
    dataset.save(target)
    assert (dataset, ["out.parquet"]) == (
        ek.Dataset.load(target),
        sorted(p.name for p in tmp_path.iterdir()),
    )


needs_symlinks = pytest.mark.skipif(
    sys.platform == "win32", reason="creating symlinks needs a privilege on Windows"
)


@needs_symlinks
def test_saving_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    # the link was renamed away and then given to rmtree, which refuses links:
    # the save failed halfway, with the link replaced by a directory
    target = tmp_path / "runs" / "1.parquet"
    target.parent.mkdir()
    ek.Dataset([ek.Actor(id="old", name="Old", kind="person")]).save(target)
    link = tmp_path / "latest.parquet"
    link.symlink_to(Path("runs", "1.parquet"))
    dataset = ek.examples.scholz_putin()
    dataset.save(link)
    assert (True, "runs/1.parquet") == (link.is_symlink(), os.readlink(link))
    assert dataset == ek.Dataset.load(target)
    assert (["1.parquet"], ["latest.parquet", "runs"]) == (
        sorted(p.name for p in target.parent.iterdir()),
        sorted(p.name for p in tmp_path.iterdir()),
    )


@needs_symlinks
def test_saving_through_a_dangling_symlink_creates_the_dataset_it_names(tmp_path: Path) -> None:
    link = tmp_path / "latest.parquet"
    link.symlink_to(Path("runs", "1.parquet"))
    (tmp_path / "runs").mkdir()
    dataset = ek.examples.scholz_putin()
    dataset.save(link)
    assert (True, ["1.parquet"]) == (
        link.is_symlink(),
        sorted(p.name for p in (tmp_path / "runs").iterdir()),
    )
    assert dataset == ek.Dataset.load(link)


@needs_symlinks
def test_saving_through_a_symlink_loop_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.parquet").symlink_to("b.parquet")
    (tmp_path / "b.parquet").symlink_to("a.parquet")
    with pytest.raises(OSError, match="Too many levels of symbolic links") as error:
        ek.examples.scholz_putin().save(tmp_path / "a.parquet")
    assert str(tmp_path / "a.parquet") == error.value.filename
    assert ("b.parquet", "a.parquet", ["a.parquet", "b.parquet"]) == (
        os.readlink(tmp_path / "a.parquet"),
        os.readlink(tmp_path / "b.parquet"),
        sorted(p.name for p in tmp_path.iterdir()),
    )


def test_partition_by_another_key_or_none(tmp_path: Path) -> None:
    dataset = ek.examples.scholz_putin()
    dataset.save(tmp_path / "by_type.parquet", partition_by="type")
    assert (tmp_path / "by_type.parquet" / "events" / "type=phone_call").is_dir()
    assert dataset == ek.Dataset.load(tmp_path / "by_type.parquet")
    dataset.save(tmp_path / "flat.parquet", partition_by=None)
    assert ["part-0.parquet"] == [p.name for p in (tmp_path / "flat.parquet" / "events").iterdir()]
    assert dataset == ek.Dataset.load(tmp_path / "flat.parquet")


def test_each_partition_keeps_its_rows_in_the_order_written(tmp_path: Path) -> None:
    years = [2024, None, 2022, 2024, None, 2023, 2022, 2024]  # interleaved, undated among them
    events = [
        ek.Event(id=f"e{i}", title="E", when=None if y is None else ek.parse_edtf(f"{y}-0{i + 1}"))
        for i, y in enumerate(years)
    ]
    path = tmp_path / "by-year.parquet"
    ek.Dataset(events).save(path, format="parquet")
    folders = sorted((path / "events").iterdir())
    written = {
        f.name: pq.read_table(f / "part-0.parquet", columns=["id"])["id"].to_pylist()
        for f in folders
    }
    expected: dict[str, list[str]] = {}
    for event, year in zip(events, years, strict=True):
        name = "year=__HIVE_DEFAULT_PARTITION__" if year is None else f"year={year}"
        expected.setdefault(name, []).append(event.id)
    assert expected == written


def test_a_partition_is_written_in_files_of_so_many_writes_and_read_in_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a writer holds each row group's footer until its file is closed
    events = [ek.Event(id=f"e{i}", title="E", when=ek.parse_edtf("2024-05")) for i in range(35)]
    path = tmp_path / "many.parquet"
    assert 35 == ek.columnar.write_parquet(path, events, batch_size=1)
    partition = path / "events" / "year=2024"
    files = [partition / f"part-{n}.parquet" for n in range(3)]
    assert files == sorted(partition.iterdir())
    assert [WRITES_PER_FILE, WRITES_PER_FILE, 3] == [
        pq.read_metadata(file).num_row_groups for file in files
    ]
    assert [e.id for e in events] == [e.id for e in ek.Dataset.load(path)]
    # part-10 is read after part-9, as written, though its name sorts before part-2
    monkeypatch.setattr(_parquet, "WRITES_PER_FILE", 1)
    ek.columnar.write_parquet(path, events[:12], batch_size=1)
    assert 12 == len(list(partition.iterdir()))
    assert [e.id for e in events[:12]] == [e.id for e in ek.Dataset.load(path)]


@pytest.mark.parametrize("key", ["year", "candles", "type"])
def test_duckdb_reads_a_partition_key_with_the_type_eventkit_reads_it(
    tmp_path: Path, key: str
) -> None:
    # every key but year was text in DuckDB: candles 12 sorted before 3
    dataset = ek.examples.scholz_putin()
    for candles in (3, 12):
        dataset.add(Vigil(id=f"vigil-{candles}", title="Vigil", candles=candles))
    path = tmp_path / "by-key.parquet"
    dataset.save(path, format="parquet", partition_by=key)
    events = ek.columnar.read_parquet(path, tables=["events"])["events"]
    values = dict(zip(events["id"].to_pylist(), events[key].to_pylist(), strict=True))
    con = ek.columnar.connect(path)
    assert values == dict(con.sql(f"SELECT id, {key} FROM events").fetchall())
    largest = max(value for value in values.values() if value is not None)
    assert [(largest,)] == con.sql(f"SELECT max({key}) FROM events").fetchall()


def test_a_partition_key_engines_would_misread_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    dataset = ek.examples.scholz_putin()
    target = tmp_path / "d.parquet"
    # a name no table has was ignored: the dataset was written unpartitioned
    with pytest.raises(ValueError, match="no table has a column of that name"):
        dataset.save(target, partition_by="stauts")
    # a hidden directory's name: saved, then read as a table whose files were removed
    with pytest.raises(ValueError, match="would be hidden"):
        dataset.save(target, partition_by="_exact")
    # the Hive name of the null partition as a value: saved, then unreadable
    dataset.add(ek.Event(id="odd", title="__HIVE_DEFAULT_PARTITION__"))
    with pytest.raises(ValueError, match="would read it as null"):
        dataset.save(target, partition_by="title")
    assert [] == list(tmp_path.iterdir())  # nothing left behind


def test_a_partition_value_too_long_for_a_directory_name_is_refused_naming_its_record(
    tmp_path: Path,
) -> None:
    # the file system's own OSError (File name too long) came out
    dataset = ek.examples.scholz_putin()
    dataset.add(ek.Event(id="long", title="é" * 100))  # quoted in the name: 600 bytes
    target = tmp_path / "d.parquet"
    with pytest.raises(ValueError, match="cannot partition") as error:
        dataset.save(target, partition_by="title")
    assert not isinstance(error.value, OSError)
    most = os.pathconf(tmp_path, "PC_NAME_MAX")
    assert (
        "cannot partition events by title: the title of record 'long' makes a directory "
        "name of 606 bytes (title=%C3%A9%C3%A9…), and this file system takes names of at "
        f"most {most} bytes: choose another partition_by, or None"
    ) == str(error.value)
    assert [] == list(tmp_path.iterdir())  # nothing left behind


def test_a_missing_extra_is_named() -> None:
    with pytest.raises(ek.MissingExtraError) as error:
        need("eventkit_no_such_engine", "spark")
    assert "this needs eventkit_no_such_engine: pip install 'eventkit[spark]'" == str(error.value)
    assert isinstance(error.value, ImportError)


def test_an_installed_module_that_fails_to_import_is_no_missing_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a broken install said "pip install 'eventkit[parquet]'", hiding the real error
    (tmp_path / "eventkit_broken_engine.py").write_text("import eventkit_absent_dependency\n")
    monkeypatch.syspath_prepend(tmp_path)
    with pytest.raises(ModuleNotFoundError) as error:
        need("eventkit_broken_engine", "spark")
    assert not isinstance(error.value, ek.MissingExtraError)
    assert "eventkit_absent_dependency" == error.value.name
    with pytest.raises(ek.MissingExtraError, match=r"json\.eventkit_no_part: pip install"):
        need("json.eventkit_no_part", "spark")  # a part missing from a package is missing


def test_not_a_parquet_dataset(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").mkdir()
    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.load(tmp_path / "x.parquet")
    assert ["unsupported_format"] == [p.code for p in error.value.problems]


def test_records_kept_verbatim_round_trip(tmp_path: Path) -> None:
    kept = ek.from_dict(ek.Record, {"type": "acme.rally", "id": "r1", "size": 3}, keep_unknown=True)
    assert isinstance(kept, ek.UnknownRecord)
    dataset = ek.Dataset([kept, ek.Actor(id="a", name="A", kind="person")])
    dataset.save(tmp_path / "d.parquet")
    assert dataset == ek.Dataset.load(tmp_path / "d.parquet", keep_unknown=True)
    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.load(tmp_path / "d.parquet")
    assert [("$.unknown[0].type", "unknown_type")] == [
        (p.path, p.code) for p in error.value.problems
    ]


RALLY = """
import attrs, eventkit as ek

@ek.event_type("rally.march")
@attrs.frozen(kw_only=True)
class March(ek.Event):
    year: int | None = None  # in year__rally_march: eventkit's year column is the partition's
    slogan: ek.Text | None = None
    until: ek.When | None = None
    share: float | None = None
    banners: tuple[str, ...] = ()
    marshals: tuple[ek.Participant, ...] = ()
    meeting_point: ek.Place | None = None

records = [
    March(
        id="m",
        title="March",
        when=ek.parse_edtf("2024-11-02"),
        participants=(ek.Participant(actor="a", role="host"),),
        year=1848,
        slogan="Enough",
        until=ek.parse_edtf("2024-11"),
        share=50.0,
        banners=("one", "two"),
        marshals=(ek.Participant(actor="a", role="host"),),  # a nested default is kept
        meeting_point=ek.Place(name="Square"),  # its identifiers, an empty map, are a default
    ),
    March(id="bare", title="Bare"),
    ek.Actor(id="a", name="A", kind="person"),
]
ek.Dataset(records).save("d.jsonl")
ek.Dataset(records).save("d.parquet")
"""


def test_records_of_a_type_not_registered_are_kept_as_json_lines_keeps_them(
    tmp_path: Path,
) -> None:
    # they were kept in their columns' form: {"identifiers": [], "until_edtf": …}, and an
    # empty map in a value of the type's own as a list: {"meeting_point": {"identifiers": []}}
    (tmp_path / "rally.py").write_text(RALLY, encoding="utf-8")
    subprocess.run([sys.executable, "rally.py"], cwd=tmp_path, check=True)
    from_lines = ek.Dataset.load(tmp_path / "d.jsonl", keep_unknown=True)
    from_parquet = ek.Dataset.load(tmp_path / "d.parquet", keep_unknown=True)
    march = from_lines.get("m")
    assert isinstance(march, ek.UnknownRecord)
    assert "Enough" == march.data["slogan"]
    assert {r.id: ek.to_json(r) for r in from_lines} == {r.id: ek.to_json(r) for r in from_parquet}


ESCAPE_TYPES = """
import enum
from collections.abc import Mapping

import attrs
import eventkit as ek


@attrs.frozen
class ByRoad:
    name: str


@attrs.frozen
class BySea:  # its data is told from ByRoad's by "knots": null
    name: str
    knots: float | None = None


@attrs.frozen
class Crew:
    size: int | None = 5  # a null is kept: it is not the default


class Mixed(enum.Enum):  # held as JSON text
    A = "a"
    B = 2


@ek.event_type("acme.escape")
@attrs.frozen(kw_only=True)
class Escape(ek.Event):
    route: ByRoad | BySea | None = None
    legs: tuple[ByRoad | BySea | int, ...] = ()
    mixed: Mixed | None = None
    marks: Mapping[str, Mixed] = attrs.field(factory=dict)
    crew: Crew | None = None
    guards: int | None = 3


def records():
    return [
        Escape(id="x", title="X", route=BySea(name="Channel"), mixed=Mixed.A,
               legs=(ByRoad(name="A1"), BySea(name="North", knots=12.0), 7),
               marks={"one": Mixed.B, "two": Mixed.A}, crew=Crew(size=None), guards=None),
        Escape(id="y", title="Y", route=ByRoad(name="M4"), mixed=Mixed.B, crew=Crew()),
    ]
"""

WRITE_ESCAPES = """
import sys, eventkit as ek, escape
ek.Dataset(escape.records()).save(sys.argv[1], format="parquet")
"""

KEEP_ESCAPES = """
import sys, eventkit as ek
kept = ek.Dataset.load(sys.argv[1], keep_unknown=True)
kept.save("kept.jsonl")
kept.save("kept.parquet", format="parquet")
print(ek.to_json(kept["x"]))
"""

LOAD_ESCAPES = """
import eventkit as ek, escape
given = ek.Dataset(escape.records())
print([given == ek.Dataset.load(path) for path in ("kept.jsonl", "kept.parquet")])
"""


def test_a_type_not_registered_is_kept_as_written_and_loads_where_it_is(tmp_path: Path) -> None:
    # the reader without the class kept a union's struct and an enum's JSON text as they
    # are held ({"by_sea": {"name": "Channel"}}, '"a"'), and a null nested where the default
    # is not null was left out: the record saved again did not load where the type is
    modules = {"escape": ESCAPE_TYPES, "write": WRITE_ESCAPES, "keep": KEEP_ESCAPES}
    run = _programs(tmp_path, {**modules, "load": LOAD_ESCAPES}, "d.parquet")
    run("write.py", "escape")

    kept = orjson.loads(run("keep.py", "plain"))
    assert {"name": "Channel", "knots": None} == kept["route"]
    assert [{"name": "A1"}, {"name": "North", "knots": 12.0}, 7] == kept["legs"]
    assert ("a", {"one": 2, "two": "a"}) == (kept["mixed"], kept["marks"])
    assert ({"size": None}, None) == (kept["crew"], kept["guards"])
    assert "[True, True]\n" == run("load.py", "escape")


def test_equal_values_read_back_are_one_object_as_from_json(tmp_path: Path) -> None:
    # a null where None is the default, or an empty mapping where an empty one
    # is, is left out of what is loaded, as JSON leaves it out: equal
    # participants then share one object and empty identifiers are the
    # default's, as loaded from JSON Lines, so Parquet loads in as little memory
    dataset = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person"),
            *(
                ek.Event(id=f"e{i}", title="E", participants=[ek.Participant(actor="a")])
                for i in range(2)
            ),
        ]
    )
    dataset.save(tmp_path / "d.parquet", format="parquet")
    arrow = ek.Dataset.from_arrow(dataset.to_arrow())
    for loaded in (ek.Dataset.load(tmp_path / "d.parquet"), arrow):
        first, second = (r for r in loaded if isinstance(r, ek.Event))
        assert first.participants[0] is second.participants[0]
        assert first.identifiers is second.identifiers


def test_schemas_are_the_tables_a_save_writes_before_any_plugin_is_loaded() -> None:
    # a fresh process listed the built-in types' columns only, while a Parquet
    # save loads the installed plugins (acled.event, gdelt.event) and writes theirs
    def columns(setup: str) -> list[str]:
        names = "ek.columnar.schemas()['events'].names"
        code = f"{setup}import eventkit as ek, json; print(json.dumps({names}))"
        done = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        return list(json.loads(done.stdout))

    loaded = columns("import eventkit.interop.acled, eventkit.interop.gdelt; ")
    assert "civilian_targeting" in loaded  # an ACLED event's own field
    assert loaded == columns("")
