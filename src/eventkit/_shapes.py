"""Shapes: what a field's values look like, derived from its annotation.

A shape is the one description of a kind of value that everything else
reads: the code generated to validate and load records, the report path,
the reference walker, `eventkit.testing`'s strategies. Shapes are plain
data; the modules that use them decide what to do with each kind.

=================  ===========================================  ==========================
shape              annotation                                   on the wire
=================  ===========================================  ==========================
`Scalar`           ``str``, ``int``, ``float``, ``bool``,       the JSON value (a Decimal
                   ``Decimal``, ``Literal["a", "b"]``           as a string)
`Vocabulary`       an ``Enum``; ``StrEnum | str`` is open to    the member's value
                   namespaced values such as ``"acme.x"``
`Dates`            `When`, `PartialDate`, `TimeSpan`             an EDTF string, or an
                                                                object keeping texts
`Nested`           an attrs class                               an object
`Nullable`         ``X | None``                                 ``null`` or X
`TupleOf`          ``tuple[X, ...]``                            a list
`MappingOf`        ``Mapping[str, X]``                          an object
`UnionOf`          ``X | Y``                                    X or Y, tried in order
=================  ===========================================  ==========================

``Annotated[X, ...]`` adds checks (`eventkit.checks.Check`) and a
reference kind (`RefKind`) to X's shape: ``Annotated[str, RefKind.ACTOR]``
is the id of an actor.
"""

from __future__ import annotations

import enum
import functools
import math
import re
import types
import typing
from collections.abc import Iterator
from collections.abc import Mapping as AbcMapping
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Final, Literal, NamedTuple, Union

import attrs

from eventkit._time import PartialDate, TimeSpan
from eventkit.checks import Check, one_of, record_id
from eventkit.exceptions import RegistrationError

__all__ = [
    "JSON_LIMITS",
    "Dates",
    "FrozenDict",
    "MappingOf",
    "Nested",
    "Nullable",
    "RefKind",
    "Scalar",
    "Shape",
    "TupleOf",
    "UnionOf",
    "Vocabulary",
    "element",
    "key_problem",
    "lone_surrogate",
    "narrows",
    "non_null",
    "parts",
    "scalar_problem",
    "shape_of",
    "vocabulary_member",
    "vocabulary_members",
]

_NoneType = type(None)
_SCALARS = (str, int, float, bool, Decimal)


class _JsonLimits(NamedTuple):
    integers: tuple[int, int]
    surrogate: re.Pattern[str]


JSON_LIMITS: Final = _JsonLimits(
    integers=(-(2**63), 2**64 - 1),  # what orjson writes; a larger int is refused
    surrogate=re.compile("[\ud800-\udfff]"),  # a lone surrogate cannot be UTF-8
)
"""What values JSON can carry: a string shape refuses lone surrogates, an
integer shape numbers outside these bounds, or saving them would fail."""


def lone_surrogate(text: str) -> str | None:
    r"""What a message says of ``text`` if it holds a lone surrogate (not UTF-8), else None.

    Examples:
        >>> lone_surrogate("a\udcff"), lone_surrogate("é")
        ('must not contain a lone surrogate (U+DCFF): not UTF-8', None)
    """
    found = JSON_LIMITS.surrogate.search(text)
    if found is None:
        return None
    return f"must not contain a lone surrogate (U+{ord(found[0]):04X}): not UTF-8"


def scalar_problem(value: Any) -> tuple[str, str] | None:
    """The code and message for a ``str``, ``int`` or ``float`` JSON cannot hold, else None.

    Examples:
        >>> scalar_problem(float("nan")), scalar_problem(2**64)[0], scalar_problem("x")
        (('invalid_value', 'must be a finite number'), 'out_of_range', None)
    """
    kind = value.__class__
    if kind is str:
        message = lone_surrogate(value)
        return None if message is None else ("invalid_value", message)
    if kind is float:
        return None if math.isfinite(value) else ("invalid_value", "must be a finite number")
    low, high = JSON_LIMITS.integers
    if kind is int and not low <= value <= high:
        return "out_of_range", f"must be between {low} and {high} (what JSON writers can write)"
    return None


def key_problem(key: Any) -> tuple[str, str] | None:
    """The code and message for a key JSON cannot hold, else None.

    Examples:
        >>> key_problem(1), key_problem("name")
        (('invalid_type', 'keys must be strings, not int'), None)
    """
    if type(key) is not str:
        return "invalid_type", f"keys must be strings, not {type(key).__name__}"
    message = lone_surrogate(key)
    return None if message is None else ("invalid_value", f"keys {message}")


