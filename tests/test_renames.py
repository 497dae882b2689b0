"""Renamed fields and upgrades: data an older version wrote loads on every path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import attrs
import orjson
import pytest

import eventkit as ek


@ek.event_type("test_renames.boarding")
@attrs.frozen(kw_only=True)
class Boarding(ek.Event):
    """Version 3: ``crew`` became ``crew_count``; version 1 gave ``tons`` as a string."""

    crew_count: int = ek.field(
        default=0, old_names=["crew", "crew_size"], check=ek.checks.in_range(0, 500)
    )
    tonnage: float | None = None

    calls: ClassVar[list[dict[str, Any]]] = []

    @classmethod
    def __eventkit_upgrade__(cls, data: dict[str, Any]) -> dict[str, Any]:
        cls.calls.append(data)
        if "tons" in data:
            data["tonnage"] = float(data.pop("tons"))
        return data


CURRENT = {"type": "test_renames.boarding", "id": "b", "title": "Boarding", "crew_count": 12}
RENAMED = {"type": "test_renames.boarding", "id": "b", "title": "Boarding", "crew": 12}
VERSION_1 = {**RENAMED, "tons": "8.5"}


def jsonl(*records: dict[str, Any]) -> bytes:
    return b"".join(orjson.dumps(record) + b"\n" for record in records)


@pytest.fixture(autouse=True)
def _fresh_calls() -> None:
    Boarding.calls.clear()


def test_an_old_name_loads_on_every_path_and_is_written_with_the_new_one(tmp_path: Path) -> None:
    expected = Boarding(id="b", title="Boarding", crew_count=12)
    assert expected == ek.from_dict(ek.Record, RENAMED)
    assert [expected] == ek.from_jsonl(ek.Record, jsonl(RENAMED))
    path = tmp_path / "old.jsonl"
    path.write_bytes(jsonl(RENAMED))
    assert ek.validate_file(path).valid
    loaded, report = ek.Dataset.load(path, lenient=True)
    assert ([expected], True) == (list(loaded), report.valid)
    assert CURRENT == ek.to_dict(expected)


def test_a_problem_in_a_renamed_field_is_located_at_the_name_given(tmp_path: Path) -> None:
    for value, code in (("12", "invalid_type"), (900, "out_of_range")):
        data = {**RENAMED, "crew": value}
        with pytest.raises(ek.ValidationError) as info:
            ek.from_dict(ek.Record, data)
        assert [("$.crew", code)] == [(p.path, p.code) for p in info.value.problems]
        path = tmp_path / "bad.jsonl"
        path.write_bytes(jsonl(data))
        assert [(1, "$.crew", code)] == [
            (p.line, p.path, p.code) for p in ek.validate_file(path).problems
        ]


def test_an_old_name_and_the_new_one_together_is_a_problem() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, {**CURRENT, "crew": 3})
    assert [("$.crew", "duplicate_field")] == [(p.path, p.code) for p in info.value.problems]


@pytest.mark.parametrize("second", ["crew_size", "crew_count"])
def test_two_old_names_together_are_a_problem_on_every_path(second: str, tmp_path: Path) -> None:
    # the first old name's value was kept and the other's dropped, unseen
    data = {**RENAMED, second: 3}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, data)
    [problem] = info.value.problems
    assert ("duplicate_field", 3 if second == "crew_size" else 12) == (problem.code, problem.input)
    path = tmp_path / "both.jsonl"
    path.write_bytes(jsonl(data, {**data, "crew": 4, second: 5}))
    assert [(1, "duplicate_field"), (2, "duplicate_field")] == [
        (p.line, p.code) for p in ek.validate_file(path).problems
    ]


def test_an_upgrade_loads_older_data_on_every_path(tmp_path: Path) -> None:
    expected = Boarding(id="b", title="Boarding", crew_count=12, tonnage=8.5)
    assert expected == ek.from_dict(ek.Record, VERSION_1)
    assert [expected] == ek.from_jsonl(ek.Record, jsonl(VERSION_1))
    path = tmp_path / "v1.jsonl"
    path.write_bytes(jsonl(VERSION_1))
    assert ek.validate_file(path).valid
    loaded, report = ek.Dataset.load(path, lenient=True)
    assert ([expected], True) == (list(loaded), report.valid)
    command = [sys.executable, "-m", "eventkit.cli", "validate", "--types", __file__, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (0, "") == (done.returncode, done.stderr), done.stdout


def test_an_upgrade_runs_only_for_data_that_does_not_load_and_on_a_copy() -> None:
    ek.from_dict(ek.Record, CURRENT)
    ek.from_dict(ek.Record, RENAMED)  # an old name needs no upgrade
    assert [] == Boarding.calls
    given = {**VERSION_1}
    ek.from_dict(ek.Record, given)
    [seen] = Boarding.calls
    assert seen is not given
    assert "tons" not in seen  # it changed its copy...
    assert VERSION_1 == given  # ...not the caller's data


def test_what_is_wrong_after_the_upgrade_is_reported() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, {**VERSION_1, "crew": -1})
    assert [("$.crew", "out_of_range")] == [(p.path, p.code) for p in info.value.problems]
    with pytest.raises(ValueError, match="could not convert string to float"):
        ek.from_dict(ek.Record, {**VERSION_1, "tons": "heavy"})  # a bug in the upgrade: as it is


def test_an_upgrade_must_return_a_dict_and_be_callable() -> None:
    @ek.event_type("test_renames.broken")
    @attrs.frozen(kw_only=True)
    class Broken(ek.Event):
        @classmethod
        def __eventkit_upgrade__(cls, data: dict[str, Any]) -> Any:
            # broken only for this test's data: the class stays registered for the session
            return None if "test_renames.broken" in data else data

    data = {"type": "test_renames.broken", "id": "x", "title": "T", "test_renames.broken": 1}
    with pytest.raises(TypeError, match=r"Broken.__eventkit_upgrade__ must return a dict, not"):
        ek.from_dict(ek.Record, data)

    @attrs.frozen(kw_only=True)
    class NotCallable(ek.Event):
        __eventkit_upgrade__: ClassVar[int] = 3

    with pytest.raises(ek.RegistrationError, match="must be a classmethod"):
        ek.event_type("test_renames.not_callable")(NotCallable)
