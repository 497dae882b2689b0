"""Reading and validating files: records line by line, then references between them.

Validation keeps only what the reference check needs, never whole records:
for each id a packed integer (where it is, its kind, a hash of its content)
and the references that point forward to ids not yet seen. A million records
with short ids take about 100 MB; a file whose records mostly refer backwards
(actors and sources first) keeps few references waiting.

Loading (`read_dataset`) keeps the records anyway, so it first reads on the
assumption that the file is clean: each record goes into the dict of kept
records, and the ids it refers to into one list, checked at the end as a
set. The first line that is not plainly good (a problem, an id seen before)
or a failing reference at the end hands over to the path `validate_file`
takes, replayed over the records read so far, so the report is the same.
A repeated id is then judged by comparing the records, as `Dataset.add`
does, not their JSON.
"""

from __future__ import annotations

import gzip
import heapq
import itertools
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, Literal

import attrs

from eventkit._hints import IdHints
from eventkit._records import Record
from eventkit._references import (
    ANY,
    Loc,
    Targets,
    all_found,
    cascade,
    dangling,
    kind_of,
    references,
    targets_gatherer,
    wrong_kind,
)
from eventkit._report import Report
from eventkit._sanity import record_warnings
from eventkit._serialize import gc_paused
from eventkit._unknown import UnknownRecord
from eventkit.exceptions import Problem, ValidationError
from eventkit.io._atomic import atomic_write
from eventkit.io._files import Entry, FileFormat, Reader, Writer, file_format, open_binary
from eventkit.io._id_table import IdTable
from eventkit.io._json import document_entries, scan_document, write_document
from eventkit.io._jsonl import scan_jsonl, write_jsonl

__all__ = [
    "Loaded",
    "distinct_records",
    "iter_records",
    "read_dataset",
    "record_digest",
    "validate_document",
    "validate_file",
    "write_records",
]

AnyRecord = Record | UnknownRecord
Status = Literal["new", "repeat", "duplicate", "invalid"]

_INVALID: Final = 0  # the kind of an id whose record is itself invalid (no kind is 0)
_KIND_MASK: Final = 63
_DIGEST_SHIFT: Final = 6
_DIGEST_MASK: Final = (1 << 64) - 1
_POS_SHIFT: Final = 70


def record_digest(record: AnyRecord) -> int:
    """A record's digest: equal for equal records, as a dataset compares them.

    Not of its JSON: a default written out, keys in another order or ``52``
    for ``52.0`` make the same record, a repeat, as loading keeps it. A
    hash, so it belongs to this process: 64 bits, so two different records
    under one id pass for one only by a 1-in-2**64 chance.
    """
    return hash(record) & _DIGEST_MASK


