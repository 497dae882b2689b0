"""eventkit.interop._text: bytes that are not UTF-8 are a problem saying where, never an exception.

A document that is not UTF-8 is a ValidationError; a line of a table that is not is rejected
at its line, and the other lines are read.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

import eventkit as ek
from eventkit.interop import Imported, acled, gdelt, plover
from eventkit.interop._text import TSV, LineReader

LATIN = "C\xf4te d'Ivoire".encode("latin-1")


def test_a_document_not_in_utf8_is_a_validation_error_saying_where(tmp_path: Path) -> None:
    head = b'[{"id": "e1", "eventText": "'
    path = tmp_path / "latin.json"
    path.write_bytes(head + LATIN)
    with pytest.raises(ek.ValidationError) as caught:
        plover.load(path)
    [problem] = caught.value.problems
    expected = (
        f"not valid UTF-8: byte 0xf4 at byte offset {len(head) + 1} in the file "
        "(invalid continuation byte)"
    )
    assert ("invalid_encoding", expected, str(path)) == (
        problem.code,
        problem.message,
        problem.file,
    )


def _gdelt_event(*cells: bytes) -> bytes:
    return b"\t".join([*cells, *[b""] * (61 - len(cells))])


@pytest.mark.parametrize(
    ("read", "lines"),
    [
        (acled.read_csv, [b"event_id_cnty,country", b"X1," + LATIN, b"X2,Kenya"]),
        (gdelt.read_tsv, [_gdelt_event(b"X1", b"20240105", LATIN), _gdelt_event(b"X2")]),
    ],
    ids=["acled", "gdelt"],
)
def test_a_line_not_in_utf8_is_rejected_saying_where_and_the_others_read(
    tmp_path: Path, read: Callable[[Path], Imported], lines: list[bytes]
) -> None:
    # The file is read row by row: the line is rejected, the others read.
    path = tmp_path / "latin.txt"
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(data)
    dataset, report = read(path)
    [rejected] = report.select("rejected")
    offset = data.index(LATIN) + 1
    expected = (
        f"not valid UTF-8: byte 0xf4 at byte offset {offset} in the file "
        "(invalid continuation byte)"
    )
    assert rejected.problem is not None
    bad_line = len(lines) - 1  # the one before the last
    assert ("X1", "$", "invalid_encoding", expected, str(path), bad_line) == (
        rejected.row,
        rejected.field,
        rejected.problem.code,
        rejected.problem.message,
        rejected.problem.file,
        rejected.problem.line,
    )
    assert ["X2"] == [event.id for event in dataset.events]


def test_a_byte_order_mark_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfevent_id_cnty,event_date,time_precision\nX1,2024-01-05,1\n")
    dataset, report = acled.read_csv(path)
    assert (["X1"], True) == ([e.id for e in dataset.events], report.complete)


def test_a_tsv_row_ends_at_a_line_break_and_a_lone_carriage_return_is_text(tmp_path: Path) -> None:
    # As GDELT's files are read: \r\n ends a row as \n does, blank lines are skipped, and the
    # line each row starts on is counted in \n.
    path = tmp_path / "rows.tsv"
    path.write_bytes(b'\xef\xbb\xbfa\tb\r\n\r\n\nc\rd\t"e"\r\nf\tg\r')
    lines = LineReader(TSV).lines(path)
    assert [(1, ["a", "b"]), (4, ["c\rd", '"e"']), (5, ["f", "g"])] == [
        (line.number, line.cells) for line in lines
    ]


_GZIPPED = (
    "the file is gzip-compressed: decompress it first (gunzip FILE) and read the file it gives"
)
_UTF16 = "the file is UTF-16 (it starts with a UTF-16 byte order mark); eventkit reads UTF-8"


@pytest.mark.parametrize(
    ("read", "data", "expected"),
    [
        (plover.load, gzip.compress(b'{"id": "e1"}\n'), _GZIPPED),
        (plover.load, '{"id": "e1"}\n'.encode("utf-16"), _UTF16),
        (acled.read_csv, gzip.compress(b"event_id_cnty\nX1\n"), _GZIPPED),
        (acled.read_csv, "event_id_cnty\nX1\n".encode("utf-16"), _UTF16),
    ],
    ids=["plover-gzip", "plover-utf16", "acled-gzip", "acled-utf16"],
)
def test_a_file_gzipped_or_in_utf16_says_so(
    tmp_path: Path, read: Callable[[Path], Imported], data: bytes, expected: str
) -> None:
    path = tmp_path / "events.gz"
    path.write_bytes(data)
    with pytest.raises(ek.ValidationError) as caught:  # was "not valid UTF-8: byte 0x8b ..."
        read(path)
    assert [("invalid_encoding", expected)] == [(p.code, p.message) for p in caught.value.problems]


def test_a_gdelt_file_gzipped_says_so_on_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "events.export.CSV.gz"
    path.write_bytes(gzip.compress(_gdelt_event(b"X1", b"20240105") + b"\n"))
    _, report = gdelt.read_tsv(path)
    first = report.select("rejected")[0].problem
    assert first is not None
    assert (1, _GZIPPED) == (first.line, first.message)
