"""Custom types of every shape, generated: they round-trip, and both load paths agree.

hypothesis draws whole classes — fields of random kinds, with or without
defaults, aliases, attrs validators, a post-init that refuses some values,
plain attrs value classes nested inside, built-in event types as bases,
some of their fields redefined narrower — registers each, draws records of
it with `eventkit.testing`, and checks that ``construct -> to_dict ->
from_dict`` gives the record back, that the fast path and the report path
agree on data mutated anywhere inside, and that the records come back
through the columnar forms (Arrow, pandas and Polars frames) as they went in.
"""

from __future__ import annotations

import abc
import enum
import itertools
import pathlib
import pickle
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Union

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit._codegen import REFUSALS, structure_function
from eventkit._diagnose import diagnose_object
from eventkit._fields import describe
from eventkit._shapes import FrozenDict
from eventkit.interop import acled, gdelt, jsonld, plover
from eventkit.testing import records


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Switch(enum.Enum):
    ON = True
    OFF = False


class Score(enum.Enum):  # values of several types
    NONE = 0
    HALF = 0.5
    FULL = "full"


class Hue(str, enum.Enum):  # noqa: UP042 - the pre-3.11 idiom, whose str() is not its value
    RED = "red"


class Label(enum.StrEnum):  # a StrEnum that shows itself its own way
    A = "a"

    def __str__(self) -> str:
        return f"Label {self.value}"


class Perm(enum.IntFlag):
    R = 1
    W = 2
    RW = 3  # a named combination: Perm iterates R and W only, and data names those


class Mode(enum.Flag):
    READ = 1
    WRITE = 2


@attrs.frozen(kw_only=True)
class Quay(ek.Place):
    """A narrower `Place`: a type may hold it where Event holds a place."""

    berth: str | None = None


@attrs.frozen(kw_only=True)
class Crew(ek.Participant):
    """A narrower `Participant`, with fields of its own (one named as a link table's column)."""

    weapon: ek.Text | None = None
    position: ek.Text | None = None


@attrs.frozen(kw_only=True)
class Clipping(ek.Citation):
    """A narrower `Citation`, with fields of its own (one named as a link table's column)."""

    page: int | None = None
    kind: ek.Text | None = None


@attrs.frozen(kw_only=True)
class Sequel(ek.Relation):
    """A narrower `Relation`, with a field named as its link table's owner."""

    from_event: ek.EventId | None = None


@attrs.frozen(kw_only=True)
class Estimate(ek.Quantity):
    """A narrower `Quantity`, with a field of its own."""

    by: ek.Text | None = None


_names = itertools.count()

# Fields of Event a type may redefine narrower: eventkit reads them as Event's.
NARROWINGS: list[tuple[str, Any, Any]] = [
    ("when", ek.PartialDate | None, None),
    ("when", ek.TimeSpan, attrs.NOTHING),
    ("status", ek.EventStatus, ek.EventStatus.PLANNED),
    ("title", ek.Text, "Drawn"),
    ("place", Quay | None, None),
    ("participants", tuple[Crew, ...], ()),
    ("sources", tuple[Clipping, ...], ()),
    ("related", tuple[Sequel, ...], ()),
    ("size", Estimate | None, None),
    ("casualties_from", ek.StatementId | None, None),
]

# (annotation, default or attrs.NOTHING for a required field, a factory or None)
SCALARS: list[tuple[Any, Any]] = [
    (str, "x"),
    (int, 0),
    (float, 0.5),
    (bool, False),
    (Decimal, Decimal("1.5")),
    (ek.Text, "text"),
    (ek.Country, "DEU"),
    (Colour, Colour.RED),
    (Level, Level.LOW),
    (Switch, Switch.ON),
    (Score, Score.HALF),
    (Hue, Hue.RED),
    (Perm, Perm.R),
    (Level | str, Level.HIGH),
    (Label | str, Label.A),
    (Literal["a", "b"], "a"),
    (Literal[1, 2], 1),
    (Annotated[int, ek.checks.in_range(0, 1000)], 0),
    (ek.ActorKind | str, ek.ActorKind.PERSON),
]
OPTIONALS: list[Any] = [
    ek.Text | None,
    ek.ActorId | None,
    ek.EventId | None,
    ek.Quantity | None,
    ek.When | None,
    ek.PartialDate | None,
    ek.Place | None,
    ek.Quantity | ek.Money | None,
    Colour | None,
    Level | None,
    Score | None,
    Hue | None,
    Label | None,
    Mode | None,
]
TUPLES: list[Any] = [
    tuple[ek.Text, ...],
    tuple[ek.SourceId, ...],
    tuple[ek.Participant, ...],
    tuple[ek.When, ...],
    tuple[int, ...],
    tuple[Score, ...],
    tuple[tuple[str, ...], ...],
    tuple[Mapping[str, Level], ...],
]
MAPPINGS: list[Any] = [
    Mapping[str, int],
    Mapping[str, Mapping[str, float]],
    Mapping[str, tuple[Score, ...] | None],
]


