"""The text of a file an adapter reads: UTF-8, and where it is not, a problem saying where.

A file's bytes that are not UTF-8 (an ACLED export saved by a spreadsheet in
another encoding, a damaged line of a GDELT file) are reported as eventkit
reports a JSON Lines file that is not UTF-8: code ``invalid_encoding``, with
the byte and its offset, never a `UnicodeDecodeError`. A document read whole
(`read_text`) is a `ValidationError`. A table read row by row (`LineReader`:
ACLED's CSV, GDELT's tab-separated files) loses only the rows that are not
UTF-8: each row is decoded on its own, and each problem of the import is
placed at the file and the line of its row.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from eventkit import checks
from eventkit.exceptions import Problem, ValidationError
from eventkit.io._files import undecodable_utf8, utf16_file

if TYPE_CHECKING:  # only its type: the adapters hand their report in
    from eventkit.interop._report import ConversionReport, FieldOutcome

__all__ = [
    "CSV",
    "TSV",
    "Dialect",
    "Line",
    "LineReader",
    "Unreadable",
    "parse_json",
    "placed",
    "read_text",
]


def read_text(path: str | os.PathLike[str]) -> str:
    r"""The file's text, read as UTF-8 (a byte-order mark left out).

    Raises:
        ValidationError: the file is not UTF-8 (code ``invalid_encoding``).
        OSError: it cannot be read.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "latin.csv"
        >>> _ = path.write_bytes("C\xf4te d'Ivoire".encode("latin-1"))
        >>> try:
        ...     read_text(path)
        ... except ValidationError as error:
        ...     print(error.problems[0].code, "-", error.problems[0].message)
        invalid_encoding - not valid UTF-8: byte 0xf4 at byte offset 1 in the file (invalid continuation byte)
    """  # noqa: E501 - the doctest output is one line
    raw = Path(path).read_bytes()
    message = _not_utf8(raw, 0)
    if message is not None:
        file = os.fsdecode(path)
        raise ValidationError(
            [Problem(code="invalid_encoding", message=message, file=file)], title=file
        )
    return raw.decode("utf-8").removeprefix(codecs.BOM_UTF8.decode("utf-8"))


def parse_json(text: str, file: str, line: int) -> Any:
    """The JSON ``text``, starting on ``line`` of ``file`` (a document, or a line of JSON Lines).

    Raises:
        ValidationError: ``text`` is not JSON, or nested too deep to read (code
            ``invalid_json``, at the line where it stops being JSON).

    Examples:
        >>> try:
        ...     parse_json("[" * 100_000, "deep.json", 1)
        ... except ValidationError as error:
        ...     print(error.problems[0])
        deep.json:1: $: nested too deep to read [invalid_json]
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message, line = f"not JSON: {error.msg}", line + error.lineno - 1
    except RecursionError:  # the standard library's parser recurses once a level
        message = "nested too deep to read"
    problem = Problem(code="invalid_json", message=message, file=file, line=line)
    raise ValidationError([problem], title=file)


_GZIP_MAGIC: Final = b"\x1f\x8b"


def _not_utf8(raw: bytes, start: int) -> str | None:
    """Where ``raw``, at byte ``start`` of its file, is not UTF-8 (None: it is).

    At the file's start, a file that is plainly something else says what:
    the offset of a byte is no help with a gzip-compressed or UTF-16 file.
    """
    message = undecodable_utf8(raw, start, compressed=False)
    if message is None or start != 0:
        return message
    if raw.startswith(_GZIP_MAGIC):
        return (
            "the file is gzip-compressed: decompress it first (gunzip FILE) "
            "and read the file it gives"
        )
    return utf16_file(raw) or message  # as eventkit's own readers say it


class Dialect(NamedTuple):
    """How a table file's bytes split into rows of cells."""

    separator: bytes
    """What ends a cell and not its row."""
    line_break: re.Pattern[bytes]
    """One line break: the line a row starts on counts those of the rows before it."""
    cell: re.Pattern[bytes] | None = None
    """One cell of a file that quotes, and what ends it (group ``end``): the separator, a
    line break, the file's end. None: nothing is quoted, a row is a line (``\n`` ends it, a
    ``\r`` before it left out), its cells split at the separator.

    The cell is ``plain`` or, quoted, ``quoted`` (a quote in it written
    twice), ``closed`` (empty: no quote closes it) and ``after`` (text after
    its closing quote).
    """
    comment: re.Pattern[bytes] | None = None
    """A line skipped before the first row."""


CSV: Final = Dialect(
    # A quoted cell runs to the next quote not written twice, across line breaks, and to the
    # end of the file when no quote closes it. (Python's csv module limits a cell's length for
    # the whole process, and reads a quote never closed as if closed.)
    cell=re.compile(
        rb'(?:"(?P<quoted>[^"]*(?:""[^"]*)*)(?P<closed>"?)(?P<after>[^,\r\n]*)'
        rb"|(?P<plain>[^,\r\n]*))(?P<end>,|\r\n|\n|\r|\Z)"
    ),
    separator=b",",
    line_break=re.compile(rb"\r\n|\n|\r"),
    comment=re.compile(rb"#[^\r\n]*(?:\r\n|\n|\r)?"),
)
r"""CSV as pandas and spreadsheets write it: ``"`` quotes; ``\n``, ``\r\n`` or ``\r`` ends a row."""

TSV: Final = Dialect(separator=b"\t", line_break=re.compile(rb"\n"))
r"""GDELT's files: nothing is quoted; ``\n`` or ``\r\n`` ends a row (a lone ``\r`` is text)."""


