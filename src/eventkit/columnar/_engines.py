"""Engines over eventkit's columnar form: DuckDB, pandas, Polars, Dask.

eventkit runs no engine of its own: it writes the tables these engines
read, and reads back what they hold.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from eventkit._extras import need
from eventkit._report import Report
from eventkit.columnar._arrow import Given, arrow_table
from eventkit.columnar._parquet import (
    NULL_PARTITION,
    misplaced,
    partition_schema,
    read_header,
    table_datasets,
    table_files,
)
from eventkit.columnar._rows import integer_instants, integers_viewed
from eventkit.columnar._schema import arrow
from eventkit.exceptions import Problem, ValidationError
from eventkit.io._validate import MAX_PROBLEMS

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "connect",
    "frame_rows",
    "pandas_frames",
    "parquet_source",
    "polars_frames",
    "validate_files",
]


_FILE: Final = "eventkit file"
"""The column of each row's file, read to find its partition: no field has a space."""


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    """``path`` as a DuckDB glob pattern that matches ``path`` alone.

    DuckDB reads every name it is given, one in a list too, as a glob
    (``*``, ``**``, ``?``, ``[...]``): each of those characters goes in a
    class of its own (``[*]``), which matches only that character.
    """
    return "".join(f"[{c}]" if c in "*?[" else c for c in os.fsdecode(path))


def connect(path: str | os.PathLike[str], *, database: str = ":memory:") -> Any:
    """A DuckDB connection with a view per table of the Parquet dataset at ``path``.

    The views are named after the tables: ``actors``, ``sources``,
    ``events``, ``statements``, ``provenances``, ``unknown`` and the link
    tables ``participants``, ``relations``, ``citations`` and
    ``statement_links``. Queries read the Parquet files directly (only the
    columns and partitions they need); nothing is loaded into Python. The
    connection's time zone is UTC, as eventkit's instants are: a time
    written without a zone (``'2024-11-15'``) is read as UTC on every
    machine.

    Args:
        path: a directory written by ``Dataset.save(path, format="parquet")``
            or ``eventkit convert``.
        database: the DuckDB database the views are made in.

    Raises:
        MissingExtraError: DuckDB is not installed (the ``duckdb`` extra).
        ValidationError: ``path`` is not an eventkit Parquet dataset, a
            file of it is not where the writer puts one (DuckDB would not
            read it), or its header lists rows of a table that has no
            directory (a table listed with no rows and no directory is an
            empty view).

    Examples:
        >>> import eventkit as ek, eventkit.examples, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
        >>> ek.examples.scholz_putin().save(path)
        >>> con = ek.columnar.connect(path)
        >>> con.sql("SELECT count(*) FROM participants WHERE actor = 'olaf-scholz'").fetchall()
        [(5,)]
        >>> con.sql('''SELECT type, count(*) FROM events
        ...            WHERE when_earliest >= '2024-11-15' AND when_earliest < '2024-11-16'
        ...              AND when_precision = 'day' GROUP BY type ORDER BY type''').fetchall()
        [('agreement', 2), ('communication', 1), ('event', 1), ('negotiation', 1),
         ('phone_call', 1), ('summit', 1), ('supply_cut', 1)]
    """
    duckdb = need("duckdb", "duckdb")
    header = read_header(path)
    problems = misplaced(path, header)  # engines would not read them: no answer without them
    if problems:
        raise ValidationError(problems, title=os.fsdecode(path))
    connection = duckdb.connect(database)
    connection.execute("SET TimeZone = 'UTC'")  # as eventkit reads dates, on any machine
    for name in header["tables"]:
        source = parquet_source(path, name, header["tables"][name])
        if source is None:  # empty, as loading reads it, or refused for its rows
            connection.register(name, _empty_table(path, header, name))
            continue
        connection.execute(f"CREATE OR REPLACE VIEW {_identifier(name)} AS SELECT * FROM {source}")
    return connection


def _empty_table(path: str | os.PathLike[str], header: Mapping[str, Any], name: str) -> pa.Table:
    """The table ``name`` the header lists with no file: empty if it lists no rows of it.

    Raises:
        ValidationError: the header lists rows of it (``missing``).
    """
    problems: list[Problem] = []
    found = table_datasets(path, header, [name], problems)
    if problems:
        raise ValidationError(problems, title=os.fsdecode(path))
    return found[name].schema.empty_table()


