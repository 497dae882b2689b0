"""A short run of the fuzz harness in ``fuzz/``, and the defects it found, pinned.

The harness runs in a process of its own, so the event types other tests
register cannot meet its inputs. Each defect the long campaigns found (see
``fuzz/README.md`` and ``docs/untrusted-input.md``) has a minimal reproducer
here; all are fixed today. One found and not fixed at once is marked
``xfail(strict=True)``, with an entry in ``fuzz/harness.py``'s ``KNOWN``:
the day it is fixed, its test passes, the suite fails, and both go.
"""

import contextlib
import gzip
import os
import pickle
import string
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventkit as ek
from eventkit import cli
from eventkit.interop import gdelt

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
    assert "100" == counted["import_files"]
    assert "1,900" == counted["total"]


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


@pytest.mark.parametrize("component", ["year", "month", "second"])
def test_a_date_refuses_an_int_subclass_it_could_not_write_back(component: str) -> None:
    # Found by seed 2028: PartialDate(second=Precision.DAY) was made, written with the
    # member in it, and refused when read back.
    fields: dict[str, Any] = {
        "year": 2024,
        "month": 3,
        "day": 5,
        "hour": 20,
        "minute": 9,
        "second": 1,
    }
    fields[component] = ek.Precision.MONTH
    with pytest.raises(ek.ValidationError) as caught:
        ek.PartialDate(**fields)
    assert [((component,), "invalid_type")] == [(p.loc, p.code) for p in caught.value.problems]


def test_a_date_text_with_a_lone_surrogate_in_python_data_is_refused_on_loading() -> None:
    data = {"type": "event", "id": "e", "title": "t", "when": {"edtf": "2024", "text": "\udcff"}}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [("$.when.text", "invalid_value")] == [(p.path, p.code) for p in caught.value.problems]


def test_a_date_keeps_any_text_that_can_be_written() -> None:
    date = ek.PartialDate(year=2024, text="vers 2024 — \u00e9t\u00e9\n\U0001f1e9\U0001f1ea")
    assert date == ek.from_json(ek.PartialDate, ek.to_json(date))


# --- D1, fixed: keep_unknown keeps only data JSON holds exactly ----------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("\ud800", "invalid_value", id="lone-surrogate"),
        pytest.param(float("nan"), "invalid_value", id="nan"),
        pytest.param(float("-inf"), "invalid_value", id="infinity"),
        pytest.param(2**64, "out_of_range", id="past-64-bits"),
        pytest.param(-(2**63) - 1, "out_of_range", id="below-64-bits"),
        pytest.param(object(), "invalid_type", id="object"),
        pytest.param((1, 2), "invalid_type", id="tuple"),
        pytest.param(ek.ActorKind.PERSON, "invalid_type", id="str-subclass"),
    ],
)
def test_keep_unknown_refuses_what_json_cannot_hold(value: object, code: str) -> None:
    # Kept, these made to_json and save raise TypeError, or wrote NaN as null.
    data = {"type": "acme.rally", "id": "r1", "size": [1, {"of": value}]}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, data, keep_unknown=True)
    assert [("r1", "$.type", "unknown_type"), ("r1", "$.size[1].of", code)] == [
        (p.record, p.path, p.code) for p in caught.value.problems
    ]


_NOT_JSON = st.one_of(
    st.builds(
        lambda before, lone, after: before + lone + after,
        st.text(max_size=5),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.text(max_size=5),
    ),
    st.integers(min_value=2**64),
    st.integers(max_value=-(2**63) - 1),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.builds(object),
    st.tuples(st.integers()),
    st.binary(),
    st.decimals(allow_nan=False),
    st.sampled_from(list(ek.ActorKind)),
)
_STEP = st.one_of(st.text(alphabet="abcé_", min_size=1, max_size=4), st.just(0))


@given(
    record=st.text(alphabet=string.ascii_letters + string.digits + "-.", min_size=1, max_size=20),
    path=st.lists(_STEP, min_size=1, max_size=6).map(lambda steps: ["x", *steps]),
    value=_NOT_JSON,
)
def test_keep_unknown_names_the_record_and_path_of_any_value_json_cannot_hold(
    record: str, path: list[str | int], value: object
) -> None:
    kept: Any = value
    for step in reversed(path):
        kept = {step: kept} if isinstance(step, str) else [kept]
    data = {"type": "acme.rally", "id": record, "ok": [1, "a", None, True, 2.5, {}], **kept}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, data, keep_unknown=True)
    found = [(p.record, p.loc) for p in caught.value.problems if p.code != "unknown_type"]
    assert [(record, tuple(path))] == found


