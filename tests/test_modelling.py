"""What reporting says, held as records: figures by source, uncertain attribution,
breakdowns, tolls on any event, external ids and provenance, places and citations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eventkit as ek


def strike_dataset() -> ek.Dataset:
    killed = ek.Quantity(value=41, qualifier="at_least")
    return ek.Dataset(
        [
            ek.Actor(id="russia", name="Russia", kind="state", country="RUS"),
            ek.Actor(id="syria", name="Syria", kind="state", country="SYR"),
            ek.Actor(id="civil-defense", name="Syrian Civil Defense", kind="organisation"),
            ek.Actor(id="observatory", name="Syrian Observatory", kind="organisation"),
            ek.Source(id="ap", name="AP", kind="news_agency"),
            ek.Airstrike(
                id="strike",
                title="Airstrikes on Aleppo",
                participants=[
                    ek.Participant(actor="russia", role="perpetrator", certainty="suspected"),
                    ek.Participant(actor="syria", role="perpetrator", certainty="suspected"),
                ],
                casualties=ek.Casualties(
                    killed=killed,
                    groups=[ek.GroupCasualties(group="children", killed=ek.Quantity(value=5))],
                ),
                casualties_from="toll-cd",
            ),
            ek.Statement(
                id="toll-cd",
                speaker="civil-defense",
                text="At least 41 people were killed, including five children.",
                kind="figure",
                event="strike",
                via="ap",
                figure=ek.Casualties(
                    killed=killed,
                    groups=[ek.GroupCasualties(group="children", killed=ek.Quantity(value=5))],
                ),
            ),
            ek.Statement(
                id="toll-obs",
                speaker="observatory",
                text="The Observatory gave a lower toll of 34.",
                kind="figure",
                about=["strike"],
                via="ap",
                figure=ek.Casualties(killed=ek.Quantity(value=34)),
            ),
        ]
    )


def test_two_sources_tolls_for_one_event_are_kept_and_returned_by_the_figures_query(
    tmp_path: Path,
) -> None:
    ds = strike_dataset()
    figures = ds.figures("strike")
    assert [("civil-defense", 41), ("observatory", 34)] == [
        (s.speaker, s.figure.killed.value)  # type: ignore[union-attr]
        for s in figures
    ]
    ds.save(tmp_path / "strike.jsonl")
    again = ek.Dataset.load(tmp_path / "strike.jsonl")
    assert figures == again.figures("strike")
    report = ds.check()
    assert (True, ()) == (report.valid, report.warnings)


def test_an_alleged_perpetrator_is_a_perpetrator_and_its_certainty_can_be_asked() -> None:
    ds = strike_dataset()
    assert ["strike"] == [e.id for e in ds.events_of("russia", role="perpetrator")]
    assert [] == ds.events_of("russia", role="perpetrator", certainty="confirmed")
    assert ["strike"] == [e.id for e in ds.events_of("syria", certainty=["suspected", "alleged"])]
    with pytest.raises(ek.ValidationError, match=r"\$\.certainty: unknown certainty"):
        ek.Participant(actor="a", certainty="probably")


def test_a_toll_breaks_down_by_group_and_every_event_may_carry_one_and_a_size() -> None:
    event = ek.Event(
        id="e",
        title="Clashes",
        size=ek.Quantity(low=200, high=300),
        casualties=ek.Casualties(
            killed=ek.Quantity(value=358),
            displaced=ek.Quantity(value=12_000, qualifier="about"),
            groups=[
                ek.GroupCasualties(group="civilians", killed=ek.Quantity(value=358)),
                ek.GroupCasualties(group="acme.miners", injured=ek.Quantity(value=3)),
            ],
        ),
    )
    assert event == ek.from_json(ek.Event, ek.to_json(event))
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(
            ek.Event,
            {
                "type": "event",
                "id": "e",
                "title": "T",
                "casualties": {"groups": [{"group": "children"}, {"group": "kids", "killed": 1}]},
            },
        )
    assert [
        ("$.casualties.groups[0]", "missing"),
        ("$.casualties.groups[1].killed", "invalid_type"),
        ("$.casualties.groups[1].group", "invalid_value"),
    ] == [(p.path, p.code) for p in info.value.problems]


def test_casualties_said_to_follow_a_statement_are_checked_and_warned_about() -> None:
    ds = ek.Dataset(
        [
            ek.Event(id="e", title="T", casualties=ek.Casualties(), casualties_from="nowhere"),
            ek.Event(id="f", title="T", casualties_from="e"),
        ]
    )
    report = ds.check()
    assert [
        ("e", "$.casualties_from", "dangling_reference"),
        ("f", "$.casualties_from", "wrong_reference_kind"),
    ] == [(p.record, p.path, p.code) for p in report.problems]
    assert [("f", "$.casualties", "missing_part")] == [
        (w.record, w.path, w.code) for w in report.warnings
    ]


def test_a_figure_is_a_toll_a_quantity_or_a_sum_and_round_trips() -> None:
    for figure in (
        ek.Casualties(killed=ek.Quantity(value=3)),
        ek.Casualties(),
        ek.Quantity(value=0.67, unit="share"),
        ek.Money(amount="8000000000", currency="EUR", qualifier="nearly"),
    ):
        said = ek.Statement(id="s", speaker="a", text="…", kind="figure", figure=figure)
        again = ek.from_json(ek.Statement, ek.to_json(said))
        assert (said, type(figure)) == (again, type(again.figure))
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(
            ek.Statement,
            {"type": "statement", "id": "s", "speaker": "a", "text": "…", "figure": {"killed": -1}},
        )
    # A toll's count is a Quantity: the fault is named where it is, not at the whole figure.
    assert [("$.figure.killed", "invalid_type")] == [(p.path, p.code) for p in info.value.problems]


@pytest.mark.parametrize(
    "record",
    [
        ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q1"}),
        ek.Source(id="s", name="S", kind="dataset", identifiers={"acled": "SYR1234"}),
        ek.Event(id="e", title="T", identifiers={"gdelt": "1199423465", "plover": "GSR-1"}),
        ek.Statement(id="st", speaker="a", text="…", identifiers={"acme.quotes": "q-7"}),
        ek.Provenance(id="p", coder="ACLED", identifiers={"doi": "10.1177/0022343310378914"}),
    ],
)
def test_every_record_kind_has_identifiers_provenance_and_a_comment(record: ek.Record) -> None:
    coded = ek.Provenance(
        id="gsr",
        coder="Parus Analytics",
        method="manual",
        codebook="PLOVER",
        codebook_version="0.5b1",
        coded=ek.parse_edtf("2016-12-19"),
        rights="CC BY-SA 4.0",
    )
    noted = ek.from_dict(
        ek.Record, {**ek.to_dict(record), "provenance": "gsr", "comment": "Compound actor"}
    )
    assert ("gsr", "Compound actor") == (noted.provenance, noted.comment)
    ds = ek.Dataset([coded, noted])
    assert coded in ds.provenances
    # its own fields may name records not here; its provenance is there
    assert "provenance" not in [p.loc[0] for p in ds.check().problems]
    wrong = ek.Dataset([ek.Actor(id="gsr", name="G", kind="person"), noted])
    assert "wrong_reference_kind" in [p.code for p in wrong.check().problems]


def test_places_have_precision_typed_admin_levels_and_gazetteer_ids() -> None:
    place = ek.Place(
        name="Aleppo",
        country="SYR",
        admin1="Aleppo Governorate",
        admin2="Mount Simeon",
        lat=36.2,
        lon=37.16,
        precision="near",
        geonames=170063,
        identifiers={"wikidata": "Q41183", "osm": "relation/2029218"},
    )
    assert place == ek.from_json(ek.Place, ek.to_json(place))
    with pytest.raises(ek.ValidationError, match=r"\$\.precision: a precision is that of"):
        ek.Place(name="Aleppo", precision="exact")


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        ({"offsets": {"start": 3}}, ("$.offsets.end", "missing")),
        ({"offsets": {"start": 9, "end": 3}}, ("$.offsets.end", "out_of_range")),
        ({"offsets": {"start": -1, "end": 3}}, ("$.offsets.start", "out_of_range")),
        ({"confidence": 1.5}, ("$.confidence", "out_of_range")),
    ],
)
def test_citation_offsets_and_confidence_are_checked(
    citation: dict[str, Any], problem: tuple[str, str]
) -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Citation, {"source": "ap", **citation})
    assert [problem] == [(p.path, p.code) for p in info.value.problems]


def test_an_excerpt_of_another_length_than_its_offsets_is_a_warning() -> None:
    offsets = ek.Offsets(start=10, end=19)
    fits = ek.Citation(source="ap", excerpt="41 people", offsets=offsets, confidence=0.8)
    normalised = ek.Citation(source="ap", excerpt="41  people", offsets=offsets)
    ds = ek.Dataset([ek.Event(id="e", title="T", sources=[fits, normalised])])
    assert [("$.sources[1].offsets", "excerpt_length")] == [
        (w.path, w.code) for w in ds.check().warnings
    ]


def test_a_figure_statement_without_a_figure_is_a_warning() -> None:
    ds = ek.Dataset([ek.Statement(id="s", speaker="a", text="Many died.", kind="figure")])
    assert [("$.figure", "missing_part")] == [(w.path, w.code) for w in ds.check().warnings]
