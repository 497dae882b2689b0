"""Records to Arrow tables and back (``Dataset.to_arrow``, ``Dataset.from_arrow``).

Writing builds each column from the field's values in all the records, by
its shape (`eventkit.columnar._schema.to_array`); reading makes each row back into
the record's wire form and loads it like a JSON record
(`eventkit.validate`), so every problem is found and reported at its table
and row: ``$.events[3].title``.
"""

from __future__ import annotations

import operator
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import orjson

from eventkit import _registry
from eventkit._codegen import Code, shape_unstructurer, written_default
from eventkit._records import Record
from eventkit._report import Report
from eventkit._serialize import from_dict, gc_paused
from eventkit._shapes import Shape
from eventkit._unknown import UnknownRecord
from eventkit.columnar._cells import (
    BadEncoding,
    DescribedField,
    Unreadable,
    column_holds,
    date_wire,
    described_field,
    json_cell,
    number,
    put_described,
    put_lines,
    read_alike,
    year_differs,
)
from eventkit.columnar._links import YEAR, id_key, link_problems, link_tables, tables_agree
from eventkit.columnar._rows import table_rows
from eventkit.columnar._schema import (
    DATE_PARTS,
    EXACT,
    FIELDS,
    KINDS,
    LINKS,
    RESERVED,
    Build,
    Column,
    Inexact,
    Layout,
    arrow,
    layout,
    renamed,
    to_array,
    whole_floats,
    whole_number_rows,
)
from eventkit.exceptions import Problem, ValidationError, _note_where

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "DERIVED",
    "UNKNOWN",
    "Given",
    "Read",
    "arrow_table",
    "read_rows",
    "record_tables",
    "schemas",
    "table_of",
    "tables",
    "unknown_schema",
]

UNKNOWN: Final = "unknown"
"""The table of records kept verbatim (`eventkit.UnknownRecord`), as JSON."""

DERIVED: Final = frozenset({YEAR})
"""Columns partitioning adds, which are no record's fields."""

_TABLE_OF: dict[type, str] = {}


def table_of(record: Any) -> str:
    """The table a record goes to."""
    cls = type(record)
    table = _TABLE_OF.get(cls)
    if table is None:
        if issubclass(cls, UnknownRecord):
            table = UNKNOWN
        else:
            table = next(name for name, base in KINDS.items() if issubclass(cls, base))
        _TABLE_OF[cls] = table
    return table


def unknown_schema() -> pa.Schema:
    """The schema of the ``unknown`` table."""
    pa = arrow()
    return pa.schema([("type", pa.string()), ("id", pa.string()), ("json", pa.string())])


# --- records to tables -----------------------------------------------------------------


_Plan = list[tuple[Callable[[Any], Any], Column, Build]]


def _plan(lay: Layout, cls: type, columns: tuple[Column, ...]) -> _Plan:
    from eventkit._fields import describe  # noqa: PLC0415 - memoized look-up

    names = {f.key: f.name for f in describe(cls).fields}
    return [
        (
            operator.attrgetter(names[c.key]),
            c,
            to_array(c.shape, None if c.flat else lay.column_type(c.name)),
        )
        for c in columns
    ]


def _exactly(build: Build, values: list[Any]) -> tuple[pa.Array, list[int]]:
    """The column of ``values``, and the rows left null there because no column type holds them."""
    try:
        return build(values), []
    except Inexact:
        inexact = _inexact_rows(build, values, 0)
    held = values.copy()
    for row in inexact:
        held[row] = None
    return build(held), inexact


def _inexact_rows(build: Build, values: list[Any], start: int) -> list[int]:
    """The rows (from ``start``) of the values ``build`` refuses, found by halving."""
    try:
        build(values)
    except Inexact:
        if len(values) == 1:
            return [start]
        half = len(values) // 2
        return _inexact_rows(build, values[:half], start) + _inexact_rows(
            build, values[half:], start + half
        )
    return []


