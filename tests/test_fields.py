"""The field spec: custom types described by plain annotations validate like built-ins."""

from __future__ import annotations

import enum
import re
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit._fields import describe
from eventkit.testing import records


class Severity(enum.StrEnum):
    LOW = "low"
    HIGH = "high"


@attrs.frozen(kw_only=True)
class Position:
    """A plain attrs value class of a plugin's own."""

    lat: Annotated[float, ek.checks.in_range(-90, 90)]
    lon: Annotated[float, ek.checks.in_range(-180, 180)]


@ek.event_type("test_fields.everything")
@attrs.frozen(kw_only=True)
class Everything(ek.Event):
    """One field of every kind a plain annotation can give, and a reference."""

    name: str = "x"
    count: int = 0
    ratio: float = 0.0
    amount: Decimal = Decimal("0")
    flag: bool = False
    severity: Severity = Severity.LOW
    kind: ek.ActorKind | str = ek.ActorKind.PERSON
    released: ek.Quantity | None = None
    crew: tuple[ek.Participant, ...] = ()
    seen: ek.When | None = None
    first_seen: ek.PartialDate | None = None
    position: Position | None = None
    seized_by: ek.ActorId | None = None
    tallies: Mapping[str, int] = attrs.field(factory=dict)
    side: Literal["port", "starboard"] = "port"
    _secret: str = "s"
    n: int = attrs.field(default=0, alias="number")


def everything(**changes: Any) -> Everything:
    values: dict[str, Any] = {
        "id": "e",
        "title": "Everything",
        "name": "Vessel",
        "count": 3,
        "ratio": 0.5,
        "amount": Decimal("7.5"),
        "flag": True,
        "severity": Severity.HIGH,
        "kind": "acme.smuggler",
        "released": ek.Quantity(value=12, unit="person"),
        "crew": (ek.Participant(actor="captain", role="acme.master"),),
        "seen": ek.parse_when("3-5 May 2024"),
        "first_seen": ek.PartialDate(year=2024, month=5, text="May 2024"),
        "position": Position(lat=26.5, lon=56.3),
        "seized_by": "navy",
        "tallies": {"containers": 40},
        "side": "starboard",
        "secret": "hidden",
        "number": 9,
    }
    return Everything(**{**values, **changes})


def test_every_kind_of_annotation_round_trips() -> None:
    event = everything()
    data = ek.to_dict(event)
    assert ("hidden", 9) == (data["secret"], data["number"])  # the alias is the key
    assert event == ek.from_dict(ek.Event, data)
    assert event == ek.from_json(ek.Event, ek.to_json(event))


def test_the_constructor_reports_every_problem_and_coerces_nothing() -> None:
    with pytest.raises(ek.ValidationError) as info:
        everything(
            name=7,
            count="1",
            ratio="x",
            amount=1.5,
            flag=1,
            severity="medium",  # "low" would be taken, as built-in fields take it
            released=5,
            crew=["a"],  # a list is taken for a tuple, as built-in fields take it
            seen="2024",
            first_seen=ek.parse_edtf("2024/2025"),
            position=Position(lat=200, lon=0),
            seized_by="a b",
            tallies={"a": "1"},
            side="left",
            secret=1,
            number=True,
        )
    assert [
        ("$.name", "invalid_type"),
        ("$.count", "invalid_type"),
        ("$.ratio", "invalid_type"),
        ("$.amount", "invalid_type"),
        ("$.flag", "invalid_type"),
        ("$.severity", "invalid_value"),
        ("$.released", "invalid_type"),
        ("$.crew[0]", "invalid_type"),
        ("$.seen", "invalid_type"),
        ("$.first_seen", "invalid_type"),
        ("$.position.lat", "out_of_range"),
        ("$.seized_by", "invalid_value"),
        ("$.tallies.a", "invalid_type"),
        ("$.side", "invalid_value"),
        ("$.secret", "invalid_type"),
        ("$.number", "invalid_type"),
    ] == [(p.path, p.code) for p in info.value.problems]


def test_missing_and_unknown_arguments_are_problems_not_a_type_error() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.Event(id="e")  # type: ignore[call-arg]
    assert [("$.title", "missing")] == [(p.path, p.code) for p in info.value.problems]
    with pytest.raises(ek.ValidationError) as info:
        everything(colour="red", count=None)
    assert [("$.colour", "unknown_field"), ("$.count", "invalid_type")] == [
        (p.path, p.code) for p in info.value.problems
    ]


def test_a_nested_problem_is_reported_with_the_others() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.Event(
            id="e",
            title="",
            participants=[ek.Participant(actor="a")],
            place=ek.Place(name="P"),
            status="gone",
        )
    assert ["$.title", "$.status"] == [p.path for p in info.value.problems]


