"""Tests for eventkit.io: reading, writing and validating dataset files."""

from __future__ import annotations

import gzip
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import orjson
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import eventkit as ek
import eventkit.io._atomic
import eventkit.io._jsonl
from eventkit.io._atomic import atomic_write
from eventkit.io._validate import distinct_records

ACTOR_A = {"type": "actor", "id": "a", "name": "A", "kind": "person"}


def line(data: object) -> bytes:
    return orjson.dumps(data) + b"\n"


def ten_lines() -> list[bytes]:
    """Ten records; line 3 has an unknown field, line 7 a dangling reference."""
    lines = [
        line({"type": "actor", "id": "scholz", "name": "Olaf Scholz", "kind": "person"}),
        line({"type": "actor", "id": "putin", "name": "Vladimir Putin", "kind": "person"}),
        line(
            {"type": "actor", "id": "macron", "name": "Macron", "kind": "person", "colour": "blue"}
        ),
        line({"type": "source", "id": "dpa", "name": "dpa", "kind": "news_agency"}),
        line({"type": "source", "id": "kremlin", "name": "Kremlin readout", "kind": "readout"}),
        line(
            {
                "type": "phone_call",
                "id": "call",
                "title": "Call",
                "when": "2024-11-15",
                "participants": [{"actor": "scholz", "role": "initiator"}, {"actor": "putin"}],
                "sources": [{"source": "dpa"}],
            }
        ),
        line(
            {"type": "statement", "id": "s-ghost", "speaker": "ghost", "text": "…", "event": "call"}
        ),
        line({"type": "statement", "id": "s1", "speaker": "putin", "text": "…", "event": "call"}),
        line({"type": "event", "id": "gas", "title": "Gas cut", "when": "2022-12"}),
        line({"type": "statement", "id": "s2", "speaker": "scholz", "text": "…", "about": ["gas"]}),
    ]
    assert 10 == len(lines)
    return lines


@pytest.fixture
def ten(tmp_path: Path) -> Path:
    path = tmp_path / "ten.jsonl"
    path.write_bytes(b"".join(ten_lines()))
    return path


def codes_at(report: ek.Report) -> list[tuple[int | None, str]]:
    return [(p.line, p.code) for p in report.problems]


# --- acceptance 1 --------------------------------------------------------------------


def test_two_bad_lines_give_exactly_two_problems(ten: Path) -> None:
    report = ek.validate_file(ten)
    assert [(3, "unknown_field"), (7, "dangling_reference")] == codes_at(report)
    assert (10, False, str(ten)) == (report.records, report.valid, report.source)
    assert [
        f"{ten}:3: record 'macron': $.colour: unknown field for Actor, got 'blue' [unknown_field]",
        f"{ten}:7: record 's-ghost': $.speaker: no record has this id, got 'ghost' "
        "[dangling_reference]",
    ] == [str(p) for p in report.problems]


def test_strict_load_raises_with_both_problems(ten: Path) -> None:
    with pytest.raises(ek.ValidationError) as err:
        ek.Dataset.load(ten)
    assert [(3, "unknown_field"), (7, "dangling_reference")] == [
        (p.line, p.code) for p in err.value.problems
    ]
    assert str(err.value).startswith(f"2 problems in {ten}\n")


def test_lenient_load_keeps_every_record_that_is_itself_valid(ten: Path) -> None:
    ds, report = ek.Dataset.load(ten, lenient=True)
    assert ["scholz", "putin", "dpa", "kremlin", "call", "s-ghost", "s1", "gas", "s2"] == list(
        ds.ids
    )
    assert [(3, "unknown_field"), (7, "dangling_reference")] == codes_at(report)
    assert [("s-ghost", "dangling_reference")] == [(p.record, p.code) for p in ds.check().problems]


def test_lenient_load_with_cascade_keeps_the_eight_records_that_pass_check(ten: Path) -> None:
    ds, report = ek.Dataset.load(ten, lenient=True, cascade=True)
    assert ["scholz", "putin", "dpa", "kremlin", "call", "s1", "gas", "s2"] == list(ds.ids)
    assert [(3, "unknown_field"), (7, "dangling_reference")] == codes_at(report)
    assert ds.check().valid


def test_strict_load_of_a_good_file_returns_the_dataset(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    path.write_bytes(line(ACTOR_A))
    ds = ek.Dataset.load(path)
    assert (["a"], "good") == (list(ds.ids), ds.name)


# --- round trips ---------------------------------------------------------------------


def sample() -> ek.Dataset:
    rally = ek.from_dict(
        ek.Record, {"type": "acme.rally", "id": "rally", "size": 3}, keep_unknown=True
    )
    return ek.Dataset(
        [
            ek.Actor(id="a", name="Ä “quoted”", kind="person", identifiers={"wikidata": "Q1"}),
            ek.Source(
                id="s", name="S", kind="article", author="a", published=ek.parse_edtf("2024-11")
            ),
            ek.PhoneCall(
                id="call",
                title="Call",
                when=ek.parse_when("Friday 15.11.24", dayfirst=True),
                participants=[ek.Participant(actor="a")],
                sources=[ek.Citation(source="s", excerpt="…")],
            ),
            rally,
        ],
        name="sample",
    )


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson"])
def test_save_and_load_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    sample().save(path)
    loaded = ek.Dataset.load(path, keep_unknown=True)
    assert sample() == loaded
    assert list(sample().ids) == list(loaded.ids)
    assert ("sample" if suffix.startswith(".json.") or suffix == ".json" else "data") == loaded.name
    assert list(sample()) == list(ek.iter_records(path, keep_unknown=True))


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".jsonl.gz", ".parquet"])
def test_save_makes_the_folders_on_the_way_in_every_format(tmp_path: Path, suffix: str) -> None:
    # Parquet made them and JSON Lines failed naming its hidden temporary file
    path = tmp_path / "new" / "deeper" / f"data{suffix}"
    sample().save(path)
    assert sample() == ek.Dataset.load(path, keep_unknown=True)
    assert [path.name] == [p.name for p in path.parent.iterdir()]


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet"])
def test_save_under_a_file_names_it_not_a_directory(tmp_path: Path, suffix: str) -> None:
    # making the folder met the file as "File exists", which names nothing wrong
    # (Parquet made its folders apart, and still said so)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as error:
        sample().save(tmp_path / "afile" / f"data{suffix}")
    assert str(tmp_path / "afile") == error.value.filename
    assert "x" == (tmp_path / "afile").read_text(encoding="utf-8")


def test_jsonl_is_one_compact_record_per_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    ek.Dataset([ek.Actor(id="a", name="A", kind="person"), ek.Event(id="e", title="E")]).save(path)
    assert (
        '{"type":"actor","id":"a","name":"A","kind":"person"}\n{"type":"event","id":"e","title":"E"}\n'
    ) == path.read_text()


def test_json_document_format(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    ek.Dataset([ek.Event(id="e", title="E")], name="demo").save(path)
    assert (
        '{"type":"eventkit.dataset","version":1,"name":"demo","records":[\n'
        '{"type":"event","id":"e","title":"E"}\n'
        "]}\n"
    ) == path.read_text()
    ek.Dataset().save(path)
    assert {"type": "eventkit.dataset", "version": 1, "records": []} == orjson.loads(
        path.read_bytes()
    )


def test_gzip_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "1.jsonl.gz", tmp_path / "2.jsonl.gz"
    sample().save(first)
    sample().save(second)
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).startswith(b'{"type":"actor"')


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(ek.ValidationError) as err:
        sample().save(tmp_path / "d.csv")
    assert (
        f"1 problem in file name\n  {tmp_path / 'd.csv'}: $: cannot tell the format from the file "
        "name; use one of .jsonl, .ndjson, .json, .jsonl.gz, .ndjson.gz, .json.gz, got 'd.csv' "
        "[unsupported_format]"
    ) == str(err.value)
    assert not list(tmp_path.iterdir())