def _class_table(lay: Layout, tag: str, records: list[Any], schema: pa.Schema) -> pa.Table:
    pa = arrow()
    cls, columns = lay.classes[tag]
    arrays: dict[str, Any] = {}
    kept: dict[int, dict[str, Any]] = {}
    for get, column, build in _plan(lay, cls, columns):
        values = list(map(get, records))
        array, inexact = _exactly(build, values)
        written = shape_unstructurer(column.shape)  # as the record's JSON gives the field
        for row in inexact:
            kept.setdefault(row, {})[column.key] = written(values[row])
        whole = whole_floats(column.shape)
        if whole is not None:  # the column holds the number, _exact its form too
            for row in whole_number_rows(array):
                if values[row] is not None and whole(values[row]):
                    kept.setdefault(row, {})[column.key] = written(values[row])
        if column.flat:
            arrays.update(zip(column.names(), array.flatten(), strict=True))
        else:
            arrays[column.name] = array
    count = len(records)
    exact: list[str | None] = [None] * count
    for row, fields in kept.items():
        exact[row] = orjson.dumps(fields).decode()
    arrays["type"] = pa.array([tag] * count, pa.string())
    arrays[EXACT] = pa.array(exact, pa.string())
    return pa.Table.from_arrays(
        [arrays[f.name] if f.name in arrays else pa.nulls(count, f.type) for f in schema],
        schema=schema,
    )


def record_tables(records: Iterable[Any]) -> dict[str, pa.Table]:
    """The record tables of ``records`` (every table, empty ones too)."""
    pa = arrow()
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        table = table_of(record)
        tag = record.tag if table == UNKNOWN else _registry.tag_of(type(record))
        grouped[table][tag].append(record)
    out: dict[str, Any] = {}
    for table in KINDS:
        lay = layout(table)
        schema = lay.schema()
        parts = [_class_table(lay, tag, rows, schema) for tag, rows in grouped[table].items()]
        out[table] = pa.concat_tables(parts) if parts else schema.empty_table()
    unknown = [r for rows in grouped[UNKNOWN].values() for r in rows]
    out[UNKNOWN] = pa.Table.from_pylist(
        [
            {
                "type": r.tag if isinstance(r.tag, str) else None,
                "id": r.id if isinstance(r.id, str) else None,
                "json": orjson.dumps(r.to_dict()).decode(),
            }
            for r in unknown
        ],
        schema=unknown_schema(),
    )
    return out


def tables(records: Iterable[Any]) -> dict[str, pa.Table]:
    """Every table of ``records``: the record tables, then the link tables."""
    out = record_tables(records)
    out.update(link_tables(out))
    return out


# --- tables to records ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Read:
    """What `read_tables` read: the good records, the report, the rows refused.

    ``refused``: the table and row of each row refused, by its id (`id_key`),
    the first if several; ``rows``: the row of each of ``records`` in its
    table (`table_of`), in the same order; 8 bytes a record, to place the
    problems found later.
    """

    records: list[Any]
    report: Report
    refused: Mapping[Any, tuple[str, int]] = attrs.field(factory=dict)
    rows: array[int] = attrs.field(factory=lambda: array("q"))

    def places(self, ids: set[str]) -> dict[str, tuple[str, int]]:
        """The table and row of each record of ``ids``, by id (one pass over the records)."""
        return {
            record.id: (table_of(record), row)
            for record, row in zip(self.records, self.rows, strict=True)
            if record.id in ids
        }


Wire = tuple[Any, list[Problem]]
"""A row made into a record's wire form, and the problems of the cells it could not read."""


Reader = Callable[[dict[str, Any]], Wire]

_READERS: dict[tuple[int, str, tuple[str, ...]], tuple[Layout, Reader]] = {}
"""Readers made, by layout (its id: layouts are not hashable), tag and columns."""


def _reader(lay: Layout, tag: str, names: list[str]) -> Reader:
    """The reader of rows of ``tag`` in a table of ``names`` (`_new_reader`), made once."""
    key = (id(lay), tag, tuple(names))
    found = _READERS.get(key)
    if found is not None and found[0] is lay:  # the entry holds its layout: its id is not reused
        return found[1]
    if len(_READERS) >= 1_024:
        _READERS.clear()
    return _READERS.setdefault(key, (lay, _new_reader(lay, tag, names)))[1]


