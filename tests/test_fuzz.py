"""A short run of the fuzz harness in ``fuzz/``, and the defects it found, pinned.

The harness runs in a process of its own, so the event types other tests
register cannot meet its inputs. Each defect the long campaigns found (see
``fuzz/README.md`` and ``docs/untrusted-input.md``) has a minimal reproducer
here, marked ``xfail(strict=True)``: the day it is fixed, its test passes,
the suite fails, and the mark (and the defect's entry in
``fuzz/harness.py``'s ``KNOWN``) goes.
"""

import contextlib
import gzip
import os
import pickle
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

import eventkit as ek
from eventkit import cli

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "fuzz" / "run.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_a_short_fuzz_run_finds_no_new_defect() -> None:
    result = run("--inputs", "100", "--each", "--seed", "0")
    assert 0 == result.returncode, result.stdout + result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    counted = {row[0]: row[1] for row in rows if len(row) > 1}
    assert "100" == counted["from_json"]
    assert "100" == counted["cli_validate"]
    assert "1,500" == counted["total"]


def test_the_corpus_holds_valid_records_of_every_kind() -> None:
    # Every input starts from these; if eventkit's records change, refresh them with
    # python fuzz/run.py --refresh-corpus
    records = ek.from_jsonl(ek.Record, (ROOT / "fuzz" / "corpus" / "records.jsonl").read_bytes())
    assert len(records) > 300
    assert {ek.Actor, ek.Source, ek.Statement, ek.PhoneCall} <= {type(r) for r in records}


def test_an_input_is_replayed_from_its_target_seed_and_index() -> None:
    result = run("--replay", "parse_edtf:0:3")
    assert 0 == result.returncode, result.stdout + result.stderr
    assert result.stdout.startswith("input (")
    assert "no defect" in result.stdout


# --- D12, fixed: the original text of a date must be a plain str that can be written -------


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (ek.ActorKind.PERSON, "invalid_type", "must be a str"),
        (5, "invalid_type", "must be a str"),
        ("in\ud800 2024", "invalid_value", "must not contain a lone surrogate (U+D800): not UTF-8"),
    ],
)
def test_a_date_refuses_text_it_could_not_write_back(text: object, code: str, message: str) -> None:
    # A str subclass was written as its plain text and refused when read back; a lone
    # surrogate made to_json and save raise TypeError.
    for make in (
        lambda: ek.PartialDate(year=2024, text=text),  # type: ignore[arg-type]
        lambda: ek.TimeSpan(start=ek.PartialDate(year=2024), text=text),  # type: ignore[arg-type]
    ):
        with pytest.raises(ek.ValidationError) as caught:
            make()
        assert [(("text",), code, message)] == [
            (p.loc, p.code, p.message) for p in caught.value.problems
        ]


def test_a_date_text_with_a_lone_surrogate_in_python_data_is_refused_on_loading() -> None:
    data = {"type": "event", "id": "e", "title": "t", "when": {"edtf": "2024", "text": "\udcff"}}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [("$.when.text", "invalid_value")] == [(p.path, p.code) for p in caught.value.problems]


def test_a_date_keeps_any_text_that_can_be_written() -> None:
    date = ek.PartialDate(year=2024, text="vers 2024 — \u00e9t\u00e9\n\U0001f1e9\U0001f1ea")
    assert date == ek.from_json(ek.PartialDate, ek.to_json(date))


# --- D1: keep_unknown keeps data that JSON cannot hold ---------------------------------


@pytest.mark.xfail(
    strict=True, raises=TypeError, reason="D1: a kept lone surrogate cannot be written"
)
def test_what_keep_unknown_keeps_can_be_written() -> None:
    data = {"type": "acme.rally", "id": "r1", "note": "\ud800"}
    try:
        record = ek.from_dict(ek.Record, data, keep_unknown=True)
    except ek.ValidationError:
        return  # refusing it keeps the promise too
    ek.to_json(record)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="D1: a kept NaN is written as null")
def test_keep_unknown_does_not_turn_nan_into_null() -> None:
    data = {"type": "acme.rally", "id": "r1", "size": float("nan")}
    try:
        record = ek.from_dict(ek.Record, data, keep_unknown=True)
    except ek.ValidationError:
        return
    assert '{"type":"acme.rally","id":"r1","size":null}' != ek.to_json(record)


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="D1: an integer past 64 bits is read as a float (orjson) and written back as one",
)
def test_a_large_integer_is_not_silently_made_a_float() -> None:
    text = '{"type":"acme.rally","id":"r1","size":18446744073709551616}'
    try:
        record = ek.from_json(ek.Record, text, keep_unknown=True)
    except ek.ValidationError:
        return
    assert text == ek.to_json(record)


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="D1: a record tagged null is kept as unknown"
)
def test_keep_unknown_keeps_only_records_with_a_tag() -> None:
    data = {"type": None, "id": "r1"}
    try:
        record = ek.from_dict(ek.Record, data, keep_unknown=True)
    except ek.ValidationError:
        return
    raise AssertionError(record)


