"""File formats by suffix, and what reading and validating share."""

from __future__ import annotations

import os
from typing import Any, Literal, NamedTuple, Protocol

import attrs

from eventkit._records import Record
from eventkit._unknown import UnknownRecord
from eventkit.exceptions import Problem, ValidationError

__all__ = ["Entry", "FileFormat", "Reader", "Writer", "file_format"]

_SUFFIXES: dict[str, tuple[Literal["jsonl", "json"], bool]] = {
    ".jsonl": ("jsonl", False),
    ".ndjson": ("jsonl", False),
    ".json": ("json", False),
    ".jsonl.gz": ("jsonl", True),
    ".ndjson.gz": ("jsonl", True),
    ".json.gz": ("json", True),
}


class Reader(Protocol):
    """A binary stream read from: a file, or a gzip stream."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class Writer(Protocol):
    """A binary stream written to: a file, or a gzip stream."""

    def write(self, data: bytes | bytearray, /) -> int: ...


@attrs.frozen(kw_only=True)
class FileFormat:
    """How a file is written: JSON Lines or one JSON document, and gzip or not."""

    kind: Literal["jsonl", "json"]
    compressed: bool
    suffix: str

    def stem(self, path: str) -> str:
        """The file name without the format's suffix: ``seed`` for ``dir/seed.jsonl.gz``."""
        name = os.path.basename(path)
        return name[: len(name) - len(self.suffix)]


def file_format(path: str | os.PathLike[str]) -> FileFormat:
    """Return the format the suffix of ``path`` names.

    Raises:
        ValidationError: an unsupported suffix (code ``unsupported_format``).
    """
    name = os.path.basename(os.fspath(path)).lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            kind, compressed = _SUFFIXES[suffix]
            return FileFormat(kind=kind, compressed=compressed, suffix=suffix)
    choices = ", ".join(_SUFFIXES)
    problem = Problem(
        code="unsupported_format",
        message=f"cannot tell the format from the file name; use one of {choices}",
        input=os.path.basename(os.fspath(path)),
        file=os.fsdecode(path),
    )
    raise ValidationError([problem], title="file name")


class Entry(NamedTuple):
    """One record's worth of a file: a line of JSON Lines, an item of a document.

    ``pos`` is the line number (JSON Lines) or 1-based item number
    (documents; 0 for the document's header). ``problems`` are located
    (file, line or path) already. ``fatal`` means nothing after it can be read.
    """

    pos: int
    data: Any
    record: Record | UnknownRecord | None
    problems: list[Problem]
    fatal: bool = False


def undecodable_utf8(raw: bytes, start: int, *, compressed: bool) -> str | None:
    """Say where ``raw`` is not UTF-8 (``start`` is its byte offset in the file), or None."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        where = "of the decompressed data" if compressed else "in the file"
        byte = raw[error.start : error.start + 1].hex()
        offset = start + error.start
        return f"not valid UTF-8: byte 0x{byte} at byte offset {offset} {where} ({error.reason})"
    return None
