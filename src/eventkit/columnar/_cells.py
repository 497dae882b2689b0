"""What a cell of a table holds, made into the wire value of its field (reading).

Values not in the form eventkit writes pass through unchanged, so that
loading reports them where they are, as it reports a JSON value of the
wrong type. Two things cannot pass through, as nothing would be left to
report: a cell of JSON text that is not JSON, and a key given twice (in a
map column, or in JSON text), where a dict can keep only one value. Those
raise `Unreadable`, with every such problem of the cell at its path from
the cell.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs
import orjson

from eventkit._codegen import REFUSALS, Code, shape_function, told_apart
from eventkit._extras import need
from eventkit._fields import describe
from eventkit._json_keys import duplicate_keys, plain_json, repeated, repeated_key
from eventkit._json_numbers import (
    changed_numbers,
    may_hold_changed_numbers,
    may_write_changed_numbers,
    read_beyond_doubles,
)
from eventkit._serialize import to_dict
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
    non_null,
)
from eventkit._time import parse_edtf_cached
from eventkit._utf8 import encoded
from eventkit.columnar._schema import (
    DERIVED_PARTS,
    arrow,
    as_json,
    derived_parts,
    held_as,
    union_names,
)
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "BadEncoding",
    "DescribedField",
    "Unreadable",
    "column_holds",
    "date_wire",
    "described_field",
    "from_encoding",
    "json_cell",
    "number",
    "put_described",
    "put_lines",
    "read_alike",
    "year_differs",
]

_EXACT_FLOAT: Final = 2**53


class Unreadable(Exception):
    """A cell no wire value can be made of; ``problems`` have paths from the cell."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def json_cell(text: str) -> Any:
    """The value of a cell of JSON text.

    Raises:
        Unreadable: the text is not JSON (``invalid_json``), gives a key
            twice in one object (``duplicate_key``), or writes a number JSON
            readers cannot hold as written (``out_of_range``: an integer
            beyond 64 bits, a number beyond a double or nearer zero).

    Examples:
        >>> json_cell('{"a": [1, 2]}')
        {'a': [1, 2]}
        >>> try:
        ...     json_cell('{"a": 1, "a": 2}')
        ... except Unreadable as error:
        ...     [p.path for p in error.problems]
        ['$.a']
        >>> try:
        ...     json_cell('[1, 18446744073709551616, 1e999]')
        ... except Unreadable as error:
        ...     [(p.path, p.code) for p in error.problems]
        [('$[2]', 'out_of_range'), ('$[1]', 'out_of_range')]
    """
    beyond: list[Problem] = []
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        read = read_beyond_doubles(encoded(text))
        if read is None:
            message = f"a cell of JSON text that is not JSON: {error}"
            raise Unreadable([Problem(code="invalid_json", message=message, input=text)]) from None
        value, beyond = read
    problems = [*duplicate_keys(text, value), *beyond]
    # The data asked first: a cell holding no float a changed number becomes is not encoded.
    if may_hold_changed_numbers(value) and may_write_changed_numbers(raw := encoded(text)):
        problems.extend(changed_numbers(raw))
    if problems:
        raise Unreadable(problems)
    return value


def _converted(conv: Callable[[Any], Any], items: Iterable[tuple[str | int, Any]]) -> list[Any]:
    """``conv`` of each value; the problems of every one that cannot be read, at its key."""
    out: list[Any] = []
    problems: list[Problem] = []
    for key, value in items:
        try:
            out.append(conv(value))
        except Unreadable as error:
            problems.extend(p.at(key) for p in error.problems)
    if problems:
        raise Unreadable(problems)
    return out


def number(value: Any) -> Any:
    """A whole number read back as the int it was written as (counts must be ints)."""
    if type(value) is float and value.is_integer() and abs(value) <= _EXACT_FLOAT:
        if value == 0 and math.copysign(1, value) < 0:
            return value  # -0.0 stays a float
        return int(value)
    return value