class RefKind(enum.Flag):
    """The kinds of record an id may name; combine them with ``|``.

    Examples:
        >>> import eventkit as ek
        >>> ek.RefKind.EVENT | ek.RefKind.ACTOR
        <RefKind.ACTOR|EVENT: 5>
    """

    ACTOR = 1
    SOURCE = 2
    EVENT = 4
    STATEMENT = 8
    PROVENANCE = 16

    def words(self) -> str:
        """The kinds in words: ``"an actor or an event"``.

        Examples:
            >>> (RefKind.EVENT | RefKind.ACTOR).words()
            'an actor or an event'
        """
        names = [str(member.name) for member in self]
        return " or ".join(
            f"{'an' if name[0] in 'AEIOU' else 'a'} {name.lower()}" for name in names
        )


class FrozenDict(dict[str, Any]):
    """A dict that cannot change: what mapping fields hold once loaded or built.

    It is a real dict (so it is JSON-serialisable and equal to a dict with the
    same items), hashable, and pickles and copies like one.

    Examples:
        >>> ids = FrozenDict({"wikidata": "Q567"})
        >>> ids == {"wikidata": "Q567"}, hash(ids) == hash(FrozenDict(wikidata="Q567"))
        (True, True)
        >>> ids["viaf"] = "1"
        Traceback (most recent call last):
        ...
        TypeError: a FrozenDict cannot be changed
    """

    __slots__ = ()

    def _refuse(self, *_: Any, **__: Any) -> Any:
        msg = "a FrozenDict cannot be changed"
        raise TypeError(msg)

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


# --- the shapes ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Shape:
    """What the values of a field look like.

    Attributes:
        checks: checks every value of this shape must pass, in order.
        ref: for ids, the kinds of record they may name.
        strategy: valid values for `eventkit.testing` (a hypothesis
            strategy or a function returning one), if the field gives them.
    """

    checks: tuple[Check, ...] = ()
    ref: RefKind | None = None
    strategy: Any = attrs.field(default=None, eq=False)

    def label(self) -> str:
        """The shape in words, for messages: ``"a string"``, ``"a list"``."""
        raise NotImplementedError


@attrs.frozen(kw_only=True)
class Scalar(Shape):
    """A string, integer, number (int or float), bool or Decimal."""

    type: type

    def label(self) -> str:
        """The shape in words."""
        return {
            str: "a string",
            int: "an integer",
            float: "a number",
            bool: "true or false",
            Decimal: "an exact decimal number",
        }[self.type]


@attrs.frozen(kw_only=True)
class Vocabulary(Shape):
    """A member of an enum; open vocabularies also take namespaced strings."""

    enum: type[enum.Enum]
    open: bool = False

    def label(self) -> str:
        """The shape in words."""
        return f"a {self.enum.__name__} value"


def vocabulary_member(vocabulary: type[enum.Enum], value: Any) -> enum.Enum | None:
    """The member of ``vocabulary`` whose value is ``value``, of the same type too.

    Python finds a member by equal values, and ``True == 1 == 1.0``: JSON
    ``true`` would be read as the member ``1``, and written back as ``1``.

    Examples:
        >>> class Answer(enum.Enum):
        ...     NONE = 0
        ...     YES = True
        >>> [vocabulary_member(Answer, v) for v in (True, 1, 0.0, [])]
        [<Answer.YES: True>, None, None, None]
    """
    try:
        return _members(vocabulary).get((value.__class__, value))
    except TypeError:  # unhashable: no member's value
        return None


@functools.cache
def _members(vocabulary: type[enum.Enum]) -> dict[tuple[type, Any], enum.Enum]:
    return {(type(m.value), m.value): m for m in vocabulary}


@functools.cache
def vocabulary_members(vocabulary: type[enum.Enum]) -> frozenset[enum.Enum]:
    """The members of ``vocabulary`` that data names: not a Flag's combinations of them.

    ``Perm.R | Perm.W`` is a ``Perm`` but no member, so its value is no
    member's either: written, it would not be read back.

    Examples:
        >>> class Perm(enum.Flag):
        ...     R = 1
        ...     W = 2
        >>> [p in vocabulary_members(Perm) for p in (Perm.W, Perm.R | Perm.W, Perm(0))]
        [True, False, False]
    """
    return frozenset(_members(vocabulary).values())


