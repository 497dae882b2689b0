"""Duplicate events: how well `ds.duplicate_events()` finds one event reported many times.

Run from the repository root::

    python benchmarks/duplicates.py                  # quality on 20,000 reports, then 100k timed
    python benchmarks/duplicates.py --quality 5000   # a quicker quality run
    python benchmarks/duplicates.py --seeds 1-5 --scale 0  # F1 at the default, seed by seed
    python benchmarks/duplicates.py --scale 1000000  # time and memory for 1M events
    python benchmarks/duplicates.py --quality 0 --scale 0 --duckdb 1000000 --runs 3
                                                     # DuckDB over Parquet, 1M events

The generator (`reports`) makes true events and then the reports of each
(one to six sources, most events reported by one or two), each report
changed as sources change what they copy:

* dates jittered by a day (one report in five) and given at other precisions
  (a month, an hour, a span of two days);
* participants missing (each one in five, at least one kept) or given only
  the generic role ``participant``;
* places coarser (the country only), spelt otherwise (Kyiv / Kiev), or missing;
* the type given as its parent (`Communication` for `PhoneCall`, `Attack`
  for `Airstrike`);
* titles in other words, with a name in full or the surname only.

Hard negatives are built in: actors are drawn from a skewed pool, so the
same few leaders meet, call and strike again and again, and one true event in
eight has a follow-up of the same type, actors and place two to seven days later.

Ground truth is the true event behind each report. Quality is pairwise:
precision, recall and F1 of the candidate pairs (each pair scoring at least
the threshold) and of the pairs within the proposed clusters. Nothing here
asserts anything: it prints tables.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import eventkit as ek
from eventkit._duplicates import DEFAULT_THRESHOLD, duplicate_pairs

TYPES = {
    "phone_call": (
        ek.PhoneCall,
        ek.Communication,
        ("initiator", "recipient"),
        "{a} and {b} speak by phone",
    ),
    "meeting": (ek.Meeting, ek.Communication, ("participant", "participant"), "{a} meets {b}"),
    "visit": (ek.Visit, ek.Meeting, ("initiator", "host"), "{a} visits {b}"),
    "airstrike": (ek.Airstrike, ek.Attack, ("perpetrator", "target"), "{a} airstrike hits {place}"),
    "missile_strike": (
        ek.MissileStrike,
        ek.Attack,
        ("perpetrator", "target"),
        "{a} missiles strike {place}",
    ),
    "protest": (
        ek.Protest,
        ek.Protest,
        ("initiator", "target"),
        "Protesters rally against {b} in {place}",
    ),
    "aid_pledge": (ek.AidPledge, ek.Aid, ("initiator", "recipient"), "{a} pledges aid to {b}"),
}
VERBS = {
    "phone_call": [
        "{a} holds call with {b}",
        "{b} and {a} talk on the phone",
        "{a}, {b} discuss war in call",
    ],
    "meeting": ["{a} and {b} hold talks", "{b} receives {a}", "Talks between {a} and {b}"],
    "visit": ["{a} arrives in {place}", "{a} on visit to {b}", "{b} hosts {a}"],
    "airstrike": [
        "Air raid on {place}",
        "{place} hit by air strikes",
        "Strikes on {place} kill civilians",
    ],
    "missile_strike": [
        "Missile attack on {place}",
        "{place} under missile fire",
        "{a} fires missiles at {place}",
    ],
    "protest": [
        "Thousands protest in {place}",
        "{place} demonstrators march against {b}",
        "Rally in {place}",
    ],
    "aid_pledge": [
        "{a} promises {b} new aid",
        "New aid package for {b} from {a}",
        "{a} announces support for {b}",
    ],
}
COUNTRIES = ["DEU", "RUS", "UKR", "FRA", "USA", "GBR", "POL", "ISR", "SYR", "TUR", "CHN", "IRN"]
SPELLINGS = {"Kyiv": "Kiev", "Odesa": "Odessa", "Kharkiv": "Kharkov", "Mykolaiv": "Nikolaev"}


def _pools(
    rng: random.Random, n_actors: int, n_places: int
) -> tuple[list[tuple[str, str, str]], list[dict[str, object]]]:
    actors = []
    for i in range(n_actors):
        first, last = f"Anna{i % 97}", f"Leader{i}"
        actors.append((f"actor-{i}", f"{first} {last}", last))
    places: list[dict[str, object]] = [
        {"name": name, "country": "UKR", "lat": 46.0 + k, "lon": 30.0 + k}
        for k, name in enumerate(SPELLINGS)
    ]
    for i in range(n_places - len(places)):
        country = COUNTRIES[i % len(COUNTRIES)]
        places.append(
            {
                "name": f"Town {i}",
                "country": country,
                "lat": rng.uniform(-60, 60),
                "lon": rng.uniform(-150, 150),
            }
        )
    return actors, places


def _when(rng: random.Random, day: int) -> ek.PartialDate | ek.TimeSpan:
    base = ek.PartialDate.from_edtf("2022-01-01").earliest.date().toordinal() + day
    d = date.fromordinal(base)
    roll = rng.random()
    if roll < 0.12:
        return ek.PartialDate(year=d.year, month=d.month)
    if roll < 0.25:
        return ek.PartialDate(
            year=d.year, month=d.month, day=d.day, hour=rng.randrange(6, 22), utc_offset=60
        )
    if roll < 0.30:
        e = date.fromordinal(base + 1)
        return ek.TimeSpan(
            start=ek.PartialDate(year=d.year, month=d.month, day=d.day),
            end=ek.PartialDate(year=e.year, month=e.month, day=e.day),
        )
    return ek.PartialDate(year=d.year, month=d.month, day=d.day)


def reports(n: int, seed: int = 1) -> Iterator[tuple[ek.Event, int]]:
    """About ``n`` reports as ``(event, true event number)``, shuffled within each day."""
    rng = random.Random(seed)
    actors, places = _pools(rng, max(50, n // 20), max(20, n // 50))
    # a skewed pool: a few actors in many events (summed once: choices would sum per call)
    cum_weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(actors))))
    days = max(30, n // 60)
    truth = 0
    made = 0
    while made < n:
        kind = rng.choice(list(TYPES))
        cls, parent, roles, title = TYPES[kind]
        a, b = rng.choices(actors, cum_weights=cum_weights, k=2)
        if a == b:
            continue
        place = rng.choice(places)
        day = rng.randrange(days)
        follow_ups = [day] + ([day + rng.randint(2, 7)] if rng.random() < 0.125 else [])
        for event_day in follow_ups:
            count = rng.choices(range(1, 7), weights=[35, 25, 15, 10, 8, 7])[0]
            for _ in range(count):
                report = _report(
                    rng,
                    id=f"r{made}",
                    kind=kind,
                    cls=cls,
                    parent=parent,
                    roles=roles,
                    title=title,
                    a=a,
                    b=b,
                    place=place,
                    day=event_day,
                )
                yield report, truth
                made += 1
            truth += 1


def _report(
    rng: random.Random,
    *,
    id: str,
    kind: str,
    cls: type[ek.Event],
    parent: type[ek.Event],
    roles: tuple[str, str],
    title: str,
    a: tuple[str, str, str],
    b: tuple[str, str, str],
    place: dict[str, object],
    day: int,
) -> ek.Event:
    jitter = rng.choice([-1, 1]) if rng.random() < 0.2 else 0
    people = [ek.Participant(actor=a[0], role=roles[0]), ek.Participant(actor=b[0], role=roles[1])]
    people = [
        ek.Participant(actor=p.actor) if rng.random() < 0.1 else p
        for p in people
        if rng.random() >= 0.2
    ] or [people[0]]
    roll = rng.random()
    where: ek.Place | None
    if roll < 0.3:
        where = ek.Place(country=str(place["country"]))
    elif roll < 0.4:
        where = None
    elif roll < 0.55:
        name = str(place["name"])
        where = ek.Place(name=SPELLINGS.get(name, name + "s"), country=str(place["country"]))
    else:
        where = ek.Place(**place)  # type: ignore[arg-type]
    name_a = a[1] if rng.random() < 0.5 else a[2]
    name_b = b[1] if rng.random() < 0.5 else b[2]
    text = rng.choice([title, *VERBS[kind]]).format(a=name_a, b=name_b, place=place["name"])
    return (parent if rng.random() < 0.15 else cls)(
        id=id,
        title=text,
        when=_when(rng, day + jitter),
        participants=people,
        place=where,
        sources=[ek.Citation(source=f"source-{rng.randrange(40)}")],
    )


def _pairs_of(groups: dict[int, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for ids in groups.values() for p in itertools.combinations(ids, 2)}  # type: ignore[misc]


def _prf(found: set[tuple[str, str]], true: set[tuple[str, str]]) -> tuple[float, float, float]:
    hit = len(found & true)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def quality(n: int, seed: int, *, table: bool = True) -> tuple[float, float]:
    """Print the precision/recall table; return the pair and cluster F1 at the default."""
    made = list(reports(n, seed))
    ds = ek.Dataset(event for event, _ in made)
    truth: dict[int, list[str]] = {}
    for event, number in made:
        truth.setdefault(number, []).append(event.id)
    true = _pairs_of(truth)
    say = print if table else _silent
    say(f"{len(made):,} reports of {len(truth):,} true events; {len(true):,} true pairs")
    scored = {
        (p.first, p.second) if p.first < p.second else (p.second, p.first): p.score
        for p in duplicate_pairs(ds.events, 0.0)
    }
    say(f"{len(scored):,} pairs compared; {len(true - set(scored)):,} true pairs never compared")
    say()
    say("threshold  precision  recall     F1   (candidate pairs)")
    pair_f1 = 0.0
    for threshold in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        found = {pair for pair, score in scored.items() if score >= threshold}
        p, r, f = _prf(found, true)
        mark = "  <- default" if threshold == DEFAULT_THRESHOLD else ""
        pair_f1 = f if threshold == DEFAULT_THRESHOLD else pair_f1
        say(f"{threshold:9.2f}  {p:9.3f}  {r:6.3f}  {f:5.3f}{mark}")
    clusters = ds.duplicate_events()
    in_clusters = _pairs_of(dict(enumerate(list(c.events) for c in clusters)))
    p, r, f = _prf(in_clusters, true)
    say(f"\nclusters at the default threshold: precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}")
    return pair_f1, f


def _silent(*args: object) -> None:
    pass


def seeds(n: int, numbers: list[int]) -> None:
    """F1 at the default threshold for each seed: one seed is no evidence of a method."""
    print("seed  pair F1  cluster F1")
    for seed in numbers:
        pair_f1, cluster_f1 = quality(n, seed, table=False)
        print(f"{seed:4d}  {pair_f1:7.3f}  {cluster_f1:10.3f}", flush=True)


def scale(n: int, seed: int) -> None:
    start = time.perf_counter()
    ds = ek.Dataset(event for event, _ in reports(n, seed))
    made = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    clusters = ds.duplicate_events()
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(ds):,} events (made in {made:.0f} s): duplicate_events() {took:.1f} s, "
        f"{len(clusters):,} clusters; peak RSS {peak:.0f} MB ({before:.0f} MB before the call)"
    )


def _peak_mb() -> float:
    """This process's peak resident memory: Linux's VmHWM (ru_maxrss survives exec)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def parquet_reports(n: int, seed: int, folder: Path) -> Path:
    """The Parquet dataset of ``n`` reports, written once (streamed, never a Dataset) and kept."""
    path = folder / f"duplicates-{n}-{seed}.parquet"
    if not path.exists():
        start = time.perf_counter()
        ek.columnar.write_parquet(path, (event for event, _ in reports(n, seed)))
        print(f"wrote {path} in {time.perf_counter() - start:.0f} s")
    return path


