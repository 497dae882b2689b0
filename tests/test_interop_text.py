"""eventkit.interop._text: a file an adapter reads that is not UTF-8 is a ValidationError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eventkit as ek
from eventkit.interop import acled, gdelt, plover

LATIN = "C\xf4te d'Ivoire".encode("latin-1")


@pytest.mark.parametrize(
    ("read", "head"),
    [
        (gdelt.read_tsv, b"1\t20240105\t"),
        (plover.load, b'[{"id": "e1", "eventText": "'),
    ],
)
def test_a_file_not_in_utf8_is_a_validation_error_saying_where(
    tmp_path: Path, read: Callable[[Path], Any], head: bytes
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(head + LATIN)
    with pytest.raises(ek.ValidationError) as caught:
        read(path)
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


def test_an_acled_line_not_in_utf8_is_rejected_saying_where(tmp_path: Path) -> None:
    # read_csv reads row by row: the line is rejected, the others read.
    path = tmp_path / "latin.csv"
    path.write_bytes(b"event_id_cnty,country\nX1," + LATIN + b"\nX2,Kenya\n")
    dataset, report = acled.read_csv(path)
    [rejected] = report.select("rejected")
    assert rejected.problem is not None
    assert ("invalid_encoding", str(path), 2) == (
        rejected.problem.code,
        rejected.problem.file,
        rejected.problem.line,
    )
    assert "byte 0xf4" in rejected.problem.message
    assert "X2" in dataset


def test_a_byte_order_mark_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfevent_id_cnty,event_date\nX1,2024-01-05\n")
    dataset, report = acled.read_csv(path)
    assert (["X1"], True) == ([e.id for e in dataset.events], report.complete)
