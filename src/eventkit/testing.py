"""Hypothesis strategies for every eventkit record type, built-in or registered.

hypothesis's ``builds``/``from_type`` know nothing of eventkit's checks, so
records built that way are mostly invalid. These strategies are derived from
the same field descriptions validation reads, so they generate every shape a
field can hold — every optional field present and absent, every member of a
union, dates at every precision with and without offsets, open and closed
spans, texts on dates and on the ends of spans, every vocabulary member and
namespaced custom values, empty and full tuples and mappings — and only
valid values. `unknown_records` adds the records a newer eventkit or a
missing plugin would leave unread (`eventkit.UnknownRecord`). `datasets`
puts records together: every id a record refers to (in a field whose
description gives its `eventkit.RefKind`, custom types' included) names
another record of the dataset, of a kind the field accepts.

Where values come from, for each field, first match wins:

1. a strategy registered for the class with `register`, or the class's own
   ``__eventkit_strategy__`` classmethod (it receives the strategies of its
   fields by key and returns a strategy of instances);
2. the field's ``strategy`` (`eventkit.field`);
3. the ``strategy()`` of the first of its checks that has one (given the
   field's type, so a float field in a whole-numbered range holds fractions);
4. the options of its attrs ``in_`` validator, or the strings its
   ``matches_re`` pattern matches;
5. its type's values, filtered by its checks.

Values are kept only when the field's standard attrs validators (``ge``,
``min_len``, ``in_``, ``instance_of``, ``matches_re``, …) accept them too.

A class whose strategy cannot be made, or that raises something other than a
validation failure while its values are drawn or constructed (a bug in it or
in a class it holds), is left out of `records` and named by `failures` (and
logged), so one broken plugin type never breaks the strategies of the others.

`coverage` counts which branch of its shape each field took, and
`never_generated` names the branches no example reached: the tool that tells a
plugin author that a field is never given a valid value.

Examples:
    >>> import eventkit as ek
    >>> from hypothesis import given
    >>> from eventkit.testing import records
    >>> @given(records(ek.Event))
    ... def test_round_trip(event):
    ...     assert ek.from_dict(ek.Event, ek.to_dict(event)) == event
    >>> test_round_trip()
    >>> from eventkit.testing import datasets
    >>> @given(datasets(max_size=5))
    ... def test_valid(ds):
    ...     assert ds.check().valid
    >>> test_valid()
"""

from __future__ import annotations

import calendar
import contextlib
import enum
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException, InvalidArgument

from eventkit import _registry
from eventkit._attrs_validators import AttrsValidator, read_validator
from eventkit._dataset import Dataset
from eventkit._explain import value_problems
from eventkit._fields import Field, describe
from eventkit._records import Record
from eventkit._references import class_kind, kind_of, references, set_at
from eventkit._serialize import from_dict, to_dict
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
    non_null,
    shape_of,
)
from eventkit._time import PartialDate, Precision, TimeSpan, When
from eventkit._unknown import UnknownRecord
from eventkit.checks import Check, record_id, text
from eventkit.exceptions import ValidationError

__all__ = [
    "branches",
    "coverage",
    "datasets",
    "failures",
    "never_generated",
    "partial_dates",
    "records",
    "register",
    "time_spans",
    "unknown_records",
    "unregister",
    "values",
    "whens",
]

T = TypeVar("T")
_log = logging.getLogger("eventkit.testing")

# Lone surrogates cannot be written as UTF-8: no string field holds one.
_NOT_SURROGATES: Final = st.characters(exclude_categories=["Cs"])
_texts = text.strategy()  # the words a date was read from are text
_custom_values = st.from_regex(r"[a-z]{1,8}\.[a-z][a-z_]{0,9}", fullmatch=True)
_registered: dict[type, st.SearchStrategy[Any]] = {}
_made: dict[type, st.SearchStrategy[Any]] = {}
_failures: dict[type, str] = {}


class _Unusable(TypeError):
    """A class's values cannot be generated: a bug in its strategy or its constructor."""

    def __init__(self, cls: type, reason: str) -> None:
        super().__init__(f"{cls.__qualname__}: {reason}")
        self.cls = cls
        self.reason = reason


_SKIP: Final[Any] = object()
"""A field left out, or a value that could not be had (the example is drawn again)."""
_CUSTOM: Final[Any] = object()
"""An open vocabulary's namespaced custom value, chosen as if it were a member."""
# Values a constructor or a strategy refused (a rule across fields): drawn again.
_REFUSALS: Final = (ValidationError, ValueError, TypeError)


