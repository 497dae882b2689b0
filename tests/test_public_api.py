"""The public facade: what ``import eventkit as ek`` offers, and nothing else."""

import ast
import importlib
import subprocess
import sys
import typing
from pathlib import Path
from typing import assert_type

import attrs
import pytest

import eventkit as ek

SRC = Path(ek.__file__).parent


def isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def _facade_imports() -> dict[str, str]:
    """Map each public name ``__init__.py`` imports (eagerly or for type checkers) to its module."""
    tree = ast.parse((SRC / "__init__.py").read_text())
    return {
        alias.asname or alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module is not None
        and node.module.startswith("eventkit")
        for alias in node.names
        if not (alias.asname or alias.name).startswith("_")
    }


def test_all_is_sorted_and_complete() -> None:
    assert sorted(ek.__all__, key=isort_key) == ek.__all__
    imported = _facade_imports()
    assert set(ek.__all__) == set(imported)
    # Lazily loaded names resolve to what the type checkers were shown.
    assert [] == [
        name
        for name, module in imported.items()
        if getattr(ek, name) is not getattr(importlib.import_module(module), name)
    ]
    assert set(ek.__all__) | {"io"} <= set(dir(ek))


def test_lazy_names_load_on_first_use() -> None:
    code = (
        "import sys, eventkit as ek; "
        "print(sorted(m for m in ('eventkit._dataset', 'eventkit._events', 'eventkit._report', "
        "'eventkit.io', 'importlib.resources') if m in sys.modules)); "
        "print(ek.Dataset.__module__, ek.io.__name__, ek.iter_records.__module__, "
        "ek.Report.__name__, 'eventkit.io' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert [
        "[]",
        "eventkit._dataset eventkit.io eventkit.io._validate Report True",
    ] == result.stdout.splitlines()
    with pytest.raises(AttributeError) as error:
        ek.Datset  # type: ignore[attr-defined]  # noqa: B018
    assert "module 'eventkit' has no attribute 'Datset'" == str(error.value)


def test_built_in_event_types_load_without_naming_them() -> None:
    # Data naming a built-in tag must load in a fresh process that never touched ek.PhoneCall.
    code = (
        "import eventkit as ek; "
        "call = ek.from_dict(ek.Event, {'type': 'phone_call', 'id': 'c', 'title': 'Call'}); "
        "print(type(call).__name__, 'drone_strike' in ek.known_tags())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "PhoneCall True" == result.stdout.strip()


def test_every_public_name_is_documented_with_an_example() -> None:
    # Type aliases have no docstring of their own; the API page documents them.
    aliases = [
        name
        for name in ek.__all__
        if typing.get_origin(getattr(ek, name)) in (typing.Annotated, typing.Literal)
        or name == "When"
    ]
    assert {"ActorId", "Text", "Country", "When", "MergePolicy"} <= set(aliases)
    assert [] == [
        name
        for name in ek.__all__
        if name not in aliases and ">>>" not in (getattr(ek, name).__doc__ or "")
    ]
    api_page = (SRC.parent.parent / "docs" / "api.md").read_text()
    assert [] == [name for name in aliases if f"ek.{name}" not in api_page]


def test_the_coding_tables_are_shown_in_their_module() -> None:
    constants = [name for name in ek.codes.__all__ if name.isupper()]
    assert [] == [name for name in constants if f"codes.{name}" not in (ek.codes.__doc__ or "")]


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
        crowd: int = 0

    rally = ek.from_dict(Rally, {"id": "r", "title": "Rally", "crowd": 3})
    assert_type(rally, Rally)
    assert_type(
        ek.from_json(ek.Actor, "{}" if False else '{"id":"a","name":"A","kind":"person"}'), ek.Actor
    )
    assert_type(ek.make_id("a"), str)
    assert 3 == rally.crowd