@attrs.frozen(kw_only=True)
class Dates(Shape):
    """A `PartialDate`, a `TimeSpan`, or either (`When`)."""

    classes: tuple[type, ...]

    def label(self) -> str:
        """The shape in words."""
        return " or ".join(cls.__name__ for cls in self.classes)


@attrs.frozen(kw_only=True)
class Nested(Shape):
    """A value of an attrs class (a value type such as `Place`, or your own)."""

    cls: type

    def label(self) -> str:
        """The shape in words."""
        return self.cls.__name__


@attrs.frozen(kw_only=True)
class Nullable(Shape):
    """``None`` or a value of ``inner``."""

    inner: Shape

    def label(self) -> str:
        """The shape in words."""
        return f"{self.inner.label()} or null"


def non_null(shape: Shape) -> Shape:
    """What a value of ``shape`` is when it is not None: a `Nullable`'s ``inner``.

    Examples:
        >>> text = Scalar(type=str)
        >>> non_null(Nullable(inner=text)) == non_null(text) == text
        True
    """
    return shape.inner if isinstance(shape, Nullable) else shape


@attrs.frozen(kw_only=True)
class TupleOf(Shape):
    """A tuple (a list on the wire) of values of ``item``."""

    item: Shape

    def label(self) -> str:
        """The shape in words."""
        return "a list"


@attrs.frozen(kw_only=True)
class MappingOf(Shape):
    """A mapping from strings to values of ``value``."""

    value: Shape

    def label(self) -> str:
        """The shape in words."""
        return "an object"


@attrs.frozen(kw_only=True)
class UnionOf(Shape):
    """A value of any of ``members``, tried in order."""

    members: tuple[Shape, ...]

    def label(self) -> str:
        """The shape in words."""
        return " or ".join(member.label() for member in self.members)


# --- from annotations ------------------------------------------------------------


def parts(shape: Shape) -> Iterator[Shape]:
    """``shape`` and every shape inside it, but not a value class's fields.

    Examples:
        >>> [type(part).__name__ for part in parts(shape_of(tuple[int | str, ...] | None))]
        ['Nullable', 'TupleOf', 'UnionOf', 'Scalar', 'Scalar']
    """
    stack = [shape]
    while stack:  # not recursive: shapes may nest deeply
        item = stack.pop()
        yield item
        if isinstance(item, Nullable):
            stack.append(item.inner)
        elif isinstance(item, TupleOf):
            stack.append(item.item)
        elif isinstance(item, MappingOf):
            stack.append(item.value)
        elif isinstance(item, UnionOf):
            stack.extend(reversed(item.members))


def element(shape: Shape) -> Shape:
    """The shape a field's own checks apply to: inside ``None``, tuples and mappings.

    Examples:
        >>> element(shape_of(tuple[str, ...] | None))
        Scalar(checks=(), ref=None, strategy=None, type=<class 'str'>)
    """
    while True:
        if isinstance(shape, Nullable):
            shape = shape.inner
        elif isinstance(shape, TupleOf):
            shape = shape.item
        elif isinstance(shape, MappingOf):
            shape = shape.value
        else:
            return shape


def narrows(new: Shape, old: Shape) -> bool:  # noqa: PLR0911 - one exit per shape
    """Whether every value of ``new`` is a value of ``old``, by kind (checks are not compared).

    A subclass may redefine a field of its base only so: code reading the
    base's field, eventkit's or yours, must get what the base says. A
    narrower field is the same kind of value or a subclass of it, fewer
    union members, not null where null was allowed, an integer where any
    number was, ids of fewer kinds of record.

    Examples:
        >>> import eventkit as ek
        >>> narrows(shape_of(ek.PartialDate), shape_of(ek.When | None))
        True
        >>> narrows(shape_of(int | None), shape_of(ek.Quantity | None))
        False
    """
    if isinstance(old, Nullable):
        return narrows(non_null(new), old.inner)
    if isinstance(new, Nullable):
        return False
    if isinstance(new, UnionOf):
        return all(narrows(member, old) for member in new.members)
    if isinstance(old, UnionOf):
        return any(narrows(new, member) for member in old.members)
    if old.ref is not None and (new.ref is None or new.ref not in old.ref):
        return False
    if isinstance(new, Scalar) and isinstance(old, Scalar):
        return new.type is old.type or (new.type is int and old.type is float)
    if isinstance(new, Vocabulary) and isinstance(old, Vocabulary):
        return new.enum is old.enum and (old.open or not new.open)
    if isinstance(new, Dates) and isinstance(old, Dates):
        return set(new.classes) <= set(old.classes)
    if isinstance(new, Nested) and isinstance(old, Nested):
        return issubclass(new.cls, old.cls)
    if isinstance(new, TupleOf) and isinstance(old, TupleOf):
        return narrows(new.item, old.item)
    if isinstance(new, MappingOf) and isinstance(old, MappingOf):
        return narrows(new.value, old.value)
    return False


