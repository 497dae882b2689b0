"""How to put a problem right: the hint a person, or a model asked to retry, can act on.

Each hint is derived from the field descriptions, never kept beside them: the
nearest field name of a class, the nearest member of a vocabulary, the
nearest existing id, and for a value of the wrong shape a minimal valid
example of the shape expected. Hints are written in the form the input was
in: in JSON for data (``"title"``, ``{"actor": "olaf-scholz"}``), in Python
for a constructor's arguments (``ek.Participant(actor='olaf-scholz')``,
``ek.parse_edtf('2024-11-15')``). They are computed for bad input only.
"""

from __future__ import annotations

import difflib
import enum
import json
import math
import re
from collections.abc import Callable, Collection, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

import orjson

from eventkit._fields import describe
from eventkit._parse_when import parse_when
from eventkit._shapes import (
    JSON_LIMITS,
    Dates,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    non_null,
    scalar_problem,
)
from eventkit._time import PartialDate, TimeSpan, edtf_shaped, parse_edtf
from eventkit.exceptions import ValidationError

__all__ = [
    "IdHints",
    "date_hint",
    "did_you_mean",
    "field_hint",
    "id_hint",
    "python_hint",
    "shape_hint",
    "vocabulary_hint",
    "whole_number",
]

_CUTOFF: Final = 0.7  # closer than difflib's default (0.6), which offers "unit" for "amount"
_MOST_IDS: Final = 10_000  # beyond this many, looking for a near id costs too much per problem
_MOST_ID_HINTS: Final = 100  # per check: a file with thousands of dangling ids gets no more
_WORD_BREAKS: Final = re.compile(r"[\s\-]+")
_ID_PARTS: Final = re.compile(r"[-_.:/]")
_INTEGER: Final = re.compile(r"-?[0-9]+")
_DEPTH: Final = 3  # how deep an example goes into nested objects
_JSON_SCALARS: Final = (str, int, float, bool)  # not Decimal: its wire form is a string
_EXACT: Final = 2**53  # a float holds every integer below this in size, not all above


def _json(value: Any) -> str:
    r"""``value`` as JSON text; a lone surrogate of Python data escaped as JSON escapes it.

    Examples:
        >>> _json({"text": "a\udcff"})
        '{"text":"a\\udcff"}'
    """
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson writes no lone surrogate; the standard library escapes it
        return json.dumps(value, separators=(",", ":"))


def did_you_mean(choice: str) -> str:
    """The hint for a likely meant ``choice``, in JSON: ``did you mean "name"?``."""
    return f"did you mean {_json(choice)}?"


def field_hint(cls: type, key: object) -> str | None:
    """The field of ``cls`` that the unknown ``key`` most likely means, if one is close.

    Examples:
        >>> import eventkit as ek
        >>> field_hint(ek.Actor, "nme")
        'did you mean "name"?'
        >>> field_hint(ek.Quantity, "amount") is None
        True
    """
    if not isinstance(key, str):
        return None
    keys = [field.key for field in describe(cls).fields]
    close = difflib.get_close_matches(key.lower(), keys, n=1, cutoff=_CUTOFF)
    return did_you_mean(close[0]) if close else None


def vocabulary_hint(vocabulary: type[enum.Enum], value: object) -> str | None:
    """The member of ``vocabulary`` that ``value`` most likely means, if one is close.

    Examples:
        >>> import eventkit as ek
        >>> vocabulary_hint(ek.SourceKind, "News Agency")
        'did you mean "news_agency"?'
        >>> vocabulary_hint(ek.ParticipantRole, "victm")
        'did you mean "victim"?'
        >>> vocabulary_hint(ek.ParticipantRole, "caller") is None
        True
        >>> import enum
        >>> vocabulary_hint(enum.IntEnum("Round", {"FIRST": 1, "RUNOFF": 2}), "2")
        'write 2 without quotes'
    """
    if isinstance(value, vocabulary):  # only a Flag's combination of members is no member
        name = vocabulary.__name__
        return f"a field holds one {name} member; for several, use tuple[{name}, ...]"
    if not isinstance(value, str):
        return None
    unquoted = _member_written(vocabulary, value)
    if unquoted is not None:
        return f"write {unquoted} without quotes"
    members = [member.value for member in vocabulary if isinstance(member.value, str)]
    snake = _WORD_BREAKS.sub("_", value.strip()).lower()
    if snake in members:
        return did_you_mean(snake)
    close = difflib.get_close_matches(snake, members, n=1, cutoff=_CUTOFF)
    return did_you_mean(close[0]) if close else None


