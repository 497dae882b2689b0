import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from attrs import validators as v

from eventkit._attrs_validators import AttrsValidator, read_validator

Validator = Callable[[Any, Any, Any], Any]


def even(instance: Any, attribute: Any, value: Any) -> None:
    if value % 2:
        msg = "must be even"
        raise ValueError(msg)


def test_each_standard_validator_says_its_kind_and_arguments() -> None:
    ge, gt, le, lt = v.ge(1), v.gt(2.5), v.le(3), v.lt(4)
    shortest: Validator = v.min_len(1)
    longest: Validator = v.max_len(8)
    one_of, typed = v.in_(["a", "b"]), v.instance_of((int, float))
    full, start = v.matches_re("[A-Z]+"), v.matches_re("f[0-9]", func=re.match)
    anywhere = v.matches_re("x", func=re.search)
    expected = [
        AttrsValidator(kind="ge", function=ge, bound=1),
        AttrsValidator(kind="gt", function=gt, bound=2.5),
        AttrsValidator(kind="le", function=le, bound=3),
        AttrsValidator(kind="lt", function=lt, bound=4),
        AttrsValidator(kind="min_len", function=shortest, bound=1),
        AttrsValidator(kind="max_len", function=longest, bound=8),
        AttrsValidator(kind="in", function=one_of, options=("a", "b")),
        AttrsValidator(kind="instance_of", function=typed, type=(int, float)),
        AttrsValidator(
            kind="matches_re", function=full, pattern=re.compile("[A-Z]+"), match="fullmatch"
        ),
        AttrsValidator(
            kind="matches_re", function=start, pattern=re.compile("f[0-9]"), match="match"
        ),
        AttrsValidator(
            kind="matches_re", function=anywhere, pattern=re.compile("x"), match="search"
        ),
    ]
    validators: list[Validator] = [
        ge,
        gt,
        le,
        lt,
        shortest,
        longest,
        one_of,
        typed,
        full,
        start,
        anywhere,
    ]
    assert expected == [part for validator in validators for part in read_validator(validator)]


def test_any_other_callable_is_other() -> None:
    assert (AttrsValidator(kind="other", function=even),) == read_validator(even)


def test_deep_iterable_and_deep_mapping_say_what_they_run_on_each_item() -> None:
    each = v.instance_of(int)
    iterable, mapping = v.deep_iterable(each), v.deep_mapping(v.instance_of(str), v.ge(0))
    items = (AttrsValidator(kind="instance_of", function=each, type=int),)
    assert (AttrsValidator(kind="other", function=iterable, items=items),) == read_validator(
        iterable
    )
    [read] = read_validator(mapping)
    assert ("other", ["ge"]) == (read.kind, [item.kind for item in read.items])


def test_none_runs_no_validators() -> None:
    assert () == read_validator(None)


def test_and_is_taken_apart_in_order_and_optional_noted_on_what_it_wraps() -> None:
    ge, le, lt = v.ge(0), v.le(9), v.lt(5)
    longest: Validator = v.max_len(3)
    validator = v.and_(v.and_(ge, v.optional([le, even])), v.optional(lt), longest)
    assert (
        AttrsValidator(kind="ge", function=ge, bound=0),
        AttrsValidator(kind="le", function=le, optional=True, bound=9),
        AttrsValidator(kind="other", function=even, optional=True),
        AttrsValidator(kind="lt", function=lt, optional=True, bound=5),
        AttrsValidator(kind="max_len", function=longest, bound=3),
    ) == read_validator(validator)


def test_a_list_given_to_attrs_field_is_taken_apart() -> None:
    ge = v.ge(2)

    @attrs.frozen
    class Crew:
        size: int = attrs.field(validator=[ge, even])

    assert (
        AttrsValidator(kind="ge", function=ge, bound=2),
        AttrsValidator(kind="other", function=even),
    ) == read_validator(attrs.fields(Crew).size.validator)


def test_calling_one_runs_it_as_attrs_does() -> None:
    part, optional = read_validator(v.and_(v.ge(0), v.optional(even)))
    attribute = attrs.fields(attrs.make_class("C", ["x"])).x
    optional(None, attribute, None)  # optional: None passes without the function
    optional(None, attribute, 2)
    with pytest.raises(ValueError, match="must be even"):
        optional(None, attribute, 3)
    with pytest.raises(ValueError, match="'x' must be >= 0: -1"):
        part(None, attribute, -1)
    with pytest.raises(TypeError):
        part(None, attribute, None)  # not optional: None is compared with 0