def _attrs_class(
    fields: list[tuple[str, Any, Any]], *, name: str = "Value", base: tuple[type, ...] = ()
) -> type:
    """An attrs class below ``base`` of ``fields``: name, annotation, default or `attrs.NOTHING`."""
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__}
    for key, annotation, default in fields:
        namespace["__annotations__"][key] = annotation
        if default is not attrs.NOTHING:
            namespace[key] = default
    cls = type(f"{name}{next(_names)}", base, namespace)
    return attrs.frozen(kw_only=True)(cls)


@st.composite
def field_specs(draw: st.DrawFn, *, depth: int = 0) -> tuple[Any, Any]:
    """One field's annotation and default (``attrs.NOTHING``: required)."""
    kinds = ["scalar", "optional", "tuple", "mapping", "nested", "union"]
    kind = draw(st.sampled_from(kinds[: 6 - 2 * depth]))
    if kind == "scalar":
        annotation, default = draw(st.sampled_from(SCALARS))
        return annotation, draw(st.sampled_from([default, attrs.NOTHING]))
    if kind == "optional":
        return draw(st.sampled_from(OPTIONALS)), None
    if kind == "tuple":
        return draw(st.sampled_from(TUPLES)), ()
    if kind == "mapping":
        # not a dict factory: loading keeps the dict it makes (only constructing freezes it)
        return draw(st.sampled_from(MAPPINGS)), FrozenDict()
    inner = draw(st.lists(field_specs(depth=depth + 1), min_size=1, max_size=3))
    nested: Any = _attrs_class([(f"n{i}", a, d) for i, (a, d) in enumerate(inner)])
    if kind == "union":
        # a class with more fields after one with fewer: its data, its extra
        # fields at their defaults, gives only keys the first reads too
        extra = draw(st.lists(field_specs(depth=depth + 1), min_size=1, max_size=2))
        more = _attrs_class([(f"n{i}", a, d) for i, (a, d) in enumerate(inner + extra)])
        nested = Union[nested, more]  # noqa: UP007 - classes made at run time
    optional: Any = Union[nested, None]  # noqa: UP007
    many: Any = tuple.__class_getitem__((nested, ...))  # tuple[nested, ...], built at run time
    picked: tuple[Any, Any] = draw(st.sampled_from([(optional, None), (many, ())]))
    return picked


def _refuse_thirteen(self: Any) -> None:
    for value in attrs.asdict(self, recurse=False).values():
        if value == 13 and type(value) is int:
            msg = "13 is refused by this type's __attrs_post_init__"
            raise ValueError(msg)


@st.composite
def custom_types(draw: st.DrawFn) -> type[ek.Event]:
    base = draw(st.sampled_from([ek.Event, ek.PhoneCall, ek.Attack, ek.Aid, ek.Protest]))
    specs = draw(st.lists(field_specs(), min_size=1, max_size=6))
    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": __name__}
    for index, (annotation, default) in enumerate(specs):
        name = f"g{index}" if not draw(st.booleans()) else f"_g{index}"  # _g: aliased "g"
        options: dict[str, Any] = {}
        if default is not attrs.NOTHING:
            options["default"] = default
        if draw(st.booleans()):
            options["alias"] = f"wire_{index}"
        if annotation is int and draw(st.booleans()):
            options["validator"] = attrs.validators.ge(-(10**6))
        namespace["__annotations__"][name] = annotation
        namespace[name] = attrs.field(**options)
    for name, annotation, default in draw(
        st.lists(st.sampled_from(NARROWINGS), max_size=2, unique_by=lambda n: n[0])
    ):
        namespace["__annotations__"][name] = annotation
        if default is not attrs.NOTHING:
            namespace[name] = default
    if draw(st.booleans()):
        namespace["__attrs_post_init__"] = _refuse_thirteen
    cls = type(f"Custom{next(_names)}", (base,), namespace)
    cls = attrs.frozen(kw_only=True)(cls)
    return ek.event_type(f"test_custom_types.c{next(_names)}")(cls)


# Values near the edge of what fields take: each valid for some shape, invalid for others.
NEAR_MISSES: list[Any] = [
    *("", " ", "a b", "acme", "acme.x", "13", "2024-13", "2024-05", "DEU", "Germany", "red", "a"),
    *(None, True, False, 0, 0.0, 1, 1.0, 13, -1, 1001, 0.5, 1e300, [], {}, [13]),
    *({"value": -1}, {"edtf": "2024"}),
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=2) | st.dictionaries(st.text(max_size=4), children, max_size=2)
    ),
    max_leaves=4,
)
Path = tuple[str | int, ...]


def _paths(data: Any, at: Path = ()) -> list[Path]:
    """The path of every value inside ``data`` (dict keys and list indexes)."""
    found = []
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        found.append((*at, key))
        found.extend(_paths(value, (*at, key)))
    return found


def _replaced(data: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data.get(head), rest, value)}
    copy = list(data)
    copy[head] = _replaced(copy[head], rest, value)  # type: ignore[index]
    return copy