def test_positional_arguments_stay_a_type_error() -> None:
    with pytest.raises(TypeError, match="positional"):
        ek.Citation("dpa")  # type: ignore[call-arg]


def test_reference_fields_of_a_custom_type_are_checked(tmp_path: Path) -> None:
    event = everything()
    dataset = ek.Dataset([event, ek.Actor(id="captain", name="Captain", kind="person")])
    assert [("$.seized_by", "navy")] == [(p.path, p.input) for p in dataset.check().problems]
    path = tmp_path / "seizure.jsonl"
    dataset.save(path)
    report = ek.validate_file(path)
    assert [(1, "$.seized_by", "dangling_reference")] == [
        (p.line, p.path, p.code) for p in report.problems
    ]
    with pytest.raises(ek.ValidationError, match=r"\$\.seized_by: no record has this id"):
        ek.Dataset.load(path)
    source = ek.Source(id="navy", name="Navy", kind="website")
    dataset.add(source)
    assert [("$.seized_by", "wrong_reference_kind")] == [
        (p.path, p.code) for p in dataset.check().problems
    ]


def test_a_subclass_of_a_builtin_keeps_its_checks() -> None:
    @ek.event_type("test_fields.boarding")
    @attrs.frozen(kw_only=True)
    class Boarding(ek.Attack):
        boarders: int = ek.field(default=0, check=ek.checks.in_range(0, 500))

    with pytest.raises(ek.ValidationError) as info:
        Boarding(id="b", title="B", weapon=" ", boarders=900)
    assert [("$.weapon", "invalid_value"), ("$.boarders", "out_of_range")] == [
        (p.path, p.code) for p in info.value.problems
    ]


class _Pair(enum.Enum):  # written as [1, 2], read back as a list no member has
    BOTH = (1, 2)


class _Unset(enum.Enum):  # written as null, read back as no value
    UNSET = None


class _NotANumber(enum.Enum):  # written as null by JSON writers
    NAN = float("nan")


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        (list[str], "list[str] is mutable; use tuple[str, ...]"),
        (set[int], "set[int] is mutable; use tuple[int, ...]"),
        (frozenset[str], "frozenset[str] has no order, and a JSON array has one; use tuple[str"),
        (Sequence[str], "Sequence[str] names no class to build; use tuple[str, ...]"),
        (datetime, "use eventkit.When, PartialDate or TimeSpan for dates, not datetime"),
        (Any, "cannot be checked or written; give the field a type"),
        (dict[int, str], "mapping keys must be str (JSON object keys), not int"),
        (
            Mapping[ek.Country, int],
            "mapping keys must be str (JSON object keys), not Annotated[str, Check(country)]: "
            "keys have no checks of their own; use Mapping[str, X]",
        ),
        (
            list[ek.ActorId],
            "list[Annotated[str, <RefKind.ACTOR: 1>]] is mutable; "
            "use tuple[Annotated[str, <RefKind.ACTOR: 1>], ...]",
        ),
        (ek.Actor, "records refer to each other by id, not by holding them"),
        (Annotated[int, ek.RefKind.ACTOR], "a reference (an actor) holds ids"),
        (tuple[str, int], "has a fixed length; use tuple[X, ...]"),
        (complex, "eventkit cannot check, read or write values of type complex"),
        (_Pair, "_Pair.BOTH has the value (1, 2); a member is written as its value"),
        (_Unset | None, "_Unset.UNSET has the value None; a member is written as its value"),
        (tuple[_NotANumber, ...], "_NotANumber.NAN has the value nan; a member is written"),
    ],
)
def test_a_field_eventkit_cannot_handle_is_refused_at_registration(
    annotation: Any, message: str
) -> None:
    cls = attrs.make_class(
        "Odd",
        {"odd": attrs.field(type=annotation, default=None)},
        bases=(ek.Event,),
        frozen=True,
        kw_only=True,
        slots=True,
    )
    with pytest.raises(ek.RegistrationError, match=re.escape(message)):
        ek.event_type(f"test_fields.odd_{abs(hash(repr(annotation)))}")(cls)


def test_an_invalid_default_is_refused_at_registration() -> None:
    @attrs.frozen(kw_only=True)
    class Bad(ek.Event):
        code: ek.Country = "Germany"

    with pytest.raises(
        ek.RegistrationError, match=r"Bad\.code: the default 'Germany' is not valid"
    ):
        ek.event_type("test_fields.bad_default")(Bad)


def test_a_field_named_type_is_refused() -> None:
    @attrs.frozen(kw_only=True)
    class Typed(ek.Event):
        type: str = "x"

    with pytest.raises(ek.RegistrationError, match="'type' is the key of the record's type tag"):
        ek.event_type("test_fields.typed")(Typed)