@given(
    path=st.lists(_STEP, min_size=1, max_size=6).map(lambda steps: ["x", *steps]),
    value=_NOT_JSON,
)
def test_an_unknown_record_made_in_code_refuses_any_value_json_cannot_hold(
    path: list[str | int], value: object
) -> None:
    # Made in code, these made to_json and save raise TypeError, or wrote NaN as null.
    kept: Any = value
    for step in reversed(path):
        kept = {step: kept} if isinstance(step, str) else [kept]
    with pytest.raises(ek.ValidationError) as caught:
        ek.UnknownRecord(data={"type": "acme.rally", "id": "r1", "ok": [1, None], **kept})
    assert [tuple(path)] == [p.loc for p in caught.value.problems]
    assert str(caught.value).startswith("1 problem in UnknownRecord 'r1'\n")


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"id": "r1"}, [("$.type", "missing")]),
        ({"type": 7, "id": "r1"}, [("$.type", "invalid_type")]),
        ({"type": None, "id": "r1"}, [("$.type", "invalid_type")]),
        ({"type": ek.ActorKind.PERSON, "id": "r1"}, [("$.type", "invalid_type")]),
        ({"type": "acme.rally"}, [("$.id", "missing")]),
        ({"type": "acme.rally", "id": "a b"}, [("$.id", "invalid_value")]),
        ({"type": "acme.rally", "id": 7}, [("$.id", "invalid_type")]),
        ({"type": "acme.rally", "id": "r1", 5: "x"}, [("$", "invalid_type")]),
        ({"type": "acme.rally", "id": "r1", "x": {1, 2}}, [("$.x", "invalid_type")]),
        ([("type", "acme.rally")], [("$", "invalid_type")]),
    ],
)
def test_an_unknown_record_made_in_code_needs_a_tag_and_an_id(
    data: Any, problems: list[tuple[str, str]]
) -> None:
    # Each was made, then written, and could not be read back (or not written at all).
    with pytest.raises(ek.ValidationError) as caught:
        ek.UnknownRecord(data=data)
    assert problems == [(p.path, p.code) for p in caught.value.problems]


def test_an_unknown_record_made_in_code_is_written_and_read_back_as_it_was(
    tmp_path: Path,
) -> None:
    made = ek.UnknownRecord(data={"type": "acme.rally", "id": "r1", "size": [1, {"of": 2.5}]})
    assert made == attrs.evolve(made, problems=())  # its frozen data is checked as JSON
    changed = attrs.evolve(made, data={**made.to_dict(), "size": 3})
    assert {"type": "acme.rally", "id": "r1", "size": 3} == ek.to_dict(changed)
    ek.Dataset([made]).save(tmp_path / "kept.jsonl")
    assert [made] == list(ek.Dataset.load(tmp_path / "kept.jsonl", keep_unknown=True))


@pytest.mark.parametrize("key", [1, None, "\udcff"])
def test_keep_unknown_refuses_a_key_json_cannot_hold(key: object) -> None:
    data = {"type": "acme.rally", "id": "r1", "size": {key: 1}}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, data, keep_unknown=True)
    assert [("r1", "$.size", key)] == [
        (p.record, p.path, p.input) for p in caught.value.problems if p.code != "unknown_type"
    ]


@pytest.mark.parametrize("literal", ["18446744073709551616", "-9223372036854775809", "1" * 300])
def test_a_large_integer_is_not_silently_made_a_float(literal: str) -> None:
    text = '{"type":"acme.rally","id":"r1","size":[' + literal + "]}"
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_json(ek.Record, text, keep_unknown=True)
    assert [("r1", "$.size[0]", "out_of_range", int(literal))] == [
        (p.record, p.path, p.code, p.input) for p in caught.value.problems[1:]
    ]
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, text + "\n" + text, keep_unknown=True)
    assert [(1, "$.size[0]"), (2, "$.size[0]")] == [
        (p.line, p.path) for p in caught.value.problems if p.code == "out_of_range"
    ]


def test_a_large_integer_in_a_document_is_reported_in_its_record(tmp_path: Path) -> None:
    record = '{"type":"acme.rally","id":"r1","size":18446744073709551616}'
    path = tmp_path / "d.json"
    path.write_text(
        f'{{"type":"eventkit.dataset","version":1,"records":[{record},{record}]}}', "utf-8"
    )
    report = ek.validate_file(path, keep_unknown=True)
    assert [("$.records[0].size", "r1"), ("$.records[1].size", "r1")] == [
        (p.path, p.record) for p in report.problems if p.code == "out_of_range"
    ]


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"acme.rally","id":"r1","size":1e19,"n":18446744073709551615}',
        '{"type":"acme.rally","id":"r1","size":-9223372036854775808,"s":"18446744073709551616"}',
    ],
)
def test_numbers_json_holds_are_kept_as_written(text: str) -> None:
    record = ek.from_json(ek.Record, text, keep_unknown=True)
    assert orjson.loads(text) == orjson.loads(ek.to_json(record))
    assert [record] == ek.from_jsonl(ek.Record, text, keep_unknown=True)