def _both_paths(cls: type, data: Any) -> None:
    """The fast path accepts ``data`` exactly when the report path finds no problem."""
    try:
        fast: Any = structure_function(cls, record=True)(data)
    except REFUSALS:
        fast = None
    slow, problems = diagnose_object(cls, data, record=True, fast_first=False)
    assert (fast is None) == bool(problems), (data, problems)
    assert fast == slow
    if fast is not None:  # what loads, writes back and loads again the same
        written = ek.to_dict(fast)
        assert fast == ek.from_dict(ek.Event, written)
        # and each number and true or false it was given, as given (1 is not true);
        # an integer amount is a Decimal's, written as its text ("12")
        for path in _paths(data):
            given, back = _at(data, path), _at(written, path)
            amount = type(given) is int and type(back) is str and Decimal(back) == given
            if type(given) in (bool, int, float) and back is not _ABSENT and not amount:
                assert orjson.dumps(given) == orjson.dumps(back), (path, given, back)


_ABSENT = object()


def _at(data: Any, path: Path) -> Any:
    for key in path:
        held = isinstance(data, dict) and key in data
        if not (held or (isinstance(data, list) and isinstance(key, int) and key < len(data))):
            return _ABSENT
        data = data[key]
    return data


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_generated_custom_types_round_trip_and_both_paths_agree(data: st.DataObject) -> None:
    cls = data.draw(custom_types(), label="class")
    record = data.draw(records(cls), label="record")
    wire = ek.to_dict(record)
    assert record == ek.from_dict(ek.Event, wire)
    assert record == ek.from_json(cls, ek.to_json(record))
    # Every value inside, and every field of the class's own left at its
    # default, replaced by each near miss; then one random replacement.
    own = sorted(describe(cls).keys - describe(cls.__mro__[1]).keys - set(wire))
    paths = [path for path in _paths(wire) if path != ("type",)] + [(key,) for key in own]
    for path in paths:
        for value in NEAR_MISSES:
            _both_paths(cls, _replaced(wire, path, value))
    path = data.draw(st.sampled_from(paths), label="path")
    _both_paths(cls, _replaced(wire, path, data.draw(JSON, label="value")))


def _thawed(value: Any) -> Any:
    """``value`` as a caller may give it: lists and dicts at every level, members as values.

    And a Decimal as the text data gives it in, which Money's amount takes in code.
    """
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value.value if isinstance(value, Score | Level) else value


def _clear(value: Any) -> None:
    """Empty every list and dict inside ``value``, deepest first."""
    items = value if isinstance(value, list) else value.values() if isinstance(value, dict) else ()
    for item in items:
        _clear(item)
    if isinstance(value, list | dict):
        value.clear()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_generated_custom_types_take_lists_and_dicts_at_every_level(data: st.DataObject) -> None:
    # a nested list was refused, and a nested dict kept as given: changing it
    # changed the frozen record, and hashing the record raised TypeError
    cls = data.draw(custom_types(), label="class")
    # loaded, as nested plain attrs classes (their constructors attrs' own) freeze only then
    record = ek.from_dict(ek.Event, ek.to_dict(data.draw(records(cls), label="record")))
    given = {f.key: _thawed(getattr(record, f.name)) for f in describe(cls).fields}
    built = cls(**given)
    assert record == built
    assert hash(record) == hash(built)
    wire = ek.to_dict(built)
    for value in given.values():
        _clear(value)
    assert wire == ek.to_dict(built)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_generated_custom_types_round_trip_through_arrow_and_frames(data: st.DataObject) -> None:
    cls = data.draw(custom_types(), label="class")
    generated = data.draw(
        st.lists(records(cls), min_size=1, max_size=3, unique_by=lambda r: r.id), label="records"
    )
    dataset = ek.Dataset(generated)
    _assert_engines_see_every_event(dataset)
    for form in (dataset.to_arrow, dataset.to_pandas, dataset.to_polars):
        tables = form()
        back, read = (
            ek.Dataset.from_arrow(tables, lenient=True)
            if form == dataset.to_arrow
            else ek.Dataset.from_frames(tables, lenient=True)
        )
        assert [] == [p for p in read.problems if "reference" not in p.code]
        assert dataset == back, form.__name__


def _assert_engines_see_every_event(dataset: ek.Dataset) -> None:
    """Event's columns and link tables hold every event's, whatever its type narrowed.

    Engines ask ``events.place`` and join ``participants``, ``citations``
    and ``relations`` on their owner's id: an event whose values were in
    columns of its type's own was missing from their answers, and an item's
    field named as the owner's column (a Crew's ``position``) took its place.
    """
    tables = dataset.to_arrow()
    events = tables["events"].select(["id", "place", "_exact"]).to_pylist()
    rows = {row["id"]: row for row in events}
    involved = Counter(tables["participants"]["event"].to_pylist())
    citations = tables["citations"].select(["record", "kind"]).to_pylist()
    cited = Counter(row["record"] for row in citations if row["kind"] == "event")
    relating = Counter(tables["relations"]["from_event"].to_pylist())
    for event in dataset.events:
        row = rows[event.id]
        # a value no column type holds (an int beyond int64) is kept whole in _exact instead
        kept = orjson.loads(row["_exact"]) if row["_exact"] else {}
        if "participants" not in kept:
            assert len(event.participants) == involved[event.id]
        if "sources" not in kept:
            assert len(event.sources) == cited[event.id]
        if "related" not in kept:
            assert len(event.related) == relating[event.id]
        if "place" not in kept:
            assert (event.place is None) == (row["place"] is None)


class Answer(enum.Enum):  # a number, a text and a bool
    NONE = 0
    UNKNOWN = "unknown"
    YES = True


