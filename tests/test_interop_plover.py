"""eventkit.interop.plover: the PLOVER gold-standard records in and out, field by field."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit import testing
from eventkit.examples import scholz_putin
from eventkit.interop import Outcome, plover
from interop_data import linked_datasets, with_hostile_values

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
    dataset, report = plover.read(records)
    check = dataset.check()
    assert (True, ()) == (check.valid, check.problems)
    assert 322 == len(dataset.events)  # and one DOCUMENT record, held by a provenance
    assert 3 == len(dataset.provenances)  # one per coding date
    assert (323, True) == (report.rows, report.complete)
    dataset.save(tmp_path / "gold.jsonl")
    again = ek.Dataset.load(tmp_path / "gold.jsonl")
    written, out = plover.write(again, version="0.5b1")
    assert sorted(map(coded, records), key=identity) == sorted(written, key=identity)
    assert [] == [f for f in out.fields if f.outcome is Outcome.CHANGED]


@pytest.mark.parametrize("version", ["0.5b1", "0.8"])
def test_exporting_what_was_read_reports_what_the_version_names_otherwise(
    records: list[dict[str, Any]], version: Literal["0.5b1", "0.8"]
) -> None:
    # Actor kinds and countries are derived from the entities' codes and sectors:
    # PLOVER holds them in that form, so writing them back loses nothing. Only 0.8
    # cannot hold a 0.5b1 name it has no name for (a mode "curfew"): read, it was
    # reported changed to None; written, dropped (it was left out without a word).
    # A 0.5b1 name 0.8 names otherwise (context "refugee", "asylum" in 0.8) is
    # written by its 0.8 name: changed (the 0.5b1 name was lost without a word).
    dataset, read = plover.read(records)
    _, report = plover.write(dataset, version=version)
    outcomes = {"no PLOVER 0.8 name": "dropped", "PLOVER 0.5b1 name": "changed"}
    lost = [
        (f.row, f"codes.original.{f.field}", outcome)
        for f in read.select("changed")
        for reason, outcome in outcomes.items()
        if reason in (f.reason or "") and version == "0.8"
    ]
    assert 0 < len(lost) or version == "0.5b1"
    assert sorted(lost) == sorted(
        (f.row, f.field, f.outcome.value) for f in report.fields if f.outcome != "mapped"
    )


def test_an_actor_s_kind_or_country_the_code_does_not_give_is_reported_lost() -> None:
    dataset = ek.Dataset(
        [
            ek.Actor(id="scholz", name="Olaf Scholz", kind="person", country="DEU"),
            ek.Actor(
                id="kremlin",
                name="Kremlin",
                kind="government",
                country="RUS",
                identifiers={"cameo": "RUS", "cameo_sector": "GOV"},
            ),
            ek.Actor(
                id="un",
                name="United Nations",
                kind="international_organisation",
                country="USA",
                identifiers={"cameo": "IGO"},
            ),
            ek.Event(
                id="call",
                title="Call",
                participants=[
                    ek.Participant(actor="scholz", role="initiator"),
                    ek.Participant(actor="kremlin", role="recipient"),
                    ek.Participant(actor="un", role="recipient"),
                ],
            ),
        ]
    )
    rows, report = plover.write(dataset)
    lost = {(f.row, f.field): f.reason for f in report.select("dropped")}
    assert {
        ("scholz", "Actor.kind"): "PLOVER entities have no field for it; their code gives state",
        ("un", "Actor.country"): "the entity's code 'IGO' names no country",
    } == lost
    again, _ = plover.read(rows)
    kinds = {actor.name: (actor.kind, actor.country) for actor in again.actors}
    assert {
        "Olaf Scholz": ("state", "DEU"),
        "Kremlin": ("government", "RUS"),
        "United Nations": ("international_organisation", None),
    } == kinds


def test_the_shared_id_is_reported_and_not_merged(records: list[dict[str, Any]]) -> None:
    dataset, report = plover.read(records)
    [(shared, rows)] = report.duplicates.items()
    assert 2 == len(rows)
    assert {shared, f"{shared}-2"} <= set(dataset.ids)
    [renamed] = [f for f in report.of(shared) if f.field == "id" and f.outcome == "changed"]
    assert (shared, f"{shared}-2", rows[1]) == (renamed.before, renamed.after, renamed.index)


def test_every_field_of_every_record_is_in_the_report(records: list[dict[str, Any]]) -> None:
    _, report = plover.read(records)
    reported = {(f.index, f.field) for f in report.fields}
    # The empty strings, which mean "not coded", were left out of the report.
    given = {(index, key) for index, record in enumerate(records) for key in record}
    assert set() == given - reported


@pytest.mark.parametrize(
    "languages",
    [
        pytest.param(("en", "fr"), id="two languages"),
        pytest.param(("en", "en"), id="one language"),
        pytest.param((None, "en"), id="the first without a language"),
        pytest.param(("en", None), id="the later without a language"),
    ],
)
def test_each_record_of_a_publication_keeps_its_language(
    languages: tuple[str | None, str | None],
) -> None:
    # The first record's language was the Source's; a later one's was lost, reported mapped.
    records = [
        {"id": f"e{n}", "event": "CONSULT", "publication": "AFP", "text": "t", "language": language}
        for n, language in enumerate(languages)
    ]
    dataset, report = plover.read(records)
    cited = [dataset[e.sources[0].source] for e in dataset.events]
    assert list(languages) == [s.language for s in cited if isinstance(s, ek.Source)]
    assert len(set(languages)) == len(dataset.sources)
    assert {"AFP"} == {s.name for s in dataset.sources}
    mapped = [
        (f.row, f.target) for f in report.fields if (f.field, f.outcome) == ("language", "mapped")
    ]
    assert [(r["id"], "Source.language") for r in records if r["language"]] == mapped
    assert report.complete
    # The ids depend on the publication and language alone, not on the records' order.
    again, _ = plover.read(records[::-1])
    assert set(dataset.ids) == set(again.ids)
    rows, _ = plover.write(dataset)
    assert list(languages) == [row.get("language") for row in rows]


def test_a_publication_named_like_the_placeholder_for_none_is_its_own_source() -> None:
    # Both had the id of "-": the second record's publication was lost, reported mapped.
    dataset, _ = plover.read(
        [
            {"id": "e0", "event": "CONSULT", "text": "t"},
            {"id": "e1", "event": "CONSULT", "text": "t", "publication": "-"},
        ]
    )
    cited = [dataset[e.sources[0].source] for e in dataset.events]
    assert ["unnamed publication", "-"] == [s.name for s in cited if isinstance(s, ek.Source)]


def test_a_record_without_publication_is_written_without_one() -> None:
    # The Source's name was written as the publication: an invented "unnamed publication",
    # which a publication of that name shared with the records that had none.
    records = [
        {"id": "e0", "event_text": "E", "text": "t", "language": "en"},
        {"id": "e1", "event_text": "E", "text": "t", "publication": "unnamed publication"},
    ]
    dataset, _ = plover.read(records)
    assert 2 == len(dataset.sources)
    rows, report = plover.write(dataset)
    assert ([], True) == ([str(f) for f in report.fields if f.outcome != "mapped"], report.complete)
    assert records == rows


def test_an_entity_without_a_name_is_written_back_without_one() -> None:
    # Read into Actors named "unnamed" and "DEU", which were written back as their entity_text.
    records = [
        {
            "id": "e1",
            "event_text": "E",
            "event": ["CONSULT"],
            "actor": [{"sector": "CVL"}],
            "recipient": [{"code": "DEU"}],
        }
    ]
    dataset, _ = plover.read(records)
    rows, report = plover.write(dataset)
    assert ([], True) == ([str(f) for f in report.fields if f.outcome != "mapped"], report.complete)
    assert records == rows


def test_the_05b1_names_are_read_as_08_and_kept(records: list[dict[str, Any]]) -> None:
    dataset, report = plover.read(records)
    types = {event.codes.plover for event in dataset.events if event.codes is not None}
    assert not types & set(ek.codes.PLOVER_V05_TYPES)
    demand = dataset["PLOVER-GSR01-DEMAND-0001"]
    assert isinstance(demand, ek.Event)
    assert demand.codes is not None
    assert ("REQUEST", "DEMAND") == (demand.codes.plover, demand.codes.original["event"])
    [event_field] = [f for f in report.of("PLOVER-GSR01-DEMAND-0001") if f.field == "event"]
    assert ("DEMAND", "REQUEST") == (event_field.before, event_field.after)
    killed = [
        e.casualties.killed.value for e in dataset.events if e.casualties and e.casualties.killed
    ]
    assert 15 == len(killed)


def test_08_export_uses_08_names_and_reads_back(records: list[dict[str, Any]]) -> None:
    dataset, _ = plover.read(records)
    rows, _ = plover.write(dataset)
    demand = next(row for row in rows if row["id"] == "PLOVER-GSR01-DEMAND-0001")
    assert ["REQUEST"] == demand["event"]
    assert {"actor", "event_text", "coded_date"} <= set(demand)
    assert not {"source", "eventText", "dateCoded"} & set(demand)
    assert "0.5b1" == demand["version"]  # the coding's codebook: was left out
    again, _ = plover.read(rows)
    for event in dataset.events:
        back = again[event.id]
        assert isinstance(back, ek.Event)
        assert event.codes is not None
        assert back.codes is not None
        assert (event.codes.plover, event.codes.mode, event.codes.context) == (
            back.codes.plover,
            back.codes.mode,
            back.codes.context,
        )
        assert (event.title, event.when, event.place, event.casualties, event.size) == (
            back.title,
            back.when,
            back.place,
            back.casualties,
            back.size,
        )
        assert [p.role for p in event.participants] == [p.role for p in back.participants]


def test_the_export_lists_what_plover_cannot_carry() -> None:
    seed = scholz_putin()
    rows, report = plover.write(seed)
    assert len(seed.events) == len(rows)
    dropped = report.select("dropped")
    assert len(seed.statements) == sum(1 for f in dropped if f.field == "Statement")
    reasons = " ".join(f.reason or "" for f in dropped)
    assert "no status" in reasons or all(e.status == "occurred" for e in seed.events)
    assert "no role" in reasons  # participants other than initiator and recipient
    changed = {f.reason for f in report.select("changed")}
    assert any("days" in (reason or "") for reason in changed)


# --- how records were coded: PLOVER does not say, the caller may ---------------------------


def test_read_states_no_coding_method_the_records_do_not_give(
    records: list[dict[str, Any]],
) -> None:
    # Every coding was read as "manual": POLECAT's are machine-coded, and no PLOVER field says.
    dataset, _ = plover.read(records)
    assert [(None, "PLOVER")] * 3 == [(p.method, p.codebook) for p in dataset.provenances]


@pytest.mark.parametrize("method", ["manual", "model", ek.CodingMethod.RULES, "acme.crowd"])
def test_the_caller_gives_the_coding_method_of_every_coding(
    records: list[dict[str, Any]], method: str
) -> None:
    dataset, report = plover.read(records, method=method)
    assert [method] * 3 == [p.method for p in dataset.provenances]
    assert report.complete


def test_with_a_method_a_record_giving_no_coder_version_or_date_has_its_coding(
    tmp_path: Path,
) -> None:
    # POLECAT-like records: the method is all that is known of how the first was coded.
    records = [
        {"id": "p1", "date": "2024-11-15", "event": ["CONSULT"]},
        {"id": "p2", "date": "2024-11-15", "event": ["CONSULT"], "coder": "NGEC"},
    ]
    path = tmp_path / "polecat.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    dataset, report = plover.load(path, method="model")
    codings = {e.id: dataset[e.provenance or ""] for e in dataset.events}
    assert {"p1": ("model", None), "p2": ("model", "NGEC")} == {
        key: (p.method, p.coder) for key, p in codings.items() if isinstance(p, ek.Provenance)
    }
    assert ({f.field for f in report.fields}, True) == ({"id", "date", "event", "coder"}, True)
    without = plover.read(records).dataset["p1"]  # the records do not say how it was coded
    assert isinstance(without, ek.Event)
    assert without.provenance is None


def test_a_method_that_is_no_coding_method_is_refused() -> None:
    with pytest.raises(ek.ValidationError) as error:
        plover.read([_GOOD], method="robot")
    assert (
        "1 problem in plover.read arguments\n  $.method: unknown coding method; expected one of:"
        " manual, rules, model, mixed or a namespaced custom value such as 'acme.custom',"
        " got 'robot' [invalid_value]"
    ) == str(error.value)


def test_a_coding_method_is_reported_dropped_on_export() -> None:
    # "manual" was taken for what read makes of every coding: written, it was lost unreported.
    coding = ek.Provenance(id="p", coder="OEDA", method="manual", codebook="PLOVER")
    event = ek.Event(id="e", title="E", provenance="p")
    rows, report = plover.write(ek.Dataset([coding, event]))
    assert [{"id": "e", "event_text": "E", "coder": "OEDA"}] == rows
    assert [("p", "Provenance.method")] == [(f.row, f.field) for f in report.select("dropped")]


def test_a_coding_plover_holds_nothing_of_is_reported_dropped() -> None:
    # Its event's provenance was reported mapped to coder, version and dateCoded, none written.
    dataset, _ = plover.read([{"id": "e", "event_text": "E"}], method="model")
    [coding] = dataset.provenances
    rows, report = plover.write(dataset)
    assert [{"id": "e", "event_text": "E"}] == rows
    assert {(coding.id, "Provenance"), ("e", "provenance")} == {
        (f.row, f.field) for f in report.select("dropped")
    }


# --- what the export holds of sources, actors and codings, and of dates ----------------------


def test_what_plover_cannot_hold_of_a_source_is_reported_dropped() -> None:
    # All but its name and language were lost, the Source reported mapped; so was a Source
    # no event cites first, which no record holds.
    afp = ek.Source(
        id="afp",
        name="AFP",
        kind="news_agency",
        url="https://www.afp.com/",
        language="fr",
        published=ek.parse_edtf("2024-11-15"),
        derived_from=["dpa"],
        identifiers={"wikidata": "Q40464"},
        comment="the wire",
    )
    dpa = ek.Source(id="dpa", name="dpa", kind="report")
    event = ek.Event(
        id="e",
        title="E",
        sources=[ek.Citation(source="afp", excerpt="t"), ek.Citation(source="dpa")],
    )
    rows, report = plover.write(ek.Dataset([afp, dpa, event]))
    assert ("AFP", "fr") == (rows[0]["publication"], rows[0]["language"])
    assert {
        ("afp", "Source.kind"),
        ("afp", "Source.url"),
        ("afp", "Source.published"),
        ("afp", "Source.derived_from"),
        ("afp", "Source.identifiers.wikidata"),
        ("afp", "Source.comment"),
        ("dpa", "Source"),
        ("e", "sources[1]"),
    } == {(f.row, f.field) for f in report.select("dropped")}
    assert [("afp", "Source")] == [
        (f.row, f.field) for f in report.select("mapped") if f.field.startswith("Source")
    ]


def test_an_actor_or_coding_no_event_record_holds_is_reported_dropped() -> None:
    # The coding was reported mapped to the events citing it, and the actor not at all.
    dataset = ek.Dataset(
        [
            ek.Actor(id="un", name="United Nations", kind="international_organisation"),
            ek.Provenance(id="unused", coder="OEDA"),
            ek.Event(id="e", title="E", participants=[ek.Participant(actor="un", role="mediator")]),
        ]
    )
    _, report = plover.write(dataset)
    assert {("un", "Actor"), ("unused", "Provenance"), ("e", "participants[0]")} == {
        (f.row, f.field) for f in report.select("dropped")
    }


@pytest.mark.parametrize("version", ["0.5b1", "0.8"])
def test_each_field_of_each_record_has_one_verdict_on_export(
    version: Literal["0.5b1", "0.8"],
) -> None:
    # A month's when was changed and mapped; each citation beyond the first was one more
    # verdict on "sources".
    _, report = plover.write(scholz_putin(), version=version)
    verdicts = Counter((f.index, f.field) for f in report.fields)
    assert [] == [key for key, count in verdicts.items() if count > 1]


@pytest.mark.parametrize(
    ("when", "version", "outcome", "target", "after"),
    [
        ("2024-11-15/2024-11-18", "0.8", "mapped", "date, enddate", None),
        ("../2024-11-15", "0.8", "mapped", "enddate", None),
        ("2024-11", "0.8", "changed", "date", "2024-11-01"),
        ("2024-11-15T14:00+01:00", "0.8", "changed", "date", "2024-11-15"),
        ("2024-11/2024-12", "0.8", "changed", "date, enddate", "2024-11-01/2024-12-31"),
        ("2024-11-15/2024-11-18", "0.5b1", "changed", "date", "2024-11-15"),
        ("2024-11/..", "0.8", "changed", "date", "2024-11-01"),
        ("../2024-11-15", "0.5b1", "dropped", None, None),
    ],
)
def test_an_event_s_when_has_one_verdict_on_export(
    when: str,
    version: Literal["0.5b1", "0.8"],
    outcome: str,
    target: str | None,
    after: str | None,
) -> None:
    # It was mapped to date (even when written to enddate, or not at all) and, when
    # changed, reported changed too: or a span's start or end changed and it mapped.
    event = ek.Event(id="e", title="E", when=ek.parse_edtf(when))
    rows, report = plover.write(ek.Dataset([event]), version=version)
    assert [(outcome, target, after)] == [
        (f.outcome, f.target, f.after) for f in report.fields if f.field.startswith("when")
    ]
    back = plover.read(rows).dataset["e"]
    assert isinstance(back, ek.Event)
    assert (None if outcome == "dropped" else after or when) == (back.when and back.when.to_edtf())


@ek.event_type("test_interop_plover.sit_in")
@attrs.frozen(kw_only=True)
class SitIn(ek.Event):
    """An event type of a user's, with no PLOVER code."""


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (
            SitIn(id="e", title="E"),
            "PLOVER has no event types: a test_interop_plover.sit_in reads back as an event",
        ),
        (
            ek.PhoneCall(id="e", title="E"),
            "PLOVER has no event types: a phone_call reads back as an event",
        ),
    ],
)
def test_an_event_type_plover_cannot_hold_is_reported_dropped(event: ek.Event, reason: str) -> None:
    # It was reported "type mapped to type", and read back as a plain ek.Event.
    rows, report = plover.write(ek.Dataset([event]))
    assert [("dropped", reason)] == [
        (f.outcome, f.reason) for f in report.of("e") if f.field == "type"
    ]
    assert type(plover.read(rows).dataset["e"]) is ek.Event
    assert [] == [
        f
        for f in plover.write(ek.Dataset([ek.Event(id="e", title="E")])).report.fields
        if f.field == "type" and f.outcome != "mapped"
    ]


