"""The PLOVER gold-standard records: read into eventkit field by field, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import eventkit as ek
import plover_gold

GOLD = Path(__file__).parent / "data" / "plover" / "gold-standard-records.json"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(GOLD.read_text(encoding="utf-8"))
    return loaded


def coded(record: dict[str, Any]) -> dict[str, Any]:
    """A record as coded: its empty strings, which mean "not coded", left out."""
    return {key: value for key, value in record.items() if value != ""}


def identity(record: dict[str, Any]) -> tuple[str, str]:
    return record["id"], record["eventText"]  # two records of the file share an id


def test_every_record_reads_validates_and_writes_back_unchanged(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    dataset = plover_gold.read(records)
    report = dataset.check()
    assert (True, ()) == (report.valid, report.problems)
    assert 322 == len(dataset.events)  # and one DOCUMENT record, held by a provenance
    assert 3 == len(dataset.provenances)  # one per coding date
    dataset.save(tmp_path / "gold.jsonl")
    again = ek.Dataset.load(tmp_path / "gold.jsonl")
    written = [plover_gold.write(event, again) for event in again.events]
    written.append(plover_gold.write_document(again))
    assert sorted(map(coded, records), key=identity) == sorted(written, key=identity)


def test_the_05b1_names_are_read_as_08_and_kept(records: list[dict[str, Any]]) -> None:
    dataset = plover_gold.read(records)
    types = {event.codes.plover for event in dataset.events if event.codes is not None}
    assert not types & set(ek.codes.PLOVER_V05_TYPES)
    demand = dataset["PLOVER-GSR01-DEMAND-0001"]
    assert isinstance(demand, ek.Event)
    assert demand.codes is not None
    assert ("REQUEST", "DEMAND") == (demand.codes.plover, demand.codes.original["event"])
    killed = [
        e.casualties.killed.value for e in dataset.events if e.casualties and e.casualties.killed
    ]
    assert 15 == len(killed)
