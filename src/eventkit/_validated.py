"""Validated: the base of eventkit's classes, whose constructor validates every field.

Constructing a `Validated` class checks every field against its description
(`eventkit._fields`) — type, checks, attrs validators — and then the rules
that span fields (`Validated.cross_check`), and raises one
`eventkit.ValidationError` holding every problem: a missing argument, an
unknown one, a wrong type, a failed check or validator, each at its path.
Never a bare ``TypeError``.

It wraps the ``__init__`` attrs writes for each subclass: a valid call costs
the attrs ``__init__`` and one generated validator; only a failing one is
diagnosed in detail (`eventkit._diagnose`).

Friendly input (a list for a tuple, ``"person"`` for ``ActorKind.PERSON``)
is converted first (`eventkit._friendly`); anything else is left for the
checks to judge.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import attrs

from eventkit._codegen import validator
from eventkit._diagnose import construction_problems
from eventkit._fields import NO_CROSS_CHECK, NO_POST_INIT, describe
from eventkit._friendly import friendly, holds_mapping
from eventkit._memo import memoize
from eventkit._shapes import FrozenDict
from eventkit._vocab import lookup
from eventkit.checks import record_id
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "EMPTY_MAPPING",
    "Validated",
    "is_validating",
    "to_member",
]

_WRAPPED = "__eventkit_validating__"


EMPTY_MAPPING: Mapping[str, Any] = FrozenDict()
"""The default of mapping fields: one empty `FrozenDict`, shared (it cannot change)."""


def to_member(value: Any, vocabulary: Any) -> Any:
    """The member of ``vocabulary`` named by ``value``, else ``value`` unchanged.

    Records call it from named converters (marked with `keeps_typed`), so
    the attrs mypy plugin sees what their constructors accept.
    """
    found = lookup(vocabulary, value)
    return value if found is None else found


def _title(cls: type, kwargs: Mapping[str, Any]) -> str:
    record = kwargs.get("id")
    if getattr(cls, "kind_name", None) is not None and record_id(record) is None:
        return f"{cls.__name__} {record!r}"
    return cls.__name__


def _validating(init: Callable[..., None]) -> Callable[..., None]:
    """Wrap an attrs ``__init__`` so that it validates, and reports every problem."""

    @functools.wraps(init)
    def __init__(self: Validated, *args: Any, **kwargs: Any) -> None:
        friendly = _friendly_fields(type(self))
        if friendly and kwargs:
            kwargs = {**kwargs}
            for key, convert in friendly:
                if key in kwargs:
                    kwargs[key] = convert(kwargs[key])
        try:
            init(self, *args, **kwargs)
        except Exception as error:
            cls = type(self)
            problems = construction_problems(cls, args, kwargs)
            if problems:
                raise ValidationError(problems, title=_title(cls, kwargs)) from None
            if isinstance(error, ValueError) and not isinstance(error, ValidationError):
                # The class's own __attrs_post_init__ refused the values.
                message = str(error.args[0]) if error.args else type(error).__name__
                problem = Problem(code="invalid_value", message=message)
                raise ValidationError([problem], title=_title(cls, kwargs)) from error
            raise
        found = validator(type(self))(self)
        if found:
            raise ValidationError(found, title=self._error_title())
        for name, key, freeze in _mapping_fields(type(self)):
            # not converted above (a default, or given by position): a dict in it could change
            if key not in kwargs:
                object.__setattr__(self, name, freeze(getattr(self, name)))

    setattr(__init__, _WRAPPED, True)
    return __init__


@memoize
def _friendly_fields(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """The fields of ``cls`` with no converter that take friendly input as built-in ones do.

    Each with its converter (`eventkit._friendly.friendly`), run on a constructor's argument
    before attrs' ``__init__``. A custom type's fields so take what the
    built-in types' converters take, and hold what loading would make.
    """
    found = ((f.key, friendly(f.shape)) for f in describe(cls).fields if f.converter is None)
    return tuple((key, convert) for key, convert in found if convert is not None)


@memoize
def _mapping_fields(cls: type) -> tuple[tuple[str, str, Callable[[Any], Any]], ...]:
    """The fields of `_friendly_fields` whose default may hold a mapping: name, key, converter."""
    holding = {f.key: f.name for f in describe(cls).fields if holds_mapping(f.shape)}
    return tuple(
        (holding[key], key, convert) for key, convert in _friendly_fields(cls) if key in holding
    )


def is_validating(cls: type) -> bool:
    """Whether constructing ``cls`` runs eventkit's validation."""
    init: Any = cls.__init__  # type: ignore[misc]
    return bool(getattr(init, _WRAPPED, False))


@attrs.frozen(kw_only=True)
class Validated:
    """Base of every eventkit class whose fields are checked at construction.

    Subclasses are frozen, slotted, keyword-only attrs classes; their fields
    are described by annotations and `eventkit.field`. Override
    `cross_check` for rules that span fields. Derive your own value classes
    from it (a position, a vessel) to give them eventkit's constructor: one
    `eventkit.ValidationError` with every problem at its path, attrs
    validators' failures included. (A plain attrs class works as a field's
    type too, and is checked as fully when loaded; only its constructor is
    attrs' own.)

    Examples:
        >>> import attrs, eventkit as ek
        >>> @attrs.frozen(kw_only=True)
        ... class Berth(ek.Validated):
        ...     port: str
        ...     number: int = attrs.field(validator=attrs.validators.ge(1))
        >>> Berth(port=7, number=0)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 2 problems in Berth
          $.port: expected a string, not int, got 7 [invalid_type] (write "7" if it is text)
          $.number: must be at least 1, got 0 [out_of_range]
    """

    __eventkit_self_validating__: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        # attrs makes a slotted class anew, with its __init__, and that class
        # comes through here too: its __init__ is the one to wrap.
        if (
            "__attrs_attrs__" in cls.__dict__
            and init is not None
            and not getattr(init, _WRAPPED, False)
        ):
            setattr(cls, "__init__", _validating(init))  # noqa: B010 - replacing attrs' method

    def __attrs_post_init__(self) -> None:
        """Nothing: subclasses may run their own (eventkit validates after it)."""

    def problems(self) -> list[Problem]:
        """Return every problem with this object's fields (empty if valid)."""
        return validator(type(self))(self) or []

    def cross_check(self) -> Iterable[Problem]:
        """Return problems that involve more than one field (runs when fields are valid)."""
        return ()

    def _error_title(self) -> str:
        """Name this object in error messages, e.g. ``Event 'call-2024-11-15'``."""
        return type(self).__name__


setattr(Validated.cross_check, NO_CROSS_CHECK, True)
setattr(Validated.__attrs_post_init__, NO_POST_INIT, True)