class _Tracker:
    """Referential integrity over a stream, in memory proportional to the number of ids."""

    def __init__(self, describe: Callable[[int], str], *, compact: bool = False) -> None:
        # compact: the ids as digests (`IdTable`), in a fifth of a dict's memory,
        # for a stream of any size; a dangling reference then gets no hint.
        self._ids: dict[str, int] | IdTable = IdTable() if compact else {}
        self._pending: list[tuple[int, str, Loc, str, int]] = []
        self._describe = describe

    def add(self, pos: int, record_id: str, kind: int, digest: int) -> Problem | bool:
        """Note a record; True if new, False if a repeat of an equal one, else the problem."""
        value = pos << _POS_SHIFT | digest << _DIGEST_SHIFT | kind
        packed = self._ids.setdefault(record_id, value)
        if packed == value:  # new: no other record is at ``pos``
            return True
        if packed & _KIND_MASK == _INVALID and kind != _INVALID:
            # An invalid line is reported already: a later valid record takes over its id.
            self._ids[record_id] = value
            return True
        if kind == _INVALID or packed >> _DIGEST_SHIFT & _DIGEST_MASK == digest:
            return False
        return self.duplicate(record_id, packed >> _POS_SHIFT)

    def duplicate(self, record_id: str, first: int) -> Problem:
        """The problem for a second, different record with ``record_id``."""
        message = f"another, different record with this id is at {self._describe(first)}"
        return Problem(
            loc=("id",), code="duplicate_id", message=message, input=record_id, record=record_id
        )

    def refer(
        self, pos: int, record_id: str, loc: Loc, target: str, expected: int
    ) -> Problem | None:
        """Check one reference now, or keep it for `finish` if its target is unseen."""
        packed = self._ids.get(target)
        if packed is None:
            self._pending.append((pos, record_id, loc, target, expected))
            return None
        return self._judge(record_id, loc, target, expected, packed)

    def _judge(
        self, record_id: str, loc: Loc, target: str, expected: int, packed: int
    ) -> Problem | None:
        kind = packed & _KIND_MASK
        if kind == _INVALID:
            note = f"the record at {self._describe(packed >> _POS_SHIFT)} is invalid"
            return dangling(loc, record_id, target, note=note)
        if kind & (expected | ANY):
            return None
        return wrong_kind(loc, record_id, target, expected=expected, found=kind)

    def finish(self) -> Iterator[tuple[int, Problem]]:
        """Yield ``(pos, problem)`` for the kept references that still fail."""
        pending, self._pending = self._pending, []
        ids = self._ids
        hints = None if isinstance(ids, IdTable) else IdHints(ids, kind=lambda p: p & _KIND_MASK)
        for pos, record_id, loc, target, expected in pending:
            packed = ids.get(target)
            problem = (
                dangling(
                    loc,
                    record_id,
                    target,
                    hint=None if hints is None else hints(target, expected | ANY),
                )
                if packed is None
                else self._judge(record_id, loc, target, expected, packed)
            )
            if problem is not None:
                yield pos, problem


MAX_PROBLEMS: Final = 10_000
"""The most problems `validate_file` and `Dataset.load` keep, by default."""


class _Kept:
    """The first ``limit`` problems by position in the file, and a count of all.

    Memory stays bounded however many lines are bad: beyond the limit, a
    problem is only counted (by code), unless it comes before one kept (a
    reference checked at the end of the file is reported at its own line).
    """

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.counts: Counter[str] = Counter()
        self.not_kept = 0
        self._heap: list[tuple[int, int, Problem]] = []  # (-pos, -n): the last kept on top
        self._added = 0

    def add(self, pos: int, problem: Problem) -> None:
        self.counts[problem.code] += 1
        self._added += 1
        item = (-pos, -self._added, problem)
        if self.limit is None or len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
            return
        self.not_kept += 1
        if self._heap and item[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, item)

    def problems(self) -> list[Problem]:
        """The kept problems, in file order."""
        return [problem for _, _, problem in sorted(self._heap, reverse=True)]

    def report(self, records: int, source: str | None, warnings: list[Problem]) -> Report:
        return Report(
            problems=self.problems(),
            records=records,
            not_kept=self.not_kept,
            code_counts=dict(self.counts),
            source=source,
            warnings=warnings[: self.limit],
        )


