"""``eventkit validate``: check files, alone and together, and report every problem.

Each file is checked streaming by `eventkit.validate_file` (or read as
``Dataset.load(path, lenient=True)`` would with ``--lenient``); a Parquet
dataset directory is read as ``Dataset.load(path, lenient=True)`` reads
it, its problems at their table and row (``$.events[3].title``). Files given
together are one dataset: a reference to a record in another of them is
fine, and one id used for different records in two of them is a
``duplicate_id``. That second pass needs of each file only its records'
ids, kinds and digests, and the kinds its dangling references may point
at (`_Held`): taken from the records the first pass loaded (a Parquet
dataset, a file read ``--lenient``), or else read from the file once more.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
import orjson
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

import eventkit as ek
from eventkit._records import Record
from eventkit._references import ANY, kind_of, references, wrong_kind
from eventkit._unknown import UnknownRecord
from eventkit.cli._common import error, make_console, note, printable
from eventkit.columnar._parquet import is_parquet
from eventkit.io import read_dataset, validate_file
from eventkit.io._files import file_format
from eventkit.io._validate import record_digest

__all__ = ["STDIN", "Checked", "validate"]

STDIN = "-"
STDIN_NAME = "<stdin>"
PROGRESS_FROM = 64 * 2**20
"""Files together this large (bytes) get a progress bar, on a terminal."""

_GZIP_MAGIC = b"\x1f\x8b"
_END_OF_INPUT = "Ctrl-Z and Enter" if os.name == "nt" else "Ctrl-D"
_UNKNOWN_TYPES = (
    "{count} record(s) have a type this eventkit does not know. If a plugin defines it, "
    "install the plugin, or import the module that registers it with --types MODULE; "
    "to check the rest and keep such records as they are, use --keep-unknown. "
    "eventkit.known_tags() lists the types known here."
)


@attrs.frozen
class _Held:
    """What the pass over files together needs of one file's records, not the records.

    ``records``: each record's kind and the digest of its content, by id;
    ``expected``: the kinds each dangling reference of the file's report
    may point at, by the referring record's id and the path in it.
    """

    records: dict[str, tuple[int, int]]
    expected: dict[tuple[str, tuple[Any, ...]], int]


@attrs.define
class Checked:
    """One file's outcome: its report, or why it could not be read; what it holds."""

    name: str
    path: Path
    report: ek.Report | None = None
    error: str | None = None
    kept: int | None = None  # --lenient: the records Dataset.load would keep
    held: _Held | None = None  # files together: what the pass over them needs, if loaded
    parquet: bool = attrs.field(init=False)  # a Parquet dataset directory, not a file

    @parquet.default
    def _parquet(self) -> bool:
        return is_parquet(self.path)


def _chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    """What ``stream`` holds, up to its first end: on a terminal, the first Ctrl-D.

    One read of the device at a time (``read1``): ``read(n)`` and
    `shutil.copyfileobj` read on after a terminal's end of input, waiting
    for a second Ctrl-D.
    """
    while chunk := stream.read1(2**20):
        yield chunk


@contextlib.contextmanager
def _copy(chunks: Iterable[bytes], name: str) -> Iterator[Path]:
    """``chunks`` in a temporary file called ``name``, to read again."""
    with tempfile.TemporaryDirectory(prefix="eventkit-") as directory:
        path = Path(directory) / name
        with open(path, "wb") as out:
            out.writelines(chunks)
        yield path


@contextlib.contextmanager
def _stdin_copy(stdin: io.BufferedIOBase, kind: str) -> Iterator[Path]:
    """Standard input copied into a temporary file named for its format, gzip or not."""
    if stdin.isatty():  # else waiting for input looks like a hang
        note(f"reading records from the terminal; end them with {_END_OF_INPUT}")
    chunks = _chunks(stdin)
    head = b""
    for chunk in chunks:  # enough to tell gzip, however little each read brings
        head += chunk
        if len(head) >= len(_GZIP_MAGIC):
            break
    name = f"stdin.{kind}" + (".gz" if head.startswith(_GZIP_MAGIC) else "")
    with _copy(itertools.chain((head,), chunks), name) as path:
        yield path


