"""eventkit.interop.acled: ACLED rows in both layouts, in and out, nothing dropped."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit.examples import scholz_putin
from eventkit.interop import ConversionReport, acled, plover
from interop_data import (
    absent,
    field_name,
    full_disk,  # noqa: F401 - a fixture: the tests ask for it by name
    hostile_rows,
    linked_datasets,
)

SAMPLE = Path(__file__).parent / "data" / "acled" / "acled-2016-api-sample.csv"

# A row in the current column set, made up for the test (no current ACLED data
# ships with the project): a week-precise date, tags, disorder and sub-event types,
# the actor types named as ACLED's current exports name them.
CURRENT = {
    "event_id_cnty": "KEN12345",
    "event_date": "2024-06-25",
    "year": "2024",
    "time_precision": "2",
    "disorder_type": "Demonstrations",
    "event_type": "Protests",
    "sub_event_type": "Excessive force against protesters",
    "actor1": "Protesters (Kenya)",
    "assoc_actor_1": "Students (Kenya); Labour Group (Kenya)",
    "inter1": "Protesters",
    "actor2": "Police Forces of Kenya (2022-)",
    "assoc_actor_2": "",
    "inter2": "State forces",
    "interaction": "State forces-Protesters",
    "civilian_targeting": "",
    "iso": "404",
    "region": "Eastern Africa",
    "country": "Kenya",
    "admin1": "Nairobi",
    "admin2": "Starehe",
    "admin3": "",
    "location": "Nairobi",
    "latitude": "-1.2833",
    "longitude": "36.8167",
    "geo_precision": "1",
    "source": "Daily Nation; Reuters",
    "source_scale": "National-International",
    "notes": "Police fired live ammunition at protesters outside Parliament.",
    "fatalities": "5",
    "tags": "crowd size=thousands",
    "timestamp": "1719500000",
}


def sample_rows() -> list[dict[str, str]]:
    lines = [line for line in SAMPLE.read_text().splitlines(keepends=True) if line[0] != "#"]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def test_the_2016_rows_import_with_nothing_dropped_and_write_back_column_for_column() -> None:
    dataset, report = acled.read_csv(SAMPLE)
    assert (4, True, {}) == (report.rows, report.complete, dict(report.duplicates))
    assert dataset.check().valid
    given = sample_rows()
    reported = {(f.index, f.field) for f in report.fields}
    assert set() == {(i, k) for i, row in enumerate(given) for k, v in row.items() if v} - reported
    rows, _ = acled.write(dataset, layout="2016")
    assert given == rows
    first = dataset["8087RTA"]
    assert isinstance(first, acled.AcledEvent)
    assert first.casualties is not None
    assert first.casualties.killed == ek.Quantity(value=2, qualifier="at_least")
    assert (2, 7, 27, 520, 80863) == (
        first.inter1,
        first.inter2,
        first.interaction,
        first.gwno,
        first.data_id,
    )
    assert first.place is not None
    assert ("SOM", "exact", 3.11718) == (
        first.place.country,
        first.place.precision,
        first.place.lat,
    )
    two_sources = dataset["8187RTA"]
    assert isinstance(two_sources, ek.Event)
    assert ["Zambia Reports", "Xinhua"] == [dataset[c.source].name for c in two_sources.sources]  # type: ignore[union-attr]
    congo = dataset["7948RTA"]
    assert isinstance(congo, ek.Event)
    assert congo.place is not None
    assert congo.codes is not None
    assert ("COD", "Battles", "Armed clash") == (
        congo.place.country,
        congo.codes.acled,
        congo.codes.acled_sub_event,
    )


def test_the_csv_written_is_the_csv_read_as_pandas_sees_it(tmp_path: Path) -> None:
    dataset, _ = acled.read_csv(SAMPLE)
    path = tmp_path / "out.csv"
    acled.write_csv(dataset, path, layout="2016", columns=list(sample_rows()[0]))
    expected = pd.read_csv(SAMPLE, comment="#")
    pd.testing.assert_frame_equal(expected, pd.read_csv(path))


def test_a_dataframe_imports_like_the_csv() -> None:
    frame = pd.read_csv(SAMPLE, comment="#")  # NaN for empty cells, numpy numbers
    from_frame, report = acled.read(
        [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
    )
    from_csv, _ = acled.read_csv(SAMPLE)
    assert [] == [f for f in report.fields if f.outcome in ("dropped", "rejected")]
    assert sorted(e.id for e in from_csv.events) == sorted(e.id for e in from_frame.events)
    for event in from_csv.events:
        assert isinstance(event, acled.AcledEvent)
        other = from_frame[event.id]
        assert isinstance(other, acled.AcledEvent)
        # pandas reads the unnamed index column as "Unnamed: 0"; the rest is the same.
        assert ek.to_dict(event) | {"extra": {}} == ek.to_dict(other) | {"extra": {}}


def test_the_current_layout_round_trips_every_column() -> None:
    month = CURRENT | {
        "event_id_cnty": "KEN12346",
        "time_precision": "3",
        "event_date": "2024-06-15",
    }
    dataset, report = acled.read([CURRENT, month])
    assert report.complete
    week = dataset["KEN12345"]
    assert isinstance(week, acled.AcledEvent)
    assert "2024-06-22/2024-06-28" == ek.to_dict(week)["when"]
    assert "2024-06" == ek.to_dict(dataset["KEN12346"])["when"]
    assert week.codes == ek.Codes(
        acled="Protests",
        acled_sub_event="Excessive force against protesters",
        acled_disorder=["Demonstrations"],
    )
    roles = [(p.role, dataset[p.actor].name) for p in week.participants]  # type: ignore[union-attr]
    assert [
        ("initiator", "Protesters (Kenya)"),
        ("acled.assoc_actor_1", "Students (Kenya)"),
        ("acled.assoc_actor_1", "Labour Group (Kenya)"),
        ("target", "Police Forces of Kenya (2022-)"),
    ] == roles
    rows, _ = acled.write(dataset)
    assert [CURRENT, month] == rows


def test_2016_rows_written_in_the_current_layout_and_back() -> None:
    dataset, _ = acled.read_csv(SAMPLE)
    rows, report = acled.write(dataset)  # current layout
    assert "Armed clash" == rows[2]["sub_event_type"]
    assert "180" == rows[2]["iso"]
    dropped = {f.field for f in report.select("dropped")}
    assert {"gwno", "data_id"} <= dropped  # the current layout has no such columns
    again, _ = acled.read(rows)
    assert rows == acled.write(again).rows


def test_duplicate_ids_are_reported_never_merged() -> None:
    dataset, report = acled.read([CURRENT, CURRENT | {"fatalities": "6"}])
    assert {"KEN12345": (0, 1)} == dict(report.duplicates)
    assert {"KEN12345", "KEN12345-2"} <= set(dataset.ids)


def test_bad_cells_are_rejected_but_kept_and_the_row_read() -> None:
    bad = CURRENT | {"latitude": "north", "inter1": "9", "event_date": "someday"}
    dataset, report = acled.read([bad])
    message = "expected an ACLED actor type: a code from 0 to 8 or its name"
    assert {
        ("latitude", "expected a number"),
        ("event_date", "expected a date"),
        ("inter1", message),
    } == {(f.field, f.problem.message) for f in report.select("rejected") if f.problem}
    [event] = dataset.events
    assert isinstance(event, acled.AcledEvent)
    # the longitude without a latitude to pair it with is kept too (it was left out),
    # geo_precision without coordinates to qualify, and year and time_precision without
    # a date to qualify
    kept = {
        "latitude": "north",
        "longitude": "36.8167",
        "inter1": "9",
        "event_date": "someday",
        "geo_precision": "1",
        "year": "2024",
        "time_precision": "2",
    }
    assert (None, kept) == (event.inter1, {k: v for k, v in event.extra.items() if v})
    assert bad == acled.write(dataset).rows[0]  # written back as read


@pytest.mark.parametrize(
    ("inter1", "inter2", "interaction", "codes"),
    [
        ("6", "1", "16", (6, 1, 16)),
        ("Protesters", "State forces", "State forces-Protesters", (6, 1, 16)),
        ("protesters", "State Forces", "Protesters-State forces", (6, 1, 61)),
        ("Rebel Groups", "", "Rebel group only", (2, None, 20)),
        ("External/Other forces", "Civilians", "Civilians-External/Other forces", (8, 7, 78)),
    ],
)
def test_actor_types_read_as_codes_or_names_and_are_written_in_the_layout_s_form(
    inter1: str, inter2: str, interaction: str, codes: tuple[int, int | None, int]
) -> None:
    row = CURRENT | {"inter1": inter1, "inter2": inter2, "interaction": interaction}
    dataset, report = acled.read([row])
    assert report.complete
    [event] = dataset.events
    assert isinstance(event, acled.AcledEvent)
    assert codes == (event.inter1, event.inter2, event.interaction)
    initiator = next(p.actor for p in event.participants if p.role == "initiator")
    assert acled.INTER_CODES[codes[0]][1] == dataset[initiator].kind  # type: ignore[union-attr]
    current = acled.write(dataset).rows[0]
    names = {code: acled.INTER_CODES[code][0] for code in range(9)}
    assert names[codes[0]] == current["inter1"]
    assert ("" if codes[1] is None else names[codes[1]]) == current["inter2"]
    old = acled.write(dataset, layout="2016").rows[0]
    assert (str(codes[0]), str(codes[2])) == (old["inter1"], old["interaction"])


def test_the_seed_dataset_exports_and_pandas_reads_it(tmp_path: Path) -> None:
    seed = scholz_putin()
    path = tmp_path / "seed.csv"
    report = acled.write_csv(seed, path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(acled.COLUMNS) == list(frame.columns)
    assert len(seed.events) == len(frame)
    assert len(seed.statements) == sum(
        1 for f in report.select("dropped") if f.field == "Statement"
    )
    assert report.select("dropped")


def test_acled_events_round_trip_as_eventkit_data() -> None:
    dataset, _ = acled.read_csv(SAMPLE)
    for event in dataset.events:
        assert event == ek.from_dict(ek.Event, ek.to_dict(event))
    with pytest.raises(ek.ValidationError, match="inter1"):
        acled.AcledEvent(id="x", title="x", inter1=12)


def test_an_actor_without_a_name_is_reported_dropped_not_written_as_unnamed() -> None:
    # A PLOVER entity with a sector alone is read into an Actor named "unnamed", which was
    # written as actor1 as if ACLED had named it so.
    dataset, _ = plover.read([{"id": "e1", "event": ["CONSULT"], "actor": [{"sector": "CVL"}]}])
    rows, report = acled.write(dataset)
    assert "" == rows[0]["actor1"]
    assert ["participants[0] dropped (ACLED names its actors; this one has none)"] == [
        str(f).split(": ", 1)[1] for f in report.select("dropped") if f.field == "participants[0]"
    ]


def test_a_title_acled_cannot_hold_is_reported_dropped_and_a_made_up_one_not() -> None:
    # ACLED rows have no title: the export reported an event's title as mapped "to title",
    # and reading the row back made up "ACLED event" in its place, without a word.
    dataset = ek.Dataset([ek.Event(id="e1", title="Scholz calls Putin")])
    report = acled.write(dataset).report
    assert [
        "title dropped (ACLED rows have no title; one is made of the event type and place)"
    ] == [str(f).split(": ", 1)[1] for f in report.of("e1") if f.field == "title"]
    # A title made up by reading ACLED is made again from the row written: nothing is lost.
    for layout in ("current", "2016"):
        again, _ = acled.read(acled.write(acled.read_csv(SAMPLE).dataset, layout=layout).rows)
        assert [] == [
            str(f)
            for f in acled.write(again, layout=layout).report.select("dropped")
            if f.field == "title"
        ]
    assert acled.write(acled.read_csv(SAMPLE).dataset, layout="2016").report.complete


_FRIDAY = ek.PartialDate(year=2024, month=11, day=15, text="Friday 15.11.24")


@pytest.mark.parametrize(
    ("when", "field"),
    [(_FRIDAY, "when.text"), (ek.TimeSpan(start=_FRIDAY, end=None), "when.start.text")],
)
def test_the_text_a_date_was_read_from_is_reported_dropped(when: ek.When, field: str) -> None:
    # ACLED holds the date, not the words: "Friday 15.11.24" was lost without a word.
    report = acled.write(ek.Dataset([ek.Event(id="e1", title="Call", when=when)])).report
    assert [f"{field} dropped (ACLED holds the date, not the text it was read from)"] == [
        str(f).split(": ", 1)[1] for f in report.of("e1") if f.field.endswith(".text")
    ]


def test_an_event_type_acled_cannot_hold_is_reported_dropped() -> None:
    # It was reported "type mapped to type", and read back as an acled.event.
    rows, report = acled.write(ek.Dataset([ek.PhoneCall(id="e", title="E")]))
    assert [("dropped", "ACLED has no event types: a phone_call reads back as an acled.event")] == [
        (f.outcome, f.reason) for f in report.of("e") if f.field == "type"
    ]
    assert type(acled.read(rows).dataset["e"]) is acled.AcledEvent
    for event in (ek.Event(id="e", title="E"), acled.AcledEvent(id="e", title="E")):
        assert ["mapped"] == [
            f.outcome for f in acled.write(ek.Dataset([event])).report.fields if f.field == "type"
        ]


def check_acled_round_trip(dataset: ek.Dataset) -> None:
    rows, _ = acled.write(dataset)
    again, report = acled.read(rows)
    # Only cells an event kept verbatim, because they could not be read, can be rejected.
    kept = {key for event in dataset.events for key in getattr(event, "extra", {})}
    assert set() == {f.field for f in report.select("rejected")} - kept
    assert rows == acled.write(again).rows  # what ACLED holds survives the round trip
    assert {e.id for e in dataset.events} == {e.id for e in again.events}


_ROLES_ACLED = ["initiator", "target", "victim", "acled.assoc_actor_1", "mediator"]
# Half of the draws are ACLED's own type: among every registered type it is seldom drawn.
_ANY_OR_ACLED_EVENTS = st.one_of(
    linked_datasets(_ROLES_ACLED), linked_datasets(_ROLES_ACLED, acled.AcledEvent)
)
_FEW = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@_FEW
@given(_ANY_OR_ACLED_EVENTS)
def test_eventkit_to_acled_to_eventkit_keeps_what_acled_holds(dataset: ek.Dataset) -> None:
    check_acled_round_trip(dataset)


@pytest.mark.slow
@settings(_FEW, max_examples=300)
@given(_ANY_OR_ACLED_EVENTS)
def test_eventkit_to_acled_to_eventkit_keeps_what_acled_holds_thoroughly(
    dataset: ek.Dataset,
) -> None:
    check_acled_round_trip(dataset)


def test_a_recorded_date_with_a_qualifier_is_written_as_its_day_and_reported_changed() -> None:
    # Found by the thorough round trip: "2024-06-12?" was written as ACLED's event_date.
    event = acled.AcledEvent(
        id="w1",
        title="A week",
        when=ek.parse_edtf("2024-06-09/2024-06-15"),
        recorded_date=ek.PartialDate(year=2024, month=6, day=12, uncertain=True),
    )
    rows, report = acled.write(ek.Dataset([event]))
    assert ("2024-06-12", "2") == (rows[0]["event_date"], rows[0]["time_precision"])
    assert [("recorded_date", "2024-06-12?", "2024-06-12")] == [
        (f.field, f.before, f.after) for f in report.select("changed")
    ]
    again, _ = acled.read(rows)
    assert [ek.parse_edtf("2024-06-12")] == [
        getattr(e, "recorded_date", None) for e in again.events
    ]


@pytest.mark.parametrize("event_date", ["0001-01-02", "9999-12-30"])
def test_a_week_precise_date_at_the_calendar_s_ends_is_a_span_stopping_there(
    event_date: str,
) -> None:
    dataset, _ = acled.read([{**CURRENT, "event_date": event_date, "year": event_date[:4]}])
    event = next(iter(dataset.events))
    span = event.when
    assert isinstance(span, ek.TimeSpan)
    assert span.start is not None
    assert span.end is not None
    assert {event_date[:4]} == {span.start.to_edtf()[:4], span.end.to_edtf()[:4]}


# --- hostile rows: a clear report, nothing lost, only ValidationError escapes ------------


def rejected(report: ConversionReport) -> dict[str, str]:
    return {f.field: f.problem.code for f in report.select("rejected") if f.problem}


def test_a_row_without_an_id_gets_one_made_from_its_cells_and_twins_are_not_merged() -> None:
    row = {k: v for k, v in CURRENT.items() if k != "event_id_cnty"}
    dataset, report = acled.read([row, dict(reversed(row.items())), row | {"notes": "Other."}])
    ids = [e.id for e in dataset.events]
    assert 3 == len(set(ids))
    assert ids[1] == f"{ids[0]}-2"  # the same cells in another order: the same row
    assert all(i.startswith("acled-") for i in ids)
    made = [f for f in report.select("changed") if f.field == "event_id_cnty"]
    assert [ids[0], ids[0], ids[2]] == [f.after for f in made if f.before == ""]
    assert report.complete


def test_pandas_values_read_as_the_csv_text_they_stand_for() -> None:
    row: dict[str, Any] = CURRENT | {
        "event_date": pd.Timestamp("2024-06-25"),
        "notes": pd.NA,
        "admin3": pd.NaT,
        "fatalities": np.int64(5),
        "latitude": np.float64(-1.2833),
        "timestamp": np.int64(1719500000),
    }
    dataset, report = acled.read([row])
    assert report.complete
    event = dataset["KEN12345"]
    assert isinstance(event, acled.AcledEvent)
    assert ("2024-06-22/2024-06-28", None) == (ek.to_dict(event)["when"], event.summary)
    assert event.casualties is not None
    assert event.casualties.killed is not None
    assert 5 == event.casualties.killed.value


def test_cells_no_table_holds_are_rejected_and_the_rest_of_the_row_read() -> None:
    row: dict[Any, Any] = CURRENT | {
        "notes": b"bytes",
        "latitude": [1],
        "admin2": "Stare\ud800he",
        None: ["beyond", "the header"],  # csv.DictReader's surplus cells
    }
    dataset, report = acled.read([row])
    assert {
        "notes": "invalid_type",
        "latitude": "invalid_type",
        "admin2": "invalid_value",
        "None": "invalid_type",
    } == rejected(report)
    event = dataset["KEN12345"]
    assert isinstance(event, acled.AcledEvent)
    assert event.place is not None
    assert (None, None, None, "Nairobi") == (
        event.summary,
        event.place.lat,
        event.place.admin2,
        event.place.admin1,
    )
    assert 4 == len(event.participants)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("actor1", "Protesters\x00", "invalid_value"),  # no actor can have this name
        ("source", "Reuters; \x00", "invalid_value"),  # nor a source
        ("fatalities", "1" * 30, "out_of_range"),  # no JSON writer writes it
        ("interaction", "99", "out_of_range"),  # AcledEvent holds 0 to 88
        ("timestamp", "-5", "out_of_range"),
        ("event_id_cnty", "KEN 12345", "invalid_value"),  # no record can have this id
    ],
)
def test_a_value_eventkit_refuses_rejects_its_cell_only(column: str, value: str, code: str) -> None:
    dataset, report = acled.read([CURRENT | {column: value}])
    assert {column: code} == rejected(report)
    [event] = dataset.events
    assert isinstance(event, acled.AcledEvent)
    assert value == event.extra[column]  # kept, so the row writes back as it was
    assert value == acled.write(dataset).rows[0][column]
    assert event.place is not None
    assert "Nairobi" == event.place.name


@pytest.mark.parametrize(
    ("cells", "title"),
    [
        ({"location": "Nai\x00robi"}, "Excessive force against protesters in Kenya"),
        ({"event_type": "Protests\x00", "sub_event_type": ""}, "ACLED event in Nairobi"),
        ({"location": "\t", "country": "Ken\x00ya"}, "Excessive force against protesters"),
    ],
    ids=["location", "event_type", "both"],
)
def test_a_cell_no_title_can_hold_is_left_out_of_the_title_made_and_the_row_read(
    cells: dict[str, str], title: str
) -> None:
    # The title, made from the cells, was refused: the whole row was rejected at $.title.
    row = CURRENT | cells
    dataset, report = acled.read([row])
    assert [title] == [event.title for event in dataset.events]
    assert {"$.title"}.isdisjoint(rejected(report))
    assert row == acled.write(dataset).rows[0]


@pytest.mark.parametrize(
    "cells",
    [
        {"latitude": "91"},  # out of range: the longitude alone is no place
        {"longitude": ""},  # a latitude alone
        {"admin1": "Nai\x00robi"},
        {"location": "", "country": "", "iso": "", "latitude": "", "longitude": ""},  # admin areas
    ],
    ids=["out-of-range", "alone", "admin1", "admin-areas-only"],
)
def test_a_place_cell_refused_costs_that_cell_only(cells: dict[str, str]) -> None:
    # The whole place was left out, its other cells reported mapped; one coordinate alone
    # was reported mapped and left out.
    row = CURRENT | cells
    dataset, report = acled.read([row])
    assert row == acled.write(dataset).rows[0]
    assert [] == [f for f in report.fields if f.field in cells and f.outcome == "mapped"]


@pytest.mark.parametrize(
    ("iso", "outcome", "written"),
    [
        # no number: a cell that cannot be read (it was reported mapped to extra)
        ("404-0", ("rejected", None), "404-0"),
        ("v04", ("rejected", None), "v04"),
        ("999", ("mapped", "AcledEvent.extra (not an ISO country number)"), "999"),
        ("0404", ("changed", "Place.country"), "404"),
    ],
)
def test_an_iso_cell_that_is_not_the_country_s_number_is_kept_or_reported_changed(
    iso: str, outcome: tuple[str, str | None], written: str
) -> None:
    # Found by fuzzing (import_files): the country found by its name, the iso cell was
    # reported mapped and written back as the country's number. Each is kept as written.
    dataset, report = acled.read([CURRENT | {"iso": iso}])
    assert [outcome] == [(f.outcome, f.target) for f in report.fields if f.field == "iso"]
    assert "KEN" == dataset["KEN12345"].place.country  # type: ignore[union-attr]
    assert written == acled.write(dataset).rows[0]["iso"]


def test_coordinates_of_zero_alone_are_a_place() -> None:
    row = CURRENT | {"location": "", "country": "", "iso": "", "latitude": "0", "longitude": "0"}
    dataset, _ = acled.read([row])
    assert (0.0, 0.0) == (dataset["KEN12345"].place.lat, dataset["KEN12345"].place.lon)  # type: ignore[union-attr]
    assert row == acled.write(dataset).rows[0]


def test_a_code_refused_leaves_the_other_codes_read() -> None:
    # The sub-event and disorder types were reported mapped, and lost.
    row = CURRENT | {"event_type": "Demonstrations"}  # a disorder type, not an event type
    dataset, report = acled.read([row])
    [event] = dataset.events
    sub = "Excessive force against protesters"
    assert ek.Codes(acled_sub_event=sub, acled_disorder=["Demonstrations"]) == event.codes
    assert {"event_type": "invalid_value"} == rejected(report)
    assert row == acled.write(dataset).rows[0]


def test_cells_with_nothing_to_read_are_kept_not_dropped() -> None:
    row = CURRENT | {"event_date": "", "tags": "; ", "disorder_type": "; "}
    dataset, report = acled.read([row])
    [event] = dataset.events
    assert isinstance(event, acled.AcledEvent)
    expected = {"year": "2024", "time_precision": "2", "tags": "; ", "disorder_type": "; "}
    assert expected == {k: v for k, v in event.extra.items() if v}
    kept = {f.field for f in report.fields if f.target and f.target.startswith("AcledEvent.extra")}
    assert set(expected) <= kept


def test_an_item_that_is_no_row_is_rejected_and_the_rows_read() -> None:
    items: list[Any] = [["KEN12345"], CURRENT, "a row?"]
    dataset, report = acled.read(items)
    assert ["KEN12345"] == [event.id for event in dataset.events]
    assert [(0, "$"), (2, "$")] == [(f.index, f.field) for f in report.select("rejected")]


@pytest.mark.parametrize("rows", [CURRENT, "rows.csv", 3.0, None], ids=repr)
def test_rows_that_are_no_rows_are_the_program_s_mistake(rows: Any) -> None:
    with pytest.raises(TypeError, match="rows must be an iterable of rows"):
        acled.read(rows)


class _Shouting(str):
    __slots__ = ()

    def __str__(self) -> str:
        return self.upper()


def test_cells_of_text_subclasses_and_of_text_too_long_to_load() -> None:
    # A str subclass is read as its text (not its str()), in an id made from the cells too.
    plain = {k: v for k, v in CURRENT.items() if k != "event_id_cnty"}
    shouting = plain | {"notes": _Shouting(plain["notes"])}
    [made], [same] = (acled.read([row]).dataset.events for row in (plain, shouting))
    assert (made.id, made.summary) == (same.id, same.summary)
    assert type(same.summary) is str
    # Text longer than loading allows is rejected: the record would save, and not load again.
    with ek.limits(max_string=100):
        dataset, report = acled.read([CURRENT | {"notes": "x" * 101}])
    assert ["KEN12345"] == [event.id for event in dataset.events]
    assert {"notes": "too_long"} == rejected(report)
    # A number of 5,000 digits is no count (int() refuses to read it).
    _, report = acled.read([CURRENT | {"fatalities": "9" * 5000}])
    assert {"fatalities": "invalid_value"} == rejected(report)


def check_hostile_rows_read(rows: list[dict[Any, Any]]) -> None:
    try:
        dataset, report = acled.read(rows)
    except ek.ValidationError:  # the contract allows it; no row of this kind raises now
        return
    assert len(rows) == report.rows
    assert dataset.check().valid
    for index, row in enumerate(rows):  # every cell is reported, unless its row is left out
        fields = {f.field for f in report.fields if f.index == index}
        if any(field.startswith("$") for field in fields):
            continue
        given = {field_name(k) for k, v in row.items() if not absent(v)}
        assert set() == given - fields


_SAMPLE_ROWS = [*sample_rows(), CURRENT]


@_FEW
@given(st.lists(hostile_rows(_SAMPLE_ROWS), min_size=1, max_size=3))
def test_hostile_rows_give_a_dataset_and_a_report(rows: list[dict[Any, Any]]) -> None:
    check_hostile_rows_read(rows)


@pytest.mark.slow
@settings(_FEW, max_examples=500)
@given(st.lists(hostile_rows(_SAMPLE_ROWS), min_size=1, max_size=3))
def test_hostile_rows_give_a_dataset_and_a_report_thoroughly(rows: list[dict[Any, Any]]) -> None:
    check_hostile_rows_read(rows)


# --- CSV files: every line read or rejected at its line, a write whole or not at all ------


def csv_bytes(rows: list[dict[str, str]], *, end: str = "\r\n") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator=end)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def rejected_at(report: ConversionReport) -> list[tuple[str, str, str]]:
    return [(f.row, f.field, str(f.problem)) for f in report.select("rejected")]


def test_a_cell_longer_than_python_s_csv_limit_is_read_and_one_past_eventkit_s_rejected(
    tmp_path: Path,
) -> None:
    # Python's csv module refuses a cell over 131,072 characters (_csv.Error), a limit
    # for the whole process; eventkit's own limit on text is ek.limits(max_string=...).
    limit = csv.field_size_limit()
    notes = "Police fired. " * 15_000
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes([CURRENT | {"notes": notes}, CURRENT | {"event_id_cnty": "KEN2"}]))
    dataset, report = acled.read_csv(path)
    assert (notes, True) == (dataset["KEN12345"].summary, report.complete)  # type: ignore[union-attr]
    with ek.limits(max_string=200_000):
        dataset, report = acled.read_csv(path)
    assert ["KEN12345", "KEN2"] == [event.id for event in dataset.events]
    message = (
        "a string of 210,000 characters, longer than 200,000 "
        "(the limit is eventkit.limits(max_string=...))"
    )
    assert [("KEN12345", "notes", f"{path}:2: $.notes: {message}, got {notes[:50]!r}… "
             f"(209,950 more characters) [too_long]")] == rejected_at(report)  # fmt: skip
    assert limit == csv.field_size_limit()


def test_a_line_that_cannot_be_read_as_a_row_is_rejected_at_its_line_and_the_others_read(
    tmp_path: Path,
) -> None:
    def row(number: int, **cells: str) -> bytes:
        return csv_bytes([CURRENT | {"event_id_cnty": f"KEN{number}"} | cells]).split(b"\r\n")[1]

    latin = row(4, country="C\xf4te d'Ivoire").replace("ô".encode(), b"\xf4")
    data = b"\r\n".join(
        [
            ",".join(CURRENT).encode(),
            row(1),
            row(2).rsplit(b",", 1)[0],  # a cell short
            row(3) + b",x",  # a cell more
            latin,
            row(5, notes="NOTES").replace(b"NOTES", b'"Police"x'),
            row(6),
            row(7, notes="NOTES").replace(b"NOTES", b'"never closed') + b"\r\n" + row(8),
            b"",
        ]
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    dataset, report = acled.read_csv(path)
    assert ["KEN1", "KEN6"] == [event.id for event in dataset.events]
    offset = data.index(b"\xf4")
    assert [
        ("KEN2", "$", f"{path}:3: $: expected 31 cells, one under each column of the header "
                      "(line 1), got 30 [invalid_value]"),
        ("KEN3", "$", f"{path}:4: $: expected 31 cells, one under each column of the header "
                      "(line 1), got 32 [invalid_value]"),
        ("KEN4", "$", f"{path}:5: $: not valid UTF-8: byte 0xf4 at byte offset {offset} in the "
                      "file (invalid continuation byte) [invalid_encoding]"),
        ("KEN5", "$", f"{path}:6: $: text after the quote that closes cell 28: a quoted cell "
                      "ends at its closing quote, got 'x' [invalid_value]"),
        ("KEN7", "$", f"{path}:8: $: the quote that opens cell 28 is never closed: the rest of "
                      "the file is in that cell [invalid_value]"),
    ] == rejected_at(report)  # fmt: skip
    assert 7 == report.rows


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"])
def test_line_ends_a_byte_order_mark_and_line_breaks_in_cells_are_read_as_written(
    tmp_path: Path, end: str
) -> None:
    rows = [
        CURRENT | {"notes": 'Police "fired",\ntwice.'},
        CURRENT | {"event_id_cnty": "KEN2", "latitude": "north"},
        CURRENT | {"event_id_cnty": "KEN3", "location": "Nai\x00robi"},
    ]
    path = tmp_path / "acled.csv"
    path.write_bytes(b"\xef\xbb\xbf# exported 2024-07-01" + end.encode() + csv_bytes(rows, end=end))
    dataset, report = acled.read_csv(path)
    assert 'Police "fired",\ntwice.' == dataset["KEN12345"].summary  # type: ignore[union-attr]
    assert [("KEN2", "latitude", 5), ("KEN3", "location", 6)] == [
        (f.row, f.field, f.problem.line) for f in report.select("rejected") if f.problem
    ]
    assert {str(path)} == {f.problem.file for f in report.select("rejected") if f.problem}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (b"event_id_cnty,C\xf4te", "not valid UTF-8: byte 0xf4 at byte offset 27 in the file "
         "(invalid continuation byte) [invalid_encoding]"),
        (b'event_id_cnty,"notes', "the quote that opens cell 2 is never closed: the rest of "
         "the file is in that cell [invalid_value]"),
    ],
)  # fmt: skip
def test_a_header_that_cannot_be_read_is_the_file_s_problem(
    tmp_path: Path, header: bytes, message: str
) -> None:
    path = tmp_path / "acled.csv"
    path.write_bytes(b"# a comment\n" + header + b"\nKEN1,x\n")
    with pytest.raises(ek.ValidationError) as caught:
        acled.read_csv(path)
    assert [f"{path}:2: $: {message}"] == [str(problem) for problem in caught.value.problems]


def test_a_file_whose_header_names_no_acled_column_is_refused(tmp_path: Path) -> None:
    # A GDELT Mentions CSV read as ACLED gave five events of `extra` alone, without a word.
    path = tmp_path / "mentions.csv"
    path.write_bytes(b"# a comment\nglobaleventid,mentionidentifier\n1,https://example.org/a\n")
    with pytest.raises(ek.ValidationError) as caught:
        acled.read_csv(path)
    [problem] = caught.value.problems
    assert (str(path), 2, ["globaleventid", "mentionidentifier"]) == (
        problem.file,
        problem.line,
        problem.input,
    )
    assert "no column of ACLED's in the header" in problem.message
    # One column of either layout is enough: the rest is kept in `extra`, as always.
    for known in ("notes", "gwno"):
        path.write_bytes(f"{known},mentionidentifier\n1,https://example.org/a\n".encode())
        assert 1 == len(acled.read_csv(path).dataset)


def test_a_column_named_twice_is_read_from_the_one_of_its_cells_with_a_value(
    tmp_path: Path,
) -> None:
    # csv.DictReader kept the last cell of the name, the others silently lost.
    path = tmp_path / "acled.csv"
    path.write_bytes(b"event_id_cnty,notes,notes,,\r\nKEN1,,Protest.,,\r\nKEN2,One.,Two.,,\r\n")
    dataset, report = acled.read_csv(path)
    assert ["Protest."] == [event.summary for event in dataset.events]
    message = (
        "the header (line 1) names the column 'notes' 2 times, and cells 2 and 3 of this row "
        "have a value: which is its value is not known"
    )
    assert [("KEN2", "$", f"{path}:3: $: {message}, got ['One.', 'Two.'] [duplicate_key]")] == (
        rejected_at(report)
    )


def test_an_empty_file_or_a_header_alone_reads_as_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    for data in (b"", b"\xef\xbb\xbf", b"# nothing yet\n", b"event_id_cnty,notes\r\n\r\n"):
        path.write_bytes(data)
        dataset, report = acled.read_csv(path)
        assert (0, 0) == (len(dataset), report.rows)


def test_cells_a_csv_file_quotes_are_written_and_read_back_as_they_were(tmp_path: Path) -> None:
    tricky = ['say "no", twice', "line\r\nbreak", "carriage\rreturn", "", " padded ", "a\x00b"]
    rows = [
        CURRENT | {"event_id_cnty": f"KEN{i}", "notes": notes} for i, notes in enumerate(tricky)
    ]
    dataset, _ = acled.read(rows)
    path = tmp_path / "acled.csv"
    acled.write_csv(dataset, path)
    again, _ = acled.read_csv(path)
    assert acled.write(dataset).rows == acled.write(again).rows


@pytest.mark.usefixtures("full_disk")
def test_a_write_that_fails_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    dataset, _ = acled.read([CURRENT])
    path = tmp_path / "acled.csv"
    path.write_text("as it was\n")
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        acled.write_csv(dataset, path)
    assert ("as it was\n", ["acled.csv"]) == (
        path.read_text(),
        [p.name for p in tmp_path.iterdir()],
    )


def test_a_numeric_date_that_may_be_day_first_or_month_first_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    columns = ["event_id_cnty", "event_date", "year", "time_precision"]
    rows = [["A1", "03/04/2024", "2024", "1"], ["A2", "11/15/2024", "2024", "1"],
            ["A3", "04/04/2024", "2024", "1"]]  # fmt: skip
    path.write_text("\n".join(",".join(cells) for cells in [columns, *rows]) + "\n")
    dataset, report = acled.read_csv(path)  # 03/04/2024 was read as 4 March
    assert {"A2": "2024-11-15", "A3": "2024-04-04"} == {
        event.id: event.when.to_edtf() for event in dataset.events if event.when is not None
    }
    assert [
        f"row 'A1' (#0): event_date rejected: {path}:2: $.event_date: expected a date: "
        "03/04/2024 is 3 April 2024 if its day comes first, 4 March 2024 if its month does; "
        "write it as ACLED does, 2024-04-03 or 2024-03-04, got '03/04/2024' [invalid_value]"
    ] == [str(f) for f in report.select("rejected")]
    assert "03/04/2024" == acled.write(dataset).rows[0]["event_date"]  # kept as it was


@pytest.mark.parametrize("column", ["assoc_actor_1", "source", "tags", "disorder_type"])
def test_a_list_cell_with_an_empty_part_is_rejected_and_kept(column: str) -> None:
    cell = "Students (Kenya); ; Labour Group (Kenya)"
    dataset, report = acled.read([CURRENT | {column: cell}])  # was read as two parts, silently
    [event] = dataset.events
    assert isinstance(event, acled.AcledEvent)
    assert [
        f"row 'KEN12345' (#0): {column} rejected: $.{column}: part 2 of 3 (separated by '; ') "
        f"is empty, got '{cell}' [invalid_value]"
    ] == [str(f) for f in report.select("rejected")]
    assert cell == event.extra[column] == acled.write(dataset).rows[0][column]


@pytest.mark.parametrize(
    ("row", "given"),
    [
        pytest.param(CURRENT | {"time_precision": ""}, "''", id="an empty cell"),
        pytest.param(
            {k: v for k, v in CURRENT.items() if k != "time_precision"}, "''", id="no column"
        ),
        pytest.param(CURRENT | {"time_precision": "4"}, "'4'", id="a value ACLED has not"),
    ],
)
def test_a_date_without_its_precision_is_read_as_the_day_and_the_precision_rejected(
    row: dict[str, str], given: str
) -> None:
    # An empty time_precision was read as 1 (the exact day) without a word in the report.
    dataset, report = acled.read([row])
    [event] = dataset.events
    assert (ek.parse_edtf("2024-06-25"), False) == (event.when, report.complete)
    code = "missing" if given == "''" else "invalid_value"
    assert [
        "row 'KEN12345' (#0): time_precision rejected: $.time_precision: expected 1, 2 or 3"
        f" (how precise event_date is): event_date read as the day, got {given} [{code}]"
    ] == [str(f) for f in report.select("rejected")]
    # The cell is kept as it was, and written back so.
    assert row.get("time_precision", "") == acled.write(dataset).rows[0]["time_precision"]


def test_a_time_precision_written_otherwise_is_reported_changed() -> None:
    # " 2" was reported mapped, and written back as "2".
    dataset, report = acled.read([CURRENT | {"time_precision": " 2"}])
    assert [
        "row 'KEN12345' (#0): time_precision changed to Event.when (its precision): ' 2' -> 2"
        " (a number, written as eventkit does)"
    ] == [str(f) for f in report.fields if f.field == "time_precision"]
    assert "2" == acled.write(dataset).rows[0]["time_precision"]


def test_an_item_holding_the_separator_of_its_cell_is_reported_changed() -> None:
    # "B; C" was written as it was, read back as two actors, two sources and two tags, unreported.
    dataset = ek.Dataset(
        [
            ek.Actor(id="a", name="Police; Army", kind="military"),  # actor1 holds one name
            ek.Actor(id="b", name="B; C", kind="group"),
            ek.Source(id="s", name="Daily; Nation", kind="article"),
            ek.Event(id="e", title="T", when=ek.parse_edtf("2024-11-15"), tags=["x; y", "z"],
                     participants=[ek.Participant(actor="a", role="initiator"),
                                   ek.Participant(actor="b", role="acled.assoc_actor_1")],
                     sources=[ek.Citation(source="s")]),
        ]
    )  # fmt: skip
    rows, report = acled.write(dataset)
    assert ("B; C", "Daily; Nation", "x; y; z") == (
        rows[0]["assoc_actor_1"],
        rows[0]["source"],
        rows[0]["tags"],
    )
    reason = "ACLED separates the items of a cell by '; ': it reads back as 2"
    assert [
        ("participants[1]", "assoc_actor_1", "B; C", ["B", "C"], reason),
        ("tags[0]", "tags", "x; y", ["x", "y"], reason),
        ("sources[0]", "source", "Daily; Nation", ["Daily", "Nation"], reason),
    ] == [(f.field, f.target, f.before, f.after, f.reason) for f in report.select("changed")]


@pytest.mark.parametrize(
    ("column", "cell", "was"),
    [
        ("notes", "  ", "$.summary"),
        ("location", "  ", "$.name"),
        ("sub_event_type", "Nonsense", "$.acled_sub_event"),
    ],
)
def test_a_cell_refused_by_the_record_is_named_at_its_column(
    column: str, cell: str, was: str
) -> None:
    # The problem named the record's field (was), which the row does not have.
    _, report = acled.read([CURRENT | {column: cell}])
    assert [(column, f"$.{column}")] == [
        (f.field, f.problem and f.problem.path) for f in report.select("rejected")
    ]


@pytest.mark.parametrize("year", [" 2024 ", "02024", "+2024"])
def test_a_year_written_otherwise_is_read_and_reported_changed(year: str) -> None:
    # It was kept in extra as "not the year of event_date", which it is.
    dataset, report = acled.read([CURRENT | {"year": year}])
    reason = "a number, written as eventkit does"
    assert [("changed", "Event.when (its year)", year, 2024, reason)] == [
        (f.outcome, f.target, f.before, f.after, f.reason)
        for f in report.fields
        if f.field == "year"
    ]
    assert {} == dataset["KEN12345"].extra  # type: ignore[union-attr]
    assert CURRENT == acled.write(dataset).rows[0]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2024.0", "expected a year, a whole number (2024), got '2024.0'"),
        ("twenty", "expected a year, a whole number (2024), got 'twenty'"),
    ],
)
def test_a_year_that_is_no_whole_number_is_rejected_and_kept(year: str, message: str) -> None:
    # It was kept in extra as "not the year of event_date": that was not what was wrong.
    dataset, report = acled.read([CURRENT | {"year": year}])
    assert [("KEN12345", "year", f"$.year: {message} [invalid_value]")] == rejected_at(report)
    assert CURRENT | {"year": year} == acled.write(dataset).rows[0]


def test_a_year_not_of_the_date_is_kept_as_it_was() -> None:
    dataset, report = acled.read([CURRENT | {"year": "2023"}])
    assert [("mapped", "AcledEvent.extra (not the year of event_date)")] == [
        (f.outcome, f.target) for f in report.fields if f.field == "year"
    ]
    assert CURRENT | {"year": "2023"} == acled.write(dataset).rows[0]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Cote d'Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Democratic Republic of Congo", "COD"),
        ("Vatican City", "VAT"),
        ("Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("kenya", "KEN"),
    ],
)
def test_without_iso_the_country_is_found_by_acled_s_name_of_it(name: str, country: str) -> None:
    # Cote d'Ivoire without its accent, Vatican City and Macedonia had no country.
    row = CURRENT | {"iso": "", "country": name}
    dataset, report = acled.read([row])
    event = dataset["KEN12345"]
    assert isinstance(event, acled.AcledEvent)
    assert (country, name) == (event.place and event.place.country, event.country_name)
    assert [("mapped", "AcledEvent.country_name and Place.country")] == [
        (f.outcome, f.target) for f in report.fields if f.field == "country"
    ]


@pytest.mark.parametrize("name", ["Narnia", "Kosovo", "US"])
def test_a_country_name_of_no_iso_country_is_reported_not_guessed(name: str) -> None:
    # It was reported mapped to country_name as any other ("US" was taken for a name).
    row = CURRENT | {"iso": "", "country": name}
    dataset, report = acled.read([row])
    event = dataset["KEN12345"]
    assert isinstance(event, acled.AcledEvent)
    assert (None, name) == (event.place and event.place.country, event.country_name)
    target = "AcledEvent.country_name (no ISO 3166-1 country of this name: no Place.country)"
    assert [("mapped", target)] == [
        (f.outcome, f.target) for f in report.fields if f.field == "country"
    ]
    assert row == acled.write(dataset).rows[0]


@pytest.mark.parametrize(
    ("killed", "changed"),
    [
        (ek.Quantity(value=156), True),  # exact: it reads back as "at least 156"
        (ek.Quantity(low=10, high=20), True),
        (ek.Quantity(value=156, qualifier="at_least"), False),  # what ACLED's figure means
    ],
)
def test_a_death_toll_acled_reads_back_otherwise_is_reported_changed(
    killed: ek.Quantity, changed: bool
) -> None:
    event = ek.Attack(id="a", title="A", casualties=ek.Casualties(killed=killed))
    rows, report = acled.write(ek.Dataset([event]))
    outcomes = {f.field: f.outcome.value for f in report.fields}
    assert changed == (outcomes.get("casualties.killed") == "changed")
    back = acled.read(rows).dataset["a"]
    assert isinstance(back, ek.Event)
    assert back.casualties is not None
    assert changed == (back.casualties.killed != killed)


def test_a_2016_event_type_the_current_layout_does_not_write_is_reported() -> None:
    dataset, _ = acled.read_csv(SAMPLE)
    _, report = acled.write(dataset)  # the current layout: its own event types
    written = {
        (f.row, f.outcome.value) for f in report.fields if f.field == "codes.original.event_type"
    }
    kept = {
        e.id: e.codes.original["event_type"]
        for e in dataset.events
        if e.codes is not None and "event_type" in e.codes.original
    }
    assert kept  # the sample's 2016 types
    assert {(event_id, "dropped") for event_id in kept} == written
    _, report = acled.write(dataset, layout="2016")  # written as they were read
    assert not [f for f in report.fields if f.field.startswith("codes.original")]
