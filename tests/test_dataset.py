"""Tests for eventkit._dataset: the Dataset, its integrity check, queries and merge."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventkit as ek

D = ek.parse_edtf


@ek.event_type("testds.vigil")
@attrs.frozen(kw_only=True)
class Vigil(ek.Event):
    candles: int = 0


@ek.event_type("testds.candlelit_call")
@attrs.frozen(kw_only=True)
class CandlelitCall(ek.PhoneCall):
    candles: int = 0


@ek.event_type("testds.rally")
@attrs.frozen(kw_only=True)
class Rally(ek.Event):
    speakers: tuple[ek.ActorId, ...] = ()


def seed() -> ek.Dataset:
    return ek.Dataset(
        [
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU"),
            ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person", country="RUS"),
            ek.Actor(id="germany", name="Germany", kind="state", country="DEU"),
            ek.Source(id="kremlin-readout", name="Kremlin readout", kind="readout"),
            ek.Source(id="dpa", name="dpa", kind="news_agency"),
            ek.Source(
                id="article",
                name="The call",
                kind="article",
                derived_from=["dpa", "kremlin-readout"],
            ),
            ek.PhoneCall(
                id="call",
                title="Scholz–Putin phone call",
                when=D("2024-11-15"),
                participants=[
                    ek.Participant(actor="olaf-scholz", role="initiator"),
                    ek.Participant(actor="vladimir-putin", role="recipient"),
                ],
                sources=[ek.Citation(source="article")],
            ),
            ek.Event(
                id="gas-cut",
                title="Gas supplies cut",
                when=D("2022-12"),
                participants=[ek.Participant(actor="vladimir-putin", role="initiator")],
            ),
            ek.Event(id="briefing", title="Planned briefing", status="planned"),
            ek.Statement(
                id="kremlin-says",
                speaker="vladimir-putin",
                text="Agreements must reflect new territorial realities.",
                event="call",
                via="kremlin-readout",
            ),
            ek.Statement(
                id="scholz-says",
                speaker="olaf-scholz",
                text="Russia must withdraw.",
                about=["call", "vladimir-putin"],
                disputes=["kremlin-says"],
            ),
        ],
        name="seed",
    )


def ids(records: object) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


# --- building and changing ------------------------------------------------------


def test_lookup_and_iteration_order() -> None:
    ds = seed()
    assert 11 == len(ds)
    assert "call" in ds
    assert "nobody" not in ds
    assert "Olaf Scholz" == ds["olaf-scholz"].name  # type: ignore[union-attr]
    assert ds.get("nobody") is None
    assert ["olaf-scholz", "vladimir-putin", "germany", "kremlin-readout"] == ids(ds)[:4]
    assert ids(ds) == list(ds.ids)


def test_kind_properties_in_insertion_order() -> None:
    ds = seed()
    assert ["olaf-scholz", "vladimir-putin", "germany"] == ids(ds.actors)
    assert ["kremlin-readout", "dpa", "article"] == ids(ds.sources)
    assert ["call", "gas-cut", "briefing"] == ids(ds.events)
    assert ["kremlin-says", "scholz-says"] == ids(ds.statements)
    assert () == ds.unknown
    assert isinstance(ds.events, tuple)


def test_contains_a_record_only_if_unchanged() -> None:
    ds = seed()
    assert ds["dpa"] in ds
    assert ek.Source(id="dpa", name="DPA", kind="news_agency") not in ds
    assert 3 not in ds


def test_missing_id_raises_a_key_error() -> None:
    with pytest.raises(KeyError) as err:
        seed()["nobody"]
    assert isinstance(err.value, ek.EventkitError)
    assert "no record with id 'nobody' in the dataset" == str(err.value)


def test_adding_an_equal_record_is_a_no_op() -> None:
    ds = seed()
    ds.add(ek.Source(id="dpa", name="dpa", kind="news_agency"))
    assert 11 == len(ds)


def test_adding_a_different_record_under_a_taken_id_is_a_conflict() -> None:
    ds = seed()
    changed = ek.Source(id="dpa", name="Deutsche Presse-Agentur", kind="news_agency")
    new = ek.Actor(id="new", name="New", kind="person")
    with pytest.raises(ek.MergeConflictError) as err:
        ds.add(new, changed)
    assert (
        "1 problem in Dataset 'seed'\n"
        "  record 'dpa': $: two different records have this id; they differ in: name, "
        "got Conflict(id='dpa', fields=('name',)) [conflict]"
    ) == str(err.value)
    conflict = err.value.problems[0].input
    assert (ds["dpa"], changed) == (conflict.left, conflict.right)
    assert "new" not in ds  # all or nothing


def test_conflicts_within_one_add_call() -> None:
    with pytest.raises(ek.MergeConflictError) as err:
        ek.Dataset(
            [ek.Actor(id="a", name="A", kind="person"), ek.Actor(id="a", name="B", kind="person")]
        )
    assert ["conflict"] == [p.code for p in err.value.problems]


def test_adding_something_that_is_not_a_record() -> None:
    with pytest.raises(ek.ValidationError) as err:
        ek.Dataset().add(ek.Actor(id="a", name="A", kind="person"), {"id": "x"})  # type: ignore[arg-type]
    assert (
        "1 problem in Dataset\n"
        "  $[1]: expected a record (Actor, Source, Event, Statement, Provenance), got {'id': 'x'} "
        "[invalid_type]"
    ) == str(err.value)


def test_something_that_is_not_a_record_hides_no_conflict() -> None:
    # The invalid item was raised alone; the conflict showed only once it was gone.
    first = ek.Actor(id="gazprom", name="Gazprom", kind="company")
    second = ek.Actor(id="gazprom", name="Gazprom PJSC", kind="company")
    with pytest.raises(ek.ValidationError) as err:
        ek.Dataset([first, second, None])  # type: ignore[list-item]
    assert (
        "2 problems in Dataset\n"
        "  record 'gazprom': $: two different records have this id; they differ in: name, "
        "got Conflict(id='gazprom', fields=('name',)) [conflict]\n"
        "  $[2]: expected a record (Actor, Source, Event, Statement, Provenance), got None "
        "[invalid_type]"
    ) == str(err.value)
    # Not a MergeConflictError: that would say the records were the only trouble.
    assert ek.ValidationError is type(err.value)
    ds = ek.Dataset([first])
    with pytest.raises(ek.ValidationError) as err:
        ds.add(None, second)  # type: ignore[arg-type]
    assert [("$[0]", "invalid_type"), ("$", "conflict")] == [
        (p.path, p.code) for p in err.value.problems
    ]
    assert [first] == list(ds)  # all or nothing


def test_unknown_records_need_an_id() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, {"type": "acme.rally", "size": 3}, keep_unknown=True)
    assert [("$.type", "unknown_type"), ("$.id", "missing")] == [
        (p.path, p.code) for p in info.value.problems
    ]
    for bad in ([1], {"a": 1}, 7, "a b"):
        with pytest.raises(ek.ValidationError):
            ek.from_dict(ek.Record, {"type": "acme.rally", "id": bad}, keep_unknown=True)
    with pytest.raises(ek.ValidationError) as err:
        ek.UnknownRecord(data={"type": "acme.rally", "size": 3})
    assert (
        "1 problem in UnknownRecord\n"
        "  $.id: required field missing: a record kept as it is needs its id [missing]"
    ) == str(err.value)


def test_replace_overwrites_in_place_and_inserts_new() -> None:
    ds = seed()
    ds.replace(ek.Actor(id="germany", name="Federal Republic of Germany", kind="state"))
    ds.replace(ek.Actor(id="france", name="France", kind="state"))
    assert "Federal Republic of Germany" == ds["germany"].name  # type: ignore[union-attr]
    assert ["olaf-scholz", "vladimir-putin", "germany", "france"] == ids(ds.actors)
    assert "france" == ids(ds)[-1]


def test_remove() -> None:
    ds = seed()
    removed = ds.remove("briefing")
    assert ("briefing", 10) == (removed.id, len(ds))
    with pytest.raises(ek.RecordNotFoundError, match="no record with id 'briefing'"):
        ds.remove("briefing")


def test_copy_is_independent() -> None:
    ds = seed()
    snapshot = ds.copy()
    ds.remove("call")
    assert ("call" in snapshot, "call" in ds, "seed") == (True, False, snapshot.name)


def test_mutating_while_iterating_raises() -> None:
    ds = seed()
    records = iter(ds)
    ds.remove(next(records).id)
    with pytest.raises(RuntimeError, match="dictionary changed size during iteration"):
        next(records)


def test_equality_ignores_order_and_name() -> None:
    ds = seed()
    assert ek.Dataset(reversed(list(ds)), name="other") == ds
    other = seed()
    other.remove("briefing")
    assert other != ds
    assert ds != list(ds)
    with pytest.raises(TypeError, match="unhashable"):
        hash(ds)


def test_repr() -> None:
    assert "<Dataset 'seed': 11 records (3 actors, 3 sources, 3 events, 2 statements)>" == repr(
        seed()
    )
    assert "<Dataset: 0 records>" == repr(ek.Dataset())
    assert "<Dataset: 1 record (1 actor)>" == repr(
        ek.Dataset([ek.Actor(id="a", name="A", kind="person")])
    )


# --- queries ------------------------------------------------------------------


def test_events_of_an_actor_with_and_without_role() -> None:
    ds = seed()
    assert ["call", "gas-cut"] == ids(ds.events_of("vladimir-putin"))
    assert ["gas-cut"] == ids(ds.events_of("vladimir-putin", role="initiator"))
    assert ["call"] == ids(ds.events_of("vladimir-putin", role=ek.ParticipantRole.RECIPIENT))
    assert [] == ds.events_of("nobody")


ROLES = (
    "initiator, recipient, participant, target, perpetrator, victim, mediator, host, observer, "
    "donor, beneficiary, supplier, consumer, subject or a namespaced custom value such as "
    "'acme.custom'"
)


def test_events_of_refuses_a_role_or_certainty_no_participant_can_have() -> None:
    # A typo gave [], as if the actor had no such events.
    with pytest.raises(ek.ValidationError) as err:
        seed().events_of("vladimir-putin", role="recipeint", certainty=["alleged", "sure", None])
    assert (
        "2 problems in events_of\n"
        f"  $.role: unknown participant role; expected one of: {ROLES}, got 'recipeint' "
        '[invalid_value] (did you mean "recipient"?)\n'
        "  $.certainty[1]: unknown certainty; expected one of: confirmed, claimed, alleged, "
        "suspected, denied, got 'sure' [invalid_value]"
    ) == str(err.value)
    with pytest.raises(ek.ValidationError) as err:
        seed().events_of("vladimir-putin", certainty="sure")
    assert [("$.certainty", "invalid_value")] == [(p.path, p.code) for p in err.value.problems]
    with pytest.raises(ek.ValidationError) as err:
        seed().events_of("vladimir-putin", role=3)  # type: ignore[arg-type]
    assert ["$.role"] == [p.path for p in err.value.problems]


def test_events_of_takes_what_a_participant_takes() -> None:
    ds = ek.Dataset(
        [
            ek.Event(
                id="e",
                title="E",
                participants=[
                    ek.Participant(actor="a", role="acme.sponsor", certainty="denied"),
                    ek.Participant(actor="b"),
                ],
            )
        ]
    )
    assert ["e"] == ids(ds.events_of("a", role="acme.sponsor", certainty=ek.Certainty.DENIED))
    assert ["e"] == ids(ds.events_of("a", certainty=("claimed", ek.Certainty.DENIED)))
    assert ["e"] == ids(ds.events_of("b", certainty=[None]))
    assert [] == ds.events_of("a", role="host", certainty="denied")


def test_an_actor_twice_in_one_event_gives_the_event_once() -> None:
    ds = ek.Dataset(
        [
            ek.Event(
                id="e",
                title="E",
                participants=[ek.Participant(actor="a"), ek.Participant(actor="a", role="host")],
            )
        ]
    )
    assert ["e"] == ids(ds.events_of("a"))
    assert ["e"] == ids(ds.events_of("a", role="host"))


def test_events_between_respects_precision() -> None:
    ds = seed()
    assert ["gas-cut"] == ids(ds.events_between("2022-12-15", "2022-12-15"))
    assert ["gas-cut"] == ids(ds.events_between(D("2022-12-31T23:59"), "2023"))
    assert [] == ids(ds.events_between("2023-01-01", "2024-11-14"))
    assert ["gas-cut", "call"] == ids(ds.events_between("2022", "2024"))
    assert ["call"] == ids(ds.events_between(start="2024-11-15T18:00+01:00"))
    assert ["gas-cut"] == ids(ds.events_between(end="2022-12-01"))
    assert ["gas-cut", "call"] == ids(ds.events_between())


def test_events_between_with_spans_and_open_ends() -> None:
    ds = ek.Dataset(
        [
            ek.Event(id="war", title="War", when=D("2022-02-24/..")),
            ek.Event(id="before", title="Before", when=D("../2014")),
            ek.Event(id="talks", title="Talks", when=D("2024-11-15/2024-11-18")),
            ek.Event(id="decade", title="Decade", when=D("2000/2009")),
            ek.Event(id="day", title="Day", when=D("2024-11-20")),
        ]
    )
    assert ["war", "talks"] == ids(ds.events_between("2024-11-18", "2024-11-18"))
    assert ["before", "decade"] == ids(ds.events_between("2005", "2005"))
    assert ["before", "decade", "war", "talks", "day"] == ids(ds.events_between())
    assert ["before", "decade", "war"] == ids(ds.events_between("2001", "2022-06"))
    # A window given as a span: from its start's earliest to its end's latest.
    assert ["war", "talks", "day"] == ids(
        ds.events_between(D("2024-11/2024-12"), D("2024-11/2024-12"))
    )


def test_events_between_rejects_a_non_date() -> None:
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between(2024)  # type: ignore[arg-type]
    assert (
        "$.start: the start of a window must be a PartialDate, TimeSpan, EDTF string, date, "
        "aware datetime or None, got 2024 [invalid_type]"
    ) == str(err.value.problems[0])
    with pytest.raises(ek.ValidationError, match=r"\[invalid_value\]"):
        seed().events_between("15/11/2024")


def test_events_between_says_which_bound_is_wrong() -> None:
    # a naive datetime or bad EDTF was reported at $, not at the argument
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between("2024", datetime(2024, 11, 15))  # noqa: DTZ001 -- the point
    assert ["$.end"] == [p.path for p in err.value.problems]
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between("2024-13")
    assert ["$.start"] == [p.path for p in err.value.problems]


def test_events_between_refuses_a_window_ending_before_it_starts() -> None:
    # A swapped pair of bounds returned events, as if the window were real.
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between("2024-12", "2024-11")
    assert (
        "1 problem in events_between\n"
        "  $.end: must not be before the start (2024-12), got '2024-11' [invalid_value]"
    ) == str(err.value)
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between(date(2024, 11, 16), D("2024-11-01/2024-11-15"))
    assert (
        "$.end: must not be before the start (2024-11-16), got '2024-11-01/2024-11-15' "
        "[invalid_value]"
    ) == str(err.value.problems[0])
    # Bounds that overlap make a window: all of November 2024.
    assert ["call"] == ids(seed().events_between("2024-11-15", "2024-11"))


def test_events_between_reports_both_bad_bounds() -> None:
    with pytest.raises(ek.ValidationError) as err:
        seed().events_between("2024-13", 2024)  # type: ignore[arg-type]
    assert [("$.start", "invalid_value"), ("$.end", "invalid_type")] == [
        (p.path, p.code) for p in err.value.problems
    ]


dates = st.builds(
    lambda year, month, day: ek.PartialDate(year=year, month=month, day=day if month else None),
    st.integers(2000, 2003),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 28),
)


def _span(ends: tuple[ek.PartialDate | None, ek.PartialDate | None]) -> ek.TimeSpan:
    start, end = ends
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return ek.TimeSpan(start=start, end=end)


whens = st.one_of(
    dates,
    st.tuples(st.one_of(st.none(), dates), st.one_of(st.none(), dates))
    .filter(lambda ends: ends != (None, None))
    .map(_span),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.none(), whens), max_size=25),
    st.one_of(st.none(), dates),
    st.one_of(st.none(), dates),
)
def test_events_between_agrees_with_a_scan(
    times: list[ek.When | None], start: ek.PartialDate | None, end: ek.PartialDate | None
) -> None:
    ds = ek.Dataset(ek.Event(id=f"e{i}", title="E", when=when) for i, when in enumerate(times))
    assert _scan(ds, start, end) == _between(ds, start, end)


times_of_day = st.builds(
    lambda year, month, day, hour, minute, second, offset: ek.PartialDate(
        year=year,
        month=month,
        day=day,
        hour=hour,
        minute=minute,
        second=second if minute is not None else None,
        utc_offset=offset,
    ),
    st.integers(2000, 2003),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.one_of(st.none(), st.integers(0, 59)),
    st.one_of(st.none(), st.integers(0, 59)),
    st.one_of(st.none(), st.sampled_from([-18 * 60, -300, 0, 60, 330, 18 * 60])),
)
points = st.one_of(
    dates, times_of_day, st.integers(2000, 2003).map(lambda y: ek.PartialDate(year=y))
)
any_whens = st.one_of(
    points,
    st.tuples(st.one_of(st.none(), points), st.one_of(st.none(), points))
    .filter(lambda ends: ends != (None, None))
    .map(_span),
)


def _scan(ds: ek.Dataset, start: ek.When | None, end: ek.When | None) -> list[str] | None:
    """What events_between must return, found the slow way: test every event.

    None for a window ending before it starts, which is refused.
    """
    window_low = None if start is None else start.earliest
    window_high = None if end is None else end.latest
    if window_low is not None and window_high is not None and window_high < window_low:
        return None

    def overlaps(event: ek.Event) -> bool:
        if event.when is None:
            return False
        low, high = event.when.earliest, event.when.latest
        return (window_high is None or low is None or low <= window_high) and (
            window_low is None or high is None or high >= window_low
        )

    return ids(sorted((e for e in ds.events if overlaps(e)), key=lambda e: e.when))  # type: ignore[arg-type,return-value]


def _between(ds: ek.Dataset, start: ek.When | None, end: ek.When | None) -> list[str] | None:
    """What events_between returns, or None if it refuses the window as ending before it starts."""
    try:
        return ids(ds.events_between(start, end))
    except ek.ValidationError as error:
        if [("$.end", "invalid_value")] != [(p.path, p.code) for p in error.problems]:
            raise
        return None


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.one_of(st.none(), any_whens), max_size=40),
    st.one_of(st.none(), any_whens),
    st.one_of(st.none(), any_whens),
)
def test_events_between_and_timeline_agree_with_a_scan_at_every_precision(
    times: list[ek.When | None], start: ek.When | None, end: ek.When | None
) -> None:
    # Times of day with offsets, years, spans and open ends; windows of any kind,
    # even inverted ones (refused). Many distinct span lengths exercise the duration classes.
    ds = ek.Dataset(ek.Event(id=f"e{i}", title="E", when=when) for i, when in enumerate(times))
    assert _scan(ds, start, end) == _between(ds, start, end)
    dated = sorted((e for e in ds.events if e.when is not None), key=lambda e: e.when)  # type: ignore[arg-type,return-value]
    undated = [e for e in ds.events if e.when is None]
    assert ids(dated + undated) == ids(ds.timeline())


def test_events_between_finds_long_events_among_many_lengths() -> None:
    # More distinct durations than get a run of their own: spans from each day
    # of February 2001 that end in March (and reach the window) or on 28 February
    # (and miss it by a microsecond).
    reach = [
        ek.Event(id=f"reach-{d}", title="R", when=D(f"2001-02-{29 - d:02d}/2001-03-{d:02d}"))
        for d in range(1, 29)
    ]
    miss = [
        ek.Event(id=f"miss-{d}", title="M", when=D(f"2001-02-{29 - d:02d}/2001-02-28"))
        for d in range(1, 29)
    ]
    ds = ek.Dataset(
        [
            *miss,
            *reach,
            ek.Event(id="decade", title="D", when=D("1995/2004")),
            ek.Event(id="ended", title="E", when=D("1995/2001-02-28")),
            ek.Event(id="second", title="S", when=D("2001-02-28T23:59:59-01:00")),
            ek.Event(id="just-before", title="B", when=D("2001-02-28T23:59:59+00:00")),
        ]
    )
    expected = ["decade", *(f"reach-{d}" for d in range(28, 0, -1)), "second"]
    assert expected == ids(ds.events_between("2001-03-01", "2001-03-01"))
    assert expected == _scan(ds, D("2001-03-01"), D("2001-03-01"))


def test_events_between_agrees_with_a_scan_on_many_spans() -> None:
    # Hundreds of spans of all lengths (so most share a duration class, not an
    # exact duration) and points of every precision, against windows of every size.
    rng = random.Random(6)

    def day(offset: int) -> ek.PartialDate:
        moment = date(2000, 1, 1) + timedelta(days=offset)
        return ek.PartialDate(year=moment.year, month=moment.month, day=moment.day)

    times: list[ek.When] = []
    for _ in range(300):
        first = rng.randint(0, 1500)
        last = first + rng.randint(0, rng.choice((3, 40, 400)))
        times += [ek.TimeSpan(start=day(first), end=day(last)), day(rng.randint(0, 1800))]
    times += [ek.PartialDate(year=y) for y in range(2000, 2006)]
    times += [ek.PartialDate(year=2002, month=m) for m in range(1, 13)]
    ds = ek.Dataset(ek.Event(id=f"e{i}", title="E", when=when) for i, when in enumerate(times))
    for _ in range(40):
        first = rng.randint(0, 1800)
        start, end = day(first), day(first + rng.randint(0, rng.choice((0, 10, 200))))
        assert _scan(ds, start, end) == ids(ds.events_between(start, end))


def test_events_between_knows_leap_years_and_month_lengths() -> None:
    ds = ek.Dataset(
        [
            ek.Event(id="2000", title="Y", when=D("2000")),
            ek.Event(id="2000-02", title="M", when=D("2000-02")),
            ek.Event(id="2001-02", title="M", when=D("2001-02")),
        ]
    )
    assert ["2000"] == ids(ds.events_between("2000-12-31", "2000-12-31"))
    assert ["2000", "2000-02"] == ids(ds.events_between("2000-02-29", "2000-02-29"))
    assert [] == ids(ds.events_between("2001-03-01T00:00:00+00:00", "2001-03-01"))
    assert ["2001-02"] == ids(ds.events_between("2001-02-28T23:59:59+00:00", "2001-03"))


def test_events_of_type_includes_subtypes() -> None:
    ds = seed()
    ds.add(
        Vigil(id="vigil", title="Vigil", candles=40),
        CandlelitCall(id="cc", title="Call by candlelight"),
    )
    ds.add(ek.PhoneCall(id="call-2", title="Second call"))
    assert ["call", "cc", "call-2"] == ids(ds.events_of_type(ek.PhoneCall))
    assert ["call", "cc", "call-2"] == ids(ds.events_of_type(ek.Communication))
    assert ["vigil"] == ids(ds.events_of_type(Vigil))
    assert 40 == ds.events_of_type(Vigil)[0].candles
    assert ["call", "gas-cut", "briefing", "vigil", "cc", "call-2"] == ids(
        ds.events_of_type(ek.Event)
    )


def test_events_of_type_takes_a_type_tag() -> None:
    # A tag raised "issubclass() arg 2 must be a class"; it names the class, as in JSON.
    ds = seed()
    ds.add(CandlelitCall(id="cc", title="Call by candlelight"))
    assert ["call", "cc"] == ids(ds.events_of_type("phone_call"))
    assert ["cc"] == ids(ds.events_of_type("testds.candlelit_call"))
    assert [] == ds.events_of_type("negotiation")
    with pytest.raises(ek.UnknownTypeError) as err:
        ds.events_of_type("phone_cal")
    assert [
        "$.cls: unknown type 'phone_cal', got 'phone_cal' [unknown_type] "
        '(did you mean "phone_call"?)'
    ] == [str(p) for p in err.value.problems]
    with pytest.raises(ek.ValidationError) as wrong:
        ds.events_of_type("actor")
    assert ["$.cls: type 'actor' is an Actor, not an Event, got 'actor' [wrong_type]"] == [
        str(p) for p in wrong.value.problems
    ]


def test_events_of_type_refuses_what_is_no_event_type() -> None:
    with pytest.raises(TypeError) as err:
        seed().events_of_type(ek.Actor)  # type: ignore[type-var]
    assert (
        "events_of_type takes an Event class or an event type tag such as 'phone_call', "
        "not the class Actor"
    ) == str(err.value)
    with pytest.raises(TypeError) as err:
        seed().events_of_type(ek.PhoneCall(id="c", title="C"))  # type: ignore[call-overload]
    assert str(err.value).endswith(", not PhoneCall")


def test_statements_by_and_about() -> None:
    ds = seed()
    assert ["kremlin-says"] == ids(ds.statements_by("vladimir-putin"))
    assert ["kremlin-says", "scholz-says"] == ids(ds.statements_about("call"))
    assert ["scholz-says"] == ids(ds.statements_about("vladimir-putin"))
    assert [] == ds.statements_by("nobody")


def test_a_subject_named_twice_gives_the_statement_once() -> None:
    ds = ek.Dataset(
        [
            ek.Statement(id="s1", speaker="a", text="…", event="call", about=["call", "x", "x"]),
            ek.Statement(id="s2", speaker="a", text="…", about=["x"]),
        ]
    )
    assert ["s1"] == ids(ds.statements_about("call"))
    assert ["s1", "s2"] == ids(ds.statements_about("x"))
    assert [] == ds.events_of_type(ek.PhoneCall)


def test_timeline_orders_by_time_then_insertion_with_undated_last() -> None:
    ds = seed()
    ds.add(
        ek.Event(id="same-day", title="Same day", when=D("2024-11-15")),
        ek.Event(id="that-month", title="November", when=D("2024-11")),
        ek.Event(id="open", title="Since", when=D("../2024")),
    )
    assert ["open", "gas-cut", "that-month", "call", "same-day", "briefing"] == ids(ds.timeline())


def test_actors_where() -> None:
    ds = seed()
    assert ["olaf-scholz", "germany"] == ids(ds.actors_where(country="DEU"))
    assert ["olaf-scholz", "vladimir-putin"] == ids(ds.actors_where(kind=ek.ActorKind.PERSON))
    assert ["germany"] == ids(ds.actors_where(kind="state", country="DEU"))
    assert ids(ds.actors) == ids(ds.actors_where())
    assert [] == ds.actors_where(kind="acme.militia")  # a custom kind is a kind


def test_actors_where_refuses_what_no_actor_can_have_as_events_of_does() -> None:
    # A typo or a lower-case code gave an empty answer, as if no actor matched.
    with pytest.raises(ek.ValidationError) as error:
        seed().actors_where(kind="persn", country="deu")
    found = [(p.path, p.code) for p in error.value.problems]
    assert [("$.kind", "invalid_value"), ("$.country", "invalid_value")] == found
    assert "unknown actor kind" in error.value.problems[0].message
    assert "alpha-3 country code such as DEU" in error.value.problems[1].message


@pytest.mark.parametrize("method", ["conflicts", "merge"])
def test_conflicts_and_merge_take_a_dataset(method: str) -> None:
    with pytest.raises(TypeError, match=f"{method} takes another eventkit.Dataset, not list"):
        getattr(seed(), method)([ek.Actor(id="a", name="A", kind="person")])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.none(), any_whens), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), max_size=60),
    st.lists(st.integers(1, 12), min_size=1, max_size=8),
    st.one_of(st.none(), any_whens),
    st.one_of(st.none(), any_whens),
)
def test_indexes_extended_by_add_answer_as_indexes_built_at_once(
    pool: list[ek.When | None],
    picks: list[int],
    batches: list[int],
    start: ek.When | None,
    end: ek.When | None,
) -> None:
    # add extends the time index (in parts merged as they grow) instead of
    # dropping it: every answer after each batch is the one a fresh index gives,
    # events at the same time in insertion order (few times: many ties).
    events = [
        ek.Event(
            id=f"e{i}",
            title="E",
            when=pool[pick % len(pool)],
            sources=[ek.Citation(source=f"s{i % 3}")],
        )
        for i, pick in enumerate(picks)
    ]
    growing = ek.Dataset()
    done = 0
    for size in itertools.cycle(batches):
        if done >= len(events):
            break
        growing.add(*events[done : done + size])
        done += size
        fresh = ek.Dataset(events[:done])
        assert _between(fresh, start, end) == _between(growing, start, end)
        assert ids(fresh.timeline()) == ids(growing.timeline())
        assert ids(fresh.reported_by("s1")) == ids(growing.reported_by("s1"))
        assert _scan(fresh, start, end) == _between(growing, start, end)


def test_indexes_follow_changes() -> None:
    ds = seed()
    assert ["call"] == ids(ds.events_of("olaf-scholz"))
    ds.add(
        ek.Event(
            id="meeting",
            title="M",
            when=D("2024-12"),
            participants=[ek.Participant(actor="olaf-scholz")],
        )
    )
    assert ["call", "meeting"] == ids(ds.events_of("olaf-scholz"))
    assert ["call", "meeting"] == ids(ds.events_between("2024"))
    assert "meeting" == ids(ds.events)[-1]
    ds.replace(ek.Event(id="meeting", title="M", when=D("2025")))
    assert ["call"] == ids(ds.events_of("olaf-scholz"))
    assert ["call"] == ids(ds.events_between("2024", "2024"))
    ds.remove("call")
    assert [] == ds.events_of("olaf-scholz")
    assert ["gas-cut", "meeting", "briefing"] == ids(ds.timeline())


@pytest.mark.parametrize(
    ("threshold", "code"),
    [
        (1.5, "invalid_value"),
        (-1, "invalid_value"),
        (float("nan"), "invalid_value"),
        ("0.7", "invalid_type"),
        (None, "invalid_type"),
        (True, "invalid_type"),
    ],
)
@pytest.mark.parametrize("query", ["duplicate_events", "similar_actors"])
def test_a_threshold_must_be_a_score_from_0_to_1(threshold: object, code: str, query: str) -> None:
    # 1.5 and NaN gave [], -1 was taken, "0.7" and None raised TypeError only
    # when a pair was compared: the answer depended on the data, not the mistake.
    ds = ek.Dataset(
        [
            ek.Actor(id="scholz", name="Scholz", kind="person"),
            ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ek.Event(id="a", title="Call", when=D("2024-11-15")),
            ek.Event(id="b", title="Call", when=D("2024-11-15")),
        ]
    )
    for dataset in (ds, ek.Dataset()):
        with pytest.raises(ek.ValidationError) as err:
            getattr(dataset, query)(threshold=threshold)
        assert [("$.threshold", code)] == [(p.path, p.code) for p in err.value.problems]
    assert (
        f"1 problem in {query}\n"
        f"  $.threshold: expected a score from 0 to 1, got {threshold!r} [{code}]"
    ) == str(err.value)


def test_a_threshold_may_be_any_number_from_0_to_1() -> None:
    ds = ek.Dataset([ek.Event(id="a", title="Call"), ek.Event(id="b", title="Call")])
    assert [("a", "b")] == [c.events for c in ds.duplicate_events(threshold=0)]
    assert [] == ds.similar_actors(threshold=1)


# --- integrity --------------------------------------------------------------------


def test_a_consistent_dataset_checks_clean() -> None:
    report = seed().check()
    assert (True, 11, "seed") == (report.valid, report.records, report.source)
    seed().validate()


def test_check_reports_every_dangling_reference_and_wrong_kind() -> None:
    ds = ek.Dataset(
        [
            ek.Actor(
                id="scholz",
                name="Scholz",
                kind="person",
                roles=[ek.Role(title="Chancellor", organisation="gov")],
            ),
            ek.Source(
                id="art",
                name="Article",
                kind="article",
                author="scholz",
                publisher="nobody",
                derived_from=["scholz"],
            ),
            ek.Event(
                id="call",
                title="Call",
                participants=[ek.Participant(actor="call")],
                related=[ek.Relation(kind="follows", event="art")],
                sources=[ek.Citation(source="missing-source")],
            ),
            ek.Statement(
                id="s",
                speaker="art",
                text="…",
                event="scholz",
                about=["call", "scholz", "art"],
                via="call",
                responds_to=["call"],
                disputes=["gone"],
                sources=[ek.Citation(source="art")],
            ),
        ]
    )
    report = ds.check()
    assert [
        ("scholz", "$.roles[0].organisation", "dangling_reference", "gov"),
        ("art", "$.publisher", "dangling_reference", "nobody"),
        ("art", "$.derived_from[0]", "wrong_reference_kind", "scholz"),
        ("call", "$.participants[0].actor", "wrong_reference_kind", "call"),
        ("call", "$.related[0].event", "wrong_reference_kind", "art"),
        ("call", "$.sources[0].source", "dangling_reference", "missing-source"),
        ("s", "$.speaker", "wrong_reference_kind", "art"),
        ("s", "$.event", "wrong_reference_kind", "scholz"),
        ("s", "$.about[2]", "wrong_reference_kind", "art"),
        ("s", "$.via", "wrong_reference_kind", "call"),
        ("s", "$.responds_to[0]", "wrong_reference_kind", "call"),
        ("s", "$.disputes[0]", "dangling_reference", "gone"),
    ] == [(p.record, p.path, p.code, p.input) for p in report.problems]
    assert [
        "expected the id of a source, but this is an actor",
        "expected the id of an actor, but this is an event",
        "expected the id of an event, but this is a source",
        "expected the id of an actor, but this is a source",
        "expected the id of an event, but this is an actor",
        "expected the id of an actor or an event, but this is a source",
        "expected the id of a source, but this is an event",
        "expected the id of a statement, but this is an event",
    ] == [p.message for p in report.by_code("wrong_reference_kind")]
    assert (
        "record 'call': $.participants[0].actor: expected the id of an actor, "
        "but this is an event, got 'call' [wrong_reference_kind]"
    ) == str(report.problems[3])
    assert {"wrong_reference_kind": 8, "dangling_reference": 4} == report.counts()
    missing = report.by_code("dangling_reference")[0]
    assert ("scholz", ("roles", 0, "organisation"), "gov") == (
        missing.record,
        missing.loc,
        missing.input,
    )


def test_references_to_unknown_records_are_accepted() -> None:
    rally = ek.from_dict(ek.Record, {"type": "acme.rally", "id": "rally"}, keep_unknown=True)
    ds = ek.Dataset([rally, ek.Statement(id="s", speaker="rally", text="…", event="rally")])
    assert ds.check().valid
    assert (rally,) == ds.unknown


def test_validate_raises_with_every_problem() -> None:
    ds = ek.Dataset([ek.Statement(id="s", speaker="a", text="…", event="e")])
    with pytest.raises(ek.ValidationError) as err:
        ds.validate()
    assert (
        "2 problems in Dataset\n"
        "  record 's': $.speaker: no record has this id, got 'a' [dangling_reference]\n"
        "  record 's': $.event: no record has this id, got 'e' [dangling_reference]"
    ) == str(err.value)


# --- merge ------------------------------------------------------------------------


def call(*sources: str, title: str = "Call") -> ek.Event:
    return ek.Event(id="call", title=title, sources=[ek.Citation(source=s) for s in sources])


def test_merge_unions_and_dedupes_without_changing_the_inputs() -> None:
    left = ek.Dataset([ek.Actor(id="a", name="A", kind="person"), call("dpa")], name="left")
    right = ek.Dataset([call("dpa"), ek.Actor(id="b", name="B", kind="person")])
    merged = left.merge(right)
    assert (["a", "call", "b"], "left") == (ids(merged), merged.name)
    assert (2, 2) == (len(left), len(right))
    merged_again, report = left.merge(right, policy="left")
    assert (merged, True) == (merged_again, report.valid)


def test_merge_conflict_reports_both_versions() -> None:
    left = ek.Dataset([call("dpa")], name="left")
    right = ek.Dataset([call("afp", title="Phone call")], name="right")
    with pytest.raises(ek.MergeConflictError) as err:
        left.merge(right)
    assert (
        "1 problem in merge of Dataset 'left' and Dataset 'right'\n"
        "  record 'call': $: two different records have this id; they differ in: title, sources, "
        "got Conflict(id='call', fields=('title', 'sources')) [conflict]"
    ) == str(err.value)
    conflict = err.value.problems[0].input
    assert (call("dpa"), call("afp", title="Phone call")) == (conflict.left, conflict.right)
    assert {
        "id": "call",
        "fields": ["title", "sources"],
        "left": {"type": "event", "id": "call", "title": "Call", "sources": [{"source": "dpa"}]},
        "right": {
            "type": "event",
            "id": "call",
            "title": "Phone call",
            "sources": [{"source": "afp"}],
        },
    } == conflict.to_dict()
    assert [conflict] == [p.input for p in err.value.problems]
    assert ["call"] == [c.id for c in left.conflicts(right)]


@pytest.mark.parametrize(
    ("policy", "kept", "message"),
    [
        (
            "left",
            ["dpa"],
            "kept the left version; the right one differs in: sources; "
            "its citations of 'afp' are not kept",
        ),
        (
            "right",
            ["afp"],
            "kept the right version; the left one differs in: sources; "
            "its citations of 'dpa' are not kept",
        ),
        ("union", ["dpa", "afp"], "combined the two versions' sources"),
    ],
)
def test_merge_policies_never_drop_a_citation_silently(
    policy: Literal["left", "right", "union"], kept: list[str], message: str
) -> None:
    left, right = (
        ek.Dataset([call("dpa")]),
        ek.Dataset([call("afp")]),
    )
    merged, report = left.merge(right, policy=policy)
    assert kept == [c.source for c in merged["call"].sources]  # type: ignore[union-attr]
    assert [("call", "conflict", message)] == [
        (p.record, p.code, p.message) for p in report.problems
    ]
    assert (call("dpa"), call("afp")) == (
        report.problems[0].input.left,
        report.problems[0].input.right,
    )


def test_a_kept_version_citing_the_same_source_without_the_excerpt_says_so() -> None:
    quoted = ek.Event(
        id="call", title="Call", sources=[ek.Citation(source="dpa", excerpt="Scholz called")]
    )
    left, right = ek.Dataset([call("dpa")]), ek.Dataset([quoted])
    _, report = left.merge(right, policy="left")
    assert [
        "kept the left version; the right one differs in: sources; its citations of "
        "'dpa' with excerpt 'Scholz called' are not kept"
    ] == [p.message for p in report.problems]


def test_union_combines_collections_keeping_order() -> None:
    left = ek.Dataset(
        [
            ek.Actor(
                id="a", name="A", kind="person", aliases=["Al"], identifiers={"wikidata": "Q1"}
            ),
            ek.Source(id="s", name="S", kind="article", derived_from=["x"]),
        ]
    )
    right = ek.Dataset(
        [
            ek.Actor(
                id="a", name="A", kind="person", aliases=["Ali", "Al"], identifiers={"viaf": "9"}
            ),
            ek.Source(id="s", name="S", kind="article", derived_from=["y", "x"]),
        ]
    )
    merged, _ = left.merge(right, policy="union")
    actor = merged["a"]
    assert isinstance(actor, ek.Actor)
    assert (("Al", "Ali"), {"wikidata": "Q1", "viaf": "9"}) == (
        actor.aliases,
        dict(actor.identifiers),
    )
    assert ("x", "y") == merged["s"].derived_from  # type: ignore[union-attr]


def test_union_cannot_settle_other_differences() -> None:
    left = ek.Dataset(
        [call("dpa"), ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q1"})]
    )
    right = ek.Dataset(
        [
            call("afp", title="Other"),
            ek.Actor(id="a", name="A", kind="person", identifiers={"wikidata": "Q2"}),
        ]
    )
    with pytest.raises(ek.MergeConflictError) as err:
        left.merge(right, policy="union")
    # the actor's message named no reason: identifiers is a field union combines
    assert [
        "record 'call': $: two different records have this id; they differ in: title, sources; "
        "only aliases, derived_from, identifiers, related, sources, tags can be combined, "
        "not title, got Conflict(id='call', fields=('title', 'sources')) [conflict]",
        "record 'a': $: two different records have this id; they differ in: identifiers; "
        "their identifiers disagree on 'wikidata': 'Q1' and 'Q2', "
        "got Conflict(id='a', fields=('identifiers',)) [conflict]",
    ] == [str(p) for p in err.value.problems]


def test_merge_of_different_record_types_is_a_conflict() -> None:
    left = ek.Dataset([ek.Event(id="x", title="X")])
    right = ek.Dataset([ek.PhoneCall(id="x", title="X")])
    assert [("type",)] == [c.fields for c in left.conflicts(right)]
    with pytest.raises(ek.MergeConflictError):
        left.merge(right, policy="union")
    assert isinstance(left.merge(right, policy="right")[0]["x"], ek.PhoneCall)


def test_merge_rejects_an_unknown_policy() -> None:
    with pytest.raises(ek.ValidationError) as err:
        seed().merge(seed(), policy="newest")  # type: ignore[call-overload]
    assert (
        "1 problem in merge\n"
        "  $.policy: must be one of 'error', 'left', 'right', 'union', got 'newest' [invalid_value]"
    ) == str(err.value)


# --- warnings --------------------------------------------------------------------------


def test_what_looks_wrong_is_a_warning_that_leaves_the_dataset_valid(tmp_path: Path) -> None:
    ds = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person"),
            ek.Event(
                id="e",
                title="E",
                participants=[ek.Participant(actor="a"), ek.Participant(actor="a")],
                related=[ek.Relation(kind="same_as", event="e")],
            ),
            ek.Statement(id="s", speaker="a", text="…", kind="quote"),
        ]
    )
    report = ds.check()
    expected = [
        ("e", "$.related[0].event", "self_relation"),
        ("e", "$.participants[1]", "duplicate_participant"),
        ("s", "$.quote", "missing_part"),
    ]
    assert (True, []) == (report.valid, list(report.problems))
    assert sorted(expected) == sorted((w.record, w.path, w.code) for w in report.warnings)
    ds.validate()  # warnings never raise
    ds.save(tmp_path / "d.jsonl")
    from_file = ek.validate_file(tmp_path / "d.jsonl")
    assert from_file.valid
    assert sorted(expected) == sorted((w.record, w.path, w.code) for w in from_file.warnings)
    assert [2, 2, 3] == sorted(w.line or 0 for w in from_file.warnings)
    assert "valid, 3 records; 3 warnings" in from_file.summary()


def test_an_item_of_a_list_naming_an_id_given_twice_is_a_warning(tmp_path: Path) -> None:
    # the same item twice in a list of ids, built-in or custom, passed without a word; the
    # same event in two relations of different kinds, or one source cited for two excerpts, is
    # no repeat
    ds = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person"),
            ek.Source(id="dpa", name="dpa", kind="news_agency"),
            ek.Event(
                id="e",
                title="E",
                participants=[ek.Participant(actor="a"), ek.Participant(actor="a")],
                related=[
                    ek.Relation(kind="follows", event="r"),
                    ek.Relation(kind="response_to", event="r"),
                    ek.Relation(kind="follows", event="r"),
                ],
                sources=[ek.Citation(source="dpa", excerpt="x"), ek.Citation(source="dpa")],
            ),
            Rally(id="r", title="Rally", speakers=("a", "a")),
            ek.Statement(id="s", speaker="a", text="…", about=["a", "e", "a", "a"]),
        ]
    )
    expected = [
        (
            "e",
            "$.participants[1]",
            "duplicate_participant",
            "the same actor in the same role twice",
        ),
        ("e", "$.related[2]", "duplicate_reference", "the same as $.related[0]"),
        ("r", "$.speakers[1]", "duplicate_reference", "the same as $.speakers[0]"),
        ("s", "$.about[2]", "duplicate_reference", "the same as $.about[0]"),
        ("s", "$.about[3]", "duplicate_reference", "the same as $.about[0]"),
    ]
    report = ds.check()
    assert report.valid
    assert expected == sorted((w.record, w.path, w.code, w.message) for w in report.warnings)
    ds.save(tmp_path / "d.jsonl")
    for loaded in (
        ek.validate_file(tmp_path / "d.jsonl"),
        ek.Dataset.load(tmp_path / "d.jsonl", lenient=True)[1],
    ):
        assert expected == sorted((w.record, w.path, w.code, w.message) for w in loaded.warnings)


@pytest.mark.parametrize(
    ("kind", "other", "contradicts"),
    [
        ("precedes", "2024-10", True),
        ("precedes", "2024-12", False),
        ("precedes", "2024-11", False),  # the month holds the day: it may be later that month
        ("preparation_for", "2024-10-01/2024-11-14", True),
        ("follows", "2024-12-01", True),
        ("follows", "2024-10", False),
        ("caused_by", "2025", True),
        ("response_to", "2024-11-16/..", True),
        ("part_of", "2023", True),
        ("part_of", "2024", False),
        ("same_as", "2024-11-16", True),
        ("context_of", "1999", False),
        ("precedes", "../2024-11-14", True),  # whenever it started, it ended before the call
        ("precedes", "2024-11-16/..", False),  # an open end says nothing against it
    ],
)
def test_a_relation_its_dates_contradict_is_a_time_order_warning(
    kind: str, other: str, contradicts: bool
) -> None:
    ds = ek.Dataset(
        [
            ek.Event(
                id="call",
                title="Call",
                when=ek.parse_edtf("2024-11-15"),
                related=[ek.Relation(kind=kind, event="other")],
            ),
            ek.Event(id="other", title="Other", when=ek.parse_edtf(other)),
        ]
    )
    found = [(w.record, w.path, w.code) for w in ds.check().warnings]
    assert ([("call", "$.related[0].kind", "time_order")] if contradicts else []) == found


# --- what a source reported ------------------------------------------------------------


def test_reported_by_follows_derived_from_chains_and_survives_cycles() -> None:
    ds = ek.Dataset(
        [
            ek.Source(id="wire", name="Wire", kind="news_agency"),
            ek.Source(id="paper", name="Paper", kind="article", derived_from=["wire"]),
            ek.Source(id="blog", name="Blog", kind="website", derived_from=["paper", "blog2"]),
            ek.Source(id="blog2", name="Blog 2", kind="website", derived_from=["blog"]),
            ek.Event(id="e1", title="1", sources=[ek.Citation(source="blog")]),
            ek.Event(id="e2", title="2", sources=[ek.Citation(source="wire")]),
            ek.Statement(
                id="s1", speaker="x", text="…", via="paper", sources=[ek.Citation(source="paper")]
            ),
            ek.Event(id="e3", title="3", sources=[ek.Citation(source="other")]),
        ]
    )
    assert ["e1", "e2", "s1"] == [r.id for r in ds.reported_by("wire")]
    assert ["e1", "s1"] == [r.id for r in ds.reported_by("paper")]
    assert ["e1"] == [r.id for r in ds.reported_by("blog2")]
    assert [] == ds.reported_by("nobody")
    ds.add(ek.Event(id="e4", title="4", sources=[ek.Citation(source="wire")]))
    assert ["e1", "e2", "s1", "e4"] == [r.id for r in ds.reported_by("wire")]


def test_events_between_takes_dates_and_aware_datetimes() -> None:
    ds = ek.Dataset([ek.Event(id="call", title="Call", when=ek.parse_edtf("2024-11-15T14:00Z"))])
    assert ["call"] == [e.id for e in ds.events_between(date(2024, 11, 15), date(2024, 11, 15))]
    moment = datetime(2024, 11, 15, 15, 0, tzinfo=UTC)
    assert [] == ds.events_between(start=moment)
    assert ["call"] == [e.id for e in ds.events_between(end=moment)]
    with pytest.raises(ek.ValidationError, match="timezone-aware"):
        ds.events_between(start=datetime(2024, 11, 15))  # noqa: DTZ001 -- the point of the test


def test_a_record_kept_as_it_is_that_eventkit_reads_is_a_warning(tmp_path: Path) -> None:
    # Saved and loaded, it comes back as an Actor: the dataset says so before.
    data = {"type": "actor", "id": "a", "name": "A", "kind": "person"}
    made = ek.Dataset([ek.UnknownRecord(data=data)])
    report = made.check()
    assert report.valid
    assert [("readable_unknown", "a")] == [(w.code, w.record) for w in report.warnings]
    path = tmp_path / "made.jsonl"
    made.save(path)
    assert type(next(iter(ek.Dataset.load(path, keep_unknown=True)))) is ek.Actor
    unreadable = ek.from_dict(ek.Record, {**data, "extra": 1}, keep_unknown=True)
    assert ek.Dataset([unreadable]).check().warnings == ()
