"""Numbers JSON readers cannot hold as written: eventkit reports them where they are written.

JSON text may write any number, but orjson, like other readers, holds a
64-bit integer or a double. Two kinds of number it changes without a word:

- an integer outside -2**63 to 2**64 - 1 is read as the nearest float, and
  would be written back as that float: ``18446744073709551616`` comes back
  as ``1.8446744073709552e+19``;
- a number other than zero nearer zero than the smallest double is read as
  zero: ``1e-400`` comes back as ``0.0``.

A number field (``Quantity.value``) would take the changed value, and data
kept as it is (``keep_unknown=True``) would hold it: either way the value
would be changed without a word, so it is refused wherever it is
(`changed_numbers`).

The check must not slow correct input down, so it looks twice before it
reads: `may_write_changed_numbers` asks whether the text has a run of 19
digits or a negative exponent of three digits at all (in C, over the
bytes), and `may_hold_changed_numbers` whether the data holds a float
such a number becomes. Only then is the text read again, token by token
(not recursively: the text may nest deeply), each such number reported at
its path.

Numbers beyond a double (``1e999``, an integer of 309 digits or more):
orjson refuses the whole text. `read_beyond_doubles` reads it with ``null``
in their place, so the record around such a number is still named, checked
and reported, the number itself at its path (`Problem.loc`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import orjson

from eventkit._shapes import JSON_LIMITS
from eventkit.exceptions import Problem

__all__ = [
    "changed_numbers",
    "may_hold_changed_numbers",
    "may_write_changed_numbers",
    "read_beyond_doubles",
]

_WIDE = 2.0**63  # a float from an integer beyond 64 bits is at least this far from 0
# Each digit made "0", "E" "e", "-" kept and every other byte a space: a run of digits
# and a digit's negative exponent are then substrings.
_NUMERIC = bytes(
    0x30 if 0x30 <= byte <= 0x39 else byte if byte in b"e-" else 0x65 if byte == 0x45 else 0x20
    for byte in range(256)
)
_RUN = b"0" * 19  # the fewest digits an integer beyond 64 bits has: -9223372036854775809
# A negative exponent of three digits: the one way but a run of digits (0.000…) to write
# a number read as zero. Not e-5: eventkit writes small floats so.
_NEGATIVE_EXPONENT = b"0e-000"
# One token of JSON text (valid for orjson): a string with an optional ':' (a key),
# a number, or a bracket or comma; true, false, null and whitespace are skipped.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|-?[0-9][-+.0-9eE]*|[][{},]')


def may_write_changed_numbers(text: bytes) -> bool:
    """Whether JSON ``text`` may write a number reading changes (`changed_numbers`).

    A run of digits long enough for an integer beyond 64 bits, or a negative
    exponent of three digits: three passes in C over the bytes, a fraction
    of the time orjson takes to read them; a number in a string passes too,
    so this only rules out.

    Examples:
        >>> may_write_changed_numbers(b'[-9223372036854775809]')
        True
        >>> may_write_changed_numbers(b'[1e-400]'), may_write_changed_numbers(b'[1e-9, 1e300]')
        (True, False)
    """
    numeric = text.translate(_NUMERIC)
    return _RUN in numeric or _NEGATIVE_EXPONENT in numeric


def may_hold_changed_numbers(data: Any) -> bool:
    """Whether ``data`` (parsed by orjson) holds a float a changed number becomes.

    One with no fraction at or beyond 2**63 (an integer beyond 64 bits), or
    zero (a number nearer zero than the smallest double).

    Examples:
        >>> may_hold_changed_numbers({"a": [1.5, 2**63, 1e19]}), may_hold_changed_numbers([1.0])
        (True, False)
        >>> may_hold_changed_numbers({"a": -0.0})
        True
    """
    stack = [data]
    while stack:
        item = stack.pop()
        kind = item.__class__
        if kind is float:
            if item == 0.0 or (abs(item) >= _WIDE and item.is_integer()):
                return True
        elif kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
    return False


def _wide(literal: bytes) -> int | None:
    """The integer ``literal`` (a JSON number) writes if it is beyond 64 bits, else None."""
    if len(literal) < 20 or not literal.lstrip(b"-").isdigit():  # 2**63 has 19 digits
        return None
    value = int(literal)  # orjson refuses numbers of more than 308 digits: int() takes them
    low, high = JSON_LIMITS.integers  # what orjson reads as integers
    return None if low <= value <= high else value


def _below_doubles(literal: bytes) -> bool:
    """Whether ``literal`` (a JSON number) writes a number other than zero that reads as zero."""
    digits = literal.lower().partition(b"e")[0]
    return digits.strip(b"-+.0") != b"" and float(literal) == 0.0


def _numbers(text: bytes) -> Iterator[tuple[tuple[Any, ...], re.Match[bytes]]]:
    """Each number token of JSON ``text`` (valid, numbers aside), with its path."""
    path: list[Any] = []  # per open object its current key, per open array its current index
    for token in _TOKEN.finditer(text):
        first = text[token.start()]
        if first == ord('"'):
            if token[1] is not None:
                path[-1] = orjson.loads(text[token.start() : token.start(1)])
        elif first in b"{[":
            path.append(None if first == ord("{") else 0)
        elif first in b"}]":
            path.pop()
        elif first == ord(","):
            if type(path[-1]) is int:
                path[-1] += 1
        else:
            yield tuple(path), token


def changed_numbers(text: bytes) -> list[Problem]:
    """The numbers JSON ``text`` (valid for orjson) writes that reading changes, at their paths.

    Examples:
        >>> text = b'{"a": [1e19, 18446744073709551616], "b": {"c": -9223372036854775809}}'
        >>> [(p.path, p.code, p.input) for p in changed_numbers(text)]
        [('$.a[1]', 'out_of_range', 18446744073709551616), ('$.b.c', 'out_of_range', -9223372036854775809)]
        >>> [(p.path, p.input) for p in changed_numbers(b'[0.0, 1e-400, 0e-400, 5e-324]')]
        [('$[1]', '1e-400')]
        >>> changed_numbers(b'{"a": "18446744073709551616", "b": 18446744073709551615}')
        []
        >>> changed_numbers(b'[1e999, ' + b'9' * 309 + b']')  # not read at all
        []
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    wide = (
        "an integer beyond 64 bits (JSON readers and writers hold -2**63 to "
        "2**64 - 1): it is read as a float, so it cannot be kept as it was written"
    )
    tiny = (
        "a number nearer zero than JSON readers hold (a 64-bit float, down to about "
        "5e-324): it would be read as 0, so it cannot be kept as it was written"
    )
    found = []
    for path, token in _numbers(text):
        if _beyond_double(token[0]):
            continue  # not read at all: `read_beyond_doubles` says so
        value = _wide(token[0])
        if value is not None:
            found.append(Problem(loc=path, code="out_of_range", message=wide, input=value))
        elif _below_doubles(token[0]):
            found.append(
                Problem(loc=path, code="out_of_range", message=tiny, input=token[0].decode())
            )
    return found


