"""JSON Lines to a Parquet dataset, its batches made into tables on several processes.

Making records of JSON and tables of records is Python work, one record at a
time, so one process keeps one core busy. `jsonl_to_parquet` reads the file
in this process, line by line, and hands each batch of lines (``batch_size``
records: the writer's batches) to a worker process (where the lines are in
the file, or a gzip file's lines themselves), which makes the records
and their tables as `ParquetWriter` does (`batch_tables`); this process
writes the tables in file order. The dataset written is the one
`ParquetWriter` writes from the file's records (`distinct_records`), byte for byte: the same
batches, the same tables, in the same order.

Each record is written once (`distinct_records`): a record written again is
skipped, as loading keeps it once, and another record with an id taken is
refused, as `eventkit.validate_file` reports it.

Anything a worker could judge differently from one reader of the whole file
sends the whole file to that one-process path, read again from its start: a
line a worker makes no record of (an invalid record: so the error is exactly
the one-process reader's), an id met before (a worker sees its batch
alone), a line longer than the limit, a gzip stream that
breaks, a byte order mark at the start of a batch, a type a worker does not
know, tables whose columns are not this process's (a type registered here
alone). Nothing is written until the conversion is whole (`ParquetWriter`).
"""

from __future__ import annotations

import collections
import ctypes
import functools
import io
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from eventkit._extras import need
from eventkit._limits import Limits, current, limits
from eventkit._records import Record
from eventkit._serialize import gc_paused
from eventkit._unknown import UnknownRecord
from eventkit.columnar._links import YEAR
from eventkit.columnar._parquet import BATCH, ParquetWriter, batch_tables, in_batches
from eventkit.columnar._schema import arrow
from eventkit.io._files import GZIP_ERRORS, FileFormat, Reader, file_format, open_binary
from eventkit.io._jsonl import scan_jsonl
from eventkit.io._validate import distinct_records

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["MOST_JOBS", "jsonl_to_parquet", "on_glibc", "tune_owned_process"]

_MARKS: Final = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8 and UTF-16 byte order marks

_M_MMAP_THRESHOLD: Final = -3
"""glibc's ``mallopt`` parameter: the size from which a buffer the heap cannot hold is mapped."""

MOST_JOBS: Final = 4
"""Workers used at most by default. This process reads the lines and writes
the tables: on 1,000,000 events it spent 9 s of CPU where two workers spent
36 s, so beyond about four workers it is the one that sets the pace."""

Packed = tuple[dict[str, tuple[bytes, bytes]], list[str]] | None
"""What a worker sends back: each table packed (`_packed`) and the batch's
records' ids; None for a batch it made no tables of."""


class _OneProcess(Exception):
    """The file is for the one-process path: too small for workers, or a line they may misjudge."""


