"""The same entity under two ids: similar_actors finds them, merge_ids makes them one."""

from typing import Any, TypeVar

import attrs
import pytest

import eventkit as ek


@ek.event_type("test_resolve.seizure")
@attrs.frozen(kw_only=True)
class Seizure(ek.Event):
    """A custom type with a reference field of its own."""

    seized_by: ek.ActorId | None = None
    answers: ek.EventId | None = None


@ek.event_type("test_resolve.reply")
@attrs.frozen(kw_only=True)
class Reply(ek.Event):
    """A custom type whose reference to an event is required."""

    answers: ek.EventId


R = TypeVar("R", bound=ek.Record)


def _get(ds: ek.Dataset, record_id: str, cls: type[R]) -> R:
    record = ds[record_id]
    assert isinstance(record, cls)
    return record


def _dataset() -> ek.Dataset:
    return ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Actor(id="scholz", name="Scholz", kind="person", country="DEU", aliases=["OS"]),
            ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person"),
            ek.Source(id="dpa", name="dpa", kind="news_agency", author="scholz"),
            ek.PhoneCall(
                id="call",
                title="Call",
                participants=[
                    ek.Participant(actor="scholz", role="initiator"),
                    ek.Participant(actor="vladimir-putin", role="recipient"),
                ],
                sources=[ek.Citation(source="dpa")],
            ),
            ek.Statement(id="s1", speaker="scholz", text="…", event="call", about=["scholz"]),
            Seizure(id="seizure", title="Seized", seized_by="scholz"),
        ]
    )


def test_merge_ids_rewrites_every_reference_of_every_type() -> None:
    merged, changes = _dataset().merge_ids({"scholz": "olaf-scholz"})
    assert merged.check().valid
    assert "scholz" not in merged
    assert "olaf-scholz" == _get(merged, "call", ek.PhoneCall).participants[0].actor
    statement = _get(merged, "s1", ek.Statement)
    assert ("olaf-scholz", ["olaf-scholz"]) == (statement.speaker, list(statement.about))
    assert "olaf-scholz" == _get(merged, "dpa", ek.Source).author
    assert "olaf-scholz" == _get(merged, "seizure", Seizure).seized_by
    references = {(c.record, c.path) for c in changes if c.note == "reference"}
    assert {
        ("dpa", "$.author"),
        ("call", "$.participants[0].actor"),
        ("s1", "$.speaker"),
        ("s1", "$.about[0]"),
        ("seizure", "$.seized_by"),
    } == references


def test_the_kept_actor_keeps_the_merged_one_s_names_id_and_fields() -> None:
    merged, changes = _dataset().merge_ids({"scholz": "olaf-scholz"})
    kept = _get(merged, "olaf-scholz", ek.Actor)
    assert ("Olaf Scholz", ("OS", "Scholz"), "DEU") == (kept.name, kept.aliases, kept.country)
    assert "scholz" == kept.identifiers["eventkit.merged"]
    assert ("scholz", "$", "merged") in {(c.record, c.path, c.note) for c in changes}


def test_a_field_both_give_differently_is_a_conflict_and_the_kept_value_stays() -> None:
    ds = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person", country="DEU"),
            ek.Actor(id="b", name="A", kind="person", country="AUT"),
        ]
    )
    merged, changes = ds.merge_ids({"b": "a"})
    assert "DEU" == _get(merged, "a", ek.Actor).country
    assert [("a", "$.country", "DEU", "AUT")] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


def test_an_actor_merged_that_adds_only_its_name_is_kept_as_alias_and_merged_id() -> None:
    # the same person under two ids, nothing else differing: the commonest merge. The kept
    # actor came back unchanged, without the alias or the merged id, as no field was filled.
    ds = ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Actor(id="scholz", name="Scholz", kind="person"),
            ek.Actor(id="olaf-scholz-2", name="Olaf Scholz", kind="person"),
        ]
    )
    merged, _ = ds.merge_ids({"scholz": "olaf-scholz", "olaf-scholz-2": "olaf-scholz"})
    kept = _get(merged, "olaf-scholz", ek.Actor)
    assert (("Scholz",), "scholz olaf-scholz-2") == (
        kept.aliases,
        kept.identifiers["eventkit.merged"],
    )


