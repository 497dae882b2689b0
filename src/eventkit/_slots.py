"""Setting the slots of a frozen attrs instance directly: how loading builds values fast.

Two ways, both only for code that has already checked every value:

* `slot_setter`: the slot's own descriptor, called per field.
* `loading_twin`: a subclass that adds nothing but a plain ``__setattr__``,
  so ``obj.name = value`` is one bytecode (which CPython specialises for a
  slot); the object is made a ``cls`` by assigning its ``__class__`` once
  its fields are set. Measured on a ten-field class: 16 ns per field and
  33 ns for the change of class, against 45 ns per field through the
  descriptor.
"""

import functools
import types
from collections.abc import Callable
from typing import Any

__all__ = ["loading_twin", "slot_setter"]


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


def _quiet_subclassing(cls: type) -> bool:
    """Whether making a subclass of ``cls`` runs no code but Python's and eventkit's own."""
    if type(cls) is not type:
        return False  # a metaclass may register or check its classes
    for klass in cls.__mro__[:-1]:
        hook = klass.__dict__.get("__init_subclass__")
        hook = getattr(hook, "__func__", hook)  # a classmethod's function
        if hook is not None and not getattr(hook, "__module__", "").startswith("eventkit."):
            return False
    return True


@functools.cache
def loading_twin(cls: type) -> type | None:
    """A subclass of ``cls`` whose instances take ``obj.name = value``, or None if there is none.

    Loading makes the object a twin, sets its fields as attributes, then
    assigns ``obj.__class__ = cls``: from then on it is a ``cls`` in every
    way, frozen again. A twin never leaves the generated code. None for a
    class whose subclasses run code of their own when made (a metaclass, an
    ``__init_subclass__`` not eventkit's), or whose objects cannot change
    class.

    A twin is a subclass: it shows in ``cls.__subclasses__()``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Point:
        ...     x: int
        >>> point = object.__new__(loading_twin(Point))
        >>> point.x = 3
        >>> point.__class__ = Point
        >>> point
        Point(x=3)
        >>> point.x = 4
        Traceback (most recent call last):
        ...
        attr.exceptions.FrozenInstanceError: can't set attribute
    """
    if not _quiet_subclassing(cls):
        return None
    namespace = {
        "__slots__": (),
        "__module__": cls.__module__,
        "__qualname__": f"{cls.__qualname__}.<being loaded>",
        "__doc__": f"A {cls.__qualname__} being loaded (eventkit._slots.loading_twin).",
        # Both: CPython keeps the generic setter only if neither is overridden.
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
    }
    try:
        twin = type(cls.__name__, (cls,), namespace)
        probe: Any = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:  # a layout the twin cannot share, or a class that is final
        return None
    return twin
