"""JSON Lines: one record per line, read as a stream in bounded memory.

This is the one reader and the one writer of JSON Lines: files
(`eventkit.iter_records`, `eventkit.validate_file`, `Dataset.load`) and text
in memory (`from_jsonl`, `to_jsonl`) go through `scan_jsonl` and
`write_jsonl`, so they give the same verdict and the same message for the
same line (where a file's message says "in the file", text in memory's says
"in the text").
"""

from __future__ import annotations

import codecs
import io
import itertools
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeVar, overload

import attrs
import orjson

from eventkit._codegen import REFUSALS
from eventkit._json_numbers import read_beyond_doubles
from eventkit._limits import current, over_limits
from eventkit._records import Record
from eventkit._serialize import (
    from_parsed,
    gc_paused,
    hidden,
    record_unstructurer,
    structure_record,
)
from eventkit._unknown import UnknownRecord
from eventkit.exceptions import Problem, ValidationError, _note_where
from eventkit.io._files import (
    GZIP_ERRORS,
    Entry,
    Reader,
    Writer,
    gzip_problem,
    undecodable_utf8,
    utf16_file,
)

__all__ = ["from_jsonl", "scan_jsonl", "to_jsonl", "write_jsonl"]

R = TypeVar("R", bound=Record)

_BATCH = 1024


def _problem(code: str, message: str, file: str | None, line: int) -> Problem:
    return Problem(code=code, message=message, file=file, line=line)


def _unparsable(
    raw: bytes,
    error: orjson.JSONDecodeError,
    *,
    start: int,
    complete: bool,
    compressed: bool,
    file: str | None,
    line: int,
) -> Problem:
    bad_utf8 = undecodable_utf8(raw, start, compressed=compressed, in_memory=file is None)
    if not complete:
        # No newline at the end: the last line, cut off (a crash while writing),
        # unless it was whole and merely bad JSON with the final newline missing.
        cut_in_character = bad_utf8 is not None and "unexpected end of data" in bad_utf8
        # orjson counts characters, not bytes.
        cut_in_json = bad_utf8 is None and error.pos >= len(raw.rstrip().decode())
        if cut_in_json or cut_in_character:
            whole = "the text" if file is None else "the file"
            message = (
                "the last line is incomplete (no newline at its end, and not valid JSON): "
                f"{whole} was probably cut off while being written"
            )
            return _problem("truncated_line", message, file, line)
    if bad_utf8 is not None:
        return _problem("invalid_encoding", bad_utf8, file, line)
    message = f"not valid JSON: {error.msg} at column {error.colno}"
    return _problem("invalid_json", message, file, line)


