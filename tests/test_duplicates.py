"""One event reported many times: duplicate_events finds it, merge_events makes it one."""

from collections import Counter
from datetime import date

import attrs
import pytest

import eventkit as ek
from duplicates_data import boundary_events
from eventkit._duplicates import UNDATED_REACH, duplicate_pairs


@ek.event_type("test_duplicates.retaliation")
@attrs.frozen(kw_only=True)
class Retaliation(ek.Event):
    """A custom type with a reference to an event of its own."""

    answers: ek.EventId | None = None


AGENCIES = ("dpa", "afp", "ap", "reuters")


def _call(agency: str, **fields: object) -> ek.Event:
    defaults: dict[str, object] = {
        "id": f"{agency}-call",
        "title": "Scholz and Putin speak by phone",
        "when": ek.parse_edtf("2024-11-15"),
        "participants": [
            ek.Participant(actor="olaf-scholz", role="initiator"),
            ek.Participant(actor="vladimir-putin", role="recipient"),
        ],
        "sources": [ek.Citation(source=agency)],
    }
    defaults.update(fields)
    return ek.PhoneCall(**defaults)  # type: ignore[arg-type]


def _dataset(*extra: ek.Record) -> ek.Dataset:
    """The four agency reports of the call of 15 November 2024, and what refers to them."""
    return ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU"),
            ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person", country="RUS"),
            *(ek.Source(id=agency, name=agency, kind="news_agency") for agency in AGENCIES),
            _call(
                "dpa",
                title="Scholz telefoniert mit Putin",
                place=ek.Place(country="DEU"),
                identifiers={"dpa": "dpa-2024-1115-01"},
            ),
            _call(
                "afp",
                title="Scholz and Putin hold first call in nearly two years",
                when=ek.parse_edtf("2024-11"),
                participants=[
                    ek.Participant(actor="olaf-scholz", role="initiator"),
                    ek.Participant(actor="vladimir-putin"),
                ],
            ),
            ek.Communication(
                id="ap-call",
                title="German chancellor speaks with Putin by phone",
                when=ek.parse_edtf("2024-11-15T14:00+01:00"),
                participants=[ek.Participant(actor="olaf-scholz", role="initiator")],
                place=ek.Place(name="Berlin", country="DEU"),
                sources=[ek.Citation(source="ap", excerpt="spoke for about an hour")],
            ),
            _call("reuters", title="Scholz urges Putin to withdraw troops in phone call"),
            # The call of December 2022: the same two men, another event.
            _call("dpa-2022", when=ek.parse_edtf("2022-12-02"), sources=[]),
            ek.Statement(
                id="kremlin-readout",
                speaker="vladimir-putin",
                text="Putin said any agreement must reflect new territorial realities.",
                event="afp-call",
                sources=[ek.Citation(source="afp")],
            ),
            ek.Statement(
                id="chancellery-readout",
                speaker="olaf-scholz",
                text="Scholz urged Putin to withdraw his troops.",
                event="reuters-call",
                about=["ap-call"],
            ),
            *extra,
        ],
        name="scholz-putin",
    )


def _event(ds: ek.Dataset, record_id: str) -> ek.Event:
    record = ds[record_id]
    assert isinstance(record, ek.Event)
    return record


def test_the_four_agency_reports_are_one_cluster_and_the_2022_call_is_not_in_it() -> None:
    clusters = _dataset().duplicate_events()

    assert [c.events for c in clusters] == [("dpa-call", "afp-call", "ap-call", "reuters-call")]
    pairs = {(p.first, p.second): p for p in clusters[0].pairs}
    month = pairs["afp-call", "dpa-call"]  # a day inside its month: compatible, weighs less
    assert (month.features["time"], month.reasons[1]) == (
        1.0,
        "time: dates compatible, but one spans 30 days (weight x0.26)",
    )
    assert "place" not in pairs["afp-call", "dpa-call"].features  # AFP gives none
    pair = pairs["ap-call", "dpa-call"]
    assert pair.features == {
        "type": 0.9,
        "time": 1.0,
        "participants": 0.75,
        "place": 0.7,
        "title": pair.features["title"],
    }
    assert pair.reasons[:4] == (
        "type: Communication and PhoneCall: one is a kind of the other",  # ap-call's first
        "time: dates overlap (compatible at their precisions)",
        "participants: 1 shared participant(s) of 1 and 2",
        "place: one place is coarser (same country or no country to compare)",
    )


