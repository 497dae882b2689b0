"""Stable ids derived from stable parts."""

import hashlib

import orjson

__all__ = ["make_id"]

_DEFAULT_LENGTH = 20


def make_id(*parts: str | int, prefix: str | None = None, length: int = _DEFAULT_LENGTH) -> str:
    """Return a stable id derived from ``parts``, the same in every run.

    The same event extracted twice from the same facts gets the same id, so
    duplicates can be found. Parts are hashed as a JSON list, so
    ``make_id("a b", "c")`` and ``make_id("a", "b c")`` differ.

    Args:
        parts: strings or integers that identify the thing (at least one).
        prefix: readable text put in front, e.g. ``"event"``.
        length: how many hex digits of the SHA-1 to keep (8 to 40).

    Raises:
        ValueError: no parts, a part that is not a string or integer, or a
            length out of range.

    Examples:
        >>> make_id("call", "olaf-scholz", "vladimir-putin", "2024-11-15", prefix="event")
        'event-c9ad173f117dce7faf39'
    """
    if not parts:
        msg = "make_id needs at least one part"
        raise ValueError(msg)
    for part in parts:
        if type(part) not in (str, int):
            msg = f"make_id parts must be strings or integers, got {part!r}"
            raise ValueError(msg)
    if not 8 <= length <= 40:
        msg = f"length must be between 8 and 40, got {length}"
        raise ValueError(msg)
    digest = hashlib.sha1(orjson.dumps(list(parts)), usedforsecurity=False).hexdigest()[:length]
    return digest if prefix is None else f"{prefix}-{digest}"