def test_an_identifier_both_give_differently_is_a_conflict_and_the_kept_value_stays() -> None:
    # the merged actor's Wikidata id was dropped without a word
    ds = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q61053"}),
            ek.Actor(id="b", name="A", kind="person", identifiers={"wikidata": "Q1", "viaf": "9"}),
        ]
    )
    merged, changes = ds.merge_ids({"b": "a"})
    assert {"wikidata": "Q61053", "viaf": "9", "eventkit.merged": "b"} == dict(
        _get(merged, "a", ek.Actor).identifiers
    )
    assert [("a", "$.identifiers.wikidata", "Q61053", "Q1")] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


def test_ids_merged_before_stay_merged_when_their_record_is_merged_again() -> None:
    # b into a, d into c, then c into a: a kept "b c" and lost d, or kept "d c" when it had
    # no identifiers of its own, as merge_events keeps every one ("b c d")
    ds = ek.Dataset(
        [
            ek.Actor(id=name, name=f"Olaf Scholz {name}", kind="person", country="DEU")
            for name in "abcd"
        ]
    )
    first, _ = ds.merge_ids({"b": "a", "d": "c"})
    second, _ = first.merge_ids({"c": "a"})
    assert "b c d" == _get(second, "a", ek.Actor).identifiers["eventkit.merged"]
    alone, _ = ds.merge_ids({"d": "c"})
    again, _ = alone.merge_ids({"c": "a"})
    assert "c d" == _get(again, "a", ek.Actor).identifiers["eventkit.merged"]


@pytest.mark.parametrize("kept", ["a", "b"])
def test_a_value_differing_from_the_kept_record_s_default_is_a_conflict(kept: str) -> None:
    # a default is left out of a record's data: `occurred` read as a gap that `denied`
    # filled, and merged into a denied event, said nothing
    ds = ek.Dataset(
        [ek.Event(id="a", title="Talks"), ek.Event(id="b", title="Talks", status="denied")]
    )
    statuses = {"a": "occurred", "b": "denied"}
    other = "b" if kept == "a" else "a"
    merged, changes = ds.merge_ids({other: kept})
    assert statuses[kept] == _get(merged, kept, ek.Event).status
    assert [(kept, "$.status", statuses[kept], statuses[other])] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


@ek.event_type("test_resolve.labelled")
@attrs.frozen(kw_only=True)
class Labelled(ek.Event):
    """A custom type whose list field's default is not empty."""

    labels: tuple[ek.Text, ...] = ("unchecked",)


def test_a_list_left_at_its_default_is_joined_and_the_default_stays_as_it_was() -> None:
    # the items were appended to the class's shared default, not to the record
    ds = ek.Dataset([Labelled(id="a", title="A"), Labelled(id="b", title="A", labels=("seen",))])
    for _ in range(2):  # the second merge starts from the same default
        merged, changes = ds.merge_ids({"b": "a"})
        assert ("unchecked", "seen") == _get(merged, "a", Labelled).labels
        assert [("$.labels[1]", "seen")] == [(c.path, c.new) for c in changes if c.note == "filled"]
    assert ("unchecked",) == Labelled(id="c", title="C").labels


@ek.event_type("test_resolve.pledge")
@attrs.frozen(kw_only=True)
class CountedPledge(ek.Event):
    """A custom type with a field named as AidPledge's, of another type."""

    amount: int | None = None


def test_a_value_the_kept_type_cannot_hold_under_the_same_key_is_a_conflict() -> None:
    # AidPledge.amount is Money: the count filled it, and the merge raised a
    # ValidationError naming the record "eventkit.rebuilt" (found by a property test)
    ds = ek.Dataset(
        [ek.AidPledge(id="a", title="Pledge"), CountedPledge(id="b", title="Pledge", amount=5)]
    )
    merged, changes = ds.merge_ids({"b": "a"})
    assert _get(merged, "a", ek.AidPledge).amount is None
    assert [("a", "$.type", "aid_pledge", "test_resolve.pledge"), ("a", "$.amount", None, 5)] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