def _beyond_double(literal: bytes) -> bool:
    """Whether ``literal`` (a JSON number) is beyond a double: read, it would be infinity."""
    try:
        return math.isinf(float(literal))
    except ValueError:  # not a number after all: the text is not JSON
        return False


def read_beyond_doubles(text: bytes) -> tuple[Any, list[Problem]] | None:
    """JSON ``text`` read with ``null`` for each number beyond a double, and their problems.

    None if ``text`` writes no such number, or is not JSON even without them.
    Each number is overwritten in place by ``null`` and spaces (it has at
    least five characters: ``1e309``), so the text keeps its length and
    every other byte; quotes and backslashes are untouched, so what is a
    string stays one.

    Examples:
        >>> data, found = read_beyond_doubles(b'{"id": "e1", "size": [1, -2e400]}')
        >>> data
        {'id': 'e1', 'size': [1, None]}
        >>> [(p.path, p.code, p.input) for p in found]
        [('$.size[1]', 'out_of_range', '-2e400')]
        >>> read_beyond_doubles(b'[1e300]'), read_beyond_doubles(b'[1e999, tru]')
        (None, None)
    """
    spans = [
        token.span()
        for token in _TOKEN.finditer(text)
        if text[token.start()] in b"-0123456789" and _beyond_double(token[0])
    ]
    if not spans:
        return None
    blanked = bytearray(text)
    for start, end in spans:
        blanked[start:end] = b"null".ljust(end - start)
    try:
        data = orjson.loads(blanked)
    except orjson.JSONDecodeError:
        return None
    message = (
        "a number beyond what JSON readers hold (a 64-bit float, up to about "
        "1.8e308): it would be read as infinity, so it cannot be kept as it was written"
    )
    starts = {start: text[start:end].decode() for start, end in spans}
    found = [
        Problem(loc=path, code="out_of_range", message=message, input=starts[token.start()])
        for path, token in _numbers(text)  # the tokens of the text read, numbers aside
        if token.start() in starts
    ]
    return data, found