def test_write_records_streams_a_generator(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    actors = (ek.Actor(id=f"a{i}", name="A", kind="person") for i in range(2500))
    assert 2500 == ek.io.write_records(path, actors)
    assert 2500 == ek.validate_file(path).records


ACTOR_LINE = b'{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'


@pytest.mark.parametrize(
    ("name", "content", "records", "code"),
    [
        pytest.param("d.jsonl.gz", ACTOR_LINE, 0, "invalid_gzip", id="not gzip"),
        pytest.param(
            "d.jsonl",
            b"\xff\xfe" + ACTOR_LINE.decode().encode("utf-16-le"),
            0,
            "invalid_encoding",
            id="UTF-16",
        ),
        pytest.param(
            "d.jsonl.gz", gzip.compress(ACTOR_LINE) + b"garbage", 1, "invalid_gzip", id="trailing"
        ),
        pytest.param(
            "d.jsonl.gz",
            gzip.compress(ACTOR_LINE + ACTOR_LINE.replace(b'"a"', b'"b"'))[:-12],
            1,
            "truncated_line",
            id="gzip cut",
        ),
    ],
)
def test_a_file_that_cannot_be_read_on_counts_only_the_lines_read(
    tmp_path: Path, name: str, content: bytes, records: int, code: str
) -> None:
    # the failure to read on was counted as one more record
    path = tmp_path / name
    path.write_bytes(content)
    report = ek.validate_file(path)
    assert (records, [code]) == (report.records, [p.code for p in report.problems])


# --- iter_records ----------------------------------------------------------------------


def test_iter_records_is_lazy_and_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(ACTOR_A) + b"{oops\n" + line(ACTOR_A))
    records = ek.iter_records(path)
    assert "a" == next(records).id
    with pytest.raises(ek.ValidationError) as err:
        next(records)
    assert (
        f"1 problem in {path}\n  {path}:2: $: not valid JSON: "
        "unexpected character, expected a string key at column 2 [invalid_json]"
    ) == str(err.value)


