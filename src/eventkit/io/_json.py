"""The single-document format: ``{"type": "eventkit.dataset", "version": 1, ...}``.

A document holds a header and every record in one JSON object::

    {"type":"eventkit.dataset","version":1,"name":"seed","records":[
    {"type":"actor","id":"olaf-scholz",...},
    {"type":"phone_call","id":"call-2024-11-15",...}
    ]}

Each record is written on a line of its own, so documents diff cleanly.
Reading a document reads it whole (use JSON Lines for files larger than
memory).

Version policy: ``version`` is the version of this document layout, an
integer. It changes only when the layout around the records changes (a new
required key, a different meaning of a key). Readers read every version up to
their own and refuse newer ones with a clear error. Records inside follow the
record rules (new fields need defaults; tags are never reused), not this number.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import orjson

from eventkit._json_keys import duplicate_keys
from eventkit._json_numbers import (
    changed_numbers,
    may_write_changed_numbers,
    read_beyond_doubles,
)
from eventkit._limits import current, over_limits
from eventkit._records import Record
from eventkit._serialize import from_parsed, to_dict
from eventkit._shapes import lone_surrogate
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

__all__ = [
    "DOCUMENT_TYPE",
    "FORMAT_VERSION",
    "document_entries",
    "scan_document",
    "write_document",
]

DOCUMENT_TYPE = "eventkit.dataset"
FORMAT_VERSION = 1
_HEADER_KEYS = frozenset({"type", "version", "name", "records"})


def _header_problem(
    code: str, loc: tuple[str, ...], message: str, value: Any, file: str | None
) -> Problem:
    return Problem(loc=loc, code=code, message=message, input=value, file=file)


def _header(document: Any, file: str | None) -> tuple[list[Problem], bool]:  # noqa: PLR0911 -- checks in order
    """Return the header's problems, and whether they make the records unreadable."""
    if type(document) is not dict:
        message = (
            f'expected a dataset document {{"type": "{DOCUMENT_TYPE}", "version": '
            f'{FORMAT_VERSION}, "records": [...]}}'
        )
        return [_header_problem("invalid_type", (), message, document, file)], True
    kind = document.get("type")
    if kind != DOCUMENT_TYPE:
        problem = _header_problem(
            "invalid_value",
            ("type",),
            f"expected {DOCUMENT_TYPE!r}: not an eventkit dataset",
            kind,
            file,
        )
        return [problem], True
    version = document.get("version")
    if type(version) is not int or version < 1:
        message = "expected the format version, a positive integer"
        return [_header_problem("invalid_value", ("version",), message, version, file)], True
    if version > FORMAT_VERSION:
        message = (
            f"format version {version} is newer than this eventkit reads ({FORMAT_VERSION}); "
            "upgrade eventkit to read this file"
        )
        return [_header_problem("unsupported_version", ("version",), message, version, file)], True
    records = document.get("records")
    if type(records) is not list:
        if "records" not in document:
            problem = Problem(
                loc=("records",), code="missing", message="required field missing", file=file
            )
            return [problem], True
        message = "expected a list of records"
        return [_header_problem("invalid_type", ("records",), message, records, file)], True
    problems = [
        _header_problem(
            "unknown_field", (key,), "unknown field for a dataset document", document[key], file
        )
        for key in document
        if key not in _HEADER_KEYS
    ]
    name = document.get("name")
    if name is not None and type(name) is not str:
        problems.append(_header_problem("invalid_type", ("name",), "expected a string", name, file))
    return problems, False


def scan_document(
    stream: Reader, *, file: str, compressed: bool, keep_unknown: bool = False
) -> tuple[str | None, Iterator[Entry]]:
    """Read a whole document; return its name and an `Entry` per record.

    Header problems come first, as an entry with ``pos`` 0.
    """
    try:
        raw = stream.read()
    except GZIP_ERRORS as error:
        return None, iter([Entry(0, None, None, [gzip_problem(error, file=file)], True)])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    beyond: list[Problem] = []  # numbers orjson cannot read, if any
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        read = read_beyond_doubles(raw)
        if read is None:
            problem = _unreadable(raw, error, file=file, compressed=compressed)
            return None, iter([Entry(0, None, None, [problem], True)])
        document, beyond = read
    problems, fatal = _header(document, file)
    # Keys given twice and numbers beyond a double: in a record, that
    # record's problems; around the records, the header's.
    repeated, around = _by_record(duplicate_keys(raw, document))
    too_large, around_too = _by_record(beyond)
    # What the header's check says of the null standing in for such a number is not said.
    stand_ins = {problem.loc for problem in around_too}
    problems = [problem for problem in problems if problem.loc not in stand_ins]
    problems.extend(attrs.evolve(problem, file=file) for problem in [*around, *around_too])
    name = document.get("name") if not fatal and type(document.get("name")) is str else None
    # Strings beyond the limit are looked for only in a document long enough
    # to hold one, record by record as in JSON Lines; data kept as it is is
    # checked for depth where it is kept.
    walk = not fatal and len(raw) > current().max_string
    changed = _ChangedNumbers(raw) if may_write_changed_numbers(raw) else None
    return name, _entries(
        document,
        problems,
        fatal,
        repeated,
        walk=walk,
        file=file,
        keep_unknown=keep_unknown,
        changed=changed,
        beyond=too_large,
    )