# --- found when D1's wider net in fuzz/harness.py went: Python data in fields -------------


@pytest.mark.parametrize(
    ("cls", "data", "path", "code"),
    [
        (ek.Quantity, {"low": 2**64}, "$.low", "out_of_range"),
        (ek.Quantity, {"value": -(2**63) - 1}, "$.value", "out_of_range"),
        (ek.Place, {"name": "Kyiv", "geonames": 10**30}, "$.geonames", "out_of_range"),
        (ek.Codes, {"original": {1: "x"}}, "$.original", "invalid_type"),
        (ek.Codes, {"original": {"\udcff": "x"}}, "$.original", "invalid_value"),
    ],
)
def test_python_data_json_cannot_hold_is_refused_in_a_field(
    cls: type, data: dict[str, Any], path: str, code: str
) -> None:
    # The fast path took Python data for JSON (integers within 64 bits, keys strings),
    # so these loaded, and to_json then raised TypeError.
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(cls, data)
    assert [(path, code)] == [(p.path, p.code) for p in caught.value.problems]
    with pytest.raises(ek.ValidationError) as caught:
        cls(**data)
    assert [(path, code)] == [(p.path, p.code) for p in caught.value.problems]


@ek.event_type("test_fuzz.noted")
@attrs.frozen(kw_only=True)
class _Noted(ek.Event):
    note: str = ""  # a plain str: no check of its own


def test_python_data_with_a_lone_surrogate_is_refused_in_a_plain_str_field() -> None:
    data = {"type": "test_fuzz.noted", "id": "n", "title": "t", "note": "a\udcff"}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [("$.note", "invalid_value")] == [(p.path, p.code) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (tuple[ek.Relation, ...], ["\ud866"]),
        (ek.Event, {"type": "event", "id": "e", "title": "t", "when": "1 May\udcff"}),
    ],
)
def test_a_hint_showing_a_lone_surrogate_is_written(cls: Any, data: Any) -> None:
    # The hint wrote the input as JSON with orjson, which raised TypeError.
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(cls, data)
    assert all("\\udc" in str(p) or "\\ud8" in str(p) for p in caught.value.problems)


# --- D2: a broken .json.gz raises what gzip raises ----------------------------------------

_DOCUMENT = b'{"type":"eventkit.dataset","version":1,"records":[]}\n'


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(gzip.compress(_DOCUMENT, mtime=0)[:-6], id="cut-off"),
        pytest.param(b"not gzip at all", id="not-gzip"),
        pytest.param(gzip.compress(_DOCUMENT, mtime=0)[:-8] + b"\0" * 8, id="bad-crc"),
    ],
)
@pytest.mark.xfail(
    strict=True,
    raises=(EOFError, OSError, zlib.error),
    reason="D2: only JSON Lines report invalid_gzip; a .json.gz raises gzip's own error",
)
def test_a_broken_json_gz_is_reported(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "d.json.gz"
    path.write_bytes(data)
    report = ek.validate_file(path)
    assert ["invalid_gzip"] == [p.code for p in report.problems]


def test_a_broken_jsonl_gz_is_reported(tmp_path: Path) -> None:
    # What D2 asks of .json.gz, JSON Lines do already.
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    assert {"invalid_gzip": 1} == ek.validate_file(path).counts()


@pytest.mark.xfail(
    strict=True, raises=EOFError, reason="D2: `eventkit validate` shows a traceback for it"
)
def test_the_cli_reports_a_cut_off_json_gz(tmp_path: Path) -> None:
    path = tmp_path / "d.json.gz"
    path.write_bytes(gzip.compress(_DOCUMENT, mtime=0)[:-6])
    assert 1 == cli.main(["validate", str(path)])


@pytest.mark.parametrize(
    ("tail", "cut"), [pytest.param(b"garbage", 0, id="garbage"), pytest.param(b"", 4, id="cut")]
)
@pytest.mark.xfail(
    strict=True,
    raises=(EOFError, OSError),
    reason="D10: skipping the rest of an overlong line is outside the gzip error handling",
)
def test_a_broken_jsonl_gz_after_an_overlong_line_is_reported(
    tmp_path: Path, tail: bytes, cut: int
) -> None:
    packed = gzip.compress(b"x" * (16 * 1024 * 1024 + 1), mtime=0)
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(packed[: len(packed) - cut] + tail)
    report = ek.validate_file(path)
    assert "line_too_long" in report.counts()


# --- D3 (fixed): keep_unknown and deep data ---


def test_keep_unknown_with_deep_data_is_no_recursion_error() -> None:
    line = '{"type":"acme.rally","id":"r1","n":' + "[" * 600 + "]" * 600 + "}\n"
    with contextlib.suppress(ek.ValidationError):
        ek.from_jsonl(ek.Record, line, keep_unknown=True)


# --- D4: a file name that is not UTF-8 -------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.xfail(
    strict=True, raises=TypeError, reason="D4: the dataset's name keeps the lone surrogate"
)
def test_a_dataset_from_a_file_named_in_latin_1_can_be_saved(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.jsonl")
    ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).save(path)
    dataset = ek.Dataset.load(path)
    dataset.save(tmp_path / "out.json")


