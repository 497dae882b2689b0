"""Records kept verbatim because this eventkit cannot read them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from eventkit._limits import over_limits
from eventkit._shapes import FrozenDict
from eventkit.exceptions import Problem, ValidationError

__all__ = ["UnknownRecord", "freeze", "thaw"]


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
    beyond = over_limits(data)  # freezing recurses: data nested too deep would overflow it
    if beyond:
        raise ValidationError(beyond, title="UnknownRecord")
    return freeze(data)  # type: ignore[no-any-return]


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

    Examples:
        >>> import eventkit as ek
        >>> r = ek.from_dict(ek.Record, {"type": "acme.rally", "id": "r1", "size": 3},
        ...                  keep_unknown=True)
        >>> r.tag, r.id, ek.to_json(r)
        ('acme.rally', 'r1', '{"type":"acme.rally","id":"r1","size":3}')
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
