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
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
import eventkit.examples
from eventkit.columnar._parquet import HEADER
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
    ("a path", lambda h: _table(h, "../actors"), [("$.tables.../actors", "unknown_table")]),
]

_INJECTED = 'x" AS SELECT 1; CREATE TABLE pwned AS SELECT 1; --'


def _with(header: str, **fields: Any) -> str:
    return json.dumps({**json.loads(header), **fields})


def _table(header: str, name: str) -> str:
    data = json.loads(header)
    data["tables"][name] = {"rows": 0, "partition_by": None}
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
    for lenient in (False, True):
        with pytest.raises(ek.ValidationError) as error:
            ek.Dataset.load(path, lenient=lenient)
        assert expected == [(p.path, p.code) for p in error.value.problems]


def test_a_table_name_in_a_header_never_reaches_sql(saved: Path, tmp_path: Path) -> None:
    # connect() makes a DuckDB view per table the header lists: a name is data, not SQL.
    pytest.importorskip("duckdb")  # the duckdb extra; the test command installs it
    path = _copy(saved, tmp_path)
    header = path / HEADER
    header.write_text(_table(header.read_text(encoding="utf-8"), _INJECTED), encoding="utf-8")
    with pytest.raises(ek.ValidationError) as error:
        ek.columnar.connect(path)
    assert [(f"$.tables.{_INJECTED}", "unknown_table")] == [
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
    ],
)
def test_exact_values_that_are_not_an_object_of_fields_are_reported(
    kept: str, expected: list[tuple[str, str]]
) -> None:
    assert expected == _problems(_tables(events=_column(EXACT, pa.array([kept]))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"type": "acme.x", "id": "u", "a": 1, "a": 2}', [("$.unknown[0].a", "duplicate_key")]),
        ('{"type": ', [("$.unknown[0]", "invalid_json")]),
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
