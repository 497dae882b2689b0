"""Tests for eventkit._report: the validation report."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import orjson
import pytest

import eventkit as ek


def problem(code: str, line: int | None = None, record: str | None = None) -> ek.Problem:
    return ek.Problem(
        loc=("speaker",),
        code=code,
        message="m",
        input="x",
        record=record,
        file="d.jsonl",
        line=line,
    )


REPORT = ek.Report(
    records=10,
    source="d.jsonl",
    problems=[
        problem("unknown_field", 3, "a3"),
        problem("dangling_reference", 7, "e7"),
        problem("dangling_reference", 9, "e9"),
    ],
)


def test_empty_report_is_valid() -> None:
    report = ek.Report(records=4)
    assert (True, (), {}) == (report.valid, report.errors, report.counts())
    assert "valid, 4 records" == report.summary()


def test_counts_most_frequent_first_then_by_code() -> None:
    assert {"dangling_reference": 2, "unknown_field": 1} == REPORT.counts()
    assert ["dangling_reference", "unknown_field"] == list(REPORT.counts())


def test_filters() -> None:
    assert [7, 9] == [p.line for p in REPORT.by_code("dangling_reference")]
    assert [] == REPORT.by_code("missing")
    assert ["unknown_field"] == [p.code for p in REPORT.by_record("a3")]
    assert [3, 7, 9] == REPORT.lines()
    assert REPORT.errors == REPORT.problems


def test_a_report_is_a_result_not_a_collection() -> None:
    # True whether or not it has problems (``if ds.load_report:`` asks whether
    # there is one), and without a length that would say otherwise.
    assert (True, True, False) == (bool(ek.Report()), bool(REPORT), REPORT.valid)
    with pytest.raises(TypeError, match="has no len"):
        len(REPORT)  # type: ignore[arg-type]
    assert 3 == len(REPORT.problems)


def test_a_report_with_problems_not_kept_is_never_valid() -> None:
    report = ek.Report(records=1, not_kept=2, code_counts={"missing": 2})
    assert (False, True, 2, {"missing": 2}) == (
        report.valid,
        report.truncated,
        report.total,
        report.counts(),
    )


def test_flatten() -> None:
    assert [
        [3, "a3", "$.speaker", "unknown_field"],
        [7, "e7", "$.speaker", "dangling_reference"],
        [9, "e9", "$.speaker", "dangling_reference"],
    ] == REPORT.flatten()
    assert [["d.jsonl", "m", "x"]] == REPORT.flatten(["file", "message", "input"])[:1]


def test_flatten_unknown_key() -> None:
    with pytest.raises(
        ValueError, match=r"^unknown key 'row'; choose from file, line, record, loc"
    ):
        REPORT.flatten(["line", "row"])


def test_to_dict_and_json() -> None:
    expected = {
        "valid": False,
        "source": "d.jsonl",
        "records": 10,
        "not_kept": 0,
        "counts": {"dangling_reference": 2, "unknown_field": 1},
        "problems": [
            {
                "loc": "$.speaker",
                "code": "unknown_field",
                "message": "m",
                "input": "x",
                "record": "a3",
                "file": "d.jsonl",
                "line": 3,
            },
            {
                "loc": "$.speaker",
                "code": "dangling_reference",
                "message": "m",
                "input": "x",
                "record": "e7",
                "file": "d.jsonl",
                "line": 7,
            },
            {
                "loc": "$.speaker",
                "code": "dangling_reference",
                "message": "m",
                "input": "x",
                "record": "e9",
                "file": "d.jsonl",
                "line": 9,
            },
        ],
        "warnings": [],
    }
    assert expected == REPORT.to_dict()
    assert expected == orjson.loads(REPORT.to_json())
    assert REPORT.to_json(indent=True).startswith('{\n  "valid": false,\n')


def test_summary() -> None:
    assert (
        "d.jsonl: 3 problems in 10 records\n"
        "  dangling_reference  2\n"
        "  unknown_field       1\n"
        "d.jsonl:3: record 'a3': $.speaker: m, got 'x' [unknown_field]\n"
        "d.jsonl:7: record 'e7': $.speaker: m, got 'x' [dangling_reference]\n"
        "… and 1 more"
    ) == REPORT.summary(limit=2)
    assert REPORT.summary() == str(REPORT)


def test_summary_of_a_report_with_problems_not_kept() -> None:
    report = ek.Report(
        problems=[problem("invalid_json", 1)],
        records=3000,
        not_kept=2999,
        code_counts={"invalid_json": 3000},
    )
    assert (
        "3,000 problems in 3,000 records (the first 1 kept; 2,999 more counted, not kept)\n"
        "  invalid_json  3,000\n"
        "d.jsonl:1: $.speaker: m, got 'x' [invalid_json]"
    ) == report.summary()


def test_raise_if_invalid() -> None:
    ek.Report(records=3).raise_if_invalid()
    with pytest.raises(ek.ValidationError) as err:
        REPORT.raise_if_invalid()
    assert REPORT.problems == err.value.problems
    assert str(err.value).startswith("3 problems in d.jsonl\n")


def test_combine() -> None:
    other = ek.Report(
        records=5, problems=[problem("missing", 2)], not_kept=1, code_counts={"missing": 2}
    )
    both = ek.Report.combine([REPORT, other], source="all")
    assert (15, 4, 1, "all") == (both.records, len(both.problems), both.not_kept, both.source)
    assert {"dangling_reference": 2, "missing": 2, "unknown_field": 1} == both.counts()
    assert ["unknown_field", "dangling_reference", "dangling_reference", "missing"] == [
        p.code for p in both.problems
    ]


def test_report_is_immutable_and_picklable() -> None:
    with pytest.raises(AttributeError):
        REPORT.records = 3  # type: ignore[misc]
    assert REPORT == pickle.loads(pickle.dumps(REPORT))


@pytest.mark.skipif(sys.platform != "linux", reason="other systems refuse a non-UTF-8 file name")
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.jsonl")  # Latin-1, as an old tool might name it
    path.write_bytes(b'{"type": "actor", "id": "a", "name": "A", "kind": "person", "x": 1}\n')
    report = ek.validate_file(path)
    shown = f"{tmp_path}/caf\\udce9.jsonl"
    assert shown == orjson.loads(report.to_json())["source"]
    assert report.summary().startswith(f"{shown}: 1 problem in 1 record\n")
    assert f"{shown}:1: record 'a': $.x: unknown field for Actor, got 1 [unknown_field]" == str(
        report.problems[0]
    )
