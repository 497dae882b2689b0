"""Tests for eventkit.exceptions: problems and errors that travel and always print."""

from __future__ import annotations

import builtins
import copy
import pickle
from collections.abc import Mapping
from typing import Any

import attrs
import orjson
import pytest

import eventkit as ek
from eventkit.exceptions import Problem

NO_INPUT = Problem(loc=("id",), code="missing", message="required", record="e1")
WITH_INPUT = Problem(loc=("lat",), code="out_of_range", message="m", input=[1, {"a": 2}], line=3)


def errors() -> list[Exception]:
    """One fresh error of each kind (a test adds a note to it)."""
    return [
        ek.ValidationError([NO_INPUT, WITH_INPUT], title="Event 'e1'"),
        ek.UnknownTypeError([NO_INPUT], title="Record"),
        ek.MergeConflictError([WITH_INPUT]),
        ek.RegistrationError("tag 'x' must be a namespaced lowercase name"),
        ek.RecordNotFoundError("olaf"),
    ]


def pickled(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


@pytest.mark.parametrize("problem", [NO_INPUT, WITH_INPUT])
@pytest.mark.parametrize("through", [pickled, copy.deepcopy, copy.copy])
def test_a_problem_survives_pickle_and_copy(problem: Problem, through: Any) -> None:
    again = through(problem)
    assert (problem, problem.has_input, str(problem)) == (again, again.has_input, str(again))


@pytest.mark.parametrize("index", range(len(errors())), ids=[type(e).__name__ for e in errors()])
@pytest.mark.parametrize("through", [pickled, copy.deepcopy])
def test_an_error_survives_pickle_and_deepcopy(index: int, through: Any) -> None:
    error = errors()[index]
    error.add_note("while loading d.jsonl")
    again = through(error)
    assert type(error) is type(again)
    assert (str(error), repr(error), error.args) == (str(again), repr(again), again.args)
    assert ["while loading d.jsonl"] == again.__notes__
    if isinstance(error, ek.ValidationError):
        assert isinstance(again, ek.ValidationError)
        assert (error.problems, error.title) == (again.problems, again.title)
        assert [p.has_input for p in error.problems] == [p.has_input for p in again.problems]


def test_the_tree_in_the_module_docstring_is_true() -> None:
    doc = ek.exceptions.__doc__
    assert doc is not None
    drawn = [line for line in doc.splitlines() if "── " in line or line.strip() == "EventkitError"]
    ancestors: list[type[BaseException]] = []
    for line in drawn:
        name = line.split("── ")[-1].split()[0]
        depth = line.index("── ") // 4 if "── " in line else 0
        cls = getattr(ek, name)
        del ancestors[depth:]
        assert ([ancestors[-1]] if ancestors else [Exception]) == [cls.__mro__[1]], name
        if "(" in line:
            builtin = getattr(builtins, line.split("(")[1].split(")")[0])
            assert issubclass(cls, builtin), name
        ancestors.append(cls)
    drawn_names = {line.split("── ")[-1].split()[0] for line in drawn}
    assert {name for name in ek.exceptions.__all__ if name.endswith("Error")} == drawn_names


# --- printing never raises ------------------------------------------------------------------


class Unprintable:
    def __repr__(self) -> str:
        msg = "no repr today"
        raise RuntimeError(msg)


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


SHOWN_INPUTS = [
    pytest.param(nested(100_000), "[[[[...]]]]", id="100,000 levels of lists"),
    pytest.param({"a": {"b": nested(100_000)}}, "{'a': {'b': [[...]]}}", id="dicts"),
    pytest.param(Unprintable(), "<Unprintable object (repr() raised RuntimeError)>", id="repr"),
    pytest.param(
        "x" * 1_000_000, "'" + "x" * 50 + "'… (999,950 more characters)", id="a 1 MB string"
    ),
    pytest.param("x" * 100, "'" + "x" * 50 + "'… (50 more characters)", id="100 characters"),
    pytest.param("x" * 50, "'" + "x" * 50 + "'", id="50 characters"),
    pytest.param("a\ud800b", "'a\\ud800b'", id="lone surrogate"),
    pytest.param(10**5000, "<int of 16,610 bits>", id="int too long for str"),
    pytest.param(list(range(100)), "[0, 1, 2, 3, 4, 5, ...]", id="long list"),
    pytest.param({"b": 1, "a": 2}, "{'b': 1, 'a': 2}", id="dict order kept"),
    pytest.param(
        ["x" * 100, 1],
        "['" + "x" * 30 + "'… (70 more characters), 1]",
        id="string in a list",
    ),
    pytest.param(
        {"type": "actor", "id": "a", "name": "Olaf Scholz", "kind": "person", "x": 1},
        "{'type': 'actor', 'id': 'a', 'name': 'Olaf Scholz', 'kind':…",
        id="cut at 60",
    ),
]


@pytest.mark.parametrize(("value", "shown"), SHOWN_INPUTS)
def test_an_input_is_shown_short_and_printing_never_raises(value: Any, shown: str) -> None:
    problem = Problem(loc=("x",), code="c", message="m", input=value)
    assert f"$.x: m, got {shown} [c]" == str(problem)
    data = problem.to_dict()
    # JSON data is given as it is; anything else as the text messages show
    assert (
        (value, None) == (data["input"], data.get("input_repr"))
        if "input" in data
        else (shown == data["input_repr"])
    )
    assert (
        f"Problem(loc=('x',), code='c', message='m', input={shown}, record=None, file=None, "
        "line=None, hint=None)"
    ) == repr(problem)
    assert f"1 problem in T\n  $.x: m, got {shown} [c]" == str(
        ek.ValidationError([problem], title="T")
    )
    report = ek.Report(problems=[problem], records=1)
    assert f"1 problem in 1 record\n  c  1\n$.x: m, got {shown} [c]" == report.summary()
    dumped = orjson.loads(report.to_json())["problems"][0]
    assert dumped.get("input_repr", shown) == shown
    assert dumped.get("input", value) == value
    assert f"input={shown}," in repr(report)


def test_a_problem_without_input_shows_none() -> None:
    assert "$.id: required [missing]" == str(
        Problem(loc=("id",), code="missing", message="required")
    )
    assert (
        "Problem(loc=('id',), code='missing', message='required', input=<no input>, "
        "record=None, file=None, line=None, hint=None)"
    ) == repr(Problem(loc=("id",), code="missing", message="required"))


def test_problem_dict_form() -> None:
    problem = ek.Problem(
        loc=("a", 0), code="missing", message="m", input="x" * 100, line=3, file="f"
    )
    assert {
        "loc": "$.a[0]",
        "code": "missing",
        "message": "m",
        "input": "x" * 100,
        "file": "f",
        "line": 3,
    } == problem.to_dict()
    assert "f:3: $.a[0]: m, got '" + "x" * 50 + "'… (50 more characters) [missing]" == str(problem)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        pytest.param("olaf", "'olaf'", id="id"),
        pytest.param("a" * 200, "'" + "a" * 200 + "'", id="the longest id, whole"),
        pytest.param("a" * 1000, "'" + "a" * 200 + "'… (800 more characters)", id="longer"),
        pytest.param(Unprintable(), "<Unprintable object (repr() raised RuntimeError)>", id="repr"),
        pytest.param(nested(100_000), "[[[[...]]]]", id="deep"),
    ],
)
def test_record_not_found_prints_any_key(key: Any, shown: str) -> None:
    error = ek.RecordNotFoundError(key)
    assert (f"no record with id {shown} in the dataset", f"RecordNotFoundError({shown})") == (
        str(error),
        repr(error),
    )