def register(cls: type[T], strategy: st.SearchStrategy[T]) -> None:
    """Use ``strategy`` for values of ``cls``, here and in ``st.from_type(cls)``.

    It replaces the strategy eventkit derives (and forgets a failure
    `failures` reported for the class).

    Raises:
        TypeError: ``strategy`` is not a hypothesis strategy.

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
    _failures.pop(cls, None)
    st.register_type_strategy(cls, strategy)


def unregister(cls: type) -> None:
    """Forget a strategy given with `register` (eventkit's own is used again).

    Examples:
        >>> import eventkit as ek
        >>> unregister(ek.Citation)  # nothing was registered: nothing changes
    """
    _registered.pop(cls, None)
    _made.pop(cls, None)
    _failures.pop(cls, None)
    st.register_type_strategy(cls, values)


def failures() -> dict[type, str]:
    """The classes whose strategies failed, and why.

    A class fails when its strategy cannot be made (its
    ``__eventkit_strategy__`` raised or returned something that is not a
    strategy, a field's strategy is broken) or when drawing or constructing
    a value raised something other than a validation failure; a class that
    holds a failing class (in a field) fails with it. `records` strategies
    drawn from after that leave the class out; those drawn from before skip
    its failing values (hypothesis replays examples, so they keep drawing
    it the same way).

    Examples:
        >>> import eventkit as ek
        >>> ek.Event in failures()
        False
    """
    return dict(_failures)


def _fail(cls: type, reason: str) -> None:
    if cls not in _failures:
        _failures[cls] = reason
        _log.warning("eventkit.testing leaves out %s: %s", cls.__qualname__, reason)


# --- dates ---------------------------------------------------------------------------


# The strategies dates are drawn from, made once: making them per draw is slow.
_precisions = st.sampled_from(Precision)
_years = st.integers(1, 9999)
_months = st.integers(1, 12)
_days = {last: st.integers(1, last) for last in (28, 29, 30, 31)}
_hours = st.integers(0, 23)
_minutes = st.integers(0, 59)
# UTC itself (0, written "+00:00", read from "Z") apart: among 2,161 offsets it was seldom drawn
_offsets = st.none() | st.just(0) | st.integers(-18 * 60, 18 * 60)
# a date on the first or last day of the calendar now and then: with an offset, its UTC
# instant is in year 0 or 10000, outside what Python's datetime holds
_calendar_ends = st.sampled_from([None, None, None, None, None, None, (1, 1, 1), (9999, 12, 31)])
_maybe_texts = st.none() | _texts


@st.composite
def partial_dates(draw: st.DrawFn, *, texts: bool = True) -> PartialDate:
    """Valid `eventkit.PartialDate` values at every precision, with offsets and texts.

    One in four is on the first or last day of the calendar (0001-01-01,
    9999-12-31), where an offset puts the UTC instant outside years 1 to 9999.

    Examples:
        >>> from hypothesis import given
        >>> @given(partial_dates())
        ... def test(value):
        ...     assert PartialDate.from_edtf(value.to_edtf()) == attrs.evolve(value, text=None)
        >>> test()
    """
    precision = draw(_precisions)
    end = draw(_calendar_ends)
    year = draw(_years) if end is None else end[0]
    parts: dict[str, Any] = {"year": year}
    if precision >= Precision.MONTH:
        parts["month"] = draw(_months) if end is None else end[1]
    if precision >= Precision.DAY:
        last = calendar.monthrange(year, parts["month"])[1]
        parts["day"] = draw(_days[last]) if end is None else end[2]
    if precision >= Precision.HOUR:
        parts["hour"] = draw(_hours)
        parts["utc_offset"] = draw(_offsets)
    if precision >= Precision.MINUTE:
        parts["minute"] = draw(_minutes)
    if precision >= Precision.SECOND:
        parts["second"] = draw(_minutes)
    if precision <= Precision.DAY:
        parts["approximate"] = draw(st.booleans())
        parts["uncertain"] = draw(st.booleans())
    if texts:
        parts["text"] = draw(_maybe_texts)
    return PartialDate(**parts)


_span_ends = partial_dates()
_maybe_span_ends = st.none() | _span_ends


@st.composite
def time_spans(draw: st.DrawFn) -> TimeSpan:
    """Valid `eventkit.TimeSpan` values: open at either end or closed, ends with texts.

    Examples:
        >>> from hypothesis import find
        >>> find(time_spans(), lambda span: span.start is None).end is not None
        True
    """
    start = draw(_maybe_span_ends)
    end = draw(_span_ends if start is None else _maybe_span_ends)
    if start is not None and end is not None and start.earliest > end.latest:
        start, end = end, start
    return TimeSpan(start=start, end=end, text=draw(_maybe_texts))


def whens() -> st.SearchStrategy[When]:
    """Either a partial date or a span.

    Examples:
        >>> from hypothesis import find
        >>> type(find(whens(), lambda when: isinstance(when, TimeSpan))).__name__
        'TimeSpan'
    """
    return st.one_of(_default_dates[PartialDate], _default_dates[TimeSpan])


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


_default_dates: Final = {PartialDate: partial_dates(), TimeSpan: time_spans()}


def _dates(cls: type) -> st.SearchStrategy[Any]:
    given = _registered.get(cls)
    return _default_dates[cls] if given is None else given


def _leaf(shape: Shape) -> st.SearchStrategy[Any]:
    if isinstance(shape, Scalar):
        return _scalar(shape.type)
    if isinstance(shape, Vocabulary):
        return _open_vocabulary(shape.enum) if shape.open else st.sampled_from(list(shape.enum))
    if isinstance(shape, Dates):
        return st.one_of([_dates(cls) for cls in shape.classes])
    if isinstance(shape, Nested):
        return _nested(shape.cls)
    msg = f"not a leaf shape: {shape!r}"  # pragma: no cover - callers pass leaves
    raise TypeError(msg)


def _open_vocabulary(vocabulary: type[enum.Enum]) -> st.SearchStrategy[Any]:
    """Members and namespaced custom values, the custom ones as one more member.

    (``members | custom`` would draw mostly custom values: hypothesis favours
    the branch with more values it has not seen yet.)
    """
    choices = st.sampled_from([*vocabulary, _CUSTOM])

    @st.composite
    def member_or_custom(draw: st.DrawFn) -> Any:
        member = draw(choices)
        return draw(_custom_values) if member is _CUSTOM else member

    return member_or_custom()


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
    """Valid values of ``shape``, checks included (see the module docstring).

    Examples:
        >>> from hypothesis import find
        >>> find(of_shape(shape_of(tuple[int, ...])), lambda items: len(items) > 1)
        (0, 0)
    """
    if shape.strategy is not None:
        given = shape.strategy
        return given if isinstance(given, st.SearchStrategy) else given()
    kind = shape.type if isinstance(shape, Scalar) else None  # a number check's values: of it
    from_checks = next((s for s in (c.strategy(kind) for c in shape.checks) if s is not None), None)
    if from_checks is not None:
        base: st.SearchStrategy[Any] = from_checks
    elif isinstance(shape, Nullable):
        return st.none() | of_shape(shape.inner)
    elif isinstance(shape, TupleOf):
        base = st.lists(of_shape(shape.item), max_size=3).map(tuple)
    elif isinstance(shape, MappingOf):
        base = st.dictionaries(_scalar(str), of_shape(shape.value), max_size=3).map(FrozenDict)
    elif isinstance(shape, UnionOf):
        base = st.one_of([of_shape(member) for member in shape.members])
    else:
        base = _leaf(shape)
    return base.filter(_passes(shape)) if shape.checks else base


# --- classes -------------------------------------------------------------------------


def _build(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    def build(kwargs: dict[str, Any]) -> T:
        try:
            return cls(**kwargs)
        except _REFUSALS:  # a rule across fields refused it: draw again
            return _SKIP  # type: ignore[no-any-return]
        except Exception as error:  # a bug in a plugin's class
            reason = f"constructing it raised {type(error).__name__}: {error}"
            raise _Unusable(cls, reason) from error

    return build


def _class_strategy(cls: type) -> st.SearchStrategy[Any]:
    """The values of ``cls`` (its own, not its subclasses'); raises `_Unusable`.

    A class that failed while drawn is still drawn from (and fails the same way
    again) by the strategies made before: hypothesis replays examples, and
    must see the same draws each time.
    """
    made = _made.get(cls)
    if made is None:
        given = _registered.get(cls)
        made = _derived_strategy(cls) if given is None else _owned(cls, given)
        _made[cls] = made
    return made


def _owned(cls: type, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A strategy someone wrote for ``cls``; a bug in it is reported as ``cls``'s failure."""

    @st.composite
    def owned(draw: st.DrawFn) -> Any:
        try:
            return draw(strategy)
        except _Unusable:  # a class inside failed: it is named already
            raise
        except InvalidArgument as error:  # hypothesis refused the strategy
            raise _Unusable(cls, f"its strategy is invalid: {error}") from error
        except (HypothesisException, *_REFUSALS):  # hypothesis's control flow; refused values
            raise
        except Exception as error:
            reason = f"drawing a value raised {type(error).__name__}: {error}"
            raise _Unusable(cls, reason) from error

    return owned()


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's value or `_SKIP` (left out), each about half the time; shrinks to left out."""
    return st.one_of(st.just(_SKIP), strategy)


# attrs validators that say which values to draw; the others only filter them
_SAYING: Final = ("in", "matches_re")
# attrs validators that judge the value alone (an "other" one may need the instance)
_STANDARD: Final = ("ge", "gt", "le", "lt", "min_len", "max_len", "in", "instance_of", "matches_re")


def _said_by_attrs(validator: AttrsValidator) -> st.SearchStrategy[Any]:
    if validator.kind == "in":
        return st.sampled_from(list(validator.options))
    assert validator.pattern is not None  # a matches_re validator has its pattern
    return st.from_regex(validator.pattern, fullmatch=validator.match == "fullmatch")


def _with_attrs_validators(
    field: Field, shape: Shape, strategy: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """Values the field's attrs validators accept; ``in_`` and ``matches_re`` say which to draw.

    A value drawn for the type alone would almost never be among an ``in_``'s
    options or match a pattern, and the constructor would refuse it.
    """
    standard = [v for v in read_validator(field.validator) if v.kind in _STANDARD]
    if not standard:
        return strategy
    saying = next((v for v in standard if v.kind in _SAYING), None)
    inner = non_null(shape)  # what the validator judges
    if saying is not None and inner.strategy is None and not isinstance(inner, TupleOf | MappingOf):
        drawn = _said_by_attrs(saying).filter(_passes(inner))
        strategy = st.none() | drawn if inner is not shape else drawn

    return strategy.filter(_accepted_by(standard, field))


def _accepted_by(validators: Iterable[AttrsValidator], field: Field) -> Callable[[Any], bool]:
    """Whether a value of ``field`` passes each of ``validators``, as its constructor runs them."""

    def accepted(value: Any) -> bool:
        try:
            for validator in validators:
                validator(None, field.attribute, value)
        except Exception:  # refused, as the constructor would refuse it
            return False
        return True

    return accepted


def _items_checked(field: Field, shape: Shape) -> Shape:
    """``shape`` with a tuple's items, or a mapping's values, checked as attrs checks them.

    ``deep_iterable`` checks each item (``deep_mapping`` each value): drawn
    for their type alone, several items would all pass seldom (each half
    the time, a ``ge(0)``), and a tuple of more than one was hardly drawn.
    """
    items = tuple(item for validator in read_validator(field.validator) for item in validator.items)
    inner = non_null(shape)
    if not items or not isinstance(inner, TupleOf | MappingOf):
        return shape

    check = Check(_accepted_by(items, field), name=f"the item validators of {field.key!r}")
    if isinstance(inner, TupleOf):
        checked: Shape = attrs.evolve(inner, item=_with_check(inner.item, check))
    else:
        checked = attrs.evolve(inner, value=_with_check(inner.value, check))
    return attrs.evolve(shape, inner=checked) if isinstance(shape, Nullable) else checked


def _with_check(shape: Shape, check: Check) -> Shape:
    return attrs.evolve(shape, checks=(*shape.checks, check))


def _field_strategy(cls: type, field: Field, shape: Shape) -> st.SearchStrategy[Any]:
    try:
        strategy = _with_attrs_validators(field, shape, of_shape(_items_checked(field, shape)))
    except Exception as error:  # a field's strategy (or its check's) is broken
        reason = f"the strategy of {field.key!r} raised {type(error).__name__}: {error}"
        raise _Unusable(cls, reason) from error
    if not isinstance(strategy, st.SearchStrategy):
        reason = f"the strategy of {field.key!r} gave {strategy!r}, not a hypothesis strategy"
        raise _Unusable(cls, reason)
    return strategy


def _derived_strategy(cls: type) -> st.SearchStrategy[Any]:
    fields = describe(cls).fields
    hook = getattr(cls, "__eventkit_strategy__", None)
    if hook is not None:
        given = {field.key: _field_strategy(cls, field, field.shape) for field in fields}
        try:
            made = hook(given)
        except Exception as error:
            reason = f"__eventkit_strategy__ raised {type(error).__name__}: {error}"
            raise _Unusable(cls, reason) from error
        if not isinstance(made, st.SearchStrategy):
            reason = f"__eventkit_strategy__ returned {made!r}, not a hypothesis strategy"
            raise _Unusable(cls, reason)
        return _owned(cls, made)
    strategies = {}
    for field in fields:
        shape = field.shape
        if isinstance(shape, Nullable) and _default(field) is None:
            shape = shape.inner  # leaving the field out gives None: draw the other branches
        strategy = _field_strategy(cls, field, shape)
        strategies[field.key] = strategy if field.required else _optional(strategy)
    build: Callable[[dict[str, Any]], Any] = _build(cls)

    def construct(drawn: dict[str, Any]) -> Any:
        return build({key: value for key, value in drawn.items() if value is not _SKIP})

    return st.fixed_dictionaries(strategies).map(construct).filter(lambda v: v is not _SKIP)


def _guarded(cls: type) -> st.SearchStrategy[Any]:
    """Values of ``cls``, or `_SKIP` where they cannot be had; failures are recorded."""

    @st.composite
    def guarded(draw: st.DrawFn) -> Any:
        try:
            return draw(_class_strategy(cls))
        except _Unusable as error:
            if error.cls is cls:
                _fail(cls, error.reason)
            else:
                _fail(error.cls, error.reason)
                _fail(cls, f"{error.cls.__qualname__} inside it: {error.reason}")
        except InvalidArgument as error:  # hypothesis refused a plugin's strategy
            _fail(cls, f"its strategy is invalid: {error}")
        except HypothesisException:  # hypothesis's own control flow (filters, rejections)
            raise
        except _REFUSALS:  # a value its own strategy made was refused: draw again
            pass
        except Exception as error:  # a bug in a plugin's strategy
            _fail(cls, f"drawing a value raised {type(error).__name__}: {error}")
        return _SKIP

    return guarded()


def _nested(cls: type) -> st.SearchStrategy[Any]:
    """Values of an attrs class a field holds; a failure fails the class holding it."""
    return st.deferred(lambda: _class_strategy(cls))


def values(cls: Any) -> st.SearchStrategy[Any]:
    """Valid values of a record class, value type, attrs class or field annotation.

    For a record class, they are `records` of it and of the classes below it.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find
        >>> find(values(ek.Place), lambda place: place.lat is not None).lon is not None
        True
        >>> find(values(ek.When | None), lambda when: when is not None).precision
        <Precision.YEAR: 1>
    """
    if isinstance(cls, type) and issubclass(cls, Record):
        return records(cls)
    return of_shape(shape_of(cls, where="eventkit.testing.values"))


def records(base: type[T] = Record, *, subclasses: bool = True) -> st.SearchStrategy[T]:  # type: ignore[assignment]
    """Valid records of ``base`` and of every registered class below it.

    Classes registered after the strategy was made are included when it is
    first drawn from, and so are the installed plugins' types, loaded then
    (a plugin that fails to load is left out). A class that `failures`
    names is left out.

    Args:
        base: the record class.
        subclasses: ``False`` for records of ``base`` itself only.

    Raises:
        TypeError: ``base`` is no record class; when drawn, if no class can
            be generated (the message says why each was left out).

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find
        >>> find(records(ek.Actor), lambda actor: actor.kind == "state").kind
        <ActorKind.STATE: 'state'>
        >>> {type(find(records(ek.Communication, subclasses=False), lambda c: True))}
        {<class 'eventkit._events.Communication'>}
    """
    _check_record_class(base, "records: base")

    def from_registry() -> st.SearchStrategy[T]:
        _registry.load_plugins()  # an installed plugin's types, whether loaded yet or not
        found = [
            cls
            for cls in _registry.registered()
            if (issubclass(cls, base) if subclasses else cls is base)
        ]
        for cls in found:
            try:
                _class_strategy(cls)
            except _Unusable as error:
                _fail(cls, error.reason)
        usable = [cls for cls in found if cls not in _failures]
        if not usable:
            raise _none_usable(base, found)
        options = st.one_of([_guarded(cls) for cls in usable])

        @st.composite
        def first_usable(draw: st.DrawFn) -> T:
            for _ in range(3):
                value = draw(options)
                if value is not _SKIP:
                    return value  # type: ignore[no-any-return]
                if all(cls in _failures for cls in usable):
                    raise _none_usable(base, found)
            return reject()  # three refused in a row: hypothesis draws another example

        return first_usable()

    return st.deferred(from_registry)


def _check_record_class(value: object, where: str) -> None:
    """Refuse ``value`` (at ``where``) unless it is a record class: found when drawn, too late."""
    if not (isinstance(value, type) and issubclass(value, Record)):
        msg = f"{where} must be a record class (eventkit.Record or a class below it)"
        msg += f", got {_named(value)}"
        raise TypeError(msg)


def _named(value: object) -> str:
    return value.__qualname__ if isinstance(value, type) else repr(value)


def _none_usable(base: type, found: list[type]) -> TypeError:
    failed = {cls.__qualname__: _failures[cls] for cls in found if cls in _failures}
    msg = f"no registered record type below {base.__name__} can be generated"
    msg += f"; left out: {failed}" if failed else ""
    return TypeError(msg)


# --- records eventkit cannot read ------------------------------------------------------

_json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(*JSON_LIMITS.integers)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=_NOT_SURROGATES, max_size=20)
)


def _json_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.text(alphabet=_NOT_SURROGATES, max_size=10)
    return st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3)


_json = st.recursive(_json_scalars, _json_containers, max_leaves=6)
_names = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
_ids = record_id.strategy()
_tags = st.from_regex(r"[a-z][a-z0-9_]{0,7}(\.[a-z][a-z0-9_]{0,7})?", fullmatch=True)


_own_fields = st.dictionaries(_names, _json, max_size=3)
_new_fields = st.dictionaries(_names, _json, min_size=1, max_size=2)


@st.composite
def _of_unknown_type(draw: st.DrawFn) -> UnknownRecord:
    tag = draw(_tags)
    if tag in _registry.known_tags():
        reject()
    own = {key: value for key, value in draw(_own_fields).items() if key not in ("type", "id")}
    return UnknownRecord(data={"type": tag, "id": draw(_ids), **own})


def _with_unknown_fields(base: type[Record]) -> st.SearchStrategy[UnknownRecord]:
    known = records(base)

    @st.composite
    def with_unknown_fields(draw: st.DrawFn) -> UnknownRecord:
        record = draw(known)
        taken = describe(type(record)).keys | {"type"}
        new = {key: value for key, value in draw(_new_fields).items() if key not in taken}
        if not new:
            reject()
        return UnknownRecord(data={**to_dict(record), **new})

    return with_unknown_fields()


def unknown_records(base: type[Record] = Record) -> st.SearchStrategy[UnknownRecord]:
    """Records this eventkit cannot read, as ``from_dict(..., keep_unknown=True)`` keeps them.

    Half have a type tag no registered class or installed plugin claims; half
    are records of ``base`` (or below it) with fields their class does not
    have, as a newer version of a type would write them. Mix them with
    ``records(base) | unknown_records(base)``.

    Raises:
        TypeError: ``base`` is no record class.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import given
        >>> @given(unknown_records(ek.Event))
        ... def test_kept_verbatim(unknown):
        ...     assert unknown == ek.from_dict(ek.Event, ek.to_dict(unknown), keep_unknown=True)
        >>> test_kept_verbatim()
    """
    _check_record_class(base, "unknown_records: base")
    return _of_unknown_type() | _with_unknown_fields(base)


# --- datasets ------------------------------------------------------------------------


def _kinds(kinds: int) -> list[int]:
    """The kind bits of a reference's ``kinds``, one by one."""
    return [bit for bit in (1 << n for n in range(kinds.bit_length())) if kinds & bit]


def _consistent(
    drawn: st.SearchStrategy[list[Record]], fillers: Callable[[int], st.SearchStrategy[Record]]
) -> st.SearchStrategy[Dataset]:
    """Datasets of the ``drawn`` records, each reference made to name another of its kinds.

    A reference whose kinds no other record is gets a record of one of them
    from ``fillers`` first (which may need records of its own kinds in turn).
    """

    @st.composite
    def consistent(draw: st.DrawFn) -> Dataset:
        found = list(draw(drawn))
        ids = {record.id for record in found}
        counts = Counter(kind_of(record) for record in found)

        def unmet() -> int | None:
            """The kinds of a reference no record but its own is of, if there is one."""
            for record in found:
                own = kind_of(record)
                for _, _, kinds in references(record):
                    if not any(counts[bit] - (bit == own) for bit in _kinds(kinds)):
                        return kinds
            return None

        # each record added makes a kind more common: two of each meet every reference
        while (kinds := unmet()) is not None:
            added = draw(fillers(draw(st.sampled_from(_kinds(kinds)))).filter(_new(ids)))
            found.append(added)
            ids.add(added.id)
            counts[kind_of(added)] += 1
        by_kind: dict[int, list[str]] = {}
        for record in found:
            by_kind.setdefault(kind_of(record), []).append(record.id)
        made = []
        for record in found:
            found_references = references(record)
            if not found_references:
                made.append(record)
                continue
            data = to_dict(record)
            for loc, _, kinds in found_references:
                options = [
                    i for bit in _kinds(kinds) for i in by_kind.get(bit, ()) if i != record.id
                ]
                set_at(data, loc, draw(st.sampled_from(options)))
            try:
                made.append(from_dict(type(record), data))
            except ValidationError:  # a rule of the record's own refuses the ids chosen
                reject()
        return Dataset(made)

    return consistent()


def _new(ids: set[str]) -> Callable[[Record], bool]:
    return lambda record: record.id not in ids


def datasets(
    types: Iterable[type[Record]] | None = None, *, min_size: int = 0, max_size: int = 8
) -> st.SearchStrategy[Dataset]:
    """Valid datasets: each id a record refers to names another record, of a kind it accepts.

    The records are `records` of ``types`` (and of the classes below them),
    with unique ids. Each reference — an id in a field whose description
    gives its `eventkit.RefKind`, in a custom type as in a built-in one — is
    then made to name another record of the dataset of a kind it accepts.
    Where the dataset holds none, a record of such a kind is added: of
    ``types`` if one is of that kind, else of the kind's base class (an
    `eventkit.Actor` for a participant), so a dataset may hold more records
    than ``max_size``. A reference never names its own record (a statement
    cannot respond to itself); a record whose own rules refuse the ids
    chosen is drawn again.

    ``ds.check()`` reports no problem. It may report warnings, as for real
    data a valid dataset may: one actor as two participants, a relation its
    dates contradict, a quote statement without its quote. Add
    `unknown_records` yourself to test how records of unknown types are kept.

    Args:
        types: the record classes to draw (each with the classes below it);
            every registered one, custom and plugins' included, when None.
        min_size: the fewest records drawn.
        max_size: the most records drawn, before those references need are added.

    Raises:
        ValueError: ``types`` is empty (no dataset could be drawn).
        TypeError: ``types`` is no iterable of record classes; when drawn,
            if no class of ``types`` can be generated.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import given
        >>> @given(datasets([ek.PhoneCall, ek.Statement], max_size=4))
        ... def test_valid(ds):
        ...     assert ds.check().problems == ()
        ...     assert all(type(ds[p.actor]) is ek.Actor for e in ds.events for p in e.participants)
        >>> test_valid()
    """
    bases = (Record,) if types is None else _record_classes(types)
    fillers: dict[int, st.SearchStrategy[Record]] = {}

    def filler(kind: int) -> st.SearchStrategy[Record]:
        if kind not in fillers:
            classes = [c for c in _registry.registered() if class_kind(c) == kind]
            of_types = [c for c in classes if issubclass(c, bases) and c not in _failures]
            chosen = of_types or classes[:1]  # the kind's base class: registered first
            fillers[kind] = st.one_of([records(c, subclasses=False) for c in chosen])
        return fillers[kind]

    drawn = st.one_of([records(base) for base in bases])
    unique = st.lists(drawn, min_size=min_size, max_size=max_size, unique_by=_id)
    return _consistent(unique, filler)


def _record_classes(types: Iterable[type[Record]]) -> tuple[type[Record], ...]:
    """``types``, each a record class, at least one."""
    if isinstance(types, type | str) or not isinstance(types, Iterable):
        msg = f"datasets: types must be an iterable of record classes, or None; got {_named(types)}"
        raise TypeError(msg)
    found = tuple(types)
    if not found:
        msg = (
            "datasets: types must name a record class, or be None for every registered one;"
            " got none"
        )
        raise ValueError(msg)
    for n, cls in enumerate(found):
        _check_record_class(cls, f"datasets: types[{n}]")
    return found


def _id(record: Record) -> str:
    return record.id


# --- coverage ------------------------------------------------------------------------


def _date_facets(value: PartialDate | TimeSpan) -> Iterator[str]:
    if isinstance(value, PartialDate):
        yield "PartialDate"
        yield f"PartialDate {value.precision.name}"
        for facet, present in (
            ("with text", value.text is not None),
            ("with offset", value.utc_offset is not None),
            ("approximate", value.approximate),
            ("uncertain", value.uncertain),
        ):
            if present:
                yield f"PartialDate {facet}"
        return
    yield "TimeSpan"
    if value.start is None or value.end is None:
        yield f"TimeSpan open {'start' if value.start is None else 'end'}"
    else:
        yield "TimeSpan closed"
    for facet, present in (
        ("with text", value.text is not None),
        ("with start text", value.start is not None and value.start.text is not None),
        ("with end text", value.end is not None and value.end.text is not None),
    ):
        if present:
            yield f"TimeSpan {facet}"


def _date_branches(cls: type) -> set[str]:
    if cls is PartialDate:
        facets = [p.name for p in Precision] + ["with text", "with offset"]
        facets += ["approximate", "uncertain"]
    else:
        facets = ["open start", "open end", "closed", "with text", "with start text"]
        facets += ["with end text"]
    return {cls.__name__} | {f"{cls.__name__} {facet}" for facet in facets}


def _member_names(shape: Shape) -> set[str]:
    if isinstance(shape, Scalar):
        return {shape.type.__name__}
    if isinstance(shape, Nested):
        return {shape.cls.__name__}
    if isinstance(shape, Dates):
        return {cls.__name__ for cls in shape.classes}
    if isinstance(shape, Vocabulary):
        return {shape.enum.__name__} | ({"str"} if shape.open else set())
    if isinstance(shape, UnionOf):
        return {name for member in shape.members for name in _member_names(member)}
    return {"tuple" if isinstance(shape, TupleOf) else "mapping"}


def _member_name(shape: UnionOf, value: Any) -> str:
    """The member of the union that holds ``value``: the first that accepts it."""
    for member in shape.members:
        if _passes(member)(value):
            if isinstance(member, Dates):
                return type(value).__name__
            if isinstance(member, Vocabulary):
                return member.enum.__name__ if isinstance(value, member.enum) else "str"
            return next(iter(_member_names(member)))  # one name: unions hold no unions
    return type(value).__name__


def branches(shape: Shape) -> set[str]:
    """Every branch `coverage` can see for a field of ``shape``.

    ``None``; ``empty`` and ``items`` of a tuple or mapping (and ``item ...``,
    the branches of its items, when they have more than one); each member of
    a union by its type's name; each vocabulary member by its name, and
    ``custom`` for an open vocabulary's namespaced values; for dates, each
    class, precision, offset, qualifier and text, and open or closed spans;
    ``value`` for anything else.

    Examples:
        >>> import eventkit as ek
        >>> sorted(branches(shape_of(ek.Quantity | ek.Money | None)))
        ['Money', 'None', 'Quantity']
        >>> sorted(branches(shape_of(tuple[ek.ActorKind | str, ...])))[:3]
        ['empty', 'item AGENCY', 'item ARMED_GROUP']
    """
    if isinstance(shape, Nullable):
        return {"None"} | branches(shape.inner)
    if isinstance(shape, TupleOf | MappingOf):
        inner = branches(shape.item if isinstance(shape, TupleOf) else shape.value)
        items = {f"item {branch}" for branch in inner} if inner != {"value"} else set()
        return {"empty", "items"} | items
    if isinstance(shape, UnionOf):
        return _member_names(shape)
    if isinstance(shape, Vocabulary):
        return {member.name for member in shape.enum} | ({"custom"} if shape.open else set())
    if isinstance(shape, Dates):
        return {branch for cls in shape.classes for branch in _date_branches(cls)}
    return {"value"}


def _seen(shape: Shape, value: Any) -> Iterator[str]:
    """The branches of ``shape`` that ``value`` takes (see `branches`)."""
    if isinstance(shape, Nullable):
        if value is None:
            yield "None"
        else:
            yield from _seen(shape.inner, value)
    elif isinstance(shape, TupleOf | MappingOf):
        items = value if isinstance(shape, TupleOf) else value.values()
        yield "items" if items else "empty"
        inner = shape.item if isinstance(shape, TupleOf) else shape.value
        if branches(inner) != {"value"}:
            for item in items:
                yield from (f"item {branch}" for branch in _seen(inner, item))
    elif isinstance(shape, UnionOf):
        yield _member_name(shape, value)
    elif isinstance(shape, Vocabulary):
        yield value.name if isinstance(value, shape.enum) else "custom"
    elif isinstance(shape, Dates):
        yield from _date_facets(value)
    else:
        yield "value"


def _expected(field: Field) -> set[str]:
    return branches(field.shape) | (set() if field.required else {"absent"})


def _default(field: Field) -> Any:
    """The value a field holds when it is left out, or `attrs.NOTHING`."""
    if field.required:
        return attrs.NOTHING
    value = field.default if field.factory is None else field.factory()
    try:
        return value if field.converter is None else field.converter(value)
    except Exception:  # a converter that needs the instance: compare unconverted
        return value


def _tally(cls: type, examples: int, *, until_complete: bool) -> dict[str, Counter[str]]:
    from hypothesis import Phase, find, settings  # noqa: PLC0415 - only here
    from hypothesis.errors import NoSuchExample, Unsatisfiable  # noqa: PLC0415

    info = describe(cls)
    defaults = {field.key: _default(field) for field in info.fields}
    seen: dict[str, Counter[str]] = {field.key: Counter() for field in info.fields}
    unseen = {field.key: _expected(field) for field in info.fields}

    def count(obj: Any) -> bool:
        for field in info.fields:
            value = getattr(obj, field.name)
            taken = list(_seen(field.shape, value))
            if defaults[field.key] is not attrs.NOTHING and value == defaults[field.key]:
                taken.append("absent")
            seen[field.key].update(taken)
            unseen[field.key].difference_update(taken)
        return until_complete and not any(unseen.values())

    strategy = _class_strategy(cls) if issubclass(cls, Record) else values(cls)
    options = settings(
        max_examples=examples,
        phases=[Phase.generate],
        derandomize=True,  # the same draws every run: a stable answer
        database=None,
        deadline=None,
    )
    with contextlib.suppress(NoSuchExample, Unsatisfiable):  # all drawn, or none could be
        find(strategy, count, settings=options)
    return seen


def coverage(cls: type, *, examples: int = 1000) -> dict[str, Counter[str]]:
    """How often each field of ``cls`` took each branch of its shape in ``examples`` draws.

    Values of ``cls`` itself are drawn (not of its subclasses). Each field
    counts every branch its value takes (see `branches`), and ``"absent"``
    too when the value is the field's default (what leaving it out gives),
    so the counts of a field may add up to more than ``examples``.

    Examples:
        >>> import eventkit as ek
        >>> seen = coverage(ek.Citation, examples=50)
        >>> sorted(seen["source"]), sorted(seen["excerpt"])
        (['value'], ['None', 'absent', 'value'])
    """
    return _tally(cls, examples, until_complete=False)


def never_generated(cls: type, *, examples: int = 1000) -> dict[str, list[str]]:
    """The branches of each field of ``cls`` that no example took, in ``examples`` draws.

    An empty dict means every branch was seen (the draws stop there). For a
    plugin author this names the parts of a type the strategies never test:
    a field whose value branch never appears is never given a valid value —
    its check filters out every value drawn — so give it a strategy
    (``ek.field(strategy=...)``, or a `eventkit.checks.Check` with one).
    ``"absent"`` is a field left out (holding its default).

    Examples:
        >>> import attrs, eventkit as ek
        >>> is_imo = ek.checks.Check(lambda v: v.startswith("IMO") and v[3:].isdigit())
        >>> @attrs.frozen(kw_only=True)
        ... class Vessel:
        ...     name: str
        ...     imo: str | None = ek.field(default=None, check=is_imo)
        >>> never_generated(Vessel, examples=200)
        {'imo': ['value']}
    """
    tally = _tally(cls, examples, until_complete=True)
    info = describe(cls)
    missing = {field.key: sorted(_expected(field) - set(tally[field.key])) for field in info.fields}
    return {key: branches for key, branches in missing.items() if branches}