@ek.event_type("test_custom_types.rated")
@attrs.frozen(kw_only=True)
class Rated(ek.Event):
    answer: Answer | None = None
    score: Score | None = None


@pytest.mark.parametrize(
    ("key", "value"),
    [("answer", 1), ("answer", 1.0), ("answer", False), ("answer", 0.0), ("score", 0.0)],
)
def test_a_member_is_found_by_a_value_of_its_own_type_only(key: str, value: Any) -> None:
    # 1 was read as Answer.YES and written back as true; 0.0 as 0
    data = {"type": "test_custom_types.rated", "id": "r", "title": "R", key: value}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Event, data)
    assert [(f"$.{key}", "invalid_value")] == [(p.path, p.code) for p in info.value.problems]
    zero = Rated(id="r", title="R", answer=Answer.NONE)
    if key == "score":
        zero = Rated(id="r", title="R", score=Score.NONE)
    assert zero == ek.from_dict(ek.Event, {**data, key: 0})


@ek.event_type("test_custom_types.tally")
@attrs.frozen(kw_only=True)
class Tally(ek.Event):
    counts: Mapping[str, int] = attrs.field(factory=dict)
    by_place: Mapping[str, ek.When] | None = None


def test_a_mapping_given_to_the_constructor_is_copied_frozen() -> None:
    # the record kept the caller's dict: changing it changed the frozen record,
    # unchecked, and hashing it raised TypeError
    counts, by_place = {"boats": 2}, {"Kyiv": ek.parse_edtf("2024-05")}
    tally = Tally(id="t", title="T", counts=counts, by_place=by_place)
    counts["boats"] = "many"  # type: ignore[assignment]
    by_place.clear()
    assert (FrozenDict({"boats": 2}), ["Kyiv"]) == (tally.counts, list(tally.by_place or {}))
    assert hash(tally) == hash(ek.from_json(ek.Event, ek.to_json(tally)))
    assert tally == ek.from_json(ek.Event, ek.to_json(tally))


@attrs.frozen(kw_only=True)
class ByRoad:
    name: str


@attrs.frozen(kw_only=True)
class BySea:
    name: str
    knots: float | None = None
    ports: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ByAir:
    name: str
    flight: str  # required: its data always says it is ByAir


@ek.event_type("test_custom_types.escape")
@attrs.frozen(kw_only=True)
class Escape(ek.Event):
    route: ByRoad | BySea | ByAir | None = None
    routes: tuple[ByRoad | BySea, ...] = ()


def test_a_union_member_whose_data_an_earlier_reads_keeps_its_class(
    tmp_path: pathlib.Path,
) -> None:
    # BySea(name="x") was written {"name": "x"} and read back as ByRoad
    sea, road = BySea(name="Channel"), ByRoad(name="A1")
    escape = Escape(id="e", title="E", route=sea, routes=(road, BySea(name="x", ports=("Dover",))))
    assert {"name": "Channel", "knots": None} == ek.to_dict(escape)["route"]
    assert [{"name": "A1"}, {"name": "x", "ports": ["Dover"]}] == ek.to_dict(escape)["routes"]
    flown = Escape(id="f", title="F", route=ByAir(name="LH1", flight="LH1"))
    assert {"name": "LH1", "flight": "LH1"} == ek.to_dict(flown)["route"]  # nothing added
    dataset = ek.Dataset([escape, flown])
    dataset.save(tmp_path / "d.jsonl")
    dataset.save(tmp_path / "d.parquet", format="parquet")
    for back in (
        ek.from_json(ek.Event, ek.to_json(escape)),
        ek.Dataset.load(tmp_path / "d.jsonl")["e"],
        ek.Dataset.load(tmp_path / "d.parquet")["e"],
        ek.Dataset.from_arrow(dataset.to_arrow())["e"],
        ek.Dataset.from_frames(dataset.to_pandas())["e"],
        ek.Dataset.from_frames(dataset.to_polars())["e"],
    ):
        assert isinstance(back, Escape)
        assert (BySea, ByRoad, BySea) == tuple(map(type, (back.route, *back.routes)))
        assert escape == back


def test_a_union_member_that_cannot_be_told_apart_is_refused_at_registration() -> None:
    with pytest.raises(ek.RegistrationError) as info:

        @ek.event_type("test_custom_types.flight")
        @attrs.frozen(kw_only=True)
        class Flight(ek.Event):
            legs: tuple[BySea | ByRoad, ...] = ()

    assert "ByRoad's data would be read back as BySea: put ByRoad first" in str(info.value)
    assert "test_custom_types.flight" not in ek.known_tags()


@ek.event_type("test_custom_types.crossing")
@attrs.frozen(kw_only=True)
class Crossing(ek.Event):
    sea: BySea | None = None
    route: ByRoad | BySea | ByAir | None = None


def _said(problems: Iterable[ek.Problem]) -> list[tuple[str, str, str]]:
    return [(p.path, p.code, p.message) for p in problems]


def _read(how: str, text: str, tmp_path: pathlib.Path) -> list[tuple[str, str, str]]:
    """The problems of a record's JSON ``text`` when read ``how``."""
    if how == "validate_file":
        path = tmp_path / "crossing.jsonl"
        path.write_text(text + "\n", encoding="utf-8")
        return _said(ek.validate_file(path).problems)
    data = orjson.loads(text)
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Event, data) if how == "from_dict" else ek.from_json(ek.Event, text)
    return _said(info.value.problems)