def test_bad_records_are_rejected_in_the_report_not_raised() -> None:
    ds, report = plover.read(
        [
            {"id": "good", "date": "2024-11-15", "event": "CONSULT"},
            {"id": "bad-date", "date": "2024-13-45", "event": "CONSULT"},
            {"id": "bad-mode", "date": "2024-11-15", "event": "CONSULT", "mode": "drone"},
        ]
    )
    assert ["good"] == [e.id for e in ds.events]
    rejected = [(f.row, f.field) for f in report.select("rejected")]
    assert {("bad-date", "$.date"), ("bad-mode", "$.mode")} == set(rejected)
    with pytest.raises(ek.ValidationError) as error:
        plover.read([["not", "a", "record"]])  # type: ignore[list-item]
    assert "$[0]: expected a JSON object" in str(error.value)


def test_load_and_dump_json_lines(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    dataset, _ = plover.read(records)
    path = tmp_path / "plover.jsonl"
    report = plover.dump(dataset, path)
    assert report.rows == len(dataset)
    again, _ = plover.load(path)
    assert {e.id for e in dataset.events} == {e.id for e in again.events}
    (tmp_path / "bad.json").write_text("[{]")
    with pytest.raises(ek.ValidationError, match="invalid_json"):
        plover.load(tmp_path / "bad.json")


def check_plover_round_trip(dataset: ek.Dataset) -> None:
    rows, _ = plover.write(dataset)
    again, report = plover.read(rows)
    assert () == report.select("rejected")
    # What PLOVER holds survives: exporting what was read gives the same records.
    assert rows == plover.write(again).rows
    for event in dataset.events:
        back = again.get(event.id)
        assert isinstance(back, ek.Event)
        assert event.title == back.title


@pytest.mark.parametrize(
    ("when", "date", "enddate"),
    [
        ("2024-12-05/2024", "2024-12-05", "2024-12-31"),
        ("2024-12/2024", "2024-12-01", "2024-12-31"),
        ("2024-12-05/2024-12", "2024-12-05", "2024-12-31"),
        ("2024-02-10/2024-02-10T23:00", "2024-02-10", "2024-02-10"),
        ("9999-12-01/9999", "9999-12-01", "9999-12-31"),
    ],
)
def test_a_span_ending_in_a_coarser_period_ends_on_its_last_day(
    when: str, date: str, enddate: str
) -> None:
    # The end's first day was written: "2024-12-05/2024" ended 2024-01-01,
    # before its start, and reading it back refused the end.
    actor = ek.Actor(id="a", name="A", kind="person")
    event = ek.Event(
        id="e",
        title="E",
        when=ek.parse_edtf(when),
        participants=[ek.Participant(actor="a", role="initiator")],
    )
    rows, _ = plover.write(ek.Dataset([actor, event]))
    assert (date, enddate) == (rows[0]["date"], rows[0]["enddate"])
    check_plover_round_trip(ek.Dataset([actor, event]))


_ROLES_PLOVER = linked_datasets(["initiator", "recipient", "victim"])
_FEW = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@_FEW
@given(_ROLES_PLOVER)
def test_eventkit_to_plover_to_eventkit_keeps_what_plover_holds(dataset: ek.Dataset) -> None:
    check_plover_round_trip(dataset)


@pytest.mark.slow
@settings(_FEW, max_examples=300)
@given(_ROLES_PLOVER)
def test_eventkit_to_plover_to_eventkit_keeps_what_plover_holds_thoroughly(
    dataset: ek.Dataset,
) -> None:
    check_plover_round_trip(dataset)


@st.composite
def days(draw: st.DrawFn) -> ek.When:
    """A day, or a span of days closed or open at either end: the dates PLOVER holds, or nearly."""
    first, last = (
        ek.PartialDate(year=day.year, month=day.month, day=day.day)
        for day in sorted(draw(st.lists(st.dates(), min_size=2, max_size=2)))
    )
    shapes: list[ek.When] = [first, ek.TimeSpan(start=first, end=last), ek.TimeSpan(start=first)]
    return draw(st.sampled_from([*shapes, ek.TimeSpan(end=last)]))


@st.composite
def coded_datasets(draw: st.DrawFn) -> ek.Dataset:
    """Linked datasets whose events cite codings (provenances), one of them a DOCUMENT's."""
    dataset = draw(_ROLES_PLOVER)
    drawn = draw(st.lists(testing.records(ek.Provenance), min_size=1, max_size=3))
    codebooks = st.sampled_from(["0.5b1", "0.8"])  # what the reader might take for the spelling
    codings = [
        attrs.evolve(p, id=f"coding-{n}", provenance=None, codebook_version=draw(codebooks))
        for n, p in enumerate(drawn)
    ]
    codings[0] = attrs.evolve(codings[0], identifiers={"plover": "document"})
    cited = st.sampled_from([None, *(coding.id for coding in codings)])
    events = [
        _redated(event, draw(days() | testing.whens()), draw(cited)) for event in dataset.events
    ]
    return ek.Dataset([*dataset.actors, *codings, *events])


def _redated(event: ek.Event, when: ek.When, provenance: str | None) -> ek.Event:
    """``event`` citing ``provenance``, dated ``when`` if its type takes it (some: days only)."""
    try:
        return attrs.evolve(event, when=when, provenance=provenance)
    except ek.ValidationError:
        return attrs.evolve(event, provenance=provenance)


_CODING = ("coder", "codebook_version", "coded")  # what an event record holds of its coding
_DOCUMENT = (*_CODING, "description", "rights", "comment")


def check_dates_and_codings_read_back(
    dataset: ek.Dataset, version: Literal["0.5b1", "0.8"]
) -> None:
    """What PLOVER holds of dates and codings reads back equal; the rest is in the report."""
    rows, out = plover.write(dataset, version=version)
    again, report = plover.read(rows)
    assert () == report.select("rejected")
    lost = [(f.row, f.field) for f in out.fields if f.outcome != "mapped"]

    def kept(record_id: str, name: str) -> bool:
        return not any(row == record_id and field.startswith(name) for row, field in lost)

    for event in dataset.events:
        back = again[event.id]
        assert isinstance(back, ek.Event)
        if kept(event.id, "when"):
            assert event.when == back.when
        coding, coding_back = dataset.get(event.provenance or ""), again.get(back.provenance or "")
        for name in _CODING:
            if coding is not None and kept(coding.id, f"Provenance.{name}"):
                assert getattr(coding, name) == getattr(coding_back, name, None)
    for document in dataset.provenances:
        if "plover" in document.identifiers:
            [back] = [p for p in again.provenances if p.identifiers == {"plover": "document"}]
            for name in _DOCUMENT:
                if kept(document.id, f"Provenance.{name}"):
                    assert getattr(document, name) == getattr(back, name)


_SPELLINGS = st.sampled_from(["0.5b1", "0.8"])


@_FEW
@given(coded_datasets(), _SPELLINGS)
def test_dates_and_codings_read_back_as_written_or_are_reported(
    dataset: ek.Dataset, version: Literal["0.5b1", "0.8"]
) -> None:
    check_dates_and_codings_read_back(dataset, version)


@pytest.mark.slow
@settings(_FEW, max_examples=150)
@given(coded_datasets(), _SPELLINGS)
def test_dates_and_codings_read_back_as_written_or_are_reported_thoroughly(
    dataset: ek.Dataset, version: Literal["0.5b1", "0.8"]
) -> None:
    check_dates_and_codings_read_back(dataset, version)


# --- hostile input: a record that cannot be read is rejected, the others kept ---------

_GOOD = {"id": "good", "date": "2024-11-15", "event": "CONSULT"}
_ACTOR_08 = {"entity_text": "Olaf Scholz", "code": "DEU"}


@pytest.mark.parametrize(
    ("record", "where", "code"),
    [
        pytest.param(
            {"id": "bad", "event": "CONSULT", "actor": [{**_ACTOR_08, "code": ["DEU"]}]},
            "$.actor[0].code",
            "invalid_type",
            id="an actor's code not text (was a TypeError from make_id)",
        ),
        pytest.param(
            {"id": "bad", "version": "0.5b1", "event": "DEMAND", "context": True},
            "$.context",
            "invalid_type",
            id="a 0.5b1 context not text (was a TypeError from plover_from_v05)",
        ),
        pytest.param(
            {"id": "bad", "event": ["CONSULT", 3]},
            "$.event",
            "invalid_type",
            id="a 0.8 event not text (was a TypeError)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "note": b"bytes"},
            "$.note",
            "invalid_type",
            id="bytes, not JSON (was a TypeError from the JSON encoder)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "size": float("nan")},
            "$.size",
            "invalid_value",
            id="NaN, not JSON (was read as absent)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "eventText": 1.5},
            "$.eventText",
            "invalid_type",
            id="a DOCUMENT's text not text (was a TypeError)",
        ),
        pytest.param(
            {"event": "DOCUMENT", "coder": "OEDA"},
            "$.id",
            "missing",
            id="a DOCUMENT without id (was a KeyError)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "coder": ["OEDA"]},
            "$.coder",
            "invalid_type",
            id="a coder not text (was a ValidationError for the whole file)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "event_text": 1.5},
            "$.event_text",
            "invalid_type",
            id="a 0.8 DOCUMENT's text not text (was named eventText)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "event_text": "Notes", "text_info": "x"},
            "$.text_info",
            "unknown_field",
            id="a 0.8 DOCUMENT's unknown field (was named textInfo)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "coded_date": "2024-13-01"},
            "$.coded_date",
            "invalid_value",
            id="a 0.8 DOCUMENT's bad date (was named dateCoded)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "coded_date": "2024-13-01"},
            "$.coded_date",
            "invalid_value",
            id="a 0.8 record's bad date",
        ),
        pytest.param(
            {"id": "bad", "event_text": "met", "source": [{**_ACTOR_08, "code": 5}]},
            "$.source[0].code",
            "invalid_type",
            id="a 0.5b1 key in a 0.8 record (was named actor)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "actor": [_ACTOR_08], "source": [_ACTOR_08]},
            "$.source",
            "duplicate_field",
            id="a field in both spellings (one was dropped unreported)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "eventText": " "},
            "$.eventText",
            "invalid_value",
            id="a DOCUMENT's text of spaces alone (was $.description, and $.rights, not given)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "eventText": "Notes", "copyright": "OEDA\x07"},
            "$.copyright",
            "invalid_value",
            id="a DOCUMENT's control character (was $.rights)",
        ),
        pytest.param(
            {"id": "bad", "event": "DOCUMENT", "publication": " "},
            "$.publication",
            "invalid_value",
            id="a DOCUMENT's publication of spaces alone (was $.comment)",
        ),
        pytest.param(
            {"id": "bad", "event": "CONSULT", "version": "0.8\x07"},
            "$.version",
            "invalid_value",
            id="a control character in a coding's version (was $.codebook_version)",
        ),
    ],
)
def test_a_record_that_cannot_be_read_is_rejected_and_the_others_kept(
    record: dict[str, Any], where: str, code: str
) -> None:
    dataset, report = plover.read([_GOOD, record])
    assert ["good"] == [e.id for e in dataset.events]
    assert [(where, code)] == [
        (f.field, f.problem and f.problem.code) for f in report.select("rejected")
    ]
    check = dataset.check()
    assert (True, ()) == (check.valid, check.problems)


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(
            {
                "id": "doc",
                "event": "DOCUMENT",
                "event_text": "Notes",
                "coded_date": "2024-11-15",
                "license": "CC BY-SA 4.0",
                "copyright": "OEDA",
                "comment": "See the readme",
            },
            id="a 0.8 DOCUMENT (was reported in 0.5b1 spelling)",
        ),
        pytest.param(
            {
                "id": "e",
                "event": "CONSULT",
                "event_text": "met",
                "actor": [_ACTOR_08],
                "recipient": [_ACTOR_08],
                "event_loc": {"name": "Berlin"},
                "text_info": {"markup": "(EVT: met)"},
                "coded_date": "2024-11-15",
            },
            id="a 0.8 record",
        ),
        pytest.param(
            {"id": "e", "event_text": "met", "source": [_ACTOR_08], "dateCoded": "2024-11-15"},
            id="a 0.8 record with 0.5b1 keys (was reported in 0.8 spelling)",
        ),
        pytest.param(
            {"id": "e", "version": "0.5b1", "eventText": "met", "source": [{"actorText": "A"}]},
            id="a 0.5b1 record",
        ),
    ],
)
def test_the_report_names_each_field_as_the_record_spells_it(record: dict[str, Any]) -> None:
    _, report = plover.read([record])
    assert (set(record), True) == ({f.field for f in report.fields}, report.complete)


