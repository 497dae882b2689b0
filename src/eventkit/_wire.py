"""How leaf values that JSON has no type for look on the wire: dates and decimals.

A date or span is one EDTF string, ``"2024-11-15"`` or ``"2022-12/.."``.
When it keeps the free text it was read from, it is an object instead, with
the EDTF string and every text: the value's own (``text``) and, for a span,
its ends' (``start_text``, ``end_text``)::

    {"edtf": "2022-12/..", "text": "since December 2022", "start_text": "December 2022"}

A Decimal is a string in plain decimal notation (``"7.5"``, ``"8E+9"``) or
an integer; anything else, including ``" 7.5"`` or ``"NaN"``, is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

import attrs

from eventkit._time import PartialDate, TimeSpan, When, parse_edtf
from eventkit.exceptions import Problem, ValidationError

__all__ = ["date_from_wire", "date_to_wire", "decimal_from_wire"]

_DATE_KEYS: Final = frozenset({"edtf", "text", "start_text", "end_text"})
_DECIMAL: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_DATE_SHAPE: Final = (
    'expected an EDTF string such as "2024-11-15", or an object '
    '{"edtf": ..., "text": ...} keeping the original text'
)


def _invalid(message: str, value: Any, key: str) -> Problem:
    return Problem(loc=(key,), code="invalid_value", message=message, input=value)


def date_from_wire(value: Any) -> When:
    """Read a date or span from its wire form.

    Raises:
        ValidationError: the value is not a wire form of a date (its problems
            are located inside the value: ``edtf``, ``start_text``, …).

    Examples:
        >>> date_from_wire({"edtf": "2022-12/..", "start_text": "December 2022"}).start.text
        'December 2022'
    """
    if type(value) is str:
        return parse_edtf(value)
    if type(value) is not dict:
        raise ValidationError([Problem(code="invalid_type", message=_DATE_SHAPE, input=value)])
    _check_date_keys(value)
    try:
        when = parse_edtf(value["edtf"])
    except ValidationError as error:
        raise ValidationError([problem.at("edtf") for problem in error.problems]) from None
    texts = {key: value[key] for key in ("text", "start_text", "end_text") if key in value}
    return _with_texts(when, texts) if texts else when


def _check_date_keys(value: dict[str, Any]) -> None:
    problems = [
        Problem(loc=(key,), code="unknown_field", message="unknown key of a date", input=value[key])
        for key in sorted(value.keys() - _DATE_KEYS, key=str)
    ]
    if "edtf" not in value:
        problems.append(Problem(loc=("edtf",), code="missing", message="required field missing"))
    elif type(value["edtf"]) is not str:
        message = "expected an EDTF string such as 2024-11-15"
        problems.append(_invalid(message, value["edtf"], "edtf"))
    problems.extend(
        _invalid("expected a string", value[key], key)
        for key in ("text", "start_text", "end_text")
        if key in value and type(value[key]) is not str
    )
    if problems:
        raise ValidationError(problems)


def _with_texts(when: When, texts: dict[str, str]) -> When:
    """The date or span with the texts the wire form kept for it and its ends."""
    if isinstance(when, PartialDate):
        if "start_text" in texts or "end_text" in texts:
            key = "start_text" if "start_text" in texts else "end_text"
            message = "a single date has no start or end"
            raise ValidationError([_invalid(message, texts[key], key)])
        return attrs.evolve(when, text=texts.get("text"))
    ends = {"start_text": when.start, "end_text": when.end}
    for key, end in ends.items():
        if key in texts and end is None:
            message = f"the span has an open {key[:-5]}, which has no text"
            raise ValidationError([_invalid(message, texts[key], key)])
    made: dict[str, PartialDate | None] = dict(ends)
    for key, bound in ends.items():
        if key in texts and bound is not None:
            try:
                made[key] = attrs.evolve(bound, text=texts[key])
            except ValidationError as error:  # the end's text: at its own key, not at text
                raise ValidationError(
                    [attrs.evolve(p, loc=(key, *p.loc[1:])) for p in error.problems]
                ) from None
    return TimeSpan(start=made["start_text"], end=made["end_text"], text=texts.get("text"))


def date_to_wire(value: When) -> str | dict[str, str]:
    """Write a date or span in its wire form: EDTF, with every text it keeps.

    Examples:
        >>> date_to_wire(PartialDate(year=2024, month=11))
        '2024-11'
        >>> date_to_wire(TimeSpan(start=PartialDate(year=2022, month=12, text="December 2022")))
        {'edtf': '2022-12/..', 'start_text': 'December 2022'}
    """
    if type(value) is PartialDate:
        if value.text is None:
            return value.to_edtf()
        return {"edtf": value.to_edtf(), "text": value.text}
    start, end = value.start, value.end  # type: ignore[union-attr]
    start_text = None if start is None else start.text
    end_text = None if end is None else end.text
    if value.text is None and start_text is None and end_text is None:
        return value.to_edtf()
    out = {"edtf": value.to_edtf()}
    if value.text is not None:
        out["text"] = value.text
    if start_text is not None:
        out["start_text"] = start_text
    if end_text is not None:
        out["end_text"] = end_text
    return out


def decimal_from_wire(value: Any) -> Decimal:
    """Read an exact decimal amount: a plain decimal string or an integer.

    Raises:
        ValidationError: anything else, including floats (inexact) and
            strings with spaces, underscores or ``NaN``.

    Examples:
        >>> decimal_from_wire("8E+9"), decimal_from_wire(12)
        (Decimal('8E+9'), Decimal('12'))
    """
    if (type(value) is str and _DECIMAL.fullmatch(value)) or type(value) is int:
        return Decimal(value)
    message = 'expected an exact decimal amount as a string ("7.5") or an integer'
    raise ValidationError([Problem(code="invalid_value", message=message, input=value)])
