"""Hypothesis strategies for every eventkit record type, built-in or registered.

hypothesis's ``builds``/``from_type`` know nothing of eventkit's checks, so
records built that way are mostly invalid. These strategies are derived from
the same field descriptions validation reads, so they generate every shape a
field can hold — every optional part present and absent, every member of a
union, dates and spans at every precision, with and without their texts,
vocabulary members and namespaced custom values — and only valid values.

Where values come from, for each field, first match wins:

1. a strategy registered for the class with `register`, or the class's own
   ``__eventkit_strategy__`` classmethod (it receives the strategies of its
   fields by key and returns a strategy of instances);
2. the field's ``strategy`` (`eventkit.field`);
3. the ``strategy()`` of the first of its checks that has one;
4. its type's values, filtered by its checks.

A class whose strategy cannot be built, or whose construction raises
something other than a validation failure, is left out of `records` and
reported by `failures` (and logged), so one broken plugin type never breaks
the strategies of the others.

Examples:
    >>> import eventkit as ek
    >>> from hypothesis import given
    >>> from eventkit.testing import records
    >>> @given(records(ek.Event))
    ... def test_round_trip(event):
    ...     assert ek.from_dict(ek.Event, ek.to_dict(event)) == event
    >>> test_round_trip()
"""

from __future__ import annotations

import calendar
import logging
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from eventkit import _registry
from eventkit._explain import value_problems
from eventkit._fields import describe
from eventkit._records import Record
from eventkit._shapes import (
    JSON_LIMITS,
    Dates,
    FrozenDict,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    shape_of,
)
from eventkit._time import PartialDate, Precision, TimeSpan, When
from eventkit.exceptions import ValidationError

__all__ = [
    "coverage",
    "failures",
    "partial_dates",
    "records",
    "register",
    "time_spans",
    "values",
    "whens",
]

T = TypeVar("T")
_log = logging.getLogger("eventkit.testing")

