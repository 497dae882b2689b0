"""eventkit.interop.jsonld: schema.org JSON-LD that pyld expands, and back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from pyld import jsonld as pyld

import eventkit as ek
from eventkit.examples import scholz_putin
from eventkit.interop import jsonld
from interop_data import linked_datasets, with_hostile_values

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
@example(ek.Dataset([ek.Event(id="e", title="E", when=ek.parse_edtf("2024-11-15/.."))]))
@example(ek.Dataset([ek.Event(id="e", title="E", participants=[ek.Participant(actor="a")])]))
def test_eventkit_to_json_ld_to_eventkit_keeps_what_json_ld_holds(dataset: ek.Dataset) -> None:
    document, written = jsonld.write(dataset)
    again, report = jsonld.read(document)
    # A participant no actor of the dataset is (drawn when there is none) is rejected.
    assert {(p.record, p.input) for p in dataset.check().problems} >= {
        (f.row, f.problem and f.problem.input) for f in report.select("rejected")
    }
    assert () == again.check().problems
    if not report.select("rejected"):
        assert document == jsonld.write(again).document
    assert len(document["@graph"]) == len(pyld.expand(document))
    # The documents agree even when a date was lost on the way out: compare the dates.
    kept = {f.row for f in written.select("mapped") if f.field == "when"}
    sent = [str(e.when) if e.id in kept else None for e in dataset.events]
    assert sent == [e.when and str(e.when) for e in again.events]


_DATES = ("startDate", "endDate", "temporalCoverage")


@pytest.mark.parametrize(
    ("edtf", "dates"),
    [
        pytest.param("2024-11-15", {"startDate": "2024-11-15"}, id="a date"),
        pytest.param(
            "2022-12/2024-11-15T14:00+01:00",
            {"startDate": "2022-12", "endDate": "2024-11-15T14:00+01:00"},
            id="a span",
        ),
        pytest.param(
            "2024-11-15/..",
            {"startDate": "2024-11-15", "temporalCoverage": "2024-11-15/.."},
            id="an open end (was read as a single date)",
        ),
        pytest.param(
            "../2024-11-15",
            {"endDate": "2024-11-15", "temporalCoverage": "../2024-11-15"},
            id="an open start",
        ),
    ],
)
def test_a_date_or_span_reads_back_as_it_was(edtf: str, dates: dict[str, str]) -> None:
    when = ek.parse_edtf(edtf)
    document, written = jsonld.write(ek.Dataset([ek.Event(id="e", title="E", when=when)]))
    again, report = jsonld.read(document)
    [node] = document["@graph"]
    assert dates == {key: node[key] for key in _DATES if key in node}
    assert [when] == [event.when for event in again.events]
    assert ["when"] == [f.field for f in written.select("mapped") if f.field == "when"]
    assert set(_DATES) & set(node) == {f.field for f in report.select("mapped")} & set(_DATES)


def test_the_text_a_date_was_read_from_is_reported_dropped() -> None:
    when = ek.TimeSpan(start=ek.PartialDate(year=2024, text="this year"), text="from this year on")
    _, report = jsonld.write(ek.Dataset([ek.Event(id="e", title="E", when=when)]))
    reason = "schema.org holds the date, not the text it was read from"
    assert [("when.text", reason), ("when.start.text", reason)] == [
        (f.field, f.reason) for f in report.select("dropped")
    ]


# --- hostile input: a node that cannot be read is rejected, the others kept ---------

_SCHOLZ = {"@id": "urn:eventkit:scholz", "@type": "Person", "name": "Olaf Scholz"}


def _document(*nodes: Any) -> dict[str, Any]:
    return {"@context": dict(jsonld.CONTEXT), "@graph": [_SCHOLZ, *nodes]}


def _event(**properties: Any) -> dict[str, Any]:
    return {"@id": "urn:eventkit:bad", "@type": "Event", "name": "Call", **properties}


def _role(role: str, actor: str) -> dict[str, Any]:
    return {"@type": "Role", "roleName": role, "attendee": {"@id": f"urn:eventkit:{actor}"}}


@pytest.mark.parametrize("edtf", ["2024-11~", "2024?", "2024-11-15%"])
def test_a_date_with_a_qualifier_is_reported_dropped_for_it(edtf: str) -> None:
    # It was dropped "because schema.org's Event has no property for it": it has startDate.
    when = ek.parse_edtf(edtf)
    dataset = ek.Dataset(
        [
            ek.Event(id="e", title="E", when=when),
            ek.Statement(id="s", speaker="a", text="T", when=when),
            ek.Source(id="r", name="R", kind="report", published=when),
        ]
    )
    report = jsonld.write(dataset).report
    reason = "schema.org dates are ISO 8601, without a qualifier (~, ?, %)"
    assert [("e", "when", reason), ("s", "when", reason), ("r", "published", reason)] == [
        (f.row, f.field, f.reason) for f in report.fields if f.field in ("when", "published")
    ]
    span = ek.Event(id="e", title="E", when=ek.parse_edtf(f"2024-01-01/{edtf}"))
    assert [reason] == [
        f.reason for f in jsonld.write(ek.Dataset([span])).report.fields if f.field == "when"
    ]


@pytest.mark.parametrize(
    ("kind", "quote", "after"),
    [("claim", "It was Scholz who called", "quote"), ("denial", None, "claim")],
)
def test_a_statement_kind_schema_org_cannot_hold_is_reported_changed_once(
    kind: str, quote: str | None, after: str
) -> None:
    # A claim that quotes is written as a Quotation and read back as a quote: the report said
    # nothing of its kind (claim is the default, left out of the record's dict).
    statement = ek.Statement(id="s", speaker="a", text="Scholz called", quote=quote, kind=kind)
    speaker = ek.Actor(id="a", name="A", kind="person")
    document, report = jsonld.write(ek.Dataset([speaker, statement]))
    assert [("changed", kind, after)] == [
        (f.outcome, f.before, f.after) for f in report.of("s") if f.field == "kind"
    ]
    back = jsonld.read(document).dataset["s"]
    assert isinstance(back, ek.Statement)
    assert after == back.kind


def test_an_actor_or_source_kind_schema_org_cannot_hold_has_one_verdict() -> None:
    # It was reported dropped, and mapped too.
    dataset = ek.Dataset(
        [
            ek.Source(id="dpa", name="dpa", kind="news_agency"),
            ek.Actor(id="hamas", name="Hamas", kind="armed_group"),
        ]
    )
    report = jsonld.write(dataset).report
    assert [("dpa", "dropped"), ("hamas", "dropped")] == sorted(
        (f.row, f.outcome) for f in report.fields if f.field == "kind"
    )


@pytest.mark.parametrize(
    ("node", "where", "code"),
    [
        pytest.param(
            {**_SCHOLZ, "@id": "urn:eventkit:bad", "identifier": ["Q567"]},
            "$.identifier[0]",
            "invalid_type",
            id="an identifier not a PropertyValue (was a TypeError)",
        ),
        pytest.param(
            {**_SCHOLZ, "@id": "urn:eventkit:bad", "identifier": {"value": "Q567"}},
            "$.identifier.propertyID",
            "invalid_type",
            id="an identifier without propertyID (was a KeyError)",
        ),
        pytest.param(
            _event(attendee=[3]),
            "$.attendee[0]",
            "invalid_type",
            id="a role not an object (was an AttributeError)",
        ),
        pytest.param(
            _event(attendee=1.5),
            "$.attendee",
            "invalid_type",
            id="one role, not an object (was a TypeError)",
        ),
        pytest.param(
            _event(location={"@type": "Place", "address": "Berlin"}),
            "$.location.address",
            "invalid_type",
            id="an address not an object (was an AttributeError)",
        ),
        pytest.param(
            _event(startDate="2024/2025", endDate="2026"),
            "$.startDate",
            "invalid_value",
            id="a span as start date (was an AssertionError)",
        ),
        pytest.param(
            _event(startDate="2024-11-15", temporalCoverage="2024-11-15/"),
            "$.temporalCoverage",
            "invalid_value",
            id="an unknown end, which eventkit has not (was dropped, read as a date)",
        ),
        pytest.param(
            _event(startDate="2024-11-15", temporalCoverage="2024-11-15"),
            "$.temporalCoverage",
            "invalid_value",
            id="a coverage that is no span (was dropped)",
        ),
        pytest.param(
            _event(startDate="2024-11-14", temporalCoverage="2024-11-15/.."),
            "$.startDate",
            "invalid_value",
            id="a start date the coverage does not have (was read as a date)",
        ),
        pytest.param(
            _event(startDate="2024-11-15", endDate="2024-11-18", temporalCoverage="2024-11-15/.."),
            "$.endDate",
            "invalid_value",
            id="an end date where the coverage has an open end (was read as closed)",
        ),
        pytest.param(
            _event(eventStatus="https://schema.org/EventPostponed"),
            "$.eventStatus",
            "invalid_value",
            id="a status eventkit has not (was read as occurred)",
        ),
        pytest.param(
            _event(subjectOf={"@id": "https://example.org/article"}),
            "$.subjectOf.@id",
            "invalid_value",
            id="a reference to no eventkit node (was left out)",
        ),
        pytest.param(
            {**_SCHOLZ, "name": "Someone else"},
            "$.@id",
            "duplicate_id",
            id="a second node with an id (was a MergeConflictError)",
        ),
        # A property the record needs was made up of the id: a node without name was named so.
        *(
            pytest.param(
                {"@id": "urn:eventkit:bad", "@type": kind},
                "$.name",
                "missing",
                id=f"{kind} without name (was named by its id)",
            )
            for kind in ("Person", "Event", "CreativeWork")
        ),
        # A problem the record found was at its field's path, not the node's ($.title).
        *(
            pytest.param(node, where, code, id=f"{where} (was {was})")
            for node, where, code, was in [
                (_event(name=5), "$.name", "invalid_type", "$.title"),
                ({**_SCHOLZ, "@id": "urn:eventkit:a%20b"}, "$.@id", "invalid_value", "$.id"),
                (_event(**{"@id": "urn:eventkit:"}), "$.@id", "invalid_value", "$.id, empty"),
                # A byte of another encoding was read as U+FFFD, the id changed without a word.
                ({**_SCHOLZ, "@id": "urn:eventkit:caf%E9"}, "$.@id", "invalid_value", "caf\ufffd"),
                (
                    _event(
                        attendee={
                            "roleName": "initiator",
                            "attendee": {"@id": "urn:eventkit:caf%E9"},
                        }
                    ),
                    "$.attendee.attendee.@id",
                    "invalid_value",
                    "caf\ufffd",
                ),
                (
                    {
                        "@id": "urn:eventkit:bad",
                        "@type": "Quotation",
                        "text": "Q",
                        "creator": {"@id": "urn:eventkit:scholz"},
                    },
                    "$.description",
                    "missing",
                    "$.text, invalid_type",
                ),
                (
                    _event(attendee={**_role("initiator", "scholz"), "roleName": "a role!"}),
                    "$.attendee.roleName",
                    "invalid_value",
                    "$.role",
                ),
                (
                    _event(attendee=[_role("initiator", "a%20b")]),
                    "$.attendee[0].attendee",
                    "invalid_value",
                    "$.actor",
                ),
                (
                    _event(subjectOf={"@id": "urn:eventkit:a%20b"}),
                    "$.subjectOf",
                    "invalid_value",
                    "$.source",
                ),
                (
                    {
                        **_SCHOLZ,
                        "@id": "urn:eventkit:bad",
                        "identifier": {"propertyID": "wikidata", "value": "X1"},
                    },
                    "$.identifier.value",
                    "invalid_value",
                    "$.identifiers.wikidata",
                ),
                (
                    {**_SCHOLZ, "@id": "urn:eventkit:bad", "alternateName": [1, "x"]},
                    "$.alternateName[0]",
                    "invalid_type",
                    "$.aliases[0]",
                ),
                (
                    {**_SCHOLZ, "@id": "urn:eventkit:bad", "alternateName": 1},
                    "$.alternateName",
                    "invalid_type",
                    "$.aliases[0]",
                ),
                (
                    {
                        **_SCHOLZ,
                        "@id": "urn:eventkit:bad",
                        "nationality": {"identifier": "Germany"},
                    },
                    "$.nationality.identifier",
                    "invalid_value",
                    "$.country",
                ),
                (
                    _event(startDate="2024-11-16", endDate="2024-11-15"),
                    "$.endDate",
                    "invalid_value",
                    "$.end",
                ),
                (
                    _event(location={"geo": {"latitude": "52.5", "longitude": 13}}),
                    "$.location.geo.latitude",
                    "invalid_type",
                    "$.lat",
                ),
                (_event(location={"name": ""}), "$.location.name", "invalid_value", "$.name"),
                (
                    {
                        "@id": "urn:eventkit:bad",
                        "@type": "CreativeWork",
                        "name": "N",
                        "inLanguage": "xx-!!",
                    },
                    "$.inLanguage",
                    "invalid_value",
                    "$.language",
                ),
            ]
        ),
    ],
)
def test_a_node_that_cannot_be_read_is_rejected_and_the_others_kept(
    node: dict[str, Any], where: str, code: str
) -> None:
    dataset, report = jsonld.read(_document(node))
    assert ["scholz"] == list(dataset.ids)
    assert [(where, code)] == [
        (f.field, f.problem and f.problem.code) for f in report.select("rejected")
    ]
    assert [] == [f.field for f in report.fields if f.index == 1 and f.outcome != "rejected"]


def test_a_reference_to_no_node_read_is_rejected_at_its_path_and_left_out() -> None:
    # It was read as it was: the report said complete, and ds.check() found the dataset invalid.
    dataset, report = jsonld.read(
        _document(
            _event(
                attendee=[_role("initiator", "scholz"), _role("recipient", "putin")],
                subjectOf=[{"@id": "urn:eventkit:scholz"}],  # an actor, not a source
            ),
            {
                "@id": "urn:eventkit:s",
                "@type": "Claim",
                "text": "T",
                "creator": {"@id": "urn:eventkit:scholz"},
                "mentions": {"@id": "urn:eventkit:bad"},
            },
        )
    )
    assert () == dataset.check().problems
    assert (False, ["scholz"]) == (
        report.complete,
        [p.actor for p in dataset["bad"].participants],  # type: ignore[union-attr]
    )
    assert [
        (
            "bad",
            "$.attendee[1].attendee",
            "no record has this id, got 'putin' [dangling_reference]",
        ),
        (
            "bad",
            "$.subjectOf[0]",
            "expected the id of a source, but this is an actor, got 'scholz'"
            " [wrong_reference_kind]",
        ),
    ] == [(f.row, f.field, str(f.problem).partition(": ")[2]) for f in report.select("rejected")]
    assert ["mentions"] == [f.field for f in report.of("s") if f.field == "mentions"]


def test_a_speaker_no_node_read_rejects_the_statement_and_a_node_rejected_is_named() -> None:
    claim = {"@id": "urn:eventkit:s", "@type": "Claim", "text": "T"}
    dataset, report = jsonld.read(
        _document(
            _event(eventStatus="https://schema.org/EventPostponed"),
            {**claim, "creator": {"@id": "urn:eventkit:putin"}},
            {
                **claim,
                "@id": "urn:eventkit:t",
                "creator": _role("initiator", "scholz")["attendee"],
                "mentions": {"@id": "urn:eventkit:bad"},
            },
        )
    )
    assert (["scholz", "t"], ()) == (list(dataset.ids), dataset.check().problems)
    assert [
        ("s", "$.creator: no record has this id, got 'putin' [dangling_reference]"),
        (
            "t",
            "$.mentions: no record has this id (its node was not read), got 'bad'"
            " [dangling_reference]",
        ),
    ] == [(f.row, str(f.problem)) for f in report.select("rejected") if f.row != "bad"]
    assert [] == [f.field for f in report.of("s") if f.outcome != "rejected"]


def test_dates_the_coverage_does_not_have_are_rejected_saying_which() -> None:
    node = _event(startDate="2024-11-15", endDate="2024-11-18", temporalCoverage="2024-11-15/..")
    _, report = jsonld.read(_document(node))
    assert [
        "$.endDate: expected no endDate, as temporalCoverage 2024-11-15/.. says,"
        " got '2024-11-18' [invalid_value]"
    ] == [str(f.problem) for f in report.select("rejected")]


def test_a_node_of_several_types_and_a_property_not_read_are_reported_dropped() -> None:
    dataset, report = jsonld.read(
        _document(
            {"@id": "urn:eventkit:x", "@type": ["Person", "Thing"], "name": "X"},  # a TypeError
            {**_SCHOLZ, "@id": "urn:eventkit:y", "birthDate": "1958-06-14"},  # was "mapped"
        )
    )
    assert ["scholz", "y"] == list(dataset.ids)
    assert [("x", "@type"), ("y", "birthDate")] == [
        (f.row, f.field) for f in report.select("dropped")
    ]


def test_a_type_nested_deeper_than_python_shows_is_dropped() -> None:
    deep: Any = "Person"
    for _ in range(5_000):  # its repr would be a RecursionError
        deep = [deep]
    _, report = jsonld.read(_document({"@id": "urn:eventkit:x", "@type": deep, "name": "X"}))
    assert [("x", "@type", "no eventkit record for a list")] == [
        (f.row, f.field, f.reason) for f in report.select("dropped")
    ]


def test_a_document_that_is_no_object_is_refused() -> None:
    with pytest.raises(ek.ValidationError, match="expected a list of nodes"):
        jsonld.read([_SCHOLZ])  # type: ignore[arg-type]  # was an AttributeError


_SEED = jsonld.write(scholz_putin()).document


@given(with_hostile_values(_SEED))
def test_hostile_values_in_a_real_document_are_read_dropped_or_rejected(
    document: dict[str, Any],
) -> None:
    if not isinstance(document["@graph"], list):
        with pytest.raises(ek.ValidationError, match="expected a list of nodes"):
            jsonld.read(document)
        return
    dataset, report = jsonld.read(document)
    # A reference to a node left out is rejected at its path: the dataset read is valid.
    left_out = {node["@id"].removeprefix("urn:eventkit:") for node in _SEED["@graph"]}
    left_out -= set(dataset.ids)
    assert () == dataset.check().problems
    assert left_out >= {
        f.problem.input
        for f in report.select("rejected")
        if f.problem and f.problem.code == "dangling_reference"
    }
    read = {f.index for f in report.fields if f.outcome == "mapped"}
    # A node read may have references rejected, nothing else.
    assert {"dangling_reference", "wrong_reference_kind"} >= {
        f.problem.code for f in report.select("rejected") if f.problem and f.index in read
    }
    rejected = {f.index for f in report.select("rejected")} - read
    assert len(document["@graph"]) == len(dataset) + len(
        rejected | {f.index for f in report.select("dropped") if f.field in ("@id", "@type")}
    )