def _member_written(vocabulary: type[enum.Enum], text: str) -> str | None:
    """The JSON of the member of ``vocabulary`` that is not text and ``text`` quotes ("2" for 2).

    Examples:
        >>> import enum
        >>> _member_written(enum.IntEnum("Round", {"FIRST": 1, "RUNOFF": 2}), "2")
        '2'
    """
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    kind = type(value)
    if kind is str or not any(type(m.value) is kind and m.value == value for m in vocabulary):
        return None
    return orjson.dumps(value).decode()


def id_hint(target: object, ids: Collection[str]) -> str | None:
    """The existing id that the dangling ``target`` most likely means, if one is close.

    An id whose words include all of ``target``'s is taken first (``putin``
    for ``vladimir-putin``); then the closest by spelling. Nothing is
    suggested among more than 10,000 ids.

    Examples:
        >>> id_hint("putin", ["vladimir-putin", "olaf-scholz"])
        'did you mean "vladimir-putin"?'
        >>> id_hint("olaf-scholtz", ["vladimir-putin", "olaf-scholz"])
        'did you mean "olaf-scholz"?'
    """
    if not isinstance(target, str) or not ids or len(ids) > _MOST_IDS:
        return None
    words = set(_ID_PARTS.split(target.lower()))
    containing = sorted(i for i in ids if words <= set(_ID_PARTS.split(i.lower())))
    if len(containing) == 1:
        return did_you_mean(containing[0])
    close = difflib.get_close_matches(target, containing or list(ids), n=1, cutoff=_CUTOFF)
    return did_you_mean(close[0]) if close else None


class IdHints:
    """`id_hint` among the ids of the kinds a reference may name, for a check's first 100.

    ``ids`` maps each id to what ``kind`` turns into its record kind bits.

    Examples:
        >>> hints = IdHints({"vladimir-putin": 1, "putin-call": 4}, kind=int)
        >>> hints("putin", expected=1)
        'did you mean "vladimir-putin"?'
    """

    def __init__(self, ids: Mapping[str, Any], kind: Callable[[Any], int]) -> None:
        self._ids = ids
        self._kind = kind
        self._left = _MOST_ID_HINTS if len(ids) <= _MOST_IDS else 0

    def __call__(self, target: object, expected: int) -> str | None:
        """The hint for ``target``, naming a record of a kind in ``expected``."""
        if self._left <= 0:
            return None
        self._left -= 1
        kind = self._kind
        return id_hint(target, [i for i, value in self._ids.items() if kind(value) & expected])


def date_hint(value: object, *, spans: bool = True) -> str | None:
    """How to write the date ``value`` (not EDTF) tried to give: parsed, if `parse_when` can.

    ``spans``: whether the field takes a span too (else the example shows none).

    None for text with digits that `parse_when` cannot read either (a date
    that does not exist, such as 2024-11-31): no example would be right.

    Examples:
        >>> date_hint("15 November 2024")
        'write {"edtf":"2024-11-15","text":"15 November 2024"}: the date in EDTF, the words as text'
        >>> date_hint("last Friday")
        'write the date in EDTF, e.g. {"edtf":"2024-11-15","text":"last Friday"}'
        >>> date_hint("2024-11-31") is None
        True
    """
    if not isinstance(value, str):
        if not spans:  # the field holds one date
            return 'write a date as a string, e.g. "2024-11-15" or "2024-11"'
        return 'write a date as a string, e.g. "2024-11-15", "2024-11" or "2024-11-15/2024-11-18"'
    if edtf_shaped(value):
        return None  # EDTF with impossible values: the reading is not in doubt, the values are
    try:
        when = parse_when(value)
    except ValidationError:
        if any(char.isdigit() for char in value):
            return None
        return f"write the date in EDTF, e.g. {_json({'edtf': '2024-11-15', 'text': value})}"
    written = {"edtf": when.to_edtf(), "text": value}
    return f"write {_json(written)}: the date in EDTF, the words as text"


def shape_hint(shape: Shape, value: object) -> str | None:
    """What to write instead of ``value``, which does not have ``shape``.

    Examples:
        >>> import eventkit as ek
        >>> from eventkit._shapes import shape_of
        >>> shape_hint(shape_of(ek.Participant), "olaf-scholz")
        'write an object, e.g. {"actor":"olaf-scholz"}'
        >>> shape_hint(shape_of(tuple[str, ...]), None)
        'write [] or leave the field out'
        >>> shape_hint(shape_of(int), 3.0)
        'write 3'
    """
    inner = non_null(shape)
    if value is None and isinstance(inner, TupleOf | MappingOf):
        return f"write {'[]' if isinstance(inner, TupleOf) else '{}'} or leave the field out"
    if isinstance(inner, Scalar):
        return _scalar_hint(inner, value)
    if isinstance(inner, Nested) and not isinstance(value, dict):
        made = example(inner.cls, _number_written(value))
        return f"write an object, e.g. {_json(made)}" if made else None
    if isinstance(inner, TupleOf) and not isinstance(value, list):
        return f"write a list, e.g. {_json([example_of(inner.item, value)])}"
    if isinstance(inner, Dates) and not isinstance(value, str | dict):
        return date_hint(value, spans=TimeSpan in inner.classes)
    return None