def test_iter_records_keep_unknown(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(line({**ACTOR_A, "colour": "red"}))
    with pytest.raises(ek.ValidationError, match=r"\[unknown_field\]"):
        list(ek.iter_records(path))
    (record,) = ek.iter_records(path, keep_unknown=True)
    assert isinstance(record, ek.UnknownRecord)
    assert "red" == record.data["colour"]


# --- the streaming validator -------------------------------------------------------------


def validate(
    tmp_path: Path, content: bytes, name: str = "d.jsonl", max_errors: int | None = None
) -> ek.Report:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    return ek.validate_file(path, max_errors=max_errors)


def test_blank_lines_crlf_and_bom_are_fine(tmp_path: Path) -> None:
    content = (
        b"\xef\xbb\xbf"
        + line(ACTOR_A)
        + b"\n  \r\n"
        + orjson.dumps({**ACTOR_A, "id": "b"})
        + b"\r\n"
    )
    report = validate(tmp_path, content)
    assert (True, 2) == (report.valid, report.records)


def test_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    report = validate(tmp_path, b"\n\n" + line({"type": "actor", "id": "a"}))
    assert [(3, "missing"), (3, "missing")] == codes_at(report)


def test_every_problem_of_a_line_is_reported(tmp_path: Path) -> None:
    report = validate(
        tmp_path, line({"type": "actor", "id": "bad id", "name": "", "kind": "person"})
    )
    assert [
        f"{tmp_path / 'd.jsonl'}:1: record 'bad id': $.id: "
        "must not contain whitespace, control or invisible characters, "
        "got 'bad id' [invalid_value]",
        f"{tmp_path / 'd.jsonl'}:1: record 'bad id': $.name: must be a non-empty string, "
        "got '' [invalid_value]",
    ] == [str(p) for p in report.problems]


def test_invalid_json(tmp_path: Path) -> None:
    report = validate(tmp_path, line(ACTOR_A) + b'{"type": "actor",}\n' + b"[1, 2]\n")
    assert [
        "not valid JSON: trailing comma is not allowed at column 17",
        "expected an object, not an array",
    ] == [p.message for p in report.problems]
    assert [(2, "invalid_json"), (3, "invalid_type")] == codes_at(report)


def test_invalid_utf8_gives_the_byte_offset(tmp_path: Path) -> None:
    report = validate(
        tmp_path, line(ACTOR_A) + b'{"type": "actor", "id": "\xff"}\n' + line(ACTOR_A)
    )
    offset = len(line(ACTOR_A)) + 25
    assert [(2, "invalid_encoding")] == codes_at(report)
    assert (
        f"not valid UTF-8: byte 0xff at byte offset {offset} in the file (invalid start byte)"
    ) == report.problems[0].message


def test_invalid_utf8_in_gzip_names_the_decompressed_offset(tmp_path: Path) -> None:
    report = validate(tmp_path, b'{"id": "\xe9"}\n', name="d.jsonl.gz")
    assert (
        "not valid UTF-8: byte 0xe9 at byte offset 8 of the decompressed data "
        "(invalid continuation byte)"
    ) == report.problems[0].message


def test_an_encoded_surrogate_in_a_file_is_named_as_such(tmp_path: Path) -> None:
    # what a lone surrogate becomes when a writer encodes it anyway (surrogatepass, CESU-8)
    report = validate(tmp_path, line(ACTOR_A) + b'{"id": "\xed\xa0\xbd"}\n')
    offset = len(line(ACTOR_A)) + 8
    assert [(2, "invalid_encoding")] == codes_at(report)
    assert (
        f"not valid UTF-8: the surrogate U+D83D at byte offset {offset} in the file "
        "(bytes 0xed 0xa0 0xbd: UTF-8 cannot hold a surrogate)"
    ) == report.problems[0].message


def test_utf16_is_refused_once(tmp_path: Path) -> None:
    report = validate(tmp_path, line(ACTOR_A).decode().encode("utf-16"))
    assert [(1, "invalid_encoding")] == codes_at(report)
    assert (
        "the file is UTF-16 (it starts with a UTF-16 byte order mark); eventkit reads UTF-8"
    ) == report.problems[0].message


def test_a_utf16_document_is_refused_as_such(tmp_path: Path) -> None:
    document = '{"type": "eventkit.dataset", "version": 1, "records": []}'
    report = validate(tmp_path, document.encode("utf-16"), name="d.json")
    assert [(None, "invalid_encoding")] == codes_at(report)
    assert (
        "the file is UTF-16 (it starts with a UTF-16 byte order mark); eventkit reads UTF-8"
    ) == report.problems[0].message


def test_a_truncated_last_line_is_reported_as_such(tmp_path: Path) -> None:
    report = validate(tmp_path, line(ACTOR_A) + line({**ACTOR_A, "id": "b"})[:20])
    assert [(2, "truncated_line")] == codes_at(report)
    assert (
        "the last line is incomplete (no newline at its end, and not valid JSON): "
        "the file was probably cut off while being written"
    ) == report.problems[0].message


def test_text_in_memory_cut_off_is_said_to_be_text_not_a_file() -> None:
    # from_jsonl reads no file: "the file was probably cut off" misled
    text = line(ACTOR_A) + line({**ACTOR_A, "id": "b"})[:20]
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_jsonl(ek.Record, text)
    assert [
        "the last line is incomplete (no newline at its end, and not valid JSON): "
        "the text was probably cut off while being written"
    ] == [p.message for p in caught.value.problems]


def test_a_last_line_cut_inside_a_character_is_truncated_not_bad_utf8(tmp_path: Path) -> None:
    content = line(ACTOR_A) + '{"type": "actor", "name": "Ä'.encode()[:-1]
    assert [(2, "truncated_line")] == codes_at(validate(tmp_path, content))


def test_a_complete_last_line_without_newline_is_fine(tmp_path: Path) -> None:
    assert validate(tmp_path, line(ACTOR_A) + orjson.dumps({**ACTOR_A, "id": "b"})).valid


def test_bad_json_on_a_last_line_is_still_a_problem(tmp_path: Path) -> None:
    report = validate(tmp_path, line(ACTOR_A) + b'{"id": "b"}}')
    assert [(2, "invalid_json")] == codes_at(report)


def test_a_cut_off_gzip_stream(tmp_path: Path) -> None:
    content = b"".join(line({**ACTOR_A, "id": f"a{i}"}) for i in range(200))
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(gzip.compress(content)[:-30])
    report = ek.validate_file(path)
    assert ["truncated_line"] == [p.code for p in report.problems]
    assert report.problems[0].message.startswith("the compressed data ends in the middle of line ")


def test_not_a_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(line(ACTOR_A))
    report = ek.validate_file(path)
    assert [(1, "invalid_gzip")] == codes_at(report)
    assert "not a valid gzip file: Not a gzipped file (b'{\"')" == report.problems[0].message


def test_a_line_too_long_is_skipped_unread(tmp_path: Path) -> None:
    long = line({**ACTOR_A, "name": "x" * 300})
    with ek.limits(max_line_bytes=100):
        report = validate(tmp_path, line(ACTOR_A) + long + line({**ACTOR_A, "id": "b"}))
    assert [(2, "line_too_long")] == codes_at(report)
    assert (
        "the line is longer than 100 bytes and was not read "
        "(the limit is eventkit.limits(max_line_bytes=...))"
    ) == report.problems[0].message
    assert 3 == report.records


@pytest.mark.parametrize(
    ("data", "code", "path", "keep_unknown"),
    [
        ({**ACTOR_A, "name": "x" * 50}, "too_long", "$.name", False),
        # data kept as it is (an unknown type) is what nests without a shape to stop it
        ({"type": "acme.x", "id": "d", "a": [[[["deep"]]]]}, "too_deep", "$.a[0][0][0]", True),
    ],
)
def test_strings_and_nesting_beyond_the_limits_are_problems_on_every_path(
    tmp_path: Path, data: dict[str, Any], code: str, path: str, keep_unknown: bool
) -> None:
    text = orjson.dumps(data)
    jsonl, document = tmp_path / "d.jsonl", tmp_path / "d.json"
    with ek.limits(max_string=40, max_depth=4):
        jsonl.write_bytes(line(ACTOR_A) + text + b"\n")
        report = ek.validate_file(jsonl, keep_unknown=keep_unknown)
        assert [(2, path, code)] == [(p.line, p.path, p.code) for p in report.problems]
        with pytest.raises(ek.ValidationError) as info:
            ek.from_json(ek.Record, text, keep_unknown=keep_unknown)
        assert [(path, code)] == [(p.path, p.code) for p in info.value.problems]
        with pytest.raises(ek.ValidationError):
            ek.from_jsonl(ek.Record, text, keep_unknown=keep_unknown)
        document.write_bytes(
            orjson.dumps({"type": "eventkit.dataset", "version": 1, "records": [ACTOR_A, data]})
        )
        report = ek.validate_file(document, keep_unknown=keep_unknown)
        assert [(f"$.records[1]{path[1:]}", code)] == [(p.path, p.code) for p in report.problems]
        for path_ in (jsonl, document):
            loaded, report = ek.Dataset.load(path_, lenient=True, keep_unknown=keep_unknown)
            assert ["a"] == [r.id for r in loaded]
    outside = ek.validate_file(jsonl, keep_unknown=keep_unknown)  # the defaults are back
    assert code not in [p.code for p in outside.problems]


def test_limits_count_depth_from_the_record_in_documents_and_lines(tmp_path: Path) -> None:
    nested = {**ACTOR_A, "roles": [{"title": "x"}]}  # the title is 4 levels deep
    with ek.limits(max_depth=4):
        assert validate(tmp_path, line(nested)).valid
        document = orjson.dumps({"type": "eventkit.dataset", "version": 1, "records": [nested]})
        assert validate(tmp_path, document, name="d.json").valid


def test_limits_are_checked_when_set() -> None:
    with pytest.raises(ValueError, match="max_depth must be a positive integer, not 0"):
        ek.Limits(max_depth=0)
    with pytest.raises(ValueError, match="max_depth"):
        ek.Limits(max_depth=501)
    with pytest.raises(TypeError, match="max_string must be a positive integer, not '9'"):
        ek.Limits(max_string="9")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_lines"), ek.limits(max_lines=3):
        pass


def test_duplicate_ids(tmp_path: Path) -> None:
    content = line(ACTOR_A) + line(ACTOR_A) + line({**ACTOR_A, "name": "Other"})
    report = validate(tmp_path, content)
    assert [(3, "duplicate_id")] == codes_at(report)
    assert (
        f"{tmp_path / 'd.jsonl'}:3: record 'a': $.id: another, different record with this id is at "
        "line 1, got 'a' [duplicate_id]"
    ) == str(report.problems[0])


def test_same_record_twice_with_keys_in_another_order_is_not_a_duplicate(tmp_path: Path) -> None:
    reordered = {"kind": "person", "name": "A", "id": "a", "type": "actor"}
    assert validate(tmp_path, line(ACTOR_A) + line(reordered)).valid


def test_forward_references_and_wrong_kinds(tmp_path: Path) -> None:
    content = (
        line(
            {
                "type": "event",
                "id": "e",
                "title": "E",
                "participants": [{"actor": "a"}, {"actor": "s"}],
            }
        )
        + line(ACTOR_A)
        + line({"type": "source", "id": "s", "name": "S", "kind": "article", "derived_from": ["a"]})
    )
    report = validate(tmp_path, content)
    assert [
        (1, "$.participants[1].actor", "wrong_reference_kind", "s"),
        (3, "$.derived_from[0]", "wrong_reference_kind", "a"),
    ] == [(p.line, p.path, p.code, p.input) for p in report.problems]


@attrs.frozen(kw_only=True)
class Relay:
    """A value class that holds itself: each hand-on of a message, to the last."""

    by: ek.ActorId
    then: Relay | None = None


@attrs.frozen(kw_only=True)
class Handover:
    to: ek.ActorId


@attrs.frozen(kw_only=True)
class Drop:
    at: ek.SourceId


@ek.event_type("test_io.relayed")
@attrs.frozen(kw_only=True)
class Relayed(ek.Event):
    """Ids inside a class that holds itself and inside a union of classes."""

    chain: Relay | None = None
    step: Handover | Drop | None = None


@pytest.mark.parametrize("deep", ["b", "zz"])
@pytest.mark.parametrize("step", [Drop(at="s"), Drop(at="a"), Handover(to="a"), Handover(to="s")])
def test_load_checks_ids_held_by_a_class_that_holds_itself_and_by_a_union(
    tmp_path: Path, deep: str, step: Handover | Drop
) -> None:
    event = Relayed(
        id="e", title="E", chain=Relay(by="a", then=Relay(by="b", then=Relay(by=deep))), step=step
    )
    records = [
        ek.Actor(id="a", name="A", kind="person"),
        ek.Actor(id="b", name="B", kind="person"),
        ek.Source(id="s", name="S", kind="article"),
        event,
    ]
    path = tmp_path / "relayed.jsonl"
    ek.Dataset(records).save(path)
    expected = sorted((p.path, p.code) for p in ek.Dataset(records).check().problems)
    assert expected == sorted((p.path, p.code) for p in ek.validate_file(path).problems)
    if not expected:
        assert event == ek.Dataset.load(path)["e"]
        return
    with pytest.raises(ek.ValidationError) as info:
        ek.Dataset.load(path)
    assert expected == sorted((p.path, p.code) for p in info.value.problems)


def test_a_reference_to_an_invalid_line_names_it(tmp_path: Path) -> None:
    content = line({"type": "actor", "id": "a", "name": "A"}) + line(
        {"type": "statement", "id": "s", "speaker": "a", "text": "…"}
    )
    report = validate(tmp_path, content)
    assert [(1, "missing"), (2, "dangling_reference")] == codes_at(report)
    assert "no record has this id (the record at line 1 is invalid)" == report.problems[1].message


def test_max_errors_keeps_the_first_problems_and_counts_all(tmp_path: Path) -> None:
    content = b"".join(b"{bad\n" for _ in range(10))
    report = validate(tmp_path, content, max_errors=3)
    assert ([1, 2, 3], 7, False) == (report.lines(), report.not_kept, report.valid)
    assert (10, 10, {"invalid_json": 10}) == (report.records, report.total, report.counts())
    report = validate(tmp_path, content, max_errors=10)
    assert (10, 0) == (len(report.problems), report.not_kept)


def test_max_errors_keeps_the_first_in_file_order_with_references_found_at_the_end(
    tmp_path: Path,
) -> None:
    content = (
        b"".join(
            line({"type": "statement", "id": f"s{i}", "speaker": "x", "text": "…"})
            for i in range(5)
        )
        + b"{bad\n"
    )
    report = validate(tmp_path, content, max_errors=2)
    assert ([1, 2], 4) == (report.lines(), report.not_kept)
    assert {"dangling_reference": 5, "invalid_json": 1} == report.counts()


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10"])
def test_max_errors_must_be_a_positive_integer(tmp_path: Path, bad: Any) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"")
    with pytest.raises((TypeError, ValueError), match="max_errors must be a positive integer"):
        ek.validate_file(path, max_errors=bad)