def _read_once(path: Path) -> bool:
    """A named pipe (FIFO) or a device: what is read of it is gone, as with standard input."""
    # os.path: False for a name too long, which Path's methods raise before Python 3.13
    return os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path))


def _to_read(
    given: str, *, together: bool, stdin_format: str
) -> contextlib.AbstractContextManager[Path]:
    """The file to read for ``given``: standard input, or a pipe read with others, copied."""
    if given == STDIN:
        return _stdin_copy(cast("io.BufferedIOBase", sys.stdin.buffer), stdin_format)
    if together and _read_once(Path(given)):
        return _pipe_copy(Path(given))
    return contextlib.nullcontext(Path(given))


@contextlib.contextmanager
def _pipe_copy(path: Path) -> Iterator[Path]:
    """A named pipe copied into a temporary file of its name, or itself if it cannot be opened.

    Files together are read twice (`_across`): a second read of a pipe waited for ever.
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115 - apart: only a failure to open is caught
    except OSError:  # said as the file's own error, when it is read
        yield path
        return
    with stream, _copy(_chunks(stream), path.name) as copied:
        yield copied


def _renamed(report: ek.Report, name: str) -> ek.Report:
    """The report of standard input, its problems and warnings naming it, not a temporary file."""

    def named(found: tuple[ek.Problem, ...]) -> tuple[ek.Problem, ...]:
        return tuple(attrs.evolve(p, file=name) if p.file is not None else p for p in found)

    return attrs.evolve(
        report, problems=named(report.problems), warnings=named(report.warnings), source=name
    )


def _check(
    path: Path, *, lenient: bool, max_errors: int, keep_unknown: bool, together: bool
) -> Checked:
    """Check one file; ``together``: with others, so keep what the pass over them needs."""
    name = os.fsdecode(path)
    try:
        if is_parquet(path):
            dataset, report = ek.Dataset.load(path, lenient=True, keep_unknown=keep_unknown)
            kept = len(dataset) if lenient else None
            checked = Checked(name, path, report=_first(report, max_errors), kept=kept)
            if together:
                checked.held = _held(checked, dataset)
            return checked
        if lenient:
            loaded = read_dataset(
                path, lenient=True, keep_unknown=keep_unknown, max_errors=max_errors
            )
            checked = Checked(name, path, report=loaded.report, kept=len(loaded.records))
            if together:
                checked.held = _held(checked, loaded.records)
            return checked
        report = validate_file(path, max_errors=max_errors, keep_unknown=keep_unknown)
        return Checked(name, path, report=report)
    except OSError as err:
        return Checked(name, path, error=f"cannot read {name}: {err.strerror or err}")
    except ek.ValidationError as err:  # a file it cannot parse; an unknown suffix was refused first
        return Checked(name, path, error=f"{name}: {'; '.join(p.message for p in err.problems)}")
    except ek.MissingExtraError as err:  # a Parquet dataset without pyarrow
        return Checked(name, path, error=f"{name}: {err}")


def _first(report: ek.Report, limit: int) -> ek.Report:
    """``report`` keeping its first ``limit`` problems, the rest counted as `validate_file` does."""
    if len(report.problems) <= limit:
        return report
    return attrs.evolve(
        report,
        problems=report.problems[:limit],
        not_kept=len(report.problems) - limit,
        code_counts=report.counts(),
        warnings=report.warnings[:limit],
    )


def _held(checked: Checked, records: Iterable[Record | UnknownRecord]) -> _Held:
    """What the pass over files together needs of ``records``, the valid ones of ``checked``."""
    assert checked.report is not None
    waiting = {
        (p.record, _in_record(checked, p.loc))
        for p in checked.report.problems
        if p.code == "dangling_reference"
    }
    kinds: dict[str, tuple[int, int]] = {}
    expected: dict[tuple[str, tuple[Any, ...]], int] = {}
    for record in records:
        kinds.setdefault(record.id, (kind_of(record), record_digest(record)))
        for loc, _, allowed in references(record):
            if (record.id, loc) in waiting:
                expected[record.id, loc] = allowed
    return _Held(records=kinds, expected=expected)


def _read_held(checked: Checked, *, keep_unknown: bool) -> _Held:
    """`_Held` of a file checked streaming: its valid records read, as a lenient load keeps them."""
    loaded = read_dataset(checked.path, lenient=True, keep_unknown=keep_unknown)
    return _held(checked, loaded.records)


# --- files together -----------------------------------------------------------------


@attrs.frozen
class _Seen:
    file: int
    kind: int
    digest: int


def _across(files: list[Checked], *, keep_unknown: bool) -> None:
    """Check references and ids across ``files``, changing their reports in place."""
    readable = [f for f in files if f.report is not None]
    if len(readable) < 2:  # one file is checked whole already
        return
    seen: dict[str, _Seen] = {}
    expected: dict[tuple[int, str, tuple[Any, ...]], int] = {}
    added: dict[int, list[ek.Problem]] = {}
    for number, checked in enumerate(readable):
        held, checked.held = checked.held, None  # merged into seen: not kept twice
        if held is None:
            try:
                held = _read_held(checked, keep_unknown=keep_unknown)
            except (OSError, ek.ValidationError):  # reported already, as the file's own
                continue
        for record_id, (kind, digest) in held.records.items():
            first = seen.setdefault(record_id, _Seen(number, kind, digest))
            if first.file != number and first.digest != digest:
                message = (
                    f"another, different record with this id is in {readable[first.file].name}"
                )
                problem = ek.Problem(
                    loc=("id",),
                    code="duplicate_id",
                    message=message,
                    input=record_id,
                    record=record_id,
                    file=checked.name,
                )
                added.setdefault(number, []).append(problem)
        for (record_id, loc), kinds in held.expected.items():
            expected[number, record_id, loc] = kinds
    for number, checked in enumerate(readable):
        report = checked.report
        assert report is not None
        problems: list[ek.Problem] = []
        for problem in report.problems:
            key = (number, problem.record, _in_record(checked, problem.loc))
            dangling = problem.code == "dangling_reference" and isinstance(problem.input, str)
            target = seen.get(problem.input) if dangling else None
            if target is None or target.file == number or key not in expected:
                problems.append(problem)
            elif not target.kind & (expected[key] | ANY):
                replaced = wrong_kind(
                    problem.loc,
                    str(problem.record),
                    problem.input,
                    expected=expected[key],
                    found=target.kind,
                )
                problems.append(attrs.evolve(replaced, file=problem.file, line=problem.line))
        problems.extend(added.get(number, []))
        checked.report = _recounted(report, problems)


def _in_record(checked: Checked, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A problem's path inside its record.

    A document's start with ``records[i]``, a Parquet dataset's with its table and row.
    """
    if checked.parquet or (file_format(checked.path).kind == "json" and loc[:1] == ("records",)):
        return loc[2:]
    return loc


