"""Validated attrs classes: field checks that all run at construction.

A field declares its check with ``metadata=meta(check)``; `Validated`
runs every check after ``__init__`` and raises one
`eventkit.ValidationError` holding every problem. Converters here
normalise friendly input (a list for a tuple, ``"person"`` for
``ActorKind.PERSON``) and never raise: judging is the checks' job.
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from eventkit._checks import Check
from eventkit._vocab import lookup
from eventkit.exceptions import Problem, ValidationError

__all__ = ["Validated", "empty_mapping", "meta", "to_mapping", "to_member", "to_tuple"]

_Checks = tuple[tuple[str, Check], ...]
E = TypeVar("E")


def meta(field_check: Check) -> dict[str, Any]:
    return {"check": field_check}


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # Strings are iterable too; keep them whole so the check can say "expected a list".
    if type(value) is tuple or isinstance(value, str | bytes | Mapping):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def to_member(value: Any, vocabulary: Any) -> Any:
    """Return the member of ``vocabulary`` named by ``value``, else ``value`` unchanged."""
    found = lookup(vocabulary, value)
    return value if found is None else found


def to_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    if type(value) is MappingProxyType:
        return value
    if isinstance(value, Mapping):
        return MappingProxyType(dict(value))
    return value


def empty_mapping() -> Mapping[str, str]:
    return MappingProxyType({})


def _compile_checks(cls: type) -> _Checks:
    checks = tuple(
        (a.name, a.metadata["check"]) for a in attrs.fields(cls) if "check" in a.metadata
    )
    setattr(cls, "_eventkit_checks_", checks)  # noqa: B010 - slotted classes take class attributes this way
    return checks


@attrs.frozen(kw_only=True)
class Validated:
    """Base of every eventkit class whose fields are checked at construction.

    Subclasses attach a check to a field with ``metadata={"check": fn}`` and
    may override `cross_check` for rules that span fields.
    """

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValidationError(problems, title=self._error_title())

    def problems(self) -> list[Problem]:
        """Return every problem with this object's fields (empty if valid)."""
        cls = type(self)
        checks: _Checks | None = cls.__dict__.get("_eventkit_checks_")
        if checks is None:
            checks = _compile_checks(cls)
        problems: list[Problem] = []
        for name, field_check in checks:
            found = field_check(getattr(self, name))
            if found:
                problems.extend(problem.at(name) for problem in found)
        if not problems:
            problems.extend(self.cross_check())
        return problems

    def cross_check(self) -> Iterable[Problem]:
        """Return problems that involve more than one field (runs when fields are valid)."""
        return ()

    def _error_title(self) -> str:
        """Name this object in error messages, e.g. ``Event 'call-2024-11-15'``."""
        return type(self).__name__
