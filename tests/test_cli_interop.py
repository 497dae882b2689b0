"""``eventkit convert`` from and to PLOVER, ACLED, GDELT and JSON-LD, through the real command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import eventkit as ek
from eventkit.examples import scholz_putin
from test_cli import eventkit
from test_interop_gdelt import EVENT, canonical, mention_rows

DATA = Path(__file__).parent / "data"
ACLED = DATA / "acled" / "acled-2016-api-sample.csv"
GOLD = DATA / "plover" / "gold-standard-records.json"


def test_acled_csv_converts_with_its_report_on_stderr_and_in_full(tmp_path: Path) -> None:
    out, report = tmp_path / "acled.jsonl", tmp_path / "report.json"
    done = eventkit("convert", "--from", "acled", str(ACLED), str(out), "--report", str(report),
                    cwd=tmp_path)  # fmt: skip
    assert (0, "") == (done.returncode, done.stderr.split("\n", 1)[0].partition("acled import")[0])
    assert "acled import: 4 rows; mapped" in done.stderr
    dataset = ek.Dataset.load(out)
    assert f"{out}: {len(dataset)} records written from {ACLED}\n" == done.stdout
    assert 4 == len(dataset.events)
    assert {"acled.event"} == {ek.to_dict(e)["type"] for e in dataset.events}
    [full] = json.loads(report.read_text())["reports"]
    assert ("acled", "import", 4) == (full["format"], full["direction"], full["rows"])
    assert len(full["fields"]) == sum(full["counts"].values())


def test_an_eventkit_file_converts_to_acled_in_either_layout(tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    scholz_putin().save(seed)
    for to, column in (("acled", "disorder_type"), ("acled-2016", "gwno")):
        out = tmp_path / f"{to}.csv"
        done = eventkit("convert", str(seed), "--to", to, str(out), cwd=tmp_path)
        assert 0 == done.returncode, done.stderr
        assert f"acled export: {len(scholz_putin()):,} records" in done.stderr
        assert f"{out}: {len(scholz_putin())} records converted from {seed}\n" == done.stdout
        assert "dropped (ACLED has no column for the role participant)" in done.stderr
        rows = list(csv.DictReader(io.StringIO(out.read_text())))
        assert (len(scholz_putin().events), True) == (len(rows), column in rows[0])


def test_ambiguous_names_need_from_or_to(tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    scholz_putin().save(seed)
    plover_array = tmp_path / "gold.json"
    plover_array.write_text(GOLD.read_text())
    cases = [
        (("convert", str(ACLED), "out.jsonl"), "IN", "give --from acled, acled-2016 or gdelt"),
        (("convert", str(seed), "out.csv"), "OUT", "give --to acled, acled-2016 or gdelt"),
        (("convert", str(seed), "out.tsv"), "OUT", "give --to gdelt"),
        (("convert", str(plover_array), "out.jsonl"), "IN", "a PLOVER file? give --from plover"),
        # the message names every way to say the format: Parquet's suffix too
        (("convert", str(seed), "out.txt"), "OUT", ".json.gz, or .parquet (a directory"),
        (("convert", str(seed), "out.txt"), "OUT", "name another format with --to FORMAT (plover,"),
    ]
    for args, side, expected in cases:
        done = eventkit(*args, cwd=tmp_path)
        assert 2 == done.returncode, args
        assert done.stderr.startswith(f"eventkit: error: {side} "), done.stderr
        assert expected in done.stderr.replace("\n", " "), done.stderr
    assert not (tmp_path / "out.jsonl").exists()
    wrong = eventkit("convert", "--from", "csv", str(ACLED), "out.jsonl", cwd=tmp_path)
    assert 2 == wrong.returncode
    assert "invalid choice: 'csv'" in wrong.stderr


def test_plover_gold_records_convert_there_and_back_field_for_field(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(GOLD.read_text())
    middle, back = tmp_path / "gold.jsonl", tmp_path / "back.jsonl"
    there = eventkit("convert", "--from", "plover", str(gold), str(middle), cwd=tmp_path)
    assert 0 == there.returncode, there.stderr
    again = eventkit("convert", str(middle), "--to", "plover-0.5b1", str(back), cwd=tmp_path)
    assert 0 == again.returncode, again.stderr
    assert "plover export: " in again.stderr
    assert "dropped" not in again.stderr  # nothing the records were read with is lost

    def coded(record: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in record.items() if value != ""}

    def key(record: dict[str, Any]) -> tuple[str, str]:
        return record["id"], record["eventText"]

    written = [json.loads(line) for line in back.read_text().splitlines()]
    assert sorted(map(coded, json.loads(GOLD.read_text())), key=key) == sorted(written, key=key)


def test_plover_records_convert_with_the_coding_method_given(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(GOLD.read_text())
    out = tmp_path / "gold.jsonl"
    done = eventkit("convert", "--from", "plover", "--coding-method", "model", str(gold), str(out),
                    cwd=tmp_path)  # fmt: skip
    assert 0 == done.returncode, done.stderr
    methods = {str(p.method) for p in ek.Dataset.load(out).provenances}
    assert {"model"} == methods
    wrong = eventkit("convert", "--from", "plover", "--coding-method", "robots", str(gold),
                     str(tmp_path / "wrong.jsonl"), cwd=tmp_path)  # fmt: skip
    assert (1, False) == (wrong.returncode, (tmp_path / "wrong.jsonl").exists())
    assert "$.method: unknown coding method" in wrong.stderr
    other = eventkit("convert", "--coding-method", "model", str(out), str(tmp_path / "x.json"),
                     cwd=tmp_path)  # fmt: skip
    assert 2 == other.returncode
    assert "give it with --from plover" in other.stderr


def test_gdelt_events_and_mentions_files_convert_there_and_back(tmp_path: Path) -> None:
    events, mentions = tmp_path / "day.export.CSV", tmp_path / "day.mentions.CSV"
    events.write_text("\t".join(EVENT.values()) + "\n")
    mentions.write_text("".join("\t".join(canonical(r).values()) + "\n" for r in mention_rows()))
    middle = tmp_path / "gdelt.jsonl"
    there = eventkit("convert", str(events), "--mentions", str(mentions), str(middle),
                     cwd=tmp_path)  # fmt: skip
    assert 0 == there.returncode, there.stderr
    assert "gdelt import: 6 rows" in there.stderr  # an Events row and five Mentions rows
    out_events, out_mentions = tmp_path / "out.tsv", tmp_path / "out-mentions.tsv"
    back = eventkit("convert", str(middle), "--to", "gdelt", str(out_events),
                    "--mentions", str(out_mentions), cwd=tmp_path)  # fmt: skip
    assert 0 == back.returncode, back.stderr
    assert "gdelt mentions export: " in back.stderr
    records = len(ek.Dataset.load(middle))  # each file's report counts them all: said once
    assert f"{out_events}: {records} records converted from {middle}\n" == back.stdout
    assert (events.read_text(), mentions.read_text()) == (
        out_events.read_text(),
        out_mentions.read_text(),
    )
    both = eventkit("convert", str(events), "--mentions", str(mentions), "--to", "gdelt",
                    str(tmp_path / "x.tsv"), cwd=tmp_path)  # fmt: skip
    assert 2 == both.returncode
    assert "--mentions names GDELT's Mentions file" in both.stderr
    exists = eventkit("convert", str(middle), "--to", "gdelt", str(tmp_path / "y.tsv"),
                      "--mentions", str(mentions), cwd=tmp_path)  # fmt: skip
    assert (2, True) == (exists.returncode, f"OUT {mentions} exists" in exists.stderr)


def test_rejected_values_make_the_exit_status_1_and_the_rest_is_written(tmp_path: Path) -> None:
    rows = ACLED.read_text().splitlines(keepends=True)
    header = next(i for i, line in enumerate(rows) if not line.startswith("#"))
    bad = tmp_path / "bad.csv"
    bad.write_text("".join(rows[header:]).replace("3.11718", "north"))
    out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
    done = eventkit("convert", "--from", "acled", str(bad), str(out), "--report", str(report),
                    cwd=tmp_path)  # fmt: skip
    assert 1 == done.returncode
    assert f"latitude rejected: {bad}:2: $.latitude: expected a number, got 'north'" in done.stderr
    assert f"eventkit: error: 1 value of {bad} rejected; every one in {report}" in done.stderr
    assert 4 == len(ek.Dataset.load(out).events)  # the row is read; the cell is kept verbatim
    [full] = json.loads(report.read_text())["reports"]
    assert [("latitude", "expected a number")] == [
        (f["field"], f["problem"]["message"]) for f in full["fields"] if f["outcome"] == "rejected"
    ]


def test_json_ld_by_its_suffix_and_files_that_are_not_the_format(tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    scholz_putin().save(seed)
    document, back = tmp_path / "seed.jsonld", tmp_path / "back.jsonl"
    assert 0 == eventkit("convert", str(seed), str(document), cwd=tmp_path).returncode
    assert "https://schema.org/" == json.loads(document.read_text())["@context"]["@vocab"]
    done = eventkit("convert", str(document), str(back), cwd=tmp_path)
    assert 0 == done.returncode, done.stderr
    assert len(scholz_putin().events) == len(ek.Dataset.load(back).events)
    broken = tmp_path / "broken.jsonld"
    broken.write_text("{not json")
    failed = eventkit("convert", str(broken), str(tmp_path / "b.jsonl"), cwd=tmp_path)
    assert 1 == failed.returncode
    assert "not JSON: Expecting property name enclosed in double quotes" in failed.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("event_id_cnty,country\nX1,C\xf4te d'Ivoire\n".encode("latin-1"))
    unreadable = eventkit("convert", "--from", "acled", str(latin), str(back), "--force",
                          cwd=tmp_path)  # fmt: skip
    assert 1 == unreadable.returncode
    assert "not valid UTF-8: byte 0xf4 at byte offset 26 in the file" in unreadable.stderr
    report = eventkit("convert", str(seed), str(tmp_path / "s.json"), "--report", "r.json",
                      cwd=tmp_path)  # fmt: skip
    assert 2 == report.returncode
    assert "--report writes the report of a conversion from or to another format" in report.stderr


def test_a_parquet_dataset_converts_to_another_format(tmp_path: Path) -> None:
    seed, tables = tmp_path / "seed.jsonl", tmp_path / "seed.parquet"
    scholz_putin().save(seed)
    assert 0 == eventkit("convert", str(seed), str(tables), cwd=tmp_path).returncode
    out = tmp_path / "seed.plover.jsonl"
    done = eventkit("convert", str(tables), "--to", "plover", str(out), cwd=tmp_path)
    assert 0 == done.returncode, done.stderr
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(e.id for e in scholz_putin().events) == sorted(row["id"] for row in written)


def test_a_json_ld_document_nested_too_deep_is_refused_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@graph": ' + "[" * 100_000 + "]" * 100_000 + "}")  # was a RecursionError
    done = eventkit("convert", str(deep), str(tmp_path / "out.jsonl"), cwd=tmp_path)
    assert 1 == done.returncode
    assert f"{deep}:1: $: nested too deep to read [invalid_json]" in done.stderr