def _new_reader(lay: Layout, tag: str, names: list[str]) -> Reader:
    """The generated function making a row of ``tag`` into its wire form; ``names``: the columns."""
    from eventkit._fields import describe  # noqa: PLC0415 - memoized look-up

    cls, laid = lay.classes[tag]
    defaults = {f.key: f.default for f in describe(cls).fields}
    present = set(names)
    claimed = RESERVED.union(*(column.names() for column in laid))
    own = [_as_named(column, tag, present, claimed) for column in laid]
    code = Code()
    code.add(0, "def read(row):", f"    wire = {{'type': {tag!r}}}", "    problems = []")
    for column in own:
        default = defaults[column.key]
        if column.flat:  # the parts given: only those are compared with the date
            if f"{column.name}_edtf" not in present:
                continue
            parts = [p for p in DATE_PARTS if f"{column.name}_{p}" in present]
            given = ", ".join(f"{p!r}: row.get({column.name + '_' + p!r})" for p in parts)
            code.add(1, f"v = {{{given}}}")
            code.add(1, f"if {' and '.join(f'v[{p!r}] is None' for p in parts)}:", "    v = None")
        elif column.name in present:
            code.add(1, f"v = row.get({column.name!r})")
        else:
            continue
        put_lines(code, 1, column.key, column.shape, default)
    mine = {name for c in own for name in c.names()} | {"type", EXACT} | DERIVED
    foreign = {name: _key_of(lay, name) for name in names if name not in mine}
    if foreign:  # not this class's fields: loading reports them
        code.add(1, f"if not row.keys() <= {code.name(frozenset(mine), 'MINE')}:")
        code.add(2, "for name, value in row.items():")
        code.add(3, f"other = {code.name(foreign, 'FOREIGN')}.get(name)")
        code.add(3, "if other is not None and value is not None:", "    wire[other] = value")
    if YEAR in present and "when_edtf" in present:  # a year made from when_earliest
        code.add(
            1,
            f"wrong = {code.name(year_differs, 'year_differs')}(row.get('when_edtf'), "
            f"row.get({YEAR!r}))",
        )
        code.add(1, "if wrong is not None:", "    problems.append(wrong)")
    exact_keys = {column.key: column.shape for column in own}
    columns = frozenset(column.key for column in own if not column.flat and column.name in present)
    code.add(1, f"kept = row.get({EXACT!r})", "if kept is not None:")  # "" is read, and refused
    code.add(
        2,
        f"{code.name(_add_exact, 'add_exact')}(wire, kept, problems, "
        f"{code.name(exact_keys, 'EXACT_KEYS')}, columns={code.name(columns, 'COLUMNS')})",
    )
    code.add(1, "return wire, problems")
    read: Reader = code.compile("read", f"rows of {tag}")
    return read


def _as_named(column: Column, tag: str, present: Container[str], claimed: Set[str]) -> Column:
    """``column`` under the name the table gives it.

    Which fields share a column depends on the classes registered when the
    table was made: a field ``level`` of ``news.beta`` is in ``level`` if
    no earlier class had a ``level`` of another shape, else in
    ``level__news_beta``. A table made where they were not all registered
    is read by the name it has: the one for ``tag`` alone first. ``claimed``:
    the columns of the class's fields here, and those eventkit gives; a
    name among them is not this field's.
    """
    for name in (renamed(column.key, tag), column.name, column.key):
        named = attrs.evolve(column, name=name)
        mine = name == column.name or claimed.isdisjoint(named.names())
        if mine and any(part in present for part in named.names()):
            return named
    return column


