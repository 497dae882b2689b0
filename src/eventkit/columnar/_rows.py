"""Arrow record batches as rows of plain Python values, for reading.

A date's ``earliest`` and ``latest`` instants are read as integers
(microseconds since 1970 in UTC): a valid date's instant may lie past
year 9999, where Python's ``datetime`` stops. Nothing in a batch makes
reading raise: a value Python cannot hold is given as its integer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from eventkit._extras import need
from eventkit.columnar._schema import arrow

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ROWS",
    "batch_rows",
    "integer_instants",
    "integers_viewed",
    "plain_rows",
    "table_rows",
]

ROWS: Final = 2_048
"""How many rows reading makes into dicts at once."""


def batch_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    """The rows of ``batches`` as dicts of plain values (`plain_rows`).

    Made a batch at a time: a row as a dict takes many times the memory of
    its columns, so batches of `ROWS` keep few at once.
    """
    for batch in batches:
        yield from plain_rows(batch)


def plain_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The rows of ``batch`` as dicts of plain values, dates' instants as integers.

    A column null in every row of the batch is left out of its rows (read
    them with ``row.get``): a table of events has the columns of every event
    type, and a row of one type has values in few of them.

    A value Python cannot hold, which ``to_pylist`` raises for (a timestamp
    past year 9999 in a column eventkit does not write), is given as its
    integer instead: the batch's every date, time and duration then is.

    Examples:
        >>> import pyarrow as pa
        >>> far = pa.array([2**62], pa.int64()).view(pa.timestamp("us"))
        >>> plain_rows(pa.record_batch({"id": ["a"], "odd": far}))
        [{'id': 'a', 'odd': 4611686018427387904}]
        >>> batch = pa.record_batch({"id": ["a", "b"], "note": [None, "x"], "gone": [None, None]})
        >>> plain_rows(batch)
        [{'id': 'a', 'note': None}, {'id': 'b', 'note': 'x'}]
    """
    pa = arrow()
    held = [i for i, column in enumerate(batch.columns) if column.null_count < batch.num_rows]
    if len(held) < batch.num_columns:
        batch = batch.select(held)
    try:
        return _as_integers(batch, every=False).to_pylist()  # type: ignore[no-any-return]
    except (OverflowError, ValueError, pa.ArrowException):
        return _as_integers(batch, every=True).to_pylist()  # type: ignore[no-any-return]


def _as_integers(batch: pa.RecordBatch, *, every: bool) -> pa.RecordBatch:
    """``batch`` with each date's ``earliest`` and ``latest`` (``every``: all times) as integers.

    Reading ignores them (they are derived from the date), and a valid
    date's UTC instant may lie past year 9999, where Python's ``datetime``,
    which ``to_pylist`` would make, stops.
    """
    names = batch.schema.names
    for i, field in enumerate(batch.schema):
        kind = integer_instants(field.type, field.name, names, every=every)
        if not kind.equals(field.type):
            # Only the columns changed are touched: Arrow 26 finds a sliced struct with
            # a child of type null (tables from pandas have them) invalid when casting
            # or checking it
            batch = batch.set_column(
                i, field.with_type(kind), integers_viewed(batch.column(i), kind)
            )
    return batch


def integers_viewed(array: pa.Array, kind: pa.DataType) -> pa.Array:  # noqa: PLR0911 - one exit per kind
    """``array`` as ``kind`` (`integer_instants` of its type): each instant's int64 view.

    A view, not a cast: the same buffers read as int64. Only the instants are
    viewed; structs, lists, maps and unions are made again around them, as
    ``Array.view`` of a nested array gives a child of type null the length 1
    (Arrow 26). Values held encoded (a dictionary, runs, fixed-size lists or
    list views, which eventkit never writes) are decoded first.

    Examples:
        >>> import pyarrow as pa
        >>> kind = pa.list_(pa.struct([("edtf", pa.string()), ("earliest", pa.timestamp("us"))]))
        >>> dates = pa.array([[{"edtf": "1970", "earliest": 5}], None], kind)
        >>> integers_viewed(dates, integer_instants(kind, "on", [])).to_pylist()
        [[{'edtf': '1970', 'earliest': 5}], None]
    """
    pa = arrow()
    if array.type.equals(kind):
        return array
    if _is_encoded(array.type):  # eventkit writes none of these: its values, plain
        return integers_viewed(_decoded(array), kind)
    if pa.types.is_temporal(array.type):  # an instant: the only leaf made an integer
        if (
            pa.types.is_timestamp(array.type) and array.type.unit != "us"
        ):  # microseconds, as eventkit writes them (frames may not)
            with contextlib.suppress(pa.ArrowInvalid):  # else not a date's instant: reported
                array = array.cast(pa.timestamp("us", array.type.tz))
        return array.view(kind)
    mask = array.is_null() if array.null_count else None
    if pa.types.is_struct(kind):
        fields = [kind.field(i) for i in range(kind.num_fields)]
        children = array.flatten()  # each child as the struct's rows (its offset applied)
        children = [
            integers_viewed(child, f.type) for child, f in zip(children, fields, strict=True)
        ]
        return pa.StructArray.from_arrays(children, fields=fields, mask=mask)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        values = integers_viewed(array.values, kind.value_type)
        made = pa.ListArray if pa.types.is_list(kind) else pa.LargeListArray
        return made.from_arrays(array.offsets, values, type=kind, mask=mask)
    if pa.types.is_union(kind):
        children = [
            integers_viewed(array.field(i), kind.field(i).type) for i in range(kind.num_fields)
        ]
        names = [kind.field(i).name for i in range(kind.num_fields)]
        if kind.mode == "sparse":
            return pa.UnionArray.from_sparse(array.type_codes, children, names, kind.type_codes)
        return pa.UnionArray.from_dense(
            array.type_codes, array.offsets, children, names, kind.type_codes
        )
    items = integers_viewed(array.items, kind.item_type)  # a map, the last kind holding instants
    return pa.MapArray.from_arrays(array.offsets, array.keys, items, type=kind, mask=mask)


