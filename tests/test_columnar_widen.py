"""Struct columns with children more or fewer: made wider without a value changed.

Arrays of every nesting eventkit writes (structs in lists in structs, maps
of structs), with nulls at every level, sliced and chunked as files give
them, made the type of a struct with more children.
"""

from __future__ import annotations

import itertools
from typing import Any

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from eventkit.columnar._widen import widened, wider_type

ITEM = pa.struct([("x", pa.int64())])
NARROW = pa.struct([("c", pa.list_(ITEM)), ("a", pa.string()), ("m", pa.map_(pa.string(), ITEM))])
ITEM_WIDE = pa.struct([("x", pa.int64()), ("y", pa.string())])
WIDE = pa.struct(
    [
        ("a", pa.string()),
        ("b", pa.list_(pa.string())),
        ("c", pa.list_(ITEM_WIDE)),
        ("m", pa.map_(pa.string(), ITEM_WIDE)),
    ]
)

items = st.none() | st.fixed_dictionaries({"x": st.none() | st.integers(-5, 5)})
values = st.none() | st.fixed_dictionaries(
    {
        "c": st.none() | st.lists(items, max_size=3),
        "a": st.none() | st.text(max_size=3),
        "m": st.none() | st.dictionaries(st.text(max_size=2), items, max_size=2),
    }
)


def _item(value: Any) -> Any:
    return None if value is None else {**value, "y": None}


def _wide(value: Any) -> Any:
    """``value`` as the wider type holds it: each child it lacks, None."""
    if value is None:
        return None
    c, m = value["c"], value["m"]
    return {
        "a": value["a"],
        "b": None,
        "c": None if c is None else [_item(i) for i in c],
        "m": None if m is None else [(k, _item(i)) for k, i in m.items()],
    }


@given(
    st.lists(values, max_size=8),
    st.integers(0, 8),
    st.lists(st.integers(0, 8), max_size=3),
)
def test_an_array_made_wider_holds_the_same_values(
    given_values: list[Any], start: int, cuts: list[int]
) -> None:
    rows = [
        None if v is None else {**v, "m": None if v["m"] is None else list(v["m"].items())}
        for v in given_values
    ]
    array = pa.array(rows, NARROW).slice(start)  # a slice, as a file's batch may be
    expected = [_wide(v) for v in given_values[start:]]
    made = widened(array, WIDE)
    assert WIDE == made.type
    assert expected == made.to_pylist()
    bounds = sorted({0, len(array), *(min(cut, len(array)) for cut in cuts)})
    chunks = pa.chunked_array(
        [array.slice(lo, hi - lo) for lo, hi in itertools.pairwise(bounds)], NARROW
    )
    made_chunks = widened(chunks, WIDE)
    assert WIDE == made_chunks.type
    assert expected == made_chunks.to_pylist()


def test_the_wider_type_has_the_children_of_both_the_first_s_first() -> None:
    assert WIDE == wider_type(WIDE, NARROW)
    merged = wider_type(NARROW, WIDE)
    assert merged is not None
    assert ["c", "a", "m", "b"] == merged.names
    assert WIDE == wider_type(WIDE, merged)  # the same children, whatever their order


def test_types_no_type_holds_alike_have_no_wider_type_and_are_left_as_they_are() -> None:
    other = pa.struct([("a", pa.int64())])  # a child of another type
    assert wider_type(WIDE, other) is None
    assert wider_type(pa.list_(pa.string()), pa.string()) is None
    assert wider_type(pa.map_(pa.string(), ITEM), pa.map_(pa.int64(), ITEM)) is None
    array = pa.array([{"a": 1}], other)
    assert widened(array, WIDE) is array  # the cast that follows says what is wrong
    more = pa.array([{"a": "q", "z": 1}])  # a child WIDE lacks: not made narrower
    assert widened(more, WIDE) is more