def column_holds(shape: Shape, value: Any) -> bool:  # noqa: PLR0911 - one exit per kind
    """Whether a column of ``shape`` holds the JSON ``value`` (False when that is not sure).

    ``_exact`` keeps a value its column holds only with the column (a whole
    float's form): given there while that column is null, the two differ.
    Only numbers beyond what a column type holds exactly, and a union's
    value, are kept in ``_exact`` alone.

    Examples:
        >>> column_holds(Nullable(inner=Scalar(type=float)), 150.0)
        True
        >>> column_holds(Scalar(type=int), 2**63), column_holds(Scalar(type=float), 2**53 + 1)
        (False, False)
    """
    if isinstance(shape, Nullable):
        return value is None or column_holds(shape.inner, value)
    if isinstance(shape, Scalar):
        if shape.type is int:
            return type(value) is int and -(2**63) <= value < 2**63
        if shape.type is float:
            return type(value) is float or (type(value) is int and abs(value) <= _EXACT_FLOAT)
        return shape.type in (str, bool) and type(value) is shape.type
    if isinstance(shape, TupleOf):
        return type(value) is list and all(column_holds(shape.item, item) for item in value)
    if isinstance(shape, MappingOf):
        return type(value) is dict and all(column_holds(shape.value, v) for v in value.values())
    if isinstance(shape, Nested) and type(value) is dict and not as_json(shape.cls):
        fields = {field.key: field.shape for field in describe(shape.cls).fields}
        return all(key in fields and column_holds(fields[key], v) for key, v in value.items())
    return False  # a union's value, a date, a vocabulary's member: not told here


def read_alike(exact: Any, held: Any, shape: Shape | None = None) -> bool:
    """Whether the JSON value ``exact`` is ``held``, a cell read, but for its whole floats.

    A float column holds ``50.0`` as it holds ``50``, and reading gives a
    whole number back as an int; ``_exact`` keeps the form. ``shape``: the
    field's; then both are also compared as the values they load as, for
    a cell gives a nested value's fields at their defaults too (``[]``)
    and ``_exact`` leaves them out, as eventkit writes values.

    Examples:
        >>> read_alike({"lat": 50.0, "lon": 9.5}, {"lat": 50, "lon": 9.5})
        True
        >>> read_alike({"lat": 51.0}, {"lat": 50}), read_alike(True, 1), read_alike(1.0, True)
        (False, False, False)
        >>> import eventkit as ek
        >>> [sources] = [f.shape for f in describe(ek.Event).fields if f.key == "sources"]
        >>> held = [{"source": "dpa", "confidence": 1, "excerpt": None}]
        >>> read_alike([{"source": "dpa", "confidence": 1.0}], held, sources)
        True
    """
    if _json_alike(exact, held):
        return True
    if shape is None:
        return False
    load = shape_function(shape)
    try:
        return _json_alike(to_dict(load(exact)), to_dict(load(held)))
    except REFUSALS:  # not a value of the field: then they are not alike
        return False


def _json_alike(exact: Any, held: Any) -> bool:
    try:
        return orjson.dumps(plain_json(exact, leaf=number)) == orjson.dumps(held)  # True is not 1
    except orjson.JSONEncodeError:  # a cell of a value no JSON holds is not this one
        return False


def date_wire(value: Any) -> Any:
    """A date's cell (a struct of its parts) made into its wire value; `Unreadable` if they differ.

    Examples:
        >>> date_wire({"edtf": "2024-11", "text": None, "precision": "month"})
        '2024-11'
    """
    if not isinstance(value, dict):
        return value  # not what eventkit wrote: loading reports it
    differs = _derived_differ(value)
    if differs:
        raise Unreadable(differs)
    # The texts, and any child no part of a date is (loading reports it)
    given = {k: v for k, v in value.items() if k not in _READ_PARTS and v is not None}
    if not given:
        return value.get("edtf")
    return {"edtf": value.get("edtf"), **given}


_READ_PARTS: Final = frozenset({"edtf", *DERIVED_PARTS})
"""A date's parts not given to loading as they are: the EDTF, and the parts made from it."""


_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)


def _derived(edtf: Any) -> tuple[Any, ...] | None:
    """The derived parts of the date ``edtf``, then its ``year``; None if it is not a date.

    No date (``edtf`` None) derives nulls. Loading reports a date that is not one.
    """
    if edtf is None:
        return _NOTHING_DERIVED
    return _derived_of(edtf) if type(edtf) is str else None


