"""eventkit.interop.jsonld: schema.org JSON-LD that pyld expands, and back."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from pyld import jsonld as pyld

import eventkit as ek
from eventkit.examples import scholz_putin
from eventkit.interop import jsonld
from interop_data import linked_datasets

SCHEMA = "https://schema.org/"


def test_the_seed_dataset_is_json_ld_that_pyld_expands() -> None:
    seed = scholz_putin()
    document, report = jsonld.write(seed)
    expanded: list[dict[str, Any]] = pyld.expand(document)
    assert len(document["@graph"]) == len(expanded)
    kinds = {t for node in expanded for t in node["@type"]}
    assert {SCHEMA + "Event", SCHEMA + "Person", SCHEMA + "Claim"} <= kinds
    assert all(t.startswith(SCHEMA) for t in kinds)
    call = next(node for node in expanded if node["@id"] == "urn:eventkit:call-2024-11-15")
    roles = sorted(
        (role[SCHEMA + "roleName"][0]["@value"], role[SCHEMA + "attendee"][0]["@id"])
        for role in call[SCHEMA + "attendee"]
    )
    assert ("initiator", "urn:eventkit:olaf-scholz") in roles
    assert ("recipient", "urn:eventkit:vladimir-putin") in roles
    # What schema.org cannot hold is in the report: the events' codes, the provenance.
    dropped = {(f.row, f.field) for f in report.select("dropped")}
    assert ("call-2024-11-15", "type") in dropped  # phone_call is an Event in schema.org
    assert not report.select("rejected")


def test_read_gives_back_what_schema_org_holds() -> None:
    seed = scholz_putin()
    document, _ = jsonld.write(seed)
    again, report = jsonld.read(document)
    assert () == report.select("rejected")
    assert document == jsonld.write(again).document
    statement = seed.statements[0]
    back = again[statement.id]
    assert isinstance(back, ek.Statement)
    assert (statement.speaker, statement.text, statement.quote) == (
        back.speaker,
        back.text,
        back.quote,
    )


def test_nodes_it_cannot_read_are_reported() -> None:
    document = {
        "@context": dict(jsonld.CONTEXT),
        "@graph": [
            {"@id": "https://example.org/x", "@type": "Person", "name": "X"},
            {"@id": "urn:eventkit:m", "@type": "MusicAlbum", "name": "M"},
            {"@id": "urn:eventkit:bad", "@type": "Person", "name": ""},
        ],
    }
    dataset, report = jsonld.read(document)
    assert 0 == len(dataset)
    assert [("#0", "dropped"), ("m", "dropped"), ("bad", "rejected")] == [
        (f.row, f.outcome.value) for f in report.fields
    ]


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(linked_datasets(["initiator", "recipient", "victim"]))
def test_eventkit_to_json_ld_to_eventkit_keeps_what_json_ld_holds(dataset: ek.Dataset) -> None:
    document, _ = jsonld.write(dataset)
    again, report = jsonld.read(document)
    assert () == report.select("rejected")
    assert document == jsonld.write(again).document
    assert len(document["@graph"]) == len(pyld.expand(document))
