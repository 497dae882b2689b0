"""Cell values as tables hold them: empty strings, NaN, numpy numbers, numbers as text.

CSV gives every value as text; pandas gives NaN for an empty cell and numpy
integers for a number column. The adapters read every cell through these,
so a row from ``csv.DictReader`` and one from ``DataFrame.to_dict("records")``
import alike.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["is_absent", "plain", "read_float", "read_int", "write_number"]


def plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else as it is.

    Examples:
        >>> plain(3), plain("x")
        (3, 'x')
    """
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


def is_absent(value: Any) -> bool:
    """Whether a cell is empty: None, ``""``, NaN, or pandas' NA and NaT.

    Examples:
        >>> [is_absent(v) for v in (None, "", float("nan"), 0, " x")]
        [True, True, True, False, False]
    """
    value = plain(value)
    if value is None or value == "":
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def read_int(value: Any) -> int | None:
    """A whole number from a cell (``"12"``, ``12``, ``12.0``), or None if it holds none.

    Examples:
        >>> read_int("12"), read_int(12.0), read_int("twelve"), read_int(True)
        (12, 12, None, None)
    """
    value = plain(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if digits.isascii() and digits.isdigit():
            return int(text)
    return None


def read_float(value: Any) -> float | None:
    """A finite number from a cell (``"3.11718"``, ``3``), or None if it holds none.

    Examples:
        >>> read_float("3.11718"), read_float(2), read_float("north")
        (3.11718, 2.0, None)
    """
    value = plain(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def write_number(value: float) -> str:
    """A number as table text: whole numbers without a decimal point.

    Examples:
        >>> write_number(3.0), write_number(3.11718), write_number(-15.4166)
        ('3', '3.11718', '-15.4166')
    """
    number = float(value)  # a float field may hold an int
    if number.is_integer() and abs(number) < 2**53:
        return str(int(number))
    return repr(number)