# Lone surrogates cannot be written as UTF-8: no string field holds one.
_NOT_SURROGATES: Final = st.characters(exclude_categories=["Cs"])
_texts = st.text(alphabet=_NOT_SURROGATES, min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
_custom_values = st.from_regex(r"[a-z]{1,8}\.[a-z][a-z_]{0,9}", fullmatch=True)
_registered: dict[type, st.SearchStrategy[Any]] = {}
_failures: dict[type, str] = {}


def register(cls: type[T], strategy: st.SearchStrategy[T]) -> None:
    """Use ``strategy`` for values of ``cls``, here and in ``st.from_type(cls)``.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find, strategies as st
        >>> register(ek.Citation, st.builds(ek.Citation, source=st.just("dpa")))
        >>> find(values(ek.Citation), lambda c: True).source
        'dpa'
        >>> unregister(ek.Citation)
    """
    if not isinstance(strategy, st.SearchStrategy):
        msg = f"register needs a hypothesis strategy, not {strategy!r}"
        raise TypeError(msg)
    _registered[cls] = strategy
    _made.pop(cls, None)
    st.register_type_strategy(cls, strategy)


def unregister(cls: type) -> None:
    """Forget a strategy given with `register` (eventkit's own is used again)."""
    _registered.pop(cls, None)
    _made.pop(cls, None)
    st.register_type_strategy(cls, values)


def failures() -> dict[type, str]:
    """The classes whose strategies failed, and why.

    A class whose strategy cannot be built is left out of `records`; one
    whose constructor raised something other than a validation failure for a
    drawn value (a bug in it) has that value skipped.

    Examples:
        >>> type(failures())
        <class 'dict'>
    """
    return dict(_failures)


# --- dates ---------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, *, texts: bool = True) -> PartialDate:
    """Valid `eventkit.PartialDate` values at every precision, with offsets and texts.

    Examples:
        >>> from hypothesis import given
        >>> @given(partial_dates())
        ... def test(value):
        ...     assert PartialDate.from_edtf(value.to_edtf()) == attrs.evolve(value, text=None)
        >>> test()
    """
    precision = draw(st.sampled_from(Precision))
    year = draw(st.integers(1, 9999))
    parts: dict[str, Any] = {"year": year}
    if precision >= Precision.MONTH:
        parts["month"] = draw(st.integers(1, 12))
    if precision >= Precision.DAY:
        parts["day"] = draw(st.integers(1, calendar.monthrange(year, parts["month"])[1]))
    if precision >= Precision.HOUR:
        parts["hour"] = draw(st.integers(0, 23))
        parts["utc_offset"] = draw(st.none() | st.integers(-18 * 60, 18 * 60))
    if precision >= Precision.MINUTE:
        parts["minute"] = draw(st.integers(0, 59))
    if precision >= Precision.SECOND:
        parts["second"] = draw(st.integers(0, 59))
    if precision <= Precision.DAY:
        parts["approximate"] = draw(st.booleans())
        parts["uncertain"] = draw(st.booleans())
    if texts:
        parts["text"] = draw(st.none() | _texts)
    return PartialDate(**parts)


@st.composite
def time_spans(draw: st.DrawFn) -> TimeSpan:
    """Valid `eventkit.TimeSpan` values: open at either end or closed, ends with texts."""
    start = draw(st.none() | partial_dates())
    end = draw(partial_dates() if start is None else st.none() | partial_dates())
    if start is not None and end is not None and start.earliest > end.latest:
        start, end = end, start
    return TimeSpan(start=start, end=end, text=draw(st.none() | _texts))


def whens() -> st.SearchStrategy[When]:
    """Either a partial date or a span."""
    return st.one_of(partial_dates(), time_spans())


# --- from shapes ---------------------------------------------------------------------


def _scalar(tp: type) -> st.SearchStrategy[Any]:
    low, high = JSON_LIMITS.integers
    integers = st.integers(low, high)
    if tp is str:
        return st.text(alphabet=_NOT_SURROGATES, max_size=40)
    if tp is int:
        return integers
    if tp is float:
        return integers | st.floats(allow_nan=False, allow_infinity=False)
    if tp is bool:
        return st.booleans()
    if tp is Decimal:
        return st.decimals(allow_nan=False, allow_infinity=False)
    msg = f"no strategy for {tp!r}"  # pragma: no cover - shapes hold only these
    raise TypeError(msg)


def _leaf(shape: Shape) -> st.SearchStrategy[Any]:
    if isinstance(shape, Scalar):
        return _scalar(shape.type)
    if isinstance(shape, Vocabulary):
        members = st.sampled_from(list(shape.enum))
        return members | _custom_values if shape.open else members
    if isinstance(shape, Dates):
        if shape.classes == (PartialDate,):
            return partial_dates()
        return time_spans() if shape.classes == (TimeSpan,) else whens()
    if isinstance(shape, Nested):
        return values(shape.cls)
    msg = f"not a leaf shape: {shape!r}"  # pragma: no cover - callers pass leaves
    raise TypeError(msg)


def _passes(shape: Shape) -> Callable[[Any], bool]:
    """Whether a value is valid for ``shape``: of its type, passing its checks.

    A check that raises on a value (a bug in it) makes the value unusable here;
    the check itself is left for the tests of its author to catch.
    """

    def passes(value: Any) -> bool:
        try:
            return not value_problems(shape, value)
        except Exception:  # a plugin's check: never let it break others' strategies
            return False

    return passes


def of_shape(shape: Shape) -> st.SearchStrategy[Any]:
    """Valid values of ``shape``, checks included (see the module docstring)."""
    if shape.strategy is not None:
        given = shape.strategy
        return given if isinstance(given, st.SearchStrategy) else given()
    if isinstance(shape, Nullable):
        return st.none() | of_shape(shape.inner)
    if isinstance(shape, TupleOf):
        base: st.SearchStrategy[Any] = st.lists(of_shape(shape.item), max_size=3).map(tuple)
    elif isinstance(shape, MappingOf):
        base = st.dictionaries(_scalar(str), of_shape(shape.value), max_size=3).map(FrozenDict)
    elif isinstance(shape, UnionOf):
        base = st.one_of([of_shape(member) for member in shape.members])
    else:
        base = next(
            (s for s in (check.strategy() for check in shape.checks) if s is not None),
            _leaf(shape),
        )
    return base.filter(_passes(shape)) if shape.checks else base


def _build(cls: type[T]) -> Callable[[dict[str, Any]], T | None]:
    def build(kwargs: dict[str, Any]) -> T | None:
        try:
            return cls(**kwargs)
        except (ValidationError, ValueError, TypeError):  # a rule across fields refused it
            return None
        except Exception as error:  # a bug in a plugin's class: say so, keep the others going
            _failures.setdefault(cls, f"constructing it raised {type(error).__name__}: {error}")
            _log.warning("eventkit.testing: %s raised %r", cls.__qualname__, error)
            return None

    return build


_made: dict[type, st.SearchStrategy[Any]] = {}


def _class_strategy(cls: type) -> st.SearchStrategy[Any]:
    made = _made.get(cls)
    if made is None:
        made = _registered.get(cls)
        if made is None:
            made = _derived_strategy(cls)
        _made[cls] = made
    return made


def _derived_strategy(cls: type) -> st.SearchStrategy[Any]:
    fields = {field.key: field for field in describe(cls).fields}
    strategies = {key: of_shape(field.shape) for key, field in fields.items()}
    hook = getattr(cls, "__eventkit_strategy__", None)
    if hook is not None:
        made = hook(strategies)
        if not isinstance(made, st.SearchStrategy):
            msg = f"{cls.__qualname__}.__eventkit_strategy__ returned {made!r}, not a strategy"
            raise TypeError(msg)
        return made
    required = {key: s for key, s in strategies.items() if fields[key].required}
    optional = {key: s for key, s in strategies.items() if not fields[key].required}
    kwargs = st.fixed_dictionaries(required, optional=optional)
    return kwargs.map(_build(cls)).filter(lambda value: value is not None)


def values(cls: Any) -> st.SearchStrategy[Any]:
    """Valid values of a record class, value type, attrs class or field annotation.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find
        >>> find(values(ek.Place), lambda place: place.lat is not None).lon is not None
        True
    """
    if isinstance(cls, type) and issubclass(cls, Record):
        return records(cls)
    if isinstance(cls, type) and attrs.has(cls):
        return st.deferred(lambda: _class_strategy(cls))
    return of_shape(shape_of(cls, where="eventkit.testing.values"))


def _usable(classes: list[type]) -> list[st.SearchStrategy[Any]]:
    usable = []
    for cls in classes:
        if cls in _failures:
            continue
        try:
            usable.append(_class_strategy(cls))
        except Exception as error:  # a plugin's strategy: isolate it, say which
            _failures[cls] = f"{type(error).__name__}: {error}"
            _log.warning("eventkit.testing leaves out %s: %s", cls.__qualname__, error)
    return usable


def records(base: type[T] = Record) -> st.SearchStrategy[T]:  # type: ignore[assignment]
    """Valid records of ``base`` and every registered class below it.

    Classes registered after the strategy was made are included, since the
    registry is read when examples are drawn.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find
        >>> find(records(ek.Actor), lambda actor: actor.country == "DEU").country
        'DEU'
    """

    def from_registry() -> st.SearchStrategy[T]:
        classes = [cls for cls in _registry.registered() if issubclass(cls, base)]
        strategies = _usable(classes)
        if not strategies:
            failed = {c.__qualname__: why for c, why in _failures.items() if issubclass(c, base)}
            msg = f"no registered record type below {base.__name__} can be generated"
            msg += f"; left out: {failed}" if failed else ""
            raise TypeError(msg)
        return st.one_of(strategies)

    return st.deferred(from_registry)


# --- coverage ------------------------------------------------------------------------


def _branch(shape: Shape, value: Any) -> str:
    """Which part of ``shape`` a value exercises: ``None``, ``TimeSpan``, ``custom``."""
    if isinstance(shape, Nullable):
        return "None" if value is None else _branch(shape.inner, value)
    if isinstance(shape, TupleOf | MappingOf):
        return "empty" if not value else "items"
    if isinstance(shape, UnionOf):
        return type(value).__name__
    if isinstance(shape, Vocabulary):
        return "member" if isinstance(value, shape.enum) else "custom"
    if isinstance(shape, Dates):
        texts = value.text is not None
        if isinstance(value, TimeSpan):
            texts = texts or any(
                e is not None and e.text is not None for e in (value.start, value.end)
            )
        return f"{type(value).__name__}{' with text' if texts else ''}"
    return "value"


def branches(shape: Shape) -> set[str]:
    """Every branch `coverage` can see for a field of ``shape``."""
    if isinstance(shape, Nullable):
        return {"None"} | branches(shape.inner)
    if isinstance(shape, TupleOf | MappingOf):
        return {"empty", "items"}
    if isinstance(shape, UnionOf):
        return {type_name for m in shape.members for type_name in _member_types(m)}
    if isinstance(shape, Vocabulary):
        return {"member", "custom"} if shape.open else {"member"}
    if isinstance(shape, Dates):
        return {f"{c.__name__}{t}" for c in shape.classes for t in ("", " with text")}
    return {"value"}


def _member_types(shape: Shape) -> set[str]:
    if isinstance(shape, Scalar):
        return {shape.type.__name__}
    if isinstance(shape, Nested):
        return {shape.cls.__name__}
    if isinstance(shape, Dates):
        return {cls.__name__ for cls in shape.classes}
    if isinstance(shape, Vocabulary):
        return {shape.enum.__name__} | ({"str"} if shape.open else set())
    return {type(shape).__name__}


def coverage(cls: type, *, examples: int = 1000) -> dict[str, Counter[str]]:
    """How often each field of ``cls`` took each of its shapes in ``examples`` draws.

    For plugin authors: a branch that never appears (a field never given a
    value, a union member never drawn) is a part of the type the strategies
    do not test. Absent fields count as ``"absent"``.

    Examples:
        >>> import eventkit as ek
        >>> seen = coverage(ek.Citation, examples=50)
        >>> sorted(seen["source"])
        ['value']
    """
    from hypothesis import given, settings  # noqa: PLC0415 - only here

    info = describe(cls)
    seen: dict[str, Counter[str]] = {field.key: Counter() for field in info.fields}

    @settings(max_examples=examples, database=None, deadline=None)
    @given(values(cls))
    def draw(obj: Any) -> None:
        for field in info.fields:
            value = getattr(obj, field.name)
            default = field.default if field.converter is None else field.converter(field.default)
            absent = not field.required and field.factory is None and value == default
            seen[field.key]["absent" if absent else _branch(field.shape, value)] += 1

    draw()
    return seen