def _one_source(instance: Any, attribute: Any, value: tuple[ek.Citation, ...]) -> None:
    if len(value) > 1:
        msg = "one source at most"
        raise ValueError(msg)


@ek.event_type("test_resolve.inspection")
@attrs.frozen(kw_only=True)
class Inspection(ek.Event):
    """A custom type whose field was once called "count"."""

    inspectors: int | None = ek.field(default=None, old_names=["count"])


@ek.event_type("test_resolve.census")
@attrs.frozen(kw_only=True)
class Census(ek.Event):
    """A custom type with a field called "count" today."""

    count: int | None = None


def test_a_key_that_is_only_an_old_name_of_the_kept_type_is_a_conflict() -> None:
    # "count" was taken for a field of the kept type, which only was called so:
    # the merge raised KeyError (found by a property test)
    ds = ek.Dataset(
        [Inspection(id="a", title="T", inspectors=3), Census(id="b", title="T", count=7)]
    )
    merged, changes = ds.merge_ids({"b": "a"})
    assert 3 == _get(merged, "a", Inspection).inspectors
    conflicts = [("$.type", "test_resolve.inspection", "test_resolve.census"), ("$.count", None, 7)]
    assert [("a", *conflict) for conflict in conflicts] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


@ek.event_type("test_resolve.single_sourced")
@attrs.frozen(kw_only=True)
class SingleSourced(ek.Event):
    """A custom type whose own rule refuses what a merge joins."""

    sources: tuple[ek.Citation, ...] = attrs.field(default=(), validator=_one_source)


def test_a_merge_a_type_s_own_rule_refuses_names_the_record() -> None:
    # the problem named "eventkit.rebuilt", the id the record is first rebuilt under
    ds = ek.Dataset(
        [
            SingleSourced(id="a", title="T", sources=(ek.Citation(source="dpa"),)),
            SingleSourced(id="b", title="T", sources=(ek.Citation(source="afp"),)),
        ]
    )
    with pytest.raises(ek.ValidationError) as caught:
        ds.merge_ids({"b": "a"})
    assert ["a"] == [p.record for p in caught.value.problems]


def test_merge_ids_leaves_the_dataset_as_it_was() -> None:
    ds = _dataset()
    before = list(ds)
    ds.merge_ids({"scholz": "olaf-scholz"})
    assert before == list(ds)


@pytest.mark.parametrize(
    ("ids", "code"),
    [
        ({"nobody": "olaf-scholz"}, "dangling_reference"),
        ({"scholz": "nobody"}, "dangling_reference"),
        ({"scholz": "scholz"}, "invalid_value"),
        ({"scholz": "olaf-scholz", "olaf-scholz": "vladimir-putin"}, "invalid_value"),
        ({"scholz": "call"}, "wrong_reference_kind"),
    ],
)
def test_merge_ids_refuses_what_it_cannot_do(ids: dict[str, str], code: str) -> None:
    with pytest.raises(ek.ValidationError) as caught:
        _dataset().merge_ids(ids)
    assert code in {p.code for p in caught.value.problems}


def test_similar_actors_finds_one_person_under_two_ids() -> None:
    pairs = _dataset().similar_actors()
    assert [("olaf-scholz", "scholz")] == [(p.first, p.second) for p in pairs]
    assert 0.8 <= pairs[0].score < 1


def test_a_shared_identifier_or_a_name_differing_in_case_and_accents_scores_one() -> None:
    ds = ek.Dataset(
        [
            ek.Actor(
                id="a", name="Volodymyr Zelenskyy", kind="person", identifiers={"wikidata": "Q3881"}
            ),
            ek.Actor(id="b", name="Zelensky", kind="person", identifiers={"wikidata": "Q3881"}),
            ek.Actor(id="c", name="Jean-Noël Barrot", kind="person"),
            ek.Actor(id="d", name="jean noel barrot", kind="person"),
        ]
    )
    assert [("a", "b", 1.0), ("c", "d", 1.0)] == [
        (p.first, p.second, p.score) for p in ds.similar_actors()
    ]


