"""Struct columns of one table with more children in one file than in another.

A subclass's fields are more children of its base's struct column (a
participant's ``weapon`` beside ``actor`` and ``role``: see
`eventkit.columnar._schema.merged_type`), so files of the same table may
hold a struct with fewer children (written before the subclass was
registered) or more (written where a subclass is registered that is not
here). Neither changes a value: a child a file lacks is null in its rows,
and a child the types registered here do not have is read, and reported
or kept, as any field they do not have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventkit.columnar._schema import arrow

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["widened", "wider_type"]


def wider_type(kind: pa.DataType, other: pa.DataType) -> pa.DataType | None:
    """A type holding the values of both types as they are, or None if there is none.

    Equal types; structs, with the children of both (``kind``'s first), each
    child's types made wider alike; lists and maps of those.

    Examples:
        >>> import pyarrow as pa
        >>> narrow = pa.list_(pa.struct([("actor", pa.string())]))
        >>> wide = pa.list_(pa.struct([("actor", pa.string()), ("weapon", pa.string())]))
        >>> wider_type(narrow, wide) == wide, wider_type(narrow, pa.string())
        (True, None)
    """
    if kind == other:
        return kind
    pa = arrow()
    if pa.types.is_struct(kind) and pa.types.is_struct(other):
        children = {child.name: child.type for child in kind}
        for child in other:
            held = children.get(child.name)
            made = child.type if held is None else wider_type(held, child.type)
            if made is None:
                return None
            children[child.name] = made
        return pa.struct(list(children.items()))
    if pa.types.is_list(kind) and pa.types.is_list(other):
        item = wider_type(kind.value_type, other.value_type)
        return None if item is None else pa.list_(item)
    if pa.types.is_map(kind) and pa.types.is_map(other) and kind.key_type == other.key_type:
        item = wider_type(kind.item_type, other.item_type)
        return None if item is None else pa.map_(kind.key_type, item)
    return None


def widened(array: Any, kind: pa.DataType) -> Any:
    """``array`` (or chunked array) with the struct children of ``kind`` it lacks, null.

    At any depth, through lists and maps. ``array`` as it is when ``kind``
    is not a `wider_type` of its type.

    Examples:
        >>> import pyarrow as pa
        >>> wide = pa.struct([("actor", pa.string()), ("weapon", pa.string())])
        >>> widened(pa.array([{"actor": "a"}, None]), wide).to_pylist()
        [{'actor': 'a', 'weapon': None}, None]
    """
    pa = arrow()
    given = array.type
    if given == kind or wider_type(kind, given) != kind:  # kind has every child of given
        return array
    if isinstance(array, pa.ChunkedArray):
        return pa.chunked_array([widened(chunk, kind) for chunk in array.chunks], kind)
    if array.offset:  # Arrow makes lists with nulls of a slice's offsets: not of a slice
        array = pa.concat_arrays([array])
    mask = array.is_null() if array.null_count else None
    if pa.types.is_struct(given):
        children = [
            widened(array.field(child.name), child.type)
            if given.get_field_index(child.name) >= 0
            else pa.nulls(len(array), child.type)
            for child in kind
        ]
        return pa.StructArray.from_arrays(children, fields=list(kind), mask=mask)
    if pa.types.is_list(given):
        items = widened(array.values, kind.value_type)
        return pa.ListArray.from_arrays(array.offsets, items, type=kind, mask=mask)
    items = widened(array.items, kind.item_type)  # a map: wider_type makes no other
    return pa.MapArray.from_arrays(array.offsets, array.keys, items, type=kind, mask=mask)