def jsonl_to_parquet(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    name: str | None = None,
    keep_unknown: bool = False,
    partition_by: str | None = "year",
    batch_size: int = BATCH,
    jobs: int | None = 1,
    setup: Callable[[], object] | None = None,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Convert a JSON Lines file into a Parquet dataset directory; the number of records.

    Each record is written once, as loading the file keeps it: a record
    written again (an equal record) is skipped, and another record with an id
    taken is an error (``duplicate_id``, as `eventkit.validate_file`
    reports it; a strict load of the dataset would refuse it). The result
    is what ``write_parquet`` writes of those records, and so is an error:
    the first invalid line stops the conversion and ``target`` is left as
    it was. Only a digest of each id, its line and a digest of its record
    are kept: 50–100 bytes a record.

    With ``jobs`` above 1, more than one batch in the file and a file (not a
    named pipe, which can be read only once), the batches'
    records and tables are made on that many worker processes, started
    with ``spawn``: as with any `multiprocessing` code, a script calling
    this needs the ``if __name__ == "__main__":`` guard, and its top-level
    code (where it registers its event types) runs in each worker. A file
    with a type the workers do not know (one defined in a notebook, say),
    or with an id given twice, is converted in this process, on one core.
    A worker takes memory as `tune_owned_process` has it (Arrow's from
    ``malloc``, about 90 MB less at its peak than Arrow's default), each
    choice the user made left as it is; this process is left as it is.

    Args:
        source: a ``.jsonl`` or ``.jsonl.gz`` file.
        target: the directory to write (`ParquetWriter`).
        name: the dataset's name (`ParquetWriter`).
        partition_by: how tables are partitioned (`ParquetWriter`).
        batch_size: records per batch (`ParquetWriter`), each made by one worker.
        keep_unknown: as `eventkit.iter_records` takes it.
        jobs: worker processes; 1 (the default): this process only; None:
            one per core available, at most `MOST_JOBS` (``eventkit convert``
            uses that).
        setup: what each worker runs first (something ``pickle`` can send,
            such as a module-level function): imports registering event types.
        progress: called with the number of records written after each batch.

    Raises:
        ValidationError: the first invalid line, as `eventkit.iter_records` raises
            it, or the first record with an id another record has (``duplicate_id``).
        ValueError: ``source`` is not JSON Lines, or ``jobs`` is below 1.
        TypeError: ``jobs`` is not an integer.

    Examples:
        >>> import eventkit as ek, eventkit.examples, pathlib, tempfile
        >>> from eventkit.columnar import jsonl_to_parquet
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> seed = ek.examples.scholz_putin()
        >>> seed.save(folder / "seed.jsonl")
        >>> jsonl_to_parquet(folder / "seed.jsonl", folder / "seed.parquet", batch_size=10, jobs=2)
        96
        >>> ek.Dataset.load(folder / "seed.parquet") == seed
        True
    """
    fmt = file_format(source)
    if fmt.kind != "jsonl":
        msg = f"jsonl_to_parquet reads JSON Lines (.jsonl, .jsonl.gz), not {os.fsdecode(source)}"
        raise ValueError(msg)
    workers = _cores() if jobs is None else _checked_jobs(jobs)
    if not Path(source).is_file():  # a pipe: the workers' fallback would read it again
        workers = 1
    open_writer = functools.partial(
        ParquetWriter, target, name=name, partition_by=partition_by, batch_size=batch_size
    )
    if workers > 1:
        try:
            with open_writer() as writer:
                _write_on_workers(
                    (Path(source), fmt),
                    writer,
                    workers=workers,
                    keep_unknown=keep_unknown,
                    setup=setup,
                    progress=progress,
                )
        except _OneProcess:  # the writer has removed what it wrote
            pass
        else:
            return writer.count
    with open_writer() as writer:
        records = distinct_records(source, keep_unknown=keep_unknown)
        for batch in in_batches(records, batch_size):
            writer.write(batch)
            if progress is not None:
                progress(writer.count)
    return writer.count


def _checked_jobs(jobs: int) -> int:
    if type(jobs) is not int:
        msg = f"jobs must be an integer or None, not {jobs!r}"
        raise TypeError(msg)
    if jobs < 1:
        msg = f"jobs must be 1 or more, not {jobs}"
        raise ValueError(msg)
    return jobs


def _cores() -> int:
    """The cores this process may run on, at most `MOST_JOBS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MOST_JOBS)


def _write_on_workers(
    source: tuple[Path, FileFormat],
    writer: ParquetWriter,
    *,
    workers: int,
    keep_unknown: bool,
    setup: Callable[[], object] | None,
    progress: Callable[[int], object] | None,
) -> None:
    """Write the file's batches as workers make their tables, in order.

    Raises:
        _OneProcess: the file has one batch; a line `_batches` refuses; a
            batch a worker made no tables of, or tables of other columns; an
            id met before.
    """
    bounds = current()
    path, fmt = source
    with open_binary(path, fmt) as stream:
        # A worker reads a plain file's batch itself; a gzip stream's is sent.
        batches = _batches(
            stream,
            writer.batch_size,
            bounds.max_line_bytes,
            None if fmt.compressed else path.absolute(),  # a worker's setup may change directory
        )
        ahead = collections.deque(itertools.islice(batches, 2))
        if len(ahead) < 2:
            raise _OneProcess
        # A worker's tables must have this process's columns: a type registered
        # here alone (in a notebook, say) has columns the workers cannot make.
        expected = {
            name: _columns(table.schema)
            for name, table in batch_tables([], partition_by=writer.partition_by).items()
        }
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(setup,),
        )
        pending: collections.deque[Future[Packed]] = collections.deque()
        seen = _Seen()
        try:
            for lines in _each_let_go(ahead, batches):
                made = pool.submit(_tables, lines, keep_unknown, writer.partition_by, bounds)
                pending.append(made)
                if len(pending) > workers:  # one batch read ahead, the rest being made
                    _write_next(pending.popleft(), writer, expected, seen, progress)
            while pending:
                _write_next(pending.popleft(), writer, expected, seen, progress)
        finally:
            # Waits for the batches being made (a few seconds each), then ends the
            # workers. Ending them at once instead can hang: a worker killed while
            # writing its result leaves the pool's result thread reading half a message.
            pool.shutdown(cancel_futures=True)


def _each_let_go(ahead: collections.deque[Lines], rest: Iterator[Lines]) -> Iterator[Lines]:
    """``ahead``'s batches then ``rest``'s, none held here once taken (a batch is megabytes)."""
    while ahead:
        yield ahead.popleft()
    yield from rest


def _start_worker(setup: Callable[[], object] | None) -> None:
    """A worker's start: its memory set as the owner's (`tune_owned_process`), then ``setup``."""
    tune_owned_process()
    if setup is not None:
        setup()


def tune_owned_process() -> None:
    """Settle how a process eventkit owns takes memory: a worker, ``eventkit convert``'s own.

    Each choice the user made stays: Arrow takes its memory from ``malloc``,
    as Python's objects do, unless ``ARROW_DEFAULT_MEMORY_POOL`` is set or
    pyarrow is imported already (Arrow reads its choice when imported: a
    script that imports it at the top keeps Arrow's default, mimalloc); big
    buffers get mappings of their own (`_return_big_buffers`); pyarrow does
    not import pandas (`_arrow_without_pandas`). With mimalloc beside
    ``malloc``, a worker of a 1,000,000-event conversion peaked at 514–516
    MB, with ``malloc`` for both at 420–426 MB, in the same CPU time: memory
    a batch's tables freed is there for the next batch's records; the
    command's own process peaked at 400–403 MB, then at 305–308 MB.
    """
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    _return_big_buffers()
    _arrow_without_pandas()


def _arrow_without_pandas() -> None:
    """Have pyarrow take pandas for absent in this process, which makes tables only.

    pyarrow looks for pandas once, as it makes its first array of Python
    values, and imports it if installed: 0.27 s and 47 MB in each worker,
    for nothing a worker (or the ``eventkit convert`` command) does. Shown
    no pandas then, it does not look again as it makes arrays; pandas stays
    importable (a ``setup`` may import it), and pyarrow still converts from
    and to pandas when asked.
    """
    if "pandas" in sys.modules:  # imported already (by the script, run again here)
        return
    hidden = _Hidden("pandas")
    sys.meta_path.insert(0, hidden)
    try:
        arrow().array([])
    finally:
        sys.meta_path.remove(hidden)


@attrs.frozen
class _Hidden:
    """An import finder for which a module (not its submodules) cannot be found."""

    name: str

    def find_spec(self, name: str, *_: object) -> None:
        """Refuse ``name``; leave any other module to the next finders."""
        if name == self.name:
            msg = f"No module named {name!r} (hidden from pyarrow)"
            raise ModuleNotFoundError(msg, name=name)


def _return_big_buffers() -> None:
    """Have ``malloc`` map a buffer of 1 MB or more on its own, not grow the heap (glibc only).

    A conversion allocates and frees buffers of a batch's size (its lines,
    its tables) again and again. When the heap has no room for such a
    buffer, glibc maps it on its own, given back whole when freed, only
    above a threshold that rises with the largest buffer freed, up to
    32 MB (and keeps up to twice that free at the heap's top); below it,
    the heap grows, and the buffers leave it in pieces the process keeps.
    Held at 1 MB, the threshold no longer rises. Converting 1,000,000
    events, the first process peaked at 612–622 MB and each worker at
    451–468 MB; with the threshold held at 1 MB, 554–562 MB and 412–419 MB,
    in the same CPU time. Nothing is changed where the user set
    ``MALLOC_MMAP_THRESHOLD_`` (glibc's own setting), nor under another C
    library.
    """
    if on_glibc() and "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, 1 << 20)


def on_glibc() -> bool:
    """Whether this process runs on glibc, whose ``mallopt`` parameters eventkit sets."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (ValueError, OSError, AttributeError):  # another C library: -3 would mean another thing
        return False


def _write_next(
    made: Future[Packed],
    writer: ParquetWriter,
    expected: dict[str, pa.Schema],
    seen: _Seen,
    progress: Callable[[int], object] | None,
) -> None:
    """Write a worker's tables; ``seen``: the ids written so far, to which the batch's are added.

    Raises:
        _OneProcess: a line of the batch was bad, its tables' columns
            differ, or an id of it was met before (written again, or taken).
    """
    result = made.result()
    if result is None:
        raise _OneProcess
    ids = result[1]
    if not seen.add_new(ids):  # rare: `distinct_records` tells repeats from conflicts
        raise _OneProcess
    tables = {name: _unpacked(packed) for name, packed in result[0].items()}
    if any(
        not _columns(t.schema).equals(expected[n], check_metadata=True) for n, t in tables.items()
    ):
        raise _OneProcess
    writer.write_tables(tables, len(ids))
    if progress is not None:
        progress(writer.count)


class _Seen:
    """The ids written so far, as their hashes: 8 bytes an id, sorted in `BUCKETS` arrays.

    A set of the ids took about 90 bytes an id, 450 MB for 5,000,000. Two
    ids with one hash (a chance of about ``n**2 / 2**65`` in a file of n)
    pass for an id met again, which sends the file to the one-process path:
    slower, never wrong. The hashes are split by their top bits, so adding
    a batch copies a bucket, not all of them (40 MB, and 40 MB more while
    copied, at 5,000,000 ids).
    """

    BUCKETS: Final = 64  # a power of two
    # a hash's top bits, as a signed number, are its bucket less half of them
    _SHIFT: Final = 64 - (BUCKETS.bit_length() - 1)

    def __init__(self) -> None:
        np = need("numpy", "parquet")
        self._buckets = [np.empty(0, dtype="int64") for _ in range(self.BUCKETS)]

    def add_new(self, ids: list[str]) -> bool:
        """Add a batch's ids; False (and nothing added) if one may have been met before."""
        np = need("numpy", "parquet")
        batch = np.sort(np.fromiter(map(hash, ids), dtype="int64", count=len(ids)))
        if (batch[1:] == batch[:-1]).any():
            return False
        # signed hashes sorted, their buckets follow in order: each one's part of the batch
        half = self.BUCKETS // 2
        bounds = np.searchsorted(batch >> self._SHIFT, np.arange(self.BUCKETS + 1) - half)
        parts = [batch[start:end] for start, end in itertools.pairwise(bounds)]
        places = []
        for bucket, part in zip(self._buckets, parts, strict=True):
            where = np.searchsorted(bucket, part)
            inside = where < bucket.size
            if (bucket[where[inside]] == part[inside]).any():
                return False
            places.append(where)
        for i, (part, where) in enumerate(zip(parts, places, strict=True)):
            if part.size:
                self._buckets[i] = np.insert(self._buckets[i], where, part)  # ``where`` sorted
        return True


def _columns(schema: pa.Schema) -> pa.Schema:
    """A table's columns but the partition's (a batch without dates has no year)."""
    return schema.remove(schema.get_field_index(YEAR)) if YEAR in schema.names else schema


@attrs.frozen
class _Span:
    """Where a batch's lines are in a file, for a worker to read them there."""

    path: Path
    start: int
    end: int

    def read(self) -> bytes | None:
        """The lines; None if the file cannot be read or no longer holds as many bytes there."""
        try:
            with self.path.open("rb") as stream:
                stream.seek(self.start)
                lines = stream.read(self.end - self.start)
        except OSError:  # gone, or no longer readable: the one-process path says so
            return None
        return lines if len(lines) == self.end - self.start else None


Lines = bytes | _Span
"""A batch of lines for a worker: the lines themselves, or where they are."""


def _batches(stream: Reader, size: int, longest: int, path: Path | None) -> Iterator[Lines]:
    """The file's lines in batches of ``size`` non-blank lines: each joined, or its `_Span`.

    ``path``: the file ``stream`` reads, not decompressed, whose batches a
    worker can read itself; None for the batches' lines themselves. Sent,
    each batch is held here until its tables come back, and copied once
    more on its way: converting 1,000,000 events on two workers, this
    process peaked at 576–602 MB with the lines sent, 451–483 MB without.

    Raises:
        _OneProcess: a line longer than ``longest`` bytes (the one-process
            reader skips it unread), a gzip stream that breaks, a byte order
            mark at the start of a batch after the first (a worker would read
            it as a file's).
    """
    lines: list[bytes] = []
    start = end = count = 0
    read = stream.readline

    def batch() -> Lines:
        return b"".join(lines) if path is None else _Span(path, start, end)

    while True:
        try:
            raw = read(longest + 1)
        except GZIP_ERRORS as error:
            raise _OneProcess from error
        if not raw:
            break
        if len(raw) > longest and not raw.endswith(b"\n"):
            raise _OneProcess
        if end == start and start and raw.startswith(_MARKS):
            raise _OneProcess
        end += len(raw)
        if path is None:
            lines.append(raw)
        if not raw.isspace():
            count += 1
            if count == size:
                yield batch()
                lines, count, start = [], 0, end
    if end > start:
        yield batch()


def _tables(lines: Lines, keep_unknown: bool, partition_by: str | None, bounds: Limits) -> Packed:
    """A worker's part: a batch of lines' tables and records' ids; None if a line is bad."""
    if isinstance(lines, _Span):
        read = lines.read()
        if read is None:  # the file was cut short or removed since: the one-process path says so
            return None
        lines = read
    with limits(**attrs.asdict(bounds)), gc_paused():
        records = _records(lines, keep_unknown)
        del lines  # read here, or held by the pool too: either way not needed beside the tables
        if records is None:
            return None
        ids = [record.id for record in records]
        tables = batch_tables(records, partition_by=partition_by)
        del records  # not needed beside the packed tables
    return {name: _packed(table) for name, table in tables.items()}, ids


def _records(lines: bytes, keep_unknown: bool) -> list[Record | UnknownRecord] | None:
    """A batch's records; None if a line has a problem (the one-process path reports it).

    So too for an exception that is no problem (a bug, in a user's validator
    say): raised here, its note would give the line in the batch, not in the
    file; the one-process path meets it again and notes where.
    """
    records: list[Record | UnknownRecord] = []
    try:
        for entry in scan_jsonl(
            io.BytesIO(lines), file=None, compressed=False, keep_unknown=keep_unknown
        ):
            if entry.problems:
                return None
            if entry.record is not None:
                records.append(entry.record)
    except Exception:  # raised again by the one-process path, located
        return None
    return records


def _packed(table: pa.Table) -> tuple[bytes, bytes]:
    """A table as its schema and its columns with a value, a compressed Arrow stream.

    The columns of other types, null in every row, are left out: unpacked,
    each would take its buffers (25 MB of a 50,000-event batch's 69 MB),
    where `_unpacked` makes them of one buffer of zeros, as `batch_tables` does.
    """
    pa = arrow()
    valued = table.select(
        [i for i, column in enumerate(table.columns) if column.null_count < table.num_rows]
    )
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with pa.ipc.new_stream(sink, valued.schema, options=options) as stream:
        stream.write_table(valued)
    return table.schema.serialize().to_pybytes(), bytes(sink.getvalue())


def _unpacked(packed: tuple[bytes, bytes]) -> pa.Table:
    """A table `_packed` packed, with its null columns again."""
    pa = arrow()
    schema = pa.ipc.read_schema(pa.py_buffer(packed[0]))
    valued = pa.ipc.open_stream(packed[1]).read_all()
    rows, names = valued.num_rows, set(valued.column_names)
    columns = [
        valued[field.name] if field.name in names else pa.nulls(rows, field.type)
        for field in schema
    ]
    return pa.table(columns, schema=schema)
