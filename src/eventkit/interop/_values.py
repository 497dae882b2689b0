"""Cell values as tables hold them: empty strings, NaN, numpy numbers, numbers as text.

CSV gives every value as text; pandas gives NaN for an empty cell, numpy
integers for a number column and ``Timestamp`` for a parsed date. The
adapters start every row with `start_row`, which reads it with `read_cells`,
so a row from ``csv.DictReader`` and one from ``DataFrame.to_dict("records")``
import alike, and a cell no table holds (a list, bytes, text that is not
Unicode) is a `Problem` to report, never an exception or a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, NamedTuple

from eventkit import checks
from eventkit._ids import make_id
from eventkit._json_keys import repeated
from eventkit._limits import current, over_limits
from eventkit._validated import EMPTY_MAPPING
from eventkit.exceptions import Problem, _encodable
from eventkit.interop._text import Unreadable

if TYPE_CHECKING:  # the adapters hand their recorder in: _report is a sibling, never imported
    from eventkit.interop._report import Recorder

__all__ = [
    "Cells",
    "is_absent",
    "plain",
    "read_cell",
    "read_cells",
    "read_float",
    "read_id",
    "read_int",
    "row_id",
    "rows_given",
    "start_row",
    "write_number",
]

_NUMPY_TIMES = ("datetime64", "timedelta64")


def plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else as it is.

    Examples:
        >>> plain(3), plain("x")
        (3, 'x')
    """
    kind = type(value)
    # A scalar only (an array is no cell), and no datetime64: its item() may be nanoseconds.
    if kind.__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        return value if kind.__name__ in _NUMPY_TIMES else value.item()
    return value


def is_absent(value: Any) -> bool:
    """Whether a cell is empty: None, ``""``, NaN, or pandas' NA and NaT.

    Examples:
        >>> [is_absent(v) for v in (None, "", float("nan"), 0, " x")]
        [True, True, True, False, False]
    """
    value = plain(value)
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # Compared by name (pandas is optional); never with ==, which pd.NA answers with NA.
    return type(value).__name__ in ("NAType", "NaTType")


def read_cell(value: Any) -> str | Problem:  # noqa: PLR0911 - one exit per kind of value
    """A cell as the text a CSV reader gives, or the `Problem` why no table cell holds it.

    Empty cells (`is_absent`) are ``""``; whole floats are written without a
    decimal point (`write_number`); a date or a time at midnight without a
    time zone is its ISO date (pandas parses ``"2016-07-01"`` so), any other
    datetime its ISO form. Text is given as it is, unless it is not Unicode
    (a lone surrogate): no CSV file can hold it; or unless it is longer
    than `eventkit.limits` allow (``too_long``): the record made of it could
    be saved but not loaded.

    Examples:
        >>> read_cell(3.0), read_cell(float("nan")), read_cell(True)
        ('3', '', 'True')
        >>> print(read_cell([1]))
        $: expected text or a number, got [1] [invalid_type]
    """
    value = plain(value)
    if is_absent(value):
        return ""
    if isinstance(value, str):
        text: str = str.__str__(value)  # a str subclass's text, not what its str() shows
        try:
            text.encode()
        except UnicodeEncodeError:
            message = "must be valid Unicode text (no lone surrogates)"
            return Problem(code="invalid_value", message=message, input=text)
        if len(text) > current().max_string:  # what loads from JSON, no more
            return over_limits(text)[0]
        return text
    if isinstance(value, float):
        return write_number(value)
    if isinstance(value, datetime):
        midnight = value.tzinfo is None and value.time() == time()
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more digits than sys.get_int_max_str_digits() allows
            pass
    return Problem(code="invalid_type", message="expected text or a number", input=value)