def test_different_countries_lower_the_score_below_the_default_threshold() -> None:
    ds = ek.Dataset(
        [
            ek.Actor(id="a", name="Ministry of Defence", kind="government", country="GBR"),
            ek.Actor(id="b", name="Ministry of Defence", kind="government", country="RUS"),
        ]
    )
    assert [] == ds.similar_actors()
    assert [0.5] == [p.score for p in ds.similar_actors(threshold=0.5)]


def test_make_id_can_set_case_accents_and_punctuation_aside() -> None:
    names = ["Jean-Noël Barrot", "jean noel barrot", "  JEAN NOËL BARROT "]
    assert 1 == len({ek.make_id(name, normalize=True) for name in names})
    assert 3 == len({ek.make_id(name) for name in names})


@pytest.mark.parametrize(
    ("kept", "other", "conflicts"),
    [
        (  # a field of the merged type the kept type lacks: refused as unknown, merge failed
            ek.Event(id="a", title="Seized"),
            Seizure(id="b", title="Seized", seized_by="olaf-scholz"),
            [("$.type", "event", "test_resolve.seizure"), ("$.seized_by", None, "olaf-scholz")],
        ),
        (
            ek.Event(id="a", title="Call"),
            ek.PhoneCall(id="b", title="Call", video=True),
            [("$.type", "event", "phone_call"), ("$.video", None, True)],
        ),
        (  # the type was given up without a word
            Seizure(id="a", title="Seized"),
            ek.Event(id="b", title="Seized"),
            [("$.type", "test_resolve.seizure", "event")],
        ),
    ],
)
def test_a_record_merged_into_another_type_keeps_the_kept_type_and_reports_the_rest(
    kept: ek.Event, other: ek.Event, conflicts: list[tuple[str, object, object]]
) -> None:
    ds = ek.Dataset([ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"), kept, other])
    merged, changes = ds.merge_ids({"b": "a"})
    assert type(kept) is type(merged["a"])
    assert conflicts == [(c.path, c.old, c.new) for c in changes if c.note == "conflict"]


def test_a_reference_to_an_id_merged_into_its_own_record_is_dropped_and_reported() -> None:
    # each came back naming the record itself: the call followed itself, answered itself,
    # and Scholz held a role in his own organisation
    ds = ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Actor(
                id="scholz",
                name="Scholz",
                kind="person",
                roles=[ek.Role(title="Chancellor", organisation="olaf-scholz")],
            ),
            Seizure(
                id="call",
                title="Call",
                answers="call-2",
                related=[
                    ek.Relation(kind="follows", event="call-2"),
                    ek.Relation(kind="follows", event="g20"),
                ],
            ),
            ek.Event(
                id="call-2", title="Call", related=[ek.Relation(kind="part_of", event="call")]
            ),
            ek.Event(id="g20", title="G20 summit"),
        ]
    )
    merged, changes = ds.merge_ids({"call-2": "call", "scholz": "olaf-scholz"})
    call = _get(merged, "call", Seizure)
    assert (None, (ek.Relation(kind="follows", event="g20"),)) == (call.answers, call.related)
    assert (ek.Role(title="Chancellor"),) == _get(merged, "olaf-scholz", ek.Actor).roles
    assert [
        ("olaf-scholz", "$.roles[0].organisation", "olaf-scholz", None),
        ("call", "$.related[0]", {"kind": "follows", "event": "call"}, None),
        ("call", "$.related[2]", {"kind": "part_of", "event": "call"}, None),
        ("call", "$.answers", "call", None),
    ] == [(c.record, c.path, c.old, c.new) for c in changes if c.note == "dropped"]
    assert merged.check().valid


def test_a_statement_answering_one_merged_into_it_drops_the_answer_it_cannot_give_itself() -> None:
    # a statement may not respond to itself: merging raised ValidationError before the
    # references to itself the merge made could be dropped
    ds = ek.Dataset(
        [
            ek.Actor(id="putin", name="Vladimir Putin", kind="person"),
            ek.Statement(id="readout", speaker="putin", text="A call took place."),
            ek.Statement(id="tass", speaker="putin", text="…", responds_to=["readout"]),
            ek.Statement(id="reply", speaker="putin", text="…", disputes=["tass"]),
        ]
    )
    merged, changes = ds.merge_ids({"tass": "readout", "reply": "readout"})
    readout = _get(merged, "readout", ek.Statement)
    assert ((), ()) == (readout.responds_to, readout.disputes)
    assert [
        ("readout", "$.responds_to[0]", "readout"),
        ("readout", "$.disputes[0]", "readout"),
    ] == [(c.record, c.path, c.old) for c in changes if c.note == "dropped"]
    assert merged.check().valid


