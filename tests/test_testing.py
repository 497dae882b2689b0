"""eventkit.testing: every branch of every shape is generated, broken plugins are isolated."""

import enum
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import eventkit as ek

# the adapters' types register when imported: they are eventkit's types too
import eventkit.interop.acled
import eventkit.interop.gdelt
from eventkit import _registry
from eventkit._explain import value_problems
from eventkit._fields import Field, describe
from eventkit._shapes import Nested, Scalar, TupleOf, parts, shape_of
from eventkit.testing import (
    _items_checked,
    branches,
    coverage,
    datasets,
    failures,
    never_generated,
    records,
    register,
    unknown_records,
    values,
)


class Hull(enum.StrEnum):
    STEEL = "steel"
    WOOD = "wood"


@attrs.frozen(kw_only=True)
class Position:
    """A plain attrs value class of a plugin's own, derived from its fields."""

    lat: float = ek.field(check=ek.checks.in_range(-90, 90))
    lon: float = ek.field(check=ek.checks.in_range(-180, 180))


@attrs.frozen(kw_only=True)
class Flag:
    """A value class whose strategy is given to eventkit.testing.register."""

    country: ek.Country


FLAGS = ("DEU", "NOR")
register(Flag, st.builds(Flag, country=st.sampled_from(FLAGS)))


@ek.event_type("test_testing.boarding")
@attrs.frozen(kw_only=True)
class Boarding(ek.Event):
    """A plugin type with a field of every shape a plugin field can have."""

    vessel: ek.Text
    imo: str = ek.field(check=ek.checks.matches(r"IMO[0-9]{7}"))
    hull: Hull = Hull.STEEL
    boarders: ek.ActorKind | str = ek.ActorKind.MILITARY
    crew: int | str | None = None
    cargo: ek.Quantity | ek.Money | None = None
    seen: ek.When | None = None
    span: ek.TimeSpan | None = None
    first: ek.PartialDate | None = None
    position: Position | None = None
    flag: Flag | None = None
    ports: tuple[ek.Country, ...] = ()
    kinds: tuple[ek.ActorKind | str, ...] = ()
    tallies: Mapping[str, int] = attrs.field(factory=dict)
    side: Literal["port", "starboard"] = "port"
    armed: bool = False
    ransom: Decimal | None = None
    speed: float = ek.field(default=0.0, strategy=st.floats(0, 40))


@ek.event_type("test_testing.vigil")
@attrs.frozen(kw_only=True)
class Vigil(ek.Event):
    """A plugin type whose fields say their values with attrs validators, one with an alias."""

    candles: int = attrs.field(default=1, alias="n", validator=attrs.validators.ge(1))
    colour: str = attrs.field(
        default="white", validator=attrs.validators.in_(["white", "red", "blue"])
    )
    code: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(r"V[0-9]{3}")),
    )


@ek.event_type("test_testing.roll_call")
@attrs.frozen(kw_only=True)
class RollCall(ek.Event):
    """A plugin type whose tuple's items and mapping's values attrs checks one by one."""

    ages: tuple[int, ...] = attrs.field(
        default=(), validator=attrs.validators.deep_iterable(attrs.validators.ge(0))
    )
    seats: Mapping[str, int] = attrs.field(
        factory=ek.FrozenDict,
        validator=attrs.validators.deep_mapping(
            attrs.validators.instance_of(str), attrs.validators.ge(0)
        ),
    )


RECORD_TYPES = [
    cls
    for cls in _registry.registered()
    if cls.__module__.startswith("eventkit.") or cls.__module__ == __name__
]


def _held_classes(holders: list[type]) -> list[type]:
    """Every attrs class a field of ``holders`` holds, however deep, in the order met."""
    found: dict[type, None] = {}
    todo = list(holders)
    while todo:
        for field in describe(todo.pop(0)).fields:
            for part in parts(field.shape):
                if isinstance(part, Nested) and part.cls not in found:
                    found[part.cls] = None
                    todo.append(part.cls)
    return list(found)


# The value types are what the record types hold: a new one cannot be left out.
VALUE_TYPES = _held_classes(RECORD_TYPES)


# --- every branch ----------------------------------------------------------------------


@pytest.mark.parametrize("cls", [*RECORD_TYPES, *VALUE_TYPES], ids=lambda cls: cls.__name__)
def test_every_branch_of_every_field_is_generated(cls: type) -> None:
    assert {} == never_generated(cls, examples=1000)