def duckdb_run(path: Path, memory_limit: str) -> None:
    """One run, in this process: time to the last pair, pairs, peak RSS (printed as one line)."""
    before = _peak_mb()
    start = time.perf_counter()
    count = sum(1 for _ in ek.columnar.duplicate_pairs(path, memory_limit=memory_limit))
    took = time.perf_counter() - start
    print(f"{took:.2f} {count} {_peak_mb():.0f} {before:.0f}")


def duckdb_scale(n: int, seed: int, runs: int, memory_limit: str, folder: Path) -> None:
    """`ek.columnar.duplicate_pairs` over ``n`` reports: median time of ``runs``, each in a fresh
    process so that its peak RSS is its own."""
    path = parquet_reports(n, seed, folder)
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--duckdb-run", str(path), "--memory-limit", memory_limit],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        took, count, peak, before = float(out[0]), int(out[1]), float(out[2]), float(out[3])
        times.append(took)
        peaks.append(peak)
        print(
            f"  run: {took:.1f} s to the last of {count:,} pairs; "
            f"peak RSS {peak:.0f} MB ({before:.0f} MB before)",
            flush=True,
        )
    print(
        f"{n:,} events on DuckDB (memory_limit {memory_limit}, {os.cpu_count()} cores): "
        f"median {statistics.median(times):.1f} s of {runs} runs, "
        f"peak RSS median {statistics.median(peaks):.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quality", type=int, default=20_000, help="reports for the quality tables (0: skip)"
    )
    parser.add_argument(
        "--scale", type=int, default=100_000, help="events for the timing (0: skip)"
    )
    parser.add_argument(
        "--duckdb", type=int, default=0, help="events for the DuckDB timing (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of the DuckDB timing")
    parser.add_argument("--memory-limit", default="2GB", help="DuckDB's memory limit")
    parser.add_argument(
        "--folder",
        default=str(Path(tempfile.gettempdir()) / "eventkit-benchmarks"),
        help="where the generated Parquet datasets are kept between runs",
    )
    parser.add_argument("--duckdb-run", default="", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--seeds", default="", help="seeds for a line each of F1 at the default (e.g. 1-5)"
    )
    args = parser.parse_args()
    if args.duckdb_run:
        duckdb_run(Path(args.duckdb_run), args.memory_limit)
        return
    print(f"python {sys.version.split()[0]}\n")
    if args.seeds:
        first, _, last = args.seeds.partition("-")
        seeds(args.quality, list(range(int(first), int(last or first) + 1)))
    elif args.quality:
        quality(args.quality, args.seed)
    if args.scale:
        print()
        scale(args.scale, args.seed)
    if args.duckdb:
        print()
        duckdb_scale(args.duckdb, args.seed, args.runs, args.memory_limit, Path(args.folder))


if __name__ == "__main__":
    main()