def python_hint(shape: Shape, value: object) -> str | None:
    """What to pass instead of ``value``, given in Python to a constructor, for ``shape``.

    The constructor takes Python values, not their JSON form: a date is a
    `PartialDate` or `TimeSpan`, an object an instance of its class. Where
    no Python form applies, the JSON hint (`shape_hint`).

    Examples:
        >>> import eventkit as ek
        >>> from eventkit._shapes import shape_of
        >>> python_hint(shape_of(ek.When | None), "2024-11-15")
        "pass ek.parse_edtf('2024-11-15')"
        >>> python_hint(shape_of(ek.When), "15 November 2024")
        "pass ek.parse_when('15 November 2024')"
        >>> python_hint(shape_of(ek.Role), "governor")
        "pass ek.Role(title='governor')"
        >>> python_hint(shape_of(ek.Place), {"name": "Odesa"})
        'pass ek.Place(**value) for the object given as a dict'
        >>> python_hint(shape_of(ek.Quantity | ek.Money), {"amount": "5", "currency": "EUR"})
        'pass ek.Money(**value) for the object given as a dict'
    """
    inner = non_null(shape)
    if isinstance(inner, Dates):
        return _python_date_hint(inner, value)
    if isinstance(inner, UnionOf) and isinstance(value, dict):
        classes = [m.cls for m in map(non_null, inner.members) if isinstance(m, Nested)]
        fitting = [cls for cls in classes if _fits(cls, value)]
        if fitting:
            calls = " or ".join(f"{_class_name(cls)}(**value)" for cls in fitting)
            return f"pass {calls} for the object given as a dict"
    if isinstance(inner, Nested):
        if isinstance(value, dict):
            return f"pass {_class_name(inner.cls)}(**value) for the object given as a dict"
        call = _python_call(inner.cls, example(inner.cls, value))
        if call is not None:
            return f"pass {call}"
    return shape_hint(shape, value)


def _python_date_hint(shape: Dates, value: object) -> str | None:
    """What to pass for a date (see `python_hint`): parsed text, a datetime made a date, an end."""
    if isinstance(value, str):
        for reader in (parse_edtf, parse_when):
            try:
                reader(value)
            except ValidationError:
                continue
            return f"pass ek.{reader.__name__}({value!r})"
        return None
    if isinstance(value, date) and PartialDate in shape.classes:  # a datetime too
        return "pass ek.PartialDate.from_datetime(value)"
    if isinstance(value, TimeSpan):
        return "this field holds one date, not a span: pass value.start or value.end"
    if isinstance(value, PartialDate):
        return "this field holds a span: pass ek.TimeSpan(start=..., end=...)"
    return shape_hint(shape, value)


def _fits(cls: type, value: Mapping[str, Any]) -> bool:
    """Whether ``value``'s keys are fields of ``cls``, its required ones among them."""
    fields = describe(cls).fields
    return value.keys() <= {f.key for f in fields} and all(
        f.key in value for f in fields if f.required
    )


def _class_name(cls: type) -> str:
    return f"ek.{cls.__name__}" if cls.__module__.startswith("eventkit.") else cls.__name__


def _python_call(cls: type, sample: dict[str, Any]) -> str | None:
    """``sample`` (an `example` of ``cls``) as a constructor call; None if a value has none."""
    arguments = []
    for field in describe(cls).fields:
        if field.key not in sample:
            continue
        item = sample[field.key]
        inner = non_null(field.shape)
        if isinstance(inner, Nested) and isinstance(item, dict):
            written = _python_call(inner.cls, item)
            if written is None:
                return None
        elif type(item) in _JSON_SCALARS and isinstance(inner, Scalar):
            written = repr(item)
        else:
            return None
        arguments.append(f"{field.key}={written}")
    return f"{_class_name(cls)}({', '.join(arguments)})"


def whole_number(value: float) -> int | None:
    """The integer that ``value``, a float with no fraction, surely stands for; else None.

    Not beyond 2**53: there a float no longer holds every integer
    (12345678901234567 is read as 12345678901234568.0), so which one was
    written is unknown.

    Examples:
        >>> whole_number(12.0), whole_number(12.5), whole_number(1.2345678901234568e16)
        (12, None, None)
    """
    if value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return None


