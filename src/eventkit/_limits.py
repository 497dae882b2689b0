"""Limits on untrusted input: how long a line or a string, how deep.

Reading data eventkit did not write must not exhaust memory or the stack:
every reader checks the current `Limits`, and input beyond one is a problem
like any other (``line_too_long``, ``too_deep``, ``too_long``), never a
crash. The defaults are generous for event data; change them for a block of
code with `limits`.

The checks cost nothing for ordinary input: a line shorter than
``max_string`` cannot hold a longer string, so only longer lines are walked;
depth matters only for data kept as it is, checked where it is kept.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

import attrs

from eventkit.exceptions import Problem

__all__ = ["Limits", "current", "limits", "over_limits"]


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 1:
        msg = f"{attribute.name} must be a positive integer, not {value!r}"
        raise (TypeError if type(value) is not int else ValueError)(msg)


@attrs.frozen(kw_only=True)
class Limits:
    """How much untrusted input eventkit reads before it calls it a problem.

    Attributes:
        max_line_bytes: the longest JSON Lines line read (16 MiB); a longer
            one is skipped unread (``line_too_long``).
        max_depth: how deeply objects and arrays may nest in data kept as
            it is (an `UnknownRecord`) (64; eventkit's own records need
            fewer than 8; at most 500, well inside Python's stack)
            (``too_deep``). A record of a known type needs no such limit:
            it is read only as deep as its fields go, and deeper data is a
            problem of its shape there.
        max_string: the longest string, in characters (1,000,000)
            (``too_long``).

    Examples:
        >>> Limits().max_depth, Limits(max_depth=8).max_depth
        (64, 8)
    """

    max_line_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=[_positive, attrs.validators.le(500)])
    max_string: int = attrs.field(default=1_000_000, validator=_positive)


_current: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "eventkit_limits",
    default=Limits(),  # noqa: B039 -- Limits is frozen
)


def current() -> Limits:
    """The limits in force here (see `limits`).

    Examples:
        >>> current().max_line_bytes
        16777216
    """
    return _current.get()


@contextlib.contextmanager
def limits(**changes: int) -> Iterator[Limits]:
    """Change limits for the code in a ``with`` block (this thread or task only).

    Raises:
        TypeError: an unknown limit, or a value that is not an integer.
        ValueError: a value below 1.

    Examples:
        >>> import eventkit as ek
        >>> with ek.limits(max_depth=3):
        ...     ek.from_json(ek.Record, '{"type": "acme.x", "id": "x", "a": [[[1]]]}',
        ...                  keep_unknown=True)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 2 problems in Record 'x'
          record 'x': $.type: unknown type 'acme.x': no registered type or installed plugin has this tag, got 'acme.x' [unknown_type]
          record 'x': $.a[0][0]: nested more than 3 levels deep (the limit is eventkit.limits(max_depth=...)), got [1] [too_deep]
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    token = _current.set(attrs.evolve(_current.get(), **changes))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def over_limits(data: Any, raw: bytes | None = None) -> list[Problem]:
    """Problems for the parts of JSON ``data`` beyond the depth and string limits.

    ``raw``, the text ``data`` was parsed from, lets ordinary input skip the
    walk: text no longer than ``max_string`` holds no longer string, and the
    depth of such data matters only where it is kept as it is (where
    `over_limits` is called without ``raw``).

    Examples:
        >>> [p.code for p in over_limits({"a": "x" * 2_000_000})]
        ['too_long']
    """
    bounds = _current.get()
    if raw is not None and len(raw) <= bounds.max_string:
        return []
    found: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:  # not recursive: the point is data nested deeper than the stack
        item, loc = stack.pop()
        kind = item.__class__
        if kind is str:
            if len(item) > bounds.max_string:
                message = (
                    f"a string of {len(item):,} characters, longer than "
                    f"{bounds.max_string:,} (the limit is eventkit.limits(max_string=...))"
                )
                found.append(Problem(loc=loc, code="too_long", message=message, input=item))
            continue
        if kind is not dict and kind is not list:
            continue
        if len(loc) >= bounds.max_depth:
            message = (
                f"nested more than {bounds.max_depth} levels deep "
                "(the limit is eventkit.limits(max_depth=...))"
            )
            found.append(Problem(loc=loc, code="too_deep", message=message, input=item))
            continue
        children = item.items() if kind is dict else enumerate(item)
        stack.extend((child, (*loc, key)) for key, child in children)
    found.sort(key=lambda problem: [str(step) for step in problem.loc])
    return found