@pytest.mark.parametrize("tag", [None, 5, 1.5, True, ["acme.rally"], {"a": 1}])
def test_keep_unknown_keeps_only_records_with_a_tag(tag: object) -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": tag, "id": "r1"}, keep_unknown=True)
    assert [("r1", "$.type", "invalid_type")] == [
        (p.record, p.path, p.code) for p in caught.value.problems
    ]


def test_a_tag_of_null_is_refused_whatever_was_loaded_before() -> None:
    # A registered class may be asked for by name without a tag; that must not let
    # a tag of null through once such a record was loaded.
    actor = {"id": "a", "name": "A", "kind": "person"}
    ek.from_dict(ek.Actor, actor)
    with pytest.raises(ek.ValidationError, match="invalid_type"):
        ek.from_dict(ek.Actor, {"type": None, **actor})


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


@pytest.mark.parametrize("key", ["title", "place", "sources", "duration"])
@pytest.mark.parametrize(
    "number", [pytest.param(10**5000, id="5001-digits"), pytest.param(2**64, id="2**64")]
)
def test_a_hint_for_a_number_json_cannot_hold_is_made(key: str, number: int) -> None:
    # The hint put the number in an example or wrote it as text: orjson raised TypeError,
    # str() of an integer of more than 4,300 digits ValueError (found by seed 2027).
    data = {"type": "event", "id": "e", "title": "t", key: number}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [(f"$.{key}", "invalid_type")] == [(p.path, p.code) for p in caught.value.problems]
    str(caught.value)


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("12.5")])
def test_a_hint_for_a_decimal_given_for_an_object_is_made(amount: Decimal) -> None:
    # The hint's example carried the Decimal, which orjson cannot write (seed 2028).
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Money, amount)
    assert [("$", "invalid_type")] == [(p.path, p.code) for p in caught.value.problems]
    assert '{"amount":"0","currency":"..."}' in str(caught.value)


# --- D2 and D10 (fixed): broken gzip is reported, whatever is being read -----------------------

_DOCUMENT = b'{"type":"eventkit.dataset","version":1,"records":[]}\n'
_CUT_OFF = "the compressed data ends early: the file was probably cut off while being written"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(gzip.compress(_DOCUMENT, mtime=0)[:-6], _CUT_OFF, id="cut-off"),
        pytest.param(
            b"not gzip at all", "not a valid gzip file: Not a gzipped file", id="not-gzip"
        ),
        pytest.param(
            gzip.compress(_DOCUMENT, mtime=0)[:-8] + b"\0" * 8,
            "not a valid gzip file: CRC check failed",
            id="bad-crc",
        ),
    ],
)
def test_a_broken_json_gz_is_reported(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "d.json.gz"
    path.write_bytes(data)
    report = ek.validate_file(path)
    assert [("invalid_gzip", str(path))] == [(p.code, p.file) for p in report.problems]
    assert report.problems[0].message.startswith(message)
    with pytest.raises(ek.ValidationError, match="invalid_gzip"):
        ek.Dataset.load(path)
    with pytest.raises(ek.ValidationError, match="invalid_gzip"):
        list(ek.iter_records(path))
    with pytest.raises(ek.ValidationError, match="invalid_gzip"):  # not a dataset at all
        ek.Dataset.load(path, lenient=True)


def test_a_broken_jsonl_gz_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    assert {"invalid_gzip": 1} == ek.validate_file(path).counts()


def test_the_cli_reports_a_cut_off_json_gz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.json.gz"
    path.write_bytes(gzip.compress(_DOCUMENT, mtime=0)[:-6])
    assert 1 == cli.main(["validate", str(path)])
    assert "invalid_gzip" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("tail", "cut", "code"),
    [
        pytest.param(b"garbage", 0, "invalid_gzip", id="garbage"),
        pytest.param(b"", 4, "truncated_line", id="cut"),
    ],
)
def test_a_broken_jsonl_gz_after_an_overlong_line_is_reported(
    tmp_path: Path, tail: bytes, cut: int, code: str
) -> None:
    packed = gzip.compress(b"x" * (16 * 1024 * 1024 + 1), mtime=0)
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(packed[: len(packed) - cut] + tail)
    report = ek.validate_file(path)
    assert [(1, "line_too_long"), (1, code)] == [(p.line, p.code) for p in report.problems]


