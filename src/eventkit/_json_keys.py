r"""Keys given twice in one JSON object: orjson keeps the last silently; eventkit reports them.

JSON leaves duplicate keys undefined and every fast parser keeps one value,
dropping the other without a word: a record with two ``"name"`` keys would
load with one of them. `duplicate_keys` finds them after ``orjson.loads``.

The check must not slow correct input down. First, the data is written
back with orjson: text written as orjson writes (eventkit's own files) comes
back byte for byte, and then no key can have been dropped. Otherwise two
counts are compared: the ``":`` of the text (one per key as JSON writers
write keys) and those of the data written back. Equal counts mean no key
was dropped; only when they differ (a key was dropped, or the text writes
keys unusually, as ``"a" :``, or a string holds ``\":``) is the text parsed
again with the standard library, which hands over every key with its
values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from eventkit._utf8 import encoded
from eventkit.exceptions import Problem

__all__ = [
    "duplicate_keys",
    "given_twice",
    "plain_json",
    "repeated",
    "repeated_key",
    "written_alike",
    "written_back",
]

Loc = tuple[str | int, ...]


class _Repeated(dict[str, Any]):
    """An object of the text, and the keys it gave more than once with all their values."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.repeated = repeated(pairs)


def repeated(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    """The keys ``pairs`` give more than once, each with all its values in order.

    Examples:
        >>> repeated([("a", 1), ("b", 2), ("a", 3)])
        {'a': [1, 3]}
    """
    seen: dict[Any, list[Any]] = {}
    for key, value in pairs:
        seen.setdefault(key, []).append(value)
    return {key: values for key, values in seen.items() if len(values) > 1}


def plain_json(value: Any, leaf: Callable[[Any], Any] | None = None) -> Any:
    """A copy of ``value`` as JSON gives data: every mapping a dict, every list or tuple a list.

    Used for a problem's input (the objects of the text are dict subclasses)
    and for data to be kept as it is (`eventkit.UnknownRecord`). Other values
    are left as they are, or made ``leaf`` of them. Not recursive: a value
    may nest deeper than the stack.

    Examples:
        >>> plain_json({"a": ({"b": 1},)})
        {'a': [{'b': 1}]}
        >>> plain_json({"a": [1.5, "x"]}, leaf=str)
        {'a': ['1.5', 'x']}
    """
    root = [value]
    work: list[tuple[Any, Any]] = [(root, 0)]
    while work:
        container, key = work.pop()
        item = container[key]
        if isinstance(item, Mapping):
            container[key] = plain = dict(item)
            work.extend((plain, child) for child in plain)
        elif isinstance(item, list | tuple):
            container[key] = items = list(item)
            work.extend((items, index) for index in range(len(items)))
        elif leaf is not None:
            container[key] = leaf(item)
    return root[0]


def repeated_key(loc: Loc, values: list[Any]) -> Problem:
    """The problem of a key given more than once in one object (its path ends with the key).

    Examples:
        >>> str(repeated_key(("identifiers", "wikidata"), ["Q1", "Q2"]))
        "$.identifiers.wikidata: the key 'wikidata' is given 2 times in one object; only one value could be kept, so none is, got ['Q1', 'Q2'] [duplicate_key]"
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    message = (
        f"the key {loc[-1]!r} is given {len(values)} times in one object; "
        "only one value could be kept, so none is"
    )
    return Problem(
        loc=loc, code="duplicate_key", message=message, input=[plain_json(v) for v in values]
    )


def _problems(value: Any, loc: Loc, found: list[Problem]) -> None:
    stack = [(value, loc)]
    while stack:  # not recursive: the text may nest deeply
        item, at = stack.pop()
        if isinstance(item, _Repeated):
            found.extend(repeated_key((*at, key), values) for key, values in item.repeated.items())
        if isinstance(item, dict):
            stack.extend((child, (*at, key)) for key, child in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((child, (*at, index)) for index, child in reversed(list(enumerate(item))))


def written_back(data: Any) -> bytes | None:
    """``data`` written by orjson, or None past its writing depth (254 levels)."""
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        return None


def written_alike(raw: bytes, echo: bytes) -> bool:
    r"""Whether ``raw`` is ``echo`` (the data it gave written back), but for trailing whitespace.

    Then orjson read it whole: no key was given twice, and no integer was
    read as a float (written back, it would be a float's text).

    Examples:
        >>> written_alike(b'{"a":1}\n', orjson.dumps({"a": 1}))
        True
        >>> written_alike(b'{"a": 1}', orjson.dumps({"a": 1}))
        False
    """
    return raw == echo or (raw.startswith(echo) and raw[len(echo) :].isspace())


def duplicate_keys(text: bytes | str, data: Any) -> list[Problem]:
    """The keys ``text`` gives twice in one object (``data`` is what orjson made of it).

    Examples:
        >>> text = '{"id": "a", "name": "Olaf", "name": "Olaf Scholz"}'
        >>> [str(p) for p in duplicate_keys(text, orjson.loads(text))]
        ["$.name: the key 'name' is given 2 times in one object; only one value could be kept, so none is, got ['Olaf', 'Olaf Scholz'] [duplicate_key]"]
        >>> duplicate_keys('{"id": "a"}', {"id": "a"})
        []
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    return given_twice(encoded(text), data, written_back(data))


def given_twice(raw: bytes, data: Any, echo: bytes | None) -> list[Problem]:
    """`duplicate_keys` of UTF-8 ``raw``, given ``data`` written back (`written_back`)."""
    if echo is not None:
        if written_alike(raw, echo):
            return []  # written as orjson writes it, every key is in data
        if raw.count(b'":') == echo.count(b'":'):
            return []
    try:
        exact = json.loads(raw, object_pairs_hook=_Repeated)
    except (ValueError, RecursionError):  # what orjson read, json may not: nothing to add
        return []
    found: list[Problem] = []
    _problems(exact, (), found)
    return found
