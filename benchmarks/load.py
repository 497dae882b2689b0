"""Dataset.load against Dataset(ek.from_jsonl(...)), the load of a million events, add-then-query.

Run from the repository root::

    python benchmarks/load.py                      # 100k-record ratio, 1M load, add-then-query
    python benchmarks/load.py --n 100000 --big 0   # only the ratio and add-then-query
    python benchmarks/load.py --n 0                # only the million and add-then-query

Three measures (issue #13):

* **load / from_jsonl**: the same valid file (actors and sources first, then
  events and statements from ``workload.py``, every reference resolving)
  read by ``ek.Dataset.load(path)`` and by
  ``ek.Dataset(ek.from_jsonl(ek.Record, path.read_bytes()))``, which checks
  no references, repeats or warnings. Both pause the collector while records
  are built, so each is timed with a ``gc.collect()`` inside the timer: the
  collection debt a paused load leaves is counted. Interleaved, best of
  ``--rounds``; eventkit's date cache cleared before each.
* **a million events**: ``ek.Dataset.load`` of ``--big`` valid events (and
  their actors and sources) in a fresh process: seconds (the collection
  after it included) and peak resident memory (``VmHWM``).
* **add then query**: events added in batches of 1,000 to a dataset, each
  batch followed by an ``events_between`` query, for 20k, 40k and 80k events.
  ``add`` extends the time index, so the time grows about linearly.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from workload import make_workload

import eventkit as ek
from eventkit._time import parse_edtf_cached  # cleared before each run: every run starts cold


def write_dataset(path: Path, n: int, *, statements: int, seed: int = 0) -> int:
    """A valid dataset file: the actors and sources the workload names, then its records."""
    work = make_workload(n, seed, n_statements=statements)
    n_actors = max(50, n // 200)
    n_sources = max(20, min(999, n // 500))
    with path.open("wb") as out:
        for a in range(n_actors):
            actor = {"type": "actor", "id": f"actor-{a:04d}", "name": f"A{a}", "kind": "person"}
            out.write(orjson.dumps(actor) + b"\n")
        for s in range(n_sources):
            source = {"type": "source", "id": f"src-{s:03d}", "name": f"S{s}", "kind": "article"}
            out.write(orjson.dumps(source) + b"\n")
        for record in work.records:
            out.write(orjson.dumps(record) + b"\n")
    return n_actors + n_sources + len(work.records)


def _load(path: Path) -> ek.Dataset:
    return ek.Dataset.load(path)


def _from_jsonl(path: Path) -> ek.Dataset:
    return ek.Dataset(ek.from_jsonl(ek.Record, path.read_bytes()))


def timed(read: Any, path: Path) -> float:
    parse_edtf_cached.cache_clear()
    gc.collect()
    start = time.perf_counter()
    dataset = read(path)
    gc.collect()  # the debt the paused collector leaves, counted
    elapsed = time.perf_counter() - start
    del dataset
    gc.collect()
    return elapsed


def ratio(path: Path, rounds: int) -> dict[str, Any]:
    _load(path)  # warm up: generated code, tables
    times: dict[str, list[float]] = {"load": [], "from_jsonl": []}
    for i in range(rounds):
        order = (("load", _load), ("from_jsonl", _from_jsonl))
        for name, read in order if i % 2 == 0 else order[::-1]:
            times[name].append(timed(read, path))
    best = {name: min(found) for name, found in times.items()}
    return {
        "times_s": times,
        "best_s": best,
        "load_speed_over_from_jsonl": best["from_jsonl"] / best["load"],
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory, in MB.

    ``VmHWM``, not ``ru_maxrss``: the latter keeps the peak of the process
    image before ``exec``, so a child started by a parent holding a million
    generated events would report the parent's memory.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def big_child(path: Path) -> dict[str, Any]:
    start = time.perf_counter()
    dataset = ek.Dataset.load(path)
    loaded = time.perf_counter()
    gc.collect()
    end = time.perf_counter()
    return {
        "records": len(dataset),
        "load_s": loaded - start,
        "collect_s": end - loaded,
        "total_s": end - start,
        "peak_rss_mb": _peak_rss_mb(),
    }


def add_then_query(sizes: tuple[int, ...] = (20_000, 40_000, 80_000)) -> dict[int, float]:
    records = ek.from_dicts(make_workload(max(sizes), 0, n_statements=0).events)
    out = {}
    for total in sizes:
        dataset = ek.Dataset()
        start = time.perf_counter()
        for i in range(0, total, 1_000):
            dataset.add(*records[i : i + 1_000])
            dataset.events_between("2022-12", "2022-12")
        out[total] = time.perf_counter() - start
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--n", type=int, default=100_000, help="events in the ratio's file (0 skips it)"
    )
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument(
        "--big", type=int, default=1_000_000, help="events in the big load (0 skips it)"
    )
    parser.add_argument("--big-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big_child:
        print(orjson.dumps(big_child(args.big_child)).decode())
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        if args.n:
            count = write_dataset(path, args.n, statements=args.n // 4)
            found = ratio(path, args.rounds)
            print(
                f"{count:,} records: Dataset.load {found['best_s']['load']:.2f} s, "
                f"Dataset(from_jsonl) {found['best_s']['from_jsonl']:.2f} s (best of "
                f"{args.rounds}, collection included): load at "
                f"{found['load_speed_over_from_jsonl']:.2f}x the speed of from_jsonl"
            )
        if args.big:
            count = write_dataset(path, args.big, statements=0)
            child = subprocess.run(
                [sys.executable, __file__, "--big-child", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            big = orjson.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"{big['records']:,} records ({args.big:,} events): Dataset.load "
                f"{big['load_s']:.1f} s + collection {big['collect_s']:.1f} s = "
                f"{big['total_s']:.1f} s, peak RSS {big['peak_rss_mb']:,.0f} MB"
            )
    scaling = add_then_query()
    print(
        "add in batches of 1,000, a window query after each: "
        + ", ".join(f"{n:,} events {s:.2f} s" for n, s in scaling.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