def _skip_rest_of_line(stream: Reader, size: int) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(size)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def scan_jsonl(  # noqa: PLR0912, PLR0915 - one loop per line, kept whole: it runs per record
    stream: Reader,
    *,
    file: str | None,
    compressed: bool,
    keep_unknown: bool = False,
    base: type[Record] = Record,
) -> Iterator[Entry]:
    """Yield an `Entry` for each non-blank line of ``stream``, reading line by line.

    A UTF-8 byte order mark is skipped; blank lines are skipped but counted.
    Each record must be a ``base``. ``file`` is None for text in memory.
    """
    offset = number = 0
    loads, dumps, fast, hidden_in = orjson.loads, orjson.dumps, structure_record, hidden
    make = tuple.__new__
    bounds = current()
    longest = bounds.max_line_bytes
    # A line shorter than the longest string allowed cannot hold a longer one.
    # Depth needs no scan here: a record of a known type is refused at the
    # first value of the wrong shape, and data kept as it is gets checked.
    short = bounds.max_string
    while True:
        try:
            raw = stream.readline(longest + 1)
            if not number and raw.startswith(codecs.BOM_UTF8) and not raw.endswith(b"\n"):
                # The mark is not part of the first line: read as many bytes more.
                raw += stream.readline(len(codecs.BOM_UTF8))
        except GZIP_ERRORS as error:
            problem = gzip_problem(error, file=file, line=number + 1)
            yield Entry(number + 1, None, None, [problem], True)
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
            elif message := utf16_file(raw):
                yield Entry(
                    number, None, None, [_problem("invalid_encoding", message, file, number)], True
                )
                return
        if len(raw) > longest and not raw.endswith(b"\n"):
            message = (
                f"the line is longer than {longest:,} bytes and was not read "
                "(the limit is eventkit.limits(max_line_bytes=...))"
            )
            too_long = _problem("line_too_long", message, file, number)
            try:
                offset += _skip_rest_of_line(stream, longest)
            except GZIP_ERRORS as error:
                broken = gzip_problem(error, file=file, line=number)
                yield Entry(number, None, None, [too_long, broken], True)
                return
            yield Entry(number, None, None, [too_long])
            continue
        if raw.isspace():
            continue
        beyond: list[Problem] | None = None  # numbers orjson cannot read, if any
        try:
            data = loads(raw)
        except orjson.JSONDecodeError as error:
            read = read_beyond_doubles(raw)
            if read is None:
                problem = _unparsable(
                    raw,
                    error,
                    start=start,
                    complete=raw.endswith(b"\n"),
                    compressed=compressed,
                    file=file,
                    line=number,
                )
                yield Entry(number, None, None, [problem])
                continue
            data, beyond = read
        if len(raw) > short:
            refused = over_limits(data, raw)
            if refused:
                yield Entry(number, data, None, _located(refused, file, number, data))
                continue
        record: Record | UnknownRecord | None
        try:
            record = fast(data, base) if beyond is None else None
        except REFUSALS:
            record = None
        except Exception as error:  # a bug, in a user's validator say: where it met, noted
            _note_where(error, data, file=file, line=number)
            raise
        # A key given twice is lost by any JSON reader, and some numbers are
        # changed (eventkit._json_keys, eventkit._json_numbers).
        # A line that is its data written back, as eventkit writes it, hid
        # neither: that common case is one write and one comparison here.
        try:
            echoed = record is not None and raw == dumps(data, option=orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:  # nested deeper than orjson writes
            echoed = False
        if not echoed:
            repeated, changed = hidden_in(raw, data)
            if record is None or repeated or changed is not None:
                try:
                    record = from_parsed(
                        base,
                        data,
                        repeated,
                        changed,
                        keep_unknown=keep_unknown,
                        beyond=beyond or (),
                    )
                except ValidationError as error:
                    problems = [attrs.evolve(p, file=file, line=number) for p in error.problems]
                    yield Entry(number, data, None, problems)
                    continue
                except Exception as error:
                    _note_where(error, data, file=file, line=number)
                    raise
        # tuple.__new__ builds the entry in C: this runs once per record.
        yield make(Entry, (number, data, record, [], False))


def _located(problems: list[Problem], file: str | None, line: int, data: Any) -> list[Problem]:
    record = data.get("id") if type(data) is dict else None
    record = record if isinstance(record, str) else None
    return [attrs.evolve(p, file=file, line=line, record=p.record or record) for p in problems]


def write_jsonl(stream: Writer, records: Iterable[Any]) -> int:
    """Write one compact JSON record per line; return how many were written."""
    dumps = orjson.dumps
    unstructurers: dict[type, Callable[[Any], Any]] = {}
    # Records are written a batch at a time, appended to one buffer: measured
    # fastest, and a generator of millions never builds a list of them.
    count = 0
    batch = bytearray()
    remaining = iter(records)
    while chunk := list(itertools.islice(remaining, _BATCH)):
        for record in chunk:
            unstructure = unstructurers.get(record.__class__)
            if unstructure is None:
                unstructure = unstructurers[record.__class__] = record_unstructurer(
                    record.__class__
                )
            batch += dumps(unstructure(record))
            batch += b"\n"
        stream.write(batch)
        batch.clear()
        count += len(chunk)
    return count


_TEXT_ONLY: Any = object()  # the deprecated call from_jsonl(text)


@overload
def from_jsonl(
    cls: type[R], text: str | bytes, *, keep_unknown: Literal[False] = ...
) -> list[R]: ...
@overload
def from_jsonl(
    cls: type[R], text: str | bytes, *, keep_unknown: bool
) -> list[R | UnknownRecord]: ...
def from_jsonl(cls: Any, text: Any = _TEXT_ONLY, *, keep_unknown: bool = False) -> list[Any]:
    r"""Load every record of a JSON Lines text, in order (blank lines are skipped).

    The bulk counterpart of `eventkit.from_json`, and read exactly as files
    are read (`eventkit.iter_records`): the same messages for the same lines,
    a byte order mark skipped, lines split at ``\n`` only. Each line's
    ``type`` tag picks its class, which must be ``cls`` or a subclass of it
    (`eventkit.Record` for any record). The collector is paused while the
    records are built.

    Args:
        cls: the class every record must be (or a base of it).
        text: the JSON Lines, as ``str`` or UTF-8 ``bytes``.
        keep_unknown: return an `UnknownRecord` for a record of a type or
            with fields this eventkit does not know, instead of a problem.

    Raises:
        ValidationError: every problem of every bad line, each with its line
            number; the good lines are not returned then.
        TypeError: ``cls`` is not a record class, or ``text`` is not text.

    ``from_jsonl(text)``, without the class, is deprecated: it reads as
    ``from_jsonl(ek.Record, text)`` and warns.

    Examples:
        >>> import eventkit as ek
        >>> text = '{"type":"actor","id":"a","name":"A","kind":"person"}\n\n'
        >>> [r.id for r in ek.from_jsonl(ek.Record, text)]
        ['a']
        >>> ek.from_jsonl(ek.Event, '{"type":"actor","id":"a"}\n{"type":"actor"')
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 2 problems in JSON Lines
          line 1: record 'a': $.type: type 'actor' is an Actor, not an Event, got 'actor' [wrong_type]
          line 2: $: the last line is incomplete (no newline at its end, and not valid JSON): the text was probably cut off while being written [truncated_line]
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    if text is _TEXT_ONLY and isinstance(cls, str | bytes | bytearray):
        message = (
            "from_jsonl(text) is deprecated: pass the class of the records first, "
            "from_jsonl(ek.Record, text), as for from_json"
        )
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        cls, text = Record, cls
    if not (isinstance(cls, type) and issubclass(cls, Record)):
        msg = f"from_jsonl reads records: pass a record class such as ek.Record first, not {cls!r}"
        raise TypeError(msg)
    if isinstance(text, str):
        # Lone surrogates cannot be UTF-8: kept as bytes that say so, reported per line.
        text = text.encode("utf-8", "surrogatepass")
    if not isinstance(text, bytes | bytearray):
        msg = f"from_jsonl reads str or bytes, not {type(text).__name__}"
        raise TypeError(msg)
    records: list[Any] = []
    problems: list[Problem] = []
    with gc_paused():
        for entry in scan_jsonl(
            io.BytesIO(text), file=None, compressed=False, keep_unknown=keep_unknown, base=cls
        ):
            problems.extend(entry.problems)
            if entry.record is not None:
                records.append(entry.record)
    if problems:
        raise ValidationError(problems, title="JSON Lines")
    return records


def to_jsonl(records: Iterable[Any]) -> str:
    r"""Return records as JSON Lines text: one compact record per line.

    A ``str``, as `eventkit.to_json` returns; to write a file, use
    `eventkit.Dataset.save` or `eventkit.io.write_records`, which write
    UTF-8 bytes without the detour.

    Examples:
        >>> import eventkit as ek
        >>> ek.to_jsonl([ek.Actor(id="a", name="A", kind="person")])
        '{"type":"actor","id":"a","name":"A","kind":"person"}\n'
    """
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        msg = f"to_jsonl writes an iterable of records, not {type(records).__name__}"
        raise TypeError(msg)
    out = io.BytesIO()
    write_jsonl(out, records)
    return out.getvalue().decode()