def _holds_float(field: Field) -> bool:
    return any(isinstance(part, Scalar) and part.type is float for part in parts(field.shape))


FLOAT_FIELDS = [
    (cls, field)
    for cls in [*RECORD_TYPES, *VALUE_TYPES]
    for field in describe(cls).fields
    if _holds_float(field)
]


def _fractions(value: Any) -> list[float]:
    items = value if isinstance(value, tuple) else (value,)
    return [item for item in items if isinstance(item, float) and not item.is_integer()]


@pytest.mark.parametrize(
    ("cls", "field"), FLOAT_FIELDS, ids=lambda it: getattr(it, "__name__", getattr(it, "key", ""))
)
def test_a_float_field_is_given_fractions_that_pass_its_checks(cls: type, field: Field) -> None:
    # A range with whole bounds (a latitude, a confidence from 0 to 1) holds fractions too.
    own = records(cls, subclasses=False) if issubclass(cls, ek.Record) else values(cls)
    # the first example found will do: shrinking it took 98% of the time (7 s of a record)
    budget = settings(max_examples=500, database=None, phases=[Phase.generate])
    found = find(own, lambda obj: bool(_fractions(getattr(obj, field.name))), settings=budget)
    value = getattr(found, field.name)
    assert _fractions(value)
    assert [] == value_problems(field.shape, value)


@pytest.mark.parametrize("key", ["ages", "seats"])
def test_items_attrs_checks_one_by_one_are_drawn_as_they_check_them(key: str) -> None:
    # deep_iterable(ge(0)) judged the items only when the record was made: k items drawn for
    # their type all passed 2**-k of the time. In one run of 300 records, 0 had two ages or
    # more and 2 had two seats (16 and 27 with the items drawn as checked).
    field = describe(RollCall).field(key)
    shape = _items_checked(field, field.shape)
    item = shape.item if isinstance(shape, TupleOf) else getattr(shape, "value", None)
    assert item is not None
    assert (["invalid_value"], []) == (
        [p.code for p in value_problems(item, -1)],
        value_problems(item, 3),
    )

    @settings(max_examples=50, database=None, phases=[Phase.generate])
    @given(records(RollCall, subclasses=False))
    def drawn(call: RollCall) -> None:
        assert all(value >= 0 for value in _values(getattr(call, key)))

    drawn()


def _values(items: Any) -> list[Any]:
    return list(items.values() if isinstance(items, Mapping) else items)


def test_a_decimal_field_in_a_range_is_given_decimals() -> None:
    @attrs.frozen(kw_only=True)
    class Fee:
        amount: Annotated[Decimal, ek.checks.in_range(0, 100)]

    assert {} == never_generated(Fee, examples=100)


def test_float_fields_are_found_in_every_kind_of_type() -> None:
    # What the test above covers: a record's own fields, a value type's, an adapter's.
    names = {f"{cls.__name__}.{field.key}" for cls, field in FLOAT_FIELDS}
    expected = {"Citation.confidence", "Place.lat", "GdeltEvent.avg_tone", "GdeltGeo.lon"}
    assert expected <= names


def test_the_value_types_are_found_inside_records_and_inside_each_other() -> None:
    # Offsets is inside Citation, GroupCasualties inside Casualties, GdeltGeo in an adapter's type.
    from eventkit.interop.acled import AcledEvent
    from eventkit.interop.gdelt import GdeltEvent, GdeltGeo, GdeltMention

    assert {AcledEvent, GdeltEvent} <= set(RECORD_TYPES)
    held = {ek.Offsets, ek.GroupCasualties, GdeltGeo, GdeltMention, Position, Flag}
    assert held <= set(VALUE_TYPES)


def test_the_branches_of_a_field_name_every_part_of_its_shape() -> None:
    assert {"None", "int", "str"} == branches(shape_of(int | str | None))
    assert {"empty", "items", "item custom"} <= branches(shape_of(tuple[ek.ActorKind | str, ...]))
    assert {"STEEL", "WOOD"} == branches(shape_of(Hull))
    dates = branches(shape_of(ek.When))
    assert {f"PartialDate {p.name}" for p in ek.Precision} <= dates
    assert {
        "PartialDate with offset",
        "PartialDate with text",
        "PartialDate approximate",
        "PartialDate uncertain",
        "TimeSpan open start",
        "TimeSpan open end",
        "TimeSpan closed",
        "TimeSpan with start text",
        "TimeSpan with end text",
    } <= dates