def test_a_field_given_in_both_spellings_is_refused() -> None:
    # Read as one key, one of the two values was dropped and not reported.
    _, report = plover.read([{"id": "e", "event_text": "met", "eventText": "talked"}])
    assert [
        "row 'e' (#0): $.eventText rejected: $.eventText: 'eventText' is the 0.5b1 spelling of"
        " 'event_text', which is given too, got 'talked' [duplicate_field]"
    ] == [str(f) for f in report.fields]


@pytest.mark.parametrize("version", ["0.5b1", "0.8"])
def test_the_document_reads_back_in_either_spelling(
    records: list[dict[str, Any]], version: Literal["0.5b1", "0.8"]
) -> None:
    # Its "version": "0.5b1" (the codebook's) was taken for the spelling, so a
    # 0.8 DOCUMENT's event_text and coded_date were refused as unknown fields.
    dataset, _ = plover.read(records)
    rows, _ = plover.write(dataset, version=version)
    again, report = plover.read(rows)
    assert ((), set(dataset.provenances)) == (report.select("rejected"), set(again.provenances))


def test_the_keys_decide_the_spelling_and_version_is_the_codebook_s() -> None:
    record = {"id": "e", "event": ["REQUEST"], "event_text": "asked", "version": "0.5b1"}
    dataset, report = plover.read([record])
    event = dataset["e"]
    assert isinstance(event, ek.Event)
    assert event.codes is not None
    coding = dataset[event.provenance or ""]
    assert isinstance(coding, ek.Provenance)
    assert ("REQUEST", "0.5b1") == (event.codes.plover, coding.codebook_version)
    assert ([], True) == ([str(f) for f in report.fields if f.outcome != "mapped"], report.complete)