# --- D3 (fixed): keep_unknown and deep data ---


def test_keep_unknown_with_deep_data_is_no_recursion_error() -> None:
    line = '{"type":"acme.rally","id":"r1","n":' + "[" * 600 + "]" * 600 + "}\n"
    with contextlib.suppress(ek.ValidationError):
        ek.from_jsonl(ek.Record, line, keep_unknown=True)


# --- D4 (fixed): a file name that is not UTF-8 ----------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".jsonl.gz"])
def test_a_dataset_from_a_file_named_in_latin_1_can_be_saved(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9" + suffix.encode())
    ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).save(path)
    dataset = ek.Dataset.load(path)
    assert "caf\ufffd" == dataset.name  # the byte that is not UTF-8 is U+FFFD
    dataset.save(tmp_path / "out.json")
    assert dataset == ek.Dataset.load(tmp_path / "out.json")
    assert "caf\ufffd" == ek.Dataset.load(tmp_path / "out.json").name


@pytest.mark.parametrize(("name", "code"), [("caf\udce9", "invalid_value"), (5, "invalid_type")])
def test_a_dataset_name_no_document_can_hold_is_refused(
    tmp_path: Path, name: object, code: str
) -> None:
    dataset = ek.Dataset([ek.Actor(id="a", name="A", kind="person")], name=name)  # type: ignore[arg-type]
    with pytest.raises(ek.ValidationError) as caught:
        dataset.save(tmp_path / "out.json")
    assert [("$.name", code)] == [(p.path, p.code) for p in caught.value.problems]
    assert not (tmp_path / "out.json").exists()


# --- D5 (fixed): pickling an error about deep data ---


def test_an_error_about_deep_data_pickles() -> None:
    line = '{"type":"actor","id":"a","name":"A","kind":"person","identifiers":'
    line += "[" * 900 + "]" * 900 + "}\n"
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, line)
    pickle.dumps(caught.value)


# --- D6, fixed: messages about a tag or an id whose repr raises ---------------------------


class _Tag(str):
    __slots__ = ()

    def __repr__(self) -> str:
        msg = "no repr"
        raise RuntimeError(msg)


def _shown(error: ek.ValidationError) -> list[tuple[str, str, str | None]]:
    """Each problem's path, code and record, after showing the error every way it is shown."""
    str(error), repr(error)
    orjson.dumps([problem.to_dict() for problem in error.problems])
    return [(p.path, p.code, p.record) for p in error.problems]


@pytest.mark.parametrize(
    ("cls", "tag", "code", "message"),
    [
        (ek.Record, "acme.nothing", "unknown_type", "unknown type 'acme.nothing'"),
        (ek.Event, "actor", "wrong_type", "type 'actor' is an Actor, not an Event"),
    ],
)
def test_a_tag_whose_repr_raises_is_reported(cls: type, tag: str, code: str, message: str) -> None:
    # The message called repr() on the tag, which raised out of from_dict.
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(cls, {"type": _Tag(tag), "id": "a"})
    assert [("$.type", code, "a")] == _shown(caught.value)
    assert caught.value.problems[0].message.startswith(message)


def test_a_tag_whose_repr_raises_is_not_kept_unknown() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": _Tag("acme.x"), "id": "a"}, keep_unknown=True)
    assert [("$.type", "unknown_type", "a"), ("$.type", "invalid_type", "a")] == _shown(
        caught.value
    )


def test_a_tag_of_5000_digits_is_reported() -> None:
    # Fixed with D1: a tag that is not a string is invalid_type, its message shows no repr.
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": 10**5000, "id": "a"})
    assert [("$.type", "invalid_type", "a")] == _shown(caught.value)
    assert "<int of 16,610 bits>" in str(caught.value)


@pytest.mark.parametrize("keep_unknown", [False, True])
def test_an_error_about_an_id_whose_repr_raises_prints(keep_unknown: bool) -> None:
    # The id was put on every problem as the record's, and Problem.where() called repr()
    # on it: str() of the error and to_dict() of its problems raised. A str subclass is
    # no id (invalid_type), so no problem names it as the record's.
    tag = "acme.rally" if keep_unknown else "actor"
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Record, {"type": tag, "id": _Tag("a")}, keep_unknown=keep_unknown)
    found = _shown(caught.value)
    assert ("$.id", "invalid_type", None) in found
    assert {None} == {record for _, _, record in found}