def _add_exact(
    wire: dict[str, Any],
    kept: Any,
    problems: list[Problem],
    keys: Mapping[str, Shape] | None = None,
    *,
    only: bool = True,
    columns: Set[str] = frozenset(),
) -> None:
    """Add to ``wire`` the fields ``_exact`` keeps as JSON (its problems to ``problems``).

    ``keys``: the fields ``_exact`` may hold, the class's own, by key with
    their shapes (None: any, for
    rows of a type not known here; ``only=False``: any, those of ``keys``
    with their shapes). Any other, ``type`` above all, would make
    the row another record than its columns say: it is ``unknown_field``. A
    field whose column holds a value too must hold this value, as its column
    reads it (a whole float, ``50.0``, is read from its column as ``50``):
    ``_exact`` then gives its form. Else it is given twice: ``duplicate_key``;
    so it is too when the field's column (one of ``columns``, those in the
    table) is null and holds such a value (`column_holds`).
    """
    if kept is None:
        return
    try:
        fields = json_cell(kept) if isinstance(kept, str) else kept
    except Unreadable as error:  # a key twice is at its field; text that is not JSON, at _exact
        problems.extend(p if p.loc else p.at(EXACT) for p in error.problems)
        return
    if not isinstance(fields, dict):
        message = "expected the JSON text of an object of fields"
        problems.append(Problem(loc=(EXACT,), code="invalid_type", message=message, input=kept))
        return
    for key, value in fields.items():
        if only and keys is not None and key not in keys:
            message = f"_exact keeps only fields of the row's type ({wire['type']!r}), not this one"
            problems.append(
                Problem(loc=(EXACT, key), code="unknown_field", message=message, input=value)
            )
        elif wire.get(key) is not None and not read_alike(
            value, wire[key], None if keys is None else keys.get(key)
        ):
            message = (
                "given both in its column and in _exact, and they differ; only one value "
                "could be kept, so none is"
            )
            problems.append(
                Problem(loc=(key,), code="duplicate_key", message=message, input=[wire[key], value])
            )
        elif (
            wire.get(key) is None
            and key in columns
            and keys is not None
            and column_holds(keys[key], value)
        ):
            message = (
                "given in _exact while its column, which holds such a value, is null; only one "
                "value could be kept, so none is"
            )
            problems.append(
                Problem(loc=(key,), code="duplicate_key", message=message, input=[None, value])
            )
        else:
            wire[key] = value


def _key_of(lay: Layout, name: str) -> str:
    for column in lay.columns:
        if name in column.names():
            return column.key
    return name


def _generic(lay: Layout, names: list[str], described: Described) -> Reader:
    """Rows whose tag no class here has: the record as it was written, to keep or to report.

    The base class's fields are read as its rows are, and left out at
    their defaults, as JSON leaves them out. Any other column with a value
    holds a field of the row's own class, whose shape is not known here.
    The table's metadata says how each column of the class holds its field
    (``described``, by tag, from `FIELDS`): it is read as where the class is
    registered. A table without it (a frame, one written by an eventkit
    before it) is read as well as can be: a flattened date's columns
    (``until_edtf``, …) give its date, a column renamed for the class
    (``year__rally_march``) its key, and a cell its JSON (`_as_json`). A
    field that is null or empty is left out, as a default; a value nested
    in one keeps its children at their defaults (they cannot be told from
    others without the class). ``_exact`` gives the form of the values it
    keeps.
    """
    from eventkit._fields import describe  # noqa: PLC0415 - memoized look-up

    base_tag = _registry.tag_of(lay.base)
    base_class, base_columns = lay.classes[base_tag]
    base_names = {name for column in base_columns for name in column.names()}
    base = _reader(lay, base_tag, [name for name in names if name in base_names or name == YEAR])
    base_fields = describe(base_class).fields
    shapes = {f.key: f.shape for f in base_fields}
    defaults = [(f.key, written_default(f)) for f in base_fields]
    others = [n for n in names if n not in base_names and n not in RESERVED and n not in DERIVED]
    dates = {n[: -len("_edtf")] for n in others if n.endswith("_edtf")}
    dated = {f"{prefix}_{part}": prefix for prefix in dates for part in DATE_PARTS}
    fields = list(dict.fromkeys(dated.get(name, name) for name in others))  # in column order

    def read(row: dict[str, Any]) -> Wire:
        tag = row.get("type")
        wire, problems = base({k: v for k, v in row.items() if k != EXACT})
        wire["type"] = tag
        own = renamed("", tag) if isinstance(tag, str) else None  # "__rally_march"
        columns = described.get(tag, {}) if isinstance(tag, str) else {}
        for name in fields:
            if name in columns:
                cell = row.get(name)
                if name in dates:
                    cell = {p: row.get(f"{name}_{p}") for p in DATE_PARTS}
                    cell = None if all(v is None for v in cell.values()) else cell
                try:
                    put_described(wire, columns[name], cell)
                except Unreadable as error:
                    problems.extend(error.problems)
                continue
            key = name[: -len(own)] if own and name.endswith(own) else name
            try:
                if name in dates:
                    value = date_wire({p: row.get(f"{name}_{p}") for p in DATE_PARTS})
                else:
                    value = _as_json(row.get(name))
            except Unreadable as error:
                problems.extend(p.at(key) for p in error.problems)
                continue
            if value is not None and value != []:
                wire[key] = value
        _add_exact(wire, row.get(EXACT), problems, shapes, only=False)
        for key, default in defaults:
            if key in wire and wire[key] == default:
                del wire[key]
        return wire, problems

    return read