def test_a_required_reference_to_an_id_merged_into_its_own_record_stays_as_a_conflict() -> None:
    # a required field cannot be emptied: the value stays, and a person decides
    ds = ek.Dataset([Reply(id="a", title="Reply", answers="b"), ek.Event(id="b", title="Reply")])
    merged, changes = ds.merge_ids({"b": "a"})
    assert "a" == _get(merged, "a", Reply).answers
    assert [("a", "$.type", "test_resolve.reply", "event"), ("a", "$.answers", "a", None)] == [
        (c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"
    ]


def test_a_reference_repeated_once_ids_are_merged_is_dropped_or_its_difference_reported() -> None:
    # Scholz took part in the talks twice, and the call had him as initiator and recipient,
    # without a word: a repeat is dropped; a participant in another role is one with the
    # first, whose role stays, a conflict (as when two events are merged)
    ds = ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Actor(id="scholz", name="Scholz", kind="person"),
            ek.Event(
                id="talks",
                title="Talks",
                participants=[
                    ek.Participant(actor="olaf-scholz"),
                    ek.Participant(actor="scholz"),
                ],
            ),
            ek.PhoneCall(
                id="call",
                title="Call",
                participants=[
                    ek.Participant(actor="scholz", role="initiator"),
                    ek.Participant(actor="olaf-scholz", role="recipient"),
                ],
            ),
            ek.Statement(
                id="s1", speaker="scholz", text="…", about=["olaf-scholz", "call", "call", "scholz"]
            ),
        ]
    )
    merged, changes = ds.merge_ids({"scholz": "olaf-scholz"})
    assert (ek.Participant(actor="olaf-scholz"),) == _get(merged, "talks", ek.Event).participants
    assert (ek.Participant(actor="olaf-scholz", role="initiator"),) == _get(
        merged, "call", ek.PhoneCall
    ).participants
    # the repeat the merge did not make is not the merge's to settle
    assert ("olaf-scholz", "call", "call") == _get(merged, "s1", ek.Statement).about
    assert [
        ("talks", "$.participants[1]", {"actor": "olaf-scholz"}, None, "repeated"),
        ("call", "$.participants[0].role", "initiator", "recipient", "conflict"),
        ("s1", "$.about[3]", "olaf-scholz", None, "repeated"),
    ] == [
        (c.record, c.path, c.old, c.new, c.note)
        for c in changes
        if c.note in ("repeated", "conflict")
    ]


def test_an_unknown_record_naming_a_merged_id_is_left_as_it_is_and_each_mention_reported() -> None:
    # which of its fields are references is not known here: rewriting "scholz" in its
    # text would be a guess, leaving it without a word a silent dangling reference
    rally = ek.UnknownRecord(
        data={
            "type": "acme.rally",
            "id": "rally",
            "organiser": "scholz",
            "speakers": [{"actor": "vladimir-putin"}, {"actor": "scholz"}],
            "scholz": "a key is no value",
        }
    )
    ds = _dataset()
    ds.add(rally)
    merged, changes = ds.merge_ids({"scholz": "olaf-scholz"})
    assert rally == merged["rally"]
    assert [
        ("rally", "$.organiser", "scholz", "olaf-scholz"),
        ("rally", "$.speakers[1].actor", "scholz", "olaf-scholz"),
    ] == [(c.record, c.path, c.old, c.new) for c in changes if c.note == "conflict"]


def test_merge_ids_refuses_to_merge_a_record_it_cannot_read() -> None:
    # the merged record's data was thrown away: only records of known types merge
    ds = ek.Dataset(
        [
            ek.UnknownRecord(data={"type": "acme.rally", "id": "a", "size": 3}),
            ek.UnknownRecord(data={"type": "acme.rally", "id": "b", "place": "Berlin"}),
        ]
    )
    with pytest.raises(ek.ValidationError) as caught:
        ds.merge_ids({"b": "a"})
    assert [((("b",), "unknown_type", "b"))] == [
        (p.loc, p.code, p.input) for p in caught.value.problems
    ]