def test_a_problem_naming_a_record_whose_repr_raises_shows_its_text() -> None:
    problem = ek.Problem(code="invalid_value", message="m", record=_Tag("r1"), input=_Tag("x"))
    assert str(problem).startswith("record 'r1': $: m, got <_Tag object")
    assert "record='r1'" in repr(problem)
    assert "r1" == problem.to_dict()["record"]


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


# --- D9 (fixed): a path given as bytes -------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(ek.validate_file, id="validate_file"),
        pytest.param(lambda path: list(ek.iter_records(path)), id="iter_records"),
        pytest.param(ek.Dataset.load, id="Dataset.load"),
        pytest.param(ek.Dataset().save, id="Dataset.save"),
    ],
)
def test_a_bytes_path_is_refused_with_a_message_about_the_path(
    tmp_path: Path, call: Callable[[Any], object]
) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"type":"actor","id":"a","name":"A","kind":"person"}\n', encoding="utf-8")
    with pytest.raises(TypeError, match=r"a path is a str or an os.PathLike giving str, not bytes"):
        call(os.fsencode(path))


# --- D11 (fixed): a byte order mark before an overlong first line -------------------------------


def test_an_overlong_first_line_after_a_bom_is_one_line_too_long() -> None:
    text = b"\xef\xbb\xbf" + b'{"type":"actor","id":"' + b"x" * (16 * 1024 * 1024) + b'"}\n'
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, text)
    assert [(1, "line_too_long")] == [(p.line, p.code) for p in caught.value.problems]


def test_the_byte_order_mark_does_not_count_in_the_first_line_s_length() -> None:
    # A line of the limit's length (its newline not counted) is read, the first one after its
    # mark too; one byte more is too long.
    with ek.limits(max_line_bytes=60):
        for extra, expected in ((0, []), (1, [(1, "line_too_long")])):
            first = (
                b'{"type":"actor","id":"a","name":"' + b"A" * (9 + extra) + b'","kind":"person"}'
            )
            assert 60 + extra == len(first)
            text = b"\xef\xbb\xbf" + first + b"\n" + first + b"\n"
            with pytest.raises(ek.ValidationError) as caught:
                ek.from_jsonl(ek.Record, text + b'{"type":"actor"}\n')
            found = [(p.line, p.code) for p in caught.value.problems if p.code != "missing"]
            assert [*expected, *[(2, c) for _, c in expected]] == found


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


# --- G1 and G2 (fixed): GDELT files (found by import_files, seed 0) ----------------------------


def _gdelt_mention(event_id: str) -> list[str]:
    cells = dict.fromkeys(gdelt.MENTION_COLUMNS, "")
    cells |= {"GLOBALEVENTID": event_id, "EventTimeDate": "20241115000000", "MentionType": "1"}
    cells |= {"MentionTimeDate": "20241115000000", "MentionSourceName": "dpa"}
    return list(cells.values())


def test_a_gdelt_line_that_is_not_utf8_is_rejected_at_its_line_and_the_others_read(
    tmp_path: Path,
) -> None:
    # Replay: python fuzz/run.py --replay import_files:0:0
    path = tmp_path / "mentions.tsv"
    lines = ["\t".join(_gdelt_mention(event_id)) + "\n" for event_id in ("e1", "e2")]
    path.write_bytes(lines[0].encode() + lines[1].replace("dpa", "d\xf4a").encode("latin-1"))
    dataset, report = gdelt.read_tsv(mentions=path)
    assert ["e1"] == [event.id for event in dataset.events]
    assert [(2, "invalid_encoding")] == [
        (f.problem.line, f.problem.code) for f in report.select("rejected") if f.problem
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [("GLOBALEVENTID", "\re1"), ("MentionSourceName", "d\x00pa"), ("Extras", "d\x00pa")],
    ids=["event-id", "source-name", "extras"],
)
def test_a_gdelt_mention_with_a_cell_refused_reports_its_other_cells(
    tmp_path: Path, column: str, value: str
) -> None:
    # Replay: python fuzz/run.py --replay import_files:0:16 (and import_files:0:331)
    cells = dict(zip(gdelt.MENTION_COLUMNS, _gdelt_mention("e1"), strict=True)) | {column: value}
    path = tmp_path / "mentions.tsv"
    path.write_text("\t".join(cells.values()) + "\n", encoding="utf-8")
    _, report = gdelt.read_tsv(mentions=path)
    reported = {f.field for f in report.fields}
    assert "$" in reported or {name for name, cell in cells.items() if cell} <= reported
