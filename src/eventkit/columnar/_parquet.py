"""Parquet datasets: a directory of tables, Hive-partitioned, written atomically.

Layout of ``seed.parquet/``::

    _eventkit.json                  the header: format, version, name, partitioning, tables
    actors/part-0.parquet
    events/year=2024/part-0.parquet   events partitioned by the year of when_earliest
    events/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet   (undated events)
    participants/year=2024/part-0.parquet   link tables carry their record's year
    …

A partition's rows are in ``part-0.parquet``, then, after `WRITES_PER_FILE`
batches, in ``part-1.parquet``, and so on.

Every engine that reads Hive-partitioned Parquet (DuckDB, Polars, pandas,
Dask, Spark) reads each table directory as one table with a ``year``
column. Records are written in batches, so a stream of any length is
written in bounded memory.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

import attrs
import orjson

from eventkit import _registry
from eventkit._extras import need
from eventkit._json_keys import duplicate_keys
from eventkit.columnar._arrow import (
    UNKNOWN,
    record_tables,
    schemas,
)
from eventkit.columnar._cells import read_alike
from eventkit.columnar._links import YEAR, link_tables, table_problems, tables_agree
from eventkit.columnar._rows import ROWS, batch_rows
from eventkit.columnar._schema import KINDS, LINKS, arrow
from eventkit.columnar._widen import widened, wider_type
from eventkit.exceptions import Problem, ValidationError
from eventkit.io._atomic import link_target, replace_directory, temporary_directory
from eventkit.io._files import path_text

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "BATCH",
    "FORMAT",
    "HEADER",
    "ParquetWriter",
    "batch_tables",
    "in_batches",
    "is_parquet",
    "link_table_problems",
    "misplaced",
    "partition_schema",
    "partitioning",
    "read_header",
    "read_parquet",
    "scan_parquet",
    "table_datasets",
    "table_files",
    "table_paths",
    "unlisted_tables",
    "write_parquet",
]

HEADER: Final = "_eventkit.json"
"""The header file of a Parquet dataset directory."""
FORMAT: Final = "eventkit.parquet"
VERSION: Final = 1
NULL_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
BATCH: Final = 50_000
WRITES_PER_FILE: Final = 16
"""Writes (a batch's rows each, one row group) a file of a table's partition
takes; the next go to a new file: ``part-1.parquet``, … A writer holds the
footer of each row group it wrote (its columns' statistics) until the file
is closed: converting 5,000,000 events whose years are mixed, so that each
batch writes to every year's file, the footers held grew by 1–1.4 MB a
batch, 100–140 MB by the end."""


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a Parquet dataset: a directory with a header, or a ``.parquet`` name.

    Examples:
        >>> is_parquet("events.parquet"), is_parquet("events.jsonl")
        (True, False)
    """
    path = Path(path_text(path))
    # os.path.isfile: False for a name too long, which Path.is_file raises before 3.13
    return os.path.isfile(path / HEADER) or path.name.lower().endswith(".parquet")


def _year(table: pa.Table) -> pa.Array | None:
    pc = need("pyarrow.compute", "parquet")
    if "when_earliest" not in table.column_names:
        return None
    return pc.coalesce(pc.year(table["when_earliest"]), pc.year(table["when_latest"])).cast(
        arrow().int32()
    )


def _segment(value: Any) -> str:
    return NULL_PARTITION if value is None else quote(str(value), safe="")


def _groups(data: pa.Table, key: pa.ChunkedArray, values: list[Any]) -> list[tuple[Any, pa.Table]]:
    """``data``'s rows for each of ``values`` of ``key`` (None: a null key), each in file order.

    One stable sort and one ``take`` of the table, then a slice per value: a
    filter per value read every column once for each partition. A column
    null in every row (another type's field, most of a wide table) is the
    same in any order, so it is not taken.
    """
    pc = need("pyarrow.compute", "parquet")
    order = pc.sort_indices(key)  # stable, nulls last: rows keep their order
    count = data.num_rows
    rows = arrow().Table.from_arrays(
        [c if c.null_count == count else c.take(order) for c in data.columns], schema=data.schema
    )
    counts = {each["values"]: each["counts"] for each in pc.value_counts(key).to_pylist()}
    starts, start = {}, 0
    # Python sorts integers and text as Arrow does (UTF-8 bytes sort as code points).
    for value in sorted(v for v in counts if v is not None) + [None] * (None in counts):
        starts[value] = start
        start += counts[value]
    return [(value, rows.slice(starts[value], counts[value])) for value in values]


def _check_names(name: str, key: str, table: pa.Table, values: list[Any], folder: Path) -> None:
    """Check that each partition of ``table``, by ``key``, can be a directory in ``folder``.

    Raises:
        ValueError: a value's directory name is longer than the file system
            takes (the file system's own error named neither record nor field).
    """
    try:
        most = os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # not on POSIX: the common limit
        most = 255
    for value in values:
        directory = f"{key}={_segment(value)}"
        size = len(os.fsencode(directory))
        if size <= most:
            continue
        pc = need("pyarrow.compute", "parquet")
        owner = "id" if "id" in table.column_names else table.column_names[0]
        row = pc.index(table[key], value).as_py()
        record = table[owner][row].as_py()
        msg = (
            f"cannot partition {name} by {key}: the {key} of record {record!r} makes a "
            f"directory name of {size} bytes ({directory[: len(key) + 13]}…), and this file "
            f"system takes names of at most {most} bytes: choose another partition_by, or None"
        )
        raise ValueError(msg)


class ParquetWriter:
    """Write records to a Parquet dataset directory, batch by batch; a context manager.

    The directory is built beside ``path`` and renamed into place on a clean
    exit; on an error it is removed and ``path`` is left as it was. Only a
    dataset eventkit wrote (a directory with ``_eventkit.json``) or an
    empty directory is replaced. That takes two renames (POSIX cannot swap
    two directories in one step): a process killed between them leaves no
    dataset at ``path`` and the previous one in a hidden
    ``.NAME.<16 hex digits>.old`` beside it, which the next save removes. A
    symbolic link stays a link: the directory at the end of its chain is
    written, as `eventkit.io` writes a file through one.

    Args:
        path: the directory to write (replaced if it is a dataset or empty).
        name: the dataset's name, kept in the header.
        partition_by: ``"year"`` (events and statements, and their link
            tables, by the year of ``when_earliest``), another column name
            (each table that has it), or None.
        batch_size: how many records are turned into tables at once.

    Raises:
        FileExistsError: on entering (and again before the rename), if
            ``path`` is a file, or a directory neither empty nor a dataset.
        OSError: ``ELOOP``, on entering, if ``path`` is a loop of symbolic links.
        ValueError: no table has the column ``partition_by``, or it starts
            with ``_`` (``_exact``: engines skip such directories); or, when
            writing, it is neither text nor integers, or a row's value is
            ``__HIVE_DEFAULT_PARTITION__``, the name of the partition for
            no value, which engines would read as null, or makes a
            directory name longer than the file system takes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        name: str | None = None,
        partition_by: str | None = "year",
        batch_size: int = BATCH,
    ) -> None:
        if partition_by is not None and not isinstance(partition_by, str):
            msg = f"partition_by must be a column name or None, not {partition_by!r}"
            raise TypeError(msg)
        if partition_by not in (None, YEAR) and not any(
            partition_by in schema.names for schema in _written_schemas(links=True).values()
        ):
            msg = f"cannot partition by {partition_by!r}: no table has a column of that name"
            raise ValueError(msg)
        if partition_by is not None and partition_by.startswith(("_", ".")):
            msg = (
                f"cannot partition by {partition_by!r}: its directories ({partition_by}=…) "
                "would be hidden: pyarrow and eventkit skip a name starting with '_' or '.'"
            )
            raise ValueError(msg)
        self.path = Path(path)
        self.name = name
        self.partition_by = partition_by
        self.batch_size = batch_size
        self.count = 0
        self._made: tuple[int, Path] | None = None  # the temporary directory and its lock
        self._target = self.path  # what is replaced: the end of path's links, on entering
        self._writers: dict[tuple[str, str | None], Any] = {}
        # each table's (and partition's) files, and writes to the last of them
        self._writes: dict[tuple[str, str | None], tuple[int, int]] = {}
        self._rows: dict[str, int] = {}
        self._partitioned: dict[str, str | None] = {}

    def __enter__(self) -> ParquetWriter:
        self._target = Path(link_target(self.path))
        _refuse_to_replace(self._target)
        self._made = temporary_directory(self._target)
        return self

    @property
    def _temp(self) -> Path:
        """The directory written, locked until it is renamed to ``path`` (or removed)."""
        if self._made is None:
            msg = "a ParquetWriter writes inside a with block: with ParquetWriter(path) as writer"
            raise RuntimeError(msg)
        return self._made[1]

    def write(self, records: Iterable[Any]) -> None:
        """Write ``records`` (any number: they are taken a batch at a time)."""
        for batch in in_batches(records, self.batch_size):
            self._write_batch(batch)

    def _write_batch(self, batch: list[Any]) -> None:
        self.write_tables(batch_tables(batch, partition_by=self.partition_by), len(batch))

    def write_tables(self, tables: Mapping[str, pa.Table], count: int) -> None:
        """Write the tables `batch_tables` made of ``count`` records, made elsewhere.

        ``write`` makes them itself; this is for tables another process made
        (``eventkit convert`` makes them on several), written in the order given.

        Examples:
            >>> import eventkit as ek, pathlib, tempfile
            >>> from eventkit.columnar import ParquetWriter, batch_tables
            >>> records = [ek.Event(id="e", title="E", when=ek.parse_edtf("2024-11"))]
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
            >>> with ParquetWriter(path) as writer:
            ...     writer.write_tables(batch_tables(records, partition_by="year"), len(records))
            >>> writer.count, ek.Dataset.load(path).get("e").title
            (1, 'E')
        """
        for name, table in tables.items():
            self._write_table(name, table)
        self.count += count

    def _write_table(self, name: str, table: pa.Table) -> None:
        pc = need("pyarrow.compute", "parquet")
        key = self.partition_by if self.partition_by in table.column_names else None
        self._partitioned.setdefault(name, key)
        self._rows[name] = self._rows.get(name, 0) + table.num_rows
        if table.num_rows == 0:
            return
        if key is None:
            groups: Iterable[tuple[Any, pa.Table]] = [(None, table)]
        else:
            column = table[key]
            if not (arrow().types.is_integer(column.type) or arrow().types.is_string(column.type)):
                msg = f"cannot partition {name} by {key}: only text and integer columns can be"
                raise ValueError(msg)
            values = pc.unique(column).to_pylist()
            if NULL_PARTITION in values:
                msg = (
                    f"cannot partition {name} by {key}: a row's {key} is {NULL_PARTITION!r}, "
                    "the name engines give the partition for no value: they would read it as null"
                )
                raise ValueError(msg)
            _check_names(name, key, table, values, self._temp)
            groups = _groups(table.drop_columns([key]), column, values)
        for value, part in groups:
            where = (name, None if key is None else f"{key}={_segment(value)}")
            self._file(where, part.schema).write_table(part)

    def _file(self, where: tuple[str, str | None], schema: pa.Schema) -> Any:
        """The open file of a table (and partition), a new one each `WRITES_PER_FILE` writes."""
        pq = need("pyarrow.parquet", "parquet")
        writer = self._writers.get(where)
        files, writes = self._writes.get(where, (0, 0))
        if writer is None or writes == WRITES_PER_FILE:
            if writer is not None:
                writer.close()  # and its footer, held in memory until now, let go
            directory = self._temp / where[0]
            if where[1] is not None:
                directory /= where[1]
            directory.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(directory / f"part-{files}.parquet", schema)
            self._writers[where] = writer
            files, writes = files + 1, 0
        self._writes[where] = (files, writes + 1)
        return writer

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            for writer in self._writers.values():
                writer.close()
            if kind is not None:
                shutil.rmtree(self._temp, ignore_errors=True)
                return
            try:
                self._finish()
            except BaseException:
                shutil.rmtree(self._temp, ignore_errors=True)
                raise
        finally:
            if self._made is not None:
                os.close(self._made[0])  # the lock: the directory is renamed or removed

    def _finish(self) -> None:
        pq = need("pyarrow.parquet", "parquet")
        written = {name for name, _ in self._writers}
        empty = batch_tables([], partition_by=None)
        for name, table in empty.items():
            if name not in written:  # an empty file, so engines see the table and its columns
                (self._temp / name).mkdir(exist_ok=True)
                pq.write_table(table, self._temp / name / "part-0.parquet")
                self._partitioned[name] = None
                self._rows.setdefault(name, 0)
        header = {
            "type": FORMAT,
            "version": VERSION,
            "name": self.name,
            "tables": {
                name: {"rows": self._rows[name], "partition_by": self._partitioned[name]}
                for name in empty
            },
        }
        (self._temp / HEADER).write_text(json.dumps(header, indent=1) + "\n", encoding="utf-8")
        _refuse_to_replace(self._target)  # again: writing may have taken hours
        replace_directory(self._temp, self._target)


def _refuse_to_replace(target: Path) -> None:
    """Raise `FileExistsError` unless ``target`` is missing, an eventkit dataset or empty.

    Anything else there is the user's, whatever its name, and a save would delete it.
    """
    if not target.exists() or (
        target.is_dir() and ((target / HEADER).is_file() or not any(target.iterdir()))
    ):
        return
    message = (
        f"exists and is neither an eventkit Parquet dataset (a directory with {HEADER}) "
        "nor an empty directory, the only things a save replaces"
    )
    raise FileExistsError(errno.EEXIST, message, os.fsdecode(target))


def in_batches(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``records`` in lists of ``size`` (the last one shorter), as `ParquetWriter` writes them."""
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def batch_tables(records: Iterable[Any], *, partition_by: str | None) -> dict[str, pa.Table]:
    """Every table of a batch of records as `ParquetWriter` writes it.

    The record tables, with the ``year`` column when ``partition_by`` is
    ``"year"``, then the link tables. Installed plugins' types are loaded
    first, so every batch of a stream has the same columns.

    Examples:
        >>> import eventkit as ek
        >>> from eventkit.columnar import batch_tables
        >>> event = ek.Event(id="e", title="E", when=ek.parse_edtf("2024-11"))
        >>> tables = batch_tables([event], partition_by="year")
        >>> tables["events"]["year"].to_pylist(), tables["participants"].num_rows
        ([2024], 0)
    """
    _registry.load_plugins()  # every type's columns from the first batch on
    tables = record_tables(records)
    if partition_by == YEAR:
        for name in ("events", "statements"):
            year = _year(tables[name])
            if year is not None:
                tables[name] = tables[name].append_column(YEAR, year)
    tables.update(link_tables(tables))
    return tables


def write_parquet(
    path: str | os.PathLike[str],
    records: Iterable[Any],
    *,
    name: str | None = None,
    partition_by: str | None = "year",
    batch_size: int = BATCH,
) -> int:
    """Write ``records`` as a Parquet dataset directory at ``path``; the number written.

    See `ParquetWriter` for the arguments.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> from eventkit.columnar import write_parquet
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
        >>> write_parquet(path, [ek.Event(id="e", title="E", when=ek.parse_edtf("2024-11"))])
        1
        >>> sorted(p.name for p in (path / "events").iterdir())
        ['year=2024']
    """
    with ParquetWriter(path, name=name, partition_by=partition_by, batch_size=batch_size) as out:
        out.write(records)
    return out.count


def _partition_schema(key: Any, written: pa.Schema) -> pa.Schema | None:
    """A table's partition key (``partition_by`` of its header entry) with its type, if any.

    The type of the key's column as eventkit writes it; ``year``, derived, is int32.
    """
    if not isinstance(key, str):
        return None
    pa = arrow()
    kind = (
        written.field(key).type
        if key in written.names
        else pa.int32()
        if key == "year"
        else pa.string()
    )
    return pa.schema([(key, kind)])


def partitioning(path: str | os.PathLike[str], table: str) -> Any:
    """The Hive partitioning of ``table`` in the Parquet dataset at ``path``: its key and type.

    pandas (``pd.read_parquet``) and Dask (``dd.read_parquet``) guess a
    partition key's type from the directory names, and fail on a table
    with rows in the partition for no value (``year=__HIVE_DEFAULT_PARTITION__``,
    where undated events are). Given this, they read it as DuckDB, Polars
    and Spark do: the key null in those rows. None for a table not
    partitioned. Give Dask the table's directory too, as
    ``partition_base_dir`` (absolute, as Dask makes its files' paths): it
    reads each file's key from the file's whole path, so a dataset saved
    under ``/data/year=1999/`` would have every row in 1999.

    Raises:
        ValidationError: ``path`` is not an eventkit Parquet dataset.
        KeyError: the dataset has no table ``table``.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile, pandas as pd
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.parquet"
        >>> ek.Dataset([ek.Event(id="e", title="Date not reported")]).save(path)
        >>> ek.columnar.partitioning(path, "events").schema
        year: int32
        >>> year = ek.columnar.partitioning(path, "events")
        >>> pd.read_parquet(path / "events", partitioning=year)[["id", "year"]].to_dict("records")
        [{'id': 'e', 'year': nan}]
    """
    listed: Mapping[str, Any] = read_header(path)["tables"]
    if table not in listed:
        msg = f"{path} has no table {table!r}; it has {', '.join(listed)}"
        raise KeyError(msg)
    partition = partition_schema(table, listed[table])
    if partition is None:
        return None
    return need("pyarrow.dataset", "parquet").partitioning(partition, flavor="hive")


def partition_schema(table: str, entry: Mapping[str, Any]) -> pa.Schema | None:
    """The partition key of ``table`` with its type, from its header entry ``entry``; None if none.

    Every engine is given this type (`partitioning`, `connect`), so that all
    read the key as `eventkit.Dataset.load` does.
    """
    written = _written_schemas(links=table in _LINK_TABLES)[table]
    return _partition_schema(entry.get("partition_by"), written)


def read_header(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The header of the Parquet dataset at ``path``.

    Raises:
        ValidationError: ``path`` is not an eventkit Parquet dataset.
    """
    path = Path(path)
    try:
        text = (path / HEADER).read_bytes()
        header = orjson.loads(text)
    except (OSError, orjson.JSONDecodeError) as error:
        problem = Problem(
            code="unsupported_format",
            message=f"not an eventkit Parquet dataset (no readable {HEADER}: {error})",
            file=os.fsdecode(path),
        )
        raise ValidationError([problem], title="Parquet dataset") from None
    if not isinstance(header, dict) or header.get("type") != FORMAT:
        problem = Problem(
            loc=("type",),
            code="unsupported_format",
            message=f"the header's type must be {FORMAT!r}",
            input=header.get("type") if isinstance(header, dict) else header,
            file=os.fsdecode(path / HEADER),
        )
        raise ValidationError([problem], title="Parquet dataset")
    if type(header.get("version")) is not int or header["version"] != VERSION:  # not true, not 1.0
        problem = Problem(
            loc=("version",),
            code="unsupported_version",
            message=f"this eventkit reads version {VERSION}",
            input=header.get("version"),
            file=os.fsdecode(path / HEADER),
        )
        raise ValidationError([problem], title="Parquet dataset")
    problems = [*duplicate_keys(text, header), *_header_problems(header)]
    if problems:
        file = os.fsdecode(path / HEADER)
        located = [attrs.evolve(p, file=file) for p in problems]
        raise ValidationError(located, title="Parquet dataset")
    return header


def _header_problems(header: Mapping[str, Any]) -> Iterator[Problem]:
    """What is wrong with the parts of a header that reading relies on."""
    if header.get("name") is not None and not isinstance(header["name"], str):
        yield _wrong(("name",), "text or null", header["name"])
    tables = header.get("tables")
    if not isinstance(tables, dict):
        if tables is None:
            yield Problem(loc=("tables",), code="missing", message="the header lists no tables")
        else:
            yield _wrong(("tables",), "an object of tables by name", tables)
        return
    for name, entry in tables.items():
        if name not in _TABLES:  # a name is a directory, and a view in `connect`
            known = ", ".join(sorted(_TABLES))
            message = f"not a table eventkit writes; known: {known}"
            yield Problem(loc=("tables", name), code="unknown_table", message=message)
            continue
        if not isinstance(entry, dict):
            yield _wrong(("tables", name), "an object with rows and partition_by", entry)
            continue
        rows = entry.get("rows")
        if type(rows) is not int:
            yield _wrong(("tables", name, "rows"), "a whole number", rows)
        elif rows < 0:
            message = "a count of rows cannot be negative"
            yield Problem(
                loc=("tables", name, "rows"), code="invalid_value", message=message, input=rows
            )
        key = entry.get("partition_by")
        if key is not None and not isinstance(key, str):
            yield _wrong(("tables", name, "partition_by"), "a column name or null", key)


def misplaced(path: str | os.PathLike[str], header: Mapping[str, Any]) -> list[Problem]:
    """A problem for each file of the dataset at ``path`` not where `ParquetWriter` puts one.

    Engines read only the files where the writer puts them: `connect`
    refuses a dataset with others, as `Dataset.load` reports them.
    """
    problems: list[Problem] = []
    for name, entry in header["tables"].items():
        directory = Path(path) / name
        if directory.is_dir():
            key = entry.get("partition_by")
            found = (_misplaced(name, directory, file, key) for file in _files(directory))
            problems.extend(problem for problem in found if problem is not None)
    return problems


_TABLES: Final = frozenset([*KINDS, UNKNOWN, *(link.table for link in LINKS)])
"""The tables a header may list."""


def _wrong(loc: tuple[str, ...], expected: str, value: Any) -> Problem:
    return Problem(loc=loc, code="invalid_type", message=f"expected {expected}", input=value)


def unlisted_tables(
    path: str | os.PathLike[str], listed: Container[str], names: Iterable[str]
) -> list[Problem]:
    """A problem for each table of ``names`` not ``listed`` in the header whose directory has files.

    Reading reads the tables the header lists: files of another would be
    left out without a word.
    """
    path = Path(path)
    return [
        Problem(
            loc=("tables", name),
            code="missing",
            message=(
                f"the directory {name!r} holds Parquet files, but the header does not list "
                "the table: they are not read"
            ),
            file=os.fsdecode(path / HEADER),
        )
        for name in names
        if name not in listed and (path / name).is_dir() and _files(path / name)
    ]


def read_parquet(
    path: str | os.PathLike[str],
    *,
    tables: Iterable[str] | None = None,
    columns: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, pa.Table]:
    """Read the tables of the Parquet dataset at ``path`` (all, or those named).

    ``columns``: the columns to read of a table (all of those not named).

    Raises:
        ValidationError: ``path`` is not an eventkit Parquet dataset, or a
            file of a table cannot be read, or a table holds other than the
            rows its header says, or its files disagree on its columns (see
            `table_datasets`).

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> from eventkit.columnar import read_parquet, write_parquet
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
        >>> _ = write_parquet(path, [ek.Event(id="e", title="E", when=ek.parse_edtf("2024-11"))])
        >>> read_parquet(path, tables=["events"])["events"].column("year").to_pylist()
        [2024]
    """
    problems: list[Problem] = []
    datasets = table_datasets(path, read_header(path), tables, problems)
    found = _read_tables(datasets, problems, columns)
    if problems:
        raise ValidationError(problems, title=os.fsdecode(path))
    return found


def _read_tables(
    datasets: Mapping[str, Any],
    problems: list[Problem],
    columns: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, pa.Table]:
    """Each of ``datasets`` read whole (``columns``: those to read of a table, by name)."""
    wanted = columns or {}
    return {
        name: _read_whole(name, data, problems, wanted.get(name)) for name, data in datasets.items()
    }


def _read_whole(
    name: str,
    data: Any,
    problems: list[Problem],
    columns: Iterable[str] | None,
    fragments: Iterable[Any] | None = None,
) -> pa.Table:
    """A table's dataset read whole: ``columns`` (all by default) of ``fragments`` (all).

    Each file's columns are made the table's types (`_columns`); a file
    with a column that cannot be is a problem, and its rows are not read.
    """
    pa = arrow()
    schema = data.schema
    if columns is not None:
        schema = pa.schema([schema.field(column) for column in columns if column in schema.names])
    parts = [schema.empty_table()]
    for fragment in data.get_fragments() if fragments is None else fragments:
        read = _batches(
            name, data, problems, batch_size=None, columns=schema.names, fragments=[fragment]
        )
        batches = list(read)
        if batches:
            part = _conformed(name, pa.Table.from_batches(batches), schema, fragment.path, problems)
            if part is not None:
                parts.append(part)
    return pa.concat_tables(parts)


def _conformed(
    name: str, table: pa.Table, schema: pa.Schema, file: str, problems: list[Problem]
) -> pa.Table | None:
    """One file's ``table`` with ``schema``'s columns, of its types (a column it lacks: null).

    So is a struct's child it lacks (`widened`).

    None if a column holds values its type would change (``0`` made ``"0"``):
    each such column is a problem of ``name`` at ``file``.
    """
    pa = arrow()
    columns, failed = [], False
    for field in schema:
        if field.name not in table.column_names:
            columns.append(pa.nulls(table.num_rows, field.type))
            continue
        column = widened(table.column(field.name), field.type)  # struct children it lacks
        if column.type == field.type:
            columns.append(column)
            continue
        try:
            made = column.cast(field.type)
            values, held = made.to_pylist(), column.to_pylist()
        except (ValueError, OverflowError, pa.ArrowException):
            same = False
        else:  # as JSON texts, but for whole floats: true is not 1, nor 0 "0"
            same = read_alike(values, held) or read_alike(held, values)
        if same:
            columns.append(made)
            continue
        failed = True
        message = (
            f"this file holds the column as {column.type}, which cannot be read as "
            f"{field.type}, the table's type for it, without changing its values; "
            "the file's rows are not read"
        )
        problems.append(
            Problem(loc=(name, field.name), code="invalid_type", message=message, file=file)
        )
    return None if failed else pa.Table.from_arrays(columns, schema=schema)


def table_datasets(
    path: str | os.PathLike[str],
    header: Mapping[str, Any],
    tables: Iterable[str] | None,
    problems: list[Problem],
) -> dict[str, Any]:
    """The pyarrow dataset of each table (all the header lists, or those named), its files checked.

    ``header``: the dataset's, as `read_header` gave it. Adds to
    ``problems`` each file that is not readable Parquet, each table the
    header lists that has no directory, each table whose files hold other
    than the rows the header says (none is checked for a table with an
    unreadable file: that file is the problem), and each file whose columns
    set it apart from its table's other files (`_column_problems`). A table
    the header lists with no rows and no directory is an empty one.
    """
    path = Path(path)
    listed: Mapping[str, Any] = header["tables"]
    wanted = list(listed) if tables is None else list(tables)
    written = _written_schemas(links=any(name in _LINK_TABLES for name in wanted))
    out: dict[str, Any] = {}
    for name in wanted:
        if name not in listed:
            msg = f"{path} has no table {name!r}; it has {', '.join(listed)}"
            raise KeyError(msg)
        data = _table(path / name, name, listed[name], written[name], problems)
        if data is not None:
            out[name] = data
    return out


_LINK_TABLES: Final = frozenset(link.table for link in LINKS)


def _written_schemas(*, links: bool) -> dict[str, pa.Schema]:
    """Each record table's schema as eventkit writes it for the types registered now.

    ``links``: each link table's too. ``year``, a partition, is in none.
    """
    records = schemas()
    if not links:
        return records
    made = link_tables({name: schema.empty_table() for name, schema in records.items()})
    return {**records, **{name: table.schema for name, table in made.items()}}


def _table(
    directory: Path,
    name: str,
    entry: Mapping[str, Any],
    written: pa.Schema,
    problems: list[Problem],
) -> Any:
    """The pyarrow dataset of one table's directory (``written``: its schema as eventkit writes it).

    None if the table has rows and no directory. Its columns are those of
    every file of it: pyarrow's own would be the first file's, and another
    file's column would be left out unseen.
    """
    dataset = need("pyarrow.dataset", "parquet")
    parquet = need("pyarrow.parquet", "parquet")
    pa = arrow()
    rows = entry["rows"]
    if not directory.is_dir():
        if rows != 0:
            message = "the header lists this table, but it has no directory"
            problems.append(_at_file(name, "missing", message, directory))
            return None
        return dataset.dataset([], format="parquet", schema=written)
    key = entry.get("partition_by")
    partition = _partition_schema(key, written)
    hive = None if partition is None else dataset.partitioning(partition, flavor="hive")
    readable: list[str] = []
    physical: list[Any] = []
    unreadable: list[Problem] = []
    differing: list[Problem] = []
    for file in _files(directory):
        misplaced = _misplaced(name, directory, file, None if partition is None else key)
        if misplaced is not None:
            unreadable.append(misplaced)
            continue
        given = {} if hive is None else _partition_keys(hive, name, directory, file, unreadable)
        if given is None:
            continue
        try:
            schema = parquet.read_schema(file)
        except (OSError, ValueError, pa.ArrowException) as error:
            message = f"not a readable Parquet file: {error}"
            unreadable.append(_at_file(name, "invalid_parquet", message, file))
            continue
        twice = _repeated_columns(name, schema.names, file)
        if twice:  # no row of it can be read whole: none is read
            unreadable.extend(twice)
            continue
        readable.append(os.fsdecode(file))
        physical.append(schema)
        differing.extend(_keys_differing(name, file, schema, given))
    problems.extend(unreadable)
    problems.extend(differing)
    problems.extend(_column_problems(name, readable, physical, written.names, key))
    data = dataset.dataset(
        readable,
        schema=_columns(physical, partition, written),
        format="parquet",
        partitioning=hive,
        partition_base_dir=os.fsdecode(directory),
    )
    held = data.count_rows()
    if not unreadable and held != rows:
        message = (
            f"the header says the table has {rows} rows, its files hold {held}: "
            "a file was removed, added or changed since the dataset was written"
        )
        problems.append(_at_file(name, "row_count", message, directory))
    return data


def _misplaced(name: str, directory: Path, file: Path, key: str | None) -> Problem | None:
    """The problem of a file of table ``name`` not where `ParquetWriter` puts one, if it is not.

    The writer puts each file, named ``*.parquet``, in the table's
    directory, or, partitioned by ``key``, in one of its ``{key}=VALUE``
    directories; engines read the files there (DuckDB
    ``events/*/*.parquet``). A file elsewhere they miss, or read without
    its partition's value, where pyarrow would read it.
    """
    if _in_place(directory, file, key) and file.name.endswith(".parquet"):
        return None
    where = (
        "in the table's directory, as the header's partition_by (null) says"
        if key is None
        else f"in a directory {key}=VALUE, as the header's partition_by says"
    )
    message = (
        "not where the dataset's partitioning puts it: eventkit writes each file of the "
        f"table {where}, named *.parquet, and engines read only those; it is not read"
    )
    return _at_file(name, "misplaced", message, file)


def table_files(directory: Path, key: str | None) -> list[Path]:
    """The files of a table's directory that engines read: where the writer puts them, sorted.

    ``key``: the table's partition key (its header's ``partition_by``), or None.
    """
    return [
        file
        for file in _files(directory)
        if _in_place(directory, file, key) and file.name.endswith(".parquet")
    ]


def _in_place(directory: Path, file: Path, key: str | None) -> bool:
    """Whether ``file`` is in the directory a table partitioned by ``key`` (or not) puts it in."""
    parts = file.relative_to(directory).parts
    if key is None:
        return len(parts) == 1
    return len(parts) == 2 and parts[0].startswith(f"{key}=")


def _partition_keys(
    hive: Any, name: str, directory: Path, file: Path, problems: list[Problem]
) -> dict[str, Any] | None:
    """The partition's key and value ``file``'s directories give, by name.

    None if they give no value of the key's type (``year=abc``): a problem
    is added, and the file's rows are not read, as no row of it can be
    given its partition.
    """
    pa = arrow()
    try:
        found = hive.parse("/" + file.relative_to(directory).as_posix())
    except (ValueError, pa.ArrowException) as error:
        message = f"its directory names no value of the partition's key: {error}; it is not read"
        problems.append(_at_file(name, "invalid_value", message, file))
        return None
    keys: dict[str, Any] = need("pyarrow.dataset", "parquet").get_partition_keys(found)
    return keys


def _keys_differing(
    name: str, file: Path, own: pa.Schema, given: Mapping[str, Any]
) -> list[Problem]:
    """A problem for each partition key ``file`` holds as a column too, with other values.

    ``given``: the keys' values its directories give. Engines, and pyarrow's
    dataset, read a key from the directory (``type=phone_call``), and the
    file's own column is not seen.
    """
    held = [key for key in given if key in own.names]
    if not held:
        return []
    pa = arrow()
    pc = need("pyarrow.compute", "parquet")
    table = need("pyarrow.parquet", "parquet").read_table(file, columns=held, partitioning=None)
    problems = []
    for key in held:
        column, value = table.column(key), given[key]
        try:
            same = pc.equal(column, pa.scalar(value).cast(column.type))
            differs = bool(same.null_count or not pc.all(same).as_py())
        except (ValueError, pa.ArrowException):  # not even of the key's type
            differs = True
        if differs:
            message = (
                f"the file holds the column {key!r}, and not {value!r} in every row, as its "
                f"directory ({key}={value}) says: the directory's value is read, as engines "
                "read it, and the file's is not"
            )
            problem = Problem(loc=(name, key), code="derived_differs", message=message)
            problems.append(attrs.evolve(problem, file=os.fsdecode(file)))
    return problems


def _columns(
    physical: list[pa.Schema], partition: pa.Schema | None, written: pa.Schema
) -> pa.Schema:
    """A table's columns: the first file's, then each other file's not among them.

    Then the partition's key, as pyarrow adds it. A column eventkit writes
    has the type it writes, with the struct children a file adds
    (`wider_type`: a subclass not registered here); another, the first type a
    file gives it other than null. Files are read each with its own types (`_batches`); these
    are the types a table read whole is made of (`_read_whole`).
    """
    pa = arrow()
    fields: dict[str, Any] = {}
    for schema in [*physical, *([] if partition is None else [partition])]:
        for field in schema:
            if field.name in written.names:
                held = fields.setdefault(field.name, written.field(field.name))
                wider = wider_type(held.type, field.type)  # a struct with more children
                if wider is not None:
                    fields[field.name] = held.with_type(wider)
            elif field.name not in fields or pa.types.is_null(fields[field.name].type):
                fields[field.name] = field
    return pa.schema(fields.values(), metadata=physical[0].metadata if physical else None)


def _repeated_columns(table: str, names: list[str], file: Path) -> list[Problem]:
    """The problems of the column names a file gives more than once (a row keeps one value)."""
    return [
        Problem(
            loc=(table, column),
            code="duplicate_key",
            message=(
                f"the column {column!r} is given {n} times in this file; a row can keep only "
                "one value, so the file is not read"
            ),
            file=os.fsdecode(file),
        )
        for column, n in Counter(names).items()
        if n > 1
    ]


def _column_problems(
    table: str,
    files: list[str],
    physical: list[pa.Schema],
    written: Container[str],
    key: str | None,
) -> list[Problem]:
    """A problem for each file whose columns set it apart from the other files of its table.

    eventkit writes each column of a table to every file of it. Where the
    files disagree, the one that strays from what eventkit writes is named:
    one without a column eventkit writes (``missing``: its rows are read
    with it null), or with one it does not write (``unknown_field``). The
    partition's ``key`` is the directories', not the files'.
    """
    held = [frozenset(schema.names) for schema in physical]
    everywhere = frozenset.intersection(*held) if held else frozenset()
    uneven = [
        column
        for column in dict.fromkeys(name for schema in physical for name in schema.names)
        if column not in everywhere and column != key
    ]
    problems = []
    for file, names in zip(files, held, strict=True):
        for column in uneven:
            if column in written and column not in names:
                message = (
                    f"other files of the table have the column {column!r}, which eventkit "
                    "writes, and this one does not: its rows are read with it null"
                )
                code = "missing"
            elif column not in written and column in names:
                message = (
                    f"this file has the column {column!r}, which eventkit does not write (for "
                    "the types registered here) and other files of the table do not have"
                )
                code = "unknown_field"
            else:
                continue
            problems.append(Problem(loc=(table, column), code=code, message=message, file=file))
    return problems


def _files(directory: Path) -> list[Path]:
    """The files of a table's directory that pyarrow would read (not hidden, not ``_``).

    In the order written: a partition's ``part-2.parquet`` before its ``part-10.parquet``.
    """
    return sorted(
        (
            file
            for file in directory.rglob("*")
            if not any(part.startswith((".", "_")) for part in file.relative_to(directory).parts)
            and not file.is_dir()
        ),
        key=lambda file: (file.parent, len(file.name), file.name),
    )


def _at_file(table: str, code: str, message: str, file: Path | str) -> Problem:
    return Problem(loc=(table,), code=code, message=message, file=os.fsdecode(file))


def _batches(
    name: str,
    data: Any,
    problems: list[Problem],
    *,
    batch_size: int | None,
    columns: list[str] | None = None,
    fragments: Iterable[Any] | None = None,
) -> Iterator[pa.RecordBatch]:
    """The record batches of a table, file by file; a file that fails midway is a problem.

    Each file's batches have its own columns (of ``columns``, all by
    default), of the types it holds, and the partition's key: pyarrow's
    dataset would cast every file to one schema, and a value of another type
    would be made text, or a struct's child left out, unseen.

    ``fragments``: the files of the table's dataset ``data`` to read (all by
    default). Batches are read as they are taken, not ahead in other threads.
    """
    pa = arrow()
    options: dict[str, Any] = {"batch_readahead": 0, "fragment_readahead": 0, "use_threads": False}
    if batch_size is not None:
        options["batch_size"] = batch_size
    keys = [] if data.partitioning is None else list(data.partitioning.schema)
    named = {key.name for key in keys}
    for fragment in data.get_fragments() if fragments is None else fragments:
        try:
            own = fragment.physical_schema
            # a key the file holds as a column too is read from its directory, as engines do
            schema = pa.schema([*(f for f in own if f.name not in named), *keys])
            if columns is not None:
                options["columns"] = [column for column in columns if column in schema.names]
            for batch in fragment.to_batches(schema=schema, **options):
                batch.validate(full=True)  # a file's bytes are not trusted: text must be UTF-8
                yield batch
        except (OSError, ValueError, pa.ArrowException) as error:
            message = f"a Parquet file that cannot be read to its end: {error}"
            problems.append(_at_file(name, "invalid_parquet", message, fragment.path))


def scan_parquet(
    datasets: Mapping[str, Any], problems: list[Problem]
) -> dict[str, tuple[list[str], Iterator[dict[str, Any]]]]:
    """Each table's column names and its rows, read a batch at a time.

    ``datasets``: the tables, as `table_datasets` gave them with its
    ``problems``. Batches are read as the rows are taken, not ahead in
    other threads: rows are taken far slower than Parquet is decoded, so
    reading ahead would hold most of a table in memory, decoded. A file
    that fails midway is added to ``problems`` (``invalid_parquet``, with
    its file) when its rows are taken.
    """
    return {
        name: (data.schema.names, batch_rows(_batches(name, data, problems, batch_size=ROWS)))
        for name, data in datasets.items()
    }


def links_agree(
    path: str | os.PathLike[str], header: Mapping[str, Any], records: Mapping[str, Any]
) -> bool:
    """Whether the link tables of the dataset at ``path`` hold what its record tables make.

    True means `link_table_problems` would find nothing. The columns are
    read a partition (a year) at a time, so that checking a large dataset
    holds one partition's columns at once, and can be done before its
    records are made. False at any doubt: a partition that differs, a file
    that cannot be read, link rows in another partition than their record's;
    `link_table_problems` then says what is wrong. ``header`` and
    ``records`` as `link_table_problems` takes them.
    """
    parents, names = _link_columns(header)
    if not names:
        return True
    problems: list[Problem] = []
    given = table_datasets(path, header, names, problems)
    tables = {**{parent: records[parent] for parent in parents}, **given}
    parts = {name: _by_partition(data) for name, data in tables.items()}
    record_schemas = schemas()
    for key in {key for by_key in parts.values() for key in by_key}:
        read = {
            name: _read_whole(name, data, problems, parents.get(name), parts[name].get(key, []))
            for name, data in tables.items()
        }
        made = _made_links(read, parents, record_schemas)
        if problems or made is None or not tables_agree(read, made):
            return False
    return not problems


def _by_partition(data: Any) -> dict[str, list[Any]]:
    """The files of a table's dataset by their partition (its expression, as ``(year == 2024)``)."""
    out: dict[str, list[Any]] = {}
    for fragment in data.get_fragments():
        out.setdefault(str(fragment.partition_expression), []).append(fragment)
    return out


def link_table_problems(
    path: str | os.PathLike[str],
    header: Mapping[str, Any],
    records: Mapping[str, Any],
    known: Callable[[], Container[Any]],
    refused: Container[Any],
) -> list[Problem]:
    """Where the link tables of the dataset at ``path`` say other than its record tables.

    Engines join on the link tables; reading reads the record tables' list
    columns. Both are read column-wise (only the columns the link tables
    are made of) and compared as `eventkit.columnar._links.table_problems`
    compares them. Call it when the files of the record tables could all
    be read: ``header`` is the dataset's, ``records`` the record tables'
    datasets (`table_datasets`: their files are checked already),
    ``known`` gives the ids read, ``refused`` those of rows refused. A
    problem of the link tables' own files is returned instead.
    """
    parents, names = _link_columns(header)
    if not names:
        return []
    problems: list[Problem] = []
    read = _read_tables({parent: records[parent] for parent in parents}, problems, parents)
    given = _read_tables(table_datasets(path, header, names, problems), problems)
    if problems:
        return problems
    made = _made_links(read, parents, schemas())
    if made is None:  # a column of another type: its rows' problems are reported
        return []
    return table_problems(given, made, known, refused)


def _link_columns(header: Mapping[str, Any]) -> tuple[dict[str, list[str]], list[str]]:
    """The columns of each record table link tables are made of, and the link tables to compare.

    No link table is compared unless every record table they are made of is listed.
    """
    listed = header["tables"]
    parents: dict[str, list[str]] = {}
    for link in LINKS:
        parents.setdefault(link.parent, ["id", YEAR]).extend(link.keys)
    names = [name for name in dict.fromkeys(link.table for link in LINKS) if name in listed]
    if not all(parent in listed for parent in parents):
        return parents, []
    return parents, names


def _made_links(
    read: Mapping[str, pa.Table],
    parents: Mapping[str, list[str]],
    record_schemas: Mapping[str, Any],
) -> dict[str, pa.Table] | None:
    """The link tables made of the record tables' columns ``read``; None if a column cannot be."""
    made_of = {}
    for parent, columns in parents.items():
        table = _as_written(read[parent], columns, record_schemas[parent])
        if table is None:
            return None
        made_of[parent] = table
    return link_tables(made_of)


def _as_written(table: pa.Table, columns: list[str], schema: pa.Schema) -> pa.Table | None:
    """``columns`` of a record table as written (a column left out: null), None if one cannot be.

    A struct keeps the children it has more (`wider_type`), and gets those it lacks.

    ``year`` is kept only where the table has it: an empty table is not partitioned.
    """
    pa = arrow()
    made = {}
    for name in columns:
        if name == YEAR:
            if YEAR in table.column_names:
                made[YEAR] = table[YEAR]
            continue
        kind = schema.field(name).type
        if name not in table.column_names:
            made[name] = pa.nulls(table.num_rows, kind)
            continue
        kind = wider_type(kind, table[name].type) or kind  # children a subclass adds kept
        try:
            made[name] = widened(table[name], kind).cast(kind)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            return None
    return pa.table(made)


def table_paths(path: str | os.PathLike[str]) -> Iterator[tuple[str, Path]]:
    """Each table of the dataset at ``path`` with its directory."""
    path = Path(path)
    for name in read_header(path)["tables"]:
        yield name, path / name
