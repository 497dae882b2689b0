"""Duplicates by DuckDB over Parquet: the candidates, scores and reasons of the in-memory path."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest

import eventkit as ek
from duplicates_data import boundary_events
from eventkit._duplicates import duplicate_pairs


@ek.event_type("test_columnar_duplicates.blockade")
@attrs.frozen(kw_only=True)
class Blockade(ek.Protest):
    """A custom type below a built-in one: its family is Protest's."""

    road: str | None = None


ACTORS = [f"actor-{n}" for n in range(30)]
ROLES = ["initiator", "recipient", "participant", "target", "perpetrator", "host"]
TYPES: list[type[ek.Event]] = [
    ek.PhoneCall,
    ek.Communication,
    ek.Meeting,
    ek.Visit,
    ek.Airstrike,
    ek.Attack,
    ek.Protest,
    Blockade,
    ek.Event,
]
PLACES = [
    ek.Place(name="Kyiv", country="UKR", lat=50.45, lon=30.52),
    ek.Place(name="Kiev", country="UKR"),
    ek.Place(name="Odesa", country="UKR", lat=46.48, lon=30.72),
    ek.Place(name="Odessa"),
    ek.Place(name="Berlin", country="DEU"),
    ek.Place(country="DEU"),
    ek.Place(name="Zürich-Nord", country="CHE", lat=47.41, lon=8.54),
    None,
]
WORDS = [  # ASCII titles are split in SQL, others in Python: both must agree
    "Strike,",
    "on",
    "Kyiv's",
    "U.S.-led",
    "talks\tand",
    "Ölaf",
    "phone",
    "x",
    "—",
    "(Kyiv)",
    "TALKS",
]
WHENS = [
    "2024-11-15",
    "2024-11-16",
    "2024-11-14T23:30+01:00",
    "2024-11",
    "2024-11-15/2024-11-16",
    "2024-10-31",
    "2024-12-01",
    "2024-11-20",
    "2024",
    "../2024-11-15",
    None,
]


def _reports(n: int, seed: int) -> list[ek.Event]:
    """Events alike enough to be compared often: a few actors, places, types and dates."""
    rng = random.Random(seed)
    events = []
    for number in range(n):
        people = [
            ek.Participant(actor=actor, role=rng.choice(ROLES))
            for actor in rng.sample(ACTORS[: rng.choice([4, 30])], rng.randrange(0, 4))
        ]
        when = rng.choice(WHENS)
        cls = rng.choice(TYPES)
        words = rng.sample(WORDS, 3)
        events.append(
            cls(
                id=f"e{number}",
                title=" ".join(words),
                when=None if when is None else ek.parse_edtf(when),
                participants=people,
                place=rng.choice(PLACES),
                codes=ek.Codes(cameo=rng.choice(["042", "043", "190"]))
                if rng.random() < 0.2
                else None,
            )
        )
    return events