def test_coverage_counts_each_branch_and_a_default_as_absent() -> None:
    seen = coverage(ek.Citation, examples=200)
    assert {"source", "excerpt", "locator", "offsets", "confidence"} == set(seen)
    assert {"value"} == set(seen["source"])
    assert {"None", "absent", "value"} == set(seen["excerpt"])
    # A field left out holds its default: it counts as absent and as that branch.
    assert seen["excerpt"]["None"] == seen["excerpt"]["absent"]
    assert 200 == seen["excerpt"]["None"] + seen["excerpt"]["value"]


@attrs.frozen(kw_only=True)
class Vessel:
    """A value class whose ``imo`` check has no strategy: no drawn text passes it."""

    name: ek.Text
    imo: str | None = ek.field(
        default=None, check=ek.checks.Check(lambda v: v.startswith("IMO") and v[3:].isdigit())
    )


def test_never_generated_names_a_field_whose_check_refuses_every_drawn_value() -> None:
    assert {"imo": ["value"]} == never_generated(Vessel, examples=300)


def test_never_generated_names_a_field_once_given_a_strategy_no_more() -> None:
    @attrs.frozen(kw_only=True)
    class Steered:
        imo: str | None = ek.field(
            default=None,
            check=ek.checks.Check(lambda v: v.startswith("IMO") and v[3:].isdigit()),
            strategy=st.from_regex(r"IMO[0-9]{7}", fullmatch=True),
        )

    assert {} == never_generated(Steered, examples=300)


# --- what records() holds ----------------------------------------------------------------


def test_records_of_events_include_registered_plugin_types() -> None:
    # Other tests register hundreds of types below Event: look long enough to meet one.
    budget = settings(max_examples=20_000, database=None, phases=[Phase.generate])
    boarding = find(records(ek.Event), lambda event: isinstance(event, Boarding), settings=budget)
    assert Boarding is type(boarding)


@given(records(Boarding))
def test_a_registered_strategy_gives_the_values_of_its_class(boarding: Boarding) -> None:
    assert boarding.flag is None or boarding.flag.country in FLAGS


def test_from_type_draws_valid_records_of_a_class_registered_after_hypothesis() -> None:
    # hypothesis is imported long before this class exists, as under pytest for a plugin.
    @ek.event_type("test_testing.late_comer")
    @attrs.frozen(kw_only=True)
    class LateComer(ek.Event):
        crew: int = ek.field(default=0, check=ek.checks.Check(lambda n: n >= 0))

    @settings(max_examples=50, database=None)
    @given(st.from_type(LateComer))
    def round_trip(late: LateComer) -> None:
        assert type(late) is LateComer
        assert ek.from_dict(LateComer, ek.to_dict(late)) == late

    round_trip()


def test_records_of_a_class_alone_leave_its_subclasses_out() -> None:
    @settings(max_examples=100, database=None)
    @given(records(ek.Communication, subclasses=False))
    def only_communications(event: ek.Communication) -> None:
        assert ek.Communication is type(event)

    only_communications()


def test_records_of_every_type_are_drawn_many_at_a_time() -> None:
    # A record holds many texts, and a citation offsets: drawn at random and then
    # filtered, too many failed for hypothesis to draw a list of eight records.
    @settings(max_examples=20, database=None)
    @given(st.lists(records(), min_size=8, max_size=8))
    def eight(found: list[ek.Record]) -> None:
        assert 8 == len(found)

    eight()


_A_RECORD_CLASS = "must be a record class (eventkit.Record or a class below it)"


@pytest.mark.parametrize(
    ("base", "found"),
    [(int, "int"), ("Actor", "'Actor'"), (ek.Participant, "Participant")],
)
def test_records_of_what_is_no_record_class_are_refused_when_made(base: Any, found: str) -> None:
    # records("Actor") raised issubclass()'s TypeError only once drawn from
    for strategy in (records, unknown_records):
        with pytest.raises(TypeError) as caught:
            strategy(base)
        assert f"{strategy.__name__}: base {_A_RECORD_CLASS}, got {found}" == str(caught.value)


