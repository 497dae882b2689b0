"""The public facade: what ``import eventkit as ek`` offers, and nothing else."""

import ast
import subprocess
import sys
from pathlib import Path
from typing import assert_type

import attrs

import eventkit as ek

SRC = Path(ek.__file__).parent


def isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    assert sorted(ek.__all__, key=isort_key) == ek.__all__
    tree = ast.parse((SRC / "__init__.py").read_text())
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == set(ek.__all__)


def test_every_public_name_is_documented_with_an_example() -> None:
    # Type aliases have no docstring of their own; the API page documents them.
    names = [name for name in ek.__all__ if name not in ("When", "MergePolicy")]
    # Constants (tuples, mappings) cannot carry a docstring: their module's example shows them.
    constants = [name for name in names if name.isupper()]
    assert [] == [
        name
        for name in names
        if name not in constants and ">>>" not in (getattr(ek, name).__doc__ or "")
    ]
    plover_doc = sys.modules["eventkit._plover"].__doc__ or ""
    assert [] == [
        name for name in constants if ">>> " not in plover_doc or f"ek.{name}" not in plover_doc
    ]


def test_private_modules_declare_all() -> None:
    missing = [
        path.name
        for path in SRC.glob("_*.py")
        if path.name != "__init__.py" and "__all__" not in path.read_text()
    ]
    assert [] == missing


def test_import_loads_no_optional_dependency() -> None:
    code = (
        "import sys, eventkit; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'networkx', 'hypothesis', 'rich', "
        "'pycountry', 'langcodes', 'dateutil.parser') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]" == result.stdout.strip()


def test_public_api_types() -> None:
    @ek.event_type("test_public_api.rally")
    @attrs.frozen(kw_only=True)
    class Rally(ek.Event):
        size: int = 0

    rally = ek.from_dict(Rally, {"id": "r", "title": "Rally", "size": 3})
    assert_type(rally, Rally)
    assert_type(
        ek.from_json(ek.Actor, "{}" if False else '{"id":"a","name":"A","kind":"person"}'), ek.Actor
    )
    assert_type(ek.make_id("a"), str)
    assert 3 == rally.size


def test_make_id_is_stable_and_separates_parts() -> None:
    assert ek.make_id("a b", "c") != ek.make_id("a", "b c")
    assert ek.make_id("call", 2024) == ek.make_id("call", 2024)
    assert 20 == len(ek.make_id("x"))
    assert ek.make_id("x", prefix="event").startswith("event-")