_DOCUMENT_TEXTS = {"eventText": "Notes", "comment": "See the readme"}
_DOCUMENT_RIGHTS = {"license": "CC BY-SA 4.0", "copyright": "OEDA"}


@pytest.mark.parametrize("version", ["0.5b1", "0.8"])
@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(_DOCUMENT_TEXTS, id="no license or copyright (was $.rights: got '\\n\\n')"),
        pytest.param(_DOCUMENT_RIGHTS, id="no eventText or comment (was $.description)"),
        pytest.param({"comment": "See the readme", "license": "CC"}, id="one of each"),
        pytest.param({"copyright": "OEDA", "coder": "OEDA"}, id="the second of a pair"),
        pytest.param({"dateCoded": "2016-12-12"}, id="none of them"),
    ],
)
def test_a_document_without_some_of_its_texts_reads_and_writes_back(
    fields: dict[str, str], version: Literal["0.5b1", "0.8"]
) -> None:
    record = {"id": "doc", "event": "DOCUMENT", **fields}
    dataset, report = plover.read([record])
    assert (1, True) == (len(dataset.provenances), report.complete)
    rows, out = plover.write(dataset, version=version)
    if version == "0.5b1":
        assert [record] == rows
    assert [] == [str(f) for f in out.fields if f.outcome != "mapped"]
    assert set(dataset.provenances) == set(plover.read(rows).dataset.provenances)