_NOTHING_DERIVED: Final = (None,) * (len(DERIVED_PARTS) + 1)


@functools.lru_cache(maxsize=32_768)  # dates repeat, as in parse_edtf_cached
def _derived_of(edtf: str) -> tuple[Any, ...] | None:
    try:
        earliest, latest, precision = derived_parts(parse_edtf_cached(edtf))
    except ValidationError:
        return None
    first = earliest if earliest is not None else latest
    return earliest, latest, precision, None if first is None else _utc_year(first)


def _utc_year(micros: int) -> int:
    try:
        return (_EPOCH + micros * _MICROSECOND).year
    except OverflowError:  # past year 9999, which Arrow's calendar reaches and datetime's not
        pa, pc = arrow(), need("pyarrow.compute", "parquet")
        return int(pc.year(pa.scalar(micros, pa.timestamp("us", "UTC"))).as_py())


def _instant(value: Any) -> Any:
    """A derived instant as eventkit reads it, microseconds since 1970; datetimes made so."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return (value - _EPOCH) // _MICROSECOND
    return value


def _shown(part: str, value: Any) -> str:
    if part in ("earliest", "latest") and type(value) is int:
        try:
            return (_EPOCH + value * _MICROSECOND).isoformat()
        except OverflowError:
            return f"{value} µs since 1970"
    return repr(value)


def _differs(part: str, edtf: Any, given: Any, expected: Any) -> Problem:
    said = "no date" if edtf is None else f"the date {edtf!r}"
    message = (
        f"{_shown(part, expected)} is the {part} of {said}, not {_shown(part, given)}: this "
        "column is made from the date, and engines that read it would answer otherwise than "
        "eventkit, which reads the date"
    )
    return Problem(loc=(part,), code="derived_differs", message=message, input=given)


def _derived_differ(value: Mapping[str, Any]) -> list[Problem]:
    """Where a date's derived parts given (its columns) say other than its EDTF."""
    expected = _derived(value.get("edtf"))
    if expected is None:
        return []
    earliest, latest, precision, _ = expected
    if (
        value.get("earliest", earliest) == earliest  # a part not given is not compared
        and value.get("latest", latest) == latest
        and value.get("precision", precision) == precision
    ):
        return []
    return [
        _differs(part, value.get("edtf"), value[part], wanted)
        for part, wanted in zip(DERIVED_PARTS, expected, strict=False)
        if part in value and _instant(value[part]) != wanted
    ]


def year_differs(edtf: Any, year: Any) -> Problem | None:
    """A problem if ``year``, a partition's, is not the UTC year of the date ``edtf`` begins.

    Writing partitions events and statements by the year of ``when_earliest``
    (of ``when_latest`` when the start is open).

    Examples:
        >>> year_differs("2024-11-15", 2024) is None
        True
        >>> year_differs("2024-11-15", 2023).code
        'derived_differs'
        >>> year_differs("9999-12-31T20:00-05:00", 10000) is None  # in UTC, past datetime's years
        True
    """
    expected = _derived(edtf)
    if expected is None or year == expected[-1]:
        return None
    return _differs("year", edtf, year, expected[-1])


def _from_json(value: Any) -> Any:
    return json_cell(value) if isinstance(value, str) else value


def _pairs(value: list[Any]) -> list[tuple[Any, Any]] | None:
    """A map cell's (key, value) pairs, or None if it holds something else.

    pyarrow gives (key, value) tuples, pandas frames [key, value] lists, Polars
    ``{"key": …, "value": …}`` structs.
    """
    pairs = []
    for pair in value:
        if isinstance(pair, dict) and pair.keys() == _PAIR:
            key, item = pair["key"], pair["value"]
        elif type(pair) in (tuple, list) and len(pair) == 2:
            key, item = pair
        else:
            return None
        if type(key) not in _KEYS:
            return None
        pairs.append((key, item))
    return pairs


_PAIR: Final = frozenset({"key", "value"})

_KEYS: Final = frozenset({str, int, float, bool, bytes})
"""Types a key of a map column is read as (loading reports those not strings)."""