def _as_json(cell: Any) -> Any:
    """A cell of a field whose shape is not known here, as the field's JSON.

    A whole float is an int, as reading makes one (``_exact`` keeps its
    form); a struct's null or empty children are left out, as a field's
    are (an empty map is an empty list here: it cannot be written back as
    either without the class); a map (pairs) is an object; a struct of a
    date's parts is the date.
    """
    if type(cell) is float:
        return number(cell)
    if isinstance(cell, dict):
        if cell.keys() == _DATE_CHILDREN:
            return date_wire(cell)
        return {
            key: _as_json(value) for key, value in cell.items() if value is not None and value != []
        }
    if isinstance(cell, list):
        if cell and all(type(item) is tuple and len(item) == 2 for item in cell):
            return {key: _as_json(value) for key, value in cell}
        return [_as_json(item) for item in cell]
    return cell


_DATE_CHILDREN: Final = frozenset(DATE_PARTS)

Described: TypeAlias = "Mapping[str, Mapping[str, DescribedField]]"
"""How each type's own columns hold its fields, by tag and column (`described_field`)."""


def _described(
    table: str, metadata: Mapping[bytes, bytes] | None
) -> tuple[Described, list[Problem]]:
    """How the types' own columns of ``table`` hold their fields, as its schema's metadata says.

    A table without it is read without it (`_generic`); metadata that is
    not what eventkit writes is a problem, for the rows of a type not
    registered here could not be read as written.
    """
    given = None if metadata is None else metadata.get(FIELDS)
    if given is None:
        return {}, []
    try:
        tags = orjson.loads(given)
        if not isinstance(tags, dict) or not all(isinstance(c, dict) for c in tags.values()):
            raise BadEncoding(tags)
        return {
            tag: {name: described_field(field) for name, field in columns.items()}
            for tag, columns in tags.items()
        }, []
    except (orjson.JSONDecodeError, BadEncoding):
        message = (
            f"the schema's {FIELDS.decode()} metadata is not what eventkit writes: the rows of "
            "a type not registered here cannot be read as written"
        )
        return {}, [
            Problem(
                loc=(table,),
                code="invalid_value",
                message=message,
                input=given.decode(errors="replace"),
            )
        ]


def _unknown_rows(rows: Iterable[dict[str, Any]]) -> Iterator[Wire]:
    for row in rows:
        text = row.get("json")
        try:
            yield (json_cell(text) if isinstance(text, str) else text), []
        except Unreadable as error:  # a key twice is at its field; text that is not JSON, the row's
            yield None, error.problems


Given: TypeAlias = "tuple[list[str], Iterable[dict[str, Any]]] | pa.Table"
"""A table to read: its column names and rows (plain values), or an Arrow table."""


def arrow_table(value: Any) -> pa.Table | None:
    """An Arrow table or record batch as a table; None for anything else."""
    pa = arrow()
    if isinstance(value, pa.RecordBatch):
        return pa.Table.from_batches([value])
    return value if isinstance(value, pa.Table) else None


