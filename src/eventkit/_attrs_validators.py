"""What an attrs validator says, read once into plain records.

attrs makes its standard validators (``ge``, ``min_len``, ``in_``,
``matches_re``, …) as private classes: their names and attributes are no
public API. This module is the one place that knows them; the report path
(`eventkit._diagnose`, a failure in eventkit's words) and the JSON Schema
(`eventkit._json_schema`, a validator's keywords) read the records it makes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final, Literal

import attrs

__all__ = ["AttrsValidator", "Kind", "read_validator"]

Kind = Literal[
    "ge", "gt", "le", "lt", "min_len", "max_len", "in", "instance_of", "matches_re", "other"
]
_COMPARISONS: Final[dict[str, Kind]] = {">=": "ge", ">": "gt", "<=": "le", "<": "lt"}


@attrs.frozen(kw_only=True)
class AttrsValidator:
    """One validator an attrs validator runs, and what it says.

    Calling it runs it as attrs does, ``optional`` included.

    Attributes:
        kind: which standard validator it is: ``"ge"``, ``"gt"``, ``"le"``,
            ``"lt"``, ``"min_len"``, ``"max_len"``, ``"in"``,
            ``"instance_of"``, ``"matches_re"``; ``"other"`` for any other
            callable.
        function: the validator itself.
        optional: it is inside an ``optional``: ``None`` passes without it.
        bound: the bound of ``ge``, ``gt``, ``le`` and ``lt``; the length of
            ``min_len`` and ``max_len``.
        options: what ``in_`` accepts (attrs keeps a list, set or dict as a tuple).
        type: the type (or tuple of types) of ``instance_of``.
        pattern: the compiled pattern of ``matches_re``.
        match: how ``matches_re`` applies it: ``"fullmatch"``, ``"match"`` or ``"search"``.
        items: what ``deep_iterable`` runs on each item, and ``deep_mapping``
            on each value (kind ``"other"``: it judges the whole too).
    """

    kind: Kind
    function: Callable[[Any, Any, Any], Any]
    optional: bool = False
    bound: Any = None
    options: Any = None
    type: Any = None
    pattern: re.Pattern[Any] | None = None
    match: str = ""
    items: tuple[AttrsValidator, ...] = ()

    def __call__(self, instance: Any, attribute: Any, value: Any) -> None:
        if not (self.optional and value is None):
            self.function(instance, attribute, value)


def read_validator(validator: Callable[[Any, Any, Any], Any] | None) -> tuple[AttrsValidator, ...]:
    """The validators an attrs validator runs, in order, each with what it says.

    ``and_`` is taken apart (attrs makes a list given to ``attrs.field`` one),
    and ``optional`` is noted on each validator it wraps; None runs none.

    Examples:
        >>> from attrs import validators as v
        >>> def even(instance, attribute, value): ...
        >>> for part in read_validator(v.and_(v.optional([v.ge(2), v.in_([2, 4])]), even)):
        ...     print(part.kind, part.optional, part.bound, part.options)
        ge True 2 None
        in True None (2, 4)
        other False None None
        >>> [item.kind for item in read_validator(v.deep_iterable(v.ge(0)))[0].items]
        ['ge']
    """
    return tuple(_read(validator, optional=False))


def _read(validator: Any, *, optional: bool) -> Iterator[AttrsValidator]:
    if validator is None:
        return
    name = type(validator).__name__  # attrs' validator classes are private; their names are not
    if name == "_AndValidator":
        for inner in validator._validators:
            yield from _read(inner, optional=optional)
    elif name == "_OptionalValidator":
        yield from _read(validator.validator, optional=True)
    else:
        yield AttrsValidator(function=validator, optional=optional, **_said(name, validator))


def _said(name: str, validator: Any) -> dict[str, Any]:  # noqa: PLR0911 - one exit per kind
    """The kind of one attrs validator of class ``name``, and its arguments."""
    if name == "_NumberValidator" and validator.compare_op in _COMPARISONS:
        return {"kind": _COMPARISONS[validator.compare_op], "bound": validator.bound}
    if name == "_MinLengthValidator":
        return {"kind": "min_len", "bound": validator.min_length}
    if name == "_MaxLengthValidator":
        return {"kind": "max_len", "bound": validator.max_length}
    if name == "_InValidator":
        return {"kind": "in", "options": validator.options}
    if name == "_InstanceOfValidator":
        return {"kind": "instance_of", "type": validator.type}
    if name == "_MatchesReValidator":
        match = getattr(validator.match_func, "__name__", "")
        return {"kind": "matches_re", "pattern": validator.pattern, "match": match}
    each = {"_DeepIterable": "member_validator", "_DeepMapping": "value_validator"}.get(name)
    if each is not None:
        return {"kind": "other", "items": read_validator(getattr(validator, each, None))}
    return {"kind": "other"}