def parquet_source(
    path: str | os.PathLike[str],
    name: str,
    table: Mapping[str, Any] | None,
    *,
    positions: bool = False,
) -> str | None:
    """DuckDB's rows of the table ``name`` (its header entry: ``table``), to select from.

    A ``read_parquet(...)`` naming each file of the table (the files loading
    reads) and no other, whatever characters the dataset's path holds: a
    path is no glob pattern. A partitioned table's key is read from the
    directory each file is in, as loading reads it, and nowhere else. None
    if the table has no file.

    With ``positions``, each row also has its ``filename`` and
    ``file_row_number``: ordered by both, rows come in the order pyarrow
    (and so `eventkit.Dataset.load`) reads them.
    """
    directory = Path(path) / name
    entry = table or {}
    files = table_files(directory, entry.get("partition_by")) if directory.is_dir() else []
    if not files:
        return None
    listed = "[" + ", ".join(_quoted(_literal(file)) for file in files) + "]"
    partition = partition_schema(name, entry)
    # Each file's own columns, as `eventkit.Dataset.load` reads them, not only the first's.
    # Never DuckDB's Hive partitioning: it takes every name=value directory of a file's path
    # for a key, the first of a name winning, so a dataset saved under /data/year=1999/ had
    # every event in 1999, and one under /data/id=x/ every id "x".
    extra = ", hive_partitioning = false, union_by_name = true"
    if partition is None:
        if positions:
            extra += ", filename = true, file_row_number = true"
        return f"read_parquet({listed}{extra})"
    if positions:
        extra += ", file_row_number = true"
    # The key's value is the name of the directory each file is in, after "{key}="
    # (table_files names no other file), URL-encoded, as `ParquetWriter` writes it.
    key = partition.names[0]
    folder = f"parse_filename(parse_dirpath({_identifier(_FILE)}))"
    value = f"url_decode(nullif(substr({folder}, {len(key) + 2}), {_quoted(NULL_PARTITION)}))"
    # DuckDB's name for the key's Arrow type, from DuckDB: no table of names to keep
    (kind,) = need("duckdb", "duckdb").from_arrow(partition.empty_table()).types
    # Columns as DuckDB's partitioning gave them: the key last, after the positions.
    others = f"COLUMNS(lambda c: c NOT IN ({_quoted(_FILE)}, {_quoted(key)}))"
    file = f", {_identifier(_FILE)} AS filename" if positions else ""
    return (
        f"(SELECT {others}{file}, CAST({value} AS {kind}) AS {_identifier(key)} "
        f"FROM read_parquet({listed}{extra}, filename = {_quoted(_FILE)}))"
    )


def _dtypes() -> dict[Any, Any]:
    pd = need("pandas", "pandas")
    pa = arrow()
    return {
        pa.string(): pd.StringDtype(),
        pa.large_string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.float64(): pd.Float64Dtype(),
    }


def pandas_frames(tables: Mapping[str, pa.Table]) -> dict[str, Any]:
    """Each table as a pandas DataFrame with nullable dtypes.

    Text is ``string``, integers ``Int64``, numbers ``Float64``, flags
    ``boolean`` (all with ``pd.NA`` for missing), instants
    ``datetime64[us, UTC]``; lists and structs are Python lists and dicts,
    the instants in them ``pandas.Timestamp``.
    """
    dtypes = _dtypes()
    return {name: _pandas_frame(table, dtypes) for name, table in tables.items()}


def _pandas_frame(table: pa.Table, dtypes: Mapping[Any, Any]) -> Any:
    """``table`` as a frame; lists and structs as Arrow's own Python values.

    pandas would turn an integer inside a struct into a float when any row
    lacks it (a place's ``geonames`` 8529089 read back as 8529089.0, which
    loading then refuses, and integers past 2**53 rounded).
    """
    pa = arrow()
    pd = need("pandas", "pandas")
    nested = [field.name for field in table.schema if pa.types.is_nested(field.type)]
    flat = table.drop_columns(nested).to_pandas(types_mapper=dtypes.get)
    values = {name: _python_values(table.column(name), name, table.column_names) for name in nested}
    return pd.concat([flat, pd.DataFrame(values, index=flat.index)], axis=1)[table.column_names]


def _python_values(column: pa.ChunkedArray, name: str, names: list[str]) -> list[Any]:
    """A nested column's values, with dates' instants as ``pandas.Timestamp``.

    Not Python's ``datetime``, which Arrow would make: a valid date's UTC
    instant may lie past year 9999, where ``datetime`` stops and
    ``pandas.Timestamp`` (a ``datetime`` subclass) does not.
    """
    kind = column.type
    plain = integer_instants(kind, name, names)
    if plain.equals(kind):
        listed: list[Any] = column.to_pylist()
        return listed
    timestamp = need("pandas", "pandas").Timestamp
    types = arrow().types

    def restore(kind: pa.DataType, value: Any) -> Any:
        if value is None:
            return None
        if types.is_timestamp(kind):
            return timestamp(value, unit=kind.unit, tz=kind.tz) if isinstance(value, int) else value
        if types.is_struct(kind):
            return {key: restore(kind.field(key).type, item) for key, item in value.items()}
        if types.is_list(kind) or types.is_large_list(kind):
            return [restore(kind.value_type, item) for item in value]
        if types.is_map(kind):
            return [(key, restore(kind.item_type, item)) for key, item in value]
        return value

    values = (
        restore(kind, value)
        for chunk in column.chunks
        for value in integers_viewed(chunk, plain).to_pylist()
    )
    return list(values)


def polars_frames(tables: Mapping[str, pa.Table]) -> dict[str, Any]:
    """Each table as a Polars DataFrame (lists, structs and instants keep their types)."""
    pl = need("polars", "polars")
    return {name: pl.from_arrow(table) for name, table in tables.items()}