def test_describe_gives_keys_shapes_and_reference_kinds() -> None:
    fields = {field.key: field for field in describe(Everything).fields}
    assert "secret" in fields
    assert "number" in fields
    assert ek.RefKind.ACTOR == fields["seized_by"].shape.inner.ref  # type: ignore[attr-defined]
    assert fields["title"].required
    assert not fields["name"].required


# --- constructor and from_dict agree -------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["2024-05", "low", "port", "a b", "Q1"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=5,
)
FIELDS = [f for f in describe(Everything).fields if f.key not in ("id", "title")]


def _python_value(field: Any, raw: Any) -> Any:
    """The value a caller would pass: what the wire value loads as, else the raw value."""
    try:
        return ek.from_dict(field.attribute.type, raw)
    except ek.ValidationError:
        return raw


@settings(max_examples=1000, deadline=None)
@given(record=records(Everything), data=st.data())
def test_the_constructor_and_from_dict_agree(record: Everything, data: st.DataObject) -> None:
    wire = ek.to_dict(record)
    field = data.draw(st.sampled_from(FIELDS))
    wire[field.key] = data.draw(JSON_VALUES)
    kwargs = {f.key: getattr(record, f.name) for f in describe(Everything).fields}
    kwargs[field.key] = _python_value(field, wire[field.key])
    try:
        loaded: Any = ek.from_dict(Everything, wire)
    except ek.ValidationError as error:
        loaded = {p.loc[0] for p in error.problems}
    try:
        made: Any = Everything(**kwargs)
    except ek.ValidationError as error:
        made = {p.loc[0] for p in error.problems}
    assert loaded == made


CROWD_LIMIT = 5  # read by a lambda in an annotation: looked up in this module


def test_a_lambda_in_an_annotation_sees_its_module() -> None:
    # this module is read `from __future__ import annotations`: the annotation is
    # evaluated when the class is registered, and the lambda it makes must look
    # CROWD_LIMIT up here, not in the class
    @ek.event_type("test_fields.limited")
    @attrs.frozen(kw_only=True)
    class Limited(ek.Event):
        crowd: Annotated[int, ek.checks.Check(lambda v: v <= CROWD_LIMIT, message="too many")] = 0

    data = {"type": "test_fields.limited", "id": "l", "title": "L", "crowd": 5}
    assert 5 == ek.from_dict(Limited, data).crowd
    with pytest.raises(ek.ValidationError, match="too many") as info:
        ek.from_dict(ek.Event, {**data, "crowd": 6})
    assert [("crowd",)] == [p.loc for p in info.value.problems]
    with pytest.raises(ek.ValidationError, match="too many"):
        Limited(id="l", title="L", crowd=6)


# --- generated code is debuggable -------------------------------------------------------

_ARMED: list[bool] = []  # non-empty inside `_bugs_armed`


@contextmanager
def _bugs_armed() -> Iterator[None]:
    """Let this section's deliberately buggy types misbehave, inside the block only.

    The types stay registered for the test files the worker runs later, whose drawn
    records (and merges of records whose types share a field's name) must not meet a
    bug planted for one test.
    """
    _ARMED.append(True)
    try:
        yield
    finally:
        _ARMED.pop()


def test_a_traceback_through_generated_code_shows_the_generated_line() -> None:
    def explode(value: Any) -> Any:
        if value == 3 and _ARMED:
            msg = "converter bug"
            raise RuntimeError(msg)
        return value

    @ek.event_type("test_fields.exploding")
    @attrs.frozen(kw_only=True)
    class Exploding(ek.Event):
        weight: int = attrs.field(default=0, converter=explode)

    data = {"type": "test_fields.exploding", "id": "x", "title": "X", "weight": 3}
    with _bugs_armed(), pytest.raises(RuntimeError, match="converter bug") as info:
        ek.from_dict(ek.Event, data)
    frames = traceback.extract_tb(info.value.__traceback__)
    generated = [f for f in frames if f.filename.startswith("<eventkit structure")]
    assert generated, [f.filename for f in frames]
    assert "test_fields" in generated[0].filename
    assert "Exploding" in generated[0].filename
    assert "convert_" in (generated[0].line or "")


def test_an_unexpected_exception_in_eventkit_code_propagates_as_it_is() -> None:
    @ek.event_type("test_fields.buggy_check")
    @attrs.frozen(kw_only=True)
    class Buggy(ek.Event):
        crowd: Annotated[
            int, ek.checks.Check(lambda v: v < 5 or not _ARMED or v.bug(), message="x")
        ] = 0

    with _bugs_armed(), pytest.raises(AttributeError):
        ek.from_dict(
            ek.Event, {"type": "test_fields.buggy_check", "id": "b", "title": "B", "crowd": 9}
        )