def test_only_events_of_one_kind_dated_within_days_of_each_other_are_compared() -> None:
    ds = ek.Dataset(
        [
            _call("a"),
            _call("b", when=ek.parse_edtf("2024-11-17")),
            _call("c", when=ek.parse_edtf("2024-11-21")),
            ek.Protest(
                id="d",
                title="Scholz and Putin speak by phone",
                when=ek.parse_edtf("2024-11-15"),
                participants=[ek.Participant(actor="olaf-scholz")],
            ),
        ]
    )

    found = ds.duplicate_events(threshold=0.0)

    assert [(c.events, [p.features["time"] for p in c.pairs]) for c in found] == [
        (("a-call", "b-call"), [0.75])  # a day between them
    ]


def test_the_merge_keeps_one_event_with_four_citations_and_reports_every_decision() -> None:
    ds = _dataset()

    merged, report = ds.merge_events(ds.duplicate_events())

    call = _event(merged, "dpa-call")
    assert [c.source for c in call.sources] == ["dpa", "afp", "ap", "reuters"]
    assert call.sources[2].excerpt == "spoke for about an hour"
    assert [(p.actor, p.role) for p in call.participants] == [
        ("olaf-scholz", "initiator"),
        ("vladimir-putin", "recipient"),
    ]
    assert call.when == ek.parse_edtf("2024-11-15T14:00+01:00")  # the most precise, compatible
    assert call.place == ek.Place(name="Berlin", country="DEU")  # the finer of two compatible
    assert call.identifiers == {
        "dpa": "dpa-2024-1115-01",
        "eventkit.merged": "afp-call ap-call reuters-call",
    }
    assert {"afp-call", "ap-call", "reuters-call"}.isdisjoint(merged.ids)
    assert len(merged) == len(ds) - 3
    statement = merged["chancellery-readout"]
    assert isinstance(statement, ek.Statement)
    assert (statement.event, statement.about) == ("dpa-call", ("dpa-call",))
    assert merged.check().valid

    assert report.kept == {
        "afp-call": "dpa-call",
        "ap-call": "dpa-call",
        "reuters-call": "dpa-call",
    }
    notes = [(c.record, c.path, c.note) for c in report.changes]
    assert ("afp-call", "$", "merged") in notes
    assert ("dpa-call", "$.sources[1]", "citation") in notes
    assert ("dpa-call", "$.when", "date") in notes
    assert ("kremlin-readout", "$.event", "reference") in notes
    assert ("chancellery-readout", "$.about[0]", "reference") in notes
    titles = [c.new for c in report.conflicts() if c.path == "$.title"]
    assert titles == [
        "Scholz and Putin hold first call in nearly two years",
        "German chancellor speaks with Putin by phone",
        "Scholz urges Putin to withdraw troops in phone call",
    ]


def test_conflicting_roles_and_incompatible_dates_are_reported_never_settled() -> None:
    ds = _dataset(
        _call(
            "tass",
            title="Putin and Scholz speak by phone",
            when=ek.parse_edtf("2024-11-16"),
            participants=[
                ek.Participant(actor="olaf-scholz", role="recipient"),
                ek.Participant(actor="vladimir-putin", role="initiator"),
            ],
        )
    )

    merged, report = ds.merge_events([["dpa-call", "tass-call"]])

    call = _event(merged, "dpa-call")
    assert call.when == ek.parse_edtf("2024-11-15")  # the kept date stays
    assert [(p.actor, p.role) for p in call.participants] == [
        ("olaf-scholz", "initiator"),
        ("vladimir-putin", "recipient"),
    ]
    conflicts = [(c.path, c.old, c.new) for c in report.conflicts() if c.path != "$.title"]
    assert conflicts == [
        ("$.participants[0].role", "initiator", "recipient"),
        ("$.participants[1].role", "recipient", "initiator"),
        ("$.when", "2024-11-15 (dpa-call)", "2024-11-16 (tass-call)"),
    ]


@pytest.mark.parametrize("kept", ["a", "b"])
def test_a_status_differing_from_the_kept_default_one_is_a_conflict_never_settled(
    kept: str,
) -> None:
    # `occurred` is the default, left out of a record's data: kept, it read as a gap, and
    # a report saying the event was denied "filled" it; merged in, it said nothing at all
    ds = ek.Dataset(
        [ek.Event(id="a", title="Talks"), ek.Event(id="b", title="Talks", status="denied")]
    )
    statuses = {"a": "occurred", "b": "denied"}
    other = "b" if kept == "a" else "a"

    merged, report = ds.merge_events([[kept, other]])

    assert statuses[kept] == _event(merged, kept).status
    assert [(kept, "$.status", statuses[kept], statuses[other])] == [
        (c.record, c.path, c.old, c.new) for c in report.conflicts()
    ]
    assert ds == merged.undo_merge_events(report)


