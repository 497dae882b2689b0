"""Checks and their fast conditions: a condition may only accept what its check accepts."""

import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventkit as ek
from eventkit import checks
from eventkit._explain import value_problems
from eventkit._fields import describe
from eventkit._shapes import MappingOf, Nullable, Shape, TupleOf, UnionOf
from eventkit._validated import Validated
from eventkit.testing import values


def condition_of(check: checks.Check) -> Callable[[Any], bool]:
    assert check.fast is not None
    return eval(f"lambda v: {check.fast.over('v')}", dict(check.fast.names))  # type: ignore[no-any-return]


def _eventkit_classes() -> list[type]:
    ek.known_tags()  # loads the built-in event types
    found, stack = [], [Validated]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("eventkit.")]


def _checks_in(shape: Shape) -> Iterator[tuple[checks.Check, Shape]]:
    for check in shape.checks:
        yield check, shape
    if isinstance(shape, Nullable):
        yield from _checks_in(shape.inner)
    if isinstance(shape, TupleOf):
        yield from _checks_in(shape.item)
    if isinstance(shape, MappingOf):
        yield from _checks_in(shape.value)
    if isinstance(shape, UnionOf):
        for member in shape.members:
            yield from _checks_in(member)


def _field_checks() -> dict[str, tuple[checks.Check, Shape]]:
    """Every check with a fast condition on a field of an eventkit class, with its shape."""
    found = {}
    for cls in _eventkit_classes():
        if cls is Validated or cls.__module__ == "eventkit._validated":
            continue
        for field in describe(cls).fields:
            for check, shape in _checks_in(field.shape):
                if check.fast is not None:
                    found[f"{cls.__name__}.{field.name}.{check.name}"] = (check, shape)
    return found


FIELD_CHECKS = _field_checks()
CONDITIONS = {name: condition_of(check) for name, (check, _) in FIELD_CHECKS.items()}
STRINGS = st.text(max_size=8) | st.sampled_from(
    ["", " ", "a b", "a\u200db", "x" * 201, "x" * 200, "DEU", "EUR", "person", "a\nb", "\x00"]
)


def test_every_field_check_with_a_fast_condition_is_collected() -> None:
    names = {name.rsplit(".", 1)[0] for name in FIELD_CHECKS}
    assert {"Event.id", "Statement.about", "Place.lat", "Actor.name", "Money.currency"} <= names


@given(value=STRINGS | st.integers() | st.floats(allow_nan=False) | st.decimals(allow_nan=False))
def test_a_fast_condition_never_accepts_what_its_check_rejects(value: Any) -> None:
    wrongly = []
    for name, accepts in CONDITIONS.items():
        check, shape = FIELD_CHECKS[name]
        if value_problems(attrs.evolve(shape, checks=()), value):
            continue  # a condition may assume its field's type: not that one
        if accepts(value) and check(value) is not None:
            wrongly.append(name)
    assert [] == wrongly


def test_the_id_condition_is_the_whole_rule_over_every_character() -> None:
    accepts = condition_of(checks.record_id)
    disagree = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if accepts(f"a{chr(code)}b") != (checks.record_id(f"a{chr(code)}b") is None)
    ]
    assert [] == disagree


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\u200db", "zero-width joiner"),
        ("a\u202eb", "right-to-left override"),
        ("a\u2066b", "left-to-right isolate"),
        ("a\ufeffb", "zero-width no-break space"),
        ("a\ud800b", "lone surrogate"),
        ("a\tb", "tab"),
    ],
)
def test_ids_refuse_invisible_and_direction_characters(value: str, message: str) -> None:
    problems = checks.record_id(value)
    assert problems is not None, message
    assert "invalid_value" == problems[0].code


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\x00b", "must not contain a control character (U+0000)"),
        ("a\x7fb", "must not contain a control character (U+007F)"),
        ("a\ud800b", "must not contain a lone surrogate (U+D800)"),
        ("   ", "must be a non-empty string"),
        (7, "expected a string, not int"),
    ],
)
def test_text_refuses_control_characters_and_surrogates(value: Any, message: str) -> None:
    problems = checks.text(value)
    assert problems is not None
    assert message == problems[0].message


def test_text_allows_line_breaks_and_tabs_beyond_its_fast_condition() -> None:
    assert checks.text("first line\nsecond\tline\r\n") is None
    assert not condition_of(checks.text)("first line\nsecond")