class _Reader:
    """The entries of one file, with reference problems located like the rest."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        *,
        keep_unknown: bool,
        limit: int | None = None,
        compact: bool = False,
    ) -> None:
        # No path: a document in memory, located as a file's document is, without a file.
        self.file = None if path is None else os.fsdecode(path)
        self.format: FileFormat = file_format("memory.json" if path is None else path)
        self.keep_unknown = keep_unknown
        self.name: str | None = None
        self.tracker = _Tracker(self.describe, compact=compact)
        self.warnings: list[Problem] = []  # the first ``limit``: what one record alone shows
        self.limit = limit
        # Loading keeps the records: a repeated id is judged against the record kept.
        self.kept: dict[str, AnyRecord] | None = None

    def describe(self, pos: int) -> str:
        return f"line {pos}" if self.format.kind == "jsonl" else f"$.records[{pos - 1}]"

    def locate(self, problem: Problem, pos: int) -> Problem:
        if self.format.kind == "jsonl":
            return attrs.evolve(problem, file=self.file, line=pos)
        return attrs.evolve(problem, file=self.file, loc=("records", pos - 1, *problem.loc))

    def entries(self, stream: Reader) -> Iterator[Entry]:
        options = {
            "file": self.file,
            "compressed": self.format.compressed,
            "keep_unknown": self.keep_unknown,
        }
        if self.format.kind == "jsonl":
            return scan_jsonl(stream, **options)  # type: ignore[arg-type]
        self.name, found = scan_document(stream, **options)  # type: ignore[arg-type]
        return found

    def feed(self, entry: Entry) -> tuple[list[Problem], Status]:
        """Check an entry's references; return its problems and what the entry is.

        ``"invalid"``: the record itself is bad (its problems are the entry's);
        ``"repeat"``: an exact repeat of an earlier record (no problems);
        ``"duplicate"``: a different record with a taken id; ``"new"``: a
        valid record, whatever its references (their problems are returned).
        """
        pos, data, record, problems, _ = entry
        if record is None:
            record_id = data.get("id") if type(data) is dict else None
            if isinstance(record_id, str):
                self.tracker.add(pos, record_id, _INVALID, 0)
            return problems, "invalid"
        record_id = record.id
        if self.kept is None:
            digest = record_digest(record)
        else:  # the first is stored with 0: 0 again if equal to it, else 1
            first = self.kept.get(record_id)
            digest = 0 if first is None or first == record else 1
        added = self.tracker.add(pos, record_id, kind_of(record), digest)
        if added is False:
            if self.limit is None or len(self.warnings) < self.limit:
                message = "the same record again: it is kept once"
                repeat = Problem(code="duplicate_record", message=message, record=record_id)
                self.warnings.append(self.locate(repeat, pos))
            return [], "repeat"
        if added is not True:
            return [self.locate(added, pos)], "duplicate"
        found = []
        for loc, target, expected in references(record):
            problem = self.tracker.refer(pos, record_id, loc, target, expected)
            if problem is not None:
                found.append(self.locate(problem, pos))
        if self.limit is None or len(self.warnings) < self.limit:
            self.warnings.extend(self.locate(w, pos) for w in record_warnings(record))
        return found, "new"

    def finish(self) -> Iterator[tuple[int, Problem]]:
        for pos, problem in self.tracker.finish():
            yield pos, self.locate(problem, pos)


def validate_file(
    path: str | os.PathLike[str],
    *,
    max_errors: int | None = MAX_PROBLEMS,
    keep_unknown: bool = False,
) -> Report:
    r"""Validate a dataset file, streaming, and report every problem with its line.

    Each line is checked as a record (all of its problems), then every
    reference between records (code ``dangling_reference``,
    ``wrong_reference_kind``), each reported at the line of the record that
    makes it; an id used twice for different records is ``duplicate_id``.
    File-level codes: ``invalid_json``, ``invalid_encoding`` (with the byte
    offset), ``truncated_line`` (a last line cut off while writing),
    ``line_too_long``, ``invalid_gzip``. Blank lines and a UTF-8 byte order
    mark are fine. A bad line never hides the lines after it.

    JSON Lines files (``.jsonl``, ``.jsonl.gz``) are read line by line in
    bounded memory: only ids, forward references and the first ``max_errors``
    problems are kept; every line is checked to the end of the file, and the
    problems beyond the limit are counted (`Report.not_kept`,
    `Report.counts`). ``.json`` documents are read whole; their problems
    carry ``$.records[i]`` paths.

    Args:
        path: the file.
        max_errors: keep the first this many problems (in file order);
            ``None`` keeps all of them.
        keep_unknown: accept records of unknown types or with unknown fields.

    Raises:
        ValidationError: the file name has an unsupported suffix.
        OSError: the file cannot be opened.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.jsonl"
        >>> _ = path.write_text(
        ...     '{"type": "actor", "id": "putin", "name": "Vladimir Putin", "kind": "person"}\n'
        ...     '\n'
        ...     '{"type": "statement", "id": "s1", "speaker": "putin", "text": "…",'
        ...     ' "event": "call"}\n'
        ...     '{"type": "actor", "id": "x"')
        >>> report = ek.validate_file(path)
        >>> report.records, report.counts()
        (3, {'dangling_reference': 1, 'truncated_line': 1})
        >>> [(p.line, p.path, p.code) for p in report.problems]
        [(3, '$.event', 'dangling_reference'), (4, '$', 'truncated_line')]
        >>> report = ek.validate_file(path, max_errors=1)
        >>> len(report.problems), report.not_kept, report.total
        (1, 1, 2)
    """
    _check_limit(max_errors)
    reader = _Reader(path, keep_unknown=keep_unknown, limit=max_errors)
    kept = _Kept(max_errors)
    count = 0
    with open_binary(path, reader.format) as stream, gc_paused():
        for entry in reader.entries(stream):
            count += _is_read(entry)
            problems, _ = reader.feed(entry)
            for problem in problems:
                kept.add(entry.pos, problem)
    for pos, problem in reader.finish():
        kept.add(pos, problem)
    return kept.report(count, reader.file, reader.warnings)


def _check_limit(max_errors: int | None) -> None:
    if max_errors is not None and (type(max_errors) is not int or max_errors < 1):
        msg = f"max_errors must be a positive integer or None, not {max_errors!r}"
        raise TypeError(msg) if type(max_errors) is not int else ValueError(msg)


def iter_records(
    path: str | os.PathLike[str], *, keep_unknown: bool = False
) -> Iterator[AnyRecord]:
    r"""Yield the records of a dataset file one by one, in file order.

    JSON Lines files are read line by line, so a file of any size streams
    in bounded memory. Each record is validated on its own; references
    between records are not checked (use `validate_file` for that).

    Args:
        path: a ``.jsonl``, ``.jsonl.gz``, ``.json`` or ``.json.gz`` file.
        keep_unknown: yield records of unknown types or with unknown fields
            as `eventkit.UnknownRecord` instead of raising.

    Raises:
        ValidationError: at the first bad line, with its file and line number.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.jsonl"
        >>> _ = path.write_text('{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
        ...                     '{"type": "actor", "id": "b", "name": "B"}\n')
        >>> records = ek.iter_records(path)
        >>> next(records).id
        'a'
        >>> next(records)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in ...d.jsonl
          ...d.jsonl:2: record 'b': $.kind: required field missing [missing]
    """
    reader = _Reader(path, keep_unknown=keep_unknown, limit=0)  # no report: no warnings
    with open_binary(path, reader.format) as stream:
        for entry in reader.entries(stream):
            if entry.problems:
                raise ValidationError(entry.problems, title=reader.file)
            if entry.record is not None:
                yield entry.record


def distinct_records(
    path: str | os.PathLike[str], *, keep_unknown: bool = False
) -> Iterator[AnyRecord]:
    """`iter_records`, each record once: a repeated id judged as `validate_file` judges it.

    A record written again (an equal record: keys in any order, a default
    written out) is skipped, as loading keeps it once; another record with an
    id taken raises, at its line, the ``duplicate_id`` problem `validate_file`
    reports for it. Only a digest of each id is kept, with its line and a
    digest of its record (`record_digest`): about 50–100 bytes a record
    (`IdTable`), so a file of any size streams. References are not checked.

    Raises:
        ValidationError: at the first bad line, with its file and line number.
    """
    reader = _Reader(path, keep_unknown=keep_unknown, limit=0, compact=True)
    with open_binary(path, reader.format) as stream:
        for pos, _, record, problems, _ in reader.entries(stream):
            if problems:
                raise ValidationError(problems, title=reader.file)
            if record is None:
                continue
            added = reader.tracker.add(pos, record.id, kind_of(record), record_digest(record))
            if added is True:
                yield record
            elif added is not False:
                raise ValidationError([reader.locate(added, pos)], title=reader.file)


@attrs.frozen(kw_only=True)
class Loaded:
    """What `read_dataset` read: the good records, the report, the name.

    ``by_id`` holds the same records by id, in the same order (`Dataset.load`
    takes it as it is).
    """

    records: list[AnyRecord]
    report: Report
    name: str | None
    by_id: dict[str, AnyRecord] = attrs.field(factory=dict, repr=False)


def read_dataset(
    path: str | os.PathLike[str],
    *,
    lenient: bool = False,
    keep_unknown: bool = False,
    cascade: bool = False,
    max_errors: int | None = MAX_PROBLEMS,
) -> Loaded:
    """Read and check a whole dataset file (what `Dataset.load` does).

    Strict, raise with every problem `validate_file` would report (the first
    ``max_errors`` of them; the error's title says how many more were found).
    Lenient, keep every record that is itself valid (the first of its id) and
    report every problem, dangling references included; with ``cascade``,
    also leave out (repeatedly) every record referring to one left out.

    Raises:
        ValidationError: (strict) any problem; (lenient) the file cannot be
            read as a dataset at all (not gzip, UTF-16, a bad document header).
    """
    _check_limit(max_errors)
    reader = _Reader(path, keep_unknown=keep_unknown, limit=max_errors)
    with open_binary(path, reader.format) as stream, gc_paused():
        return _load(
            reader, reader.entries(stream), lenient=lenient, cascade=cascade, max_errors=max_errors
        )


def validate_document(
    document: Any, *, keep_unknown: bool = False, max_errors: int | None = None
) -> Loaded:
    """Check a dataset in memory in one pass, as `read_dataset` checks a file, leniently.

    ``document`` is a list of record dicts, ``{"records": [...]}`` or a
    dataset document; see `eventkit.validate`.
    """
    _check_limit(max_errors)
    reader = _Reader(None, keep_unknown=keep_unknown, limit=max_errors)
    name, entries = document_entries(document, keep_unknown=keep_unknown)
    reader.name = name
    with gc_paused():
        return _load(reader, entries, lenient=True, cascade=False, max_errors=max_errors)


def _load(
    reader: _Reader,
    entries: Iterable[Entry],
    *,
    lenient: bool,
    cascade: bool,
    max_errors: int | None,
) -> Loaded:
    """Check every entry and the references between them; keep the good records."""
    found = _Kept(max_errors)
    bad: set[int] = set()  # the lines with a problem, for the cascade
    kept: dict[str, AnyRecord] = {}
    positions = array("q")  # the line (or index) of each kept record, in the same order
    reader.kept = kept
    left_out: dict[str, int] = {}
    remaining = iter(entries)
    # Strict, the report is dropped unless it has problems, so warnings need not be sought.
    count, first_doubt, targets = _read_clean(reader, remaining, kept, positions, warn=lenient)
    if first_doubt is not None or not all_found(kept, targets):
        del targets
        # Not clean: the records read so far go through the checks one by one.
        for pos, problem in _replay(reader, kept, positions):
            found.add(pos, problem)
            bad.add(pos)
    if first_doubt is not None:
        count += _check_each(
            reader,
            itertools.chain((first_doubt,), remaining),
            found=found,
            bad=bad if cascade else None,
            kept=kept,
            positions=positions,
            left_out=left_out,
        )
    for pos, problem in reader.finish():
        found.add(pos, problem)
        bad.add(pos)
    report = found.report(count, reader.file, reader.warnings)
    if not lenient and not report.valid:
        title = reader.file or "dataset"
        if report.not_kept:
            title += f" ({report.not_kept:,} more problems counted, not kept)"
        raise ValidationError(report.problems, title=title)
    if cascade:
        good = {rid: (pos, rec) for (rid, rec), pos in zip(kept.items(), positions, strict=True)}
        kept = _cascade(reader, good, left_out, bad, found)
        report = found.report(count, reader.file, reader.warnings)
    reader.kept = None  # the reader is in a cycle (its tracker's describe): let the records go
    name = reader.name
    if name is None and reader.file is not None:
        name = reader.format.stem(reader.file)
    return Loaded(records=list(kept.values()), report=report, name=name, by_id=kept)


def _is_read(entry: Entry) -> bool:
    """Whether ``entry`` is a line (or item) read, to be counted in `Report.records`.

    Not the header, nor a failure to read on (not gzip, UTF-16, a gzip cut
    or with bytes after its end): no line was read then, and there may be none.
    """
    return entry.pos > 0 and not entry.fatal


def _check_each(
    reader: _Reader,
    entries: Iterable[Entry],
    *,
    found: _Kept,
    bad: set[int] | None,
    kept: dict[str, AnyRecord],
    positions: array[int],
    left_out: dict[str, int],
) -> int:
    """Check entries one by one, as `validate_file` does; return how many there were."""
    count = 0
    for entry in entries:
        if entry.fatal:
            raise ValidationError(entry.problems, title=reader.file or "dataset")
        count += _is_read(entry)
        problems, status = reader.feed(entry)
        for problem in problems:
            found.add(entry.pos, problem)
        if problems and bad is not None:
            bad.add(entry.pos)
        if status == "new" and entry.record is not None:
            kept[entry.record.id] = entry.record
            positions.append(entry.pos)
        elif status == "invalid" and type(entry.data) is dict:
            record_id = entry.data.get("id")
            if isinstance(record_id, str) and record_id not in kept:
                left_out.setdefault(record_id, entry.pos)
    return count


def _read_clean(
    reader: _Reader,
    entries: Iterator[Entry],
    kept: dict[str, AnyRecord],
    positions: array[int],
    *,
    warn: bool,
) -> tuple[int, Entry | None, Targets]:
    """Keep records while every entry is plainly good; stop at the first that is not.

    ``warn``: note each record's warnings (up to the reader's limit).

    Returns how many entries were read (the one that stopped it not counted),
    that entry (None at the end), and the ids the records refer to.
    """
    targets, gather = targets_gatherer()
    limit, warnings, locate = reader.limit, reader.warnings, reader.locate
    if not warn:
        limit = 0
    count = 0
    for entry in entries:
        pos, _, record, problems, fatal = entry
        if problems or fatal or record is None or pos <= 0:
            return count, entry, targets
        record_id = record.id
        if record_id in kept:
            return count, entry, targets
        count += 1
        kept[record_id] = record
        positions.append(pos)
        gather(record)
        if limit is None or len(warnings) < limit:
            said = record_warnings(record)
            if said:
                warnings.extend(locate(w, pos) for w in said)
    return count, None, targets


def _replay(
    reader: _Reader, kept: dict[str, AnyRecord], positions: array[int]
) -> Iterator[tuple[int, Problem]]:
    """The reference problems of the records kept, as `_Reader.feed` finds them one by one.

    The records were all new and plainly good, so only their references can
    fail; their warnings are already noted.
    """
    tracker = reader.tracker
    for (record_id, record), pos in zip(kept.items(), positions, strict=True):
        tracker.add(pos, record_id, kind_of(record), 0)
        for loc, target, expected in references(record):
            problem = tracker.refer(pos, record_id, loc, target, expected)
            if problem is not None:
                yield pos, reader.locate(problem, pos)


def _cascade(
    reader: _Reader,
    good: dict[str, tuple[int, AnyRecord]],
    left_out: dict[str, int],
    bad: set[int],
    found: _Kept,
) -> dict[str, AnyRecord]:
    """The records of ``good`` left once every record referring to one left out is left out.

    Records whose own references fail (their lines are in ``bad``) go first;
    each record left out for referring to one left out gets a
    ``dangling_reference`` problem saying so. ``left_out``: the ids of invalid
    records, whose referring records are reported already.
    """
    records = {rid: rec for rid, (_, rec) in good.items()}
    failing = [rid for rid, (pos, _) in good.items() if pos in bad]
    for rid, loc, target in cascade(records, failing=failing, refused=left_out):
        pos = good[rid][0]
        note = f"the record at {reader.describe(good[target][0])} was left out"
        found.add(pos, reader.locate(dangling(loc, rid, target, note=note), pos))
    return records


def write_records(
    path: str | os.PathLike[str], records: Iterable[AnyRecord], *, name: str | None = None
) -> int:
    """Write ``records`` to ``path`` atomically, in the format its suffix names.

    Records are written as they come (a generator of millions is fine for
    JSON Lines). ``name`` goes into a ``.json`` document's header.

    Returns:
        The number of records written.

    Raises:
        ValidationError: an unsupported suffix (code ``unsupported_format``).

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.json"
        >>> ek.io.write_records(path, [ek.Actor(id="a", name="A", kind="person")], name="demo")
        1
        >>> print(path.read_text(), end="")
        {"type":"eventkit.dataset","version":1,"name":"demo","records":[
        {"type":"actor","id":"a","name":"A","kind":"person"}
        ]}
    """
    fmt = file_format(path)

    def write(stream: Writer) -> int:
        if fmt.kind == "jsonl":
            return write_jsonl(stream, records)
        return write_document(stream, records, name=name)

    with atomic_write(path) as raw:
        if not fmt.compressed:
            return write(raw)
        # mtime=0 and no file name in the header: the same data gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as compressed:
            return write(compressed)
