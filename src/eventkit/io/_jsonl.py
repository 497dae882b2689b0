"""JSON Lines: one record per line, read as a stream in bounded memory."""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Iterable, Iterator

import attrs
import orjson

from eventkit._records import Record
from eventkit._serialize import UnknownRecord, from_dict, to_dict
from eventkit.exceptions import Problem, ValidationError
from eventkit.io._files import Entry, Reader, Writer, undecodable_utf8

__all__ = ["MAX_LINE_BYTES", "scan_jsonl", "write_jsonl"]

MAX_LINE_BYTES = 16 * 1024 * 1024
"""The longest line read (16 MiB); a longer one is reported and skipped, unread."""

_BATCH = 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _problem(code: str, message: str, file: str, line: int) -> Problem:
    return Problem(code=code, message=message, file=file, line=line)


def _unparsable(
    raw: bytes,
    error: orjson.JSONDecodeError,
    *,
    start: int,
    complete: bool,
    compressed: bool,
    file: str,
    line: int,
) -> Problem:
    bad_utf8 = undecodable_utf8(raw, start, compressed=compressed)
    if not complete:
        # No newline at the end: the last line, cut off (a crash while writing),
        # unless it was whole and merely bad JSON with the final newline missing.
        cut_in_character = bad_utf8 is not None and "unexpected end of data" in bad_utf8
        # orjson counts characters, not bytes.
        cut_in_json = bad_utf8 is None and error.pos >= len(raw.rstrip().decode())
        if cut_in_json or cut_in_character:
            message = (
                "the last line is incomplete (no newline at its end, and not valid JSON): "
                "the file was probably cut off while being written"
            )
            return _problem("truncated_line", message, file, line)
    if bad_utf8 is not None:
        return _problem("invalid_encoding", bad_utf8, file, line)
    message = f"not valid JSON: {error.msg} at column {error.colno}"
    return _problem("invalid_json", message, file, line)


def _skip_rest_of_line(stream: Reader) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(MAX_LINE_BYTES)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def scan_jsonl(
    stream: Reader, *, file: str, compressed: bool, keep_unknown: bool = False
) -> Iterator[Entry]:
    """Yield an `Entry` for each non-blank line of ``stream``, reading line by line.

    A UTF-8 byte order mark is skipped; blank lines are skipped but counted.
    """
    offset = 0
    number = 0
    while True:
        try:
            raw = stream.readline(MAX_LINE_BYTES + 1)
        except EOFError:
            message = (
                f"the compressed data ends in the middle of line {number + 1}: "
                "the file was probably cut off while being written"
            )
            yield Entry(
                number + 1,
                None,
                None,
                [_problem("truncated_line", message, file, number + 1)],
                True,
            )
            return
        except (gzip.BadGzipFile, zlib.error) as error:
            message = f"not a valid gzip file: {error}"
            yield Entry(
                number + 1, None, None, [_problem("invalid_gzip", message, file, number + 1)], True
            )
            return
        if not raw:
            return
        number += 1
        start = offset
        offset += len(raw)
        if number == 1:
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
                start += len(codecs.BOM_UTF8)
            elif raw.startswith(_UTF16_BOMS):
                message = (
                    "the file is UTF-16 (it starts with a UTF-16 byte order mark); "
                    "eventkit reads UTF-8"
                )
                yield Entry(
                    number, None, None, [_problem("invalid_encoding", message, file, number)], True
                )
                return
        complete = raw.endswith(b"\n")
        if not complete and len(raw) > MAX_LINE_BYTES:
            offset += _skip_rest_of_line(stream)
            message = f"the line is longer than {MAX_LINE_BYTES} bytes and was not read"
            yield Entry(number, None, None, [_problem("line_too_long", message, file, number)])
            continue
        if raw.isspace():
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            problem = _unparsable(
                raw,
                error,
                start=start,
                complete=complete,
                compressed=compressed,
                file=file,
                line=number,
            )
            yield Entry(number, None, None, [problem])
            continue
        try:
            record = from_dict(Record, data, keep_unknown=keep_unknown)
        except ValidationError as error:
            problems = [attrs.evolve(p, file=file, line=number) for p in error.problems]
            yield Entry(number, data, None, problems)
            continue
        yield Entry(number, data, record, [])


def write_jsonl(stream: Writer, records: Iterable[Record | UnknownRecord]) -> int:
    """Write one compact JSON record per line; return how many were written."""
    batch: list[bytes] = []
    count = 0
    for record in records:
        batch.append(orjson.dumps(to_dict(record), option=orjson.OPT_APPEND_NEWLINE))
        if len(batch) == _BATCH:
            stream.write(b"".join(batch))
            count += len(batch)
            batch.clear()
    if batch:
        stream.write(b"".join(batch))
        count += len(batch)
    return count
