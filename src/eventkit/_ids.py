"""Stable ids derived from stable parts."""

import hashlib
import unicodedata
from typing import Final

import orjson

from eventkit.checks import ID_MAX_LENGTH, record_id
from eventkit.exceptions import Problem, ValidationError

__all__ = ["make_id", "normalized"]

_DEFAULT_LENGTH = 20
_SHORTEST, _LONGEST = 8, 40  # hex digits of the SHA-1 kept
# orjson writes integers in this range only (signed and unsigned 64 bits).
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1
_NOT_UNICODE = "must be valid Unicode text (no lone surrogates)"


def _is_unicode(text: str) -> bool:
    # A lone surrogate is not text: no JSON or UTF-8 file can hold it.
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _check_types(parts: tuple[object, ...], prefix: object, length: object) -> None:
    for index, part in enumerate(parts):
        if type(part) not in (str, int):
            msg = f"make_id() parts must be str or int, got {type(part).__name__} (part {index})"
            if isinstance(part, list | tuple):
                msg += "; pass the parts as separate arguments: make_id(*parts)"
            raise TypeError(msg)
    if prefix is not None and type(prefix) is not str:
        msg = f"make_id() prefix must be a str or None, got {type(prefix).__name__}"
        raise TypeError(msg)
    if type(length) is not int:
        msg = f"make_id() length must be an int, got {type(length).__name__}"
        raise TypeError(msg)


def _value_problems(parts: tuple[str | int, ...], prefix: str | None, length: int) -> list[Problem]:
    problems: list[Problem] = []

    def bad(loc: tuple[str | int, ...], code: str, message: str, value: object) -> None:
        problems.append(Problem(loc=loc, code=code, message=message, input=value))

    if not parts:
        problems.append(
            Problem(loc=("parts",), code="missing", message="at least one part is needed")
        )
    for index, part in enumerate(parts):
        if type(part) is int and not _INT_MIN <= part <= _INT_MAX:
            bad(
                ("parts", index),
                "out_of_range",
                "must be an integer from -2**63 to 2**64 - 1",
                part,
            )
        elif type(part) is str and not _is_unicode(part):
            bad(("parts", index), "invalid_value", _NOT_UNICODE, part)
    if prefix is not None:
        # The id is the prefix, "-" and the digits; with a bad length, the nearest good one.
        digits = min(max(length, _SHORTEST), _LONGEST)
        longest = ID_MAX_LENGTH - 1 - digits
        if not prefix:
            message = "must not be empty (leave prefix out for an id without one)"
            bad(("prefix",), "invalid_value", message, prefix)
        elif len(prefix) > longest:
            message = (
                f"must be at most {longest} characters, so that with '-' and {digits} hex digits"
                f" the id is at most {ID_MAX_LENGTH}"
            )
            bad(("prefix",), "out_of_range", message, prefix)
        elif (found := record_id(prefix)) is not None:
            # The id check itself says what is wrong, so the two cannot disagree.
            problems.extend(problem.at("prefix") for problem in found)
        elif not _is_unicode(prefix):
            bad(("prefix",), "invalid_value", _NOT_UNICODE, prefix)
    if not _SHORTEST <= length <= _LONGEST:
        bad(("length",), "out_of_range", f"must be between {_SHORTEST} and {_LONGEST}", length)
    return problems


def _ascii_table() -> dict[int, str]:
    """What `normalized` makes of each ASCII character, taken from the general rule itself."""
    return {code: _normalized_char(chr(code)) for code in range(128)}


def _normalized_char(char: str) -> str:
    category = unicodedata.category(char)
    if category[0] == "P":
        return " " if category == "Pd" else ""
    return char.casefold()


def normalized(text: str) -> str:
    """``text`` as names are compared: case, accents, punctuation and spacing set aside.

    Examples:
        >>> normalized("  Olaf   SCHOLZ, Jr.") == normalized("olaf scholz jr") == "olaf scholz jr"
        True
        >>> normalized("Zelenskyy’s Über-Plan")
        'zelenskyys uber plan'
    """
    if text.isascii():  # most titles and names: one table look-up per character, same result
        return " ".join(text.translate(_ASCII).split())
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # an accent
            continue
        if category[0] == "P":  # punctuation: a hyphen or dash parts words, others go
            kept.append(" " if category == "Pd" else "")
        else:
            kept.append(char)
    return " ".join("".join(kept).casefold().split())


def make_id(
    *parts: str | int,
    prefix: str | None = None,
    length: int = _DEFAULT_LENGTH,
    normalize: bool = False,
) -> str:
    """Return a stable id derived from ``parts``, the same in every run.

    The same event extracted twice from the same facts gets the same id, so
    duplicates can be found. Parts are hashed as a JSON list, so
    ``make_id("a b", "c")`` and ``make_id("a", "b c")`` differ. The id is
    always one that validation accepts: arguments that would make another
    are refused.

    Args:
        parts: strings or integers that identify the thing (at least one).
            Integers must fit in 64 bits (``-2**63`` to ``2**64 - 1``).
        prefix: readable text put in front, e.g. ``"event"``: no whitespace
            or control characters, and short enough that the id, with ``-``
            and the hex digits, is at most 200 characters.
        length: how many hex digits of the SHA-1 to keep (8 to 40).
        normalize: compare text parts as names are compared: case, accents,
            punctuation and spacing set aside (`"Olaf Scholz"`,
            `"olaf  scholz"` and `"Olaf-Scholz"` give one id). Off by
            default, so ids made before stay the same.

    Raises:
        TypeError: a part that is not a ``str`` or ``int`` (``bool`` neither),
            a prefix that is not a ``str`` or ``None``, or a length that is
            not an ``int``.
        ValidationError: every bad value at once, each at its place
            (``$.parts[1]``, ``$.prefix``, ``$.length``): no parts, an
            integer out of range, text with a lone surrogate, a prefix that
            is empty, too long or has whitespace, control or invisible characters, or
            a length out of range. It is a ``ValueError``.

    Examples:
        >>> make_id("call", "olaf-scholz", "vladimir-putin", "2024-11-15", prefix="event")
        'event-c9ad173f117dce7faf39'
        >>> make_id("Olaf Scholz", normalize=True) == make_id("olaf scholz ", normalize=True)
        True
        >>> make_id("call", prefix="phone call")
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in make_id arguments
          $.prefix: must not contain whitespace, control or invisible characters, got 'phone call' [invalid_value]
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    _check_types(parts, prefix, length)
    problems = _value_problems(parts, prefix, length)
    if problems:
        raise ValidationError(problems, title="make_id arguments")
    if normalize:
        parts = tuple(normalized(part) if isinstance(part, str) else part for part in parts)
    digest = hashlib.sha1(orjson.dumps(list(parts)), usedforsecurity=False).hexdigest()[:length]
    return digest if prefix is None else f"{prefix}-{digest}"


_ASCII: Final = _ascii_table()