def with_checks(
    shape: Shape,
    checks: tuple[Check, ...],
    ref: RefKind | None,
    *,
    where: str,
    strategy: Any = None,
) -> Shape:
    """Add checks, a reference kind and a strategy to ``shape``'s element (`element`)."""
    if not checks and ref is None and strategy is None:
        return shape
    if isinstance(shape, Nullable):
        inner = with_checks(shape.inner, checks, ref, where=where, strategy=strategy)
        return attrs.evolve(shape, inner=inner)
    if isinstance(shape, TupleOf):
        item = with_checks(shape.item, checks, ref, where=where, strategy=strategy)
        return attrs.evolve(shape, item=item)
    if isinstance(shape, MappingOf):
        value = with_checks(shape.value, checks, ref, where=where, strategy=strategy)
        return attrs.evolve(shape, value=value)
    return _attach(shape, checks, ref, where=where, strategy=strategy)


def _attach(
    shape: Shape,
    checks: tuple[Check, ...],
    ref: RefKind | None,
    *,
    where: str,
    strategy: Any = None,
) -> Shape:
    if isinstance(shape, Nullable):  # Annotated[X | None, ...] checks the X
        inner = _attach(shape.inner, checks, ref, where=where, strategy=strategy)
        return attrs.evolve(shape, inner=inner)
    if ref is not None:
        if not (isinstance(shape, Scalar) and shape.type is str):
            msg = (
                f"{where}: a reference ({ref.words()}) holds ids, so its type must be str, "
                f"str | None or tuple[str, ...], not {shape.label()}"
            )
            raise RegistrationError(msg)
        if shape.ref is not None and shape.ref != ref:
            msg = f"{where}: two reference kinds given ({shape.ref.words()}; {ref.words()})"
            raise RegistrationError(msg)
    return attrs.evolve(
        shape,
        checks=(*shape.checks, *checks),
        ref=ref or shape.ref,
        strategy=strategy if strategy is not None else shape.strategy,
    )