def test_merge_ids_of_two_events_reconciles_participants_as_merge_events_does() -> None:
    # merge_ids kept Scholz twice, generic and initiator, reported as filled and as a conflict
    ds = ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person"),
            ek.Event(
                id="a",
                title="Call",
                participants=[
                    ek.Participant(actor="olaf-scholz"),
                    ek.Participant(actor="vladimir-putin", role="recipient"),
                ],
            ),
            ek.Event(
                id="b",
                title="Call",
                participants=[
                    ek.Participant(actor="olaf-scholz", role="initiator", certainty="claimed"),
                    ek.Participant(actor="vladimir-putin", role="initiator"),
                ],
            ),
        ]
    )
    by_ids, changes = ds.merge_ids({"b": "a"})
    by_events, report = ds.merge_events([["a", "b"]])
    expected = (
        ek.Participant(actor="olaf-scholz", role="initiator", certainty="claimed"),
        ek.Participant(actor="vladimir-putin", role="recipient"),
    )
    assert expected == _get(by_ids, "a", ek.Event).participants
    assert expected == _get(by_events, "a", ek.Event).participants
    found = [(c.path, c.old, c.new, c.note) for c in changes if c.record == "a"]
    assert [
        ("$.participants[0].role", "participant", "initiator", "role"),
        ("$.participants[0].certainty", None, "claimed", "certainty"),
        ("$.participants[1].role", "recipient", "initiator", "conflict"),
    ] == found
    assert found == [(c.path, c.old, c.new, c.note) for c in report.changes if c.record == "a"]


Joined = tuple[str, str | None]


@pytest.mark.parametrize(
    ("kept", "other", "joined", "notes"),
    [
        (
            ("participant", None),
            ("initiator", "claimed"),
            ("initiator", "claimed"),
            [
                ("$.participants[0].role", "participant", "initiator", "role"),
                ("$.participants[0].certainty", None, "claimed", "certainty"),
            ],
        ),
        (
            ("initiator", None),
            ("initiator", "denied"),
            ("initiator", "denied"),
            [("$.participants[0].certainty", None, "denied", "certainty")],
        ),
        (
            ("initiator", "alleged"),
            ("initiator", "denied"),
            ("initiator", "alleged"),
            [("$.participants[0].certainty", "alleged", "denied", "conflict")],
        ),
        (  # the certainty of a role not taken is not the kept role's
            ("initiator", None),
            ("recipient", "denied"),
            ("initiator", None),
            [
                ("$.participants[0].role", "initiator", "recipient", "conflict"),
                ("$.participants[0].certainty", None, "denied", "conflict"),
            ],
        ),
        (  # saying no more than the kept one, it is a repeat
            ("initiator", "claimed"),
            ("participant", None),
            ("initiator", "claimed"),
            [("$.participants[1]", {"actor": "olaf-scholz"}, None, "repeated")],
        ),
    ],
)
def test_two_participants_merge_ids_makes_one_actor_are_joined_as_merge_events_joins_them(
    kept: Joined, other: Joined, joined: Joined, notes: list[tuple[str, object, object, str]]
) -> None:
    # merge_ids kept both, a generic participant and an initiator alike, and called
    # any difference a conflict, where merging two events takes the specific role
    actors = [
        ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
        ek.Actor(id="scholz", name="Scholz", kind="person"),
    ]
    first = ek.Participant(actor="olaf-scholz", role=kept[0], certainty=kept[1])
    second = ek.Participant(actor="scholz", role=other[0], certainty=other[1])
    talks = ek.Event(id="talks", title="Talks", participants=[first, second])
    merged, changes = ek.Dataset([*actors, talks]).merge_ids({"scholz": "olaf-scholz"})
    expected = ek.Participant(actor="olaf-scholz", role=joined[0], certainty=joined[1])
    assert (expected,) == _get(merged, "talks", ek.Event).participants
    assert [
        ("$.participants[1].actor", "scholz", "olaf-scholz", "reference"),
        *notes,
    ] == [(c.path, c.old, c.new, c.note) for c in changes if c.record == "talks"]
    assert merged.check().valid
    # the same participants in two events: merge_events joins them the same way
    ds = ek.Dataset(
        [
            *actors,
            attrs.evolve(talks, participants=[first]),
            ek.Event(
                id="b", title="Talks", participants=[attrs.evolve(second, actor="olaf-scholz")]
            ),
        ]
    )
    by_events, report = ds.merge_events([["talks", "b"]])
    assert (expected,) == _get(by_events, "talks", ek.Event).participants
    assert [note for note in notes if note[3] != "repeated"] == [
        (c.path, c.old, c.new, c.note) for c in report.changes if "participants" in c.path
    ]