def test_documents_of_one_coding_each_keep_their_provenance() -> None:
    # The second took the first's provenance: the first was lost, reported mapped.
    records = [
        {"id": f"doc-{n}", "event": "DOCUMENT", "eventText": f"Part {n}", "coder": "OEDA"}
        for n in (1, 2)
    ]
    dataset, _ = plover.read([*records, {"id": "e", "event_text": "E", "coder": "OEDA"}])
    assert {"doc-1", "doc-2"} == {p.identifiers["plover"] for p in dataset.provenances}
    event = dataset["e"]
    assert isinstance(event, ek.Event)
    coding = dataset[event.provenance or ""]
    assert isinstance(coding, ek.Provenance)
    assert {"plover": "doc-1"} == coding.identifiers
    rows, _ = plover.write(dataset, version="0.5b1")
    assert records == [row for row in rows if row.get("event") == "DOCUMENT"]


def test_a_document_text_with_a_blank_line_is_read_whole_and_the_split_reported() -> None:
    # The description holds eventText and comment, split at its first blank line on export.
    record = {"id": "doc", "event": "DOCUMENT", "eventText": "Notes\n\nmore", "comment": "c"}
    dataset, report = plover.read([record])
    [document] = dataset.provenances
    assert "Notes\n\nmore\n\nc" == document.description
    [changed] = report.select("changed")
    assert ("eventText", "Notes\n\nmore", "Notes") == (changed.field, changed.before, changed.after)
    rows, _ = plover.write(dataset, version="0.5b1")
    assert ("Notes", "more\n\nc") == (rows[0]["eventText"], rows[0]["comment"])