def _recounted(report: ek.Report, problems: list[ek.Problem]) -> ek.Report:
    counts = Counter(report.counts())
    counts.subtract(p.code for p in report.problems)
    counts.update(p.code for p in problems)
    return attrs.evolve(
        report,
        problems=tuple(problems),
        code_counts={code: n for code, n in counts.items() if n > 0},
    )


# --- output ---------------------------------------------------------------------------


def _progress(paths: Sequence[Path], quiet: bool) -> Progress | None:
    if quiet or not sys.stderr.isatty():
        return None
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    if sum(sizes) < PROGRESS_FROM:
        return None
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # a file's name, as given
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=make_console(stderr=True),
        transient=True,
    )


def _document(files: list[Checked]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    problems: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    entries = []
    for checked in files:
        entry: dict[str, Any] = {"file": checked.name}
        if checked.report is None:
            entry |= {"valid": False, "error": checked.error}
        else:
            report = checked.report
            entry |= {
                "valid": report.valid,
                "records": report.records,
                "problems": report.total,
                "not_kept": report.not_kept,
                "counts": report.counts(),
                "warnings": len(report.warnings),
            }
            if checked.kept is not None:
                entry["kept"] = checked.kept
            counts.update(report.counts())
            problems.extend(problem.to_dict() for problem in report.problems)
            warnings.extend(warning.to_dict() for warning in report.warnings)
        entries.append(entry)
    return {
        "valid": all(entry["valid"] for entry in entries),
        "files": entries,
        "counts": dict(sorted(counts.items())),
        "problems": problems,
        "warnings": warnings,
    }


def validate(
    paths: Sequence[str],
    console: Console,
    *,
    max_errors: int,
    keep_unknown: bool,
    lenient: bool,
    as_json: bool,
    quiet: bool,
    stdin_format: str,
) -> int:
    """Check ``paths`` (``-`` for standard input) and print the outcome; the exit status."""
    with contextlib.ExitStack() as stack:
        files: list[Checked] = []
        real = [Path(p) for p in paths if p != STDIN]
        progress = _progress(real, quiet)
        task = None
        if progress is not None:
            stack.enter_context(progress)
            total = sum(path.stat().st_size for path in real if os.path.exists(path))
            task = progress.add_task("validating", total=total)
        for given in paths:
            if given == STDIN and sys.stdin is None:  # `<&-`: no descriptor 0 at all
                closed = f"cannot read {STDIN_NAME}: standard input is closed"
                files.append(Checked(STDIN_NAME, Path(given), error=closed))
                continue
            path = stack.enter_context(
                _to_read(given, together=len(paths) > 1, stdin_format=stdin_format)
            )
            if progress is not None and task is not None:
                progress.update(task, description=printable(given))
            checked = _check(
                path,
                lenient=lenient,
                max_errors=max_errors,
                keep_unknown=keep_unknown,
                together=len(paths) > 1,
            )
            if path != Path(given):  # a copy, named as the user named what it copies
                checked.name = STDIN_NAME if given == STDIN else given
                if checked.report is not None:
                    checked.report = _renamed(checked.report, checked.name)
                elif checked.error is not None:
                    checked.error = checked.error.replace(os.fsdecode(path), checked.name)
            elif progress is not None and task is not None and os.path.exists(path):
                progress.advance(task, path.stat().st_size)
            files.append(checked)
        _across(files, keep_unknown=keep_unknown)
    if as_json:
        document = _document(files)
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0 if document["valid"] or (lenient and _readable(files)) else 1
    for checked in files:
        _print(checked, console, keep_unknown=keep_unknown)
    if lenient:
        return 0 if _readable(files) else 1
    return 0 if all(f.report is not None and f.report.valid for f in files) else 1


def _readable(files: list[Checked]) -> bool:
    return all(f.report is not None for f in files)


def _print(checked: Checked, console: Console, *, keep_unknown: bool) -> None:
    if checked.report is None:
        error(str(checked.error))
        return
    report = checked.report
    console.print(
        report.summary(limit=None),  # every one kept: --max-errors
        highlight=False,
        soft_wrap=True,
    )
    if checked.kept is not None and not report.valid:
        console.print(
            f"{checked.name}: Dataset.load(lenient=True) keeps {checked.kept:,} records",
            highlight=False,
            soft_wrap=True,
        )
    unknown = report.counts().get("unknown_type", 0)
    if unknown and not keep_unknown:  # kept ones are no problem; the rest have a bad id
        console.print(_UNKNOWN_TYPES.format(count=unknown), highlight=False, soft_wrap=True)
