"""Field checks and their fast conditions: a condition may only accept what its check accepts."""

import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventkit as ek
from eventkit import _checks as check


def condition_of(field_check: check.Check) -> Callable[[Any], bool]:
    found = check.fast_condition(field_check)
    assert found is not None
    expression, names = found
    return eval(f"lambda v: {expression.format(v='v')}", dict(names))  # type: ignore[no-any-return]


IDS = st.text(max_size=8) | st.sampled_from(["", " ", "a b", "a\u200db", "x" * 201, "x" * 200])
CHECKS_OVER_TEXT = [check.record_id, check.text, check.each(check.record_id)]


@pytest.mark.parametrize("field_check", CHECKS_OVER_TEXT, ids=["record_id", "text", "each"])
@given(value=IDS)
def test_a_fast_condition_never_accepts_what_its_check_rejects(
    field_check: check.Check, value: str
) -> None:
    subject: Any = (value,) if check.item_check(field_check) else value
    if condition_of(field_check)(subject):
        assert field_check(subject) is None


def test_the_id_condition_rejects_every_whitespace_and_control_character() -> None:
    accepts = condition_of(check.record_id)
    wrongly = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if accepts(f"a{chr(code)}b") and check.record_id(f"a{chr(code)}b")
    ]
    assert [] == wrongly


def test_an_id_beyond_the_fast_condition_still_loads() -> None:
    # U+200D (zero-width joiner) is allowed in ids but unprintable: the check decides.
    actor = ek.from_dict(
        ek.Actor, {"type": "actor", "id": "a\u200db", "name": "A", "kind": "person"}
    )
    assert "a\u200db" == actor.id
    assert not condition_of(check.record_id)(actor.id)


def test_type_only_checks_say_their_type() -> None:
    assert check.checked_type(check.each(check.instance(ek.Citation))) == tuple[ek.Citation, ...]
    assert check.checked_type(check.optional(check.instance(ek.Place))) == ek.Place | None
    assert check.checked_type(check.each(check.text)) is None