def test_undo_restores_the_original_dataset_exactly() -> None:
    ds = _dataset(
        ek.Event(
            id="g20", title="G20 summit", related=[ek.Relation(kind="follows", event="ap-call")]
        ),
        _call(
            "afp-follow-up",
            title="Follow-up",
            related=[ek.Relation(kind="follows", event="dpa-call")],
        ),
    )
    merged, report = ds.merge_events(ds.duplicate_events())
    assert merged != ds

    restored = merged.undo_merge_events(report)

    assert restored == ds
    assert sorted(restored.ids) == sorted(ds.ids)
    assert all(restored[id] == ds[id] for id in ds.ids)


def test_a_merged_relation_between_the_merged_events_is_dropped_and_reported() -> None:
    ds = _dataset()
    ds.replace(_call("afp", related=[ek.Relation(kind="same_as", event="dpa-call")]))

    merged, report = ds.merge_events([["dpa-call", "afp-call"]])

    assert _event(merged, "dpa-call").related == ()
    assert [(c.path, c.old) for c in report.changes if c.note == "dropped"] == [
        ("$.related[0]", {"kind": "same_as", "event": "dpa-call"})
    ]
    assert merged.undo_merge_events(report) == ds


def test_undo_on_another_dataset_is_refused() -> None:
    ds = _dataset()
    _, report = ds.merge_events([["dpa-call", "afp-call"]])

    with pytest.raises(ek.ValidationError) as caught:
        ds.undo_merge_events(report)

    assert str(caught.value) == (
        "3 problems in merge to undo\n"
        "  $.dpa-call: the merge made this record, but it has changed since,"
        " got 'dpa-call' [invalid_value]\n"
        "  $.kremlin-readout: the merge made this record, but it has changed since,"
        " got 'kremlin-readout' [invalid_value]\n"
        "  $.afp-call: the merge removed this record, but it is here,"
        " got 'afp-call' [invalid_value]"
    )


def test_ids_that_name_no_event_or_sit_in_two_clusters_are_refused() -> None:
    ds = _dataset()

    with pytest.raises(ek.ValidationError) as caught:
        ds.merge_events([["dpa-call", "olaf-scholz"], ["afp-call", "dpa-call", "nobody"]])

    assert [(p.loc, p.code, p.input) for p in caught.value.problems] == [
        ((0, 1), "dangling_reference", "olaf-scholz"),
        ((1, 1), "invalid_value", "dpa-call"),
        ((1, 2), "dangling_reference", "nobody"),
    ]


def test_keep_chooses_which_event_of_a_cluster_stays() -> None:
    ds = _dataset()

    merged, report = ds.merge_events([["dpa-call", "ap-call"]], keep={"dpa-call": "ap-call"})

    assert "dpa-call" not in merged
    assert type(merged["ap-call"]) is ek.Communication  # the kept event's type stays
    assert report.kept == {"dpa-call": "ap-call"}
    assert [(c.path, c.old, c.new) for c in report.conflicts() if c.path == "$.type"] == [
        ("$.type", "communication", "phone_call")
    ]


def test_a_field_the_kept_type_lacks_is_reported_and_kept_in_the_report() -> None:
    ds = _dataset()
    ds.replace(_call("dpa", video=True))

    merged, report = ds.merge_events([["ap-call", "dpa-call"]])

    assert type(merged["ap-call"]) is ek.Communication
    assert ("$.video", None, True) in [(c.path, c.old, c.new) for c in report.conflicts()]
    assert merged.undo_merge_events(report) == ds


def test_places_far_apart_cap_the_score_whatever_else_agrees() -> None:
    ds = ek.Dataset(
        [
            _call("a", place=ek.Place(name="Berlin", country="DEU", lat=52.52, lon=13.40)),
            _call("b", place=ek.Place(name="Munich", country="DEU", lat=48.14, lon=11.58)),
        ]
    )

    [pair] = [p for c in ds.duplicate_events(threshold=0.0) for p in c.pairs]

    assert (pair.score, pair.features["place"]) == (0.5, 0.0)
    assert "place: places 504 km apart" in pair.reasons