def _unreadable(
    raw: bytes, error: orjson.JSONDecodeError, *, file: str, compressed: bool
) -> Problem:
    """The problem of a document orjson refused: not UTF-8 (or UTF-16), or else not JSON."""
    message = utf16_file(raw) or undecodable_utf8(raw, 0, compressed=compressed)
    if message is not None:
        return Problem(code="invalid_encoding", message=message, file=file)
    message = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    if error.pos >= len(raw.rstrip()):
        message += ": the document ends early (was the file cut off while being written?)"
    return Problem(code="invalid_json", message=message, file=file)


def _by_record(problems: Iterable[Problem]) -> tuple[dict[int, list[Problem]], list[Problem]]:
    """Problems found in a document's text: in a record (by index, at paths in it), or not."""
    inside: dict[int, list[Problem]] = {}
    around: list[Problem] = []
    for problem in problems:
        loc = problem.loc
        if len(loc) > 2 and loc[0] == "records" and isinstance(loc[1], int):
            inside.setdefault(loc[1], []).append(attrs.evolve(problem, loc=loc[2:]))
        else:
            around.append(problem)
    return inside, around


class _ChangedNumbers:
    """The numbers reading changed in each record of a document's text (`changed_numbers`).

    The text is read for them once, when a record first asks: only a record
    holding a float such a number becomes ever does.
    """

    __slots__ = ("_found", "_text")

    def __init__(self, text: bytes) -> None:
        self._text = text
        self._found: dict[int, list[Problem]] | None = None

    def of(self, index: int) -> list[Problem]:
        """Those of record ``index``, at paths in it."""
        if self._found is None:
            self._found, _ = _by_record(changed_numbers(self._text))
        return self._found.get(index, [])


def document_entries(document: Any, *, keep_unknown: bool) -> tuple[str | None, Iterator[Entry]]:
    """The records of data in memory as `Entry` objects, as `scan_document` gives a file's.

    ``document`` is a dataset document (``{"type": "eventkit.dataset",
    "version": 1, "records": [...]}``), just its records (``{"records":
    [...]}``, other keys reported as unknown), or a list of records. Paths are
    ``$.records[i]…`` in every case.
    """
    if type(document) is list:
        document = {"type": DOCUMENT_TYPE, "version": FORMAT_VERSION, "records": document}
    elif type(document) is dict and "type" not in document and "version" not in document:
        document = {"type": DOCUMENT_TYPE, "version": FORMAT_VERSION, **document}
    problems, fatal = _header(document, None)
    name = document.get("name") if not fatal and type(document.get("name")) is str else None
    found = _entries(
        document, problems, fatal, {}, walk=False, file=None, keep_unknown=keep_unknown
    )
    return name, found


def _in_record(problems: Iterable[Problem], index: int, file: str | None) -> list[Problem]:
    return [attrs.evolve(p, file=file, loc=("records", index, *p.loc)) for p in problems]


def _entries(
    document: Any,
    header: list[Problem],
    fatal: bool,
    repeated: dict[int, list[Problem]],
    *,
    walk: bool,
    file: str | None,
    keep_unknown: bool,
    changed: _ChangedNumbers | None = None,
    beyond: Mapping[int, list[Problem]] | None = None,
) -> Iterator[Entry]:
    if header:
        yield Entry(0, None, None, header, fatal)
    if fatal:
        return
    for index, data in enumerate(document["records"]):
        refused = over_limits(data) if walk else []
        if refused:
            yield Entry(index + 1, data, None, _in_record(refused, index, file))
            continue
        in_text = None if changed is None else functools.partial(changed.of, index)
        try:
            record = from_parsed(
                Record,
                data,
                repeated.get(index, []),
                in_text,
                keep_unknown=keep_unknown,
                beyond=() if beyond is None else beyond.get(index, ()),
            )
        except ValidationError as error:
            yield Entry(index + 1, data, None, _in_record(error.problems, index, file))
            continue
        except Exception as error:  # a bug, in a user's validator say: where it met, noted
            _note_where(error, data, loc=("records", index), file=file)
            raise
        yield Entry(index + 1, data, record, [])


def _check_name(name: object) -> None:
    """Refuse a dataset name a document cannot hold: not text, or not valid Unicode."""
    if type(name) is not str:
        problem = Problem(
            loc=("name",), code="invalid_type", message="expected a string", input=name
        )
        raise ValidationError([problem], title="dataset name")
    message = lone_surrogate(name)
    if message is not None:
        problem = Problem(loc=("name",), code="invalid_value", message=message, input=name)
        raise ValidationError([problem], title="dataset name")


def write_document(
    stream: Writer, records: Iterable[Record | UnknownRecord], *, name: str | None = None
) -> int:
    """Write a dataset document, one record per line; return how many records were written.

    Raises:
        ValidationError: ``name`` is not text JSON can hold (a lone surrogate).
    """
    header: dict[str, Any] = {"type": DOCUMENT_TYPE, "version": FORMAT_VERSION}
    if name is not None:
        _check_name(name)
        header["name"] = name
    head = orjson.dumps(header)
    stream.write(head[:-1] + b',"records":[')
    count = 0
    for record in records:
        stream.write(b"\n" if count == 0 else b",\n")
        stream.write(orjson.dumps(to_dict(record)))
        count += 1
    stream.write(b"\n]}\n")
    return count
