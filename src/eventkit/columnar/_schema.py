"""The Arrow schema of eventkit data, derived from the field spec.

One table per kind of record (``actors``, ``sources``, ``events``,
``statements``, ``provenances``, plus ``unknown`` for records kept
verbatim), each with a ``type`` column (the record's tag) and one column per
field of every registered class of that kind: a custom event type's own
fields are columns of ``events``, null in the rows of other types. Every
column comes from `eventkit._fields.describe`: nothing here lists fields.

How each shape is held:

=============  ==========================================================
shape          column
=============  ==========================================================
str, Literal   ``string``
int            ``int64`` (a value outside it is kept exactly in ``_exact``)
float          ``double``; whole numbers are read back as ints (counts must
               be ints; an int beyond 2**53 is kept exactly in ``_exact``,
               a whole float such as ``50.0`` there too, beside its column)
bool           ``bool``
Decimal        ``string``, the exact decimal (``CAST(amount AS DECIMAL)``)
Enum           the member's value: ``string``, ``int64`` or ``bool`` when
               every value is of that type, else its JSON text (``string``)
a date         ``struct<edtf, text, start_text, end_text, earliest,
               latest, precision>``; at the top of a table flattened to
               ``when_edtf``, ``when_earliest``, … so engines filter on
               ``when_earliest`` without struct access
attrs class    ``struct`` of its fields (and of its subclasses' in a
               column they share: null in its values)
X | None       X, nullable
tuple[X, ...]  ``list<X>``
Mapping        ``map<string, X>``
X | Y          ``struct`` with one child per member, one of them set
=============  ==========================================================

``earliest`` and ``latest`` are UTC instants (``timestamp[us, UTC]``), the
first and last microsecond of the period, so they sort and filter
correctly whatever the precision: "2022-12" is 2022-12-01T00:00 to
2022-12-31T23:59:59.999999. An open end of a span is null. ``precision``
is ``year`` … ``second`` (for a span, its coarser end's).

``_exact`` (a JSON object, usually null) keeps the wire form of a field
whose value no column type holds exactly, so nothing is lost: its column
is then null, or, for a value holding a whole float (`whole_floats`),
holds the same value, so that engines see the number.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from eventkit import _registry
from eventkit._codegen import told_apart, written_default
from eventkit._extras import need
from eventkit._fields import Field, describe
from eventkit._index import instants
from eventkit._records import Actor, Event, Provenance, Record, Source, Statement
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
    narrows,
    non_null,
    parts,
)
from eventkit._time import PartialDate, TimeSpan
from eventkit._wire import date_to_wire

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "DERIVED_PARTS",
    "EXACT",
    "FIELDS",
    "KINDS",
    "LINKS",
    "RESERVED",
    "Build",
    "Column",
    "Layout",
    "Link",
    "arrow",
    "as_json",
    "derived_parts",
    "encoding",
    "field_encoding",
    "held_as",
    "layout",
    "renamed",
    "to_array",
    "union_names",
    "whole_floats",
    "whole_number_rows",
]

EXACT: Final = "_exact"
"""The column keeping, as JSON, fields no column type holds exactly."""

FIELDS: Final = b"eventkit.fields"
"""The key of a record table's schema metadata saying how each type's own columns hold its fields.

