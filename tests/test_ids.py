"""Tests for eventkit._ids: stable ids that validation always accepts."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventkit as ek
from eventkit.checks import ID_MAX_LENGTH, record_id

PARTS = st.text(st.characters(exclude_categories=["Cs"])) | st.integers(-(2**63), 2**64 - 1)
# Ids hold printable characters only: no separators (Z*) or other characters
# (C*: control, format such as zero-width or bidi, surrogate, private, unassigned).
PREFIX_CHARACTERS = st.characters(categories=["L", "M", "N", "P", "S"])


def test_make_id_is_stable_and_separates_parts() -> None:
    assert ek.make_id("a b", "c") != ek.make_id("a", "b c")
    assert ek.make_id("call", 2024) == ek.make_id("call", 2024)
    assert ek.make_id("1") != ek.make_id(1)
    assert 20 == len(ek.make_id("x"))
    assert ek.make_id("x", prefix="event").startswith("event-")


def test_make_id_values_do_not_change_between_releases() -> None:
    assert "event-c9ad173f117dce7faf39" == ek.make_id(
        "call", "olaf-scholz", "vladimir-putin", "2024-11-15", prefix="event"
    )
    assert "5b7744bd" == ek.make_id("", -(2**63), 2**64 - 1, length=8)


@given(st.data())
def test_make_id_of_valid_arguments_is_a_valid_id(data: st.DataObject) -> None:
    parts = data.draw(st.lists(PARTS, min_size=1, max_size=4), label="parts")
    length = data.draw(st.integers(8, 40), label="length")
    longest = ID_MAX_LENGTH - 1 - length
    prefix = data.draw(st.none() | st.text(PREFIX_CHARACTERS, min_size=1, max_size=longest))
    made = ek.make_id(*parts, prefix=prefix, length=length)
    assert record_id(made) is None
    assert made == orjson.loads(orjson.dumps(made))


def make_id_or_error(prefix: str, length: int) -> str | ek.ValidationError:
    try:
        return ek.make_id("x", prefix=prefix, length=length)
    except ek.ValidationError as error:
        return error


@given(prefix=st.text(max_size=ID_MAX_LENGTH), length=st.integers(0, 50))
def test_make_id_gives_a_valid_id_or_says_why(prefix: str, length: int) -> None:
    made = make_id_or_error(prefix, length)
    if isinstance(made, str):
        assert record_id(made) is None
    else:
        assert {"prefix", "length"} >= {problem.loc[0] for problem in made.problems}


@pytest.mark.parametrize(
    ("parts", "options", "expected"),
    [
        pytest.param(
            ("a",),
            {"prefix": "phone call"},
            "$.prefix: must not contain whitespace, control or invisible characters, "
            "got 'phone call' [invalid_value]",
            id="space",
        ),
        pytest.param(
            ("a",),
            {"prefix": "call\n"},
            "$.prefix: must not contain whitespace, control or invisible characters, got 'call\\n' "
            "[invalid_value]",
            id="newline",
        ),
        pytest.param(
            ("a",),
            {"prefix": ""},
            "$.prefix: must not be empty (leave prefix out for an id without one), got '' "
            "[invalid_value]",
            id="empty",
        ),
        pytest.param(
            ("a",),
            {"prefix": "p" * 180},
            "$.prefix: must be at most 179 characters, so that with '-' and 20 hex digits the "
            "id is at most 200, got '" + "p" * 50 + "'… (130 more characters) [out_of_range]",
            id="too long",
        ),
        pytest.param(
            ("a",),
            {"prefix": "a\ud800"},
            "$.prefix: must not contain whitespace, control or invisible characters, "
            "got 'a\\ud800' [invalid_value]",
            id="surrogate prefix",
        ),
        pytest.param((), {}, "$.parts: at least one part is needed [missing]", id="no parts"),
        pytest.param(
            ("a", 2**64),
            {},
            "$.parts[1]: must be an integer from -2**63 to 2**64 - 1, got 18446744073709551616 "
            "[out_of_range]",
            id="big int",
        ),
        pytest.param(
            ("a\udcff",),
            {},
            "$.parts[0]: must be valid Unicode text (no lone surrogates), got 'a\\udcff' "
            "[invalid_value]",
            id="surrogate part",
        ),
        pytest.param(
            ("a",), {"length": 41}, "$.length: must be between 8 and 40, got 41 [out_of_range]"
        ),
    ],
)
def test_make_id_refuses_bad_values(
    parts: tuple[Any, ...], options: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ek.ValidationError) as error:
        ek.make_id(*parts, **options)
    assert f"1 problem in make_id arguments\n  {expected}" == str(error.value)


def test_make_id_reports_every_bad_value_at_once() -> None:
    with pytest.raises(ek.ValidationError) as error:
        ek.make_id(prefix="a b", length=7)
    assert ["$.parts", "$.prefix", "$.length"] == [p.path for p in error.value.problems]


@pytest.mark.parametrize(
    ("parts", "options", "expected"),
    [
        ((None,), {}, "make_id() parts must be str or int, got NoneType (part 0)"),
        (("a", 1.5), {}, "make_id() parts must be str or int, got float (part 1)"),
        ((True,), {}, "make_id() parts must be str or int, got bool (part 0)"),
        (
            (["a", "b"],),
            {},
            "make_id() parts must be str or int, got list (part 0); "
            "pass the parts as separate arguments: make_id(*parts)",
        ),
        (("a",), {"prefix": 5}, "make_id() prefix must be a str or None, got int"),
        (("a",), {"length": "20"}, "make_id() length must be an int, got str"),
        (("a",), {"length": 20.0}, "make_id() length must be an int, got float"),
    ],
)
def test_make_id_refuses_wrong_types_with_a_type_error(
    parts: tuple[Any, ...], options: dict[str, Any], expected: str
) -> None:
    with pytest.raises(TypeError) as error:
        ek.make_id(*parts, **options)
    assert (TypeError, expected) == (type(error.value), str(error.value))