def _mapping(mapped: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def mapping(value: Any) -> Any:
        if isinstance(value, dict):
            value = list(value.items())
        if not isinstance(value, list):
            return value
        if not value:
            return {}
        pairs = _pairs(value)
        if pairs is None:
            return value
        keys = [key for key, _ in pairs]
        try:
            values = [mapped(v) for _, v in pairs]
        except Unreadable:
            values = _converted(mapped, pairs)
        out = dict(zip(keys, values, strict=True))
        if len(out) < len(pairs):
            twice = repeated(zip(keys, values, strict=True))
            raise Unreadable([repeated_key((key,), items) for key, items in twice.items()])
        return out

    return mapping


def _items(item: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if item is unchanged:  # a list of wire values is one
        return unchanged

    def items(value: Any) -> Any:
        if not isinstance(value, list):
            return value
        try:
            return [item(x) for x in value]
        except Unreadable:
            return _converted(item, enumerate(value))

    return items


def _nested(cls: type) -> Callable[[Any], Any]:
    """A struct cell of ``cls``'s fields made into its wire value, by a generated function."""
    parts = [(f.key, f.shape, f.default) for f in describe(cls).fields]
    keys = frozenset(key for key, _, _ in parts)
    code = Code()
    code.add(0, "def nested(value):", "    if not isinstance(value, dict):", "        return value")
    code.add(1, "wire = {}", "problems = []")
    for key, shape, default in parts:
        if default is None:  # a null cell is left out, as an absent one
            code.add(1, f"v = value.get({key!r})")
        else:
            code.add(1, f"if {key!r} in value:", f"    v = value[{key!r}]")
        put_lines(code, 1 + (default is not None), key, shape, default)
    known = code.name(keys, "KEYS")
    code.add(1, f"if not value.keys() <= {known}:  # a child no field holds: loading reports it")
    code.add(
        2, f"wire.update((k, v) for k, v in value.items() if k not in {known} and v is not None)"
    )
    code.add(1, "if problems:", f"    raise {code.name(Unreadable, 'Unreadable')}(problems)")
    code.add(1, "return wire")
    function: Callable[[Any], Any] = code.compile("nested", f"cells of {cls.__qualname__}")
    return function


def put_lines(code: Code, indent: int, key: str, shape: Shape, default: Any) -> None:
    """Generated lines adding to ``wire`` the field ``key`` made of the cell ``v`` of ``shape``.

    The generated function names the wire dict ``wire`` and the list of
    problems ``problems``. The cell is made the field's wire value by
    `from_column`; a cell it cannot read adds its problems, at ``key``, to
    ``problems``. A field whose value read back is its default (`left_out`)
    is not added. Every conversion keeps None, so a null cell of a field
    whose default is None is skipped before it, and is otherwise made by the
    conversion of what the shape holds when not null.

    Examples:
        >>> code = Code()
        >>> code.add(0, "def read(v):", "    wire, problems = {}, []")
        >>> put_lines(code, 1, "tags", TupleOf(item=Scalar(type=str)), ())
        >>> code.add(1, "return wire, problems")
        >>> read = code.compile("read", "an example")
        >>> read(["a"]), read(None)
        (({'tags': ['a']}, []), ({'tags': None}, []))
    """
    if default is None:
        code.add(indent, "if v is not None:")
        indent += 1
        shape = non_null(shape)
    conv = from_column(shape)
    if conv is not unchanged:
        code.add(indent, "try:", f"    v = {code.name(conv, 'conv')}(v)")
        code.add(indent, f"except {code.name(Unreadable, 'Unreadable')} as error:")
        code.add(indent + 1, f"problems.extend(p.at({key!r}) for p in error.problems)")
        code.add(indent, "else:")
        indent += 1
    left_out_when_empty = default is not None and left_out({}, default)  # any other is kept
    if default is None and conv is not unchanged:  # a conversion may read None
        code.add(indent, "if v is not None:")
        indent += 1
    elif left_out_when_empty:
        code.add(indent, f"if not {code.name(left_out, 'left_out')}(v, {code.name(default, 'd')}):")
        indent += 1
    code.add(indent, f"wire[{key!r}] = v")


def _union(shape: UnionOf) -> Callable[[Any], Any]:
    """A union's struct: one child per member, the value in the one not null (`_members`)."""
    names = union_names(shape)
    return _members(
        [
            (name, from_column(m), told_apart(m, shape.members[:i]))
            for i, (name, m) in enumerate(zip(names, shape.members, strict=True))
        ]
    )


_Member = tuple[str, Callable[[Any], Any], tuple[tuple[frozenset[str], str, Any], ...]]
"""A union member's child name, the reading of its cell, and how it is told apart (`told_apart`)."""


def _members(members: list[_Member]) -> Callable[[Any], Any]:
    """The reading of a union's struct of ``members``: the value in the one child not null.

    A struct holding two members, or a child no member is, cannot be read
    as one value without dropping the rest: it is `Unreadable`.
    """
    names = [name for name, _, _ in members]
    known = frozenset(names)

    def union(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        problems = [
            Problem(
                loc=(key,),
                code="unknown_field",
                message=f"not a member of this union ({', '.join(names)})",
                input=held,
            )
            for key, held in value.items()
            if key not in known and held is not None
        ]
        given = [member for member in members if value.get(member[0]) is not None]
        if len(given) > 1:
            message = (
                f"a union holds one of its members, not {len(given)} "
                f"({', '.join(name for name, _, _ in given)}): which was meant cannot be known, "
                "so none is read"
            )
            problems.append(Problem(code="invalid_value", message=message, input=value))
        if problems:
            raise Unreadable(problems)
        if not given:
            return None
        name, conv, apart = given[0]
        wire = conv(value[name])
        for keys, key, empty in apart:  # as written in JSON: read as this member, not an earlier
            if isinstance(wire, dict) and wire.keys() <= keys:
                wire[key] = copy.copy(empty)
        return wire

    return union


@functools.cache
def from_column(shape: Shape) -> Callable[[Any], Any]:  # noqa: PLR0911 - one exit per kind
    """The function making what a column of ``shape`` holds into the field's wire value.

    The function raises `Unreadable` for what loading could not report.

    Examples:
        >>> from eventkit._shapes import MappingOf, Scalar
        >>> read = from_column(MappingOf(value=Scalar(type=str)))
        >>> read([("wikidata", "Q61053")])
        {'wikidata': 'Q61053'}
        >>> try:
        ...     read([("wikidata", "Q1"), ("wikidata", "Q2")])
        ... except Unreadable as error:
        ...     [p.code for p in error.problems]
        ['duplicate_key']
    """
    if isinstance(shape, Scalar) and shape.type is float:
        return number
    if isinstance(shape, Vocabulary):
        return unchanged if held_as(shape) else _from_json
    if isinstance(shape, Scalar):
        return unchanged
    if isinstance(shape, Dates):
        return date_wire
    if isinstance(shape, Nullable):
        inner = from_column(shape.inner)
        return lambda value: None if value is None else inner(value)
    if isinstance(shape, TupleOf):
        return _items(from_column(shape.item))
    if isinstance(shape, MappingOf):
        return _mapping(from_column(shape.value))
    if isinstance(shape, Nested):
        return _from_json if as_json(shape.cls) else _nested(shape.cls)
    if isinstance(shape, UnionOf):
        return _union(shape)
    return unchanged  # pragma: no cover - shapes are only the kinds above


def unchanged(value: Any) -> Any:
    """What `from_column` gives for a column whose values are the wire values already.

    Examples:
        >>> from eventkit._shapes import Scalar
        >>> from_column(Scalar(type=str)) is unchanged
        True
    """
    return value


class BadEncoding(Exception):
    """An encoding (`eventkit.columnar._schema.encoding`) that is not one eventkit writes."""


def from_encoding(enc: Any) -> Callable[[Any], Any]:
    """The reading of a cell held as ``enc`` says, as `from_column` reads it by its shape.

    For a field whose class is not registered here: the table's metadata
    gives its `encoding`, written from the shape.

    Raises:
        BadEncoding: ``enc`` is not an encoding eventkit writes.

    Examples:
        >>> read = from_encoding({"union": [["by_road", "plain", []], ["text", "json", []]]})
        >>> read({"by_road": None, "text": '"a"'})
        'a'
        >>> read = from_encoding({"struct": [["n", "number"], ["x", "plain", None]]})
        >>> read({"n": 2.0, "x": None})
        {'n': 2}
    """
    if isinstance(enc, str) and enc in _READINGS:
        return _READINGS[enc]
    if not isinstance(enc, dict) or len(enc) != 1:
        raise BadEncoding(enc)
    ((kind, inner),) = enc.items()
    if kind == "list":
        return _items(from_encoding(inner))
    if kind == "map":
        return _mapping(from_encoding(inner))
    if kind == "struct" and isinstance(inner, list):
        return _described([described_field(child) for child in inner])
    if kind == "union" and isinstance(inner, list):
        return _members([_member(member) for member in inner])
    raise BadEncoding(enc)


_READINGS: Final[dict[str, Callable[[Any], Any]]] = {
    "plain": unchanged,
    "number": number,
    "json": _from_json,
    "date": date_wire,
}

DescribedField = tuple[str, Callable[[Any], Any], Any]
"""A field as a column holds it: its key, the reading of its cell, its default as written."""


def described_field(given: Any) -> DescribedField:
    """A field's key, the reading of its cell and its default, from `field_encoding`'s list.

    The default is `attrs.NOTHING` where none is given.

    Raises:
        BadEncoding: ``given`` is not one eventkit writes.
    """
    if not (isinstance(given, list) and len(given) in (2, 3) and type(given[0]) is str):
        raise BadEncoding(given)
    key, enc, *default = given
    return key, from_encoding(enc), default[0] if default else attrs.NOTHING


def _member(given: Any) -> _Member:
    if not (isinstance(given, list) and len(given) == 3 and type(given[0]) is str):
        raise BadEncoding(given)
    name, enc, apart = given
    if not isinstance(apart, list) or not all(
        isinstance(a, list)
        and len(a) == 3
        and isinstance(a[0], list)
        and all(type(k) is str for k in a[0])
        and type(a[1]) is str
        for a in apart
    ):
        raise BadEncoding(given)
    return name, from_encoding(enc), tuple((frozenset(k), key, e) for k, key, e in apart)


def put_described(wire: dict[str, Any], field: DescribedField, cell: Any) -> None:
    """Add to ``wire`` the ``field`` read from ``cell``, unless it is the field's default.

    As JSON leaves a default out, and as `put_lines` leaves out a null
    where None is the default: loading gives the field its default.

    Raises:
        Unreadable: the cell cannot be read, with its problems at the field's key.
    """
    key, conv, default = field
    if cell is None and default is None:
        return
    try:
        value = conv(cell)
    except Unreadable as error:
        raise Unreadable([p.at(key) for p in error.problems]) from None
    if default is attrs.NOTHING or not _is_default(value, default):
        wire[key] = value


def _is_default(value: Any, default: Any) -> bool:
    """Whether ``value`` is ``default``, both JSON (``true`` is not ``1``)."""
    if value != default:
        return False
    try:
        return orjson.dumps(value) == orjson.dumps(default)
    except (orjson.JSONEncodeError, TypeError):  # a cell of a value no JSON holds is not one
        return False


def _described(children: list[DescribedField]) -> Callable[[Any], Any]:
    """The reading of a struct of ``children``, as `_nested` reads a class's (but its defaults)."""
    keys = frozenset(key for key, _, _ in children)

    def nested(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        wire: dict[str, Any] = {}
        problems: list[Problem] = []
        for child in children:
            if child[0] in value:
                try:
                    put_described(wire, child, value[child[0]])
                except Unreadable as error:
                    problems.extend(error.problems)
        # a child no field holds: loading reports it
        wire.update((k, v) for k, v in value.items() if k not in keys and v is not None)
        if problems:
            raise Unreadable(problems)
        return wire

    return nested


def left_out(value: Any, default: Any) -> bool:
    """Whether a field's wire value read back is its default as JSON leaves it out.

    None where None is the default, an empty mapping where an empty one is.
    Left out of the data loaded, the field takes its default, as when loading
    JSON: one shared empty mapping, not one per record, and equal
    participants and citations are one shared object.

    Examples:
        >>> left_out({}, {}), left_out(None, None), left_out("", None)
        (True, True, False)
    """
    if default is None:
        return value is None
    return type(value) is dict and not value and isinstance(default, dict) and not default