def test_a_description_ending_in_a_blank_line_is_reported_changed() -> None:
    document = ek.Provenance(id="p", description="Notes\n\n", identifiers={"plover": "doc"})
    rows, report = plover.write(ek.Dataset([document]))
    assert "Notes" == rows[0]["event_text"]
    assert [("Provenance.description", "Notes\n\n", "Notes")] == [
        (f.field, f.before, f.after) for f in report.select("changed")
    ]


_OPEN_ENDS = [
    ("2024-11-15/..", "0.8", "2024-11-15", [("when", "changed")]),
    ("2024-11-15/..", "0.5b1", "2024-11-15", [("when", "changed")]),
    ("../2024-11-15", "0.8", "../2024-11-15", []),
    ("../2024-11-15", "0.5b1", None, [("when", "dropped")]),
]


@pytest.mark.parametrize(("when", "version", "back", "reported"), _OPEN_ENDS)
def test_a_span_with_an_open_end_reads_back_as_written_or_is_reported(
    when: str, version: Literal["0.5b1", "0.8"], back: str | None, reported: list[tuple[str, str]]
) -> None:
    # A date alone is one day: "2024-11-15/.." read back as 2024-11-15, unreported.
    event = ek.Event(id="e", title="E", when=ek.parse_edtf(when))
    rows, report = plover.write(ek.Dataset([event]), version=version)
    assert reported == [(f.field, f.outcome) for f in report.fields if f.outcome != "mapped"]
    again = plover.read(rows).dataset["e"]
    assert isinstance(again, ek.Event)
    assert back == (again.when and again.when.to_edtf())


