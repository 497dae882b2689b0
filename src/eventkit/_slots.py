"""Setting a slot of a frozen attrs instance directly: how loading builds values fast."""

import types
from collections.abc import Callable
from typing import Any

__all__ = ["slot_setter"]


def slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Set slot ``name`` of a ``cls`` instance, past a frozen class's ``__setattr__``.

    The slot's own descriptor, bound once, is about 40% faster than
    ``object.__setattr__`` (which looks the descriptor up on every call).
    Only code that has already checked the value may use it.

    Raises:
        TypeError: ``cls`` has no slot ``name``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Point:
        ...     x: int
        >>> point = object.__new__(Point)
        >>> slot_setter(Point, "x")(point, 3)
        >>> point
        Point(x=3)
    """
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(name)
        if isinstance(descriptor, types.MemberDescriptorType):
            return descriptor.__set__
    msg = f"{cls.__qualname__} has no slot {name!r}"
    raise TypeError(msg)
