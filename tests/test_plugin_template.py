"""docs/plugins.md, run: its package is built, installed, tested and used as the page says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "plugins.md"
FILE = re.compile(r"<!-- file: (?P<path>\S+) -->\n```\w+\n(?P<text>.*?)```", re.S)
OUTPUT = re.compile(
    r"<!-- output of: (?P<command>[^>]+) -->\n```console\n\$ [^\n]*\n(?P<text>.*?)```", re.S
)


Installed = tuple[Path, dict[str, str]]


def run(args: list[str], installed: Installed) -> subprocess.CompletedProcess[str]:
    project, env = installed
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, check=False)


def files() -> dict[str, str]:
    return {m["path"]: m["text"] for m in FILE.finditer(PAGE.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The page's package, written out and installed in a directory of its own."""
    project = tmp_path_factory.mktemp("eventkit-maritime")
    for name, text in files().items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = project.parent / f"{project.name}-site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    command += ["--no-build-isolation", "--disable-pip-version-check", "--target", str(site)]
    subprocess.run([*command, str(project)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site), "COLUMNS": "200", "NO_COLOR": "1"}
    return project, env


def test_the_page_holds_the_whole_package() -> None:
    assert {
        "pyproject.toml",
        "src/eventkit_maritime/__init__.py",
        "tests/test_maritime.py",
        "seizures.jsonl",
    } == set(files())


def test_the_plugins_own_tests_pass(installed: Installed) -> None:
    # The plugin is imported by its test module only, after pytest has imported hypothesis.
    done = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], installed)
    assert 0 == done.returncode, done.stdout + done.stderr
    assert "5 passed" in done.stdout


def test_the_command_prints_what_the_page_shows(installed: Installed) -> None:
    [shown] = OUTPUT.finditer(PAGE.read_text(encoding="utf-8"))
    program, *arguments = shown["command"].split()
    executable = Path(sys.executable).parent / program  # the console script of this install
    done = run([str(executable), *arguments], installed)
    assert (1, "") == (done.returncode, done.stderr)
    assert shown["text"] == done.stdout


def test_every_reader_agrees_with_the_command(installed: Installed) -> None:
    script = """
import json, sys
import eventkit as ek
assert "eventkit_maritime" not in sys.modules
dataset, report = ek.Dataset.load("seizures.jsonl", lenient=True)
try:
    ek.from_jsonl(ek.Record, open("seizures.jsonl", encoding="utf-8").read())
except ek.ValidationError as error:
    alone = [(p.line, p.path, p.code) for p in error.problems]
print(json.dumps({
    "kept": [record.id for record in dataset],
    "crew": dataset.get("seizure-2").crew_count,
    "lenient": [(p.line, p.path, p.code) for p in report.problems],
    "validate": [(p.line, p.path, p.code) for p in ek.validate_file("seizures.jsonl").problems],
    "alone": alone,
}))
"""
    done = run([sys.executable, "-c", script], installed)
    assert 0 == done.returncode, done.stderr
    found = json.loads(done.stdout)
    located = [
        [4, "$.imo", "maritime.bad_imo"],
        [5, "$.position.lat", "out_of_range"],
        [6, "$.seized_by", "dangling_reference"],
        [7, "$.crew", "out_of_range"],
    ]
    assert ["irgc-navy", "seizure-1", "seizure-2", "seizure-5"] == found["kept"]
    assert 25 == found["crew"]
    assert located == found["lenient"] == found["validate"]
    assert [p for p in located if p[2] != "dangling_reference"] == found["alone"]
