"""Link tables: one row per item of a record's list columns, for engines to join on.

They are made from the record tables (`link_tables`), which are what
reading reads: a link table given back is compared with the one its record
tables make (`link_problems`), so that a row changed, added or removed in
it (a participant's role edited in a tidy frame, a citation row deleted
from a Parquet file) is reported, never lost or left for engines alone to
see.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from eventkit._extras import need
from eventkit.columnar._rows import ROWS, plain_rows
from eventkit.columnar._schema import LINKS, Link, arrow
from eventkit.exceptions import Problem

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "YEAR",
    "id_key",
    "link_problems",
    "link_table",
    "link_tables",
    "table_problems",
    "tables_agree",
]

YEAR: Final = "year"
"""The column partitioning by year adds: the UTC year ``when`` begins (reading checks it)."""

_BY_TABLE: Final = {link.table: link for link in LINKS}
"""One `Link` per link table (events and statements cite alike), for its owner column."""

_ORDER: Final = frozenset({"position", "link"})
"""Columns that place a row among its record's (which list, where in it): not compared.

Not ``kind``: in ``relations`` it is the relation's own field, and in
``citations`` it says which table the citing record is in; each is
compared as the items' fields are.
"""

_ROW: Final = "__row"

_CITING: Final = "kind"
"""The citations table's column of the citing record's kind, added to its pieces."""


def link_table(
    parent: pa.Table, keys: tuple[str, ...], owner: str, given: Container[str]
) -> pa.Table:
    """One row per item of the list columns ``keys`` of ``parent``.

    Columns: ``owner`` (the record's id), ``position`` in its list, ``link``
    (which list, when there are several), the item's fields (or ``target``
    for a list of ids), and ``year`` when ``parent`` has it. An item's field
    named as one of those, or as one of the columns ``given`` that the
    caller adds, is `_item_column` ``{field}__{key}`` (a subclass of
    Participant may have a ``position``).
    """
    pa = arrow()
    pc = need("pyarrow.compute", "parquet")
    np = need("numpy", "parquet")
    pieces = []
    for key in keys:
        lists = parent[key].combine_chunks() if parent.num_rows else None
        if lists is None or len(lists) == 0:
            continue
        offsets = lists.offsets.to_numpy()
        lengths = offsets[1:] - offsets[:-1]
        parents = pa.array(np.repeat(np.arange(len(lists)), lengths))
        position = np.arange(offsets[0], offsets[-1]) - np.repeat(offsets[:-1], lengths)
        items = pc.list_flatten(lists)
        columns: dict[str, Any] = {owner: pc.take(parent["id"], parents)}
        if len(keys) > 1:
            columns["link"] = pa.array([key] * len(items), pa.string())
        columns["position"] = pa.array(position, pa.int32())
        if pa.types.is_struct(items.type):
            for i in range(items.type.num_fields):
                name = _item_column(items.type.field(i).name, key, owner, given)
                columns[name] = items.field(i)
        else:
            columns["target"] = items
        if YEAR in parent.column_names:
            columns[YEAR] = pc.take(parent[YEAR], parents)
        pieces.append(pa.table(columns))
    if not pieces:
        return _empty_link(parent, keys, owner, given)
    return pa.concat_tables(pieces)


_LINK_COLUMNS: Final = _ORDER | {YEAR}
"""The columns every link table may give beside its owner's."""


def _item_column(field: str, key: str, owner: str, given: Container[str]) -> str:
    """The column of an item's ``field`` in the link table of the list ``key``.

    Examples:
        >>> _item_column("actor", "participants", "event", ())
        'actor'
        >>> _item_column("position", "participants", "event", ())
        'position__participants'
    """
    if field == owner or field in _LINK_COLUMNS or field in given:
        return f"{field}__{key}"
    return field


def _empty_link(
    parent: pa.Table, keys: tuple[str, ...], owner: str, given: Container[str]
) -> pa.Table:
    pa = arrow()
    item = parent.schema.field(keys[0]).type.value_type
    fields = [pa.field(owner, pa.string())]
    if len(keys) > 1:
        fields.append(pa.field("link", pa.string()))
    fields.append(pa.field("position", pa.int32()))
    if pa.types.is_struct(item):
        fields.extend(
            item.field(i).with_name(_item_column(item.field(i).name, keys[0], owner, given))
            for i in range(item.num_fields)
        )
    else:
        fields.append(pa.field("target", item))
    if YEAR in parent.column_names:
        fields.append(parent.schema.field(YEAR))
    return pa.schema(fields).empty_table()


