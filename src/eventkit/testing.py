"""Hypothesis strategies for every eventkit record type, built-in or registered.

hypothesis's ``builds``/``from_type`` know nothing of eventkit's checks, so
records built that way are mostly invalid. These strategies generate values
that pass every check, including registered custom event types (their
fields are generated from their types, and values a custom validator
rejects are filtered out).

Examples:
    >>> import eventkit as ek
    >>> from hypothesis import given
    >>> from eventkit.testing import records
    >>> @given(records(ek.Event))
    ... def test_round_trip(event):
    ...     assert ek.from_dict(ek.Event, ek.to_dict(event)) == event
    >>> test_round_trip()
"""

import enum
import string
import types
import typing
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from eventkit import _registry
from eventkit._codes import Codes
from eventkit._records import (
    TIME_UNITS,
    Actor,
    Casualties,
    Citation,
    Money,
    Participant,
    Place,
    Quantity,
    Record,
    Relation,
    Role,
    Source,
    Statement,
)
from eventkit._time import PartialDate, Precision, TimeSpan, When
from eventkit._vocab import (
    ActorKind,
    ParticipantRole,
    Qualifier,
    RelationKind,
    SourceKind,
    StatementKind,
)
from eventkit.exceptions import ValidationError

__all__ = [
    "partial_dates",
    "records",
    "time_spans",
    "values",
    "whens",
]

T = TypeVar("T")

_OPEN_KINDS: dict[type, type[enum.Enum]] = {
    Actor: ActorKind,
    Source: SourceKind,
    Statement: StatementKind,
}
_ID_FIELDS = frozenset(
    {"id", "actor", "speaker", "source", "event", "organisation", "author", "publisher", "via"}
)
_ID_TUPLE_FIELDS = frozenset({"derived_from", "about", "responds_to", "disputes"})
_LANGUAGES = ("de", "en", "en-GB", "fr", "ru", "uk", "pl", "zh-Hant-TW")
_COUNTRIES = ("DEU", "RUS", "UKR", "USA", "GBR", "FRA", "POL", "AUT", "PRK", "CHE", "BRA")
_CURRENCIES = ("EUR", "USD", "GBP", "RUB", "UAH", "CHF")