Its value is a JSON object: for each tag, each column of the type's own
fields (those not in the base class's columns) as `field_encoding` gives it,
so that a program where the type is not registered reads the row as the
record's JSON, as one where it is.
"""

KINDS: Final[dict[str, type[Record]]] = {
    "actors": Actor,
    "sources": Source,
    "events": Event,
    "statements": Statement,
    "provenances": Provenance,
}
"""The table of each kind of record."""

DATE_PARTS: Final = ("edtf", "text", "start_text", "end_text", "earliest", "latest", "precision")

_NOT_WORD: Final = re.compile(r"\W")


def arrow() -> Any:
    """The ``pyarrow`` module (the ``parquet`` extra)."""
    return need("pyarrow", "parquet")


Build = Callable[[list[Any]], "pa.Array"]
"""Makes a column's values (None for null) into its Arrow array (`to_array`)."""


class Inexact(Exception):
    """A value no column type holds exactly: the field goes to ``_exact``."""


# --- values to columns ------------------------------------------------------------------
#
# A column is built from all its values at once: one list per field, one per struct
# child, a list's items flattened under offsets. A value of a batch is None for null.


def _date_row(value: PartialDate | TimeSpan) -> tuple[Any, ...]:
    """A date's values in the order of `DATE_PARTS`."""
    wire = date_to_wire(value)
    texts: dict[str, str] = {} if isinstance(wire, str) else wire
    return (
        value.to_edtf(),
        texts.get("text"),
        texts.get("start_text"),
        texts.get("end_text"),
        *derived_parts(value),
    )


def _cached(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert``, remembering its results by the value's identity.

    Dates repeat, and parsed ones are shared (`parse_edtf_cached`): found by
    identity, a date is not hashed, which costs ten fields' hashes each time
    (0.6 µs; the whole look-up by identity about a tenth of that). Each
    entry holds its value, so no other value can have its ``id`` meanwhile.
    """
    seen: dict[int, tuple[Any, Any]] = {}

    def cached(value: Any) -> Any:
        held = seen.get(id(value))
        if held is None:
            if len(seen) >= 65_536:
                seen.clear()
            held = seen[id(value)] = (value, convert(value))
        return held[1]

    return cached


_date_rows = _cached(_date_row)

DERIVED_PARTS: Final = ("earliest", "latest", "precision")
"""The parts of a date's columns made from its EDTF: engines filter on them, reading checks them."""


def derived_parts(when: PartialDate | TimeSpan) -> tuple[int | None, int | None, str]:
    """What a date's derived parts hold (`DERIVED_PARTS`), as eventkit writes them.

    The instants are integers, microseconds since 1970 in UTC (Arrow takes
    them as its timestamps); a span's precision is its coarser end's.

    Examples:
        >>> from eventkit import parse_edtf
        >>> derived_parts(parse_edtf("1970-01-02"))
        (86400000000, 172799999999, 'day')
        >>> derived_parts(parse_edtf("1970/1970-01-02"))
        (0, 172799999999, 'year')
    """
    if isinstance(when, PartialDate):
        precision = when.precision
    else:
        precision = min(end.precision for end in (when.start, when.end) if end is not None)
    return (*instants(when), precision.name.lower())


def _nulls(values: list[Any]) -> Any:
    """The null mask of a column's ``values``, or None when none is null."""
    nulls = [value is None for value in values]
    return arrow().array(nulls, arrow().bool_()) if True in nulls else None


def _present_only(build: Build, kind: pa.DataType) -> Build:
    """``build``, run on the values that are not null, its array then spread back over every row.

    A struct's children (an attrs class's fields, a date's parts, a
    union's members) are made one at a time, each a pass over the values:
    most structs are absent from most rows (a phone call's
    ``casualties``), so they are made of the present values alone, and the
    null rows put back by one ``take`` with a null index for each. A
    column with no value at all is nulls of ``kind``, its children not made.
    """

    def spread(values: list[Any]) -> pa.Array:
        mask = _nulls(values)
        if mask is None:
            return build(values)
        pa = arrow()
        present = [value for value in values if value is not None]
        if not present:
            return pa.nulls(len(values), kind)
        pc = need("pyarrow.compute", "parquet")
        index = pc.subtract(pc.cumulative_sum(pc.invert(mask).cast(pa.int32())), 1)
        return build(present).take(pc.if_else(mask, pa.scalar(None, pa.int32()), index))

    return spread


def _scalar_array(tp: type, kind: pa.DataType) -> Build:
    if tp in (int, float):

        def numbers(values: list[Any]) -> pa.Array:
            pa = arrow()
            try:
                return pa.array(values, kind)
            except (OverflowError, pa.ArrowInvalid):  # an int beyond int64, or beyond 2**53
                raise Inexact from None  # for a double: Arrow refuses what it cannot hold exactly

        return numbers
    if tp is Decimal:

        def decimals(values: list[Any]) -> pa.Array:
            return arrow().array([None if v is None else str(v) for v in values], kind)

        return decimals
    return _plain(kind)


def _plain(kind: pa.DataType) -> Build:
    """Values Arrow takes as they are."""

    def plain(values: list[Any]) -> pa.Array:
        return arrow().array(values, kind)

    return plain


def held_as(shape: Vocabulary) -> type | None:
    """The type a vocabulary's column holds its values as: str, int or bool; None for JSON text.

    One type for every value (an open vocabulary's own strings too), held as
    it is; values of several types, or of another (a float, a tuple), are
    held as the JSON text of the value.
    """
    kinds = {type(member.value) for member in shape.enum}
    if shape.open:
        kinds.add(str)
    (only,) = kinds if len(kinds) == 1 else (None,)
    return only if only in (str, int, bool) else None


def _vocabulary_array(shape: Vocabulary, kind: pa.DataType) -> Build:
    held = held_as(shape)
    if held is None:
        return _json_array(kind)
    if issubclass(shape.enum, str):  # a StrEnum member is its value: Arrow takes it as it is
        return _plain(kind)
    build = _scalar_array(held, kind)

    def members(values: list[Any]) -> pa.Array:
        return build([v if v is None or isinstance(v, str) else v.value for v in values])

    return members


def _present_dates(values: list[Any]) -> pa.Array:
    pa = arrow()
    parts = list(zip(*map(_date_rows, values), strict=True)) or [()] * len(DATE_PARTS)
    kind = _date_type()
    children = [pa.array(part, kind.field(i).type) for i, part in enumerate(parts)]
    return pa.StructArray.from_arrays(children, type=kind)


def _offsets(values: list[Any]) -> pa.Array:
    """Where each of the (non-null) lists or mappings ``values`` starts, then the end."""
    pa = arrow()
    return pa.array([0, *itertools.accumulate(map(len, values))], pa.int32())


def _list_array(item: Build, kind: pa.DataType) -> Build:
    def lists(values: list[Any]) -> pa.Array:
        pa = arrow()
        mask = _nulls(values)
        present = values if mask is None else [() if v is None else v for v in values]
        items = item(list(itertools.chain.from_iterable(present)))
        return pa.ListArray.from_arrays(_offsets(present), items, type=kind, mask=mask)

    return lists


def _map_array(mapped: Build, kind: pa.DataType) -> Build:
    def mappings(values: list[Any]) -> pa.Array:
        pa = arrow()
        mask = _nulls(values)
        present = values if mask is None else [{} if v is None else v for v in values]
        keys = pa.array(list(itertools.chain.from_iterable(present)), kind.key_type)
        items = mapped([v for value in present for v in value.values()])
        return pa.MapArray.from_arrays(_offsets(present), keys, items, type=kind, mask=mask)

    return mappings


def _struct_array(cls: type, kind: pa.DataType) -> Build:
    """The struct of ``cls``'s fields; a child of ``kind`` no field of it has is null."""
    fields = {f.key: f for f in describe(cls).fields}
    children: list[tuple[Callable[[Any], Any], Build] | pa.DataType] = []
    for child in kind:
        f = fields.get(child.name)
        if f is None:  # another class's field: a column shared with a subclass of cls
            children.append(child.type)
        else:
            children.append((operator.attrgetter(f.name), to_array(f.shape, child.type)))

    def structs(values: list[Any]) -> pa.Array:
        pa = arrow()
        arrays = [
            pa.nulls(len(values), child)
            if isinstance(child, pa.DataType)
            else child[1](list(map(child[0], values)))
            for child in children
        ]
        return pa.StructArray.from_arrays(arrays, type=kind)

    return _present_only(structs, kind)


def _json_array(kind: pa.DataType) -> Build:
    def texts(values: list[Any]) -> pa.Array:
        return arrow().array([None if v is None else _to_json(v) for v in values], kind)

    return texts


def _union_array(shape: UnionOf, kind: pa.DataType) -> Build:
    tests = [_union_member(m) for m in shape.members]
    builds = [to_array(m) for m in shape.members]

    def member(value: Any) -> int:
        for index, test in enumerate(tests):
            if test(value):
                return index
        raise Inexact

    def unions(values: list[Any]) -> pa.Array:
        chosen = list(map(member, values))
        children = [
            build([v if c == index else None for v, c in zip(values, chosen, strict=True)])
            for index, build in enumerate(builds)
        ]
        return arrow().StructArray.from_arrays(children, type=kind)

    return _present_only(unions, kind)


def _union_member(shape: Shape) -> Callable[[Any], bool]:  # noqa: PLR0911 - one per kind
    if isinstance(shape, Nested):
        return lambda value: isinstance(value, shape.cls)
    if isinstance(shape, Dates):
        return lambda value: isinstance(value, shape.classes)
    if isinstance(shape, Vocabulary):  # an open one takes strings of its own
        return lambda value: isinstance(value, shape.enum) or (shape.open and type(value) is str)
    if isinstance(shape, Scalar):
        tp = shape.type
        if tp is float:
            return lambda value: type(value) in (int, float)
        return lambda value: type(value) is tp
    if isinstance(shape, TupleOf):
        return lambda value: isinstance(value, tuple | list)
    if isinstance(shape, MappingOf):
        return lambda value: isinstance(value, dict)
    return lambda value: True


def union_names(shape: UnionOf) -> list[str]:
    """The child names of a union's struct: one per member."""
    names: list[str] = []
    for i, member in enumerate(shape.members):
        if isinstance(member, Nested):
            name = _snake(member.cls.__name__)
        elif isinstance(member, Scalar):
            name = member.type.__name__.lower()
        elif isinstance(member, Vocabulary):
            name = _snake(member.enum.__name__)
        elif isinstance(member, Dates):
            name = "date"
        else:
            name = f"member_{i}"
        names.append(name if name not in names else f"{name}_{i}")
    return names


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@functools.cache
def to_array(shape: Shape, kind: pa.DataType | None = None) -> Build:  # noqa: PLR0911 - one per kind
    """The function making a field's values (None for null) into its column, an Arrow array.

    The array is of type ``kind``, by default the shape's `arrow_type`; a
    column another class shares may be wider (`merged_type`). It raises
    `Inexact` when a value is one no column type holds exactly.
    """
    kind = arrow_type(shape) if kind is None else kind
    if isinstance(shape, Scalar):
        return _scalar_array(shape.type, kind)
    if isinstance(shape, Vocabulary):
        return _vocabulary_array(shape, kind)
    if isinstance(shape, Dates):
        return _present_only(_present_dates, kind)
    if isinstance(shape, Nullable):
        return to_array(shape.inner, kind)
    if isinstance(shape, TupleOf):
        return _list_array(to_array(shape.item, kind.value_type), kind)
    if isinstance(shape, MappingOf):
        return _map_array(to_array(shape.value, kind.item_type), kind)
    if isinstance(shape, Nested):
        if as_json(shape.cls):
            return _json_array(kind)
        return _struct_array(shape.cls, kind)
    if isinstance(shape, UnionOf):
        return _union_array(shape, kind)
    raise TypeError(shape)  # pragma: no cover - shapes are only the kinds above


def _to_json(value: Any) -> str:
    import orjson  # noqa: PLC0415 - cheap, already loaded by eventkit

    from eventkit._serialize import to_dict  # noqa: PLC0415 - cycle through _records

    return orjson.dumps(to_dict(value)).decode()


def as_json(cls: type) -> bool:
    """Whether values of ``cls`` are held as JSON text: no fields, or nested in themselves."""
    return not describe(cls).fields or _recursive(cls, ())


def _recursive(cls: type, seen: tuple[type, ...]) -> bool:
    if cls in seen:
        return True
    return any(_recursive(inner, (*seen, cls)) for inner in _nested_classes(describe(cls).fields))


def _nested_classes(fields: tuple[Field, ...]) -> Iterator[type]:
    for field in fields:
        for part in parts(field.shape):
            if isinstance(part, Nested):
                yield part.cls


@functools.cache
def whole_floats(shape: Shape) -> Callable[[Any], bool] | None:  # noqa: PLR0911 - one per kind
    """A test of whether a value of ``shape`` holds a whole float anywhere; None if none can.

    Its column holds ``50.0`` as it holds ``50``, and reading gives a whole
    number back as an int: such a value's form is kept in ``_exact`` too.

    Examples:
        >>> from eventkit._records import Place
        >>> holds = whole_floats(Nested(cls=Place))
        >>> [holds(Place(lat=lat, lon=8.5)) for lat in (50.0, 50, 50.5)]
        [True, False, False]
        >>> whole_floats(Scalar(type=int)) is None
        True
    """
    if isinstance(shape, Scalar):
        return _whole if shape.type is float else None
    if isinstance(shape, Nullable):
        return _or_none(whole_floats(shape.inner))
    if isinstance(shape, TupleOf):
        return _any_of(whole_floats(shape.item))
    if isinstance(shape, MappingOf):
        return _any_of(whole_floats(shape.value), operator.methodcaller("values"))
    if isinstance(shape, Nested):
        return None if as_json(shape.cls) else _fields_whole(shape.cls)
    if isinstance(shape, UnionOf):
        tests = [(_union_member(m), whole_floats(m)) for m in shape.members]
        held = [(member, test) for member, test in tests if test is not None]
        if not held:
            return None
        return lambda value: any(member(value) and test(value) for member, test in held)
    return None  # dates, vocabularies (a float member's JSON text is exact)


def whole_number_rows(array: pa.Array | pa.ChunkedArray) -> list[int]:
    """The rows of ``array`` where a floating-point value, at any depth, is a whole number.

    Only the values of those rows can hold a whole float (`whole_floats`):
    the others need not be walked.

    Examples:
        >>> import pyarrow as pa
        >>> whole_number_rows(pa.array([{"lat": 50.5}, {"lat": None}]))
        []
        >>> whole_number_rows(pa.array([[{"lat": 50.5}], None, [{"lat": 1.5}, {"lat": 50.0}]]))
        [2]
    """
    pa, pc = arrow(), need("pyarrow.compute", "parquet")

    def rows(array: Any) -> list[int]:  # noqa: PLR0911 - one exit per kind
        kind = array.type
        if array.null_count == len(array):  # the columns of other types than the rows'
            return []
        if pa.types.is_floating(kind):  # a null is not a whole number
            return pc.indices_nonzero(pc.equal(pc.trunc(array), array)).to_pylist()  # type: ignore[no-any-return]
        if pa.types.is_struct(kind):
            children = [c for c, f in zip(array.flatten(), kind, strict=True) if _floats(f.type)]
            return sorted({row for child in children for row in rows(child)})
        if pa.types.is_map(kind):  # every map given: Arrow finds no parents of a map's items
            return pc.indices_nonzero(pc.is_valid(array)).to_pylist()  # type: ignore[no-any-return]
        if pa.types.is_list(kind) or pa.types.is_large_list(kind):
            inner = rows(array.flatten())
            if not inner:
                return []
            parents = pc.list_parent_indices(array).take(pa.array(inner, pa.int64()))
            return sorted(set(parents.to_pylist()))
        return []

    if not isinstance(array, pa.ChunkedArray):
        return rows(array)
    found: list[int] = []
    start = 0
    for chunk in array.chunks:
        found.extend(start + row for row in rows(chunk))
        start += len(chunk)
    return found


@functools.cache
def _floats(kind: pa.DataType) -> bool:
    """Whether values of ``kind`` hold a floating-point number at some depth."""
    pa = arrow()
    if pa.types.is_floating(kind):
        return True
    if pa.types.is_map(kind):
        return _floats(kind.item_type)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _floats(kind.value_type)
    return pa.types.is_struct(kind) and any(_floats(field.type) for field in kind)


def _whole(value: Any) -> bool:
    return type(value) is float and value.is_integer()


def _or_none(test: Callable[[Any], bool] | None) -> Callable[[Any], bool] | None:
    if test is None:
        return None
    return lambda value: value is not None and test(value)


def _any_of(
    test: Callable[[Any], bool] | None, items: Callable[[Any], Any] = iter
) -> Callable[[Any], bool] | None:
    if test is None:
        return None
    return lambda value: any(map(test, items(value)))


@functools.cache
def _fields_whole(cls: type) -> Callable[[Any], bool] | None:
    tests = [
        (operator.attrgetter(f.name), test)
        for f in describe(cls).fields
        if (test := whole_floats(f.shape)) is not None
    ]
    if not tests:
        return None
    return lambda value: any(test(get(value)) for get, test in tests)


# --- how a column holds a field, for a reader without its class -------------------------


@functools.cache
def encoding(shape: Shape) -> Any:  # noqa: PLR0911 - one exit per kind of shape
    """How a column of ``shape`` holds its values, as JSON: what reading needs of the shape.

    A reader where the field's class is not registered cannot tell a
    union's struct from a value class's, nor a cell of JSON text from a
    string; this says which, down to each child: ``"plain"`` (the wire
    value), ``"number"`` (a whole float read as an int), ``"json"`` (JSON
    text), ``"date"`` (a date's parts), ``{"list": item}``, ``{"map":
    value}``, ``{"struct": [child, ...]}`` (each `field_encoding`) and
    ``{"union": [[name, member, told_apart], ...]}`` (the keys of an
    earlier member, and the field written to keep this one's data apart
    from it, `told_apart`). Nullable shapes are their inner one: every
    reading keeps a null.

    Examples:
        >>> encoding(TupleOf(item=Scalar(type=float)))
        {'list': 'number'}
        >>> from eventkit._records import Quantity
        >>> encoding(Nested(cls=Quantity))["struct"][:2]
        [['value', 'number', None], ['low', 'number', None]]
    """
    if isinstance(shape, Scalar):
        return "number" if shape.type is float else "plain"
    if isinstance(shape, Vocabulary):
        return "plain" if held_as(shape) else "json"
    if isinstance(shape, Dates):
        return "date"
    if isinstance(shape, Nullable):
        return encoding(shape.inner)
    if isinstance(shape, TupleOf):
        return {"list": encoding(shape.item)}
    if isinstance(shape, MappingOf):
        return {"map": encoding(shape.value)}
    if isinstance(shape, Nested):
        if as_json(shape.cls):
            return "json"
        return {"struct": [field_encoding(f) for f in describe(shape.cls).fields]}
    if isinstance(shape, UnionOf):
        members = zip(union_names(shape), shape.members, strict=True)
        return {
            "union": [
                [
                    name,
                    encoding(member),
                    [[sorted(keys), key, empty] for keys, key, empty in told_apart(member, before)],
                ]
                for i, (name, member) in enumerate(members)
                for before in [shape.members[:i]]
            ]
        }
    raise TypeError(shape)  # pragma: no cover - shapes are only the kinds above


def field_encoding(field: Field) -> list[Any]:
    """How a column holds ``field``: ``[key, encoding, default]``, the default as written.

    The default is left out where the field has none to write (it is
    required, or its factory makes a new one each time): a value equal to
    it is left out of what is read, as JSON leaves a default out.

    Examples:
        >>> [status] = [f for f in describe(Event).fields if f.key == "status"]
        >>> field_encoding(status)
        ['status', 'plain', 'occurred']
    """
    default = written_default(field) if not field.required else attrs.NOTHING
    return [field.key, encoding(field.shape), *([] if default is attrs.NOTHING else [default])]


# --- Arrow types -------------------------------------------------------------------------


def _date_type() -> pa.DataType:
    pa = arrow()
    text = pa.string()
    instant = pa.timestamp("us", tz="UTC")
    return pa.struct(
        [
            ("edtf", text),
            ("text", text),
            ("start_text", text),
            ("end_text", text),
            ("earliest", instant),
            ("latest", instant),
            ("precision", text),
        ]
    )


def arrow_type(shape: Shape) -> pa.DataType:  # noqa: PLR0911 - one exit per kind of shape
    """The Arrow type of a column holding values of ``shape``."""
    pa = arrow()
    if isinstance(shape, Scalar):
        return {
            str: pa.string(),
            int: pa.int64(),
            float: pa.float64(),
            bool: pa.bool_(),
            Decimal: pa.string(),
        }[shape.type]
    if isinstance(shape, Vocabulary):
        held = held_as(shape)
        return pa.int64() if held is int else pa.bool_() if held is bool else pa.string()
    if isinstance(shape, Dates):
        return _date_type()
    if isinstance(shape, Nullable):
        return arrow_type(shape.inner)
    if isinstance(shape, TupleOf):
        return pa.list_(arrow_type(shape.item))
    if isinstance(shape, MappingOf):
        return pa.map_(pa.string(), arrow_type(shape.value))
    if isinstance(shape, Nested):
        if as_json(shape.cls):
            return pa.string()
        return pa.struct([(f.key, arrow_type(f.shape)) for f in describe(shape.cls).fields])
    if isinstance(shape, UnionOf):
        names = union_names(shape)
        return pa.struct([(n, arrow_type(m)) for n, m in zip(names, shape.members, strict=True)])
    raise TypeError(shape)  # pragma: no cover - shapes are only the kinds above


# --- table layouts ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Column:
    """One field of the classes of a table, as columns.

    Attributes:
        key: the field's key on the wire.
        name: its column (or, for a flattened date, the columns' prefix).
        shape: the field's shape.
        flat: a date field flattened into ``{name}_{part}`` columns.
    """

    key: str
    name: str
    shape: Shape
    flat: bool

    def names(self) -> list[str]:
        """The columns this field fills."""
        if self.flat:
            return [f"{self.name}_{part}" for part in DATE_PARTS]
        return [self.name]


def _is_date(shape: Shape) -> bool:
    return isinstance(non_null(shape), Dates)


@attrs.frozen(kw_only=True)
class Layout:
    """The columns of one record table and which of them each class fills.

    Attributes:
        table: the table's name (``events``).
        base: the kind's base class.
        columns: every field column, in order (``type`` and ``_exact`` aside).
        classes: each registered class of the kind, by tag, with its columns
            (each with the shape of the class's field).
        shapes: the shapes of the fields each column holds, by its name.
    """

    table: str
    base: type[Record]
    columns: tuple[Column, ...]
    classes: dict[str, tuple[type[Record], tuple[Column, ...]]]
    shapes: dict[str, tuple[Shape, ...]]

    def schema(self) -> pa.Schema:
        """The table's Arrow schema."""
        pa = arrow()
        fields = [pa.field("type", pa.string(), nullable=False)]
        for column in self.columns:
            if column.flat:
                date = _date_type()
                fields.extend(
                    pa.field(f"{column.name}_{date.field(i).name}", date.field(i).type)
                    for i in range(date.num_fields)
                )
            else:
                fields.append(pa.field(column.name, self.column_type(column.name)))
        fields.append(pa.field(EXACT, pa.string()))
        return pa.schema(fields, metadata={FIELDS: self._encodings()})

    def _encodings(self) -> bytes:
        """The metadata saying how each type's own columns hold its fields (`FIELDS`)."""
        import orjson  # noqa: PLC0415 - cheap, already loaded by eventkit

        base_tag = _registry.tag_of(self.base)
        base = {name for column in self.classes[base_tag][1] for name in column.names()}
        own: dict[str, dict[str, list[Any]]] = {}
        for tag, (cls, columns) in self.classes.items():
            fields = {f.key: f for f in describe(cls).fields}
            own[tag] = {
                column.name: field_encoding(fields[column.key])
                for column in columns
                if base.isdisjoint(column.names())
            }
        return orjson.dumps({tag: columns for tag, columns in own.items() if columns})

    def column_type(self, name: str) -> pa.DataType:
        """The Arrow type of column ``name``: one to hold the values of every class sharing it."""
        kind = merged_type(self.shapes[name])
        assert kind is not None  # the layout shares a column only where there is one
        return kind


def _classes_of(base: type[Record]) -> list[tuple[str, type[Record]]]:
    found = [
        (_registry.tag_of(cls), cls) for cls in _registry.registered() if issubclass(cls, base)
    ]
    base_tag = _registry.tag_of(base)
    return sorted(found, key=lambda item: (item[0] != base_tag, item[0]))


def layout(table: str) -> Layout:
    """The layout of record table ``table`` for the classes registered now.

    A field of a subclass gets its own column; two classes' fields with the
    same key share a column when their shapes agree or the later one's (by
    tag; a base's first) narrows the earlier's into a type holding both
    (`merged_type`: a subclass of a value class adds its fields to the
    struct), and otherwise the later one is named ``{key}__{tag}``, as is a
    field whose column would have another's name (``when_edtf``, one of
    ``when``'s) or one eventkit gives (``type``, ``_exact``, ``year``).
    """
    return _layout(table, _registry.registered())


def renamed(key: str, tag: str) -> str:
    """The column of the field ``key`` of class ``tag`` where an earlier class's differs.

    Examples:
        >>> renamed("level", "news.beta")
        'level__news_beta'
    """
    return f"{key}__{_NOT_WORD.sub('_', tag)}"


@functools.cache
def _layout(table: str, registered: tuple[type[Record], ...]) -> Layout:
    del registered  # the cache key: a new registration makes a new layout
    base = KINDS[table]
    columns: dict[str, Column] = {}
    taken = set(RESERVED)  # every column name given, a flattened date's each
    sharing: dict[str, list[Shape]] = defaultdict(list)  # the shapes each column holds
    classes: dict[str, tuple[type[Record], tuple[Column, ...]]] = {}
    for tag, cls in _classes_of(base):
        own: list[Column] = []
        for f in describe(cls).fields:
            column = columns.get(f.key)
            if column is None or not _holds(column, sharing[column.name], f.shape):
                made = Column(key=f.key, name=f.key, shape=f.shape, flat=_is_date(f.shape))
                if column is not None or not taken.isdisjoint(made.names()):
                    made = attrs.evolve(made, name=renamed(f.key, tag))
                column = columns.get(made.name) or made
                columns[column.name] = column
                taken.update(column.names())
            if f.shape not in sharing[column.name]:
                sharing[column.name].append(f.shape)
            own.append(column if column.shape == f.shape else attrs.evolve(column, shape=f.shape))
        classes[tag] = (cls, tuple(own))
    return Layout(
        table=table,
        base=base,
        columns=tuple(columns.values()),
        classes=classes,
        shapes={name: tuple(shapes) for name, shapes in sharing.items()},
    )


def _holds(column: Column, shapes: list[Shape], shape: Shape) -> bool:
    """Whether ``column``, holding values of ``shapes``, holds those of ``shape`` too.

    A field a subclass narrowed (`narrows`: a day where Event's ``when`` may be
    a span, participants of a subclass of Participant) is in its base's
    column, so engines find it there, as long as one Arrow type holds both
    (`merged_type`): a subclass's own fields are more children of the struct.
    """
    if column.shape == shape:
        return True
    return narrows(shape, column.shape) and merged_type((*shapes, shape)) is not None


@functools.cache
def merged_type(shapes: tuple[Shape, ...]) -> pa.DataType | None:
    """One Arrow type holding values of each of ``shapes``, or None if there is none.

    Their `arrow_type` when it is the same; for attrs classes of which some
    have more fields (a subclass's), the struct of every field, each
    field's children merged alike (the first class's fields first); lists and
    mappings of those. Values of a class then leave the others' children null.

    Examples:
        >>> import attrs
        >>> import eventkit as ek
        >>> from eventkit._shapes import Nested
        >>> @attrs.frozen(kw_only=True)
        ... class Port(ek.Place):
        ...     berth: str | None = None
        >>> kind = merged_type((Nested(cls=ek.Place), Nested(cls=Port)))
        >>> kind.names[:2], kind.names[-1]
        (['name', 'country'], 'berth')
    """
    kinds = {arrow_type(shape) for shape in shapes}
    if len(kinds) == 1:
        return kinds.pop()
    pa = arrow()
    inner = [non_null(shape) for shape in shapes]
    items = [shape.item for shape in inner if isinstance(shape, TupleOf)]
    values = [shape.value for shape in inner if isinstance(shape, MappingOf)]
    classes = [shape.cls for shape in inner if isinstance(shape, Nested) and not as_json(shape.cls)]
    if len(items) == len(inner):
        item = merged_type(tuple(dict.fromkeys(items)))
        return None if item is None else pa.list_(item)
    if len(values) == len(inner):
        value = merged_type(tuple(dict.fromkeys(values)))
        return None if value is None else pa.map_(pa.string(), value)
    if len(classes) == len(inner):
        children: dict[str, list[Shape]] = defaultdict(list)
        for cls in classes:
            for f in describe(cls).fields:
                children[f.key].append(f.shape)
        merged = {key: merged_type(tuple(dict.fromkeys(group))) for key, group in children.items()}
        if None in merged.values():
            return None
        return pa.struct(list(merged.items()))
    return None


RESERVED: Final = frozenset({"type", EXACT, "year"})
"""Column names no field's column takes: the tag, exact values, the partition."""


# --- link tables -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Link:
    """A derived table: one row per item of list fields of a record table.

    Attributes:
        table: the link table's name.
        parent: the record table it comes from.
        keys: the list fields (their keys) it explodes; with several, a
            ``link`` column says which one a row came from.
        owner: the column naming the record the row belongs to.
    """

    table: str
    parent: str
    keys: tuple[str, ...]
    owner: str


LINKS: Final = (
    Link(table="participants", parent="events", keys=("participants",), owner="event"),
    Link(table="relations", parent="events", keys=("related",), owner="from_event"),
    Link(table="citations", parent="events", keys=("sources",), owner="record"),
    Link(table="citations", parent="statements", keys=("sources",), owner="record"),
    Link(
        table="statement_links",
        parent="statements",
        keys=("about", "responds_to", "disputes"),
        owner="statement",
    ),
)
"""The link tables: derived from the record tables when written, for joins
in engines; reading a dataset back uses the record tables only."""
