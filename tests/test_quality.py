"""The project's own quality gates, run as part of the test suite.

``pytest`` is the one test command (README, .ci/run), so the linters, the
type checker and the strict docs build run here and fail the suite when
they fail.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}: pip install -e '.[test]'")
    return str(found)


def test_ruff_check() -> None:
    result = run(tool("ruff"), "check", "src", "tests", "benchmarks", "conftest.py")
    assert 0 == result.returncode, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run(
        tool("ruff"),
        "format",
        "--check",
        "src",
        "tests",
        "benchmarks",
        "docs",
        "fuzz",
        "conftest.py",
    )
    assert 0 == result.returncode, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run(tool("mypy"), "--strict", "src", "tests", "fuzz", "benchmarks")
    assert 0 == result.returncode, result.stdout + result.stderr


def test_import_contracts() -> None:
    # The layers in pyproject.toml: no module imports one above it, so no import circles.
    result = run(tool("lint-imports"), "--no-cache")
    assert 0 == result.returncode, result.stdout + result.stderr


def test_docs_build_strict(tmp_path: Path) -> None:
    result = run(tool("mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert 0 == result.returncode, result.stdout + result.stderr