def test_a_strict_load_keeps_the_first_problems_and_says_how_many_more(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"".join(b"{bad\n" for _ in range(25)))
    with pytest.raises(ek.ValidationError) as info:
        ek.io.read_dataset(path, max_errors=20)
    assert 20 == len(info.value.problems)
    assert str(info.value).startswith(f"20 problems in {path} (5 more problems counted, not kept)")


def test_validate_keep_unknown(tmp_path: Path) -> None:
    content = line({"type": "acme.rally", "id": "r"}) + line(
        {"type": "statement", "id": "s", "speaker": "r", "text": "…"}
    )
    assert ["unknown_type", "dangling_reference"] == [
        p.code for p in validate(tmp_path, content).problems
    ]
    assert ek.validate_file(tmp_path / "d.jsonl", keep_unknown=True).valid


# --- JSON documents -----------------------------------------------------------------------


def test_document_record_problems_have_paths(tmp_path: Path) -> None:
    document = {
        "type": "eventkit.dataset",
        "version": 1,
        "extra": True,
        "records": [
            ACTOR_A,
            {"type": "actor", "id": "b", "name": "B"},
            {"type": "statement", "id": "s", "speaker": "zz", "text": "…"},
        ],
    }
    report = validate(tmp_path, orjson.dumps(document), name="d.json")
    assert [
        ("$.extra", "unknown_field", None),
        ("$.records[1].kind", "missing", "b"),
        ("$.records[2].speaker", "dangling_reference", "s"),
    ] == [(p.path, p.code, p.record) for p in report.problems]
    assert 3 == report.records


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            b"[]",
            '$: expected a dataset document {"type": "eventkit.dataset", "version": 1, '
            '"records": [...]}, got [] [invalid_type]',
        ),
        (
            b'{"type": "x"}',
            "$.type: expected 'eventkit.dataset': not an eventkit dataset, got 'x' [invalid_value]",
        ),
        (
            b'{"type": "eventkit.dataset", "version": "1"}',
            "$.version: expected the format version, a positive integer, got '1' [invalid_value]",
        ),
        (
            b'{"type": "eventkit.dataset", "version": 2, "records": []}',
            "$.version: format version 2 is newer than this eventkit reads (1); "
            "upgrade eventkit to read this file, got 2 [unsupported_version]",
        ),
        (
            b'{"type": "eventkit.dataset", "version": 1}',
            "$.records: required field missing [missing]",
        ),
        (
            b'{"type": "eventkit.dataset", "version": 1, "records": {}}',
            "$.records: expected a list of records, got {} [invalid_type]",
        ),
        (
            b'{"type": "eventkit.dataset", "version": 1, "records": [',
            "$: not valid JSON: unexpected end of data at line 1 column 56: the document ends "
            "early (was the file cut off while being written?) [invalid_json]",
        ),
    ],
)
def test_unreadable_documents(tmp_path: Path, document: bytes, expected: str) -> None:
    report = validate(tmp_path, document, name="d.json")
    assert [f"{tmp_path / 'd.json'}: {expected}"] == [str(p) for p in report.problems]
    with pytest.raises(ek.ValidationError):
        ek.Dataset.load(tmp_path / "d.json", lenient=True)


# --- lenient loading ------------------------------------------------------------------------


def test_lenient_load_leaves_out_records_that_refer_to_left_out_ones(tmp_path: Path) -> None:
    content = (
        line({"type": "event", "id": "e", "title": "E", "participants": [{"actor": "ghost"}]})
        + line({"type": "statement", "id": "s1", "speaker": "a", "text": "…", "event": "e"})
        + line(ACTOR_A)
        + line(
            {"type": "statement", "id": "s2", "speaker": "a", "text": "…", "responds_to": ["s1"]}
        )
    )
    path = tmp_path / "d.jsonl"
    path.write_bytes(content)
    assert [(1, "dangling_reference")] == codes_at(ek.validate_file(path))
    ds, report = ek.Dataset.load(path, lenient=True)
    assert ["e", "s1", "a", "s2"] == list(ds.ids)
    assert [(1, "dangling_reference")] == codes_at(report)
    ds, report = ek.Dataset.load(path, lenient=True, cascade=True)
    assert ["a"] == list(ds.ids)
    assert [
        (1, "$.participants[0].actor", "no record has this id"),
        (2, "$.event", "no record has this id (the record at line 1 was left out)"),
        (4, "$.responds_to[0]", "no record has this id (the record at line 2 was left out)"),
    ] == [(p.line, p.path, p.message) for p in report.problems]


def test_cascade_keeps_records_referring_to_an_id_a_valid_record_took(tmp_path: Path) -> None:
    # an invalid record's id, then a valid record with that id: references to it resolve
    path = tmp_path / "d.jsonl"
    content = (
        line({**ACTOR_A, "kind": "persn"})
        + line(ACTOR_A)
        + line({"type": "statement", "id": "s", "speaker": "a", "text": "…"})
    )
    path.write_bytes(content)
    ds, report = ek.Dataset.load(path, lenient=True, cascade=True)
    assert ["a", "s"] == list(ds.ids)
    assert [(1, "invalid_value")] == codes_at(report)


def at(row: str) -> str:
    return f"the record at $.{row} was left out"