class Line(NamedTuple):
    """A row of a file: where it starts, its cells, and why it cannot be read."""

    file: str
    number: int
    """The line it starts on, from 1."""
    cells: list[str]
    """Its cells; bytes that are not UTF-8 as lone surrogates (``surrogateescape``)."""
    fault: Problem | None
    """Why it cannot be read, at ``$``, its file and its line (None: it can be)."""


class Unreadable(NamedTuple):
    """A line of a file that cannot be read as a row: its cell naming the row (if an id) and why.

    `eventkit.interop._values.start_row` rejects it at ``$``.
    """

    row: str
    problem: Problem


class LineReader:
    r"""Reads the rows of table files line by line, and places each problem at its file and line.

    `lines` splits a file into rows, each decoded on its own; `rows` gives
    each row as its cells by column, or as `Unreadable`, in the order the
    adapter reads them (their positions counted on from one file to the
    next); `placed` gives the adapter's report with each problem at the
    file and the line of its row.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "rows.tsv"
        >>> _ = path.write_bytes(b"e1\t2024\n\ne2\t20\xf424\n")
        >>> reader = LineReader(TSV)
        >>> rows = reader.rows(reader.lines(path), lambda cells: dict(zip("ab", cells)), id_cell=0)
        >>> rows[0]
        {'a': 'e1', 'b': '2024'}
        >>> print(rows[1].row, rows[1].problem)  # doctest: +ELLIPSIS
        e2 /.../rows.tsv:3: $: not valid UTF-8: byte 0xf4 at byte offset 14 in the file (invalid continuation byte) [invalid_encoding]
    """  # noqa: E501 - the doctest output is one line

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self._where: list[tuple[str, int | None]] = []  # the file and line of each row given

    def lines(self, path: str | os.PathLike[str]) -> Iterator[Line]:
        """The rows of the file; a byte-order mark, blank lines and comment lines left out.

        A row with bytes that are not UTF-8 (``invalid_encoding``), a quote
        never closed or text after a closing quote has a fault.

        Raises:
            OSError: the file cannot be read.
        """
        file, raw, dialect = os.fsdecode(path), Path(path).read_bytes(), self.dialect
        position = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        number = 1
        while dialect.comment is not None and (comment := dialect.comment.match(raw, position)):
            position, number = comment.end(), number + 1
        while position < len(raw):
            start, cells, fault, quoted = position, [], None, None
            if dialect.cell is None:  # a row is a line, split at once (20x a cell at a time)
                end = raw.find(b"\n", position)
                position = len(raw) if end < 0 else end + 1
                line = raw[start : len(raw) if end < 0 else end].removesuffix(b"\r")
                cells = line.split(dialect.separator)
            while dialect.cell is not None:
                cell = dialect.cell.match(raw, position)
                assert cell is not None  # every part of the pattern can match nothing
                position = cell.end()
                quoted = cell["quoted"]  # None: a plain cell
                if quoted is None:
                    cells.append(cell["plain"])
                else:
                    cells.append(quoted.replace(b'""', b'"'))
                    fault = fault or _quote_fault(cell, len(cells))
                if cell["end"] != dialect.separator:
                    break
            undecodable = _not_utf8(raw[start:position], start)
            if undecodable is not None:
                fault = fault or Problem(code="invalid_encoding", message=undecodable)
            if cells != [b""] or quoted is not None:  # not a blank line
                texts = [text.decode("utf-8", "surrogateescape") for text in cells]
                placed = None if fault is None else attrs.evolve(fault, file=file, line=number)
                yield Line(file, number, texts, placed)
            number += len(dialect.line_break.findall(raw, start, position))

    def rows(
        self,
        lines: Iterable[Line],
        fit: Callable[[list[str]], Mapping[str, str] | Problem],
        *,
        id_cell: int,
    ) -> list[Mapping[str, str] | Unreadable]:
        """Each line's cells by column (``fit``), or `Unreadable`: its fault, or why they fit not.

        An unreadable line is named by its cell number ``id_cell`` (from 0), if that is an id.
        """
        given: list[Mapping[str, str] | Unreadable] = []
        for line in lines:
            fitted = line.fault or fit(line.cells)
            if isinstance(fitted, Problem):
                named = line.cells[id_cell] if id_cell < len(line.cells) else ""
                given.append(Unreadable("" if checks.record_id(named) else named, fitted))
            else:
                given.append(fitted)
            self._where.append((line.file, line.number))
        return given

    def placed(self, report: ConversionReport) -> ConversionReport:
        """The report with each problem at the file and the line of its row (by its index)."""
        return placed(report, self._where)


def placed(report: ConversionReport, where: Sequence[tuple[str, int | None]]) -> ConversionReport:
    """The report with each problem at the file and line (None: none) of its row, by its index."""

    def place(outcome: FieldOutcome) -> FieldOutcome:
        if outcome.problem is None:
            return outcome
        file, line = where[outcome.index]
        problem = attrs.evolve(outcome.problem, file=file, line=line)
        return attrs.evolve(outcome, problem=problem)

    return attrs.evolve(report, fields=[place(outcome) for outcome in report.fields])


def _quote_fault(cell: re.Match[bytes], number: int) -> Problem | None:
    """Why the quoted cell ``number`` of a row cannot be read, or None."""
    if not cell["closed"]:
        message = (
            f"the quote that opens cell {number} is never closed: "
            "the rest of the file is in that cell"
        )
        return Problem(code="invalid_value", message=message)
    if cell["after"]:
        message = (
            f"text after the quote that closes cell {number}: "
            "a quoted cell ends at its closing quote"
        )
        after = cell["after"].decode("utf-8", "backslashreplace")
        return Problem(code="invalid_value", message=message, input=after)
    return None