def _is_encoded(kind: pa.DataType) -> bool:
    """Whether ``kind`` holds its values encoded: a dictionary, runs, or lists of another layout."""
    types = arrow().types
    return any(
        test(kind)
        for test in (
            types.is_dictionary,
            types.is_run_end_encoded,
            types.is_fixed_size_list,
            types.is_list_view,
            types.is_large_list_view,
        )
    )


def _decoded_type(kind: pa.DataType) -> pa.DataType:
    """The plain type of the values of ``kind`` (a type `_is_encoded`): its values', or a list."""
    pa = arrow()
    if pa.types.is_dictionary(kind) or pa.types.is_run_end_encoded(kind):
        return kind.value_type
    if pa.types.is_large_list_view(kind):
        return pa.large_list(kind.value_field)
    return pa.list_(kind.value_field)


def _decoded(array: pa.Array) -> pa.Array:
    """``array`` (of a type `_is_encoded`) as the same values, of its `_decoded_type`."""
    pa, pc = arrow(), need("pyarrow.compute", "parquet")
    kind = array.type
    if pa.types.is_dictionary(kind):
        return array.dictionary_decode()
    if pa.types.is_run_end_encoded(kind):
        return pc.run_end_decode(array)
    if pa.types.is_fixed_size_list(kind):
        return array.cast(_decoded_type(kind))
    # a list view made again as a list: its cast loses the values of a slice (Arrow 26)
    lengths = array.value_lengths().fill_null(0)
    offsets = pa.concat_arrays([pa.array([0], lengths.type), pc.cumulative_sum(lengths)])
    made = pa.ListArray if pa.types.is_list_view(kind) else pa.LargeListArray
    mask = array.is_null() if array.null_count else None
    return made.from_arrays(offsets, array.flatten(), type=_decoded_type(kind), mask=mask)


def integer_instants(  # noqa: PLR0911 - one exit per kind of type
    kind: pa.DataType, name: str, names: list[str], *, every: bool = False
) -> pa.DataType:
    """``kind``, of the column ``name`` among ``names``, with dates' instants as int64.

    ``every``: every date, time and duration, as the integer of its width.
    An array of ``kind`` can be viewed (``Array.view``) as one of the result.
    """
    pa = arrow()
    if pa.types.is_timestamp(kind) and _is_instant(name, names):
        return pa.int64()
    if every and pa.types.is_temporal(kind):
        return pa.int32() if kind.bit_width == 32 else pa.int64()
    if pa.types.is_struct(kind):
        children = [kind.field(i) for i in range(kind.num_fields)]
        siblings = [child.name for child in children]
        return pa.struct(
            [
                child.with_type(integer_instants(child.type, child.name, siblings, every=every))
                for child in children
            ]
        )
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        item = kind.value_field
        plain = item.with_type(integer_instants(item.type, item.name, [], every=every))
        return pa.list_(plain) if pa.types.is_list(kind) else pa.large_list(plain)
    if pa.types.is_map(kind):
        item = kind.item_field
        plain = item.with_type(integer_instants(item.type, "", [], every=every))
        return pa.map_(kind.key_field, plain)
    if pa.types.is_union(kind):
        members = [kind.field(i) for i in range(kind.num_fields)]
        plain_members = [
            member.with_type(integer_instants(member.type, member.name, [], every=every))
            for member in members
        ]
        return pa.union(plain_members, kind.mode, kind.type_codes)
    if _is_encoded(kind):  # read as its plain values, which may hold instants
        return integer_instants(_decoded_type(kind), name, names, every=every)
    return kind


def _is_instant(name: str, names: list[str]) -> bool:
    """Whether ``name`` is a date's derived instant: ``earliest`` beside ``edtf``, or a flat one."""
    for part in ("earliest", "latest"):
        if name == part and "edtf" in names:
            return True
        if name.endswith(f"_{part}") and f"{name.removesuffix(part)}edtf" in names:
            return True
    return False


def table_rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` as dicts of plain values, `ROWS` at a time."""
    return batch_rows(table.to_batches(max_chunksize=ROWS))