def _divide(instance: Any, attribute: Any, value: int) -> None:
    if _ARMED:
        1 / (value - 3)  # a bug at 3: ZeroDivisionError, which the fast path gives up on


def _fail(instance: Any, attribute: Any, value: int) -> None:
    if value == 3 and _ARMED:
        msg = "validator bug"
        raise RuntimeError(msg)  # no refusal: it leaves the fast path as it is


@ek.event_type("test_fields.dividing")
@attrs.frozen(kw_only=True)
class Dividing(ek.Event):
    share: int = attrs.field(default=0, validator=_divide)


@ek.event_type("test_fields.failing")
@attrs.frozen(kw_only=True)
class Failing(ek.Event):
    share: int = attrs.field(default=0, validator=_fail)


@pytest.mark.parametrize(
    ("cls", "bug"), [(Dividing, ZeroDivisionError), (Failing, RuntimeError)], ids=["report", "fast"]
)
@pytest.mark.parametrize(
    ("suffix", "where"),
    [
        (".jsonl", "{file}:3: record 'c': $"),
        (".json", "{file}: record 'c': $.records[2]"),
        (".parquet", "record 'c': $.events[2]"),
        ("dicts", "record 'c': $[2]"),
        ("text", "line 3: record 'c': $"),
    ],
)
def test_a_bug_met_while_reading_says_which_record_it_met(
    cls: type[Dividing | Failing], bug: type[Exception], suffix: str, where: str, tmp_path: Path
) -> None:
    dataset = ek.Dataset(
        [cls(id=name, title="T", share=share) for share, name in enumerate("abcd", start=1)]
    )
    path = tmp_path / f"data{suffix}"
    read: Any = {
        "dicts": lambda: ek.from_dicts([ek.to_dict(r) for r in dataset]),
        "text": lambda: ek.from_jsonl(ek.Record, ek.to_jsonl(list(dataset))),
    }.get(suffix, lambda: ek.Dataset.load(path))
    if suffix.startswith("."):
        dataset.save(path)
    with _bugs_armed(), pytest.raises(bug) as info:
        read()
    assert [f"while reading {where.format(file=path)}"] == info.value.__notes__


# --- the command line -------------------------------------------------------------------

MODULE = """
import attrs
import eventkit as ek


@ek.event_type("cli_types.seizure")
@attrs.frozen(kw_only=True)
class Seizure(ek.Event):
    seized_by: ek.ActorId | None = None
    crew: int = ek.field(default=0, check=ek.checks.in_range(0, 100))
"""


def test_validate_reads_custom_types_from_a_module_named_with_types(tmp_path: Path) -> None:
    (tmp_path / "cli_types_module.py").write_text(MODULE)
    lines: list[dict[str, Any]] = [
        {"type": "actor", "id": "navy", "name": "Navy", "kind": "military"},
        {
            "type": "cli_types.seizure",
            "id": "s",
            "title": "Seizure",
            "seized_by": "navy",
            "crew": 3,
        },
    ]
    good = tmp_path / "good.jsonl"
    good.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    bad = tmp_path / "bad.jsonl"
    broken = {**lines[1], "seized_by": "ghost", "crew": 500}
    bad.write_bytes(orjson.dumps(lines[0]) + b"\n" + orjson.dumps(broken) + b"\n")

    def validate(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "eventkit.cli", "validate", *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    without = validate(str(good))
    assert 1 == without.returncode
    assert "unknown type 'cli_types.seizure'" in without.stdout
    done = validate("--types", "cli_types_module", str(good))
    assert (0, "") == (done.returncode, done.stderr), done.stdout
    assert "valid, 2 records" in done.stdout
    by_path = validate("--types", str(tmp_path / "cli_types_module.py"), str(good))
    assert 0 == by_path.returncode, by_path.stdout + by_path.stderr
    failed = validate("--types", "cli_types_module", str(bad))
    assert 1 == failed.returncode
    assert f"{bad}:2: record 's': $.crew: must be between 0 and 100, got 500 [out_of_range]" in (
        failed.stdout
    )
    missing = validate("--types", "no_such_module_here", str(good))
    assert 2 == missing.returncode
    assert "--types no_such_module_here: cannot import it: ModuleNotFoundError" in missing.stderr


def test_a_custom_value_of_an_open_vocabulary_does_not_skip_the_cross_check() -> None:
    # The fast condition doubts "acme.custom" (not a member), the slow one accepts
    # it: the cross check of the other fields must run all the same.
    with pytest.raises(ek.ValidationError, match=r"\$\.responds_to: must not name"):
        ek.Statement(id="s", speaker="a", text="t", kind="acme.custom", responds_to=["s"])
    with pytest.raises(ek.ValidationError, match="at least one count"):
        ek.GroupCasualties(group="acme.miners")
