"""``eventkit convert IN OUT``: the same records in another file format.

Records stream from the reader to the writer (`eventkit.iter_records`,
`eventkit.io.write_records`), so a JSON Lines file of any size converts in
bounded memory, and the writer's atomic write means a failure half way
leaves no partial file. Formats are the ones `eventkit.io` reads and writes,
and a Parquet dataset directory (a name ending ``.parquet``,
`eventkit.columnar`), written in batches of records, so JSON Lines larger
than memory convert to it too; on a terminal a progress bar counts the
records. What a format cannot hold is said in `CANNOT_HOLD`, the one place
to teach about a new format.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

import eventkit as ek
from eventkit.cli._common import UsageError, error
from eventkit.columnar._parquet import ParquetWriter, is_parquet
from eventkit.io import iter_records, read_dataset, write_records
from eventkit.io._files import file_format

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


def _kind(path: Path, option: str) -> str:
    if is_parquet(path):
        return "parquet"
    try:
        return file_format(path).kind
    except ek.ValidationError as err:
        msg = f"{option} {path}: {err.problems[0].message}"
        raise UsageError(msg) from None


def convert(
    source: Path, target: Path, console: Console, *, force: bool, keep_unknown: bool
) -> int:
    """Convert ``source`` into ``target``; print what was written; the exit status.

    Raises:
        UsageError: a format eventkit cannot tell, the same file twice, or a
            target that exists (without ``force``).
    """
    source_kind = _kind(source, "IN")
    target_kind = _kind(target, "OUT")
    if target.exists() and source.exists() and os.path.samefile(source, target):
        msg = f"IN and OUT are the same file: {source}"
        raise UsageError(msg)
    if target.exists() and not force:
        msg = f"OUT {target} exists; use --force to replace it"
        raise UsageError(msg)
    name: str | None = None
    existed = target.exists()
    try:
        if source_kind == "parquet":
            loaded_parquet = ek.Dataset.load(source, keep_unknown=keep_unknown)
            records: Iterator[ek.Record | ek.UnknownRecord] = iter(loaded_parquet)
            name = loaded_parquet.name
        elif source_kind == "jsonl":
            records = iter_records(source, keep_unknown=keep_unknown)
        else:  # a document is read whole anyway; reading it so gives its name
            loaded = read_dataset(source, lenient=True, keep_unknown=keep_unknown)
            bad = [p for p in loaded.report.problems if not p.code.endswith("_reference")]
            if bad:
                raise ek.ValidationError(bad, title=os.fsdecode(source))
            records, name = iter(loaded.records), loaded.name
        name = name or source.name.split(".")[0]
        if target_kind == "parquet":
            count = _to_parquet(source, target, records, name=name)
        else:
            count = write_records(target, records, name=name)
    except OSError as err:
        error(f"cannot convert {source} to {target}: {err.strerror or err}")
        return 1
    except ek.ValidationError as err:
        left = "is unchanged" if existed else "was not written"
        error(f"{source} was not converted; {target} {left}:")
        Console(stderr=True).print(str(err), markup=False, highlight=False, soft_wrap=True)
        return 1
    console.print(
        f"{target}: {count:,} record{'' if count == 1 else 's'} written from {source}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if name is not None and "name" in CANNOT_HOLD.get(target_kind, ()):
        console.print(
            f"not kept: the dataset name {name!r} ({target_kind} has no place for it)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    return 0


def _counted(records: Iterator[Any], progress: Progress) -> Iterator[Any]:
    task = progress.add_task("converting", total=None)
    for count, record in enumerate(records, 1):
        yield record
        if count % 10_000 == 0:
            progress.update(task, description=f"converting: {count:,} records")


def _to_parquet(source: Path, target: Path, records: Iterator[Any], *, name: str) -> int:
    """Write ``records`` as a Parquet dataset in batches, with a progress bar on a terminal."""
    show = sys.stderr.isatty() and source.is_file() and source.stat().st_size >= PROGRESS_FROM
    with ParquetWriter(target, name=name) as writer:
        if not show:
            writer.write(records)
        else:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            ) as progress:
                writer.write(_counted(records, progress))
    return writer.count