@pytest.mark.parametrize("how", ["from_dict", "from_json", "validate_file"])
@pytest.mark.parametrize(
    ("route", "expected"),
    [
        # the keys are BySea's: its field was blamed on ByRoad, or the object
        # said to be no object
        (
            '{"name": "Channel", "knots": "fast"}',
            [("$.route.knots", "invalid_type", "expected a number, not a string")],
        ),
        (
            '{"name": "LH1", "flight": 7}',
            [("$.route.flight", "invalid_type", "expected a string, not an integer")],
        ),
        (
            '{"name": "x", "flight": "LH1", "knots": 3}',
            [
                (
                    "$.route",
                    "invalid_value",
                    "expected ByRoad or BySea or ByAir, and no member fits: "
                    "as BySea, flight: unknown field for BySea; "
                    "as ByAir, knots: unknown field for ByAir",
                )
            ],
        ),
        (
            '"Channel"',
            [("$.route", "invalid_type", "expected ByRoad or BySea or ByAir, not a string")],
        ),
    ],
)
def test_a_union_reports_the_member_its_object_is_meant_as_on_every_path(
    how: str, route: str, expected: list[tuple[str, str, str]], tmp_path: pathlib.Path
) -> None:
    text = f'{{"type": "test_custom_types.crossing", "id": "c", "title": "C", "route": {route}}}'
    assert expected == _read(how, text, tmp_path)


@pytest.mark.parametrize("how", ["from_json", "validate_file"])
def test_an_integer_beyond_64_bits_in_a_union_member_is_reported_as_outside_a_union(
    how: str, tmp_path: pathlib.Path
) -> None:
    # three problems: two blamed ByRoad and BySea, which have no field flight
    wide = 10**30
    text = '{"type": "test_custom_types.crossing", "id": "c", "title": "C", "%s": %s}'
    in_union = _read(how, text % ("route", f'{{"name": "LH1", "flight": {wide}}}'), tmp_path)
    alone = _read(
        how, text % ("sea", f'{{"name": "LH1", "knots": 1, "ports": [{wide}]}}'), tmp_path
    )
    assert ["$.route.flight"] * 2 == [path for path, _, _ in in_union]
    assert ["invalid_type", "out_of_range"] == [code for _, code, _ in in_union]
    assert [message for _, _, message in alone] == [message for _, _, message in in_union]


ANY_JSON = JSON | st.integers() | st.floats()  # integers beyond 64 bits, NaN too


@given(knots=ANY_JSON, ports=ANY_JSON)
def test_a_value_only_one_member_of_a_union_takes_is_judged_as_outside_the_union(
    knots: Any, ports: Any
) -> None:
    def problems(key: str) -> list[tuple[tuple[Any, ...], str, str]]:
        data = {"type": "test_custom_types.crossing", "id": "c", "title": "C"}
        try:
            ek.from_dict(ek.Event, {**data, key: {"name": "x", "knots": knots, "ports": ports}})
        except ek.ValidationError as error:
            return [(p.loc[1:], p.code, p.message) for p in error.problems]
        return []

    assert problems("sea") == problems("route")


def test_a_union_member_built_with_a_bad_value_is_reported_at_the_value() -> None:
    # 'expected ByRoad or BySea, not BySea'
    with pytest.raises(ek.ValidationError) as info:
        Escape(id="e", title="E", route=BySea(name="x", knots="fast"), routes=(ByRoad(name=1),))  # type: ignore[arg-type]
    assert [
        ("$.route.knots", "invalid_type", "expected a number, not str"),
        ("$.routes[0].name", "invalid_type", "expected a string, not int"),
    ] == _said(info.value.problems)


@ek.event_type("test_custom_types.fine")
@attrs.frozen(kw_only=True)
class Fine(ek.Event):
    total: Decimal | None = None


@pytest.mark.parametrize("given", ["1.5", "5", 5, "8E+9", "-0.50", 2**70])
def test_a_decimal_field_takes_in_code_what_data_and_money_s_amount_take(given: Any) -> None:
    # "1.5" was refused with the hint 'write "1.5"', and 5 with none
    data = {"type": "test_custom_types.fine", "id": "f", "title": "F", "total": given}
    loaded = ek.from_dict(ek.Event, data)
    assert isinstance(loaded, Fine)
    built = Fine(id="f", title="F", total=given)
    assert ek.Money(amount=given, currency="EUR").amount == built.total == loaded.total
    assert loaded == built


@pytest.mark.parametrize(
    ("given", "hint"),
    [("1_000", "write 1000"), (" 1.5", 'write "1.5"'), ("NaN", None), (1.5, None), (True, None)],
)
def test_a_decimal_field_s_hint_leads_to_a_value_it_takes(given: Any, hint: str | None) -> None:
    with pytest.raises(ek.ValidationError) as info:
        Fine(id="f", title="F", total=given)
    [problem] = info.value.problems
    assert ("$.total", "invalid_type", hint) == (problem.path, problem.code, problem.hint)
    if hint is not None:
        written = orjson.loads(hint.removeprefix("write "))
        assert Decimal(written) == Fine(id="f", title="F", total=written).total