ids = st.text(alphabet=string.ascii_letters + string.digits + "-_.:/é", min_size=1, max_size=40)
texts = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
_custom_values = st.from_regex(r"[a-z]{1,8}\.[a-z][a-z_]{0,9}", fullmatch=True)
_urls = st.builds(
    lambda path: f"https://example.org/{path}", st.from_regex(r"[a-z0-9/]{0,20}", fullmatch=True)
)
_numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)
_counts = st.integers(min_value=0, max_value=10**6)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Valid `eventkit.PartialDate` values at every precision.

    Examples:
        >>> from hypothesis import given
        >>> @given(partial_dates())
        ... def test(value):
        ...     assert PartialDate.from_edtf(value.to_edtf()) == attrs.evolve(value, text=None)
        >>> test()
    """
    precision = draw(st.sampled_from(Precision))
    parts: dict[str, Any] = {"year": draw(st.integers(1, 9999))}
    if precision >= Precision.MONTH:
        parts["month"] = draw(st.integers(1, 12))
    if precision >= Precision.DAY:
        parts["day"] = draw(st.integers(1, 28))
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
    parts["text"] = draw(st.none() | texts)
    return PartialDate(**parts)


@st.composite
def time_spans(draw: st.DrawFn) -> TimeSpan:
    """Valid `eventkit.TimeSpan` values, open at either end or closed."""
    # The ends of a span are written inside one EDTF string: only the span keeps text.
    ends = partial_dates().map(lambda value: attrs.evolve(value, text=None))
    start = draw(st.none() | ends)
    end = draw(ends if start is None else st.none() | ends)
    if start is not None and end is not None and start.earliest > end.latest:
        start, end = end, start
    return TimeSpan(start=start, end=end, text=draw(st.none() | texts))


def whens() -> st.SearchStrategy[When]:
    """Either a partial date or a span."""
    return st.one_of(partial_dates(), time_spans())


@st.composite
def _quantities(draw: st.DrawFn, *, counts: bool = False, unit: Any = None) -> Quantity:
    numbers = _counts if counts else _numbers
    value = draw(st.none() | numbers)
    low = draw(st.none() | numbers)
    high = draw(st.none() | numbers)
    present = sorted(x for x in (low, value, high) if x is not None)
    if not present:
        value = draw(numbers)
    elif len(present) > 1:
        # Give the drawn numbers the order low <= value <= high that a quantity needs.
        slots = [
            name for name, x in (("low", low), ("value", value), ("high", high)) if x is not None
        ]
        assigned = dict(zip(slots, present, strict=True))
        low, value, high = assigned.get("low"), assigned.get("value"), assigned.get("high")
    return Quantity(
        value=value,
        low=low,
        high=high,
        unit=None if counts else draw(unit if unit is not None else st.none() | texts),
        qualifier=draw(st.none() | st.sampled_from(list(Qualifier))),
    )


@st.composite
def _places(draw: st.DrawFn) -> Place:
    with_point = draw(st.booleans())
    name = draw(st.none() | texts)
    country = draw(st.none() | st.sampled_from(_COUNTRIES))
    if name is None and country is None:
        with_point = True
    return Place(
        name=name,
        country=country,
        admin=draw(st.lists(texts, max_size=3)),
        lat=draw(st.floats(-90, 90)) if with_point else None,
        lon=draw(st.floats(-180, 180)) if with_point else None,
        geonames=draw(st.none() | st.integers(1, 10**8)),
    )


@st.composite
def _roles(draw: st.DrawFn) -> Role:
    start = draw(st.none() | partial_dates())
    end = draw(st.none() | partial_dates())
    if start is not None and end is not None and start.earliest > end.latest:
        start, end = end, start
    return Role(title=draw(texts), organisation=draw(st.none() | ids), start=start, end=end)


@st.composite
def _statements(draw: st.DrawFn, cls: type[Statement]) -> Statement:
    statement_id = draw(ids)
    other_ids = st.lists(ids.filter(lambda i: i != statement_id), max_size=3)
    return draw(
        _builds(
            cls,
            fixed={
                "id": st.just(statement_id),
                "responds_to": other_ids,
                "disputes": other_ids,
            },
        )
    )


_VALUE_TYPES: dict[type, st.SearchStrategy[Any]] = {
    Quantity: _quantities(),
    Casualties: st.builds(
        Casualties,
        killed=st.none() | _quantities(counts=True),
        injured=st.none() | _quantities(counts=True),
        missing=st.none() | _quantities(counts=True),
        arrested=st.none() | _quantities(counts=True),
    ),
    Money: st.builds(
        Money,
        amount=st.decimals(
            allow_nan=False, allow_infinity=False, places=2, max_value=10**12, min_value=-(10**12)
        ),
        currency=st.sampled_from(_CURRENCIES),
        qualifier=st.none() | st.sampled_from(list(Qualifier)),
    ),
    Place: _places(),
    Role: _roles(),
    Citation: st.builds(Citation, source=ids, excerpt=st.none() | texts, locator=st.none() | texts),
    Relation: st.builds(Relation, kind=st.sampled_from(list(RelationKind)), event=ids),
    Participant: st.builds(
        Participant,
        actor=ids,
        role=st.sampled_from(list(ParticipantRole)) | _custom_values,
    ),
    Codes: st.builds(Codes),
}


def _field_strategy(  # noqa: PLR0911 - one exit per field convention
    cls: type, field: "attrs.Attribute[Any]"
) -> st.SearchStrategy[Any]:
    name, tp = field.name, field.type
    if name == "duration":
        return st.none() | _quantities(unit=st.sampled_from(sorted(TIME_UNITS)))
    if name in _ID_FIELDS:
        return _for_type(tp, ids)
    if name in _ID_TUPLE_FIELDS:
        return st.lists(ids, max_size=3)
    if name == "country":
        return st.none() | st.sampled_from(_COUNTRIES)
    if name == "currency":
        return st.sampled_from(_CURRENCIES)
    if name == "language":
        return st.none() | st.sampled_from(_LANGUAGES)
    if name == "url":
        return st.none() | _urls
    if name == "identifiers":
        return st.dictionaries(
            st.sampled_from(["wikidata", "acme_db"]),
            st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True),
            max_size=2,
        )
    if name == "kind" and any(issubclass(cls, base) for base in _OPEN_KINDS):
        vocabulary = next(v for base, v in _OPEN_KINDS.items() if issubclass(cls, base))
        return st.sampled_from(list(vocabulary)) | _custom_values
    return _for_type(tp, None)


def _for_type(  # noqa: PLR0911, PLR0912 - one branch per kind of type
    tp: Any, leaf: st.SearchStrategy[Any] | None
) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp in (When, When | None):
        return (st.none() | whens()) if tp != When else whens()
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        inner = st.one_of(*(_for_type(a, leaf) for a in non_none))
        return st.none() | inner if len(non_none) < len(args) else inner
    if origin is tuple:
        return st.lists(_for_type(args[0], leaf), max_size=3).map(tuple)
    if leaf is not None:
        return leaf
    if tp is str:
        return texts
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-(10**9), 10**9)
    if tp is float:
        return _numbers
    if tp is Decimal:
        return st.decimals(
            allow_nan=False, allow_infinity=False, places=3, max_value=10**12, min_value=-(10**12)
        )
    if tp is PartialDate:
        return partial_dates()
    if tp is TimeSpan:
        return time_spans()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if tp in _VALUE_TYPES:
        return _VALUE_TYPES[tp]
    if isinstance(tp, type) and attrs.has(tp):
        return _builds(tp)
    msg = f"eventkit.testing cannot generate values of type {tp!r}"
    raise TypeError(msg)


def _valid(cls: type[T]) -> Any:
    def build(kwargs: dict[str, Any]) -> T | None:
        try:
            return cls(**kwargs)
        except ValidationError:
            return None

    return build


def _builds(
    cls: type[T], fixed: dict[str, st.SearchStrategy[Any]] | None = None
) -> st.SearchStrategy[T]:
    fixed = fixed or {}
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        if not field.init:
            continue
        strategy = fixed[field.name] if field.name in fixed else _field_strategy(cls, field)
        (required if field.default is attrs.NOTHING else optional)[field.name] = strategy
    kwargs = st.fixed_dictionaries(required, optional=optional)
    # Custom validators may reject some generated values; those draws are discarded.
    return kwargs.map(_valid(cls)).filter(lambda value: value is not None)


def _registered(base: type[Record]) -> list[type[Record]]:
    return [cls for cls in _registry.registered() if issubclass(cls, base)]


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
        classes = _registered(base)  # type: ignore[arg-type]
        if not classes:
            msg = f"no registered record type is a {base.__name__}"
            raise TypeError(msg)
        return st.one_of(*(_record_strategy(cls) for cls in classes))

    return st.deferred(from_registry)


def _record_strategy(cls: type[Record]) -> st.SearchStrategy[Record]:
    if issubclass(cls, Statement):
        return _statements(cls)
    return _builds(cls)


def values(cls: type[T]) -> st.SearchStrategy[T]:
    """Valid values of a value type (Place, Quantity, Money, …) or record class.

    Examples:
        >>> import eventkit as ek
        >>> from hypothesis import find
        >>> find(values(ek.Place), lambda place: place.lat is not None).lon is not None
        True
    """
    if isinstance(cls, type) and issubclass(cls, Record):
        return records(cls)
    return _for_type(cls, None)
