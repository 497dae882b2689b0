"""Say what is wrong with a Python value of a shape: the slow half of validation.

The code `eventkit._codegen` generates tests each value with a fast
condition; only when that fails does it ask this module what the problems
are. This module walks the shape (and the fields of nested objects) without
generated code: it runs for bad values only, and it must be plainly right.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from eventkit._fields import describe
from eventkit._hints import python_hint, vocabulary_hint
from eventkit._shapes import (
    Dates,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    key_problem,
    scalar_problem,
    vocabulary_member,
    vocabulary_members,
)
from eventkit._vocab import CUSTOM_VALUE, vocabulary_message
from eventkit.checks import Check
from eventkit.exceptions import Loc, Problem, format_loc

__all__ = [
    "conversion_hint",
    "member_problems",
    "object_problems",
    "run_checks",
    "type_name",
    "value_problems",
]

_CONVERT = {int: "int", float: "float", str: "str", bool: "bool"}


def type_name(value: Any) -> str:
    """The type of ``value`` as messages show it (``numpy.int64`` with its module)."""
    cls = type(value)
    module = cls.__module__
    return cls.__name__ if module == "builtins" else f"{module.split('.')[0]}.{cls.__name__}"


def conversion_hint(shape: Shape, value: Any) -> str:
    """How to convert ``value`` for ``shape`` when it is a near miss, else ``""``.

    A number of another type (numpy's, an int subclass) or a str subclass is
    not converted silently; the message says how to convert it.

    Examples:
        >>> from fractions import Fraction
        >>> from eventkit._shapes import Scalar
        >>> half = Fraction(1, 2)
        >>> conversion_hint(Scalar(type=float), half), conversion_hint(Scalar(type=int), half)
        ('; convert it with float(value)', '')
    """
    if not isinstance(shape, Scalar) or type(value) is shape.type:
        return ""
    if shape.type in (int, float) and isinstance(value, numbers.Real):
        if isinstance(value, bool | Decimal):
            return ""
        integral = isinstance(value, numbers.Integral)
        if shape.type is int and not integral:
            return ""  # 2.5 is no integer: converting would lose its fraction
        # a float field takes integers too: an integral value converts losslessly with int
        return f"; convert it with {_CONVERT[int if integral else float]}(value)"
    if shape.type is str and isinstance(value, str):
        return "; convert it with str(value)"
    return ""


def _wrong_type(shape: Shape, value: Any) -> list[Problem]:
    expected = "a tuple" if isinstance(shape, TupleOf) else shape.label()  # "a list" on the wire
    message = f"expected {expected}, not {type_name(value)}{conversion_hint(shape, value)}"
    hint = python_hint(shape, value)
    return [Problem(code="invalid_type", message=message, input=value, hint=hint)]


def run_checks(checks: tuple[Check, ...], value: Any) -> list[Problem]:
    """The problems of the first check that fails (later checks may rely on earlier ones)."""
    for check in checks:
        found = check(value)
        if found:
            return found
    return []


def _scalar_problems(shape: Scalar, value: Any) -> list[Problem] | None:
    kind = type(value)
    if kind is shape.type or (shape.type is float and kind is int):
        if kind is Decimal and not value.is_finite():
            return [Problem(code="invalid_value", message="must be a finite number", input=value)]
        wrong = scalar_problem(value)
        if wrong is not None:
            return [Problem(code=wrong[0], message=wrong[1], input=value)]
        return None
    return _wrong_type(shape, value)


def _vocabulary_problems(shape: Vocabulary, value: Any) -> list[Problem] | None:
    vocabulary = shape.enum
    if type(value) is vocabulary and value in vocabulary_members(shape.enum):
        return None
    if shape.open and type(value) is str and CUSTOM_VALUE.fullmatch(value):
        return None
    if vocabulary_member(vocabulary, value) is not None and not (shape.open and type(value) is str):
        # a member's value, given for the member: pass Tier(2), not 2
        name = vocabulary.__name__
        message = f"expected a {name} member, not {type_name(value)}; pass {name}({value!r})"
        return [Problem(code="invalid_type", message=message, input=value)]
    return [
        Problem(
            code="invalid_value",
            message=vocabulary_message(vocabulary, shape.open),
            input=value,
            hint=vocabulary_hint(vocabulary, value),
        )
    ]


def value_problems(shape: Shape, value: Any) -> list[Problem]:  # noqa: PLR0911, PLR0912 - one branch per shape
    """Every problem with ``value`` as a value of ``shape``; locations are relative to it.

    Examples:
        >>> from eventkit._shapes import shape_of
        >>> [str(p) for p in value_problems(shape_of(tuple[int, ...]), (1, "2"))]
        ["$[1]: expected an integer, not str, got '2' [invalid_type] (write 2 without quotes)"]
    """
    if isinstance(shape, Nullable):
        return [] if value is None else value_problems(shape.inner, value)
    if isinstance(shape, TupleOf):
        if type(value) is not tuple:
            return _wrong_type(shape, value)
        problems = [
            problem.at(index)
            for index, item in enumerate(value)
            for problem in value_problems(shape.item, item)
        ]
        return problems or run_checks(shape.checks, value)
    if isinstance(shape, MappingOf):
        if not isinstance(value, Mapping):
            return _wrong_type(shape, value)
        problems = []
        for key, item in value.items():
            bad_key = key_problem(key)
            if bad_key is not None:
                problems.append(Problem(code=bad_key[0], message=bad_key[1], input=key))
                continue
            problems.extend(problem.at(key) for problem in value_problems(shape.value, item))
        return problems or run_checks(shape.checks, value)
    if isinstance(shape, UnionOf):
        found = [value_problems(member, value) for member in shape.members]
        if not all(found):
            return run_checks(shape.checks, value)
        said = member_problems(shape, found, value)
        return _wrong_type(shape, value) if said is None else said
    if isinstance(shape, Scalar):
        wrong = _scalar_problems(shape, value)
    elif isinstance(shape, Vocabulary):
        wrong = _vocabulary_problems(shape, value)
    elif isinstance(shape, Dates):
        wrong = None if type(value) in shape.classes else _wrong_type(shape, value)
    elif isinstance(shape, Nested):
        if type(value) is not shape.cls:
            wrong = _wrong_type(shape, value)
        elif not describe(shape.cls).self_validating:
            wrong = object_problems(value) or None
        else:
            wrong = None  # it validated itself when it was made, and cannot change
    else:  # pragma: no cover - every shape is handled above
        msg = f"unknown shape {shape!r}"
        raise TypeError(msg)
    return wrong or run_checks(shape.checks, value)


def member_problems(
    shape: UnionOf, found: Sequence[list[Problem]], value: Any, loc: Loc = ()
) -> list[Problem] | None:
    """What is wrong with ``value``, which no member of ``shape`` takes, from their problems.

    ``found`` holds each member's problems, located under ``loc``, the
    union's own path. A member takes the value's type unless it says
    ``invalid_type`` at ``loc`` itself; a problem deeper down (a field of an
    object, an item of a list) is one of the member's own. Of the members
    taking it, the best fit says what is wrong: the one that knows the most
    of an object's keys, then misses the fewest of its required fields
    (members that fit as well and say the same count as one). When several
    fit equally, one problem at ``loc`` names each with its first problem.

    Returns:
        None when no member takes the value's type: the caller says so, in
        the words of its input (JSON types for data, Python types for values).

    Examples:
        >>> from eventkit._shapes import shape_of
        >>> union = shape_of(tuple[int, ...] | str)
        >>> [str(p) for p in value_problems(union, (1, "2"))]  # a tuple, its item the fault
        ["$[1]: expected an integer, not str, got '2' [invalid_type] (write 2 without quotes)"]
    """
    depth = len(loc)
    taking = [
        (member, problems)
        for member, problems in zip(shape.members, found, strict=True)
        if not any(p.code == "invalid_type" and len(p.loc) == depth for p in problems)
    ]
    if not taking:
        return None
    best = min(_misfit(problems, depth) for _, problems in taking)
    fits = [(member, problems) for member, problems in taking if _misfit(problems, depth) == best]
    if len({_said(problems) for _, problems in fits}) == 1:
        return fits[0][1]
    reasons = []
    for member, problems in fits:
        first = problems[0]
        where = format_loc(first.loc[depth:]).removeprefix("$").removeprefix(".")
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        reasons.append(f"as {member.label()}, {where}{': ' if where else ''}{first.message}{more}")
    message = f"expected {shape.label()}, and no member fits: {'; '.join(reasons)}"
    return [Problem(loc=loc, code="invalid_value", message=message, input=value)]


def _misfit(problems: list[Problem], depth: int) -> tuple[int, int]:
    """How badly an object fits a member: its keys the member does not know, then fields missing."""
    own = [p.code for p in problems if len(p.loc) == depth + 1]
    return own.count("unknown_field"), own.count("missing")


def _said(problems: list[Problem]) -> tuple[tuple[Loc, str, str], ...]:
    """What ``problems`` say, inputs aside (the members were given the same value)."""
    return tuple((p.loc, p.code, p.message) for p in problems)


def object_problems(obj: Any) -> list[Problem]:
    """Every problem with the fields of an attrs object, then its ``cross_check``.

    For objects of plain attrs classes, which do not validate themselves.
    """
    info = describe(type(obj))
    problems = [
        problem.at(field.key)
        for field in info.fields
        for problem in value_problems(field.shape, getattr(obj, field.name))
    ]
    if not problems and info.cross_check:
        problems = list(obj.cross_check())
    return problems
