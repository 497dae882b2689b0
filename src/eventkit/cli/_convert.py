"""``eventkit convert IN OUT``: the same records in another file format, eventkit's or another's.

Records stream from the reader to the writer (`eventkit.iter_records`,
`eventkit.io.write_records`), so a JSON Lines file of any size converts in
bounded memory, and the writer's atomic write means a failure half way
leaves no partial file. Formats are the ones `eventkit.io` reads and writes,
and a Parquet dataset directory (a name ending ``.parquet``,
`eventkit.columnar`), written in batches of records, so JSON Lines larger
than memory convert to it too; on a terminal a progress bar counts the
records. What a format cannot hold is said in `CANNOT_HOLD`, the one place
to teach about a new format.

The formats of other event data (PLOVER, ACLED, GDELT, JSON-LD:
`eventkit.cli._formats`) convert through a dataset in memory, with the
adapters' conversion reports: their summaries go to standard error,
``--report FILE`` writes them in full as JSON, and rows the import rejected
make the exit status 1 (OUT is written with the rest).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import orjson
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

import eventkit as ek
from eventkit.cli._common import UsageError, error, import_types, make_console, why_not_written
from eventkit.cli._formats import INTEROP, format_of, read_interop, write_interop
from eventkit.columnar._convert import jsonl_to_parquet, tune_owned_process
from eventkit.columnar._parquet import ParquetWriter
from eventkit.interop import ConversionReport
from eventkit.io import iter_records, write_records
from eventkit.io._atomic import atomic_write
from eventkit.io._files import name_text

__all__ = ["CANNOT_HOLD", "convert"]

CANNOT_HOLD: Final[dict[str, tuple[str, ...]]] = {
    "jsonl": ("name",),  # JSON Lines has no header
    "json": (),
    "parquet": (),
}
"""What each format (`eventkit.io`'s kinds) cannot hold, of what another format can:
``"name"``, the dataset's name. A format not listed holds everything."""


PROGRESS_FROM: Final = 16 * 1024 * 1024
"""Inputs this large (bytes) get a progress bar when converted to Parquet, on a terminal."""


def convert(
    source: Path,
    target: Path,
    console: Console,
    *,
    force: bool,
    keep_unknown: bool,
    from_: str | None = None,
    to: str | None = None,
    mentions: Path | None = None,
    report: Path | None = None,
    coding_method: str | None = None,
    jobs: int | None = None,
    types: Sequence[str] = (),
) -> int:
    """Convert ``source`` into ``target``; print what was written; the exit status.

    JSON Lines to Parquet runs on ``jobs`` processes (None: the cores, at
    most four), each importing the modules ``types`` names.

    Raises:
        UsageError: a format eventkit cannot tell, the same file twice, a
            target that exists (without ``force``), ``mentions`` without
            GDELT, ``coding_method`` without PLOVER as the source.
    """
    source_kind = format_of(source, from_, "IN")
    target_kind = format_of(target, to, "OUT")
    if mentions is not None and (source_kind == "gdelt") == (target_kind == "gdelt"):
        msg = "--mentions names GDELT's Mentions file: give it with one GDELT side (IN or OUT)"
        raise UsageError(msg)
    if coding_method is not None and not source_kind.startswith("plover"):
        msg = "--coding-method says how PLOVER records were coded: give it with --from plover"
        raise UsageError(msg)
    written = [mentions] if mentions is not None and target_kind == "gdelt" else []
    _check_outputs(source, [target, *written], force=force)
    if source_kind in INTEROP or target_kind in INTEROP:
        return _convert_dataset(
            (source, source_kind),
            (target, target_kind),
            console,
            keep_unknown=keep_unknown,
            mentions=mentions,
            report=report,
            coding_method=coding_method,
        )
    if report is not None:
        msg = "--report writes the report of a conversion from or to another format (--from, --to)"
        raise UsageError(msg)
    existed = os.path.exists(target)
    try:
        if source_kind == "jsonl" and target_kind == "parquet":
            name: str | None = None  # JSON Lines has none; the dataset takes the file's
            count = _jsonl_to_parquet(
                source,
                target,
                name=_default_name(source),
                keep_unknown=keep_unknown,
                jobs=jobs,
                types=types,
            )
        else:
            records, name = _records_of(source, source_kind, keep_unknown=keep_unknown)
            name = name or _default_name(source)
            if target_kind == "parquet":
                count = _to_parquet(source, target, records, name=name)
            else:
                count = write_records(target, records, name=name)
    except (OSError, ek.ValidationError) as err:
        return _not_converted(err, source, target, existed=existed)
    _done(console, target, count, "written", source)
    if name is not None and "name" in CANNOT_HOLD.get(target_kind, ()):
        console.print(
            f"not kept: the dataset name {name!r} ({target_kind} has no place for it)",
            highlight=False,
            soft_wrap=True,
        )
    return 0


def _records_of(
    source: Path, kind: str, *, keep_unknown: bool
) -> tuple[Iterator[ek.Record | ek.UnknownRecord], str | None]:
    """The records of an eventkit file, streamed from JSON Lines, and its name if it has one."""
    if kind == "jsonl":
        return iter_records(source, keep_unknown=keep_unknown), None
    dataset = _load(source, keep_unknown=keep_unknown)  # read whole anyway: its name
    return iter(dataset), dataset.name


def _check_outputs(source: Path, outputs: list[Path], *, force: bool) -> None:
    # os.path.exists, not Path.exists: False for a name too long (raised before Python 3.13)
    for output in outputs:
        if os.path.exists(output) and os.path.exists(source) and os.path.samefile(source, output):
            msg = f"IN and OUT are the same file: {source}"
            raise UsageError(msg)
        if os.path.exists(output) and not force:
            msg = f"OUT {output} exists; use --force to replace it"
            raise UsageError(msg)


def _convert_dataset(
    source: tuple[Path, str],
    target: tuple[Path, str],
    console: Console,
    *,
    keep_unknown: bool,
    mentions: Path | None,
    report: Path | None,
    coding_method: str | None,
) -> int:
    """Convert through a dataset in memory, where one side is another format; its reports."""
    (source_path, source_kind), (target_path, target_kind) = source, target
    existed = os.path.exists(target_path)
    reports: list[ConversionReport] = []
    try:
        if source_kind in INTEROP:
            dataset, imported = read_interop(
                source_kind, source_path, mentions, coding_method=coding_method
            )
            reports.append(imported)
        else:
            dataset = _load(source_path, keep_unknown=keep_unknown)
        if target_kind in INTEROP:
            gdelt_mentions = mentions if target_kind == "gdelt" else None
            reports += write_interop(target_kind, dataset, target_path, gdelt_mentions)
            count = len(dataset)  # each file written reports every record: not their sum
        elif target_kind == "parquet":
            name = dataset.name or _default_name(source_path)
            count = _to_parquet(source_path, target_path, iter(dataset), name=name)
        else:
            count = write_records(target_path, iter(dataset), name=dataset.name)
    except (OSError, ek.ValidationError) as err:
        written = [target_path, *([mentions] if mentions and target_kind == "gdelt" else [])]
        return _not_converted(err, source_path, target_path, existed=existed, written=written)
    for done in reports:
        _say(done.summary())
    verb = "converted" if target_kind in INTEROP else "written"  # into rows of the format
    _done(console, target_path, count, verb, source_path)
    if report is not None:  # after OUT, and said apart: OUT is written whatever befalls it
        data = {"reports": [r.to_dict() for r in reports]}
        try:
            with atomic_write(report) as file:
                file.write(orjson.dumps(data, option=orjson.OPT_INDENT_2, default=str) + b"\n")
        except OSError as err:
            error(f"cannot write the report {report}: {why_not_written(err, report)}")
            return 1
    rejected = sum(len(r.select("rejected")) for r in reports if r.direction == "import")
    if rejected:
        where = f"every one in {report}" if report is not None else "--report FILE lists every one"
        error(
            f"{rejected:,} value{'' if rejected == 1 else 's'} of {source_path} rejected; {where}"
        )
        return 1
    return 0


def _default_name(source: Path) -> str:
    """The name of a dataset whose file gives none: the file's name up to its first dot."""
    return name_text(source.name.split(".")[0])


def _not_converted(
    error_: Exception,
    source: Path,
    target: Path,
    *,
    existed: bool,
    written: Sequence[Path] = (),
) -> int:
    """Say why ``source`` could not be converted to ``target`` (and ``written``): exit status."""
    if isinstance(error_, OSError):
        why = why_not_written(error_, *(written or [target]))
        error(f"cannot convert {source} to {target}: {why}")
    else:  # the data's problems, as validate prints them
        left = "is unchanged" if existed else "was not written"
        error(f"{source} was not converted; {target} {left}:")
        _say(str(error_))
    return 1


def _done(console: Console, target: Path, count: int, verb: str, source: Path) -> None:
    console.print(
        f"{target}: {count:,} record{'' if count == 1 else 's'} {verb} from {source}",
        highlight=False,
        soft_wrap=True,
    )


def _say(text: str) -> None:
    """Print on standard error, as written (reports quote data)."""
    make_console(stderr=True).print(text, highlight=False, soft_wrap=True)


def _load(path: Path, *, keep_unknown: bool) -> ek.Dataset:
    """An eventkit file as a dataset, refused on any problem but a dangling reference.

    Raises:
        ValidationError: the file's problems (references are for validate to check).
    """
    dataset, report = ek.Dataset.load(path, lenient=True, keep_unknown=keep_unknown)
    bad = [p for p in report.problems if not p.code.endswith("_reference")]
    if bad:
        raise ek.ValidationError(bad, title=os.fsdecode(path))
    return dataset


@contextlib.contextmanager
def _progress(source: Path) -> Iterator[Callable[[int], object] | None]:
    """A progress bar's update (records written so far) for a large file on a terminal, or None."""
    if not (
        sys.stderr.isatty() and os.path.isfile(source) and source.stat().st_size >= PROGRESS_FROM
    ):
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=make_console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("converting", total=None)
        yield lambda count: progress.update(task, description=f"converting: {count:,} records")


def _counted(records: Iterator[Any], update: Callable[[int], object]) -> Iterator[Any]:
    for count, record in enumerate(records, 1):
        yield record
        if count % 10_000 == 0:
            update(count)


def _to_parquet(source: Path, target: Path, records: Iterator[Any], *, name: str) -> int:
    """Write ``records`` as a Parquet dataset in batches, with a progress bar on a terminal."""
    with _progress(source) as update, ParquetWriter(target, name=name) as writer:
        writer.write(records if update is None else _counted(records, update))
    return writer.count


def _jsonl_to_parquet(
    source: Path,
    target: Path,
    *,
    name: str,
    keep_unknown: bool,
    jobs: int | None,
    types: Sequence[str],
) -> int:
    """Convert JSON Lines to Parquet on ``jobs`` processes (each importing ``types``)."""
    setup = functools.partial(import_types, list(types)) if types else None
    tune_owned_process()  # this process is the command's own
    with _progress(source) as update:
        return jsonl_to_parquet(
            source,
            target,
            name=name,
            keep_unknown=keep_unknown,
            jobs=jobs,
            setup=setup,
            progress=update,
        )