def test_a_custom_reference_to_a_merged_event_is_re_pointed_and_restored() -> None:
    ds = _dataset(Retaliation(id="strike", title="Strike", answers="reuters-call"))

    merged, report = ds.merge_events([["dpa-call", "reuters-call"]])

    strike = merged["strike"]
    assert isinstance(strike, Retaliation)
    assert strike.answers == "dpa-call"
    assert ("strike", "$.answers", "reference") in [
        (c.record, c.path, c.note) for c in report.changes
    ]
    assert merged.check().valid
    assert merged.undo_merge_events(report) == ds


def test_a_shared_rare_title_word_counts_more_than_a_shared_common_one() -> None:
    common = [
        _call(f"other-{n}", title=f"Talks in town {n}", when=ek.parse_edtf(f"2023-0{n}-01"))
        for n in range(1, 7)
    ]
    ds = ek.Dataset(
        [
            *common,
            _call("a", title="Talks on Zaporizhzhia"),
            _call("b", title="Talks about grain"),  # shares "talks", in every title
            _call("c", title="Zaporizhzhia plant discussed"),  # shares the rare word
        ]
    )

    titles = {
        (p.first, p.second): p.features["title"]
        for c in ds.duplicate_events(threshold=0.0)
        for p in c.pairs
    }

    # each shares one word of three with "a": counted alike, weighed apart
    assert (titles[("a-call", "b-call")], titles[("a-call", "c-call")]) == (0.158, 0.358)


def test_an_undated_report_meets_the_dated_events_of_a_rare_anchor_only() -> None:
    pairs = duplicate_pairs(boundary_events(), threshold=0.0)

    met = Counter(
        pair.first.split("-")[0] for pair in pairs if "undated" in (pair.first + pair.second)
    )
    assert met == {"rare": UNDATED_REACH}  # none of the 51 dated calls of "busy"
    assert all("time" not in pair.features for pair in pairs if "undated" in pair.second)


def _strike(id: str, role: str, certainty: str | None) -> ek.Event:
    """A report of the strike on the power plant naming its perpetrator as ``certainty``."""
    return ek.DroneStrike(
        id=id,
        title="Drone strike on Zaporizhzhia power plant",
        when=ek.parse_edtf("2025-03-11"),
        participants=[ek.Participant(actor="rus-forces", role=role, certainty=certainty)],
        sources=[ek.Citation(source=f"{id}-source")],
    )


@pytest.mark.parametrize(
    ("kept", "other", "certainty", "changes"),
    [
        (
            ("perpetrator", None),
            ("perpetrator", "denied"),
            "denied",
            [("$.participants[0].certainty", None, "denied", "certainty")],
        ),
        (
            ("perpetrator", "alleged"),
            ("perpetrator", "denied"),
            "alleged",
            [("$.participants[0].certainty", "alleged", "denied", "conflict")],
        ),
        (("perpetrator", "claimed"), ("perpetrator", None), "claimed", []),
        (
            ("participant", None),
            ("perpetrator", "alleged"),
            "alleged",
            [
                ("$.participants[0].role", "participant", "perpetrator", "role"),
                ("$.participants[0].certainty", None, "alleged", "certainty"),
            ],
        ),
        (  # the certainty of a role not taken is not the kept role's
            ("perpetrator", None),
            ("victim", "denied"),
            None,
            [
                ("$.participants[0].role", "perpetrator", "victim", "conflict"),
                ("$.participants[0].certainty", None, "denied", "conflict"),
            ],
        ),
    ],
)
def test_a_stated_certainty_fills_an_unstated_one_and_differing_ones_are_a_conflict(
    kept: tuple[str, str | None],
    other: tuple[str, str | None],
    certainty: str | None,
    changes: list[tuple[str, object, object, str]],
) -> None:
    ds = ek.Dataset([_strike("a", *kept), _strike("b", *other)])

    merged, report = ds.merge_events([["a", "b"]])

    [participant] = _event(merged, "a").participants
    assert certainty == participant.certainty
    assert changes == [
        (c.path, c.old, c.new, c.note) for c in report.changes if "participants" in c.path
    ]
    assert merged.undo_merge_events(report) == ds


def test_the_more_precise_date_taken_keeps_its_own_words() -> None:
    reference = date(2025, 3, 12)
    ds = ek.Dataset(
        [
            _call("a", when=ek.parse_when("earlier this month", reference=reference)),
            _call("b", when=ek.parse_when("early on Tuesday", reference=reference)),
        ]
    )

    merged, report = ds.merge_events([["a-call", "b-call"]])

    assert _event(merged, "a-call").when == ek.parse_when("early on Tuesday", reference=reference)
    assert [(c.path, c.old, c.new) for c in report.changes if c.note == "date"] == [
        (
            "$.when",
            {"edtf": "2025-03-01/2025-03-11", "text": "earlier this month"},
            {"edtf": "2025-03-11", "text": "early on Tuesday"},
        )
    ]
    assert merged.undo_merge_events(report) == ds