def shape_of(annotation: Any, *, where: str = "a field") -> Shape:  # noqa: PLR0911, PLR0912 - one exit per kind of annotation
    """Return the shape of values annotated ``annotation``.

    Args:
        annotation: a resolved type annotation.
        where: the field, for messages (``"Vigil.candles"``).

    Raises:
        RegistrationError: eventkit cannot check, read or write values of
            this type; the message says what to use instead.

    Examples:
        >>> shape_of(tuple[int, ...]).item
        Scalar(checks=(), ref=None, strategy=None, type=<class 'int'>)
        >>> shape_of(list[int])
        Traceback (most recent call last):
        ...
        eventkit.exceptions.RegistrationError: a field: list[int] is mutable; use tuple[int, ...] (lists are accepted when loading)
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        checks = tuple(meta for meta in args[1:] if isinstance(meta, Check))
        refs = [meta for meta in args[1:] if isinstance(meta, RefKind)]
        ref = None
        for kind in refs:
            ref = kind if ref is None else ref | kind
        if ref is not None and not checks:
            checks = (record_id,)
        return _attach(shape_of(args[0], where=where), checks, ref, where=where)
    if annotation in (PartialDate, TimeSpan):
        return Dates(classes=(annotation,))
    if origin in (Union, types.UnionType):
        members = [arg for arg in args if arg is not _NoneType]
        if set(members) == {PartialDate, TimeSpan}:
            inner: Shape = Dates(classes=(PartialDate, TimeSpan))
        elif (
            len(members) == 2
            and members[1] is str
            and isinstance(members[0], type)
            and issubclass(members[0], enum.StrEnum)
        ):
            inner = Vocabulary(enum=members[0], open=True)
        elif len(members) == 1:
            inner = shape_of(members[0], where=where)
        else:
            inner = UnionOf(members=tuple(shape_of(member, where=where) for member in members))
        return Nullable(inner=inner) if len(members) < len(args) else inner
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return TupleOf(item=shape_of(args[0], where=where))
        msg = f"{where}: {_name(annotation)} has a fixed length; use tuple[X, ...]"
        raise RegistrationError(msg)
    if origin in (AbcMapping, dict, typing.Mapping):
        if args and args[0] is not str:
            msg = f"{where}: mapping keys must be str (JSON object keys), not {_name(args[0])}"
            if typing.get_origin(args[0]) is Annotated:  # ek.Country, ek.ActorId: a checked str
                msg += ": keys have no checks of their own; use Mapping[str, X]"
            raise RegistrationError(msg)
        if not args:
            msg = f"{where}: say what the mapping holds: Mapping[str, X]"
            raise RegistrationError(msg)
        return MappingOf(value=shape_of(args[1], where=where))
    if origin is Literal:
        return _literal(annotation, args, where)
    if annotation in _SCALARS:
        return Scalar(type=annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _vocabulary(annotation, where)
    if isinstance(annotation, type) and attrs.has(annotation):
        if getattr(annotation, "kind_name", None) is not None:  # a record class
            msg = (
                f"{where}: records refer to each other by id, not by holding them; use the "
                "id of the record (e.g. ek.ActorId, ek.EventId) instead of "
                f"{annotation.__name__}"
            )
            raise RegistrationError(msg)
        return Nested(cls=annotation)
    raise RegistrationError(_unsupported(annotation, origin, args, where))


def _vocabulary(annotation: type[enum.Enum], where: str) -> Vocabulary:
    """The shape of an Enum whose every member's value JSON holds as it is.

    A member is written as its value and read back by it: a tuple would come
    back a list, None would be read as no value.
    """
    for member in annotation:
        value = member.value
        if type(value) not in (str, int, float, bool) or scalar_problem(value) is not None:
            msg = (
                f"{where}: {annotation.__name__}.{member.name} has the value {value!r}; "
                "a member is written as its value and read back by it, so each value must "
                "be a str, int, float or bool that JSON holds as it is"
            )
            raise RegistrationError(msg)
    return Vocabulary(enum=annotation)


def _literal(annotation: Any, args: tuple[Any, ...], where: str) -> Shape:
    kinds = {type(arg) for arg in args}
    if len(kinds) != 1 or next(iter(kinds)) not in (str, int):
        msg = f"{where}: {_name(annotation)} must list only strings or only integers"
        raise RegistrationError(msg)
    return Scalar(type=next(iter(kinds)), checks=(one_of(args),))


def _name(annotation: Any) -> str:
    if typing.get_origin(annotation) is Annotated:  # whose __name__, "Annotated", says nothing
        return repr(annotation).replace("typing.", "")
    return getattr(annotation, "__name__", None) or repr(annotation).replace("typing.", "")


# Why each collection but a tuple is refused as a field's type.
_NOT_TUPLES: dict[Any, str] = {
    list: "is mutable",
    set: "is mutable",
    frozenset: "has no order, and a JSON array has one",
    typing.get_origin(typing.Sequence[int]): "names no class to build",
}


def _unsupported(annotation: Any, origin: Any, args: tuple[Any, ...], where: str) -> str:
    name = _name(annotation) if origin is None else repr(annotation).replace("typing.", "")
    if origin in _NOT_TUPLES:
        item = _name(args[0]) if args else "X"
        return (
            f"{where}: {name} {_NOT_TUPLES[origin]}; "
            f"use tuple[{item}, ...] (lists are accepted when loading)"
        )
    if annotation in (datetime, date):
        return f"{where}: use eventkit.When, PartialDate or TimeSpan for dates, not {name}"
    if annotation in (Any, object):
        return f"{where}: {name} cannot be checked or written; give the field a type"
    if isinstance(annotation, str):
        return f"{where}: the annotation {annotation!r} could not be resolved to a type"
    return (
        f"{where}: eventkit cannot check, read or write values of type {name}; use str, int, "
        "float, bool, Decimal, an Enum, a date (eventkit.When), an attrs class, "
        "X | None, tuple[X, ...] or Mapping[str, X]"
    )