@attrs.frozen(kw_only=True)
class Pier(ek.Place):
    """A `Place` whose ``lat`` is a text: not a place where a Place is read."""

    lat: str | None = None  # type: ignore[assignment] # the widening registering refuses


@pytest.mark.parametrize(
    ("name", "annotation", "default", "message"),
    [
        ("size", int, 0, "size is int, where Event.size is Quantity | None"),
        ("place", str | None, None, "place is str | None, where Event.place is Place | None"),
        (
            "participants",
            tuple[str, ...],
            (),
            "participants is tuple[str, ...], where Event.participants is tuple[Participant, ...]",
        ),
        (
            "when",
            str | None,
            None,
            "when is str | None, where Event.when is PartialDate | TimeSpan | None",
        ),
        ("status", str, "planned", "status is str, where Event.status is EventStatus"),
        ("title", ek.Text | None, None, "title is str | None, where Event.title is str"),
        (
            "casualties_from",
            ek.ActorId | None,
            None,
            "casualties_from is str (the id of an actor) | None, "
            "where Event.casualties_from is str (the id of a statement) | None",
        ),
        ("place", Pier | None, None, "Pier.lat is str | None, where Place.lat is float | None"),
    ],
)
def test_a_field_redefined_wider_than_events_is_refused_at_registration(
    name: str, annotation: Any, default: Any, message: str
) -> None:
    # it was registered, and the queries, the checks and the PLOVER, ACLED and
    # GDELT writers, which read Event's fields of every event, raised AttributeError
    cls = _attrs_class([(name, annotation, default)], name="Widened", base=(ek.Event,))
    tag = f"test_custom_types.widened{next(_names)}"
    with pytest.raises(ek.RegistrationError) as info:
        ek.event_type(tag)(cls)
    assert message in str(info.value)
    assert "keep the base's type or narrow it" in str(info.value)
    assert tag not in ek.known_tags()


@ek.event_type("test_custom_types.docking")
@attrs.frozen(kw_only=True)
class Docking(ek.Event):
    """Fields of Event redefined narrower: a day, never a span; planned; at a quay."""

    when: ek.PartialDate
    status: ek.EventStatus = ek.EventStatus.PLANNED
    place: Quay | None = None


def test_a_type_narrowing_events_fields_is_read_as_an_event_everywhere(
    tmp_path: pathlib.Path,
) -> None:
    docking = Docking(
        id="d",
        title="The ferry docks",
        when=ek.PartialDate.from_edtf("2024-11-15"),
        place=Quay(name="Dover", country="GBR", berth="7"),
        participants=[ek.Participant(actor="ferry")],
    )
    ds = ek.Dataset([docking, ek.Actor(id="ferry", name="Ferry", kind="person")])
    assert () == ds.check().problems
    assert [docking] == list(ds.events_between("2024-11", "2024-11"))
    assert [docking] == list(ds.events_of("ferry"))
    assert [] == ds.duplicate_events()
    written = plover.write(ds).rows[0]
    assert ("2024-11-15", "Dover") == (written["date"], written["event_loc"]["name"])
    assert 1 == len(acled.write(ds).rows) == len(gdelt.write(ds).rows)
    ds.save(tmp_path / "d.jsonl")
    ds.save(tmp_path / "d.parquet", format="parquet")
    for back in (
        ek.Dataset.load(tmp_path / "d.jsonl"),
        ek.Dataset.load(tmp_path / "d.parquet"),
        ek.Dataset.from_frames(ds.to_pandas()),
    ):
        assert ds == back
        read = back["d"]
        assert isinstance(read, Docking)
        assert isinstance(read.place, Quay)


EVENT_FIELDS = sorted(f.name for f in describe(ek.Event).fields)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_a_type_redefining_any_field_of_event_is_refused_or_read_as_an_event_everywhere(
    data: st.DataObject,
) -> None:
    # a type that redefined Event.size as an int was registered, and every
    # reader of Event's fields raised AttributeError on its records
    name = data.draw(st.sampled_from(EVENT_FIELDS), label="field")
    given = describe(ek.Event).field(name)
    default = given.default if given.factory is None else given.factory()
    narrower = [(given.attribute.type, default), *((a, d) for n, a, d in NARROWINGS if n == name)]
    specs = st.sampled_from(narrower) | field_specs()
    annotation, default = data.draw(specs, label="annotation and default")
    cls = _attrs_class([(name, annotation, default)], name="Redefined", base=(ek.Event,))
    try:
        ek.event_type(f"test_custom_types.redefined{next(_names)}")(cls)
    except ek.RegistrationError as error:
        refused: str | None = str(error)
    else:
        refused = None
    if refused is not None:
        assert f".{name}" in refused
        return
    drawn = data.draw(
        st.lists(records(cls), min_size=1, max_size=3, unique_by=lambda r: r.id), label="records"
    )
    ds = ek.Dataset(drawn)
    ds.check()
    assert len(ds.events_between("0001", "9999")) <= len(ds.timeline())
    for event in ds.events:
        assert all(event in ds.events_of(actor) for actor in event.actors())
        ds.figures(event.id)
    ds.duplicate_events()
    ds.to_networkx()
    for write in (plover.write, acled.write, gdelt.write, jsonld.write):
        write(ds)
    back, _ = ek.Dataset.from_arrow(ds.to_arrow(), lenient=True)
    assert ds == back
    _assert_engines_see_every_event(ds)