def test_a_date_read_from_text_reports_the_text_dropped() -> None:
    when = ek.TimeSpan(
        start=ek.PartialDate(year=2024, month=11, day=15, text="mid-November"),
        end=ek.PartialDate(year=2024, month=11, day=18),
        text="for three days",
    )
    coding = ek.Provenance(id="p", coded=ek.PartialDate(year=2016, month=12, day=12, text="then"))
    event = ek.Event(id="e", title="E", when=when, provenance="p")
    [row], report = plover.write(ek.Dataset([coding, event]))
    assert ("2024-11-15", "2024-11-18", "2016-12-12") == (
        row["date"],
        row["enddate"],
        row["coded_date"],
    )
    assert {("p", "Provenance.coded.text"), ("e", "when.text"), ("e", "when.start.text")} == {
        (f.row, f.field) for f in report.select("dropped")
    }


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("size", "²", ("size", "²")),  # a digit int() does not read: was a ValueError
        ("eventLoc", {"country code": 5}, ("eventLoc.json", '{"country code": 5}')),  # LookupError
    ],
)
def test_a_value_in_an_unexpected_form_is_kept_in_codes_original(
    field: str, value: Any, kept: tuple[str, str]
) -> None:
    dataset, report = plover.read([_GOOD, {"id": "odd", "event": "CONSULT", field: value}])
    event = dataset["odd"]
    assert isinstance(event, ek.Event)
    assert event.codes is not None
    assert kept[1] == event.codes.original[kept[0]]
    assert () == report.select("rejected")


def test_a_value_kept_as_json_text_longer_than_loading_allows_is_rejected() -> None:
    # Each string is short enough; the JSON text of the value would not load again.
    loc = {"place": "x" * 60, "country": "y" * 60}
    with ek.limits(max_string=100):
        dataset, report = plover.read([_GOOD, {"id": "odd", "event": "CONSULT", "eventLoc": loc}])
    assert "odd" not in dataset.ids
    assert [("$.eventLoc", "too_long")] == [
        (f.field, f.problem and f.problem.code) for f in report.select("rejected")
    ]


def test_a_file_nested_too_deep_is_refused_as_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)  # was a RecursionError
    with pytest.raises(ek.ValidationError, match="nested too deep to read"):
        plover.load(path)


_SAMPLE = json.loads(GOLD.read_text(encoding="utf-8"))[:12]
_SAMPLE += plover.write(plover.read(_SAMPLE).dataset).rows  # the 0.8 spelling


