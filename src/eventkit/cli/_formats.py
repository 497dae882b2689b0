"""Which format a file of ``eventkit convert`` is in, and the other formats' readers and writers.

eventkit's own formats (JSON Lines, a JSON document, either gzipped, a
Parquet directory) are told by the file name's suffix, as everywhere else.
The formats of other event data (`INTEROP`) are named with ``--from`` and
``--to``; two suffixes say one of them unambiguously (``.jsonld``, and
GDELT's own ``.export.CSV``). A ``.csv`` or ``.tsv`` file may be ACLED's or
GDELT's, and a ``.json`` file read without ``--from`` is eventkit's own
document unless it is plainly not (a JSON array, a JSON-LD ``@context``):
those need ``--from``/``--to`` and get a usage error saying so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

import orjson

import eventkit as ek
from eventkit.cli._common import UsageError
from eventkit.columnar._parquet import is_parquet
from eventkit.exceptions import Problem
from eventkit.interop import ConversionReport, Imported
from eventkit.interop._text import parse_json, read_text
from eventkit.io._atomic import atomic_write
from eventkit.io._files import file_format

__all__ = ["INTEROP", "format_of", "read_interop", "write_interop"]

# _adapters: the adapter modules are imported when a conversion needs them, not
# with the command: importing them registers their event types (acled.event,
# gdelt.event), which every other command would then list as built in.

INTEROP: Final[dict[str, str]] = {
    "plover": "PLOVER/POLECAT JSON: a JSON array or JSON Lines (0.8 written)",
    "plover-0.5b1": "PLOVER in the 0.5b1 spelling of the gold-standard records",
    "acled": "ACLED CSV: either layout read, the current one written",
    "acled-2016": "ACLED CSV written in the 2016 API layout",
    "gdelt": "GDELT Events: tab-separated, no header (its .export.CSV);\n"
    "1.0 or 2.0 read, 2.0 written; --mentions FILE: its Mentions file,\n"
    "read or written with it",
    "jsonld": "a schema.org JSON-LD document (a .jsonld file)",
}
"""The formats of other event data ``--from`` and ``--to`` name, and what each is."""

_SUFFIXES: Final = {".jsonld": "jsonld", ".export.csv": "gdelt"}
_AMBIGUOUS: Final = {
    ".csv": "acled, acled-2016 or gdelt",
    ".tsv": "gdelt",
    ".mentions.csv": "gdelt, with the Events file as IN and this one as --mentions",
}


def format_of(path: Path, given: str | None, option: str) -> str:
    """The format of ``path``: ``given`` (``--from``/``--to``), else what its name says.

    Returns an `INTEROP` name, or eventkit's own kind (``jsonl``, ``json``,
    ``parquet``).

    Raises:
        UsageError: the name says no format, or one shared by several formats.
    """
    if given is not None:
        return given
    name = path.name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    for suffix in sorted(_AMBIGUOUS, key=len, reverse=True):
        if name.endswith(suffix):
            flag = "--from" if option == "IN" else "--to"
            msg = f"{option} {path}: a {suffix} file is in one of several formats; "
            msg += f"give {flag} {_AMBIGUOUS[suffix]}"
            raise UsageError(msg)
    if is_parquet(path):
        return "parquet"
    try:
        kind = file_format(path).kind
    except ek.ValidationError as err:
        flag = "--from" if option == "IN" else "--to"
        msg = (
            f"{option} {path}: {err.problems[0].message}, or .parquet (a directory of "
            f"Parquet tables), or name another format with {flag} FORMAT ({', '.join(INTEROP)})"
        )
        raise UsageError(msg) from None
    if option == "IN" and kind == "json" and not name.endswith(".gz"):
        _check_eventkit_document(path)
    return kind


def _check_eventkit_document(path: Path) -> None:
    """Refuse a ``.json`` IN that is plainly another format's, naming ``--from``."""
    try:
        with path.open("rb") as file:
            start = file.read(4096)
    except OSError:
        return  # reading it fails again, and is reported, when it is converted
    text = start.lstrip().decode("utf-8", "replace")
    if text.startswith("["):
        msg = (
            f"IN {path}: a JSON array, not an eventkit document; a PLOVER file? give --from plover"
        )
        raise UsageError(msg)
    if '"@context"' in text:
        msg = f"IN {path}: a JSON-LD document, not an eventkit one; give --from jsonld"
        raise UsageError(msg)


def read_interop(
    kind: str, path: Path, mentions: Path | None, *, coding_method: str | None = None
) -> Imported:
    """Read ``path`` (and GDELT's ``mentions``) in the `INTEROP` format ``kind``.

    ``coding_method`` is how PLOVER records were coded (`plover.read`'s ``method``).

    Raises:
        ValidationError: the file is not in that format at all (not JSON, not UTF-8).
        OSError: a file cannot be read.
    """
    from eventkit.interop import acled, gdelt, jsonld, plover  # noqa: PLC0415 - see _adapters

    if kind in ("plover", "plover-0.5b1"):
        return plover.load(path, method=coding_method)
    if kind in ("acled", "acled-2016"):
        return acled.read_csv(path)
    if kind == "gdelt":
        return gdelt.read_tsv(path, mentions)
    document = parse_json(read_text(path), os.fsdecode(path), 1)
    if not isinstance(document, dict):
        raise _unreadable(path, "a JSON-LD document is a JSON object")
    return jsonld.read(document)


def _unreadable(path: Path, message: str) -> ek.ValidationError:
    problem = Problem(code="invalid_value", message=message, file=os.fsdecode(path))
    return ek.ValidationError([problem], title=os.fsdecode(path))


def write_interop(
    kind: str, dataset: ek.Dataset, path: Path, mentions: Path | None
) -> list[ConversionReport]:
    """Write ``dataset`` to ``path`` (and GDELT's ``mentions``) in the `INTEROP` format ``kind``.

    Each file is written whole or not at all (a temporary file renamed into place).
    """
    from eventkit.interop import acled, gdelt, plover  # noqa: PLC0415 - see _adapters

    writers: list[tuple[Path, Callable[[Path], ConversionReport]]] = []
    if kind in ("plover", "plover-0.5b1"):
        version: plover.Version = "0.5b1" if kind == "plover-0.5b1" else "0.8"
        writers.append((path, lambda out: plover.dump(dataset, out, version=version)))
    elif kind in ("acled", "acled-2016"):
        layout: acled.Layout = "2016" if kind == "acled-2016" else "current"
        writers.append((path, lambda out: acled.write_csv(dataset, out, layout=layout)))
    elif kind == "gdelt":
        writers.append((path, lambda out: gdelt.write_tsv(dataset, out)))
        if mentions is not None:
            writers.append((mentions, lambda out: gdelt.write_mentions_tsv(dataset, out)))
    else:
        writers.append((path, lambda out: _write_jsonld(dataset, out)))
    reports = []
    with contextlib.ExitStack() as stack:  # every file written before any is put in place
        done = []
        for target, write in writers:
            folder = stack.enter_context(tempfile.TemporaryDirectory(dir=target.parent))
            written = Path(folder) / target.name
            reports.append(write(written))
            done.append((written, target))
        for written, target in done:
            with written.open("rb") as source, atomic_write(target) as out:
                shutil.copyfileobj(source, out)
    return reports


def _write_jsonld(dataset: ek.Dataset, path: Path) -> ConversionReport:
    from eventkit.interop import jsonld  # noqa: PLC0415 - see _adapters

    document, report = jsonld.write(dataset)
    path.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return report
