"""The ``eventkit`` command: every subcommand, in process and as the installed script."""

import gzip
import json
import os
import re
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

import eventkit as ek
from eventkit import _registry
from eventkit._duplicates import duplicate_pairs
from eventkit.cli import COMMANDS, _validate, main
from eventkit.examples import scholz_putin
from eventkit.io import read_dataset


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
    # a missing folder is made (as for every save); a file where it should be is named
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "call.jsonl"
    assert main(["demo", "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"eventkit: error: cannot write {out}: {tmp_path / 'afile'} is not a directory\n"
    )
    assert "x" == (tmp_path / "afile").read_text(encoding="utf-8")


def test_demo_as_a_module_in_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "call.jsonl"
    done = run(sys.executable, "-m", "eventkit.cli", "demo", "--out", str(out), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Timeline of events" in done.stdout
    assert ek.Dataset.load(out) == scholz_putin()


def test_python_m_eventkit_is_the_eventkit_command(tmp_path: Path) -> None:
    done = run(sys.executable, "-m", "eventkit", "validate", "missing.jsonl", cwd=tmp_path)
    assert (1, "eventkit: error: cannot read missing.jsonl: No such file or directory\n") == (
        done.returncode,
        done.stderr,
    )
    helped = run(sys.executable, "-m", "eventkit", "--help", cwd=tmp_path)
    assert 0 == helped.returncode
    assert helped.stdout.startswith("usage: eventkit [-h] [--version] COMMAND ...\n")


def test_a_format_whose_extra_is_missing_is_an_error_naming_it(tmp_path: Path) -> None:
    # pyarrow made unimportable in a fresh interpreter, as on a machine
    # without the parquet extra: one line naming the extra, not a traceback.
    source = tmp_path / "seed.jsonl"
    scholz_putin().save(source)
    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from eventkit.cli import main\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "convert", str(source), str(tmp_path / "out.parquet")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (1, "") == (done.returncode, done.stdout)
    assert "eventkit: error: this needs pyarrow: pip install 'eventkit[parquet]'\n" == done.stderr
    assert not (tmp_path / "out.parquet").exists()


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
        "Commands: validate, convert, schema, show, timeline, duplicates, demo. "
        "Try: eventkit demo\n"
    )


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demos"]) == 2
    # Python 3.12 stopped quoting the choices; the start of the message is stable.
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith("eventkit: error: argument COMMAND: invalid choice: 'demos' (choose from ")
    )


def test_a_file_named_like_an_option_is_said_to_be_read_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse said only "the following arguments are required: FILE"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-notes.jsonl").write_text(ACTOR, encoding="utf-8")
    assert 2 == main(["validate", "-notes.jsonl"])
    assert capsys.readouterr().err.splitlines()[-1] == (
        "eventkit: error: -notes.jsonl is read as an option; "
        "for the file, write ./-notes.jsonl or put -- before it"
    )
    for named in (["./-notes.jsonl"], ["--", "-notes.jsonl"]):
        assert 0 == main(["validate", *named])
    assert 2 == main(["validate", "-q"])  # an option, and no file of its name: no such line
    assert 2 == main(["validate", "-" + "x" * 300, "-\x00"])  # too long for a name; not a name
    assert "read as an option" not in capsys.readouterr().err


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
    assert main(["validate", str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"eventkit: error: cannot read {missing}: No such file or directory\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["validate", "--lenient"],
        ["show"],
        ["timeline", "-o", "t.svg"],
        ["duplicates"],
    ],
)
def test_a_file_name_of_no_known_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # as in convert: the invocation is wrong, not the data (exit status 2, not 1),
    # and it is said before any file is read
    good = tmp_path / "good.jsonl"
    good.write_text(ACTOR, encoding="utf-8")
    text = tmp_path / "story.txt"
    text.write_text(ACTOR, encoding="utf-8")
    files = [str(good), str(text)] if command[0] == "validate" else [str(text)]
    assert 2 == main([*command, *files])
    assert (
        "",
        f"eventkit: error: {text}: cannot tell the format from the file name; use one of "
        ".jsonl, .ndjson, .json, .jsonl.gz, .ndjson.gz, .json.gz\n",
    ) == capsys.readouterr()


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


# --- the installed command, in a subprocess ---------------------------------------------

SCRIPT = Path(sys.executable).with_name("eventkit")
ACME = """
import attrs
import eventkit as ek


@ek.event_type("acme.rally")
@attrs.frozen(kw_only=True)
class Rally(ek.Event):
    crowd: int = ek.field(default=0, check=ek.checks.in_range(0, 10_000_000))
"""
ACTOR = '{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
SAID = '{"type": "statement", "id": "s1", "speaker": "a", "text": "Hello."}\n'


def eventkit(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``eventkit`` script, as a user's shell would."""
    assert SCRIPT.exists(), f"pip install -e . installs {SCRIPT}"
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=env, input=stdin, capture_output=True, check=False
    )
    out = subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.jsonl"
    scholz_putin().save(path)
    return path


def test_validate_counts_no_record_in_a_file_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl.gz").write_text(ACTOR, encoding="utf-8")  # not gzip
    done = eventkit("validate", "d.jsonl.gz", cwd=tmp_path)
    assert (1, "d.jsonl.gz: 1 problem in 0 records") == (
        done.returncode,
        done.stdout.splitlines()[0],
    )