@pytest.mark.parametrize(
    ("annotation", "value", "name"),
    [(Level, 2, "Level"), (Switch, True, "Switch"), (Score, 0.5, "Score")],
)
def test_a_members_value_as_a_default_says_how_to_pass_the_member(
    annotation: Any, value: Any, name: str
) -> None:
    # it was "unknown level; expected one of: 1, 2, got 2"
    namespace = {"__annotations__": {"setting": annotation}, "setting": value}
    cls = attrs.frozen(kw_only=True)(type("Settings", (ek.Event,), namespace))
    with pytest.raises(ek.RegistrationError) as info:
        ek.event_type(f"test_custom_types.settings{next(_names)}")(cls)
    expected = f"expected a {name} member, not {type(value).__name__}; pass {name}({value!r})"
    assert expected in str(info.value)


@attrs.frozen(kw_only=True)
class Leg(ek.Validated):
    ports: tuple[str, ...] = ()
    level: Level | None = None


@ek.event_type("test_custom_types.voyage")
@attrs.frozen(kw_only=True)
class Voyage(ek.Event):
    legs: tuple[Leg, ...] = ()
    colour: Colour | None = None
    switch: Switch = Switch.ON
    count: int = 0


def test_a_custom_types_constructor_takes_what_a_built_ins_takes() -> None:
    # a list for a tuple and a member's value for the member were refused, though
    # built-in fields take them ("expected a tuple, not list")
    voyage = Voyage(
        id="v",
        title="V",
        legs=[Leg(ports=["Dover", "Calais"], level=2)],  # type: ignore[arg-type]
        colour="red",  # type: ignore[arg-type]
        switch=False,  # type: ignore[arg-type]
    )
    assert ((Leg(ports=("Dover", "Calais"), level=Level.HIGH),), Colour.RED, Switch.OFF) == (
        voyage.legs,
        voyage.colour,
        voyage.switch,
    )
    assert voyage == ek.from_json(ek.Event, ek.to_json(voyage))
    event = ek.Event(id="e", title="E", tags=["a"], status="planned")
    assert (("a",), ek.EventStatus.PLANNED) == (event.tags, event.status)
    # what is not friendly input is reported, and only that
    with pytest.raises(ek.ValidationError) as info:
        Voyage(id="v", title="V", legs=[], colour="green", count="3")  # type: ignore[arg-type]
    assert [("$.colour", "invalid_value"), ("$.count", "invalid_type")] == [
        (p.path, p.code) for p in info.value.problems
    ]
    with pytest.raises(ek.ValidationError):
        Voyage(id="v", title="V", switch=1)  # type: ignore[arg-type]  # 1 is not True


@ek.event_type("test_custom_types.painted")
@attrs.frozen(kw_only=True)
class Painted(ek.Event):
    hue: Hue | None = None
    label: Label | None = None
    labels: tuple[Label | str, ...] = ()


def test_a_str_enum_member_is_written_as_its_value_not_its_str(tmp_path: pathlib.Path) -> None:
    # it was written as str(member), "Hue.RED" and "Label a", which no load read back
    painted = Painted(id="p", title="P", hue=Hue.RED, label=Label.A, labels=(Label.A, "acme.b"))
    expected = {"hue": "red", "label": "a", "labels": ["a", "acme.b"]}
    assert expected == {key: ek.to_dict(painted)[key] for key in expected}
    assert painted == ek.from_json(ek.Event, ek.to_json(painted))
    ek.Dataset([painted]).save(tmp_path / "p.jsonl")
    assert painted == ek.Dataset.load(tmp_path / "p.jsonl")["p"]


@ek.event_type("test_custom_types.access")
@attrs.frozen(kw_only=True)
class Access(ek.Event):
    perm: Perm | None = None
    modes: tuple[Mode, ...] = ()


@pytest.mark.parametrize(
    ("given", "path", "flag", "got"),
    [
        ({"perm": Perm.R | Perm.W}, "$.perm", Perm, "<Perm.RW: 3>"),
        ({"perm": Perm(0)}, "$.perm", Perm, "<Perm: 0>"),
        (
            {"modes": (Mode.READ, Mode.READ | Mode.WRITE)},
            "$.modes[1]",
            Mode,
            "<Mode.READ|WRITE: 3>",
        ),
    ],
)
def test_a_flags_combination_of_members_is_refused_as_no_member(
    given: dict[str, Any], path: str, flag: type[enum.Flag], got: str
) -> None:
    # R|W was taken and written as 3, which loading refuses
    with pytest.raises(ek.ValidationError) as info:
        Access(id="a", title="A", **given)
    name = flag.__name__
    message = f"unknown {name.lower()}; expected one of: 1, 2"  # as loading its value says
    hint = f"a field holds one {name} member; for several, use tuple[{name}, ...]"
    assert [(path, "invalid_value", message, got, hint)] == [
        (p.path, p.code, p.message, repr(p.input), p.hint) for p in info.value.problems
    ]
    access = Access(id="a", title="A", perm=Perm.W, modes=(Mode.READ, Mode.WRITE))
    assert access == ek.from_json(ek.Event, ek.to_json(access))


