"""Tests for eventkit.exceptions: problems and errors that travel and always print."""

from __future__ import annotations

import builtins
import copy
import pickle
from typing import Any

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
        ek.MissingExtraError("pip install 'eventkit[arrow]'"),
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