def test_validate_exit_codes(tmp_path: Path, seed: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(ACTOR + '{"type": "actor", "id": "b", "name": ""}\n', encoding="utf-8")
    assert 0 == eventkit("validate", str(seed), cwd=tmp_path).returncode
    assert 1 == eventkit("validate", str(seed), str(bad), cwd=tmp_path).returncode
    assert 1 == eventkit("validate", str(tmp_path / "missing.jsonl"), cwd=tmp_path).returncode
    usage = eventkit("validate", "--max-errors", "0", str(seed), cwd=tmp_path)
    assert 2 == usage.returncode
    assert "argument --max-errors: expected a positive whole number, got '0'" in usage.stderr
    assert 2 == eventkit("validate", cwd=tmp_path).returncode
    assert 2 == eventkit("validate", "-", "-", cwd=tmp_path, stdin=b"").returncode


def test_validate_json_is_one_document(tmp_path: Path, seed: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        ACTOR + '{"type": "actor", "id": "b", "name": "", "kind": "person"}\n{"type"\n',
        encoding="utf-8",
    )
    done = eventkit("validate", "--json", str(seed), str(bad), cwd=tmp_path)
    assert (1, "") == (done.returncode, done.stderr)
    report = json.loads(done.stdout)
    assert False is report["valid"]
    assert {"invalid_json": 1, "invalid_value": 1} == report["counts"]
    assert [
        {"file": str(seed), "valid": True, "records": 96, "problems": 0, "not_kept": 0,
         "counts": {}, "warnings": 0},
        {"file": str(bad), "valid": False, "records": 3, "problems": 2, "not_kept": 0,
         "counts": {"invalid_value": 1, "invalid_json": 1}, "warnings": 0},
    ] == report["files"]  # fmt: skip
    assert [] == report["warnings"]
    assert {
        "loc": "$.name",
        "code": "invalid_value",
        "message": "must be a non-empty string",
        "input": "",
        "record": "b",
        "file": str(bad),
        "line": 2,
    } == report["problems"][0]


def test_validate_reads_standard_input(tmp_path: Path, seed: Path) -> None:
    done = eventkit("validate", "-", cwd=tmp_path, stdin=seed.read_bytes())
    assert (0, "<stdin>: valid, 96 records\n") == (done.returncode, done.stdout)
    done = eventkit("validate", "-", cwd=tmp_path, stdin=gzip.compress(SAID.encode()))
    assert 1 == done.returncode
    assert "<stdin>:1: record 's1': $.speaker: no record has this id" in done.stdout
    document = tmp_path / "d.json"
    scholz_putin().save(document)
    done = eventkit(
        "validate", "--json", "--stdin-format", "json", "-", cwd=tmp_path,
        stdin=document.read_bytes(),
    )  # fmt: skip
    assert [{"file": "<stdin>", "valid": True, "records": 96, "problems": 0, "not_kept": 0,
             "counts": {}, "warnings": 0}] == json.loads(done.stdout)["files"]  # fmt: skip


def _validate_from_a_terminal(typed: bytes, cwd: Path) -> tuple[int, str, str]:
    """``eventkit validate -`` with standard input a pseudo-terminal on which ``typed`` is typed.

    Its exit status, standard output and standard error.
    """
    pty = pytest.importorskip("pty")  # POSIX
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    with subprocess.Popen(
        [str(SCRIPT), "validate", "-"], cwd=cwd, env=env, stdin=follower,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        os.close(follower)
        os.write(leader, typed + b"\n\x04")  # a line, then Ctrl-D: the end of the input
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # it waited for a second Ctrl-D
            process.kill()
            raise
    os.close(leader)
    return process.returncode, out.decode(), err.decode()


def test_validate_says_how_to_end_standard_input_typed_on_a_terminal(tmp_path: Path) -> None:
    # it waited silently for input, as if hung, and after one Ctrl-D for another
    assert (
        0,
        "<stdin>: valid, 1 record\n",
        "eventkit: reading records from the terminal; end them with Ctrl-D\n",
    ) == _validate_from_a_terminal(ACTOR.strip().encode(), tmp_path)
    done = eventkit("validate", "-", cwd=tmp_path, stdin=ACTOR.encode())  # a pipe: no hint
    assert (0, "<stdin>: valid, 1 record\n", "") == (done.returncode, done.stdout, done.stderr)


def test_validate_of_standard_input_closed_is_a_message(tmp_path: Path) -> None:
    # `<&-`: sys.stdin is None, and reading it raised AttributeError
    done = run("sh", "-c", f"'{SCRIPT}' validate - <&-", cwd=tmp_path)
    assert (1, "", "eventkit: error: cannot read <stdin>: standard input is closed\n") == (
        done.returncode,
        done.stdout,
        done.stderr,
    )


def test_only_validate_reads_standard_input_and_the_others_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # they said "-: cannot tell the format from the file name", as if "-" were a file's name
    for args in (["show", "-"], ["timeline", "-", "-o", str(tmp_path / "t.svg")],
                 ["duplicates", "-"]):  # fmt: skip
        assert 2 == main(args)
        assert (
            "",
            f"eventkit: error: {args[0]} reads a file, not standard input (-): save it to a "
            ".jsonl file first, or check it with `eventkit validate -`\n",
        ) == capsys.readouterr()


def test_warnings_about_standard_input_name_it_and_are_in_the_json(tmp_path: Path) -> None:
    # with another file, they named the temporary copy (/tmp/eventkit-…/stdin.jsonl);
    # --json left warnings out
    sources = tmp_path / "sources.jsonl"
    sources.write_text('{"type":"source","id":"kyiv","name":"K","kind":"article"}\n')
    cited = {"source": "kyiv", "excerpt": "hello", "offsets": {"start": 0, "end": 3}}
    event = json.dumps({"type": "event", "id": "e1", "title": "T", "sources": [cited]})
    stdin = (event + "\n").encode()
    done = eventkit("validate", str(sources), "-", cwd=tmp_path, stdin=stdin)
    assert 0 == done.returncode
    assert "  warning: <stdin>:1: record 'e1': $.sources[0].offsets: " in done.stdout
    assert "stdin.jsonl" not in done.stdout
    done = eventkit("validate", "--json", str(sources), "-", cwd=tmp_path, stdin=stdin)
    document = json.loads(done.stdout)
    assert [0, 1] == [entry["warnings"] for entry in document["files"]]
    assert [("<stdin>", 1, "excerpt_length")] == [
        (w["file"], w["line"], w["code"]) for w in document["warnings"]
    ]


def test_validate_checks_references_across_the_files_given(tmp_path: Path) -> None:
    actors, said = tmp_path / "actors.jsonl", tmp_path / "said.json"
    actors.write_text(ACTOR, encoding="utf-8")
    ek.Dataset([ek.from_dict(ek.Statement, json.loads(SAID))]).save(said)
    assert 1 == eventkit("validate", str(said), cwd=tmp_path).returncode
    done = eventkit("validate", str(said), str(actors), cwd=tmp_path)
    assert (0, f"{said}: valid, 1 record\n{actors}: valid, 1 record\n") == (
        done.returncode,
        done.stdout,
    )
    # An id naming a record of the wrong kind in another file, and one id for two records.
    other = tmp_path / "other.jsonl"
    other.write_text(
        '{"type": "event", "id": "a", "title": "An event with the actor\'s id"}\n'
        '{"type": "statement", "id": "s2", "speaker": "s1", "text": "Hi."}\n',
        encoding="utf-8",
    )
    done = eventkit("validate", "--json", str(actors), str(said), str(other), cwd=tmp_path)
    report = json.loads(done.stdout)
    assert 1 == done.returncode
    assert {"duplicate_id": 1, "wrong_reference_kind": 1} == report["counts"]
    assert [
        (str(other), None, "a", "$.id", "duplicate_id"),
        (str(other), 2, "s2", "$.speaker", "wrong_reference_kind"),
    ] == sorted(
        ((p["file"], p.get("line"), p["record"], p["loc"], p["code"]) for p in report["problems"]),
        key=lambda row: (row[0], row[1] or 0),
    )


def _seed_apart(tmp_path: Path) -> tuple[Path, Path]:
    """The seed's actors in a JSON Lines file, the rest in a Parquet dataset: (rest, actors)."""
    seed = scholz_putin()
    actor_ids = {actor.id for actor in seed.actors}
    rest, actors = tmp_path / "rest.parquet", tmp_path / "actors.jsonl"
    ek.Dataset(r for r in seed if r.id not in actor_ids).save(rest, format="parquet")
    ek.Dataset(r for r in seed if r.id in actor_ids).save(actors)
    return rest, actors


def test_validate_reads_a_named_pipe_with_other_files_once(tmp_path: Path, seed: Path) -> None:
    # files together are read twice; the second read of a pipe waited for a writer for ever
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "said.jsonl"
    os.mkfifo(pipe)
    said = SAID.replace('"a"', '"olaf-scholz"') + SAID.replace('"s1"', '"s2"')

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as writer:
            writer.write(said)

    threading.Thread(target=write, daemon=True).start()
    done = subprocess.run(
        [str(SCRIPT), "validate", "said.jsonl", str(seed)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,  # not a measurement: a hang fails the test instead of the whole run
    )
    assert (
        1,
        "said.jsonl: 1 problem in 2 records\n"
        "  dangling_reference  1\n"
        "said.jsonl:2: record 's2': $.speaker: no record has this id, got 'a' "
        "[dangling_reference]\n"
        f"{seed}: valid, 96 records\n",
        "",
    ) == (done.returncode, done.stdout, done.stderr)


def test_validate_reads_parquet_datasets_alone_and_with_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")  # the parquet extra; the test command installs it
    seed = scholz_putin()
    rest, actors = _seed_apart(tmp_path)

    def validate(*args: str) -> tuple[int, dict[str, Any]]:
        status = main(["validate", "--json", *args])
        return status, json.loads(capsys.readouterr().out)

    status, alone = validate(str(rest))
    dangling = alone["counts"]["dangling_reference"]
    assert (1, {"dangling_reference": dangling}) == (status, alone["counts"])
    assert all(re.fullmatch(r"\$\.\w+\[\d+\]\.\w+.*", p["loc"]) for p in alone["problems"])
    # Together, the actors of the other file are found; each file is valid.
    status, together = validate(str(rest), str(actors))
    assert (0, {}) == (status, together["counts"])
    # --max-errors keeps the first problems and counts the rest, as for JSON Lines.
    status, first = validate("--max-errors", "3", str(rest))
    file = first["files"][0]
    assert (1, 3, dangling - 3, dangling) == (
        status,
        len(first["problems"]),
        file["not_kept"],
        file["problems"],
    )
    # An id naming a record of the wrong kind, in the JSON Lines file beside it.
    wrong = tmp_path / "wrong.jsonl"
    putin = next(a for a in seed.actors if a.id == "vladimir-putin")
    ek.Dataset([ek.Event(id=putin.id, title="An event with an actor's id")]).save(wrong)
    status, report = validate(str(rest), str(wrong), str(actors))
    assert (1, {"wrong_reference_kind", "duplicate_id"}) == (status, set(report["counts"]))
    assert {"vladimir-putin"} == {
        p["input"] for p in report["problems"] if p["code"] == "wrong_reference_kind"
    }
    # A damaged file is reported with its file; the rest of the dataset is still read.
    damaged = next((rest / "statements").rglob("*.parquet"))
    damaged.write_bytes(b"not Parquet")
    status, report = validate("--lenient", str(rest), str(actors))
    assert (0, [("invalid_parquet", str(damaged))]) == (
        status,
        [(p["code"], p["file"]) for p in report["problems"] if p["code"] == "invalid_parquet"],
    )


def test_validate_loads_each_file_once_when_the_first_pass_holds_its_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The pass over files together keeps only ids, kinds and digests from the first load.
    pytest.importorskip("pyarrow")  # the parquet extra; the test command installs it
    rest, actors = _seed_apart(tmp_path)
    loads: list[Path] = []
    load = ek.Dataset.load.__func__  # type: ignore[attr-defined]

    def load_counted(cls: type[ek.Dataset], /, path: Path, **options: Any) -> Any:
        loads.append(Path(path))
        return load(cls, path, **options)

    def read_counted(path: Path, **options: Any) -> Any:
        loads.append(Path(path))
        return read_dataset(path, **options)

    monkeypatch.setattr(ek.Dataset, "load", classmethod(load_counted))
    monkeypatch.setattr(_validate, "read_dataset", read_counted)
    assert 0 == main(["validate", "--lenient", str(rest), str(actors)])
    assert [rest, actors] == loads
    loads.clear()
    capsys.readouterr()
    # Checked streaming, JSON Lines is read again by the second pass; Parquet is not.
    assert 0 == main(["validate", str(rest), str(actors)])
    assert [rest, actors] == loads
    assert f"{rest}: valid, 55 records\n{actors}: valid, 41 records\n" == capsys.readouterr().out


def test_validate_max_errors_and_lenient(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(ACTOR + '{"type": "actor"}\n' * 20, encoding="utf-8")
    done = eventkit("validate", "--json", "--max-errors", "3", str(path), cwd=tmp_path)
    report = json.loads(done.stdout)
    assert (1, 3, 57, 60) == (
        done.returncode,
        len(report["problems"]),
        report["files"][0]["not_kept"],
        report["files"][0]["problems"],
    )
    done = eventkit("validate", "--lenient", str(path), cwd=tmp_path)
    assert 0 == done.returncode
    assert f"{path}: Dataset.load(lenient=True) keeps 1 records" in done.stdout
    gz = tmp_path / "bad.jsonl.gz"
    gz.write_bytes(b"not gzip")
    assert 1 == eventkit("validate", "--lenient", str(gz), cwd=tmp_path).returncode


def test_validate_and_schema_with_types(tmp_path: Path) -> None:
    (tmp_path / "acme_types.py").write_text(ACME, encoding="utf-8")
    path = tmp_path / "rally.jsonl"
    path.write_text('{"type": "acme.rally", "id": "r", "title": "Rally", "crowd": 12}\n')
    assert 1 == eventkit("validate", str(path), cwd=tmp_path).returncode
    done = eventkit("validate", "--types", "acme_types", str(path), cwd=tmp_path)
    assert (0, f"{path}: valid, 1 record\n") == (done.returncode, done.stdout)
    done = eventkit("schema", "--types", "acme_types.py", "acme.rally", cwd=tmp_path)
    rally = json.loads(done.stdout)["$defs"]["acme.rally"]
    assert {"type": "integer", "minimum": 0, "maximum": 10_000_000, "default": 0} == (
        rally["properties"]["crowd"]
    )
    broken = eventkit("validate", "--types", "no_such_module", str(path), cwd=tmp_path)
    assert 2 == broken.returncode
    assert broken.stderr.startswith(
        "eventkit: error: --types no_such_module: cannot import it: ModuleNotFoundError"
    )


def test_types_given_as_a_file_imports_its_neighbours(tmp_path: Path) -> None:
    # as `python plugin/acme_types.py` would: the file's directory is where its imports look
    (tmp_path / "plugin").mkdir()
    (tmp_path / "plugin" / "acme_rally.py").write_text(ACME, encoding="utf-8")
    (tmp_path / "plugin" / "acme_types.py").write_text("import acme_rally\n", encoding="utf-8")
    path = tmp_path / "rally.jsonl"
    path.write_text('{"type": "acme.rally", "id": "r", "title": "Rally", "crowd": 12}\n')
    done = eventkit("validate", "--types", "plugin/acme_types.py", str(path), cwd=tmp_path)
    assert (0, f"{path}: valid, 1 record\n", "") == (done.returncode, done.stdout, done.stderr)


def test_convert_streams_between_formats(tmp_path: Path, seed: Path) -> None:
    compressed, back = tmp_path / "seed.json.gz", tmp_path / "back.jsonl"
    done = eventkit("convert", str(seed), str(compressed), cwd=tmp_path)
    assert (0, f"{compressed}: 96 records written from {seed}\n") == (
        done.returncode,
        done.stdout,
    )
    assert scholz_putin() == ek.Dataset.load(compressed)
    done = eventkit("convert", str(compressed), str(back), cwd=tmp_path)
    assert 0 == done.returncode
    assert "not kept: the dataset name 'seed' (jsonl has no place for it)" in done.stdout
    assert seed.read_bytes() == back.read_bytes()


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet"])
def test_convert_leaves_references_to_validate_from_and_to_every_format(
    tmp_path: Path, suffix: str
) -> None:
    # Parquet to JSON Lines refused the dataset convert had just written: a dangling reference.
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"type":"event","id":"e1","title":"E","participants":[{"actor":"nobody"}]}\n'
    )
    middle, back = tmp_path / f"middle{suffix}", tmp_path / "back.jsonl"
    assert 0 == main(["convert", str(source), str(middle)])
    assert 0 == main(["convert", str(middle), str(back)])
    assert source.read_bytes() == back.read_bytes()
    assert 1 == main(["validate", str(back)])


@pytest.mark.parametrize("suffix", [".jsonl", ".json.gz", ".parquet"])
def test_convert_makes_the_target_s_new_folders_in_every_format(
    tmp_path: Path, seed: Path, suffix: str
) -> None:
    # Parquet made them; JSON Lines failed with "No such file or directory"
    target = tmp_path / "new" / f"seed{suffix}"
    assert 0 == main(["convert", str(seed), str(target)])
    assert scholz_putin() == ek.Dataset.load(target)


def test_convert_refuses_to_overwrite_and_never_leaves_a_partial_file(
    tmp_path: Path, seed: Path
) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    done = eventkit("convert", str(seed), str(target), cwd=tmp_path)
    assert (2, f"eventkit: error: OUT {target} exists; use --force to replace it\n") == (
        done.returncode,
        done.stderr,
    )
    assert "keep me" == target.read_text(encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(seed.read_text(encoding="utf-8") + '{"type": "actor", "id": "x"}\n')
    done = eventkit("convert", "--force", str(bad), str(target), cwd=tmp_path)
    assert 1 == done.returncode
    assert "bad.jsonl:97: record 'x': $.kind: required field missing" in done.stderr
    assert f"eventkit: error: {bad} was not converted; {target} is unchanged:" in done.stderr
    assert "keep me" == target.read_text(encoding="utf-8")
    assert ["bad.jsonl", "out.json"] == sorted(p.name for p in tmp_path.iterdir())
    assert 0 == eventkit("convert", "--force", str(seed), str(target), cwd=tmp_path).returncode
    assert 2 == eventkit("convert", str(seed), str(seed), cwd=tmp_path).returncode
    assert 2 == eventkit("convert", str(seed), str(tmp_path / "x.csv"), cwd=tmp_path).returncode


def test_convert_writes_a_repeated_record_once_and_refuses_a_taken_id(
    tmp_path: Path, seed: Path
) -> None:
    # both were written: DuckDB's views held the repeated event twice
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "again.jsonl").write_text("".join([*lines, lines[40]]), encoding="utf-8")
    done = eventkit("convert", "again.jsonl", "again.parquet", cwd=tmp_path)
    assert (0, "again.parquet: 96 records written from again.jsonl\n") == (
        done.returncode,
        done.stdout,
    )
    (tmp_path / "taken.jsonl").write_text(
        "".join([*lines, lines[40].replace('"name":"', '"name":"Not ')]), encoding="utf-8"
    )
    validated = eventkit("validate", "taken.jsonl", cwd=tmp_path)
    (problem,) = [
        line.strip() for line in validated.stdout.splitlines() if "[duplicate_id]" in line
    ]
    assert "taken.jsonl:97: record 'creatd': $.id: another, different record" in problem
    done = eventkit("convert", "taken.jsonl", "taken.parquet", cwd=tmp_path)
    assert 1 == done.returncode
    assert problem in [line.strip() for line in done.stderr.splitlines()]
    assert not (tmp_path / "taken.parquet").exists()


def _session(leader: int) -> list[int]:
    """The processes of the session ``leader`` started (Linux's /proc), zombies left out."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[3]) == leader and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_convert_ended_by_sigterm_ends_its_workers(tmp_path: Path) -> None:
    # the workers outlived it, blocked writing to a pipe, and held its caller's stdout open
    event = '{"type":"event","id":"e%d","title":"t","when":"%d-0%d"}\n'
    lines = (event % (i, 2000 + i % 20, 1 + i % 9) for i in range(200_000))
    (tmp_path / "big.jsonl").write_text("".join(lines), encoding="utf-8")
    command = [str(SCRIPT), "convert", "--jobs", "2", "big.jsonl", "big.parquet"]
    proc = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    try:
        deadline = time.monotonic() + 10
        while len(_session(proc.pid)) < 3 and time.monotonic() < deadline:  # the workers run
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)  # hung while a worker held the pipes
        time.sleep(0.5)
        assert ((143, "", "eventkit: error: terminated\n"), []) == (
            (proc.returncode, out, err),
            _session(proc.pid),
        )
        assert ["big.jsonl"] == [p.name for p in tmp_path.iterdir()]
    finally:
        for pid in _session(proc.pid):  # what this test started, if it failed
            os.kill(pid, signal.SIGKILL)


def test_schema_prints_json_schema_and_tables(tmp_path: Path) -> None:
    done = eventkit("schema", cwd=tmp_path)
    schema = json.loads(done.stdout)
    # This process has registered test types of its own, and maybe the interop
    # adapters' types (entry points, as a plugin's are); the command loads those last.
    builtin = [_registry.tag_of(cls) for cls in _registry.registered()
               if cls.__module__.startswith("eventkit.")
               and not cls.__module__.startswith("eventkit.interop.")]  # fmt: skip
    tags = list(schema["discriminator"]["mapping"])
    assert (builtin, {"acled.event", "gdelt.event"}) == (
        tags[: len(builtin)],
        set(tags[len(builtin) :]),
    )
    here = ek.json_schema()
    assert [] == [tag for tag in builtin if here["$defs"][tag] != schema["$defs"][tag]]
    assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
    assert "type" == schema["discriminator"]["propertyName"]
    document = json.loads(eventkit("schema", "--document", cwd=tmp_path).stdout)
    assert {"$ref": "#/$defs/record"} == document["properties"]["records"]["items"]
    assert schema["anyOf"] == document["$defs"]["record"]["anyOf"]
    table = eventkit("schema", "--format", "table", "phone_call", cwd=tmp_path)
    assert 0 == table.returncode
    lines = table.stdout.splitlines()
    assert "PhoneCall (phone_call)" == lines[0].strip()
    assert ["video", "boolean", "False"] == next(
        line.split() for line in lines if line.strip().startswith("video")
    )
    participants = next(line.split() for line in lines if line.strip().startswith("participants"))
    # the column of types may wrap ("list of" / "Participant"): the row starts it, and says
    # the field comes from Event
    assert (["participants", "list", "of"], "Event") == (participants[:3], participants[-1])
    unknown = eventkit("schema", "meting", cwd=tmp_path)
    assert (2, "eventkit: error: unknown type 'meting'; did you mean \"meeting\"?\n") == (
        unknown.returncode,
        unknown.stderr,
    )


def test_schema_table_refuses_the_options_of_the_json_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the table ignored them: a user asking for a document's table got the types' tables
    for given in (["--document"], ["--compact"], ["--document", "--compact"]):
        assert 2 == main(["schema", "--format", "table", *given, "actor"])
        assert (
            "",
            f"eventkit: error: --format table lists each type's fields; {' and '.join(given)} "
            "shape the JSON Schema\n",
        ) == capsys.readouterr()


def test_show_summarises_a_file(tmp_path: Path, seed: Path) -> None:
    done = eventkit("show", str(seed), cwd=tmp_path)
    assert 0 == done.returncode
    for expected in (
        "seed: 96 records",
        "Events from 2022-12-01 to 2024-11-15",
        "Events by type",
        "phone_call",
        "Olaf Scholz",
        "Kremlin readout of the call with Olaf Scholz",
        "Problems: none",
    ):
        assert expected in done.stdout, expected
    bad = tmp_path / "bad.jsonl"
    bad.write_text(ACTOR + SAID.replace('"a"', '"b"'), encoding="utf-8")
    done = eventkit("show", str(bad), cwd=tmp_path)
    assert 1 == done.returncode
    assert "dangling_reference  1" in done.stdout


MARKUP_NAMES = ("[/]", "[red]Hidden[/red] [link=http://x]Z[/link]", "Alert :warning:")
ODD_FILE = "[red]odd :warning:.jsonl"  # a file name has no slash: no closing tag


def test_show_prints_names_as_written(tmp_path: Path) -> None:
    # rich read them as markup: "[/]" ended in a traceback, the others lost their tags
    # (the link went to the terminal) or became an emoji
    records = [
        *(ek.Actor(id=f"a{i}", name=name, kind="person") for i, name in enumerate(MARKUP_NAMES)),
        ek.Source(id="s", name="Reuters [/i]", kind="article"),
    ]
    ek.Dataset(records).save(tmp_path / "odd.jsonl")
    done = eventkit("show", "odd.jsonl", cwd=tmp_path)
    assert 0 == done.returncode
    for name in (*MARKUP_NAMES, "Reuters [/i]"):
        assert name in done.stdout, name


def test_an_error_names_a_file_as_written(tmp_path: Path) -> None:
    done = eventkit("show", ODD_FILE, cwd=tmp_path)
    assert (1, f"eventkit: error: cannot read {ODD_FILE}: No such file or directory\n") == (
        done.returncode,
        done.stderr,
    )


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"IHDR" == data[12:16]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_timeline_draws_svg_png_and_html(tmp_path: Path, seed: Path) -> None:
    svg, png, page = tmp_path / "t.svg", tmp_path / "t.png", tmp_path / "t.html"
    for out in (svg, png, page):
        done = eventkit("timeline", str(seed), "-o", str(out), cwd=tmp_path)
        assert (0, f"{out}: the timeline of 28 events\n") == (done.returncode, done.stdout)
    root = ElementTree.parse(svg).getroot()
    assert "{http://www.w3.org/2000/svg}svg" == root.tag
    width, height = (float(root.attrib[key].removesuffix("pt")) for key in ("width", "height"))
    assert 792.0 == width  # 11 inches at 72 points
    assert height > width  # ten lanes of events, stacked
    texts = "".join(root.itertext())
    assert "Phone call between Olaf Scholz and Vladimir Put…" in texts
    assert "Olaf Scholz" in texts
    png_width, png_height = _png_size(png.read_bytes())
    assert (1650, round(height / 72 * 150)) == (png_width, png_height)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<svg" in page.read_text(encoding="utf-8")
    by_type = eventkit("timeline", "--by", "type", str(seed), "-o", str(svg), cwd=tmp_path)
    assert 0 == by_type.returncode
    assert "attack" in "".join(ElementTree.parse(svg).getroot().itertext())


def test_timeline_draws_dates_at_the_calendars_ends(tmp_path: Path) -> None:
    # matplotlib's dates stop at years 1 and 9999: a margin past them, or an instant
    # in UTC year 10000, raised ValueError or OverflowError with a traceback
    ends = ["0001", "9999", "9999-12-31T19:25-17:59", "0001-01-01T03+14:00", "../9999-12-31"]
    events = [
        ek.Event(id=f"e{i}", title=f"E{i}", when=ek.parse_edtf(when)) for i, when in enumerate(ends)
    ]
    path = tmp_path / "ends.jsonl"
    ek.Dataset(events).save(path)
    out = tmp_path / "t.svg"
    done = eventkit("timeline", str(path), "-o", str(out), cwd=tmp_path)
    assert (0, f"{out}: the timeline of 5 events\n", "") == (
        done.returncode,
        done.stdout,
        done.stderr,
    )
    texts = "".join(ElementTree.parse(out).getroot().itertext())
    assert all(f"E{i}" in texts for i in range(len(ends)))


def test_timeline_draws_the_valid_events_and_reports_the_invalid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as show does: the valid records are drawn, the rest is said, the status is 1
    path = tmp_path / "story.jsonl"
    path.write_text(
        '{"type": "event", "id": "ok", "title": "Talks", "when": "2025-03-10/2025-03-12"}\n'
        '{"type": "event", "id": "bad", "title": "Ceasefire", "when": "2025-03-12/2025-03-10"}\n'
        '{"type": "event", "id": "bad2", "title": "", "when": "2025-03-13"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "t.svg"
    assert 1 == main(["timeline", str(path), "-o", str(out)])
    assert (
        f"{path}: 2 problems in 3 records\n"
        "  invalid_value  2\n"
        f"{path}:2: record 'bad': $.when: in '2025-03-12/2025-03-10': end must not be before "
        "the start (2025-03-12), got '2025-03-10' [invalid_value]\n"
        f"{path}:3: record 'bad2': $.title: must be a non-empty string, got '' [invalid_value]\n"
        f"{out}: the timeline of 1 event; records that are themselves invalid are left out\n",
        "",
    ) == capsys.readouterr()
    texts = "".join(ElementTree.parse(out).getroot().itertext())
    assert "Talks" in texts
    assert "Ceasefire" not in texts


def test_timeline_of_only_invalid_events_is_bad_data_not_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.jsonl"
    path.write_text(
        '{"type": "event", "id": "bad", "title": "", "when": "2025-03-13"}\n', encoding="utf-8"
    )
    out = tmp_path / "t.svg"
    assert 1 == main(["timeline", str(path), "-o", str(out)])
    assert (
        f"{path}: 1 problem in 1 record\n"
        "  invalid_value  1\n"
        f"{path}:1: record 'bad': $.title: must be a non-empty string, got '' [invalid_value]\n",
        "eventkit: error: no dated events to draw: 0 valid events, none with a date\n",
    ) == capsys.readouterr()
    assert not out.exists()


def test_timeline_of_a_valid_file_without_dates_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a valid file is no usage error: the data cannot be drawn (it exited 2)
    path = tmp_path / "undated.jsonl"
    path.write_text(
        '{"type": "event", "id": "e", "title": "E"}\n{"type": "event", "id": "f", "title": "F"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "t.svg"
    assert 1 == main(["timeline", str(path), "-o", str(out)])
    assert (
        "",
        "eventkit: error: no dated events to draw: 2 events, none with a date\n",
    ) == capsys.readouterr()
    assert not out.exists()


def test_timeline_usage_errors(tmp_path: Path, seed: Path) -> None:
    done = eventkit("timeline", str(seed), "-o", str(tmp_path / "t.jpg"), cwd=tmp_path)
    assert (2, f"eventkit: error: -o {tmp_path / 't.jpg'}: give a file name ending in .svg, "
               ".png, .html\n") == (done.returncode, done.stderr)  # fmt: skip
    assert 2 == eventkit("timeline", str(seed), cwd=tmp_path).returncode  # -o is required


def test_timeline_without_matplotlib_names_the_extra(tmp_path: Path, seed: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None; from eventkit.cli import main; "
        f"sys.exit(main(['timeline', {str(seed)!r}, '-o', 't.svg']))"
    )
    done = run(sys.executable, "-c", code, cwd=tmp_path)
    assert (2, "eventkit: error: drawing a timeline needs matplotlib: pip install "
               "'eventkit[plot]'\n") == (done.returncode, done.stderr)  # fmt: skip


@pytest.fixture
def in_seeded(tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new current directory, holding a copy of the seed dataset, seed.jsonl."""
    (tmp_path / "seed.jsonl").write_bytes(seed.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_convert_under_a_file_names_it_and_writes_nothing(
    in_seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "File exists" for a Parquet dataset; GDELT's events written, and blamed, when the
    # Mentions file could not be
    (in_seeded / "afile").write_text("x", encoding="utf-8")
    for args in (
        ["seed.jsonl", "afile/out.parquet"],
        ["seed.jsonl", "afile/out.jsonl"],
        ["--to", "gdelt", "seed.jsonl", "g.csv", "--mentions", "afile/m.csv"],
    ):
        assert 1 == main(["convert", *args])
        target = args[-3] if "--mentions" in args else args[-1]
        assert (
            "",
            f"eventkit: error: cannot convert seed.jsonl to {target}: afile is not a directory\n",
        ) == capsys.readouterr()
        assert not (in_seeded / target).exists()


def test_convert_says_a_report_it_cannot_write_and_that_out_was_written(
    in_seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "cannot convert seed.jsonl to p.jsonl: Not a directory", p.jsonl written
    (in_seeded / "afile").write_text("x", encoding="utf-8")
    assert 1 == main(
        ["convert", "--to", "plover", "seed.jsonl", "p.jsonl", "--report", "afile/r.json"]
    )
    out, err = capsys.readouterr()
    assert out.startswith("p.jsonl: ")
    assert err.endswith(
        "eventkit: error: cannot write the report afile/r.json: afile is not a directory\n"
    )
    assert (in_seeded / "p.jsonl").exists()


LONG = "a" * 300  # longer than a file system allows a name to be (255 bytes)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["validate", f"{LONG}.jsonl"], f"cannot read {LONG}.jsonl: File name too long"),
        (
            ["validate", "seed.jsonl", f"{LONG}.jsonl"],
            f"cannot read {LONG}.jsonl: File name too long",
        ),
        (["show", f"{LONG}.jsonl"], f"cannot read {LONG}.jsonl: File name too long"),
        (["duplicates", f"{LONG}.jsonl"], f"cannot read {LONG}.jsonl: File name too long"),
        (
            ["convert", f"{LONG}.jsonl", "out.json"],
            f"cannot convert {LONG}.jsonl to out.json: File name too long",
        ),
        (
            ["convert", "seed.jsonl", f"{LONG}.json"],
            f"cannot convert seed.jsonl to {LONG}.json: File name too long",
        ),
        (
            ["convert", "seed.jsonl", f"{LONG}.parquet"],
            f"cannot convert seed.jsonl to {LONG}.parquet: File name too long",
        ),
        (
            ["timeline", "seed.jsonl", "-o", f"{LONG}.svg"],
            f"cannot write {LONG}.svg: File name too long",
        ),
        (["demo", "--out", f"{LONG}.jsonl"], f"cannot write {LONG}.jsonl: File name too long"),
    ],
)
def test_a_file_name_too_long_is_a_message_not_a_traceback(
    in_seeded: Path, args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # is_parquet and convert's check of OUT raised OSError (ENAMETOOLONG) on Python < 3.13
    assert 1 == main(args)
    assert f"eventkit: error: {said}\n" == capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00", b"[1, 2]\n", b'{"type": "actor", "id": 1e999}\n', b"\x1f\x8b junk"],
)
def test_bad_input_is_a_message_never_a_traceback(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    out = tmp_path / "out.json"
    for args in (
        ["validate", str(path)],
        ["validate", "--json", "--lenient", str(path)],
        ["show", str(path)],
        ["convert", str(path), str(out)],
        ["timeline", str(path), "-o", str(tmp_path / "t.svg")],
    ):
        assert main(args) in ((0, 1) if "--lenient" in args else (1, 2)) or not content, args
        assert "Traceback" not in capsys.readouterr().err
    assert not out.exists() or content == b""
    # and the script itself:
    assert 1 == eventkit("validate", str(path), cwd=tmp_path).returncode or content == b""


# --- the docs page -------------------------------------------------------------------------


def _documented_help() -> dict[str, str]:
    """The help each ``## eventkit COMMAND`` section of docs/cli.md shows."""
    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"\n```text\n\$ (eventkit[^\n]* --help)\n(.*?)```", page, re.S):
        found[match[1]] = match[2]
    return found


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_docs_page_shows_each_commands_help(tmp_path: Path, command: str) -> None:
    invocation = f"eventkit {command} --help".replace("  ", " ")
    done = eventkit(*invocation.split()[1:], cwd=tmp_path)
    assert 0 == done.returncode
    assert done.stdout == _documented_help().get(invocation), (
        f"docs/cli.md should show `{invocation}` as it prints:\n{done.stdout}"
    )


def _on_a_terminal(args: list[str], *, threshold: int) -> tuple[int, str]:
    """Run ``main(args)`` with standard error on a pseudo-terminal; its exit status and stderr."""
    pty = pytest.importorskip("pty")  # POSIX
    code = (
        "import sys, eventkit.cli._validate as v; from eventkit.cli import main; "
        f"v.PROGRESS_FROM = {threshold}; sys.exit(main({args!r}))"
    )
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=follower, check=False
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return done.returncode, shown.decode(errors="replace")


def test_validate_shows_progress_on_a_terminal_for_large_files(seed: Path) -> None:
    status, shown = _on_a_terminal(["validate", str(seed), str(seed)], threshold=1000)
    assert 0 == status
    assert "validating" in shown
    assert "━━━━" in shown  # the bar: bytes of the files checked, a file at a time
    assert (0, "") == _on_a_terminal(["validate", "-q", str(seed)], threshold=1000)
    assert (0, "") == _on_a_terminal(["validate", str(seed)], threshold=10**9)


def test_progress_names_a_file_as_written(
    tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ODD_FILE).write_bytes(seed.read_bytes())
    monkeypatch.chdir(tmp_path)  # a short name, not cut to the terminal's width
    status, shown = _on_a_terminal(["validate", ODD_FILE, ODD_FILE], threshold=1000)
    assert 0 == status
    assert ODD_FILE in shown


# --- duplicates -------------------------------------------------------------------------


def test_duplicates_lists_the_same_pairs_from_json_lines_in_memory_and_parquet_on_duckdb(
    tmp_path: Path,
) -> None:
    seed = scholz_putin()
    seed.save(tmp_path / "seed.jsonl")
    seed.save(tmp_path / "seed.parquet", format="parquet")

    lines = eventkit("duplicates", "--threshold", "0.5", "seed.jsonl", cwd=tmp_path)
    on_duckdb = eventkit("duplicates", "--threshold", "0.5", "seed.parquet", cwd=tmp_path)
    as_json = eventkit("duplicates", "--json", "seed.parquet", cwd=tmp_path)

    assert (0, 0, 0) == (lines.returncode, on_duckdb.returncode, as_json.returncode)
    assert lines.stdout.splitlines()[0] == "first\tsecond\tscore\tfeatures"
    expected = [
        f"{p.first}\t{p.second}\t{p.score}\t"
        + " ".join(f"{name}={value}" for name, value in p.features.items())
        for p in duplicate_pairs(seed.events, threshold=0.5)
    ]
    assert lines.stdout.splitlines()[1:] == expected
    # the same pairs; each file's order of events orders them, and each pair's two ids
    assert _unordered(on_duckdb.stdout) == _unordered(lines.stdout)
    at_default = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert {(frozenset((p["first"], p["second"])), p["score"]) for p in at_default} == {
        (frozenset((p.first, p.second)), p.score)
        for p in duplicate_pairs(seed.events, threshold=0.7)
    }
    assert all(len(p["reasons"]) == len(p["features"]) for p in at_default)


def _unordered(lines: str) -> set[tuple[frozenset[str], str]]:
    rows = [line.split("\t") for line in lines.splitlines()[1:]]
    return {(frozenset(row[:2]), "\t".join(row[2:])) for row in rows}


def test_duplicates_of_a_file_it_cannot_read_exits_1_and_says_why(tmp_path: Path) -> None:
    done = eventkit("duplicates", "missing.parquet", cwd=tmp_path)

    assert (1, "") == (done.returncode, done.stdout)
    assert "not an eventkit Parquet dataset" in done.stderr


def test_duplicates_says_the_records_it_left_out_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the invalid record was left out of the comparison unsaid, with exit status 0
    path = tmp_path / "reports.jsonl"
    path.write_text(
        '{"type": "event", "id": "e1", "title": "Talks", "when": "2025-03-10"}\n'
        '{"type": "event", "id": "e2", "title": "Talks", "when": "2025-03-10"}\n'
        '{"type": "event", "id": "e3", "title": "", "when": "2025-03-10"}\n',
        encoding="utf-8",
    )
    assert 1 == main(["duplicates", str(path)])
    assert (
        "first\tsecond\tscore\tfeatures\ne1\te2\t1.0\ttype=1.0 time=1.0 title=1.0\n",
        f"{path}: 1 problem in 3 records\n"
        "  invalid_value  1\n"
        f"{path}:3: record 'e3': $.title: must be a non-empty string, got '' [invalid_value]\n",
    ) == capsys.readouterr()


def test_duplicates_refuses_a_threshold_that_is_no_score_as_a_usage_error(tmp_path: Path) -> None:
    scholz_putin().save(tmp_path / "seed.jsonl")
    for given in ("1.5", "nan", "x"):
        done = eventkit("duplicates", "--threshold", given, "seed.jsonl", cwd=tmp_path)
        assert (2, "") == (done.returncode, done.stdout)
        assert f"a score from 0 to 1, not {given!r}" in done.stderr


# --- control characters -------------------------------------------------------------------

HOSTILE = "odd\x1b[31m\r\x07\x9b"
SHOWN = "odd\\x1b[31m\\r\\x07\\x9b"  # as Python writes it


def test_control_characters_in_file_and_document_names_are_printed_escaped(
    tmp_path: Path,
) -> None:
    # a name printed raw recoloured the terminal (\x1b[31m), or hid what came before (\r);
    # records refuse control characters in their own text, but not a file or a document
    ek.Dataset([ek.Actor(id="a", name="A", kind="person")], name=f"Doc {HOSTILE}").save(
        tmp_path / "d.json"
    )
    shown = eventkit("show", "d.json", cwd=tmp_path)
    assert (0, f"Doc {SHOWN}: 1 records") == (shown.returncode, shown.stdout.splitlines()[0])
    (tmp_path / f"{HOSTILE}.jsonl").write_text(SAID, encoding="utf-8")  # a dangling speaker
    checked = eventkit("validate", f"{HOSTILE}.jsonl", cwd=tmp_path)
    assert (1, f"{SHOWN}.jsonl: 1 problem in 1 record") == (
        checked.returncode,
        checked.stdout.splitlines()[0],
    )
    missing = eventkit("show", f"{HOSTILE}.json", cwd=tmp_path)
    assert f"eventkit: error: cannot read {SHOWN}.json: No such file or directory\n" == (
        missing.stderr
    )
    demo = eventkit("demo", "--out", f"{HOSTILE}.jsonl", cwd=tmp_path)
    assert f"written to {SHOWN}.jsonl" in " ".join(demo.stdout.split())
    for done in (shown, checked, missing, demo):
        assert not set("\x1b\r\x07\x9b") & set(done.stdout + done.stderr), done


def test_the_timeline_draws_names_and_titles_as_written(tmp_path: Path) -> None:
    # the heading's control character made the SVG no XML at all; "$...$" was drawn as
    # mathematics (and an unbalanced one ended in a traceback)
    event = ek.Event(id="e", title="Fares from $2 to $3", when=ek.parse_edtf("2024-11-15"))
    ek.Dataset([event], name=f"A & <b> $x^2$ -- {HOSTILE}").save(tmp_path / "d.json")
    out = tmp_path / "t.svg"
    done = eventkit("timeline", "d.json", "-o", str(out), cwd=tmp_path)
    assert (0, "") == (done.returncode, done.stderr)
    texts = "".join(ElementTree.parse(out).getroot().itertext())
    assert f"A & <b> $x^2$ -- {SHOWN}" in texts
    assert "Fares from $2 to $3" in texts
    titled = eventkit("timeline", "d.json", "-o", str(out), "--title", r"$\frac$", cwd=tmp_path)
    assert (0, "") == (titled.returncode, titled.stderr)
    assert r"$\frac$" in "".join(ElementTree.parse(out).getroot().itertext())


# --- output that cannot be written ----------------------------------------------------------


def _many_problems(path: Path) -> Path:
    path.write_text(ACTOR + SAID.replace('"a"', '"b"') * 5000, encoding="utf-8")
    return path


def _closed_early(*args: str, cwd: Path) -> tuple[int, str]:
    """Run the command into a pipe whose reader takes a line and closes it, as ``| head -1``."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    with subprocess.Popen(
        [str(SCRIPT), *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.readline()  # more than a pipe holds is left: the writer waits for it
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
    return proc.returncode, stderr


def test_a_pipe_closed_early_is_a_message_and_a_failure_not_a_traceback(tmp_path: Path) -> None:
    bad = _many_problems(tmp_path / "bad.jsonl")
    message = "eventkit: error: cannot write the output: Broken pipe\n"
    # the command's own failure stays; a command that would succeed fails
    assert (1, message) == _closed_early("validate", "--max-errors", "9999", str(bad), cwd=tmp_path)
    assert (1, message) == _closed_early("validate", "--json", str(bad), cwd=tmp_path)
    assert (1, message) == _closed_early("schema", cwd=tmp_path)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["validate", "bad.jsonl"], ["schema"], ["schema", "--format", "table"], ["--help"]]
)
def test_a_full_device_is_a_message_and_a_failure_not_a_traceback(
    tmp_path: Path, args: list[str]
) -> None:
    _many_problems(tmp_path / "bad.jsonl")
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(SCRIPT), *args], cwd=tmp_path, env=env, stdout=full, stderr=subprocess.PIPE,
            check=False,
        )  # fmt: skip
    assert (1, "eventkit: error: cannot write the output: No space left on device\n") == (
        done.returncode,
        done.stderr.decode(),
    )


def test_duplicates_refuses_a_memory_limit_that_is_no_size_as_a_usage_error(
    tmp_path: Path,
) -> None:
    scholz_putin().save(tmp_path / "seed.parquet", format="parquet")
    for given in ("2", "1GB'; SET threads = 1; --", "much"):
        done = eventkit("duplicates", "--memory-limit", given, "seed.parquet", cwd=tmp_path)
        assert (2, "") == (done.returncode, done.stdout)
        assert (
            "eventkit duplicates: error: argument --memory-limit: a size such as '2GB' or "
            f"'500MB' (KB, MB, GB, TB; KiB, MiB, GiB, TiB), not {given!r}\n"
        ) == done.stderr.splitlines(keepends=True)[-1]
    assert (
        0
        == eventkit(
            "duplicates", "--memory-limit", "500MB", "seed.parquet", cwd=tmp_path
        ).returncode
    )