def test_lone_surrogates_are_escaped_wherever_a_problem_is_shown() -> None:
    # A file name that is not UTF-8 reaches Python with lone surrogates
    # (os.fsdecode), and so can a key or an id built in Python code.
    problem = Problem(
        loc=("\ud800",), code="c", message="m\udfff", input="a\ud800b", record="r\udc80",
        file="\udcff.jsonl", line=2,
    )  # fmt: skip
    shown = "\\udcff.jsonl:2: record 'r\\udc80': $[\"\\ud800\"]: m\\udfff, got 'a\\ud800b' [c]"
    assert shown == str(problem)
    assert {
        "loc": '$["\\ud800"]',
        "code": "c",
        "message": "m\\udfff",
        "input_repr": "'a\\ud800b'",
        "record": "r\\udc80",
        "file": "\\udcff.jsonl",
        "line": 2,
    } == problem.to_dict()
    error = ek.ValidationError([problem], title="\udcff.jsonl")
    assert f"1 problem in \\udcff.jsonl\n  {shown}" == str(error)
    report = ek.Report(problems=[problem], records=1, source="\udcff.jsonl")
    assert f"\\udcff.jsonl: 1 problem in 1 record\n  c  1\n{shown}" == report.summary()
    data = orjson.loads(report.to_json())
    assert ("\\udcff.jsonl", problem.to_dict()) == (data["source"], data["problems"][0])
    unicode = Problem(code="c", message="m", input="é", file="naïve.jsonl")
    assert ("naïve.jsonl: $: m, got 'é' [c]", "naïve.jsonl") == (
        str(unicode),
        unicode.to_dict()["file"],
    )


@ek.event_type("test_exceptions.tally")
@attrs.frozen(kw_only=True)
class _Tally(ek.Event):
    by_region: Mapping[str, Mapping[str, int]] = ek.FrozenDict()


def test_the_path_of_a_mapping_s_key_never_reads_as_another() -> None:
    # each was written after a dot: "St. Petersburg" then "a" read as "St" then " Petersburg.a"
    regions = {
        "St. Petersburg": {"a": "1"},
        "St": {" Petersburg.a": "2"},
        "": {"b": "3"},
        "[0]": {"c": "4"},
        "dpa-call": {"@id": "5"},
        "\u202eabc": {"d": "6"},  # a bidi override: shown raw, it turned the path around
    }
    data = {"type": "test_exceptions.tally", "id": "t", "title": "T", "by_region": regions}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [
        '$.by_region["St. Petersburg"].a',
        '$.by_region.St[" Petersburg.a"]',
        '$.by_region[""].b',
        '$.by_region["[0]"].c',
        "$.by_region.dpa-call.@id",  # ids and JSON-LD keys stay plain
        '$.by_region["\\u202eabc"].d',
    ] == [p.path for p in caught.value.problems]
