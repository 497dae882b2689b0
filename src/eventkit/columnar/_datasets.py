"""What `eventkit.Dataset`'s columnar methods do: tables and frames in, records out.

``Dataset`` keeps thin methods (``to_arrow``, ``from_arrow``, ``to_pandas``,
…) that call these, so the columnar form lives here in one place.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from eventkit._references import cascade as cascade_from
from eventkit._references import dangling
from eventkit._report import Report
from eventkit.columnar._arrow import UNKNOWN, Given, Read, arrow_table, read_rows, tables
from eventkit.columnar._engines import frame_rows, pandas_frames, polars_frames
from eventkit.columnar._parquet import (
    link_table_problems,
    links_agree,
    read_header,
    scan_parquet,
    table_datasets,
    unlisted_tables,
    write_parquet,
)
from eventkit.columnar._schema import KINDS
from eventkit.exceptions import Problem, ValidationError

RECORD_TABLES = frozenset([*KINDS, UNKNOWN])

__all__ = [
    "finished",
    "from_frames",
    "from_tables",
    "load_parquet",
    "placed",
    "save_parquet",
    "to_frames",
    "to_tables",
]


def to_tables(records: Iterable[Any]) -> dict[str, Any]:
    """Every table of ``records``: record tables, then link tables."""
    return tables(records)


def from_tables(tables: Mapping[str, Any], *, keep_unknown: bool) -> Read:
    """The records of Arrow tables or record batches (by table name), with the report."""
    expected = "an Arrow table (pyarrow.Table or pyarrow.RecordBatch)"
    return _read(tables, arrow_table, expected, keep_unknown=keep_unknown)


def to_frames(records: Iterable[Any], library: str) -> dict[str, Any]:
    """Every table of ``records`` as a pandas or Polars frame."""
    made = tables(records)
    return pandas_frames(made) if library == "pandas" else polars_frames(made)


def from_frames(frames: Mapping[str, Any], *, keep_unknown: bool) -> Read:
    """The records of pandas or Polars frames (by table name), with the report."""
    expected = "a pandas or Polars DataFrame (or an Arrow table)"
    return _read(frames, frame_rows, expected, keep_unknown=keep_unknown)


def _read(
    given: Any,
    rows_of: Callable[[Any], Given | None],
    expected: str,
    *,
    keep_unknown: bool,
) -> Read:
    """The records of each table given, by name; a value that is no table is a problem."""
    rows: dict[str, Given] = {}
    problems = []
    for name, value in _mapping(given).items():
        found = rows_of(value)
        if found is None:
            message = f"expected {expected}"
            kind = type(value).__name__
            problems.append(Problem(loc=(name,), code="invalid_type", message=message, input=kind))
        else:
            rows[name] = found
    return _with_problems(read_rows(rows, keep_unknown=keep_unknown), problems)


def _with_problems(read: Read, problems: list[Problem], after: Iterable[Problem] = ()) -> Read:
    """``read`` with ``problems`` (of tables or files) before its rows' own, ``after`` after."""
    later = list(after)
    if not (problems or later):
        return read
    report = attrs.evolve(read.report, problems=[*problems, *read.report.problems, *later])
    return attrs.evolve(read, report=report)


def _mapping(tables: Any) -> Mapping[str, Any]:
    if not isinstance(tables, Mapping):
        problem = Problem(
            code="invalid_type",
            message="expected a mapping of table names (events, actors, …) to tables",
            input=type(tables).__name__,
        )
        raise ValidationError([problem], title="tables")
    return tables


def finished(read: Read, references: Report, *, lenient: bool, title: str) -> Report:
    """The report of a reading: each row's problems, then the references' (``Dataset.check``).

    Raises:
        ValidationError: (strict) any problem.
    """
    report = Report(
        problems=[*read.report.problems, *references.problems],
        records=read.report.records,
        warnings=[*read.report.warnings, *references.warnings],
        source=title,
    )
    if not lenient and not report.valid:
        raise ValidationError(list(report.problems), title=title)
    return report


def placed(read: Read, records: dict[str, Any], references: Report, *, cascade: bool) -> Report:
    """``references`` (``Dataset.check`` of the records read) placed at each record's row.

    A record's problems and warnings move under its table and row
    (``$.events[3].participants[0].actor``), as the rows' own problems are.
    With ``cascade``, the records referring (directly or not) to one left
    out are left out too: first the rows refused and the records whose own
    references fail; each record left out for referring to one of those gets
    a ``dangling_reference`` problem naming the row left out, and
    ``records`` (the records read, by id) loses them in place.
    """
    left_out = []
    if cascade:
        failing = {p.record for p in references.problems if p.record is not None}
        left_out = cascade_from(records, failing=failing, refused=read.refused)
    shown = [*references.problems, *references.warnings]
    if not (shown or left_out):
        return references
    places = read.places(
        {p.record for p in shown if p.record is not None}
        | {record_id for record_id, _, _ in left_out}
        | {target for _, _, target in left_out}
    )

    def place(problem: Problem) -> Problem:
        where = places.get(problem.record) if problem.record is not None else None
        return problem if where is None else problem.at(*where)

    def named(problem: Problem) -> Problem:  # an id of a row refused: say which row it is
        refused = read.refused.get(problem.input) if problem.code == "dangling_reference" else None
        if refused is None or problem.record is None:
            return problem
        note = f"the record at $.{refused[0]}[{refused[1]}] is invalid"
        return dangling(problem.loc, problem.record, problem.input, note=note)

    notes = []
    for record_id, loc, target in left_out:
        table, row = places[target]
        note = f"the record at $.{table}[{row}] was left out"
        notes.append(place(dangling(loc, record_id, target, note=note)))
    return attrs.evolve(
        references,
        problems=[*(place(named(p)) for p in references.problems), *notes],
        warnings=list(map(place, references.warnings)),
    )


def save_parquet(
    path: str | os.PathLike[str],
    records: Iterable[Any],
    *,
    name: str | None,
    partition_by: str | None,
) -> None:
    """Write a Parquet dataset directory."""
    write_parquet(path, records, name=name, partition_by=partition_by)


def load_parquet(path: str | os.PathLike[str], *, keep_unknown: bool) -> tuple[Read, str | None]:
    """Read a Parquet dataset directory: the records, the report, the name.

    The header is read once, and each file checked once (a link table's
    twice when the link tables differ). The link tables are compared with
    the record tables a partition at a time before any record is made
    (`links_agree`); only if they differ are they compared whole, after,
    to say where.
    """
    header = read_header(path)
    listed = header["tables"]
    problems: list[Problem] = []
    records = table_datasets(path, header, [n for n in listed if n in RECORD_TABLES], problems)
    # Before the records are made, so that the columns it reads are not held beside them
    agree = not problems and links_agree(path, header, records)
    metadata = {name: data.schema.metadata for name, data in records.items()}
    read = read_rows(scan_parquet(records, problems), keep_unknown=keep_unknown, metadata=metadata)
    unlisted = unlisted_tables(path, listed, sorted(RECORD_TABLES))
    linked: list[Problem] = []
    # With a file unread, the link tables would differ from what was read
    if not (problems or agree):
        ids = functools.cache(lambda: {record.id for record in read.records})
        linked = link_table_problems(path, header, records, ids, read.refused)
    return _with_problems(read, [*unlisted, *problems], linked), header.get("name")
