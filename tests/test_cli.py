"""The ``eventkit`` command: ``demo`` and ``validate``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import eventkit as ek
from eventkit.cli import main
from eventkit.examples import scholz_putin


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


# --- demo -----------------------------------------------------------------------------


def test_demo_writes_the_dataset_and_prints_an_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "call.jsonl"
    assert main(["demo", "--out", str(out)]) == 0
    loaded = ek.Dataset.load(out)
    assert loaded == scholz_putin()
    loaded.validate()
    printed = capsys.readouterr().out
    assert f"96 records, valid, written to {out}" in " ".join(printed.split())
    for expected in (
        "Records by kind",
        "statements",
        "Timeline of events",
        "2022-12",
        "Last direct contact between Scholz and Putin",
        "speculated",
        "What was said about the call",
        "chancellery-readout",
        "“new territorial realities”",
    ):
        assert expected in printed, expected


def test_demo_writes_to_the_current_directory_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo"]) == 0
    assert ek.Dataset.load(tmp_path / "scholz-putin.jsonl") == scholz_putin()
    assert "written to scholz-putin.jsonl" in capsys.readouterr().out


def test_demo_reports_a_file_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "call.jsonl"
    assert main(["demo", "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"eventkit: error: cannot write {out}: No such file or directory\n"
    )
    assert not out.parent.exists()


def test_demo_as_a_module_in_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "call.jsonl"
    done = run(sys.executable, "-m", "eventkit.cli", "demo", "--out", str(out), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Timeline of events" in done.stdout
    assert ek.Dataset.load(out) == scholz_putin()


def test_demo_with_the_installed_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("eventkit")
    if not script.exists():
        pytest.skip("the eventkit console script is not installed next to this Python")
    done = run(str(script), "demo", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert ek.Dataset.load(tmp_path / "scholz-putin.jsonl") == scholz_putin()


# --- usage ----------------------------------------------------------------------------


def test_no_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert capsys.readouterr().out == (
        "usage: eventkit [-h] [--version] COMMAND ...\n"
        "Commands: demo, validate. Try: eventkit demo\n"
    )


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demos"]) == 2
    # Python 3.12 stopped quoting the choices; the start of the message is stable.
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith("eventkit: error: argument COMMAND: invalid choice: 'demos' (choose from ")
    )


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--help"]) == 0
    assert "--out FILE" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("eventkit ")


# --- validate -------------------------------------------------------------------------


def test_validate_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "call.jsonl"
    scholz_putin().save(path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid, 96 records\n"


def test_validate_reports_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    scholz_putin().save(good)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
        '{"type": "statement", "id": "s1", "speaker": "nobody", "text": "hi"}\n'
        '{"type": "actor", "id": "b", "name": "", "kind": "person"}\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad), str(good)]) == 1
    assert capsys.readouterr().out == (
        f"{bad}: 2 problems in 3 records\n"
        "  dangling_reference  1\n"
        "  invalid_value       1\n"
        f"{bad}:2: record 's1': $.speaker: no record has this id, got 'nobody'"
        " [dangling_reference]\n"
        f"{bad}:3: record 'b': $.name: must be a non-empty string, got '' [invalid_value]\n"
        f"{good}: valid, 96 records\n"
    )


def test_validate_a_file_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    text = tmp_path / "notes.txt"
    text.write_text("hello\n", encoding="utf-8")
    assert main(["validate", str(missing), str(text)]) == 1
    assert capsys.readouterr().err == (
        f"eventkit: error: cannot read {missing}: No such file or directory\n"
        f"eventkit: error: {text}: cannot tell the format from the file name; use one of "
        ".jsonl, .ndjson, .json, .jsonl.gz, .ndjson.gz, .json.gz\n"
    )


@pytest.mark.parametrize("name", ["x.txt", "x.json", "x"])
def test_demo_refuses_a_file_that_is_not_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / name
    assert 2 == main(["demo", "--out", str(out)])
    assert (
        f"eventkit: error: --out {out}: the demo writes JSON Lines; give a file name ending "
        "in .jsonl (or .jsonl.gz)\n"
    ) == capsys.readouterr().err
    assert not out.exists()


def test_validate_keeps_the_first_max_errors_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"{bad\n" * 30)
    assert 1 == main(["validate", "--max-errors", "5", str(path)])
    printed = " ".join(capsys.readouterr().out.split())
    assert "30 problems in 30 records (the first 5 kept; 25 more counted, not kept)" in printed
    assert 2 == main(["validate", "--max-errors", "0", str(path)])


def test_validate_keep_unknown_accepts_types_it_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plugin.jsonl"
    path.write_bytes(b'{"type": "acme.rally", "id": "r", "crowd": 12}\n')
    assert 1 == main(["validate", str(path)])
    capsys.readouterr()
    assert 0 == main(["validate", "--keep-unknown", str(path)])
    assert "valid, 1 record" in capsys.readouterr().out


def test_validate_says_once_per_file_what_an_unknown_type_likely_means(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plugin.jsonl"
    path.write_bytes(b'{"type": "acme.rally", "id": "r1"}\n{"type": "acme.rally", "id": "r2"}\n')
    assert 1 == main(["validate", str(path)])
    printed = " ".join(capsys.readouterr().out.split())
    assert 1 == printed.count("--keep-unknown")
    assert "2 record(s) have a type this eventkit does not know" in printed