def test_a_check_from_a_function_has_its_code_message_and_a_call_as_condition() -> None:
    def digit(value: str) -> bool:
        return value.isdigit()

    check = checks.Check(digit, message="expected digits", code="acme.not_digits")
    problems = check("12a")
    assert problems is not None
    assert ("acme.not_digits", "expected digits", "12a") == (
        problems[0].code,
        problems[0].message,
        problems[0].input,
    )
    assert condition_of(check)("12")
    assert "Check(digit)" == repr(check)


def test_a_test_that_raises_on_a_bad_value_rejects_it_and_a_bug_propagates() -> None:
    check = checks.Check(lambda value: int(value) > 0, message="expected a positive number")
    assert check("x") is not None  # ValueError: the value is bad
    broken = checks.Check(lambda value: value.no_such_method(), message="never")
    with pytest.raises(AttributeError):
        broken("x")


@pytest.mark.parametrize("code", ["Bad Code", "", "acme..x", 3])
def test_a_problem_code_is_a_snake_case_name(code: Any) -> None:
    with pytest.raises(ValueError, match="snake_case"):
        checks.Check(bool, code=code)


def test_made_to_measure_checks() -> None:
    assert checks.in_range(0, 10)(Decimal("10")) is None
    assert checks.in_range(0, 10)(True) is not None  # a bool is not a number
    assert checks.length(1, 2)((1, 2, 3)) is not None
    assert checks.matches(r"[A-Z]{3}")("DEU") is None
    assert checks.one_of([1, 2])(3) is not None
    with pytest.raises(ValueError, match="needs a low or a high bound"):
        checks.in_range()


@given(st.data())
def test_each_check_with_a_strategy_generates_only_values_it_accepts(data: st.DataObject) -> None:
    check = data.draw(
        st.sampled_from(
            [
                checks.text,
                checks.record_id,
                checks.country,
                checks.currency,
                checks.language,
                checks.url,
                checks.identifiers,
                checks.in_range(-90, 90),
                checks.in_range(1),
                checks.matches(r"IMO [0-9]{7}"),
                checks.one_of(["port", "starboard"]),
            ]
        )
    )
    value = data.draw(check.strategy())
    assert check(value) is None


# 0.3 and 0.7 are no floats, the nearest ones lie outside; and no whole number lies inside
NO_WHOLE_NUMBER = checks.in_range(Decimal("0.3"), Decimal("0.7"))
KINDS: dict[type | None, set[type]] = {
    None: {int, float},
    int: {int},
    float: {int, float},  # a float field takes integers too
    Decimal: {Decimal},
}


@pytest.mark.parametrize("kind", list(KINDS), ids=repr)
@pytest.mark.parametrize(
    "check",
    [
        checks.in_range(-90, 90),
        checks.in_range(1),
        checks.in_range(high=0),
        checks.in_range(0.5, 2.5),
        NO_WHOLE_NUMBER,
    ],
    ids=repr,
)
@given(data=st.data())
def test_a_range_gives_numbers_in_it_of_the_kind_asked(
    check: ek.checks.Check, kind: type | None, data: st.DataObject
) -> None:
    strategy = check.strategy(kind)
    if check is NO_WHOLE_NUMBER and kind is int:
        assert strategy.is_empty
        return
    value = data.draw(strategy)
    assert check(value) is None
    assert type(value) in KINDS[kind]


def test_value_strategies_pass_their_checks() -> None:
    @given(values(ek.Place))
    def test(place: ek.Place) -> None:
        assert [] == place.problems()

    test()


@pytest.mark.parametrize(
    ("check", "value", "message"),
    [
        (checks.length(max=3), "abcd", "must have at most 3 characters"),
        (checks.length(1), "", "must have at least 1 character"),
        (checks.length(2, 3), "a", "must have 2 to 3 characters"),
        (checks.length(max=1), ("a", "b"), "must have at most 1 item"),
        (checks.length(2), (), "must have at least 2 items"),
    ],
)
def test_a_length_counts_a_strings_characters_and_a_tuples_items(
    check: checks.Check, value: Any, message: str
) -> None:
    # a string of four characters was said to have too many "items"
    assert [message] == [p.message for p in check(value) or []]