@attrs.frozen(kw_only=True)
class Boarder(ek.Participant):
    """A participant subclass: fields a merge must join as a record's."""

    weapon: ek.Text | None = None
    armed: bool = True  # a stated default: a value, not a gap
    kit: tuple[str, ...] = ()


@ek.event_type("test_resolve.boarding")
@attrs.frozen(kw_only=True)
class Boarding(ek.Event):
    participants: tuple[Boarder, ...] = ()


def test_a_participant_subclass_s_fields_are_joined_not_dropped() -> None:
    # merge_ids kept the kept participant's role and certainty and dropped the rest:
    # the other's weapon and kit were lost, unreported (found by a property test)
    pirate = ek.Actor(id="pirate", name="Pirate", kind="person")
    kept = Boarder(actor="pirate", kit=("rope",))
    other = Boarder(actor="pirate", weapon="cutlass", armed=False, kit=("hook",))
    ds = ek.Dataset(
        [
            pirate,
            Boarding(id="a", title="Boarding", participants=(kept,)),
            Boarding(id="b", title="Boarding", participants=(other,)),
        ]
    )
    merged, changes = ds.merge_ids({"b": "a"})
    joined = Boarder(actor="pirate", weapon="cutlass", kit=("rope", "hook"))
    assert (joined,) == _get(merged, "a", Boarding).participants
    notes = [
        ("$.participants[0].weapon", None, "cutlass", "filled"),
        ("$.participants[0].armed", True, False, "conflict"),
        ("$.participants[0].kit[1]", None, "hook", "filled"),
    ]
    assert notes == [(c.path, c.old, c.new, c.note) for c in changes if c.record == "a"]
    by_events, report = ds.merge_events([["a", "b"]])
    assert (joined,) == _get(by_events, "a", Boarding).participants
    assert notes == [
        (c.path, c.old, c.new, c.note) for c in report.changes if "participants" in c.path
    ]
    # two of one record's participants a merge makes name one actor: joined the same way
    crew = ek.Actor(id="crew", name="Crew", kind="group")
    boarding = Boarding(
        id="c", title="Boarding", participants=(kept, attrs.evolve(other, actor="crew"))
    )
    merged, changes = ek.Dataset([pirate, crew, boarding]).merge_ids({"crew": "pirate"})
    assert (joined,) == _get(merged, "c", Boarding).participants
    assert [
        ("$.participants[1].actor", "crew", "pirate", "reference"),
        *notes,
    ] == [(c.path, c.old, c.new, c.note) for c in changes if c.record == "c"]


def test_an_item_a_merge_adds_is_reported_once() -> None:
    # the relation taken from "b" was reported as filled, then as a conflict at the same path
    ds = ek.Dataset(
        [
            ek.Event(id="g20", title="G20 summit"),
            ek.Event(id="a", title="Call", related=[ek.Relation(kind="follows", event="g20")]),
            ek.Event(id="b", title="Call", related=[ek.Relation(kind="response_to", event="g20")]),
        ]
    )
    _, changes = ds.merge_ids({"b": "a"})
    assert [
        (
            "$.related[1]",
            {"kind": "follows", "event": "g20"},
            {"kind": "response_to", "event": "g20"},
            "conflict",
        )
    ] == [(c.path, c.old, c.new, c.note) for c in changes if c.path.startswith("$.related")]