def test_lenient_parquet_load_cascades_as_a_file_load_does(tmp_path: Path) -> None:
    records = ek.from_dicts(
        [
            {"type": "event", "id": "e", "title": "E", "participants": [{"actor": "ghost"}]},
            {"type": "statement", "id": "s1", "speaker": "a", "text": "…", "event": "e"},
            ACTOR_A,
            {"type": "statement", "id": "s2", "speaker": "a", "text": "…", "responds_to": ["s1"]},
            {**ACTOR_A, "id": "b"},
            {"type": "statement", "id": "s3", "speaker": "b", "text": "…"},
            {"type": "statement", "id": "s4", "speaker": "a", "text": "…", "responds_to": ["s3"]},
        ]
    )
    path = tmp_path / "d.parquet"
    ek.Dataset(records).save(path, format="parquet")
    (actors,) = (path / "actors").glob("*.parquet")
    table = pq.read_table(actors)
    kinds = pc.if_else(pc.equal(table["id"], "b"), "persn", table["kind"])  # b is refused
    pq.write_table(table.set_column(table.column_names.index("kind"), "kind", kinds), actors)
    ds, report = ek.Dataset.load(path, lenient=True, cascade=True)
    assert ["a"] == list(ds.ids)
    assert ds.check().valid
    # each problem at its table and row, as a file's at its line
    absent = "no record has this id"
    assert sorted(
        [
            ("b", "$.actors[1].kind", "invalid_value"),
            ("e", "$.events[0].participants[0].actor", absent),
            ("s1", "$.statements[0].event", f"{absent} ({at('events[0]')})"),
            ("s2", "$.statements[1].responds_to[0]", f"{absent} ({at('statements[0]')})"),
            ("s3", "$.statements[2].speaker", f"{absent} (the record at $.actors[1] is invalid)"),
            ("s4", "$.statements[3].responds_to[0]", f"{absent} ({at('statements[2]')})"),
        ]
    ) == sorted(
        (p.record, p.path, p.message if p.code == "dangling_reference" else p.code)
        for p in report.problems
    )
    without, _ = ek.Dataset.load(path, lenient=True)
    assert ["a", "e", "s1", "s2", "s3", "s4"] == sorted(without.ids)


def test_lenient_load_keeps_the_first_of_two_different_records(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(ACTOR_A) + line({**ACTOR_A, "name": "Other"}) + line(ACTOR_A))
    ds, report = ek.Dataset.load(path, lenient=True)
    assert "A" == ds["a"].name  # type: ignore[union-attr]
    assert [(2, "duplicate_id")] == codes_at(report)


STATEMENT_S = {"type": "statement", "id": "s", "speaker": "a", "text": "…", "event": "e"}
EVENT_E = {
    "type": "event",
    "id": "e",
    "title": "E",
    "participants": [{"actor": "a"}, {"actor": "a"}],  # a warning on a clean line
}


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        # A forward reference in the clean part, then a bad line, then its target.
        (
            line(STATEMENT_S)
            + line(ACTOR_A)
            + line({**ACTOR_A, "id": "b", "kind": 3})
            + line(EVENT_E),
            ["s", "a", "e"],
        ),
        # Clean lines only, one reference dangling: found after the last line.
        (line(ACTOR_A) + line(EVENT_E) + line({**STATEMENT_S, "speaker": "x"}), ["a", "e", "s"]),
        # A reference of the wrong kind.
        (line(ACTOR_A) + line(EVENT_E) + line({**STATEMENT_S, "speaker": "e"}), ["a", "e", "s"]),
        # The same record again, then a different one with its id.
        (
            line(ACTOR_A) + line(EVENT_E) + line(ACTOR_A) + line({**ACTOR_A, "name": "B"}),
            ["a", "e"],
        ),
        # A reference to an invalid line, after it.
        (line(EVENT_E) + line({**ACTOR_A, "kind": 3}) + line(STATEMENT_S), ["e", "s"]),
    ],
)
def test_load_reports_what_validate_file_reports_wherever_the_first_doubt_is(
    tmp_path: Path, content: bytes, kept: list[str]
) -> None:
    # Dataset.load reads on the assumption that the file is clean and hands
    # over to the line-by-line checks at the first doubt: the report must not show it.
    path = tmp_path / "d.jsonl"
    path.write_bytes(content)
    report = ek.validate_file(path)
    ds, lenient = ek.Dataset.load(path, lenient=True)

    def said(found: ek.Report) -> list[tuple[Any, ...]]:
        return [(p.line, p.path, p.code, p.message) for p in (*found.problems, *found.warnings)]

    assert said(report) == said(lenient)
    assert report.records == lenient.records
    assert kept == list(ds.ids)
    with pytest.raises(ek.ValidationError) as strict:
        ek.Dataset.load(path)
    assert [str(p) for p in report.problems] == [str(p) for p in strict.value.problems]


def test_load_takes_a_record_repeated_with_a_default_written_out_for_the_same(
    tmp_path: Path,
) -> None:
    # Load compares the records (as Dataset.add does), not their JSON.
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(ACTOR_A) + line({**ACTOR_A, "aliases": []}))
    ds, report = ek.Dataset.load(path, lenient=True)
    assert report.valid
    assert ["a"] == list(ds.ids)
    assert [(2, "duplicate_record")] == [(w.line, w.code) for w in report.warnings]


@pytest.mark.parametrize(
    "again",
    [
        {**ACTOR_A, "aliases": []},  # a default written out
        dict(reversed(ACTOR_A.items())),  # the keys in another order
        {**ACTOR_A, "identifiers": {}, "provenance": None},
    ],
)
def test_validate_read_and_load_agree_on_one_record_written_two_ways(
    tmp_path: Path, again: dict[str, Any]
) -> None:
    # validate_file compared the JSON, load the records: one said duplicate_id,
    # the other kept the record once.
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(ACTOR_A) + line(again))
    report = ek.validate_file(path)
    assert report.valid, report.problems
    assert [(2, "duplicate_record")] == [(w.line, w.code) for w in report.warnings]
    assert [ek.from_dict(ek.Record, ACTOR_A)] == list(distinct_records(path))  # as convert reads
    ds, loaded = ek.Dataset.load(path, lenient=True)
    assert ["a"] == list(ds.ids)
    assert report.warnings == loaded.warnings


def test_a_float_written_as_an_integer_is_the_same_record_again(tmp_path: Path) -> None:
    event = {"type": "event", "id": "e", "title": "t", "place": {"lat": 52.0, "lon": 13.5}}
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(event) + line({**event, "place": {"lat": 52, "lon": 13.5}}))
    assert ek.validate_file(path).valid
    assert 1 == len(list(distinct_records(path)))
    ds, _ = ek.Dataset.load(path, lenient=True)
    assert 1 == len(ds)


def test_two_records_under_one_id_differing_in_one_value_are_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(line(ACTOR_A) + line({**ACTOR_A, "aliases": ["A."]}))
    assert [(2, "duplicate_id")] == [(p.line, p.code) for p in ek.validate_file(path).problems]
    with pytest.raises(ek.ValidationError, match="duplicate_id"):
        list(distinct_records(path))


# --- atomic writes ----------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"old\n")

    def records() -> object:
        yield ek.Actor(id="a", name="A", kind="person")
        msg = "boom"
        raise RuntimeError(msg)

    with pytest.raises(RuntimeError, match="boom"):
        ek.io.write_records(path, records())  # type: ignore[arg-type]
    assert b"old\n" == path.read_bytes()
    assert ["d.jsonl"] == [p.name for p in tmp_path.iterdir()]


def test_permissions_of_an_existing_file_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"")
    path.chmod(0o640)
    sample().save(path)
    assert 0o640 == stat.S_IMODE(path.stat().st_mode)
    new = tmp_path / "new.jsonl"
    sample().save(new)
    umask = os.umask(0o022)
    os.umask(umask)
    assert 0o666 & ~umask == stat.S_IMODE(new.stat().st_mode)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


