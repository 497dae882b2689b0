"""Field checks and their fast conditions: a condition may only accept what its check accepts."""

import sys
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import eventkit as ek
from eventkit import _checks as check
from eventkit._validated import Validated
from eventkit.testing import values


def condition_of(field_check: check.Check) -> Callable[[Any], bool]:
    found = check.fast_condition(field_check)
    assert found is not None
    expression, names = found
    return eval(f"lambda v: {expression.format(v='v')}", dict(names))  # type: ignore[no-any-return]


def _validated_classes() -> list[type]:
    ek.known_tags()  # loads the built-in event types
    found, stack = [], [Validated]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("eventkit.")]


def _field_checks() -> dict[str, check.Check]:
    """Every check with a fast condition on a field of an eventkit class, by field."""
    found = {}
    for cls in _validated_classes():
        for field in attrs.fields(cls):
            field_check = field.metadata.get("check")
            if field_check is not None and check.fast_condition(field_check) is not None:
                found[f"{cls.__name__}.{field.name}"] = field_check
    return found


FIELD_CHECKS = _field_checks()
CONDITIONS = {name: condition_of(field_check) for name, field_check in FIELD_CHECKS.items()}
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "a b", "a\u200db", "x" * 201, "x" * 200, "DEU", "EUR", "person"])
    | st.sampled_from([*ek.ParticipantRole, *ek.StatementKind, *ek.EventStatus, *ek.Qualifier])
    | values(ek.Citation)
    | values(ek.Participant)
    | values(ek.Place)
    | values(ek.Quantity)
)
VALUES = SCALARS | st.lists(SCALARS, max_size=3).map(tuple)


def test_every_field_check_with_a_fast_condition_is_collected() -> None:
    assert {"Event.id", "Statement.about", "Place.lat", "Participant.role"} <= set(FIELD_CHECKS)


@given(value=VALUES)
def test_a_fast_condition_never_accepts_what_its_check_rejects(value: Any) -> None:
    wrongly = [
        name
        for name, accepts in CONDITIONS.items()
        if accepts(value) and FIELD_CHECKS[name](value) is not None
    ]
    assert [] == wrongly


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