def rows_given(rows: Any, name: str) -> Iterable[Any]:
    """``rows``, if a program could mean them as rows: a `TypeError` saying so if not.

    One mapping, text, or a value that cannot be iterated is a mistake in
    the program, not in the data (a mapping would be read as its keys).

    Examples:
        >>> rows_given({"event_id_cnty": "A1"}, "rows")
        Traceback (most recent call last):
        ...
        TypeError: rows must be an iterable of rows (mappings of column name to cell, as csv.DictReader or DataFrame.to_dict("records") give), not dict
    """  # noqa: E501 - the doctest output is one line
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        msg = (
            f"{name} must be an iterable of rows (mappings of column name to cell, as "
            f'csv.DictReader or DataFrame.to_dict("records") give), not {type(rows).__name__}'
        )
        raise TypeError(msg)
    return rows


def read_cells(raw: Mapping[Any, Any]) -> tuple[dict[str, str], dict[str, Problem]]:
    r"""A row's cells as text by column name, and the cells that cannot be read by their field.

    A cell cannot be read when `read_cell` says so, or when its column name
    is not Unicode text (``csv.DictReader`` puts the cells beyond the header
    under ``None``). Each problem is at its field: the column name, its
    repr when it is not a ``str``, lone surrogates escaped (``\ud800``).

    Examples:
        >>> cells, rejected = read_cells({"a": 1.0, "b": None, None: ["x"], "c": b"x"})
        >>> cells
        {'a': '1', 'b': ''}
        >>> [str(problem) for problem in rejected.values()]
        ['$: expected a column name as text, got None [invalid_type]', "$: expected text or a number, got b'x' [invalid_type]"]
    """  # noqa: E501 - the doctest output is one line
    cells: dict[str, str] = {}
    rejected: dict[str, Problem] = {}
    for key, value in raw.items():
        field = _encodable(key) if isinstance(key, str) else repr(key)
        if not isinstance(key, str):
            message = "expected a column name as text"
            rejected[field] = Problem(code="invalid_type", message=message, input=key)
        elif field != key:
            message = "a column name must be valid Unicode text (no lone surrogates)"
            rejected[field] = Problem(code="invalid_value", message=message, input=key)
        elif isinstance(text := read_cell(value), Problem):
            rejected[field] = text
        else:
            cells[key] = text
    return cells, rejected


def row_id(cells: Mapping[str, str], *, prefix: str) -> str:
    """A stable id for a row that has none: a hash of its column names and cells.

    The names and cells are hashed in the order of the names, so the same
    row gives the same id whatever the order of its columns, and two rows
    with the same cells under other columns differ.

    Examples:
        >>> row_id({"b": "2", "a": "1"}, prefix="acled")
        'acled-d37f8a79e6948a5c4ec1'
        >>> row_id({"a": "1", "b": "2"}, prefix="acled")
        'acled-d37f8a79e6948a5c4ec1'
        >>> row_id({"a": "2", "b": "1"}, prefix="acled")
        'acled-178a59cd5532953b14af'
    """
    parts = [part for item in sorted(cells.items()) for part in item]
    return make_id(*(parts or [""]), prefix=prefix)  # make_id needs a part, even for {}


class Cells(NamedTuple):
    """A row's cells by column name, as `start_row` gives them."""

    read: dict[str, str]
    """The cells to read, as text by column name."""
    kept: dict[str, str]
    """The cells of a column given under two names, by the names given: none is read, all kept."""


def _told_apart(read: Mapping[str, str], also: Sequence[str]) -> str:
    """The first cell of ``also`` that is not empty, after its column unless it is the first."""
    for number, column in enumerate(also):
        if read.get(column):
            return read[column] if number == 0 else f"{column}={read[column]}"
    return ""


