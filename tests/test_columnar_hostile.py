"""Tables and Parquet datasets made by other hands: each problem reported, nothing lost.

A Parquet dataset is files on a disk (a file cut short, a partition
deleted, a file copied in, a byte flipped); tables and frames are built by
other programs (a map column with a key twice, JSON text that is not JSON,
a value that is no table at all). Loading reports each with its table, row
or file, as loading JSON Lines reports a bad line; only `ValidationError`
escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

import eventkit as ek
import eventkit.examples
from eventkit.columnar._parquet import HEADER, links_agree, read_header, table_datasets
from eventkit.columnar._schema import EXACT


@pytest.fixture(scope="module")
def dataset() -> ek.Dataset:
    return ek.examples.scholz_putin()


@pytest.fixture(scope="module")
def saved(dataset: ek.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "seed.parquet"
    dataset.save(path, format="parquet")
    return path


def _copy(saved: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.parquet"
    shutil.copytree(saved, path)
    return path


def _files(path: Path, table: str) -> list[Path]:
    return sorted(p for p in (path / table).rglob("*.parquet") if p.is_file())


def _load(path: Path) -> tuple[ek.Dataset, ek.Report]:
    with pytest.raises(ek.ValidationError):
        ek.Dataset.load(path)
    return ek.Dataset.load(path, lenient=True)


def _codes(report: ek.Report) -> list[tuple[str, str, str | None]]:
    """Each problem of a whole table or file: its path, code and file."""
    return [(p.path, p.code, p.file) for p in report.problems if p.file is not None]


# --- files ------------------------------------------------------------------------------


def test_a_file_cut_short_is_reported_and_the_other_files_are_read(
    dataset: ek.Dataset, saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    cut, *rest = _files(path, "events")
    cut.write_bytes(cut.read_bytes()[:-100])
    loaded, report = _load(path)
    [(where, code, file)] = _codes(report)
    assert ("$.events", "invalid_parquet", str(cut)) == (where, code, file)
    assert "not a readable Parquet file" in report.problems[0].message
    kept = {i for file in rest for i in pq.read_table(file)["id"].to_pylist()}
    assert kept
    assert kept <= set(loaded.ids)
    assert {a.id for a in dataset.actors} <= set(loaded.ids)


def test_a_file_that_is_not_parquet_is_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    (actors,) = _files(path, "actors")
    actors.write_bytes(b"PAR1 not Parquet PAR1")
    loaded, report = _load(path)
    assert [("$.actors", "invalid_parquet", str(actors))] == _codes(report)
    assert not loaded.actors


def test_text_that_is_not_utf8_inside_a_file_is_reported_not_raised(
    saved: Path, tmp_path: Path
) -> None:
    # Parquet pages carry no checksum: a flipped byte in a string is read
    # back as it is, and a string must be UTF-8
    path = _copy(saved, tmp_path)
    (actors,) = _files(path, "actors")
    table = pq.read_table(actors)
    names = ["Zzzzzzzzzzzz" if i == 0 else n for i, n in enumerate(table["name"].to_pylist())]
    table = table.set_column(table.schema.get_field_index("name"), "name", pa.array(names))
    pq.write_table(table, actors, compression="none", write_statistics=False)
    raw = actors.read_bytes()
    assert raw.count(b"Zzzzzzzzzzzz") == 1
    actors.write_bytes(raw.replace(b"Zzzzzzzzzzzz", b"Zzzz\xffzzzzzzz"))
    loaded, report = _load(path)
    [(where, code, file)] = _codes(report)
    assert ("$.actors", "invalid_parquet", str(actors)) == (where, code, file)
    assert "cannot be read to its end" in report.problems[0].message
    assert not loaded.actors  # the file's one batch is refused whole


def test_a_table_without_its_directory_is_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    shutil.rmtree(path / "sources")
    loaded, report = _load(path)
    [(where, code, file)] = _codes(report)
    assert ("$.sources", "missing", str(path / "sources")) == (where, code, file)
    assert not loaded.sources


@pytest.mark.parametrize(
    "change",
    [
        lambda files: shutil.rmtree(files[0].parent),  # a partition deleted
        lambda files: shutil.copy(files[0], files[0].with_name("part-9.parquet")),  # copied in
    ],
    ids=["a-partition-deleted", "a-file-copied-in"],
)
def test_a_table_holding_other_rows_than_its_header_says_is_reported(
    change: Callable[[list[Path]], None], saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    change(_files(path, "events"))
    _, report = _load(path)
    [(where, code, file)] = _codes(report)
    assert ("$.events", "row_count", str(path / "events")) == (where, code, file)
    assert "the header says the table has 28 rows" in report.problems[0].message


def test_read_parquet_raises_for_a_file_it_cannot_read(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    (actors,) = _files(path, "actors")
    actors.write_bytes(b"")
    with pytest.raises(ek.ValidationError) as error:
        ek.columnar.read_parquet(path, tables=["actors"])
    assert ["invalid_parquet"] == [p.code for p in error.value.problems]
    assert ek.columnar.read_parquet(path, tables=["events"])["events"].num_rows == 28


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_bytes_flipped_anywhere_in_a_dataset_give_a_report_or_the_records(
    data: st.DataObject, saved: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("flipped") / "d.parquet"
    shutil.copytree(saved, path)
    files = sorted(p for p in path.rglob("*.parquet") if p.is_file())
    file = data.draw(st.sampled_from(files), label="file")
    raw = bytearray(file.read_bytes())
    flips = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), min_size=1, max_size=8
        )
    )
    for at, byte in flips:
        raw[at] = byte
    file.write_bytes(bytes(raw))
    # only the header could make the dataset unreadable as a whole: every file's
    # problem is reported, and the records of the others are loaded
    loaded, report = ek.Dataset.load(path, lenient=True)
    if report.valid:
        assert loaded.check().valid


# --- the header ---------------------------------------------------------------------------

_EVENTS_KEY = "$.tables.events.partition_by"

_HEADER_EDITS: list[tuple[str, Callable[[str], str], list[tuple[str, str]]]] = [
    ("no tables", lambda h: h.replace('"tables"', '"tablez"'), [("$.tables", "missing")]),
    ("tables a list", lambda h: _with(h, tables=["events"]), [("$.tables", "invalid_type")]),
    ("rows text", lambda h: _rows(h, '"28"'), [("$.tables.events.rows", "invalid_type")]),
    ("rows a float", lambda h: _rows(h, "28.0"), [("$.tables.events.rows", "invalid_type")]),
    ("rows true", lambda h: _rows(h, "true"), [("$.tables.events.rows", "invalid_type")]),
    ("rows negative", lambda h: _rows(h, "-1"), [("$.tables.events.rows", "invalid_value")]),
    ("name a number", lambda h: _with(h, name=5), [("$.name", "invalid_type")]),
    (
        "a key twice",
        lambda h: h.replace('"version"', '"name": "x", "version"'),
        [("$.name", "duplicate_key")],
    ),
    ("too deep", lambda _: "[" * 100_000 + "]" * 100_000, [("$", "unsupported_format")]),
    ("a path", lambda h: _table(h, "../actors"), [('$.tables["../actors"]', "unknown_table")]),
    # True == 1 == 1.0 in Python: each was taken for version 1
    ("version true", lambda h: _with(h, version=True), [("$.version", "unsupported_version")]),
    ("version a float", lambda h: _with(h, version=1.0), [("$.version", "unsupported_version")]),
    ("key a number", lambda h: _key(h, "events", 5), [(_EVENTS_KEY, "invalid_type")]),
]

_INJECTED = 'x" AS SELECT 1; CREATE TABLE pwned AS SELECT 1; --'


def _with(header: str, **fields: Any) -> str:
    return json.dumps({**json.loads(header), **fields})


def _table(header: str, name: str) -> str:
    data = json.loads(header)
    data["tables"][name] = {"rows": 0, "partition_by": None}
    return json.dumps(data)


def _key(header: str, table: str, key: Any) -> str:
    data = json.loads(header)
    data["tables"][table]["partition_by"] = key
    return json.dumps(data)


def _rows(header: str, rows: str) -> str:
    data = json.loads(header)
    data["tables"]["events"]["rows"] = "ROWS"
    return json.dumps(data).replace('"ROWS"', rows)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [(e, x) for _, e, x in _HEADER_EDITS],
    ids=[i for i, _, _ in _HEADER_EDITS],
)
def test_a_header_reading_cannot_rely_on_is_refused_with_its_problems(
    saved: Path, tmp_path: Path, edit: Callable[[str], str], expected: list[tuple[str, str]]
) -> None:
    path = _copy(saved, tmp_path)
    header = path / HEADER
    header.write_text(edit(header.read_text(encoding="utf-8")), encoding="utf-8")
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    readers: list[Callable[[], Any]] = [
        lambda: ek.Dataset.load(path),
        lambda: ek.Dataset.load(path, lenient=True),
        lambda: ek.columnar.connect(path),  # the same checks as loading
    ]
    for read in readers:
        with pytest.raises(ek.ValidationError) as error:
            read()
        assert expected == [(p.path, p.code) for p in error.value.problems]


@pytest.mark.parametrize(
    ("table", "key"),
    [("events", "nosuch"), ("events", "type"), ("events", None), ("actors", "year")],
)
def test_a_partition_key_its_files_are_not_under_refuses_each_file(
    saved: Path, tmp_path: Path, table: str, key: str | None
) -> None:
    # DuckDB raised its own error for a key no directory names, and loading read
    # the files as not partitioned and reported link rows that differ
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    path = _copy(saved, tmp_path)
    header = path / HEADER
    header.write_text(_key(header.read_text(encoding="utf-8"), table, key), encoding="utf-8")
    expected = [(f"$.{table}", "misplaced", str(file)) for file in _files(path, table)]
    for read in (ek.Dataset.load, ek.columnar.connect):
        with pytest.raises(ek.ValidationError) as error:
            read(path)
        assert expected == [
            (p.path, p.code, p.file) for p in error.value.problems if p.code == "misplaced"
        ]
    where = "the table's directory" if key is None else f"a directory {key}=VALUE"
    assert error.value.problems[0].message == (
        "not where the dataset's partitioning puts it: eventkit writes each file of the "
        f"table in {where}, as the header's partition_by{' (null)' if key is None else ''} "
        "says, named *.parquet, and engines read only those; it is not read"
    )


@pytest.mark.parametrize("folder", ["results [final]", "run-*", "**", "run-?", "[!x]un-a"])
def test_duckdb_reads_the_dataset_at_its_path_whatever_characters_it_has(
    dataset: ek.Dataset, tmp_path: Path, folder: str
) -> None:
    # the path was a DuckDB glob: "[final]" matched no file (DuckDB's own IOException), and
    # "run-*" read the files of the dataset next to it too
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    neighbour = ek.Dataset(
        [ek.Event(id="neighbour", title="Next door", when=ek.parse_edtf("2024"))]
    )
    neighbour.add(ek.Actor(id="next-door", name="Next door", kind="person"))
    neighbour.save(tmp_path / "run-a" / "d.parquet", format="parquet")
    path = tmp_path / folder / "d.parquet"
    dataset.save(path, format="parquet")
    con = ek.columnar.connect(path)
    assert (sorted(e.id for e in dataset.events), sorted(a.id for a in dataset.actors)) == (
        [row[0] for row in con.sql("SELECT id FROM events ORDER BY id").fetchall()],
        [row[0] for row in con.sql("SELECT id FROM actors ORDER BY id").fetchall()],
    )
    assert ek.Dataset.load(path).duplicate_events() == ek.columnar.duplicate_events(path)


def _view_rows(con: Any, table: str) -> tuple[list[tuple[str, str]], list[tuple[Any, ...]]]:
    """The columns of a view, with their types, and its rows in one order."""
    columns = [(name, kind) for name, kind, *_ in con.sql(f"DESCRIBE {table}").fetchall()]
    return columns, con.sql(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


@pytest.mark.parametrize("partition_by", ["year", "type"])
@pytest.mark.parametrize("folder", ["year=1999", "x=1", "id=x", "type=summit", "a=b/year=1999"])
def test_duckdb_reads_a_dataset_under_a_name_value_directory_as_loading_does(
    dataset: ek.Dataset, tmp_path: Path, folder: str, partition_by: str
) -> None:
    # DuckDB took each name=value directory in a file's path for a partition, the first one
    # of a name winning: under year=1999 every event was of 1999, under x=1 each
    # partitioned table had a column x, and under id=x every event's id was "x"
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    dated = dataset.copy()
    dated.add(ek.Event(id="undated", title="Date not reported"))  # year=__HIVE_DEFAULT_PARTITION__
    plain = tmp_path / "plain" / "d.parquet"
    path = tmp_path / folder / "d.parquet"
    for where in (plain, path):
        dated.save(where, format="parquet", partition_by=partition_by)
    loaded = ek.Dataset.load(path)
    assert dated == loaded
    con, expected = ek.columnar.connect(path), ek.columnar.connect(plain)
    for table in read_header(path)["tables"]:
        assert _view_rows(expected, table) == _view_rows(con, table), table
    if partition_by == "year":
        events = loaded.to_arrow()["events"].to_pylist()
        dates = {e["id"]: e["when_earliest"] or e["when_latest"] for e in events}
        assert {i: None if d is None else d.year for i, d in dates.items()} == dict(
            con.sql("SELECT id, year FROM events").fetchall()
        )
    else:
        events = loaded.to_arrow()["events"].to_pylist()
        assert sorted((e["id"], e["type"]) for e in events) == sorted(
            con.sql("SELECT id, type FROM events").fetchall()
        )
    assert loaded.duplicate_events() == ek.columnar.duplicate_events(path)


@pytest.mark.parametrize("folder", ["year=1999", "x=1", "a=b/year=1999"])
def test_the_scaling_page_runs_as_written_under_a_name_value_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    # The page's datasets are saved in temporary directories, here all under `folder`. Polars
    # given a glob of a table's files took every name=value directory of their paths for a key
    # (a ShapeError under year=1999/, a column x under x=1/), and Dask every event for 1999.
    where = tmp_path / folder
    where.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", os.fspath(where))
    parser = PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)
    page = Sybil(parsers=[parser, SkipParser()]).parse(
        Path(__file__).parents[1] / "docs" / "scaling.md"
    )
    examples = list(page)
    assert len(examples) > 10
    for example in examples:
        example.evaluate()


def test_a_table_name_in_a_header_never_reaches_sql(saved: Path, tmp_path: Path) -> None:
    # connect() makes a DuckDB view per table the header lists: a name is data, not SQL.
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    path = _copy(saved, tmp_path)
    header = path / HEADER
    header.write_text(_table(header.read_text(encoding="utf-8"), _INJECTED), encoding="utf-8")
    with pytest.raises(ek.ValidationError) as error:
        ek.columnar.connect(path)
    assert [(f"$.tables[{json.dumps(_INJECTED)}]", "unknown_table")] == [
        (p.path, p.code) for p in error.value.problems
    ]


def test_a_table_the_header_does_not_list_is_reported_not_left_out(
    dataset: ek.Dataset, saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    header = json.loads((path / HEADER).read_text(encoding="utf-8"))
    del header["tables"]["events"]
    (path / HEADER).write_text(json.dumps(header), encoding="utf-8")
    loaded, report = _load(path)
    assert [("$.tables.events", "missing", str(path / HEADER))] == _codes(report)
    assert len(dataset.events) == len(dataset) - len(loaded)


# --- cells and tables -------------------------------------------------------------------


def _tables(**changes: Callable[[pa.Table], pa.Table]) -> dict[str, Any]:
    dataset = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q1"}),
            ek.Event(id="e", title="E"),
        ]
    )
    tables: dict[str, Any] = dataset.to_arrow()
    for name, change in changes.items():
        tables[name] = change(tables[name])
    return tables


def _column(name: str, values: pa.Array) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        if name in table.column_names:
            return table.set_column(table.schema.get_field_index(name), name, values)
        return table.append_column(name, values)

    return change


def _problems(tables: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ek.ValidationError):
        ek.Dataset.from_arrow(tables)
    _, report = ek.Dataset.from_arrow(tables, lenient=True, keep_unknown=True)
    return [(p.path, p.code) for p in report.problems]


def test_a_map_with_a_key_twice_is_reported_not_cut_to_one_value() -> None:
    identifiers = pa.array(
        [[("wikidata", "Q1"), ("wikidata", "Q2")]], pa.map_(pa.string(), pa.string())
    )
    tables = _tables(actors=_column("identifiers", identifiers))
    assert [("$.actors[0].identifiers.wikidata", "duplicate_key")] == _problems(tables)
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [["Q1", "Q2"]] == [p.input for p in report.problems]


@pytest.mark.parametrize(
    ("column", "path"), [("place", "place.mood"), ("participants", "participants[0].mood")]
)
def test_a_struct_field_no_field_holds_is_reported_not_dropped(column: str, path: str) -> None:
    event = ek.Event(
        id="e", title="E", place=ek.Place(name="Kyiv"), participants=[ek.Participant(actor="a")]
    )
    tables = ek.Dataset([ek.Actor(id="a", name="A", kind="person"), event]).to_arrow()
    cells = tables["events"][column].to_pylist()
    struct = cells[0] if column == "place" else cells[0][0]
    struct["mood"] = "calm"
    tables["events"] = _column(column, pa.array(cells))(tables["events"])
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [(f"$.events[0].{path}", "unknown_field", "calm")] == [
        (p.path, p.code, p.input) for p in report.problems
    ]
    kept, _ = ek.Dataset.from_arrow(tables, lenient=True, keep_unknown=True)
    record = kept["e"]
    assert isinstance(record, ek.UnknownRecord)
    assert "calm" in json.dumps(record.to_dict())  # kept as it was given, mood and all


@pytest.mark.parametrize(
    "given", [b"{", b"[]", b'{"news.rally": {"size": ["size"]}}', b'{"x": {"c": ["c", "blob"]}}']
)
def test_field_metadata_not_as_eventkit_writes_it_is_reported(given: bytes) -> None:
    # it says how a type's columns hold its fields: a type not registered here could not be read
    tables = ek.Dataset([ek.Event(id="e", title="E")]).to_arrow()
    events = tables["events"]
    tables["events"] = events.replace_schema_metadata({b"eventkit.fields": given})
    assert [("$.events", "invalid_value")] == _problems(tables)


def test_a_date_struct_child_that_is_no_part_of_a_date_is_reported() -> None:
    role = ek.Role(title="Chancellor", start=ek.PartialDate.from_edtf("2021-12-08"))
    tables = ek.Dataset([ek.Actor(id="a", name="A", kind="person", roles=[role])]).to_arrow()
    roles = tables["actors"]["roles"].to_pylist()
    roles[0][0]["start"]["mood"] = "calm"
    tables["actors"] = _column("roles", pa.array(roles))(tables["actors"])
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [("$.actors[0].roles[0].start.mood", "unknown_field")] == [
        (p.path, p.code) for p in report.problems
    ]


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (
            {"quantity": {"value": 5.0, "unit": "tanks"}, "money": {"amount": "10"}},
            ("$.statements[0].figure", "invalid_value"),
        ),
        (
            {"quantity": {"value": 5.0}, "mood": "calm"},
            ("$.statements[0].figure.mood", "unknown_field"),
        ),
    ],
)
def test_a_union_cell_holding_more_than_one_value_is_reported_not_cut_to_one(
    figure: dict[str, Any], expected: tuple[str, str]
) -> None:
    statement = ek.Statement(id="s", speaker="a", text="T", figure=ek.Quantity(value=1))
    tables = ek.Dataset([ek.Actor(id="a", name="A", kind="person"), statement]).to_arrow()
    tables["statements"] = _column("figure", pa.array([figure]))(tables["statements"])
    assert [expected] == _problems(tables)


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ("{not json", [("$.events[0]._exact", "invalid_json")]),
        ("[1, 2]", [("$.events[0]._exact", "invalid_type")]),
        ("3", [("$.events[0]._exact", "invalid_type")]),
        ('{"title": "X", "title": "Y"}', [("$.events[0].title", "duplicate_key")]),
        ('{"size": {"value": 1, "value": 2}}', [("$.events[0].size.value", "duplicate_key")]),
        # Keys that are not the row's fields would make it another record than its columns say.
        ('{"type": "actor"}', [("$.events[0]._exact.type", "unknown_field")]),
        ('{"colour": "red"}', [("$.events[0]._exact.colour", "unknown_field")]),
        ('{"id": "other"}', [("$.events[0].id", "duplicate_key")]),
        ('{"title": true}', [("$.events[0].title", "duplicate_key")]),
        ('{"size": {"value": 1e400}}', [("$.events[0].size.value", "out_of_range")]),
    ],
)
def test_exact_values_that_are_not_an_object_of_fields_are_reported(
    kept: str, expected: list[tuple[str, str]]
) -> None:
    assert expected == _problems(_tables(events=_column(EXACT, pa.array([kept]))))


def test_an_empty_exact_cell_in_a_file_is_reported_not_taken_for_null(
    saved: Path, tmp_path: Path
) -> None:
    # "" was read as no _exact at all: whatever the cell held was lost unseen
    path = _copy(saved, tmp_path)
    (actors,) = _files(path, "actors")
    first = pq.read_table(actors)["id"][0].as_py()
    _rewrite(actors, lambda table: _cell(table, EXACT, 0, ""))
    loaded, report = _load(path)
    refused, *rest = report.problems
    assert ("$.actors[0]._exact", "invalid_json", first, "") == (
        refused.path,
        refused.code,
        refused.record,
        refused.input,
    )
    assert refused.message.startswith("a cell of JSON text that is not JSON: ")
    assert first not in loaded.ids
    assert {"dangling_reference"} == {p.code for p in rest}  # the events naming the actor


def _placed(kept: str) -> dict[str, Any]:
    place = pa.array([{"lat": 50.0, "lon": 30.5}])
    return _tables(events=lambda t: _column(EXACT, pa.array([kept]))(_column("place", place)(t)))


def test_exact_values_that_are_their_columns_values_give_their_form() -> None:
    # the form of a whole float is kept beside its column; the id as its column says
    loaded = ek.Dataset.from_arrow(_placed('{"id": "e", "place": {"lat": 50.0, "lon": 30.5}}'))
    expected = ek.Event(id="e", title="E", place=ek.Place(lat=50.0, lon=30.5))
    assert ek.to_json(expected) == ek.to_json(loaded["e"])
    other = _placed('{"place": {"lat": 51.0, "lon": 30.5}}')
    assert [("$.events[0].place", "duplicate_key")] == _problems(other)


def test_exact_values_whose_column_was_emptied_are_reported_not_taken() -> None:
    # The column nulled in a frame or a file: eventkit read the place from _exact, engines none.
    nulled = _tables(
        events=lambda t: _column(EXACT, pa.array(['{"place": {"lat": 50.0, "lon": 30.5}}']))(
            _column("place", pa.nulls(1, t.schema.field("place").type))(t)
        )
    )
    assert [("$.events[0].place", "duplicate_key")] == _problems(nulled)
    # A number no column type holds is kept in _exact alone, its column null: it is read.
    speaker = ek.Actor(id="a", name="A", kind="person")
    said = ek.Statement(id="s", speaker="a", text="T", figure=ek.Quantity(value=2**63))
    big = ek.Dataset([speaker, said])
    assert list(big) == list(ek.Dataset.from_arrow(big.to_arrow()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"type": "acme.x", "id": "u", "a": 1, "a": 2}', [("$.unknown[0].a", "duplicate_key")]),
        ('{"type": ', [("$.unknown[0]", "invalid_json")]),
        # numbers no JSON reader holds as written: read as floats, or refused whole
        (
            '{"type": "acme.x", "id": "u", "a": [18446744073709551616]}',
            [("$.unknown[0].a[0]", "out_of_range")],
        ),
        (
            '{"type": "acme.x", "id": "u", "a": {"b": -1e999}}',
            [("$.unknown[0].a.b", "out_of_range")],
        ),
        ('{"type": "acme.x", "id": "u", "a": 1e-400}', [("$.unknown[0].a", "out_of_range")]),
    ],
)
def test_records_kept_verbatim_whose_json_is_broken_are_reported(
    text: str, expected: list[tuple[str, str]]
) -> None:
    unknown = pa.table({"type": ["acme.x"], "id": ["u"], "json": [text]})
    assert expected == _problems(_tables(unknown=lambda _: unknown))


@pytest.mark.parametrize(
    "identifiers",
    [
        pa.array([[["a", "b", "c"]]]),  # lists, not pairs
        pa.array([[{"key": ["x"], "value": "b"}]]),  # a key that is a list
    ],
    ids=["lists", "list-keys"],
)
def test_a_map_column_of_another_shape_is_reported_at_its_field(identifiers: pa.Array) -> None:
    tables = _tables(actors=_column("identifiers", identifiers))
    assert [("$.actors[0].identifiers", "invalid_type")] == _problems(tables)


def test_a_value_that_is_no_table_is_reported_at_its_name() -> None:
    tables = _tables(events=lambda _: [1, 2, 3])
    assert [("$.events", "invalid_type")] == _problems(tables)
    frames = {"events": None, "actors": ek.Dataset([ek.Actor(id="a", name="A", kind="person")])}
    with pytest.raises(ek.ValidationError) as error:
        ek.Dataset.from_frames(frames)
    assert [("$.events", "invalid_type"), ("$.actors", "invalid_type")] == [
        (p.path, p.code) for p in error.value.problems
    ]
    assert "NoneType" == error.value.problems[0].input


def test_record_batches_are_tables_too() -> None:
    tables = _tables(events=lambda table: table.to_batches()[0])
    assert ek.Dataset.from_arrow(_tables()) == ek.Dataset.from_arrow(tables)
    assert ek.Dataset.from_arrow(_tables()) == ek.Dataset.from_frames(tables)


def test_a_record_given_twice_is_kept_once_with_a_warning() -> None:
    tables = _tables(actors=lambda table: pa.concat_tables([table, table]))
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert ek.Dataset.from_arrow(_tables()) == loaded
    assert [("$.actors[1]", "duplicate_record", "a")] == [
        (p.path, p.code, p.record) for p in report.warnings
    ]
    assert "as at $.actors[0]" in report.warnings[0].message


def _twice(name: str) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        return table.append_column(name, pa.array(["other"] * table.num_rows))

    return change


def test_a_column_given_twice_refuses_its_table_not_one_of_its_values() -> None:
    # Rows as dicts keep one value of a name: the table is refused, not read with the last.
    tables = _tables(events=_twice("title"))
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert ([("$.events.title", "duplicate_key")], ["a"], 2) == (
        [(p.path, p.code) for p in report.problems],
        list(loaded.ids),
        report.records,
    )
    # A pandas frame may have a name twice; Polars refuses it itself.
    frames = ek.Dataset(loaded).to_pandas()
    frames["events"] = tables["events"].to_pandas()
    _, from_pandas = ek.Dataset.from_frames(frames, lenient=True)
    assert report.problems == from_pandas.problems


def test_a_link_table_with_a_column_twice_is_reported_and_not_compared(
    dataset: ek.Dataset,
) -> None:
    tables = dataset.to_arrow()
    tables["participants"] = _twice("role")(tables["participants"])
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert ([("$.participants.role", "duplicate_key")], dataset) == (
        [(p.path, p.code) for p in report.problems],
        loaded,
    )


# --- columns derived from a date -----------------------------------------------------------
#
# Engines filter on a date's earliest and latest instants, its precision and the year
# partition; eventkit reads the EDTF. A row where they disagree is refused, with the
# part named: which of the two was meant cannot be known.

_CALL = "call-2024-11-15"


def _cell(table: pa.Table, name: str, row: int, value: Any) -> pa.Table:
    values = table[name].to_pylist()
    values[row] = value
    column = pa.array(values, table[name].type)
    return table.set_column(table.schema.get_field_index(name), name, column)


def _row_of(table: pa.Table, record_id: str) -> int:
    return int(table["id"].to_pylist().index(record_id))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("when_earliest", datetime(2020, 11, 15, tzinfo=UTC)),
        ("when_latest", None),
        ("when_precision", "year"),
    ],
)
def test_a_derived_date_column_saying_otherwise_than_its_date_refuses_the_row(
    dataset: ek.Dataset, column: str, value: Any
) -> None:
    tables = dataset.to_arrow()
    row = _row_of(tables["events"], _CALL)
    tables["events"] = _cell(tables["events"], column, row, value)
    with pytest.raises(ek.ValidationError):
        ek.Dataset.from_arrow(tables)
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    field, part = column.split("_")
    first = report.problems[0]
    assert (f"$.events[{row}].{field}.{part}", "derived_differs", _CALL) == (
        first.path,
        first.code,
        first.record,
    )
    assert _CALL not in loaded.ids
    assert {p.record for p in report.problems[1:]} <= {r.id for r in dataset if r.id != _CALL}
    assert all(p.code == "dangling_reference" for p in report.problems[1:])


@pytest.mark.parametrize("column", ["status", "participants", "title"])
@pytest.mark.parametrize("every_row", [False, True])
def test_a_null_cell_of_a_field_that_takes_no_null_is_reported_not_defaulted(
    dataset: ek.Dataset, column: str, every_row: bool
) -> None:
    # A column null in every row of a batch is left out of the rows read,
    # which must still read as null: not as the field's default.
    tables = dataset.to_arrow()
    events = tables["events"]
    row = _row_of(events, _CALL)
    if every_row:
        nulls = pa.nulls(events.num_rows, events[column].type)
        tables["events"] = events.set_column(events.schema.get_field_index(column), column, nulls)
    else:
        tables["events"] = _cell(events, column, row, None)
    with pytest.raises(ek.ValidationError):
        ek.Dataset.from_arrow(tables)
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    refused = {(p.path, p.record) for p in report.problems if p.path.endswith(f"].{column}")}
    assert (f"$.events[{row}].{column}", _CALL) in refused
    assert _CALL not in loaded.ids
    assert len(refused) == (len(dataset.events) if every_row else 1)


def test_a_derived_instant_without_a_date_is_reported(dataset: ek.Dataset) -> None:
    tables = dataset.to_arrow()
    undated = next(s.id for s in dataset.statements if s.when is None)
    row = _row_of(tables["statements"], undated)
    tables["statements"] = _cell(
        tables["statements"], "when_earliest", row, datetime(2024, 11, 15, tzinfo=UTC)
    )
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    first = report.problems[0]
    assert (f"$.statements[{row}].when.earliest", "derived_differs", undated) == (
        first.path,
        first.code,
        first.record,
    )
    assert "the earliest of no date" in first.message


def test_a_date_nested_in_a_column_is_checked_too(dataset: ek.Dataset) -> None:
    tables = dataset.to_arrow()
    actors = tables["actors"].to_pylist()
    row, role = next(
        (i, j)
        for i, actor in enumerate(actors)
        for j, r in enumerate(actor["roles"] or [])
        if r["start"] is not None
    )
    roles = actors[row]["roles"]
    roles[role]["start"]["earliest"] = datetime(1900, 1, 1, tzinfo=UTC)
    tables["actors"] = _cell(tables["actors"], "roles", row, roles)
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert (f"$.actors[{row}].roles[{role}].start.earliest", "derived_differs") == (
        report.problems[0].path,
        report.problems[0].code,
    )


def test_derived_columns_left_out_are_not_required(dataset: ek.Dataset) -> None:
    tables = dataset.to_arrow()
    derived = [n for n in tables["events"].column_names if n.endswith(("_earliest", "_precision"))]
    tables["events"] = tables["events"].drop_columns(derived)
    assert dataset == ek.Dataset.from_arrow(tables)


def test_frames_holding_instants_in_other_units_are_read_as_the_same_instants(
    dataset: ek.Dataset,
) -> None:
    frames = dataset.to_pandas()
    events = frames["events"]
    events["when_earliest"] = events["when_earliest"].astype("datetime64[ns, UTC]")
    assert dataset == ek.Dataset.from_frames({**frames, "events": events})
    row = _row_of(pa.Table.from_pandas(events), _CALL)
    events.loc[row, "when_earliest"] += pd.Timedelta(nanoseconds=1)  # no date's instant
    _, report = ek.Dataset.from_frames({**frames, "events": events}, lenient=True)
    assert (f"$.events[{row}].when.earliest", "derived_differs") == (
        report.problems[0].path,
        report.problems[0].code,
    )


def test_a_year_partition_renamed_is_reported_for_each_of_its_rows(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    partition = path / "events" / "year=2022"
    moved = pq.read_table(partition / "part-0.parquet").num_rows
    partition.rename(partition.with_name("year=1999"))
    _, report = _load(path)
    wrong = [p for p in report.problems if p.code == "derived_differs"]
    assert len(wrong) == moved
    assert all(p.path.endswith(".year") and p.input == 1999 for p in wrong)
    assert "2022 is the year of the date" in wrong[0].message


@pytest.mark.parametrize("value", ["abc", "", "2022.0", "99999999999"])
def test_a_partition_directory_naming_no_year_is_reported_not_raised(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, value: str
) -> None:
    # pyarrow's ArrowInvalid escaped, from loading and from eventkit validate
    path = _copy(saved, tmp_path)
    partition = path / "events" / "year=2022"
    ids = set(pq.read_table(partition / "part-0.parquet")["id"].to_pylist())
    partition.rename(partition.with_name(f"year={value}"))
    loaded, report = _load(path)
    moved = path / "events" / f"year={value}" / "part-0.parquet"
    assert [("$.events", "invalid_value", str(moved))] == _codes(report)
    assert {e.id for e in dataset.events} - ids == {e.id for e in loaded.events}


@pytest.mark.parametrize(
    ("table", "moved"),
    [
        ("events", "yr=2022/part-0.parquet"),  # a partition renamed
        ("events", "2022/part-0.parquet"),
        ("events", "year=2022/old/part-0.parquet"),  # a file moved down
        ("events", "part-0.parquet"),  # up, out of its partition
        ("actors", "old/part-0.parquet"),  # down, in a table not partitioned
        ("actors", "part-0.parq"),  # renamed
    ],
)
def test_a_file_not_where_the_partitioning_puts_it_is_reported_not_read(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, table: str, moved: str
) -> None:
    # eventkit read it, at any depth, while engines missed it or read its rows
    # without their partition's value
    path = _copy(saved, tmp_path)
    file = _files(path, table)[0]
    ids = set(pq.read_table(file)["id"].to_pylist())
    (path / table / moved).parent.mkdir(parents=True, exist_ok=True)
    file.rename(path / table / moved)
    loaded, report = _load(path)
    assert [(f"$.{table}", "misplaced", str(path / table / moved))] == _codes(report)
    where = (
        "in the table's directory, as the header's partition_by (null) says"
        if table == "actors"
        else "in a directory year=VALUE, as the header's partition_by says"
    )
    assert (
        "not where the dataset's partitioning puts it: eventkit writes each file of the "
        f"table {where}, named *.parquet, and engines read only those; it is not read"
    ) == report.problems[0].message
    with pytest.raises(ek.ValidationError) as refused:  # DuckDB would leave it out
        ek.columnar.connect(path)
    assert [(f"$.{table}", "misplaced", str(path / table / moved))] == [
        (p.path, p.code, p.file) for p in refused.value.problems
    ]
    assert {r.id for r in dataset} - ids == set(loaded.ids)


@pytest.mark.parametrize("held", ["phone_call", "event", 7])
def test_a_partition_key_a_file_holds_too_is_read_from_its_directory(
    dataset: ek.Dataset, tmp_path: Path, held: Any
) -> None:
    # the file's own column was not seen, unreported; of another type, it made
    # the file unreadable
    path = tmp_path / "by-type.parquet"
    dataset.save(path, format="parquet", partition_by="type")
    file = path / "events" / "type=phone_call" / "part-0.parquet"
    _rewrite(file, lambda table: table.append_column("type", pa.array([held] * table.num_rows)))
    loaded, report = ek.Dataset.load(path, lenient=True)
    expected = [] if held == "phone_call" else [("$.events.type", "derived_differs", str(file))]
    assert expected == _codes(report)
    assert dataset == loaded
    counted = ek.columnar.connect(path).sql("SELECT count(*) FROM events WHERE type = 'phone_call'")
    assert [
        (len([e for e in dataset.events if isinstance(e, ek.PhoneCall)]),)
    ] == counted.fetchall()


# --- link tables of a Parquet dataset ----------------------------------------------------
#
# Engines join on them; loading reads the record tables' list columns. A link file
# changed alone is reported, as a link table given to from_arrow is.


def _edit_link_file(path: Path, table: str, change: Callable[[pa.Table], pa.Table]) -> Path:
    file = _files(path, table)[-1]
    pq.write_table(change(pq.read_table(file, partitioning=None)), file)
    return file


def test_a_link_row_edited_in_its_file_is_reported_at_its_record(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    edited: list[str] = []

    def edit(table: pa.Table) -> pa.Table:
        edited.append(table["event"][0].as_py())
        return _cell(table, "role", 0, "target")

    _edit_link_file(path, "participants", edit)
    loaded, report = _load(path)
    [problem] = report.problems
    assert ("link_differs", edited[0]) == (problem.code, problem.record)
    assert problem.path.startswith("$.participants[")
    assert "make the change there" in problem.message
    assert edited[0] in loaded.ids  # its record table is what is read


_KINDS = {"part_of": "follows", "follows": "part_of", "event": "statement", "statement": "event"}


@pytest.mark.parametrize(("table", "owner"), [("relations", "from_event"), ("citations", "record")])
def test_a_link_row_s_kind_edited_is_reported_at_its_record(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, table: str, owner: str
) -> None:
    # kind was taken for a column that places a row, never compared: the edit was read
    # silently, and DuckDB counted other relations, or citations of statements, than eventkit
    path = _copy(saved, tmp_path)
    edited: list[str] = []

    def edit(rows: pa.Table) -> pa.Table:
        edited.append(rows[owner][0].as_py())
        return _cell(rows, "kind", 0, _KINDS[rows["kind"][0].as_py()])

    _edit_link_file(path, table, edit)
    loaded, report = _load(path)
    assert [("link_differs", edited[0])] == [(p.code, p.record) for p in report.problems]
    assert report.problems[0].path.startswith(f"$.{table}[")
    assert dataset == loaded  # its record table is what is read
    frames = dataset.to_pandas()
    frames[table].loc[0, "kind"] = _KINDS[frames[table].loc[0, "kind"]]
    _, report = ek.Dataset.from_frames(frames, lenient=True)
    assert [(f"$.{table}[0]", "link_differs", frames[table].loc[0, owner])] == [
        (p.path, p.code, p.record) for p in report.problems
    ]


@pytest.mark.parametrize("positions", [[10, 11], [-5, -4], [0, 0], [1, 0]])
def test_a_link_row_s_position_edited_is_reported_at_its_record(positions: list[int]) -> None:
    # Only the order of positions was read: [10, 11] or [0, 0] loaded without a word, while an
    # engine asking for each event's first participant (position 0) found none, or two.
    actors = [ek.Actor(id=name, name=name, kind="person") for name in ("a", "b")]
    both = [ek.Participant(actor="a", role="initiator"), ek.Participant(actor="b")]
    dataset = ek.Dataset([*actors, ek.Event(id="e", title="E", participants=both)])
    tables = dataset.to_arrow()
    rows = tables["participants"]
    kind = rows.schema.field("position").type
    tables["participants"] = _column("position", pa.array(positions, kind))(rows)
    loaded, report = ek.Dataset.from_arrow(tables, lenient=True)
    assert [("$.participants[0]", "link_differs", "e")] == [
        (p.path, p.code, p.record) for p in report.problems
    ]
    assert dataset == loaded  # its record table is what is read
    # A frame without positions gives its rows' order: it is read as such.
    frames = dataset.to_pandas()
    frames["participants"] = frames["participants"].drop(columns="position")
    assert dataset == ek.Dataset.from_frames(frames)


def _links_agree(path: Path) -> bool:
    header = read_header(path)
    problems: list[ek.Problem] = []
    records = table_datasets(path, header, ["events", "statements"], problems)
    assert problems == []
    return links_agree(path, header, records)


def test_link_tables_as_written_agree_a_partition_at_a_time(saved: Path, tmp_path: Path) -> None:
    assert len(list((saved / "events").iterdir())) > 1  # several partitions compared
    assert _links_agree(saved)
    path = _copy(saved, tmp_path)
    _edit_link_file(path, "citations", lambda table: _cell(table, "locator", 0, "p. 99"))
    assert not _links_agree(path)


def test_link_rows_moved_to_another_partition_do_not_agree(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    first, *rest = sorted((path / "participants").iterdir())
    owners = set(pq.read_table(first / "part-0.parquet", partitioning=None)["event"].to_pylist())
    (first / "part-0.parquet").rename(rest[0] / "part-moved.parquet")
    assert not _links_agree(path)
    _, report = _load(path)  # each of their events' rows now say another year
    assert [p.code for p in report.problems] == ["link_differs"] * len(owners)
    assert {p.record for p in report.problems} == owners


def test_a_link_row_for_no_record_is_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)

    def add(table: pa.Table) -> pa.Table:
        extra = table.slice(0, 1).to_pylist()
        extra[0]["statement"] = "no-such-statement"
        return pa.concat_tables([table, pa.Table.from_pylist(extra, schema=table.schema)])

    _edit_link_file(path, "statement_links", add)
    header = json.loads((path / HEADER).read_text())
    header["tables"]["statement_links"]["rows"] += 1
    (path / HEADER).write_text(json.dumps(header))
    _, report = _load(path)
    [problem] = report.problems
    assert ("link_differs", "no-such-statement") == (problem.code, problem.record)
    assert "no record 'no-such-statement' was read" in problem.message


def test_a_link_partition_renamed_is_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    partition = path / "participants" / "year=2022"
    owners = set(pq.read_table(partition / "part-0.parquet")["event"].to_pylist())
    partition.rename(partition.with_name("year=1999"))
    _, report = _load(path)
    assert {"link_differs"} == {p.code for p in report.problems}
    assert owners == {p.record for p in report.problems}


def test_links_are_not_compared_while_a_file_is_unread(saved: Path, tmp_path: Path) -> None:
    # The records of an unread file are not read: their link rows would all differ.
    path = _copy(saved, tmp_path)
    _files(path, "events")[0].write_bytes(b"not Parquet")
    _, report = _load(path)
    assert "link_differs" not in {p.code for p in report.problems}


def test_a_dataset_without_statements_loads_its_links(tmp_path: Path) -> None:
    # An empty table is written unpartitioned: it has no year where events have one.
    events = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person"),
            ek.Event(
                id="e",
                title="E",
                when=ek.parse_edtf("2024-11"),
                participants=[ek.Participant(actor="a", role="initiator")],
            ),
        ]
    )
    path = tmp_path / "events.parquet"
    events.save(path, format="parquet")
    assert events == ek.Dataset.load(path)


# --- a table's files and their columns ------------------------------------------------------
#
# pyarrow reads a table's files by the first one's columns: a column only a later file
# has was left out unseen, and a column the first lacks was not read from the others.
# eventkit writes every column of a table to each file of it; where its files disagree,
# the one that strays from that is named, and every file's columns are read.


def _rewrite(file: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    pq.write_table(change(pq.read_table(file, partitioning=None)), file)


def _with_odd(table: pa.Table) -> pa.Table:
    return table.append_column("odd", pa.array(["x"] * table.num_rows))


def test_a_column_only_a_later_file_of_a_link_table_has_is_reported(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    later = _files(path, "participants")[-1]
    _rewrite(later, _with_odd)
    _, report = _load(path)
    assert [("$.participants.odd", "unknown_field", str(later))] == _codes(report)
    assert report.problems[0].message == (
        "this file has the column 'odd', which eventkit does not write (for the types "
        "registered here) and other files of the table do not have"
    )


def test_a_column_only_a_later_file_of_a_record_table_has_is_read_and_reported(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    later = _files(path, "events")[-1]
    _rewrite(later, _with_odd)
    _, report = _load(path)
    assert [("$.events.odd", "unknown_field", str(later))] == _codes(report)
    # and each of its rows' values is read, and reported, as in a first file
    rows = [p for p in report.problems if p.file is None and p.path.endswith(".odd")]
    assert {("unknown_field", "x")} == {(p.code, p.input) for p in rows}
    assert set(pq.read_table(later)["id"].to_pylist()) == {p.record for p in rows}


def test_duckdb_reads_each_file_with_its_own_columns_as_eventkit_does(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    first, *_, later = _files(path, "events")
    _rewrite(first, lambda table: table.drop_columns(["summary"]))
    loaded, _ = ek.Dataset.load(path, lenient=True)
    summaries = ek.columnar.connect(path).sql(
        "SELECT id, summary FROM events WHERE summary IS NOT NULL"
    )
    assert {e.id: e.summary for e in loaded.events if e.summary} == dict(summaries.fetchall())
    _rewrite(later, _with_odd)
    odd = ek.columnar.connect(path).sql("SELECT id FROM events WHERE odd = 'x' ORDER BY id")
    assert sorted(pq.read_table(later)["id"].to_pylist()) == [row[0] for row in odd.fetchall()]


def test_a_file_without_a_column_the_others_have_is_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    later = _files(path, "events")[-1]
    _rewrite(later, lambda table: table.drop_columns(["summary"]))
    _, report = _load(path)
    assert [("$.events.summary", "missing", str(later))] == _codes(report)
    assert report.problems[0].message == (
        "other files of the table have the column 'summary', which eventkit writes, "
        "and this one does not: its rows are read with it null"
    )
    # without it in every file, the table has fewer columns, which is fine
    for file in _files(path, "events")[:-1]:
        _rewrite(file, lambda table: table.drop_columns(["summary"]))
    assert ek.Dataset.load(path, lenient=True)[1].valid


def test_a_column_the_first_file_lacks_is_read_from_the_others(
    dataset: ek.Dataset, saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    first, *later = _files(path, "events")
    _rewrite(first, lambda table: table.drop_columns(["summary"]))
    loaded, report = _load(path)
    assert [("$.events.summary", "missing", str(first))] == _codes(report)
    ids = {i for file in later for i in pq.read_table(file)["id"].to_pylist()}
    assert any(event.summary for event in dataset.events if event.id in ids)
    assert {e.id: e for e in dataset.events if e.id in ids} == {
        e.id: e for e in loaded.events if e.id in ids
    }


def _titles_as_numbers(table: pa.Table) -> pa.Table:
    numbers = pa.array(range(table.num_rows), pa.int64())
    return table.set_column(table.column_names.index("title"), "title", numbers)


@pytest.mark.parametrize("index", [0, -1], ids=["the-first", "a-later-one"])
def test_each_file_is_read_with_its_own_column_types(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, index: int
) -> None:
    # a later file was cast to the first file's types (0 read as "0"); a first
    # file's types made the others' rows unreadable, and they were refused
    _, ids, report = _one_file_rewritten(dataset, saved, tmp_path, index, _titles_as_numbers)
    titles = [p for p in report.problems if p.path.endswith(".title")]
    assert {("invalid_type", r) for r in ids} == {(p.code, p.record) for p in titles}


def _one_file_rewritten(
    dataset: ek.Dataset,
    saved: Path,
    tmp_path: Path,
    index: int,
    change: Callable[[pa.Table], pa.Table],
) -> tuple[Path, set[str], ek.Report]:
    """The events file at ``index`` changed: it, its ids, and the report of a load.

    Every event of the other files is loaded.
    """
    path = _copy(saved, tmp_path)
    changed = _files(path, "events")[index]
    ids = set(pq.read_table(changed)["id"].to_pylist())
    _rewrite(changed, change)
    loaded, report = _load(path)
    assert {e.id for e in dataset.events} - ids == {e.id for e in loaded.events}
    return changed, ids, report


@pytest.mark.parametrize(
    ("table", "column", "kind"),
    [
        ("events", "title", pa.large_string()),
        ("events", "title", pa.dictionary(pa.int8(), pa.string())),
        ("participants", "position", pa.int64()),
        ("participants", "position", pa.bool_()),
        ("events", "title", pa.bool_()),
    ],
)
def test_a_table_read_whole_takes_a_file_of_other_types_only_unchanged(
    saved: Path, tmp_path: Path, table: str, column: str, kind: pa.DataType
) -> None:
    # each file was cast to the first file's types: true read as "true", or as 1
    path = _copy(saved, tmp_path)
    later = _files(path, table)[-1]
    given = pq.read_table(later, partitioning=None)[column]
    values = pa.array([True] * len(given)) if kind == pa.bool_() else given.cast(kind)
    index = pq.read_schema(later).names.index(column)
    _rewrite(later, lambda held: held.set_column(index, column, values))
    if kind != pa.bool_():
        read = ek.columnar.read_parquet(path, tables=[table])[table]
        assert pq.read_schema(_files(path, table)[0]).field(column).type == read[column].type
        assert given.to_pylist() == read[column].to_pylist()[-len(given) :]
        return
    with pytest.raises(ek.ValidationError) as info:
        ek.columnar.read_parquet(path, tables=[table])
    [problem] = info.value.problems
    where = (problem.path, problem.code, problem.file)
    assert (f"$.{table}.{column}", "invalid_type", str(later)) == where


def test_files_rewritten_by_pandas_load_as_they_were_written(
    dataset: ek.Dataset, saved: Path, tmp_path: Path
) -> None:
    # pandas writes a column null in every row of a file as of type null
    path = _copy(saved, tmp_path)
    files = _files(path, "events")
    for file in files:
        pq.read_table(file, partitioning=None).to_pandas().to_parquet(file)
    assert any(pq.read_schema(file).field("place").type == pa.null() for file in files)
    assert ek.Dataset.load(path) == dataset


def _title_twice(table: pa.Table) -> pa.Table:
    return pa.Table.from_arrays([*table.columns, table["title"]], [*table.column_names, "title"])


@pytest.mark.parametrize("index", [0, -1], ids=["the-first", "a-later-one"])
def test_a_file_with_a_column_twice_is_reported_and_the_others_are_read(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, index: int
) -> None:
    # the first file's raised ArrowInvalid; a later one's was read with one of the two
    twice, _, report = _one_file_rewritten(dataset, saved, tmp_path, index, _title_twice)
    assert [("$.events.title", "duplicate_key", str(twice))] == _codes(report)
    assert "so the file is not read" in report.problems[0].message


def _without_directory(saved: Path, tmp_path: Path, table: str, *, rows: int) -> Path:
    path = _copy(saved, tmp_path)
    shutil.rmtree(path / table)
    header = json.loads((path / HEADER).read_text(encoding="utf-8"))
    header["tables"][table]["rows"] = rows
    (path / HEADER).write_text(json.dumps(header), encoding="utf-8")
    return path


@pytest.mark.parametrize("table", ["relations", "statements"])
def test_duckdb_reads_a_table_listed_without_rows_or_directory_as_an_empty_one(
    saved: Path, tmp_path: Path, table: str
) -> None:
    # DuckDB raised its own error: no files matched
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    path = _without_directory(saved, tmp_path, table, rows=0)
    columns = ek.columnar.read_parquet(path, tables=[table])[table].column_names
    con = ek.columnar.connect(path)
    assert columns == [column for column, *_ in con.sql(f"SELECT * FROM {table}").description]
    assert [(0,)] == con.sql(f"SELECT count(*) FROM {table}").fetchall()
    with pytest.raises(ek.ValidationError) as error:
        ek.columnar.connect(_without_directory(saved, tmp_path / "rows", table, rows=3))
    assert [(f"$.{table}", "missing")] == [(p.path, p.code) for p in error.value.problems]


@pytest.mark.parametrize("table", ["relations", "statements"])
def test_a_table_listed_without_rows_or_directory_is_an_empty_one(
    dataset: ek.Dataset, saved: Path, tmp_path: Path, table: str
) -> None:
    # an empty table was read as none, and comparing the link tables raised KeyError
    path = _without_directory(saved, tmp_path, table, rows=0)
    loaded, report = _load(path)
    if table == "relations":  # the events' related lists say otherwise
        owners = {e.id for e in dataset.events if e.related}
        assert {("$.relations", "link_differs")} == {(p.path, p.code) for p in report.problems}
    else:  # the statements' link rows name statements not read
        owners = {s.id for s in dataset.statements}
        assert not loaded.statements
        assert {"link_differs"} == {p.code for p in report.problems}
    assert owners == {p.record for p in report.problems}


# --- values Python cannot hold -----------------------------------------------------------

_FAR = pa.array([2**62], pa.int64()).view(pa.timestamp("us"))  # past year 9999


def _far_column(table: pa.Table) -> pa.Table:
    return table.append_column("odd", pa.concat_arrays([_FAR] * table.num_rows))


def test_a_column_of_instants_python_cannot_hold_is_reported_not_raised(
    dataset: ek.Dataset,
) -> None:
    tables = dataset.to_arrow()
    tables["events"] = _far_column(tables["events"])
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    odd = [p for p in report.problems if p.path.endswith(".odd")]
    assert {("unknown_field", 2**62)} == {(p.code, p.input) for p in odd}
    assert len(odd) == len(dataset.events)


def _far_in(container: str, rows: int) -> pa.Array:
    far = pa.concat_arrays([_FAR] * rows)
    one, starts = pa.array([1] * rows, pa.int32()), pa.array(range(rows), pa.int32())
    text, codes = pa.array(["x"] * rows), pa.array([0] * rows, pa.int8())
    made = {
        "fixed_size_list": lambda: pa.FixedSizeListArray.from_arrays(far, 1),
        "list_view": lambda: pa.ListViewArray.from_arrays(starts, one, far),
        "large_list_view": lambda: pa.LargeListViewArray.from_arrays(starts, one, far),
        "dictionary": lambda: pa.DictionaryArray.from_arrays(pa.array([0] * rows), _FAR),
        "run_end_encoded": lambda: pa.RunEndEncodedArray.from_arrays([rows], _FAR),
        "sparse_union": lambda: pa.UnionArray.from_sparse(codes, [far, text]),
        "dense_union": lambda: pa.UnionArray.from_dense(codes, starts, [far, text]),
    }
    return made[container]()


@pytest.mark.parametrize(
    "container",
    [
        "fixed_size_list",
        "list_view",
        "large_list_view",
        "dictionary",
        "run_end_encoded",
        "sparse_union",
        "dense_union",
    ],
)
def test_instants_python_cannot_hold_in_any_container_are_reported_not_raised(
    dataset: ek.Dataset, container: str
) -> None:
    # they raised OverflowError: only structs, lists and maps were read as integers
    tables = dataset.to_arrow()
    events = tables["events"]
    tables["events"] = events.append_column("odd", _far_in(container, events.num_rows))
    _, report = ek.Dataset.from_arrow(tables, lenient=True)
    odd = [p for p in report.problems if p.path.endswith(".odd")]
    given = [2**62] if "list" in container else 2**62
    assert [("unknown_field", given)] * len(dataset.events) == [(p.code, p.input) for p in odd]


def test_a_link_file_with_a_column_python_cannot_hold_is_compared(
    saved: Path, tmp_path: Path
) -> None:
    path = _copy(saved, tmp_path)
    for file in _files(path, "participants"):  # every file: else the one differing is reported
        pq.write_table(_far_column(pq.read_table(file, partitioning=None)), file)
    _, report = _load(path)
    assert {"link_differs"} == {p.code for p in report.problems}


def test_link_files_whose_owners_are_not_text_are_reported(saved: Path, tmp_path: Path) -> None:
    path = _copy(saved, tmp_path)
    files = _files(path, "citations")
    for file in files:  # ints cannot be the ids of records: no engine would join them
        table = pq.read_table(file, partitioning=None)
        owners = pa.array(range(table.num_rows), pa.int64())
        pq.write_table(table.set_column(0, "record", owners), file)
    _, report = _load(path)
    assert {("$.citations.record", "invalid_type")} == {(p.path, p.code) for p in report.problems}
    assert sorted(os.fsdecode(f) for f in files) == sorted(str(p.file) for p in report.problems)
    assert all("int64" in p.message for p in report.problems)


# --- frames holding any Python value -------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [10**30, "\ud800", ["a"], {"a": 1}, {1, 2}, b"\xff", complex(1, 2), object()],
    ids=["int past 64 bits", "lone surrogate", "list", "dict", "set", "bytes", "complex", "obj"],
)
@pytest.mark.parametrize(
    ("table", "column"),
    [("events", "type"), ("events", "id"), ("events", "title"), ("participants", "event")],
)
def test_a_frame_cell_holding_any_value_is_reported_not_raised(
    dataset: ek.Dataset, table: str, column: str, value: Any
) -> None:
    frames = dataset.to_pandas()
    frame = frames[table].copy()
    frame[column] = frame[column].astype(object)
    frame.at[frame.index[0], column] = value
    with pytest.raises(ek.ValidationError):
        ek.Dataset.from_frames({**frames, table: frame})
    _, report = ek.Dataset.from_frames({**frames, table: frame}, lenient=True)
    assert any(p.path.startswith(f"$.{table}[0]") for p in report.problems)


def test_a_polars_column_of_a_type_arrow_has_not_is_reported_not_raised(
    dataset: ek.Dataset,
) -> None:
    # Int128: frame.to_arrow() raised ArrowInvalid
    frames = dataset.to_polars()
    wide = pl.lit(2**100, dtype=pl.Int128)
    frames["events"] = frames["events"].with_columns(wide.alias("odd"))
    _, report = ek.Dataset.from_frames(frames, lenient=True)
    odd = [p for p in report.problems if p.path.endswith(".odd")]
    assert {("unknown_field", 2**100)} == {(p.code, p.input) for p in odd}
    assert len(odd) == len(dataset.events)