@given(st.lists(st.sampled_from(_SAMPLE), min_size=1, max_size=3).flatmap(with_hostile_values))
def test_hostile_values_in_real_records_are_read_or_rejected(records: list[Any]) -> None:
    if not all(isinstance(record, dict) for record in records):
        with pytest.raises(ek.ValidationError, match="expected a JSON object"):
            plover.read(records)
        return
    dataset, report = plover.read(records)
    check = dataset.check()
    assert (True, ()) == (check.valid, check.problems)
    rejected = {f.index for f in report.select("rejected")}
    read = {f.index for f in report.fields if f.outcome in ("mapped", "changed")}
    assert set() == rejected & read  # a rejected record gives nothing
    events = [i for i, r in enumerate(records) if r.get("event") != "DOCUMENT"]
    assert len(set(events) - rejected) == len(dataset.events)


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_key_given_twice_in_a_record_is_rejected_not_resolved(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"plover{suffix}"
    twice = '{"id": "e1", "date": "2024-11-15", "event": "CONSULT", "event": "ASSAULT"}'
    good = json.dumps(_GOOD)
    path.write_text(f"[{twice},\n{good}]\n" if suffix == ".json" else f"{twice}\n{good}\n")
    dataset, report = plover.load(path)  # the last "event" was read as the record's event
    assert ["good"] == [event.id for event in dataset.events]
    where = f"{path}:1" if suffix == ".jsonl" else str(path)  # an array's items have no line
    assert [
        f"row 'e1' (#0): $.event rejected: {where}: $.event: the key 'event' is given 2 times "
        "in one object; only one value could be kept, so none is, got ['CONSULT', 'ASSAULT'] "
        "[duplicate_key]"
    ] == [str(f) for f in report.select("rejected")]


def test_a_bad_line_of_json_lines_is_one_problem_at_its_line_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plover.jsonl"
    lines = [
        json.dumps(_GOOD),
        '{"id": "cut", "date": ',
        "",
        '["not", "a", "record"]',
        json.dumps({"id": "drone", "date": "2024-11-15", "event": "CONSULT", "mode": "drone"}),
        json.dumps({**_GOOD, "id": "last"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    dataset, report = plover.load(path)  # was one error for the file, nothing read
    assert ["good", "last"] == [event.id for event in dataset.events]
    assert [
        f"row '#1' (#1): $ rejected: {path}:2: $: not JSON: Expecting value [invalid_json]",
        f"row '#2' (#2): $ rejected: {path}:4: $: expected a JSON object, "
        "got ['not', 'a', 'record'] [invalid_type]",
        f"row 'drone' (#3): $.mode rejected: {path}:5: $.mode: not a mode of CONSULT; "
        "expected one of: visit, third-party, multilateral, phone, got 'drone' [invalid_value]",
    ] == [str(f) for f in report.select("rejected")]


def test_a_record_without_event_text_is_written_back_without_one() -> None:
    # Its title is its id (an event must have one), which was written back as its event_text.
    record = {"id": "r1", "date": "2024-11-15", "event": ["CONSULT"]}
    dataset, _ = plover.read([record])
    assert "r1" == dataset.events[0].title
    rows, report = plover.write(dataset)
    assert ([record], True) == (rows, report.complete)


@pytest.mark.parametrize("given", [{}, {"id": ""}], ids=["no id", "an empty id"])
def test_a_record_without_id_is_reported_given_one(given: dict[str, Any]) -> None:
    # The id made of the record's fields was not reported.
    dataset, report = plover.read([{"date": "2024-11-15", "event": ["CONSULT"]} | given])
    [event] = dataset.events
    assert [
        f"row '#0' (#0): id changed to Event.id: None -> {event.id!r}"  # empty values left out
        " (no id to use: an id made from the record's fields)"
    ] == [str(f) for f in report.fields if f.field == "id"]


_HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    ("record", "where"),
    [
        pytest.param({"eventText": "  "}, "$.eventText", id="eventText (was $.title)"),
        pytest.param({"event_text": "  "}, "$.event_text", id="event_text (was $.title)"),
        pytest.param({"enddate": "2024-01-01"}, "$.enddate", id="enddate (was $.end)"),
        pytest.param({"dead": _HUGE}, "$.dead", id="dead (was $.value)"),
        pytest.param({"size": _HUGE}, "$.size", id="size (was $.value)"),
        pytest.param({"eventLoc": {"name": "  "}}, "$.eventLoc.name", id="eventLoc (was $.name)"),
        pytest.param({"publication": "  "}, "$.publication", id="publication (was $.name)"),
        pytest.param({"text": "  "}, "$.text", id="text (was $.excerpt)"),
        pytest.param(
            {"source": [{"actorText": "Iraq"}, {"actorText": "  "}]},
            "$.source[1].actorText",
            id="an actor's name (was $.name)",
        ),
        pytest.param(
            {"actor": [{"entity_text": "Iraq", "code": "\x00"}]},
            "$.actor[0].code",
            id="an actor's code (was $.identifiers.cameo)",
        ),
    ],
)
def test_a_value_the_event_refuses_is_named_at_its_field(
    record: dict[str, Any], where: str
) -> None:
    # The problem named the field of the record eventkit makes, which the PLOVER record has not.
    _, report = plover.read([{"id": "r1", "date": "2024-11-15", "event": "CONSULT"} | record])
    assert [where] == [f.problem and f.problem.path for f in report.select("rejected")]


def test_an_event_type_plover_08_has_not_is_rejected_at_its_field() -> None:
    # It was rejected at $.plover, the field of eventkit's codes.
    _, report = plover.read([{"id": "r1", "date": "2024-11-15", "event": ["NONSENSE"]}])
    assert ["$.event"] == [f.problem and f.problem.path for f in report.select("rejected")]


def test_a_05_name_without_an_08_name_is_reported_dropped_writing_08() -> None:
    # It was written in 0.5b1 and left out of 0.8 without a word; read, it was called a 0.5b1 name.
    record = {"id": "r1", "date": "2024-11-15", "eventText": "t", "event": "NONSENSE",
              "mode": "nonsense"}  # fmt: skip
    dataset, read = plover.read([record])
    reason = "no PLOVER 0.8 name for it; the original is kept in Codes.original"
    assert [("event", None, reason), ("mode", None, reason)] == [
        (f.field, f.after, f.reason) for f in read.select("changed")
    ]
    assert [record] == plover.write(dataset, version="0.5b1").rows
    written = plover.write(dataset).report
    reason = "a PLOVER 0.5b1 name 0.8 has no name for: written in 0.5b1 only"
    assert [("codes.original.event", reason), ("codes.original.mode", reason)] == [
        (f.field, f.reason) for f in written.select("dropped")
    ]


@pytest.mark.parametrize(
    ("given", "field", "back"),
    [
        ({"mode": ""}, "mode", {}),
        ({"recipient": ""}, "recipient", {}),
        ({"context": None}, "context", {}),
        ({"recipient": []}, "recipient", {}),
        (
            {"actor": [{"code": "DEU", "entity_text": ""}]},
            "actor[0].entity_text",
            {"actor": [{"code": "DEU"}]},
        ),
        (
            {"actor": [{"code": "", "entity_text": "Olaf Scholz"}]},
            "actor[0].code",
            {"actor": [{"entity_text": "Olaf Scholz"}]},
        ),
        (
            {"actor": [{"entity_text": "Olaf Scholz", "sector": ""}]},
            "actor[0].sector",
            {"actor": [{"entity_text": "Olaf Scholz"}]},
        ),
        (
            {"event_loc": {"name": "", "country code": "UA"}},
            "event_loc.name",
            {"event_loc": {"country code": "UA"}},
        ),
        (
            {"event_loc": {"name": "Kyiv", "country code": ""}},
            "event_loc.country code",
            {"event_loc": {"name": "Kyiv"}},
        ),
    ],
)
def test_an_empty_value_is_read_as_not_coded_reported_and_written_back_absent(
    given: dict[str, Any], field: str, back: dict[str, Any]
) -> None:
    # Left out without a word; an entity's empty code or sector, or an empty place
    # name, made the record rejected; an empty country code was kept in Codes.original.
    record = {"id": "r", "date": "2024-11-15", "event": "CONSULT"}
    dataset, report = plover.read([record | given])
    reason = "an empty value means not coded: read, and written back, as absent"
    before = next(iter(given.values())) if "." not in field and "[" not in field else ""
    assert [("changed", "absent", before, None, reason)] == [
        (f.outcome, f.target, f.before, f.after, f.reason)
        for f in report.fields
        if f.field == field
    ]
    assert report.complete
    [written], _ = plover.write(dataset)
    assert record | {"event": ["CONSULT"]} | back == written