# --- D5 (fixed): pickling an error about deep data ---


def test_an_error_about_deep_data_pickles() -> None:
    line = '{"type":"actor","id":"a","name":"A","kind":"person","identifiers":'
    line += "[" * 900 + "]" * 900 + "}\n"
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, line)
    pickle.dumps(caught.value)


# --- D6: a tag whose repr raises ---------------------------------------------------------------


class _Tag(str):
    __slots__ = ()

    def __repr__(self) -> str:
        msg = "no repr"
        raise RuntimeError(msg)


@pytest.mark.xfail(
    strict=True, raises=RuntimeError, reason="D6: the unknown-type message calls repr() on the tag"
)
def test_a_tag_whose_repr_raises_is_reported() -> None:
    with pytest.raises(ek.ValidationError):
        ek.from_dict(ek.Record, {"type": _Tag("acme.nothing"), "id": "a"})


@pytest.mark.xfail(
    strict=True, raises=ValueError, reason="D6: the unknown-type message calls repr() on the tag"
)
def test_a_tag_of_5000_digits_is_reported() -> None:
    with pytest.raises(ek.ValidationError):
        ek.from_dict(ek.Record, {"type": 10**5000, "id": "a"})


@pytest.mark.xfail(
    strict=True, raises=RuntimeError, reason="D6: Problem.where() calls repr() on the record id"
)
def test_an_error_about_an_id_whose_repr_raises_prints() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": "actor", "id": _Tag("a")})
    str(caught.value)


# --- D7 (fixed): a key written twice ---

_TWICE = '{"type":"actor","id":"a","name":"Olaf","name":"Vladimir","kind":"person"}'


def test_a_key_written_twice_is_refused() -> None:
    with pytest.raises(ek.ValidationError):
        ek.from_json(ek.Actor, _TWICE)


def test_a_key_written_twice_is_reported_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(_TWICE + "\n", encoding="utf-8")
    assert not ek.validate_file(path).valid


# --- D8 (fixed): the record of keep_unknown's own problem ---


def test_every_problem_of_a_record_kept_unknown_names_it() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": "acme.rally", "id": "r 1"}, keep_unknown=True)
    assert ["r 1", "r 1"] == [p.record for p in caught.value.problems]


# --- D9: a path given as bytes --------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="D9: a bytes path fails inside file_format with str.endswith's TypeError",
)
def test_a_bytes_path_is_read_or_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"type":"actor","id":"a","name":"A","kind":"person"}\n', encoding="utf-8")
    # A deliberate TypeError that speaks of the path; reading it would do too (then
    # pytest.raises fails with "DID NOT RAISE", loudly, and this test changes).
    with pytest.raises(TypeError, match="path"):
        ek.validate_file(os.fsencode(path))  # type: ignore[arg-type]


# --- D11: a byte order mark before an overlong first line ---------------------------------------


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="D11: the length is tested after the BOM is cut off, so the line is read in two",
)
def test_an_overlong_first_line_after_a_bom_is_one_line_too_long() -> None:
    text = b"\xef\xbb\xbf" + b'{"type":"actor","id":"' + b"x" * (16 * 1024 * 1024) + b'"}\n'
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, text)
    assert [(1, "line_too_long")] == [(p.line, p.code) for p in caught.value.problems]


# --- found by the second campaign (seed 2026), fixed ----------------------------------------


def test_a_key_given_twice_with_deeply_nested_values_is_reported() -> None:
    deep = "[" * 900 + "]" * 900
    line = '{"type":"actor","id":"a","name":"A","kind":"person","x":' + deep + ',"x":1}\n'
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, line)
    assert "duplicate_key" in {p.code for p in caught.value.problems}


def test_a_report_whose_input_nests_two_hundred_levels_is_written_as_json() -> None:
    nested: list[object] = []
    for _ in range(240):
        nested = [nested]
    problem = ek.Problem(loc=("x",), code="invalid_type", message="m", input=nested)
    report = ek.Report(problems=[problem])
    assert "input_repr" in orjson.loads(report.to_json())["problems"][0]
