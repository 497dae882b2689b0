"""Validated attrs classes: field checks that all run at construction.

A field declares its check with ``metadata=meta(check)``; `Validated`
runs every check after ``__init__`` and raises one
`eventkit.ValidationError` holding every problem. Converters here
normalise friendly input (a list for a tuple, ``"person"`` for
``ActorKind.PERSON``) and never raise: judging is the checks' job.
"""

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from eventkit._checks import Check
from eventkit._vocab import lookup
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "Validated",
    "converts_to_member",
    "empty_mapping",
    "member_vocabulary",
    "meta",
    "to_mapping",
    "to_member",
    "to_tuple",
]


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


_VOCABULARY = "_eventkit_vocabulary_"


def converts_to_member(converter: Callable[[Any], Any], vocabulary: type) -> None:
    """Mark ``converter`` as mapping strings to members of ``vocabulary``.

    Generated structuring code then looks the member up inline instead of
    calling the converter (which does the same, for any input).
    """
    setattr(converter, _VOCABULARY, vocabulary)


def member_vocabulary(converter: Any) -> Any:
    """The vocabulary `converts_to_member` marked ``converter`` with, if any."""
    return getattr(converter, _VOCABULARY, None)


def to_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    if type(value) is MappingProxyType:
        return value
    if isinstance(value, Mapping):
        return MappingProxyType(dict(value))
    return value


def empty_mapping() -> Mapping[str, str]:
    return MappingProxyType({})


def _validator(cls: type) -> Callable[[Any], list[Problem] | None]:
    validate: Callable[[Any], list[Problem] | None] | None = cls.__dict__.get("_eventkit_validate_")
    if validate is None:
        # Generated once per class; _codegen imports this module, hence the late import.
        from eventkit._codegen import make_validator  # noqa: PLC0415

        validate = make_validator(cls)
        setattr(cls, "_eventkit_validate_", validate)  # noqa: B010 - slotted classes take class attributes this way
    return validate


@attrs.frozen(kw_only=True)
class Validated:
    """Base of every eventkit class whose fields are checked at construction.

    Subclasses attach a check to a field with ``metadata={"check": fn}`` and
    may override `cross_check` for rules that span fields.
    """

    def __attrs_post_init__(self) -> None:
        problems = _validator(type(self))(self)
        if problems:
            raise ValidationError(problems, title=self._error_title())

    def problems(self) -> list[Problem]:
        """Return every problem with this object's fields (empty if valid)."""
        return _validator(type(self))(self) or []

    def cross_check(self) -> Iterable[Problem]:
        """Return problems that involve more than one field (runs when fields are valid)."""
        return ()

    def _error_title(self) -> str:
        """Name this object in error messages, e.g. ``Event 'call-2024-11-15'``."""
        return type(self).__name__