def test_a_custom_reference_between_the_merged_events_is_dropped_and_restored() -> None:
    # the kept event came back answering itself: only relations were looked at
    ds = _dataset(
        Retaliation(id="strike", title="Strike", answers="strike-2"),
        Retaliation(id="strike-2", title="Strike"),
    )

    merged, report = ds.merge_events([["strike", "strike-2"]])

    assert isinstance(merged["strike"], Retaliation)
    assert merged["strike"].answers is None
    assert [("strike", "$.answers", "strike", None)] == [
        (c.record, c.path, c.old, c.new) for c in report.changes if c.note == "dropped"
    ]
    assert merged.undo_merge_events(report) == ds


def test_a_reference_repeated_once_events_are_merged_is_dropped_and_restored() -> None:
    # the statement was about the call twice, and the summit followed it twice
    ds = _dataset(
        ek.Statement(id="s1", speaker="olaf-scholz", text="…", about=["dpa-call", "afp-call"]),
        ek.Event(
            id="g20",
            title="G20 summit",
            related=[
                ek.Relation(kind="follows", event="dpa-call"),
                ek.Relation(kind="follows", event="afp-call"),
                ek.Relation(kind="response_to", event="ap-call"),
            ],
        ),
    )

    merged, report = ds.merge_events([["dpa-call", "afp-call", "ap-call"]])

    statement = merged["s1"]
    assert isinstance(statement, ek.Statement)
    assert statement.about == ("dpa-call",)
    assert [(r.kind, r.event) for r in _event(merged, "g20").related] == [
        ("follows", "dpa-call"),
        ("response_to", "dpa-call"),
    ]
    assert [
        (c.record, c.path, c.old, c.new, c.note)
        for c in report.changes
        if c.record != "dpa-call" and c.note in ("repeated", "conflict")
    ] == [
        ("s1", "$.about[1]", "dpa-call", None, "repeated"),
        ("g20", "$.related[1]", {"kind": "follows", "event": "dpa-call"}, None, "repeated"),
        (
            "g20",
            "$.related[2]",
            {"kind": "follows", "event": "dpa-call"},
            {"kind": "response_to", "event": "dpa-call"},
            "conflict",
        ),
    ]
    assert merged.undo_merge_events(report) == ds


def test_undo_refuses_a_record_changed_since_the_merge() -> None:
    # undo put the records back as they were before the merge, throwing the edits away
    ds = _dataset(ek.Statement(id="s1", speaker="olaf-scholz", text="…", event="afp-call"))
    merged, report = ds.merge_events([["dpa-call", "afp-call"]])
    merged.replace(attrs.evolve(_event(merged, "dpa-call"), summary="Their first call since 2022"))
    statement = merged["s1"]
    assert isinstance(statement, ek.Statement)
    merged.replace(attrs.evolve(statement, text="Scholz urged Putin to negotiate"))

    with pytest.raises(ek.ValidationError) as caught:
        merged.undo_merge_events(report)

    assert str(caught.value) == (
        "2 problems in merge to undo\n"
        "  $.dpa-call: the merge made this record, but it has changed since,"
        " got 'dpa-call' [invalid_value]\n"
        "  $.s1: the merge made this record, but it has changed since,"
        " got 's1' [invalid_value]"
    )


def test_a_report_made_without_the_records_made_still_undoes() -> None:
    ds = _dataset()
    merged, report = ds.merge_events([["dpa-call", "afp-call"]])
    old = ek.EventMerge(
        kept=report.kept, changes=report.changes, before=report.before, after=report.after
    )

    assert old.made == ()
    assert merged.undo_merge_events(old) == ds


def test_an_unknown_record_naming_a_merged_event_is_left_as_it_is_and_reported() -> None:
    # merge_ids and merge_events report it alike: a person decides what the id was
    ds = _dataset()
    ds.add(ek.UnknownRecord(data={"type": "acme.vote", "id": "vote", "on": "afp-call"}))

    merged, report = ds.merge_events([["dpa-call", "afp-call"]])

    assert ds["vote"] == merged["vote"]
    assert [("vote", "$.on", "afp-call", "dpa-call")] == [
        (c.record, c.path, c.old, c.new) for c in report.conflicts() if c.record == "vote"
    ]
    assert merged.undo_merge_events(report) == ds