def start_row(
    raw: Any,
    index: int,
    recorder: Recorder,
    *,
    id_column: str,
    tag: str = "",
    columns: Mapping[str, str] = EMPTY_MAPPING,
    also: Sequence[str] = (),
) -> Cells | None:
    """Start the row ``raw`` in the report and give its cells (None: it is not a row).

    The row is named by ``tag`` and its ``id_column`` cell (``mention:5``),
    or ``#index`` when both are empty. Rows that share it are duplicates
    when they share the first of their ``also`` cells that is not empty too
    (a mention's article: its identifier, else its name; the key names a
    column other than the first). An item that is not a row (a
    mapping), or a line of a file that cannot be read as one (`Unreadable`,
    named by its id), is rejected at ``$``; a cell that cannot be read
    (`read_cells`) at its column. ``columns`` gives a column name by its
    lower-cased form (gdeltPyR lower-cases GDELT's names). A column given
    under two names with a value under each is rejected (``duplicate_key``):
    only one value could be read, so none is, and the cells are kept as
    given (`Cells.kept`). An empty cell under another name gives no value.

    Examples:
        >>> from eventkit.interop._report import Recorder
        >>> recorder = Recorder(format="demo", direction="import")
        >>> start_row({"ID": "a", "id": "b", "name": "x"}, 0, recorder, id_column="id",
        ...           columns={"id": "ID", "name": "Name"})
        Cells(read={'Name': 'x'}, kept={'ID': 'a', 'id': 'b'})
        >>> print(recorder.report().fields[0])
        row '#0' (#0): ID rejected: $.ID: the column 'ID' is given 2 times in one row (names that differ only in case are one column); only one value could be read, so none is, got ['ID', 'id'] [duplicate_key]
    """  # noqa: E501 - the doctest output is one line
    if not isinstance(raw, Mapping):
        if not isinstance(raw, Unreadable):
            message = "expected a row: a mapping of column name to cell"
            raw = Unreadable("", Problem(code="invalid_type", message=message, input=raw))
        recorder.start(f"{tag}{raw.row}" or f"#{index}", index)
        recorder.rejected("$", raw.problem)
        return None
    cells, unreadable = read_cells(raw)
    filled = [key for key in (*cells, *unreadable) if cells.get(key) != ""]  # unreadable: not ""
    twice = repeated((columns[key.lower()], key) for key in filled if key.lower() in columns)
    read: dict[str, str] = {}
    kept: dict[str, str] = {}
    for key, text in cells.items():
        column = columns.get(key.lower(), key)
        if column not in twice:
            if text or column not in read:  # an empty cell under another name gives no value
                read[column] = text
        elif text:
            kept[key] = text
    name = f"{tag}{read.get(id_column, '')}" or f"#{index}"
    recorder.start(name, index, key=f"{name} {_told_apart(read, also)}" if also else None)
    for field, problem in unreadable.items():
        column = columns.get(field.lower(), field)
        recorder.rejected(column, problem.at(column))
    for column, names in twice.items():
        message = (
            f"the column {column!r} is given {len(names)} times in one row (names that differ "
            "only in case are one column); only one value could be read, so none is"
        )
        problem = Problem(loc=(column,), code="duplicate_key", message=message, input=names)
        recorder.rejected(column, problem)
    return Cells(read, kept)


def read_id(
    cells: Mapping[str, str],
    column: str,
    *,
    prefix: str,
    reject: Callable[[str, Problem], None],
    recorder: Recorder,
) -> tuple[str, str]:
    """The row's id in the source (``""``: none), and the id of the record made of it.

    The source's id is the ``column`` cell, if a record can have it. If
    not, each problem with it goes to ``reject`` (the adapter keeps the
    cell); then, or when the row has none, the record gets an id made from
    its cells (`row_id`), reported as changed.

    Examples:
        >>> from eventkit.interop._report import Recorder
        >>> recorder = Recorder(format="demo", direction="import")
        >>> recorder.start("#0", 0)
        >>> read_id({"id": "a b"}, "id", prefix="demo", recorder=recorder,
        ...         reject=lambda column, problem: print(column, problem.code))
        id invalid_value
        ('', 'demo-9bd8135663389fe81694')
    """
    given = cells.get(column, "")
    problems = checks.record_id(given) if given else None
    for problem in problems or ():
        reject(column, problem)
    if given and not problems:
        return given, given
    made = row_id(cells, prefix=prefix)
    reason = f"no {column} to use: an id made from the row's column names and cells"
    recorder.changed(column, "Event.id", "", made, reason)
    return "", made


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
            try:
                return int(text)
            except ValueError:  # more digits than sys.get_int_max_str_digits() allows
                return None
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