def test_duckdb_gives_the_candidates_scores_and_reasons_of_the_in_memory_path(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reports.parquet"
    ek.columnar.write_parquet(path, _reports(600, seed=7))
    events = ek.Dataset.load(path, lenient=True)[0].events

    in_memory = duplicate_pairs(events, threshold=0.0)
    on_duckdb = list(ek.columnar.duplicate_pairs(path, threshold=0.0, memory_limit="500MB"))

    assert len(in_memory) > 1000  # enough pairs, of every kind of feature, to differ in
    assert {name for pair in in_memory for name in pair.features} == {
        "type",
        "time",
        "participants",
        "place",
        "title",
    }
    assert on_duckdb == in_memory


def test_duckdb_clusters_are_the_in_memory_clusters(tmp_path: Path) -> None:
    path = tmp_path / "reports.parquet"
    ek.columnar.write_parquet(path, _reports(400, seed=11))
    loaded = ek.Dataset.load(path, lenient=True)[0]

    clusters = ek.columnar.duplicate_events(path, threshold=0.6)

    assert clusters
    assert clusters == loaded.duplicate_events(threshold=0.6)


def test_duckdb_meets_the_dated_events_of_an_anchor_as_rare_as_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "boundary.parquet"
    ek.columnar.write_parquet(path, boundary_events())
    events = ek.Dataset.load(path, lenient=True)[0].events

    on_duckdb = list(ek.columnar.duplicate_pairs(path, threshold=0.0))

    assert on_duckdb == duplicate_pairs(events, threshold=0.0)


def test_events_at_the_ends_of_the_calendar_meet_as_on_duckdb(tmp_path: Path) -> None:
    # valid dates whose UTC instants fall in year 10000 and in year 0: blocked by month
    # in UTC, they meet the calls of the same days in their own year
    ends = [
        ("9999-12-31T19:25:28-17:59", "9999-12-31"),  # UTC 10000-01-01T13:24:28
        ("0001-01-01T03+14:00", "0001-01-01"),  # UTC 0000-12-31T13:00
    ]
    calls = [
        ek.PhoneCall(
            id=f"{n}-{which}",
            title="Scholz and Putin speak by phone",
            when=ek.parse_edtf(when),
            participants=[ek.Participant(actor="olaf-scholz")],
        )
        for n, pair in enumerate(ends)
        for which, when in enumerate(pair)
    ]
    path = tmp_path / "ends.parquet"
    ek.columnar.write_parquet(path, calls)
    loaded, _ = ek.Dataset.load(path, lenient=True)  # in the file's order: partitioned by UTC year
    events = loaded.events

    in_memory = duplicate_pairs(events, threshold=0.0)

    assert {(pair.first, pair.second) for pair in in_memory} >= {("0-0", "0-1"), ("1-0", "1-1")}
    assert list(ek.columnar.duplicate_pairs(path, threshold=0.0)) == in_memory


def test_a_threshold_that_is_no_score_is_refused_before_any_pair(tmp_path: Path) -> None:
    # 1.5 and NaN gave no pairs, "0.7" a TypeError at the first pair; as in memory now
    path = tmp_path / "reports.parquet"
    ek.columnar.write_parquet(path, _reports(20, seed=3))
    for threshold, code in [
        (1.5, "invalid_value"),
        (float("nan"), "invalid_value"),
        ("0.7", "invalid_type"),
    ]:
        for query in (ek.columnar.duplicate_pairs, ek.columnar.duplicate_events):
            with pytest.raises(ek.ValidationError) as error:
                query(path, threshold)  # type: ignore[arg-type]
            [problem] = error.value.problems
            assert ("$.threshold", code, "expected a score from 0 to 1") == (
                problem.path,
                problem.code,
                problem.message,
            )


def test_a_memory_limit_that_is_no_size_is_refused_and_never_reaches_duckdb(
    tmp_path: Path,
) -> None:
    # it was pasted into DuckDB's SQL as given: "1GB'; SET threads = 1; --" ran
    path = tmp_path / "reports.parquet"
    ek.columnar.write_parquet(path, _reports(20, seed=3))
    expected = "expected a size such as '2GB' or '500MB' (KB, MB, GB, TB; KiB, MiB, GiB, TiB)"
    for limit, code in [
        ("1GB'; SET threads = 1; --", "invalid_value"),
        ("2", "invalid_value"),
        ("0GB", "invalid_value"),
        ("lots", "invalid_value"),
        ("2GB\n", "invalid_value"),
        (2_000_000_000, "invalid_type"),
    ]:
        for query in (ek.columnar.duplicate_pairs, ek.columnar.duplicate_events):
            with pytest.raises(ek.ValidationError) as error:
                query(path, memory_limit=limit)  # type: ignore[arg-type]
            [problem] = error.value.problems
            assert ("$.memory_limit", code, expected, limit) == (
                problem.path,
                problem.code,
                problem.message,
                problem.input,
            )
    for limit in ("2GB", "500MB", "1.5 GB", "2gib", None):
        assert list(ek.columnar.duplicate_pairs(path, memory_limit=limit)) == list(
            ek.columnar.duplicate_pairs(path)
        )


def test_a_pair_is_oriented_by_its_ids_not_by_the_order_events_are_stored_in(
    tmp_path: Path,
) -> None:
    # Calls on either side of a year's end: the Parquet form (partitioned by year) holds them
    # in the other order than the dataset written, and a pair's first event was the one that
    # came first, so the dataset and the same dataset loaded gave the pair two ways round.
    people = [ek.Participant(actor="olaf-scholz"), ek.Participant(actor="vladimir-putin")]
    calls = [
        ek.PhoneCall(
            id=f"{agency}-call",
            title=title,
            when=ek.parse_edtf(when),
            participants=people,
        )
        for agency, title, when in [
            ("reuters", "Scholz and Putin speak by phone", "2025-01-01"),
            ("dpa", "Scholz telefoniert mit Putin", "2024-12-31T23:30+00:00"),
            ("afp", "Scholz and Putin hold a call", "2025-01-01T00:30+01:00"),
        ]
    ]
    leaders = [ek.Actor(id=p.actor, name=p.actor, kind="person") for p in people]
    written = ek.Dataset([*calls, *leaders])
    path = tmp_path / "calls.parquet"
    written.save(path, format="parquet")
    loaded = ek.Dataset.load(path)
    assert [e.id for e in written.events] != [e.id for e in loaded.events]

    def pairs(clusters: list[ek.DuplicateEvents]) -> list[ek.DuplicatePair]:
        return ordered(pair for cluster in clusters for pair in cluster.pairs)

    def ordered(pairs: Iterable[ek.DuplicatePair]) -> list[ek.DuplicatePair]:
        return sorted(pairs, key=lambda pair: (pair.first, pair.second))

    in_memory = pairs(written.duplicate_events(threshold=0.0))
    assert [(pair.first, pair.second) for pair in in_memory] == [
        ("afp-call", "dpa-call"),
        ("afp-call", "reuters-call"),
        ("dpa-call", "reuters-call"),
    ]
    assert in_memory == pairs(loaded.duplicate_events(threshold=0.0))
    assert in_memory == pairs(ek.columnar.duplicate_events(path, threshold=0.0))
    assert in_memory == ordered(ek.columnar.duplicate_pairs(path, threshold=0.0))
