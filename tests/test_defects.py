"""Each class of defect found by trying eventkit as an attacker and as a new user.

Every class was fixed at its root; its test asserts the problem code and
path, and that nothing but `ValidationError` (or, for an argument of the
wrong type, a `TypeError` saying what was expected) escapes, on each entry
point the class touches. Classes whose tests live with their module:

- duplicate JSON keys: ``test_io.py`` (``duplicate_key``, every reader);
- showing deeply nested or unprintable input: ``test_exceptions.py``;
- ``parse_when``'s escapes, offsets east of UTC and ambiguous dates:
  ``test_parse_when.py``;
- problems kept in memory: ``test_io.py`` (``max_errors``) and
  ``benchmarks/bench_validate_memory.py``;
- saves through symbolic links, killed saves: ``test_io.py``;
- ``make_id``: ``test_ids.py``; control and invisible characters:
  ``test_checks.py``; merges that lose an excerpt: ``test_dataset.py``;
- lenient loading without a cascade: ``test_io.py``;
- nesting and strings beyond the limits: ``test_io.py``, ``test_serialize.py``.
"""

from __future__ import annotations

import copy
import numbers
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import orjson
import pytest

import eventkit as ek
from eventkit.examples import scholz_putin

ACTOR = {"type": "actor", "id": "a", "name": "A", "kind": "person"}


def line(data: Any) -> bytes:
    return orjson.dumps(data) + b"\n"


def where(problems: Any) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.path, p.code) for p in problems]


# --- a file mixing every kind of bad line -----------------------------------------------

MIXED = b"".join(
    [
        line(ACTOR),  # 1
        line({"id": "no-type", "name": "B", "kind": "person"}),  # 2: no "type"
        b'{"type": "actor", "id": "twice", "name": "C", "name": "D", "kind": "person"}\n',  # 3
        line({"type": "statement", "id": "s", "speaker": "a", "text": "x"}),  # 4
        line({"type": "statement", "id": "s", "speaker": "a", "text": "x"}),  # 5: repeated
        line({"type": "acme.rally", "id": ["x"]}),  # 6: unknown type, unhashable id
        line({**ACTOR, "id": {"a": 1}}),  # 7: unhashable id
        b'{"type": "actor", "id": "sur", "name": "x\\udc80", "kind": "person"}\n',  # 8
        b'{"type": "actor", "id": "raw", "name": "x\xed\xb2\x80", "kind": "person"}\n',  # 9
        line({"type": "statement", "id": "s2", "speaker": "twice", "text": "x"}),  # 10
        line({"type": "statement", "id": "s2", "speaker": "twice", "text": "x"}),  # 11: repeated
        line({"type": "phone_call", "id": "c", "title": "Call"}),  # 12
    ]
)
VALID = ["a", "s", "s2", "c"]
ON_THEIR_OWN = {  # the problems of each line read alone
    (2, "$.type", "missing"),
    (3, "$.name", "duplicate_key"),
    (6, "$.type", "unknown_type"),
    (7, "$.id", "invalid_type"),
    (8, "$", "invalid_json"),
    (9, "$", "invalid_encoding"),
}
BETWEEN = {(10, "$.speaker", "dangling_reference")}  # 'twice' was left out


