"""Records kept verbatim because this eventkit cannot read them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from eventkit._json_keys import plain_json
from eventkit._limits import over_limits
from eventkit._shapes import FrozenDict, key_problem, scalar_problem
from eventkit.checks import record_id
from eventkit.exceptions import Problem, ValidationError

__all__ = ["UnknownRecord", "freeze", "thaw", "unkeepable", "unwritable"]


def _value_problem(value: Any) -> tuple[str, str] | None:
    """The code and message for a value JSON cannot hold exactly, None for one it can."""
    kind = value.__class__
    if kind is str or kind is int or kind is float:
        return scalar_problem(value)
    if value is None or kind is bool:
        return None
    return "invalid_type", f"expected JSON data, not a Python {type(value).__name__}"


def unwritable(data: Any) -> list[Problem]:
    """Problems for the values in ``data`` JSON cannot hold exactly, at their paths.

    JSON data is ``None``, ``bool``, ``int`` within 64 bits, finite
    ``float``, ``str`` without lone surrogates, ``list`` and ``dict`` with
    such ``str`` keys: exactly those classes, no subclass. Data to be kept as
    it is must be, or writing it would fail or change it (NaN written as
    ``null``). Not recursive: the depth is for `over_limits` to bound.

    Examples:
        >>> [(p.path, p.code) for p in unwritable({"a": [1, float("nan")], "b": 2**64})]
        [('$.a[1]', 'invalid_value'), ('$.b', 'out_of_range')]
        >>> unwritable({"a": [None, True, -1.5, "é"]})
        []
    """
    found: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        item, loc = stack.pop()
        kind = item.__class__
        if kind is list:
            stack.extend((child, (*loc, index)) for index, child in enumerate(item))
            continue
        if kind is not dict:
            wrong = _value_problem(item)
            if wrong is not None:
                found.append(Problem(loc=loc, code=wrong[0], message=wrong[1], input=item))
            continue
        for key, child in item.items():
            wrong = key_problem(key)
            if wrong is not None:
                found.append(Problem(loc=loc, code=wrong[0], message=wrong[1], input=key))
            else:
                stack.append((child, (*loc, key)))
    found.sort(key=lambda problem: [str(step) for step in problem.loc])
    return found


def unkeepable(data: dict[str, Any]) -> list[Problem]:
    """Why ``data``, a JSON object, cannot be kept as a record as it is; empty when it can.

    A record kept as it is (`UnknownRecord`) is written back as it was
    given, and read back as it was written: it needs a type tag (text) and a
    valid id, data within the limits, and only values JSON holds exactly
    (`unwritable`). Values are looked at only in data within the limits, so
    that walk is bounded.

    Examples:
        >>> [(p.path, p.code) for p in unkeepable({"type": "acme.rally", "size": float("nan")})]
        [('$.size', 'invalid_value'), ('$.id', 'missing')]
        >>> unkeepable({"type": "acme.rally", "id": "r1", "size": 3})
        []
    """
    found = over_limits(data) or unwritable(data)
    placed = {problem.loc for problem in found}
    if "type" not in data:
        message = "required field missing: a record kept as it is needs its type tag"
        found.append(Problem(loc=("type",), code="missing", message=message))
    elif ("type",) not in placed and data["type"].__class__ is not str:
        tag = data["type"]
        message = f"expected a type tag (a string), not a Python {type(tag).__name__}"
        found.append(Problem(loc=("type",), code="invalid_type", message=message, input=tag))
    if ("id",) in placed:
        return found
    if "id" not in data:
        message = "required field missing: a record kept as it is needs its id"
        return [*found, Problem(loc=("id",), code="missing", message=message)]
    bad_id = record_id(data["id"])
    if bad_id is None:
        return found
    message = f"a record kept as it is needs a valid id: {bad_id[0].message}"
    return [*found, Problem(loc=("id",), code=bad_id[0].code, message=message, input=data["id"])]


def freeze(data: Any) -> Any:
    """A deep, immutable copy of JSON data: objects as `FrozenDict`, arrays as tuples."""
    if isinstance(data, Mapping):
        return FrozenDict({key: freeze(value) for key, value in data.items()})
    if isinstance(data, list | tuple):
        return tuple(freeze(item) for item in data)
    return data


def thaw(data: Any) -> Any:
    """JSON data back from `freeze`: new dicts and lists the caller may change."""
    if isinstance(data, Mapping):
        return {key: thaw(value) for key, value in data.items()}
    if isinstance(data, tuple):
        return [thaw(item) for item in data]
    return data


def _frozen(data: Mapping[str, Any]) -> Mapping[str, Any]:
    # JSON data as parsed, or the frozen data of another record (attrs.evolve).
    plain = plain_json(data) if isinstance(data, FrozenDict) else data
    if plain.__class__ is not dict:
        message = f"expected the record's data as a dict, not a Python {type(data).__name__}"
        problem = Problem(code="invalid_type", message=message, input=data)
        raise ValidationError([problem], title="UnknownRecord")
    found = unkeepable(plain)  # freezing recurses: this first bounds the depth
    if found:
        record = plain.get("id")
        title = "UnknownRecord" if record_id(record) else f"UnknownRecord {record!r}"
        raise ValidationError(found, title=title)
    return freeze(plain)  # type: ignore[no-any-return]


def _problems(problems: Any) -> tuple[Problem, ...]:
    return tuple(problems)


@attrs.frozen(kw_only=True)
class UnknownRecord:
    """A record kept verbatim because this eventkit could not read it.

    Returned by ``from_dict(..., keep_unknown=True)`` for data with a type
    tag no installed class claims, or with fields the class does not have
    (data written by a newer eventkit or a plugin not installed here).
    `eventkit.to_dict` gives the data back unchanged, so nothing is lost. The
    data is copied and frozen: changing the dict it came from changes nothing
    here, and the record is hashable and pickles.

    Made in code, ``data`` must be what loading keeps (`unkeepable`): a dict
    of JSON data (dicts with string keys, lists, strings, integers within 64
    bits, finite floats, booleans, None) with a type tag and a valid id, or
    the ``data`` of another `UnknownRecord`; else `ValidationError` names
    each value at its path. So what is made is written and read back as it
    was.

    Examples:
        >>> import eventkit as ek
        >>> r = ek.from_dict(ek.Record, {"type": "acme.rally", "id": "r1", "size": 3},
        ...                  keep_unknown=True)
        >>> r.tag, r.id, ek.to_json(r)
        ('acme.rally', 'r1', '{"type":"acme.rally","id":"r1","size":3}')
        >>> ek.UnknownRecord(data={"type": "acme.rally", "id": "r1", "size": float("nan")})
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in UnknownRecord 'r1'
          $.size: must be a finite number, got nan [invalid_value]
    """

    data: Mapping[str, Any] = attrs.field(converter=_frozen)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problems, eq=False)

    @property
    def tag(self) -> Any:
        """The type tag in the data."""
        return self.data.get("type")

    @property
    def id(self) -> Any:
        """The id in the data, if any."""
        return self.data.get("id")

    def to_dict(self) -> dict[str, Any]:
        """The data as it was read: a new dict the caller may change."""
        return thaw(self.data)  # type: ignore[no-any-return]