def link_tables(records: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    """The link tables (`LINKS`) of record tables."""
    pa = arrow()
    out: dict[str, list[Any]] = defaultdict(list)
    for link in LINKS:
        cited = link.table == "citations"  # a column more: the kind of the citing record
        given = (_CITING,) if cited else ()
        piece = link_table(records[link.parent], link.keys, link.owner, given)
        if cited:
            kind = pa.array([link.parent[:-1]] * piece.num_rows, pa.string())
            piece = piece.add_column(1, _CITING, kind)
        out[link.table].append(piece)
    # an empty table of records may have no year (it is not partitioned): null there
    return {name: pa.concat_tables(parts, promote_options="default") for name, parts in out.items()}


Numbered = Iterable[tuple[int, dict[str, Any]]]
"""Rows of a link table, each with its row number in the table given."""


def link_problems(
    given: Mapping[str, tuple[list[str], list[dict[str, Any]]]],
    made: Mapping[str, pa.Table],
    known: Container[Any],
    refused: Container[Any],
) -> list[Problem]:
    """Where the link tables ``given`` (column names and rows) say other than those ``made``.

    Only the given columns are compared: a link table with fewer loses
    nothing. ``year`` is compared where both have it. The rows of a record
    whose own row was ``refused`` are left out: that problem is reported
    already. ``known``: the ids of the records read.
    """
    problems: list[Problem] = []
    for link in _BY_TABLE.values():
        if link.table in given:
            names, rows = given[link.table]
            ours = made[link.table]
            compared = _compared(link, names, ours.column_names)
            problems.extend(
                _differing(
                    link,
                    enumerate(rows),
                    enumerate(ours.to_pylist()),
                    compared,
                    known=known,
                    refused=refused,
                )
            )
    return problems


def table_problems(
    given: Mapping[str, pa.Table],
    made: Mapping[str, pa.Table],
    known: Callable[[], Container[Any]],
    refused: Container[Any],
) -> list[Problem]:
    """`link_problems` for link tables given as Arrow tables, however large.

    Equal tables are found equal column-wise, sorted by owner, list and
    position, without a row made in Python; where they differ, the rows of
    both are merged by owner, a batch at a time, and compared owner by
    owner. ``known`` gives the ids of the records read, asked only then.
    """
    problems: list[Problem] = []
    for link, table, ours, compared in _given_and_made(given, made):
        if _same(table, ours, link, compared):
            continue
        merged = heapq.merge(_by_owner(table, link.owner, 0), _by_owner(ours, link.owner, 1))
        ids = known()
        for _, group in itertools.groupby(merged, key=lambda item: item[0]):
            theirs: list[tuple[int, dict[str, Any]]] = []
            mine: list[tuple[int, dict[str, Any]]] = []
            for _, side, row, values in group:
                (mine if side else theirs).append((row, values))
            problems.extend(_differing(link, theirs, mine, compared, known=ids, refused=refused))
    return problems


def tables_agree(given: Mapping[str, pa.Table], made: Mapping[str, pa.Table]) -> bool:
    """Whether each link table ``given`` holds the rows ``made`` holds, compared column-wise.

    True means `table_problems` finds nothing; False, that it must look.
    """
    return all(
        _same(table, ours, link, compared)
        for link, table, ours, compared in _given_and_made(given, made)
    )


def _given_and_made(
    given: Mapping[str, pa.Table], made: Mapping[str, pa.Table]
) -> Iterator[tuple[Link, pa.Table, pa.Table, set[str]]]:
    """Each link table given, with its link, the one made, and the columns compared."""
    for link in _BY_TABLE.values():
        table = given.get(link.table)
        if table is not None:
            ours = made[link.table]
            yield link, table, ours, _compared(link, table.column_names, ours.column_names)


def _compared(link: Link, given: Iterable[str], made: Iterable[str]) -> set[str]:
    """The columns of a given link table compared: all but the owner and order, ``year`` if made."""
    return set(given) - _ORDER - {link.owner} - ({YEAR} - set(made))


def _same(given: pa.Table, made: pa.Table, link: Link, compared: set[str]) -> bool:
    """Whether ``given`` holds the rows ``made`` holds, compared column-wise."""
    pa = arrow()
    keys = [name for name in (link.owner, "kind", "link", "position") if name in made.column_names]
    names = [*keys, *sorted(compared - set(keys))]
    shared = set(given.column_names) & set(made.column_names)
    if given.num_rows != made.num_rows or not set(names) <= shared:
        return False  # rows or columns more or fewer: compared row by row
    ours = made.select(names)
    try:
        theirs = given.select(names).cast(ours.schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return False  # columns of other types: compared row by row
    if theirs.equals(ours):  # as written: in the order of the record tables' rows
        return True
    order = [(name, "ascending") for name in keys]  # written in batches: another order
    return bool(theirs.sort_by(order).equals(ours.sort_by(order)))


def _by_owner(table: pa.Table, owner: str, side: int) -> Iterator[tuple[Any, int, int, Any]]:
    """The rows of ``table`` in order of their owner: (owner's key, ``side``, row, values)."""
    pa = arrow()
    if owner not in table.column_names:
        table = table.append_column(owner, pa.nulls(table.num_rows, pa.string()))
    numbered = table.append_column(_ROW, pa.array(range(table.num_rows), pa.int64()))
    ordered: Iterator[dict[str, Any]]
    if pa.types.is_string(table.schema.field(owner).type):  # as written: Arrow sorts it
        ordered = (
            values
            for batch in numbered.sort_by([(owner, "ascending")]).to_batches(max_chunksize=ROWS)
            for values in plain_rows(batch)
        )
    else:  # ids of another type, from other hands: ordered here, as the key says
        rows = [values for batch in numbered.to_batches() for values in plain_rows(batch)]
        ordered = iter(sorted(rows, key=lambda values: _owner_key(values.get(owner))))
    for values in ordered:
        row = values.pop(_ROW)
        yield _owner_key(values.get(owner)), side, row, values


def _owner_key(value: Any) -> tuple[bool, str, str]:
    """The order of owners: text as Arrow sorts it (by code point), then other values, then null."""
    return (value is None, type(value).__name__, value if type(value) is str else repr(value))


def _differing(
    link: Link,
    have_rows: Numbered,
    want_rows: Numbered,
    compared: set[str],
    *,
    known: Container[Any],
    refused: Container[Any],
) -> Iterator[Problem]:
    """A problem for each (owner, list) whose rows in ``have_rows`` and ``want_rows`` differ."""
    have, first = _link_items(have_rows, link.owner, compared)
    want, _ = _link_items(want_rows, link.owner, compared)
    for key in sorted(have.keys() | want.keys(), key=repr):
        owner, which = key
        if owner in refused or _alike(have.get(key), want.get(key)):
            continue
        if owner in known:
            lists = which or " or ".join(  # each list once: events and statements cite alike
                dict.fromkeys(
                    key for other in LINKS if other.table == link.table for key in other.keys
                )
            )
            message = (
                f"these rows say other than the {lists} of {owner!r} in its record "
                "table, which is what is read: make the change there"
            )
        else:
            message = f"no record {owner!r} was read: these rows are not read"
        loc = (link.table, first[key]) if key in first else (link.table,)
        record = owner if isinstance(owner, str) else None
        yield Problem(loc=loc, code="link_differs", message=message, record=record)


Items = dict[tuple[Any, Any], list[tuple[Any, dict[str, Any]]]]
"""The rows of each (owner, list), in position order: each's position and compared columns."""


def _alike(have: list[tuple[Any, dict[str, Any]]] | None, want: list[Any] | None) -> bool:
    """Whether the rows given say what the rows made say: their fields, at their positions.

    A row given without a position (a frame without the column) is placed by its order alone.

    Examples:
        >>> made = [(0, {"actor": "a"}), (1, {"actor": "b"})]
        >>> _alike(made, made), _alike([(10, {"actor": "a"}), (11, {"actor": "b"})], made)
        (True, False)
        >>> _alike([(None, {"actor": "a"}), (None, {"actor": "b"})], made)
        True
    """
    if have is None or want is None:
        return have is want
    return len(have) == len(want) and all(
        fields == wanted and (position is None or position == place)
        for (position, fields), (place, wanted) in zip(have, want, strict=True)
    )


def id_key(value: Any) -> Any:
    """``value`` as a key of a dict: itself if it can be one, else its text in a tuple.

    Ids and list names come from other hands: a list or a dict where text
    belongs must still be grouped and reported, not raise.

    Examples:
        >>> id_key("a"), id_key(["a"])
        ('a', ('unhashable', "['a']"))
    """
    try:
        hash(value)
    except TypeError:
        return ("unhashable", repr(value))
    return value


def _link_items(
    rows: Numbered, owner: str, compared: set[str]
) -> tuple[Items, dict[tuple[Any, Any], int]]:
    """Rows by (owner, list) in position order (`Items`); the index of each's first row."""
    groups: dict[tuple[Any, Any], list[tuple[Any, dict[str, Any]]]] = defaultdict(list)
    first: dict[tuple[Any, Any], int] = {}
    for index, row in rows:
        key = (id_key(row.get(owner)), id_key(row.get("link")))
        first.setdefault(key, index)
        groups[key].append((row.get("position"), {name: row.get(name) for name in compared}))

    def order(item: tuple[Any, dict[str, Any]]) -> tuple[bool, int]:
        position = item[0]
        return (type(position) is not int, position if type(position) is int else 0)

    items = {key: sorted(group, key=order) for key, group in groups.items()}
    return items, first