def _plain(value: Any) -> Any:  # noqa: PLR0911 - one exit per kind of value
    """A value of a pandas frame as plain Python: missing values as None."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, str | bool | int):
        return value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [_plain(item) for item in value]
        return tuple(items) if isinstance(value, tuple) else items
    if hasattr(value, "tolist") and not hasattr(value, "tzinfo"):  # numpy arrays and scalars
        return _plain(value.tolist())
    pd = need("pandas", "pandas")
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def frame_rows(frame: Any) -> Given | None:
    """A pandas or Polars frame (or an Arrow table) as an Arrow table, or its columns and rows.

    The columns and rows (plain values) where Arrow cannot hold the frame's
    values; None if ``frame`` is none of these (a Polars LazyFrame
    included: collect it first).
    """
    table = arrow_table(frame)
    if table is not None:
        return table
    module = type(frame).__module__.split(".")[0]
    pa = arrow()
    if module == "polars" and hasattr(frame, "to_arrow"):
        try:
            table = frame.to_arrow()
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            # a type Arrow has not (Int128): row by row, so loading reports each value
            return list(frame.columns), frame.iter_rows(named=True)
        return table
    if module != "pandas" or not hasattr(frame, "columns"):
        return None
    names = [str(name) for name in frame.columns]
    if len(set(names)) == len(names):  # a name twice: loading reports it
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            pass  # mixed values, or values Arrow cannot hold (an int past 64 bits, a lone
            # surrogate): row by row, so loading reports each bad value
        else:
            if not _misread_instants(frame, table):
                return table
    # columns by position, so that a name given twice keeps its columns apart until read_rows
    records = frame.set_axis(range(len(names)), axis=1).to_dict("records")
    return names, ({names[i]: _plain(v) for i, v in row.items()} for row in records)


def _misread_instants(frame: Any, table: pa.Table) -> bool:
    """Whether a nested cell of ``frame`` holds a ``pandas.Timestamp`` that ``table`` misread.

    pyarrow makes an instant of the wrong year of a ``pandas.Timestamp``
    beyond nanoseconds' years (1677 to 2262) inside a list or struct (Arrow
    26), as `pandas_frames` gives a date's instants past year 9999. Only
    nested columns of ``table`` holding instants are looked into.
    """
    pa, array = arrow(), need("numpy", "pandas").ndarray
    timestamp = need("pandas", "pandas").Timestamp
    for i, field in enumerate(table.schema):
        kind = field.type
        if not pa.types.is_nested(kind) or integer_instants(kind, "", [], every=True).equals(kind):
            continue
        work = list(frame.iloc[:, i])
        while work:  # not recursive: a cell may nest deeply
            item = work.pop()
            if isinstance(item, dict):
                work.extend(item.values())
            elif isinstance(item, list | tuple | array):
                work.extend(item)
            elif isinstance(item, timestamp) and item.unit != "ns" and not _in_nanoseconds(item):
                return True
    return False


def _in_nanoseconds(instant: Any) -> bool:
    try:
        instant.as_unit("ns")
    except (OverflowError, ValueError):
        return False
    return True


def _jsonl_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.name.endswith((".jsonl", ".jsonl.gz"))]
            files.extend(str(p) for p in sorted(found))
        else:
            files.append(str(path))
    return files


def _validate_one(path: str, options: dict[str, Any]) -> Report:
    from eventkit.io import validate_file  # noqa: PLC0415 - in the worker

    return validate_file(path, **options)


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    keep_unknown: bool = False,
    max_errors: int | None = MAX_PROBLEMS,
    scheduler: str | None = None,
) -> dict[str, Report]:
    r"""Validate JSON Lines files in parallel on Dask: each file's `eventkit.validate_file` report.

    A directory stands for every ``.jsonl`` and ``.jsonl.gz`` file under
    it. Files are validated in parallel (a ``dask.bag``, one file per
    partition) on Dask's default scheduler for bags (processes), or the one
    named (``"threads"``, ``"sync"``, or a distributed client's); each
    report is exactly what `eventkit.validate_file` gives for that file.
    Custom types must be importable in the workers (a plugin, or
    ``--types``-style modules imported there).

    Raises:
        MissingExtraError: Dask is not installed (the ``dask`` extra).

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> actor = ek.Actor(id="a", name="A", kind="person")
        >>> _ = (folder / "a.jsonl").write_text(ek.to_jsonl([actor]))
        >>> _ = (folder / "b.jsonl").write_text('{"type": "actor", "id": "b"}\n')
        >>> reports = ek.columnar.validate_files([folder], scheduler="sync")
        >>> {pathlib.Path(path).name: report.valid for path, report in reports.items()}
        {'a.jsonl': True, 'b.jsonl': False}
    """
    bag = need("dask.bag", "dask")
    files = _jsonl_files(paths)
    if not files:
        return {}
    options = {"keep_unknown": keep_unknown, "max_errors": max_errors}
    reports = (
        bag.from_sequence(files, npartitions=len(files))
        .map(_validate_one, options)
        .compute(scheduler=scheduler)
    )
    return dict(zip(files, reports, strict=True))
