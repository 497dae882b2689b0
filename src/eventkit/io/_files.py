"""File formats by suffix, and what reading and validating share."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import os
import zlib
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple, Protocol

import attrs

from eventkit._records import Record
from eventkit._shapes import JSON_LIMITS
from eventkit._unknown import UnknownRecord
from eventkit._utf8 import not_utf8
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "GZIP_ERRORS",
    "Entry",
    "FileFormat",
    "Reader",
    "Writer",
    "file_format",
    "gzip_problem",
    "name_text",
    "open_binary",
    "path_text",
    "undecodable_utf8",
    "utf16_file",
]

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


def name_text(name: str) -> str:
    r"""A file's name as a dataset's name: each lone surrogate U+FFFD.

    ``os.fsdecode`` makes each byte of a file name that is not UTF-8 a lone
    surrogate, which no JSON can hold.

    Examples:
        >>> import os
        >>> name_text(os.fsdecode(b"caf\xe9"))
        'caf�'
    """
    return JSON_LIMITS.surrogate.sub("\ufffd", name)


@attrs.frozen(kw_only=True)
class FileFormat:
    """How a file is written: JSON Lines or one JSON document, and gzip or not."""

    kind: Literal["jsonl", "json"]
    compressed: bool
    suffix: str

    def stem(self, path: str) -> str:
        """The file name without the format's suffix: ``seed`` for ``dir/seed.jsonl.gz``.

        As a dataset's name, it is `name_text`.
        """
        name = os.path.basename(path)
        return name_text(name[: len(name) - len(self.suffix)])


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as text, or a `TypeError` that says what a path must be.

    Examples:
        >>> from pathlib import Path
        >>> path_text(Path("data") / "seed.jsonl")
        'data/seed.jsonl'
        >>> path_text(b"seed.jsonl")
        Traceback (most recent call last):
        ...
        TypeError: a path is a str or an os.PathLike giving str, not bytes (os.fsdecode(path) turns bytes into str)
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    try:
        text: object = os.fspath(path)
    except TypeError:
        text = path
    if isinstance(text, str):
        return text
    hint = " (os.fsdecode(path) turns bytes into str)" if isinstance(text, bytes) else ""
    msg = f"a path is a str or an os.PathLike giving str, not {type(text).__name__}{hint}"
    raise TypeError(msg)


def file_format(path: str | os.PathLike[str]) -> FileFormat:
    """Return the format the suffix of ``path`` names.

    Raises:
        ValidationError: an unsupported suffix (code ``unsupported_format``).
        TypeError: ``path`` is not a path given as text (`path_text`).
    """
    path = path_text(path)
    name = os.path.basename(path).lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            kind, compressed = _SUFFIXES[suffix]
            return FileFormat(kind=kind, compressed=compressed, suffix=suffix)
    choices = ", ".join(_SUFFIXES)
    problem = Problem(
        code="unsupported_format",
        message=f"cannot tell the format from the file name; use one of {choices}",
        input=os.path.basename(path),
        file=path,
    )
    raise ValidationError([problem], title="file name")


@contextlib.contextmanager
def open_binary(path: str | os.PathLike[str], fmt: FileFormat) -> Iterator[Reader]:
    """``path`` opened for reading bytes, decompressed when ``fmt`` is compressed."""
    if fmt.compressed:
        with gzip.open(path, "rb") as stream:
            yield stream
    else:
        with open(path, "rb") as stream:
            yield stream


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


def undecodable_utf8(
    raw: bytes, start: int, *, compressed: bool, in_memory: bool = False
) -> str | None:
    r"""Say where ``raw`` is not UTF-8 (``start`` is its byte offset in what is read), or None.

    What is read is the file, its decompressed data, or (``in_memory``) text
    in memory, such as `eventkit.from_jsonl` reads; `eventkit._utf8.not_utf8`
    says what is wrong.

    Examples:
        >>> undecodable_utf8(b"\xff", 7, compressed=True)
        'not valid UTF-8: byte 0xff at byte offset 7 of the decompressed data (invalid start byte)'
    """
    if compressed:
        where = "of the decompressed data"
    else:
        where = "in the text" if in_memory else "in the file"
    return not_utf8(raw, start=start, where=where)


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def utf16_file(start: bytes) -> str | None:
    """Say that a file beginning with ``start`` is UTF-16 (by its byte order mark), or None.

    A byte offset would be no help with such a file: every other byte is 0.

    Examples:
        >>> utf16_file("{}".encode("utf-16"))
        'the file is UTF-16 (it starts with a UTF-16 byte order mark); eventkit reads UTF-8'
    """
    if start.startswith(_UTF16_BOMS):
        return "the file is UTF-16 (it starts with a UTF-16 byte order mark); eventkit reads UTF-8"
    return None


GZIP_ERRORS: tuple[type[Exception], ...] = (EOFError, gzip.BadGzipFile, zlib.error)
"""What reading a broken gzip stream raises: cut off, not gzip, or corrupt (a bad CRC)."""


def gzip_problem(error: Exception, *, file: str | None, line: int | None = None) -> Problem:
    """The problem of compressed data that cannot be read (one of `GZIP_ERRORS`).

    ``line``: the line of JSON Lines being read, which the data cut off
    (``truncated_line``) or broke in; a document has none.

    Examples:
        >>> gzip_problem(EOFError(), file="d.json.gz").message
        'the compressed data ends early: the file was probably cut off while being written'
        >>> gzip_problem(EOFError(), file="d.jsonl.gz", line=3).code
        'truncated_line'
    """
    if isinstance(error, EOFError):
        where = "early" if line is None else f"in the middle of line {line}"
        message = (
            f"the compressed data ends {where}: the file was probably cut off while being written"
        )
        code = "invalid_gzip" if line is None else "truncated_line"
        return Problem(code=code, message=message, file=file, line=line)
    message = f"not a valid gzip file: {error}"
    return Problem(code="invalid_gzip", message=message, file=file, line=line)