def _scalar_hint(shape: Scalar, value: object) -> str | None:
    kind = shape.type
    if kind is int and type(value) is float:
        number = whole_number(value)  # an integer its checks refuse is no hint (-3 for a count)
        return f"write {number}" if number is not None and _holds(shape, number, 0) else None
    if kind is Decimal and type(value) is str:
        return _decimal_hint(value)
    if kind in (int, float) and isinstance(value, str):
        try:
            number = orjson.loads(value)
        except orjson.JSONDecodeError:
            return None
        return f"write {value} without quotes" if type(number) in (int, float) else None
    if kind is str and type(value) in (int, float) and scalar_problem(value) is None:
        return f"write {_json(str(value))} if it is text"
    return None


def _decimal_hint(text: str) -> str | None:
    """The plain form of a decimal that Python reads in ``text`` ("1_000", " 1"), if finite.

    An integer JSON can write is written bare (``write 1000``), any other
    decimal as the string that data gives it in (``write "0.5"``).
    """
    try:
        number = Decimal(text)
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    written = str(number)
    low, high = JSON_LIMITS.integers
    if _INTEGER.fullmatch(written) and low <= number <= high:
        return f"write {written}"
    return f"write {_json(written)}"


def example(cls: type, given: object = None, depth: int = _DEPTH) -> dict[str, Any]:
    """A minimal valid object of ``cls``: its required fields, ``given`` in the first that takes it.

    Else the first field that can hold ``given`` (see `_holds`).
    Placeholders stand for the other values.

    Examples:
        >>> import eventkit as ek
        >>> example(ek.Quantity, 3)
        {'value': 3}
        >>> example(ek.Casualties, 3)
        {'killed': {'value': 3}}
    """
    fields = describe(cls).fields
    required = [field for field in fields if field.required]
    out: dict[str, Any] = {}
    placed = given is None
    for field in required:
        if not placed and _holds(field.shape, given, depth):
            out[field.key] = example_of(field.shape, given, depth)
            placed = True
        else:
            out[field.key] = example_of(field.shape, None, depth)
    if not placed and not _counted(given):  # see _holds
        for field in fields:
            if field.key not in out and _holds(field.shape, given, depth):
                out[field.key] = example_of(field.shape, given, depth)
                break
    return out


def _counted(value: object) -> bool:
    """Whether ``value`` is a text with a digit in it (see `_holds`)."""
    return type(value) is str and any(char.isdigit() for char in value)


def _number_written(value: object) -> object:
    """``value``, or the number a text of a number gives (``"3"``: 3), for an example to carry."""
    if type(value) is not str:
        return value
    for kind in (int, float):
        try:
            number = kind(value)
        except ValueError:
            continue
        return number if kind is int or math.isfinite(number) else value  # int: no isfinite
    return value


def _holds(shape: Shape, given: object, depth: int) -> bool:
    """Whether an example of ``shape`` can carry ``given``: JSON must hold it, its checks take it.

    A text with a number in it is carried only by a field that must be
    given: an optional text (a quantity's ``unit``) is not what ``"3
    killed"`` meant, as a place's ``name`` is what ``"Kyiv"`` meant.
    """
    inner = non_null(shape)
    if isinstance(inner, Scalar):
        number = type(given) is int or (type(given) is float and inner.type is not int)
        fits = type(given) is inner.type or (inner.type in (float, Decimal) and number)
        return (
            fits
            and type(given) in _JSON_SCALARS
            and scalar_problem(given) is None
            and all(not check(given) for check in inner.checks)
        )
    if isinstance(inner, Nested) and depth > 0:
        fields = describe(inner.cls).fields
        return any(
            _holds(f.shape, given, depth - 1) for f in fields if f.required or not _counted(given)
        )
    if isinstance(inner, UnionOf):
        return any(_holds(member, given, depth) for member in inner.members)
    return False


def example_of(shape: Shape, given: object = None, depth: int = _DEPTH) -> Any:  # noqa: PLR0911 - one exit per shape
    """A placeholder value of ``shape``, carrying ``given`` where it fits."""
    if isinstance(shape, Nullable):
        return example_of(shape.inner, given, depth)
    if isinstance(shape, Scalar):
        if given is not None and _holds(shape, given, depth):
            return given
        return {str: "...", int: 0, float: 0.0, bool: False}.get(shape.type, "0")
    if isinstance(shape, Vocabulary):
        return str(next(iter(shape.enum)).value)
    if isinstance(shape, Dates):
        return "2024-11-15"
    if isinstance(shape, Nested):
        return example(shape.cls, given, depth - 1) if depth > 0 else {}
    if isinstance(shape, UnionOf):
        fitting = [m for m in shape.members if given is not None and _holds(m, given, depth)]
        return example_of((fitting or list(shape.members))[0], given, depth)
    if isinstance(shape, TupleOf):
        return []
    return {}