@ek.event_type("test_custom_types.coded")
@attrs.frozen(kw_only=True)
class Coded(ek.Event):
    code: str = attrs.field(default="abc", validator=attrs.validators.max_len(3))
    initial: str = attrs.field(default="a", validator=attrs.validators.min_len(1))
    marks: tuple[str, ...] = attrs.field(default=(), validator=attrs.validators.max_len(1))


def test_an_attrs_length_validator_counts_a_strings_characters() -> None:
    # "must have at most 3 items" for a string, and "at least 1 items"
    with pytest.raises(ek.ValidationError) as info:
        Coded(id="c", title="C", code="abcd", initial="", marks=("a", "b"))
    assert [
        ("$.code", "must have at most 3 characters"),
        ("$.initial", "must have at least 1 character"),
        ("$.marks", "must have at most 1 item"),
    ] == [(p.path, p.message) for p in info.value.problems]


@ek.event_type("test_custom_types.survey")
@attrs.frozen(kw_only=True)
class Survey(ek.Event):
    shares: Mapping[str, Mapping[str, float]] = attrs.field(factory=lambda: {"all": {}})
    rows: tuple[tuple[str, ...], ...] = ()
    counts: tuple[Mapping[str, Level], ...] | None = None


def test_a_nested_container_given_to_the_constructor_is_frozen_at_every_level() -> None:
    # only the outer level was frozen: an inner dict stayed the caller's, so
    # hashing failed and changing it changed the record unchecked; and an
    # inner list was refused ("$.rows[0]: expected a tuple, not list")
    inner, counts = {"b": 1.5}, {"boats": 2}
    survey = Survey(id="s", title="S", shares={"a": inner}, rows=[["x"]], counts=[counts])  # type: ignore[arg-type]
    inner["b"], counts["boats"] = float("nan"), True
    loaded = ek.from_dict(
        ek.Event,
        {
            "type": "test_custom_types.survey",
            "id": "s",
            "title": "S",
            "shares": {"a": {"b": 1.5}},
            "rows": [["x"]],
            "counts": [{"boats": 2}],
        },
    )
    assert loaded == survey
    assert (FrozenDict, (("x",),), FrozenDict({"boats": Level.HIGH})) == (
        type(survey.shares["a"]),
        survey.rows,
        survey.counts[0] if survey.counts else None,
    )
    assert hash(loaded) == hash(survey)
    assert hash(Survey(id="s", title="S"))  # the default's inner dict too
    with pytest.raises(ek.ValidationError) as info:
        Survey(id="s", title="S", rows=[["x", 1]])  # type: ignore[arg-type]
    assert [
        '$.rows[0][1]: expected a string, not int, got 1 [invalid_type] (write "1" if it is text)'
    ] == [str(p) for p in info.value.problems]


def test_a_default_a_factory_makes_is_frozen_when_loaded_as_when_constructed() -> None:
    # loading left the factory's dict as it was: the record could not be hashed
    loaded = ek.from_dict(ek.Event, {"type": "test_custom_types.survey", "id": "s", "title": "S"})
    assert Survey(id="s", title="S") == loaded
    assert (FrozenDict, FrozenDict) == (type(loaded.shares), type(loaded.shares["all"]))
    assert hash(Survey(id="s", title="S")) == hash(loaded)


class Announced(ek.Event):
    """A user's base that keeps a list of its subclasses, as plugin bases often do."""

    subclasses: ClassVar[list[type]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Announced.subclasses.append(cls)


@ek.event_type("test_custom_types.announced_rally")
@attrs.frozen(kw_only=True)
class AnnouncedRally(Announced):
    crowd: int = 0


@ek.event_type("test_custom_types.abstract_rally")
@attrs.frozen(kw_only=True)
class AbstractRally(ek.Event, abc.ABC):  # ABCMeta: a metaclass of its own
    crowd: int = 0


@pytest.mark.parametrize("cls", [ek.PhoneCall, Survey, AnnouncedRally, AbstractRally])
def test_a_loaded_record_is_of_its_class_and_frozen(cls: type) -> None:
    # loading builds an object through a subclass of its class where that
    # runs no code of the user's (eventkit._slots.loading_twin)
    record = cls(id="r", title="R", when=ek.parse_edtf("2024-11-15"))
    loaded = ek.from_json(ek.Event, ek.to_json(record))
    again = ek.from_jsonl(ek.Record, ek.to_jsonl([record]))[0]
    assert (cls, cls) == (type(loaded), type(again))
    assert (record, hash(record)) == (loaded, hash(loaded))
    assert record == pickle.loads(pickle.dumps(loaded))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        loaded.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("cls", [AnnouncedRally, AbstractRally])
def test_loading_makes_no_subclass_of_a_class_whose_subclasses_run_code(cls: type) -> None:
    # a user's __init_subclass__ or metaclass would see a class it never asked for
    record = cls(id="r", title="R")
    before: tuple[list[type], list[type]] = (list(Announced.subclasses), cls.__subclasses__())
    assert record == ek.from_jsonl(ek.Record, ek.to_jsonl([record]))[0]
    assert before == (Announced.subclasses, cls.__subclasses__())