def test_every_reader_finishes_agrees_and_keeps_every_valid_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(MIXED)
    report = ek.validate_file(path)
    assert ON_THEIR_OWN | BETWEEN == set(where(report.problems))
    assert 12 == report.records
    assert [(5, "$", "duplicate_record"), (11, "$", "duplicate_record")] == where(report.warnings)

    loaded, lenient = ek.Dataset.load(path, lenient=True)
    assert where(report.problems) == where(lenient.problems)
    assert VALID == [record.id for record in loaded]

    with pytest.raises(ek.ValidationError) as strict:
        ek.Dataset.load(path)
    assert where(report.problems) == where(strict.value.problems)

    with pytest.raises(ek.ValidationError) as in_memory:  # no references between lines here
        ek.from_jsonl(ek.Record, MIXED)
    assert ON_THEIR_OWN == set(where(in_memory.value.problems))
    assert [str(path)] * len(report.problems) == [p.file for p in report.problems]

    command = subprocess.run(
        [sys.executable, "-m", "eventkit.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        check=False,
    )
    assert (1, "") == (command.returncode, command.stderr)
    shown = re.findall(r"^\S*mixed\.jsonl:(\d+): .*?(\$\S*): .*\[(\w+)\]$", command.stdout, re.M)
    assert sorted(ON_THEIR_OWN | BETWEEN) == sorted(
        (int(number), at, code) for number, at, code in shown
    )


def test_keeping_unknown_records_the_readers_still_agree(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(MIXED)
    report = ek.validate_file(path, keep_unknown=True)
    # kept as it is only with a valid id: the list id is still a problem
    assert (6, "$.id", "invalid_type") in where(report.problems)
    loaded, lenient = ek.Dataset.load(path, lenient=True, keep_unknown=True)
    assert where(report.problems) == where(lenient.problems)
    assert VALID == [record.id for record in loaded]
    with pytest.raises(ek.ValidationError) as in_memory:
        ek.from_jsonl(ek.Record, MIXED, keep_unknown=True)
    assert {(6, "$.id", "invalid_type")} <= set(where(in_memory.value.problems))


# --- a record without "type" ---------------------------------------------------------------


def test_a_record_without_a_type_is_a_missing_problem_wherever_it_is_read(tmp_path: Path) -> None:
    data = {"id": "b", "name": "B", "kind": "person"}
    readers: list[Callable[[], object]] = [
        lambda: ek.from_dict(ek.Record, data),
        lambda: ek.from_dict(ek.Record, {}),
        lambda: ek.from_dict(ek.Record, data, keep_unknown=True),
        lambda: ek.from_json(ek.Record, orjson.dumps(data)),
        lambda: ek.from_dicts([data]),
        lambda: ek.from_jsonl(ek.Record, line(data)),
    ]
    for read in readers:
        with pytest.raises(ek.ValidationError) as info:
            read()
        assert ["missing"] == [p.code for p in info.value.problems]
        assert info.value.problems[0].path in ("$.type", "$[0].type")
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(data))
    with pytest.raises(ek.ValidationError, match=r"\$\.type: required field missing"):
        list(ek.iter_records(path))
    assert [(1, "$.type", "missing")] == where(ek.validate_file(path).problems)


# --- records, datasets, errors and unknown records cross process boundaries --------------


@ek.event_type("test_defects.rally")
@attrs.frozen(kw_only=True)
class Rally(ek.Event):
    """A custom event type, defined where pickle can find it."""

    crowd: int = 0
    organisers: tuple[ek.ActorId, ...] = ()


def _values() -> list[object]:
    dataset = scholz_putin()
    error = None
    try:
        ek.from_dict(ek.Actor, {"type": "actor", "id": "x", "identifiers": {"w": 1}})
    except ek.ValidationError as caught:
        error = caught
    return [
        *dataset,
        dataset,
        ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q1"}),
        Rally(id="r", title="Rally", crowd=12, organisers=("a",), when=ek.parse_when("2024")),
        ek.from_dict(
            ek.Record, {"type": "acme.x", "id": "u", "a": [{"b": None}]}, keep_unknown=True
        ),
        ek.parse_when("December 2022 - March 2023"),
        error,
        _a_report(),
    ]


def _a_report() -> ek.Report:
    return ek.Report(problems=[ek.Problem(code="missing", message="m", loc=("a", 1))], records=3)


@pytest.mark.parametrize(
    "through",
    [lambda v: pickle.loads(pickle.dumps(v)), copy.deepcopy, copy.copy],
    ids=["pickle", "deepcopy", "copy"],
)
def test_every_kind_of_value_survives_pickle_and_copy(through: Callable[[Any], Any]) -> None:
    for value in _values():
        again = through(value)
        if isinstance(value, ek.Dataset):
            assert list(value) == list(again)
        elif isinstance(value, ek.ValidationError):
            assert (str(value), value.problems) == (str(again), again.problems)
        else:
            assert value == again
            assert type(value) is type(again)


# --- text that could never be saved -------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: ek.Actor(id="a", name="x\udc80", kind="person"), "$.name"),
        (lambda: ek.Actor(id="a", name="A", kind="person", aliases=("\ud800",)), "$.aliases[0]"),
        (
            lambda: ek.Actor(id="a", name="A", kind="person", identifiers={"w": "\udfff"}),
            "$.identifiers.w",
        ),
        (lambda: ek.Citation(source="s", excerpt="a\udc80b"), "$.excerpt"),
        (lambda: Rally(id="r", title="T\udc80"), "$.title"),
    ],
)
def test_a_lone_surrogate_is_refused_where_it_is_given(build: Callable[[], Any], path: str) -> None:
    with pytest.raises(ek.ValidationError) as info:
        build()
    assert [(path, "invalid_value")] == [(p.path, p.code) for p in info.value.problems]
    assert "lone surrogate" in info.value.problems[0].message