def _metadata_of(
    name: str, given: Given, metadata: Mapping[str, Mapping[bytes, bytes] | None] | None
) -> Mapping[bytes, bytes] | None:
    """The schema metadata of the table ``name``: an Arrow table's own, else from ``metadata``."""
    if not isinstance(given, tuple):
        return given.schema.metadata  # type: ignore[no-any-return]
    return None if metadata is None else metadata.get(name)


def _names_and_rows(given: Given) -> tuple[list[str], Iterable[dict[str, Any]]]:
    return given if isinstance(given, tuple) else (given.column_names, table_rows(given))


def read_rows(
    tables: Mapping[str, Given],
    *,
    keep_unknown: bool = False,
    metadata: Mapping[str, Mapping[bytes, bytes] | None] | None = None,
) -> Read:
    """Load the records of ``tables``: each one's column names and rows (plain values), streaming.

    Problems are placed at their table and row: ``$.events[3].title``; a
    second, different record with an id is ``duplicate_id``; an equal one
    is kept once, with a ``duplicate_record`` warning. Link tables are
    derived from the record tables and not read, but compared with them: a
    record whose link rows say otherwise is ``link_differs`` (a link table
    given as an Arrow table is compared column-wise first, row by row only
    if it differs). A table of another name is a problem. References
    between the records are not checked here: ``Dataset.check`` does it.
    """
    links = {link.table for link in LINKS}
    records: dict[str, Any] = {}
    where: dict[str, int] = {}  # the row of each record kept, in its table
    problems: list[Problem] = []
    warnings: list[Problem] = []
    given_links: dict[str, Given] = {}
    refused: dict[Any, tuple[str, int]] = {}  # rows refused: their link rows are not news
    count = 0
    with gc_paused():  # many new objects at once, as in from_dicts
        for name, table in tables.items():
            names, rows = _names_and_rows(table)
            repeated = _repeated_columns(name, names)
            if repeated:  # no row of it can be read whole: none is read
                problems.extend(repeated)
                for row, given in enumerate(rows):
                    count += name not in links
                    refused.setdefault(id_key(given.get("id")), (name, row))
                continue
            if name in links:
                given_links[name] = (names, list(rows)) if isinstance(table, tuple) else table
                continue
            wires = _wires(name, names, rows, _metadata_of(name, table, metadata), problems)
            if wires is None:
                known = ", ".join([*KINDS, UNKNOWN])
                message = f"not a table of eventkit records; known: {known}"
                problems.append(Problem(loc=(name,), code="unknown_table", message=message))
                continue
            for row, (wire, unread) in enumerate(wires):
                count += 1
                found, record = unread, None
                if not (wire is None and unread):  # a row not read at all has only its problems
                    try:
                        record = from_dict(Record, wire, keep_unknown=keep_unknown)
                    except ValidationError as error:
                        found = _with_unread(unread, error.problems)
                    except Exception as error:  # a bug, in a user's validator say
                        _note_where(error, wire, loc=(name, row))
                        raise
                if found or record is None:
                    given_id = wire.get("id") if isinstance(wire, dict) else None
                    problems.extend(_named(p.at(name, row), given_id) for p in found)
                    refused.setdefault(id_key(given_id), (name, row))
                    continue
                first = records.setdefault(record.id, record)
                if first is record:
                    where[record.id] = row
                    continue
                again = _again(first, record, name, row, where[record.id])
                (warnings if again.code == "duplicate_record" else problems).append(again)
    if given_links:
        problems.extend(_links_differing(given_links, records, refused))
    return Read(
        records=list(records.values()),
        report=Report(problems=problems, records=count, warnings=warnings),
        refused=refused,
        rows=array("q", map(where.__getitem__, records)),
    )


def _links_differing(
    given: Mapping[str, Given], records: dict[str, Any], refused: Container[Any]
) -> list[Problem]:
    """Where the link tables ``given`` say other than the tables ``records`` make.

    An Arrow table found equal column-wise is not made into rows.
    """
    made = link_tables(record_tables(records.values()))
    differing = {
        name: (names, list(rows))
        for name, table in given.items()
        if isinstance(table, tuple) or not tables_agree({name: table}, made)
        for names, rows in [_names_and_rows(table)]
    }
    return link_problems(differing, made, records, refused)


