"""Friendly input: what turns a constructor's argument into the value loading makes.

A list becomes a tuple, a mapping a `FrozenDict`, a member's value the
member, a decimal string or an integer a `Decimal`, at every level of a
field's shape. Built-in fields name these
converters; a custom type's constructor derives one from each field's shape
(`friendly`), and loading fills a default a factory makes with it, so that
a record never holds anything its caller can still change. They never
raise: what they cannot convert is left for the checks to judge.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from eventkit._explain import value_problems
from eventkit._fields import keeps_typed
from eventkit._shapes import (
    FrozenDict,
    MappingOf,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    parts,
    vocabulary_member,
)
from eventkit._wire import decimal_from_wire
from eventkit.exceptions import ValidationError

__all__ = ["friendly", "holds_mapping", "to_decimal", "to_mapping", "to_tuple"]


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """A list (or other iterable) as a tuple; anything else unchanged."""
    # Strings are iterable too; keep them whole so the check can say "expected a list".
    if type(value) is tuple or isinstance(value, str | bytes | Mapping):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def to_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    """A mapping as a `FrozenDict`; anything else unchanged."""
    if type(value) is FrozenDict or not isinstance(value, Mapping):
        return value
    return FrozenDict(value)


def to_decimal(value: Decimal | str | int) -> Decimal:
    """Read a decimal string or an integer as data gives them; anything else is left for the check.

    Not by ``Decimal()`` alone: it takes ``"1_000"`` and ``" 1"``, which data is refused for.

    Examples:
        >>> to_decimal("1.5"), to_decimal(5), to_decimal(" 1")
        (Decimal('1.5'), Decimal('5'), ' 1')
    """
    if type(value) is str or type(value) is int:
        try:
            return decimal_from_wire(value)
        except ValidationError:
            pass
    return value  # type: ignore[return-value]


keeps_typed(to_tuple)
keeps_typed(to_mapping)
keeps_typed(to_decimal)


def friendly(shape: Shape) -> Callable[[Any], Any] | None:  # noqa: PLR0911 - one exit per shape
    """What turns friendly input into the value of ``shape`` loading makes, else None.

    At every level: a list (or other iterable) becomes a tuple, a mapping a
    `FrozenDict`, a member's value, of the member's own type, the member
    (``2`` for ``Tier.HIGH``), a decimal string or an integer a `Decimal`
    (as data gives them, and as `Money`'s amount takes them); a union's
    value is converted as the first member it then fits. Nothing is held
    that the caller can still change. Like the converters above, the result
    never raises, and leaves what it cannot convert for the checks to judge.

    Examples:
        >>> from eventkit._shapes import shape_of
        >>> friendly(shape_of(tuple[Mapping[str, int], ...]))([{"a": 1}])
        (FrozenDict({'a': 1}),)
        >>> friendly(shape_of(int)) is None, friendly(shape_of(Decimal | None))("1.5")
        (True, Decimal('1.5'))
    """
    if isinstance(shape, Nullable):  # None is left as it is by every converter
        return friendly(shape.inner)
    if isinstance(shape, TupleOf):
        item = friendly(shape.item)
        return to_tuple if item is None else functools.partial(_tuple_of, item)
    if isinstance(shape, MappingOf):
        value = friendly(shape.value)
        return to_mapping if value is None else functools.partial(_mapping_of, value)
    if isinstance(shape, Vocabulary):
        return functools.partial(_member_of, shape.enum)
    if isinstance(shape, Scalar) and shape.type is Decimal:
        return to_decimal
    if isinstance(shape, UnionOf):
        members = tuple((member, friendly(member)) for member in shape.members)
        if all(convert is None for _, convert in members):
            return None
        return functools.partial(_first_fit, members)
    return None


def _tuple_of(item: Callable[[Any], Any], value: Any) -> Any:
    items = to_tuple(value)
    return tuple([item(x) for x in items]) if type(items) is tuple else items


def _mapping_of(convert: Callable[[Any], Any], value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    return FrozenDict({key: convert(x) for key, x in value.items()})


def _member_of(vocabulary: type[enum.Enum], value: Any) -> Any:
    """The member of ``vocabulary`` whose value ``value`` is (of its type), else ``value``."""
    found = vocabulary_member(vocabulary, value)
    return value if found is None else found


def _first_fit(members: tuple[tuple[Shape, Callable[[Any], Any] | None], ...], value: Any) -> Any:
    """``value`` converted for the first member it then fits, as loading tries them in order."""
    for shape, convert in members:
        converted = value if convert is None else convert(value)
        if not value_problems(shape, converted):
            return converted
    return value


def holds_mapping(shape: Shape) -> bool:
    """Whether a value of ``shape`` may hold a mapping, at any level."""
    return any(isinstance(part, MappingOf) for part in parts(shape))