# --- arguments of the wrong type ----------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ek.from_jsonl(ek.Record, None),  # type: ignore[call-overload]
            "from_jsonl reads str or bytes, not NoneType",
        ),
        (
            lambda: ek.from_jsonl(ek.Record, [ACTOR]),  # type: ignore[call-overload]
            "from_jsonl reads str or bytes, not list",
        ),
        (
            lambda: ek.Dataset().merge([]),  # type: ignore[call-overload]
            "merge takes another eventkit.Dataset, not list",
        ),
        (
            lambda: ek.parse_when("yesterday", reference="2024-01-01"),  # type: ignore[arg-type]
            "reference must be",
        ),
    ],
)
def test_an_argument_of_the_wrong_type_is_a_type_error_saying_what_was_expected(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(TypeError, match=re.escape(message)):
        call()


@pytest.mark.parametrize("given", [{"type": "actor"}, "records", None, 3])
def test_data_of_the_wrong_shape_is_a_validation_error(given: Any) -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dicts(given)
    assert [("$", "invalid_type")] == [(p.path, p.code) for p in info.value.problems]
    with pytest.raises(ek.ValidationError) as info:
        ek.Dataset().add(given)
    assert [("$[0]", "invalid_type")] == [(p.path, p.code) for p in info.value.problems]


# --- numbers of other types -------------------------------------------------------------


class Count(int):
    """An int subclass, as ORMs and enums make them."""


@pytest.mark.parametrize(
    ("value", "advice"),
    [
        (np.int64(3), "not numpy.int64; convert it with int(value)"),
        (np.float64(2.5), "not numpy.float64; convert it with float(value)"),
        (Count(3), "Count; convert it with int(value)"),
    ],
)
def test_a_number_of_another_type_is_refused_with_how_to_convert_it(
    value: Any, advice: str
) -> None:
    attempts: list[Callable[[], object]] = [
        lambda: ek.Quantity(value=value),
        lambda: ek.from_dict(ek.Quantity, {"value": value}),
        lambda: ek.from_dict(ek.Casualties, {"killed": {"value": value}}),
    ]
    if isinstance(value, numbers.Integral):  # a fraction is no integer, whatever its type
        attempts.append(lambda: Rally(id="r", title="T", crowd=value))  # type: ignore[arg-type]
    for attempt in attempts:
        with pytest.raises(ek.ValidationError) as info:
            attempt()
        [problem] = info.value.problems
        assert "invalid_type" == problem.code
        assert advice in problem.message


# --- unknown records ------------------------------------------------------------------------


def test_an_unknown_record_is_a_frozen_hashable_copy() -> None:
    data = {"type": "acme.x", "id": "u", "a": [1, {"b": 2}]}
    kept = ek.from_dict(ek.Record, data, keep_unknown=True)
    data["a"].append(3)  # type: ignore[attr-defined]
    assert {"type": "acme.x", "id": "u", "a": [1, {"b": 2}]} == ek.to_dict(kept)
    assert hash(kept) == hash(ek.from_dict(ek.Record, ek.to_dict(kept), keep_unknown=True))


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({}, "missing"),
        ({"id": 3}, "invalid_type"),
        ({"id": ["u"]}, "invalid_type"),
        ({"id": ""}, "invalid_value"),
    ],
)
def test_an_unknown_record_is_kept_only_with_a_valid_id(
    tmp_path: Path, given: dict[str, Any], code: str
) -> None:
    data = {"type": "acme.x", **given}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, data, keep_unknown=True)
    assert ("$.id", code) == (info.value.problems[-1].path, info.value.problems[-1].code)
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(data))
    report = ek.validate_file(path, keep_unknown=True)
    assert (1, "$.id", code) == where(report.problems)[-1]


def test_a_huge_unknown_tag_is_not_echoed_whole(tmp_path: Path) -> None:
    data = {"type": "x" * 1_000_000, "id": "a"}
    with pytest.raises(ek.UnknownTypeError) as info:
        ek.from_dict(ek.Record, data)
    assert len(str(info.value)) < 1000
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(data))
    assert len(ek.validate_file(path).summary()) < 1000


# --- the text of a date inside a span ------------------------------------------------------


def test_the_text_of_a_span_bound_survives_every_round_trip(tmp_path: Path) -> None:
    start = ek.parse_when("December 2022")
    assert isinstance(start, ek.PartialDate)
    silence = ek.Event(id="s", title="Silence", when=ek.TimeSpan(start=start))
    assert silence == ek.from_json(ek.Event, ek.to_json(silence))
    assert [silence] == ek.from_jsonl(ek.Event, ek.to_jsonl([silence]))
    ek.Dataset([silence]).save(tmp_path / "d.jsonl")
    [loaded] = ek.Dataset.load(tmp_path / "d.jsonl")
    assert silence == loaded
    assert isinstance(loaded.when, ek.TimeSpan)
    assert loaded.when.start is not None
    assert "December 2022" == loaded.when.start.text