needs_symlinks = pytest.mark.skipif(
    sys.platform == "win32", reason="creating symlinks needs a privilege on Windows"
)


@needs_symlinks
def test_saving_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "data" / "d.jsonl"
    target.parent.mkdir()
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "d.jsonl"
    link.symlink_to(Path("data", "d.jsonl"))
    sample().save(link)
    assert (True, "data/d.jsonl") == (link.is_symlink(), os.readlink(link))
    assert sample() == ek.Dataset.load(target, keep_unknown=True)
    assert 0o640 == stat.S_IMODE(target.stat().st_mode)
    assert (["d.jsonl"], ["d.jsonl"]) == (files_in(target.parent), files_in(link.parent)[:1])


@needs_symlinks
def test_saving_through_a_chain_of_two_symlinks_replaces_the_last_target(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = tmp_path / "b" / "real.txt"
    target.write_bytes(b"old")
    first = tmp_path / "first.txt"
    first.symlink_to(Path("a", "second.txt"))
    (tmp_path / "a" / "second.txt").symlink_to(Path("..", "b", "real.txt"))
    with atomic_write(first) as stream:
        stream.write(b"new")
    assert (b"new", "a/second.txt", "../b/real.txt") == (
        target.read_bytes(),
        os.readlink(first),
        os.readlink(tmp_path / "a" / "second.txt"),
    )
    assert (["real.txt"], ["second.txt"]) == (files_in(tmp_path / "b"), files_in(tmp_path / "a"))


@needs_symlinks
def test_saving_through_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "latest.jsonl"
    link.symlink_to(Path("runs", "1.jsonl"))
    (tmp_path / "runs").mkdir()
    sample().save(link)
    assert (True, ["1.jsonl"]) == (link.is_symlink(), files_in(tmp_path / "runs"))
    assert sample() == ek.Dataset.load(link, keep_unknown=True)


@needs_symlinks
def test_a_symlink_loop_is_an_error_and_stays_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with (
        pytest.raises(OSError, match="Too many levels of symbolic links") as error,
        atomic_write(tmp_path / "a") as stream,
    ):
        stream.write(b"never written")
    assert error.value.filename == str(tmp_path / "a")
    assert ("b", "a", ["a", "b"]) == (
        os.readlink(tmp_path / "a"),
        os.readlink(tmp_path / "b"),
        files_in(tmp_path),
    )


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    import eventkit as ek

    class Stalling(ek.Dataset):
        def __iter__(self):
            for index, record in enumerate(super().__iter__()):
                if index == 5000:
                    sys.stdout.write("half written\\n")
                    sys.stdout.flush()
                    time.sleep(600)
                yield record

    ds = Stalling(ek.Actor(id=f"a{i}", name="A", kind="person") for i in range(10000))
    ds.save(sys.argv[1])
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("suffix", [".jsonl", ".json.gz", ".parquet"])
def test_killing_a_process_in_the_middle_of_save_leaves_the_previous_file(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"d{suffix}"
    sample().save(path)
    before = snapshot(path)
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert "half written\n" == process.stdout.readline()
        temporaries = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert 1 == len(temporaries)
        assert temporaries[0].name.startswith(f".d{suffix}.")
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert -signal.SIGKILL == process.returncode
    assert before == snapshot(path)
    assert sample() == ek.Dataset.load(path, keep_unknown=True)
    assert temporaries[0].exists()
    # The next save to the same file removes what the killed one left behind.
    sample().save(path)
    assert [path.name] == files_in(tmp_path)


def snapshot(path: Path) -> dict[str, bytes]:
    """A file's bytes, or those of every file of a directory (a Parquet dataset), by name."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {
        str(f.relative_to(path)): f.read_bytes() for f in sorted(path.rglob("*")) if f.is_file()
    }


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_save_keeps_the_temporary_file_of_a_save_in_progress_in_another_process(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"d{suffix}"
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            assert "half written\n" == process.stdout.readline()
            [temporary] = temporaries(tmp_path)
            sample().save(path)
            assert sorted([path.name, temporary.name]) == files_in(tmp_path)
        finally:
            process.kill()
    assert sample() == ek.Dataset.load(path, keep_unknown=True)


def test_a_save_keeps_the_temporary_file_of_a_save_in_progress_in_this_process(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.txt"
    with atomic_write(path) as outer:
        outer.write(b"outer")
        [temporary] = temporaries(tmp_path)
        with atomic_write(path) as inner:
            inner.write(b"inner")
        assert (b"inner", True) == (path.read_bytes(), temporary.exists())
    assert (b"outer", ["d.txt"]) == (path.read_bytes(), files_in(tmp_path))


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are removed where flock exists")
def test_a_temporary_file_removed_before_its_writer_locked_it_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another save may take a new temporary file for a leftover in the moment
    # between its creation and its lock; the writer must notice and start again.
    lock = eventkit.io._atomic._lock
    removed: list[Path] = []

    def remove_then_lock(fd: int, *, wait: bool) -> bool:
        if not removed:
            removed.extend(temporaries(tmp_path))
            for temporary in removed:
                temporary.unlink()
        return lock(fd, wait=wait)

    monkeypatch.setattr(eventkit.io._atomic, "_lock", remove_then_lock)
    with atomic_write(tmp_path / "d.txt") as stream:
        stream.write(b"data")
    assert (1, b"data", ["d.txt"]) == (
        len(removed),
        (tmp_path / "d.txt").read_bytes(),
        files_in(tmp_path),
    )


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are removed where flock exists")
def test_a_save_about_to_rename_still_holds_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def clean_then_replace(source: str, destination: str) -> None:
        eventkit.io._atomic._remove_leftovers(str(tmp_path), "d.txt")
        replace(source, destination)

    monkeypatch.setattr(os, "replace", clean_then_replace)
    with atomic_write(tmp_path / "d.txt") as stream:
        stream.write(b"data")
    assert (b"data", ["d.txt"]) == ((tmp_path / "d.txt").read_bytes(), files_in(tmp_path))


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are removed where flock exists")
def test_the_previous_dataset_of_a_save_killed_mid_swap_is_removed_by_the_next(
    tmp_path: Path,
) -> None:
    # A dataset is replaced in two renames: the previous one aside, the new one
    # in. A save killed between them leaves the previous one aside, unlocked.
    path = tmp_path / "d.parquet"
    sample().save(path)
    path.rename(tmp_path / f".d.parquet.{'0' * 16}.old")
    sample().save(path)
    assert (["d.parquet"], sample()) == (
        files_in(tmp_path),
        ek.Dataset.load(path, keep_unknown=True),
    )


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are removed where flock exists")
def test_a_save_swapping_datasets_still_holds_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another save's cleanup, between the two renames, took the previous dataset
    # for a leftover: this save then failed to remove it.
    path = tmp_path / "d.parquet"
    ek.Dataset([ek.Actor(id="old", name="Old", kind="person")]).save(path)
    rename = os.rename

    def clean_then_rename(source: Any, destination: Any) -> None:
        eventkit.io._atomic._remove_leftovers(str(tmp_path), "d.parquet")
        rename(source, destination)

    monkeypatch.setattr(os, "rename", clean_then_rename)
    sample().save(path)
    assert (["d.parquet"], sample()) == (
        files_in(tmp_path),
        ek.Dataset.load(path, keep_unknown=True),
    )


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are removed where flock exists")
def test_only_leftovers_of_saves_to_the_same_file_are_removed(tmp_path: Path) -> None:
    token = "0123456789abcdef"
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"keep")
    leftover = tmp_path / f".d.jsonl.{token}.tmp"
    leftover.write_bytes(b"half a save")
    kept = [
        f".d.jsonl.x.{token}.tmp",  # a save of d.jsonl.x
        f".d.{token}.tmp",  # a save of d
        f".d.jsonl.{token[:-1]}.tmp",
        f".d.jsonl.{token.upper()}.tmp",
        f".d.jsonl.{token}.tmp.bak",
        "d.jsonl.tmp",
        f".d.jsonl.x.{token}.old",
        f".d.jsonl.{token}.old.bak",
    ]
    for name in kept:
        (tmp_path / name).write_bytes(b"not ours")
    (tmp_path / f".d.jsonl.{'1' * 16}.tmp").mkdir()  # a Parquet save's, which no save holds
    (tmp_path / f".d.jsonl.{'3' * 16}.old").mkdir()  # a dataset a killed save set aside
    (tmp_path / f".d.jsonl.{'2' * 16}.tmp").symlink_to(precious)
    kept += [f".d.jsonl.{'2' * 16}.tmp", "precious.txt"]
    sample().save(tmp_path / "d.jsonl")
    assert sorted([*kept, "d.jsonl"]) == files_in(tmp_path)
    assert b"keep" == precious.read_bytes()


# --- one reader: in memory and on disk, the same verdict and message --------------------

GOOD = b'{"type": "actor", "id": "a", "name": "A", "kind": "person"}'


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xef\xbb\xbf" + GOOD + b"\n" + b'{"type": "actor",}\n', id="bom"),
        pytest.param(GOOD.replace(b", ", b",\r") + b"\n", id="lone CR inside a line"),
        pytest.param(GOOD + b"\r\n" + GOOD.replace(b'"a"', b'"b"') + b"\r\n", id="CRLF"),
        pytest.param(GOOD + b"\n" + b'{"type": "actor", "id": "b"', id="truncated last line"),
        pytest.param(GOOD + b'\n{"type": "actor", "id": "\xc3\xa9\xc3\xa9", ]}\n', id="column"),
        pytest.param(GOOD + b"\n" + b'{"id": "\xff"}\n', id="not UTF-8"),
        pytest.param(b"\n\n" + GOOD + b"\n  \n[1, 2]\n", id="blank lines and an array"),
    ],
)
def test_from_jsonl_and_validate_file_say_the_same_of_every_line(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(content)
    on_disk = [(p.line, p.path, p.code, p.message) for p in ek.validate_file(path).problems]
    try:
        loaded = ek.from_jsonl(ek.Record, content)
        in_memory: list[tuple[int | None, str, str, str]] = []
    except ek.ValidationError as error:
        in_memory = [(p.line, p.path, p.code, p.message) for p in error.problems]
        loaded = []
    # The one difference: text in memory is not a file.
    as_file = [(*p[:3], re.sub(r"\bthe text\b", "the file", p[3])) for p in in_memory]
    assert on_disk == as_file
    if not on_disk:
        assert [r.id for r in loaded] == [r.id for r in ek.iter_records(path)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            GOOD + b'\n{"id": "\xff"}\n',
            "not valid UTF-8: byte 0xff at byte offset 68 in the text (invalid start byte)",
            id="a bad byte",
        ),
        pytest.param(
            GOOD.decode() + '\n{"id": "\udc80"}\n',
            "not valid UTF-8: the surrogate U+DC80 at byte offset 68 in the text "
            "(bytes 0xed 0xb2 0x80: UTF-8 cannot hold a surrogate)",
            id="a lone surrogate in a str",
        ),
    ],
)
def test_from_jsonl_says_where_text_in_memory_is_not_utf8(text: str | bytes, message: str) -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, text)
    assert [(2, "invalid_encoding", message)] == [
        (p.line, p.code, p.message) for p in info.value.problems
    ]


def test_a_column_counts_characters_after_a_byte_order_mark() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, b'\xef\xbb\xbf{"type": "actor",}\n')
    assert ["not valid JSON: trailing comma is not allowed at column 17"] == [
        p.message for p in info.value.problems
    ]


# --- keys given twice ----------------------------------------------------------------------

TWICE = (
    b'{"type": "event", "id": "e", "title": "A", "title": "B",'
    b' "participants": [{"actor": "a", "actor": "b"}]}'
)


def test_a_key_given_twice_is_a_problem_on_every_path(tmp_path: Path) -> None:
    expected = [
        ("$.title", "duplicate_key", ["A", "B"]),
        ("$.participants[0].actor", "duplicate_key", ["a", "b"]),
    ]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Event, TWICE)
    assert expected == [(p.path, p.code, p.input) for p in info.value.problems]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, GOOD + b"\n" + TWICE + b"\n")
    assert [(2, *item) for item in expected] == [
        (p.line, p.path, p.code, p.input) for p in info.value.problems
    ]
    path = tmp_path / "d.jsonl"
    path.write_bytes(GOOD + b"\n" + TWICE + b"\n")
    report = ek.validate_file(path)
    assert [(2, "e", "$.title"), (2, "e", "$.participants[0].actor")] == [
        (p.line, p.record, p.path) for p in report.problems
    ]
    loaded, report = ek.Dataset.load(path, lenient=True)
    assert (["a"], 2) == (list(loaded.ids), len(report.problems))


def test_a_document_with_two_records_arrays_says_so(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(
        b'{"type": "eventkit.dataset", "version": 1, "records": [' + GOOD + b"],"
        b' "records": [' + TWICE + b"]}"
    )
    report = ek.validate_file(path)
    assert [("$.records", "duplicate_key"), ("$.records[0].title", "duplicate_key")] == [
        (p.path, p.code) for p in report.problems[:2]
    ]


def test_a_quote_inside_a_string_is_not_taken_for_a_key(tmp_path: Path) -> None:
    line_ = b'{"type": "event", "id": "e", "title": "He said \\"no\\": twice", "tags": ["a\\":"]}'
    assert 'He said "no": twice' == ek.from_jsonl(ek.Event, line_)[0].title
    assert ek.from_json(ek.Event, line_).tags == ('a":',)


def test_keys_written_with_spaces_before_the_colon_are_counted_right() -> None:
    spaced = b'{"type" : "actor", "id" : "a", "name" : "A", "kind" : "person", "name" : "B"}'
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, spaced)
    assert ["duplicate_key"] == [p.code for p in info.value.problems]
    assert ["a"] == [r.id for r in ek.from_jsonl(ek.Record, spaced.replace(b', "name" : "B"', b""))]


def test_a_key_given_twice_hides_no_other_problem_of_its_record(tmp_path: Path) -> None:
    twice = b'{"type":"actor","id":"a","name":"A","name":"B","kind":"persn"}'
    expected = [("a", "$.name", "duplicate_key"), ("a", "$.kind", "invalid_value")]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, twice)
    assert expected == [(p.record, p.path, p.code) for p in info.value.problems]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, twice + b"\n")
    assert expected == [(p.record, p.path, p.code) for p in info.value.problems]
    path = tmp_path / "d.json"
    path.write_bytes(b'{"type": "eventkit.dataset", "version": 1, "records": [' + twice + b"]}")
    assert [
        ("a", "$.records[0].name", "duplicate_key"),
        ("a", "$.records[0].kind", "invalid_value"),
    ] == [(p.record, p.path, p.code) for p in ek.validate_file(path).problems]


# --- integers beyond 64 bits ---------------------------------------------------------------

WIDE = 123456789012345678901234567890


def long_call(value: object) -> str:
    """An event whose title holds a long number, and whose duration ``value`` is as written."""
    return (
        '{"type":"event","id":"e","title":"T 12345678901234567890","when":"2024",'
        f'"duration":{{"value":{value},"unit":"hour"}}}}'
    )


def test_an_integer_beyond_64_bits_is_refused_in_a_number_field(tmp_path: Path) -> None:
    text = long_call(WIDE)
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, text)
    assert [("e", "$.duration.value", "out_of_range", WIDE)] == [
        (p.record, p.path, p.code, p.input) for p in info.value.problems
    ]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Quantity, f'{{"value": 1, "low": {-WIDE}}}')
    assert [("$.low", "out_of_range", -WIDE)] == [
        (p.path, p.code, p.input) for p in info.value.problems
    ]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, GOOD + b"\n" + text.encode() + b"\n")
    assert [(2, "e", "$.duration.value", "out_of_range")] == [
        (p.line, p.record, p.path, p.code) for p in info.value.problems
    ]
    path = tmp_path / "d.json"
    path.write_text(f'{{"type":"eventkit.dataset","version":1,"records":[{text}]}}', "utf-8")
    assert [("e", "$.records[0].duration.value", "out_of_range")] == [
        (p.record, p.path, p.code) for p in ek.validate_file(path).problems
    ]


def test_a_number_written_as_a_float_or_a_long_digit_string_loads() -> None:
    # Only an integer literal beyond 64 bits is changed by reading: these are kept.
    for value in ("1.2345678901234568e+29", "9223372036854775807", "1e19"):
        record = ek.from_json(ek.Event, long_call(value))
        assert record == ek.from_jsonl(ek.Event, long_call(value))[0]
        assert orjson.loads(long_call(value)) == orjson.loads(ek.to_json(record))


@pytest.mark.parametrize("beyond", ["1e999", "-2.5E400", "1" * 400])
def test_a_number_beyond_a_double_is_refused_at_its_path_not_the_whole_text(
    tmp_path: Path, beyond: str
) -> None:
    # orjson refuses the whole text; the record around the number is still
    # named and checked (its empty title too), and a null standing in for the
    # number says nothing of its own ("a quantity needs a value ...").
    text = long_call(beyond).replace('"title":"T 12345678901234567890"', '"title":""')
    expected = [
        ("e", "$.title", "invalid_value"),
        ("e", "$.duration.value", "out_of_range"),
    ]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, text)
    assert expected == [(p.record, p.path, p.code) for p in info.value.problems]
    assert beyond == info.value.problems[-1].input
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, GOOD + b"\n" + text.encode() + b"\n")
    assert [(2, *row) for row in expected] == [
        (p.line, p.record, p.path, p.code) for p in info.value.problems
    ]
    path = tmp_path / "d.json"
    document = f'{{"type":"eventkit.dataset","version":1,"records":[{GOOD.decode()},{text}]}}'
    path.write_text(document, "utf-8")
    loaded, report = ek.Dataset.load(path, lenient=True)
    assert [ek.from_json(ek.Record, GOOD).id] == list(loaded.ids)
    assert [(r, p.replace("$", "$.records[1]"), c) for r, p, c in expected] == [
        (p.record, p.path, p.code) for p in report.problems
    ]


@pytest.mark.parametrize("tiny", ["1e-400", "-2.5E-999", "0." + "0" * 400 + "1"])
def test_a_number_nearer_zero_than_a_double_is_refused_at_its_path(
    tmp_path: Path, tiny: str
) -> None:
    # read as 0.0 by every JSON reader, and written back as 0.0: refused, as an
    # integer beyond 64 bits is; zero written otherwise (0e-400) and the
    # smallest double (5e-324) are kept as they are
    def event(lat: str) -> str:
        return f'{{"type":"event","id":"e","title":"T","place":{{"lat":{lat},"lon":1.5}}}}'

    expected = [("e", "$.place.lat", "out_of_range", tiny)]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, event(tiny))
    assert expected == [(p.record, p.path, p.code, p.input) for p in info.value.problems]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, GOOD + b"\n" + event(tiny).encode() + b"\n")
    assert [(2, "$.place.lat")] == [(p.line, p.path) for p in info.value.problems]
    path = tmp_path / "d.json"
    path.write_text(f'{{"type":"eventkit.dataset","version":1,"records":[{event(tiny)}]}}')
    assert [("e", "$.records[0].place.lat", "out_of_range")] == [
        (p.record, p.path, p.code) for p in ek.validate_file(path).problems
    ]
    for kept in ("0e-400", "5e-324", "-0.0"):
        place = ek.from_json(ek.Event, event(kept)).place
        assert place is not None
        assert orjson.loads(kept) == place.lat


def test_a_long_integer_beyond_a_double_is_reported_once() -> None:
    # 309 digits are beyond a double (not read at all) and beyond 64 bits: one
    # problem, also when the data holds a float that sends the text to be searched
    text = '{"type":"event","id":"e","title":"T","place":{"lat":%s,"lon":0.0}}' % ("9" * 309)
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, text)
    assert [("$.place.lat", "9" * 309)] == [(p.path, p.input) for p in info.value.problems]


def test_a_number_beyond_a_double_in_a_document_header_is_its_one_problem(
    tmp_path: Path,
) -> None:
    # the version is unknown, so no record is read; the null standing in for
    # it is not also "expected the format version"
    path = tmp_path / "d.json"
    path.write_text(f'{{"type":"eventkit.dataset","version":1e999,"records":[{GOOD.decode()}]}}')
    report = ek.validate_file(path)
    assert [("$.version", "out_of_range", "1e999")] == [
        (p.path, p.code, p.input) for p in report.problems
    ]
    assert 0 == report.records


def test_a_number_beyond_a_double_on_a_line_longer_than_the_longest_string_is_refused() -> None:
    # A line longer than a string may be is searched for strings beyond the
    # limit; that search's (empty) answer took the place of the numbers found,
    # and a place of nulls loaded where the line wrote 1e999 twice.
    line = (
        '{"type":"event","id":"e","title":"T","summary":"' + "s" * 90 + '",'
        '"place":{"name":"p","lat":1e999,"lon":-1e999}}\n'
    )
    with ek.limits(max_string=100), pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Event, line)
    assert [("$.place.lat", "out_of_range"), ("$.place.lon", "out_of_range")] == [
        (p.path, p.code) for p in info.value.problems
    ]


def test_text_broken_besides_a_number_beyond_a_double_is_not_json() -> None:
    for text in ('{"id": "e", "size": 1e999', '{"id": "e", "size": 1e999, "title": tru}'):
        with pytest.raises(ek.ValidationError) as info:
            ek.from_json(ek.Record, text)
        assert ["invalid_json"] == [p.code for p in info.value.problems]


def test_a_compact_tracker_judges_references_as_the_dict_tracker_less_the_hint() -> None:
    # the compact tracker keeps digests, not ids: it cannot say "did you mean"
    from eventkit.io._validate import _Tracker

    actor, event = ek.RefKind.ACTOR.value, ek.RefKind.EVENT.value
    found: dict[bool, list[tuple[int, ek.Problem]]] = {}
    for compact in (False, True):
        tracker = _Tracker(lambda pos: f"line {pos}", compact=compact)
        assert tracker.add(1, "actor-1", actor, 11) is True
        assert tracker.add(2, "actor-1", actor, 11) is False
        assert tracker.add(3, "event-1", event, 22) is True
        assert tracker.refer(4, "s", ("about",), "event-1", actor) is not None  # wrong kind
        assert tracker.refer(5, "s", ("speaker",), "actor-2", actor) is None  # kept for the end
        assert tracker.refer(6, "s", ("speaker",), "actor-3", actor) is None
        assert tracker.add(7, "actor-3", actor, 33) is True
        found[compact] = list(tracker.finish())
    ((pos, problem),) = found[True]
    assert (5, "dangling_reference", None) == (pos, problem.code, problem.hint)
    assert [(5, attrs.evolve(found[False][0][1], hint=None))] == found[True]
    assert 'did you mean "actor-3"?' == found[False][0][1].hint