@pytest.mark.parametrize(
    ("types", "error", "message"),
    [
        (  # hypothesis's empty strategy: no dataset at all, or only empty ones
            [],
            ValueError,
            "datasets: types must name a record class, or be None for every registered"
            " one; got none",
        ),
        (
            [ek.Actor, int],
            TypeError,
            f"datasets: types[1] {_A_RECORD_CLASS}, got int",
        ),
        (
            ek.Actor,
            TypeError,
            "datasets: types must be an iterable of record classes, or None; got Actor",
        ),
        (
            "Actor",
            TypeError,
            "datasets: types must be an iterable of record classes, or None; got 'Actor'",
        ),
    ],
)
def test_datasets_of_no_record_class_are_refused_when_made(
    types: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        datasets(types)
    assert message == str(caught.value)


def test_unknown_records_have_unknown_tags_or_fields_their_class_lacks() -> None:
    def kind(unknown: ek.UnknownRecord) -> str:
        if unknown.tag not in ek.known_tags():
            return "unknown tag"
        cls = _registry.resolve(unknown.tag)
        assert set(unknown.data) - describe(cls).keys - {"type"}
        return "unknown fields"

    seen: Counter[str] = Counter()

    @settings(max_examples=200, database=None)
    @given(unknown_records(ek.Event))
    def count(unknown: ek.UnknownRecord) -> None:
        seen[kind(unknown)] += 1

    count()
    assert {"unknown tag", "unknown fields"} == set(seen)


# --- broken plugin types ---------------------------------------------------------------


def test_broken_plugin_types_are_left_out_of_records_and_named() -> None:
    @ek.event_type("test_testing.raising_hook")
    @attrs.frozen(kw_only=True)
    class RaisingHook(ek.Event):
        @classmethod
        def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
            msg = "no strategy today"
            raise RuntimeError(msg)

    @ek.event_type("test_testing.not_a_strategy")
    @attrs.frozen(kw_only=True)
    class NotAStrategy(ek.Event):
        @classmethod
        def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
            return 42

    @ek.event_type("test_testing.odd_crew")
    @attrs.frozen(kw_only=True)
    class OddCrew(ek.Event):
        crew: int

        def __attrs_post_init__(self) -> None:
            if self.crew % 2:
                msg = f"odd crew: {self.crew}"
                raise RuntimeError(msg)

    seen: set[type] = set()

    @settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records(ek.Event))
    def draw(event: ek.Event) -> None:
        seen.add(type(event))
        assert type(event) not in (RaisingHook, NotAStrategy)
        assert not isinstance(event, OddCrew) or event.crew % 2 == 0

    draw()
    assert len(seen) > 5
    assert "__eventkit_strategy__ raised RuntimeError: no strategy today" == failures()[RaisingHook]
    assert (
        "__eventkit_strategy__ returned 42, not a hypothesis strategy" == failures()[NotAStrategy]
    )
    # Drawn alone, the class fails at its first odd crew, and the error says why.
    with pytest.raises(TypeError, match=r"OddCrew.*constructing it raised RuntimeError: odd crew"):
        find(records(OddCrew), lambda event: False)
    assert failures()[OddCrew].startswith("constructing it raised RuntimeError: odd crew: ")
    assert ek.Event not in failures()


@attrs.frozen(kw_only=True)
class Gauge:
    """A value class whose own strategy breaks when drawn from."""

    reading: int = 0

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        return fields["reading"].map(cls.explode)

    @staticmethod
    def explode(reading: int) -> "Gauge":
        msg = "gauge broke"
        raise ZeroDivisionError(msg)


def test_a_plugin_type_holding_a_broken_value_class_is_named_with_it() -> None:
    @ek.event_type("test_testing.gauged")
    @attrs.frozen(kw_only=True)
    class Gauged(ek.Event):
        gauge: Gauge

    with pytest.raises(TypeError, match="Gauge inside it: drawing a value raised ZeroDivision"):
        find(records(Gauged), lambda event: True)
    assert "drawing a value raised ZeroDivisionError: gauge broke" == failures()[Gauge]
    assert (
        "Gauge inside it: drawing a value raised ZeroDivisionError: gauge broke"
        == (failures()[Gauged])
    )

    @settings(max_examples=50, database=None)
    @given(records(ek.Event))
    def draw(event: ek.Event) -> None:
        assert not isinstance(event, Gauged)

    draw()


def test_values_of_a_broken_class_raise_saying_why() -> None:
    @attrs.frozen(kw_only=True)
    class NoStrategy:
        @classmethod
        def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
            return "a strategy, promise"

    with pytest.raises(TypeError, match="returned 'a strategy, promise', not a hypothesis"):
        find(values(NoStrategy), lambda value: True)