def _named(problem: Problem, record_id: Any) -> Problem:
    """``problem`` naming the record of its row, as loading's own problems do."""
    if problem.record is not None or type(record_id) is not str:
        return problem
    return attrs.evolve(problem, record=record_id)


def _wires(
    name: str,
    names: list[str],
    rows: Iterable[dict[str, Any]],
    metadata: Mapping[bytes, bytes] | None,
    problems: list[Problem],
) -> Iterable[Wire] | None:
    """The rows of the record table ``name`` made into wire records; None for another name.

    ``metadata``: the table's schema's (`_described`); its problems are added to ``problems``.
    """
    if name == UNKNOWN:
        return _unknown_rows(rows)
    if name in KINDS:
        described, unreadable = _described(name, metadata)
        problems.extend(unreadable)
        return _records_of(layout(name), names, rows, described)
    return None


def _again(first: Any, record: Any, table: str, row: int, first_row: int) -> Problem:
    """A record whose id was read before: the same record again (a warning), or another."""
    at = f"$.{table_of(first)}[{first_row}]"
    if first == record:
        message = f"the same record again (as at {at}): it is kept once"
        return Problem(loc=(table, row), code="duplicate_record", message=message, record=record.id)
    message = f"another, different record with this id is at {at}"
    return Problem(
        loc=(table, row, "id"),
        code="duplicate_id",
        message=message,
        input=record.id,
        record=record.id,
    )


def _repeated_columns(table: str, names: list[str]) -> list[Problem]:
    """The problems of the column names ``names`` gives more than once (a row keeps one value)."""
    counts = Counter(names)
    return [
        Problem(
            loc=(table, column),
            code="duplicate_key",
            message=(
                f"the column {column!r} is given {n} times in one table; a row can keep only "
                "one value, so the table is not read"
            ),
        )
        for column, n in counts.items()
        if n > 1
    ]


def _with_unread(unread: list[Problem], problems: Sequence[Problem]) -> list[Problem]:
    """The problems of the cells not read, then loading's but for the fields of those cells.

    A field whose cell was not read is left out of what is loaded, so
    loading may call it missing: what is wrong is said once, where it is.
    """
    fields = {p.loc[0] for p in unread if p.loc}
    return [*unread, *(p for p in problems if not (p.loc and p.loc[0] in fields))]


def _records_of(
    lay: Layout, names: list[str], rows: Iterable[dict[str, Any]], described: Described
) -> Iterator[Wire]:
    readers: dict[Any, Callable[[dict[str, Any]], Wire]] = {}
    generic = _generic(lay, names, described)
    for row in rows:
        tag = row.get("type")
        if type(tag) is not str:  # no class's tag: loading reports it
            yield generic(row)
            continue
        read = readers.get(tag)
        if read is None:
            read = _reader(lay, tag, names) if tag in lay.classes else generic
            readers[tag] = read
        yield read(row)


def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of every record table, as a Parquet save writes it.

    The installed plugins' types are loaded first, as the writer loads
    them, so the tables are those of every type registered, whether any
    record of it was read yet or not.

    Each registered event type's own fields are columns of ``events`` (a
    subclass's of a value class, children of its base's struct); a
    date field at the top of a table is flattened into ``{field}_edtf``,
    ``_text``, ``_start_text``, ``_end_text``, ``_earliest``, ``_latest``
    and ``_precision`` columns.

    Raises:
        MissingExtraError: pyarrow is not installed (the ``parquet`` extra).

    Examples:
        >>> import eventkit as ek
        >>> ek.columnar.schemas()["actors"].names[:4]
        ['type', 'id', 'identifiers', 'provenance']
        >>> participants = ek.columnar.schemas()["events"].field("participants").type
        >>> participants.value_type.names[:3]  # then a registered subclass's own fields
        ['actor', 'role', 'certainty']
    """
    _registry.load_plugins()  # as ParquetWriter does: the columns it writes
    out = {name: layout(name).schema() for name in KINDS}
    out[UNKNOWN] = unknown_schema()
    return out
