"""Columnar rows: JSON Lines -> Parquet, Parquet -> records, file -> answer (issue 13).

Each step runs in a fresh process, so its peak memory (max RSS) is its
own; ``cpu_seconds`` is the process's CPU time (imports included), which
says more than wall time on a shared machine. The data is `workload.py`'s
events (half phone calls; two or three
participants, a place, sources, dates of every precision), written as JSON
Lines streaming, so millions of events never sit in memory here.

Two questions are answered from the files: the events of December 2022
counted per type (overlap with the month, as ``Dataset.events_between``),
and the events of one actor (``Dataset.events_of``). Every engine must
give eventkit's answers (the script exits 1 if one does not):

- eventkit loading JSON Lines and asking its query API (the baseline),
- eventkit's own Parquet path: ``ek.columnar.connect`` (DuckDB views),
- DuckDB on the Parquet directly (``read_parquet``),
- Polars on the Parquet directly (``scan_parquet``),
- DuckDB on the JSON Lines directly (``read_json``), for scale.

Usage::

    python benchmarks/columnar.py --n 1000000          # all rows
    python benchmarks/columnar.py --n 5000000 --only convert
    python benchmarks/columnar.py --n 1000000 --only convert --only convert_on_workers

``convert`` runs in one process; ``convert_on_workers`` as ``eventkit
convert`` does by default, on worker processes: its ``child_peak_mb`` is the
largest worker's peak, ``together_pss_mb`` and ``together_rss_mb`` the
processes' memory together at its peak (`TreeMemory`), and
``children_cpu_seconds`` is the workers' CPU.

The results go to ``benchmarks/results/columnar-N.json`` for a run of
every step, and to ``columnar-N-STEP[+STEP].json`` for a run of some
(``--only``), so a partial run never replaces a full one; ``--out`` names
another file.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

WINDOW = ("2022-12-01T00:00:00+00:00", "2022-12-31T23:59:59.999999+00:00")
ACTOR = "actor-0007"


def make_jsonl(path: Path, n: int, seed: int = 0) -> None:
    from workload import _event  # the benchmark's own generator, streamed

    rng = random.Random(seed)
    n_actors = max(50, n // 200)
    n_sources = max(20, min(999, n // 500))
    with path.open("wb") as out:
        for index in range(max(50, n_actors)):
            actor = {
                "type": "actor",
                "id": f"actor-{index:04d}",
                "name": f"Actor {index}",
                "kind": "person",
            }
            out.write(orjson.dumps(actor) + b"\n")
        for index in range(n_sources):
            source = {
                "type": "source",
                "id": f"src-{index:03d}",
                "name": f"Source {index}",
                "kind": "article",
            }
            out.write(orjson.dumps(source) + b"\n")
        for index in range(n):
            out.write(orjson.dumps(_event(rng, index, n_actors, n_sources)) + b"\n")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- steps (each in its own process) ---------------------------------------------------


def step_convert(jsonl: Path, parquet: Path) -> dict[str, Any]:
    """``eventkit convert --jobs 1``: this process only."""
    from eventkit.columnar import jsonl_to_parquet

    start = time.perf_counter()
    count = jsonl_to_parquet(jsonl, parquet, name="bench", jobs=1)
    return {"seconds": time.perf_counter() - start, "records": count}


def step_convert_on_workers(jsonl: Path, parquet: Path) -> dict[str, Any]:
    """``eventkit convert`` as it runs by default: one worker per core (at most four).

    This process takes memory as the command's does (``tune_owned_process``);
    the memory of all the processes together is sampled (`TreeMemory`).
    """
    from eventkit.columnar import jsonl_to_parquet
    from eventkit.columnar._convert import tune_owned_process

    tune_owned_process()
    memory = TreeMemory()
    memory.start()
    start = time.perf_counter()
    count = jsonl_to_parquet(jsonl, parquet, name="bench", jobs=None)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": count, **memory.stop()}


class TreeMemory(threading.Thread):
    """The most memory this process and its descendants held at once, sampled every 0.25 s.

    Two sums over the processes (Linux's ``/proc/PID/smaps_rollup``; none
    elsewhere): ``together_pss_mb``, each page shared by n processes counted
    1/n in each (the shared libraries, Arrow's among them, once), and
    ``together_rss_mb``, each process's resident memory in full (those
    libraries once a process).
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.most = {"together_pss_mb": 0.0, "together_rss_mb": 0.0}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.25):
            pss = rss = 0.0
            for pid in _tree(os.getpid()):
                held = _held_mb(pid)
                pss, rss = pss + held.get("Pss", 0.0), rss + held.get("Rss", 0.0)
            self.most["together_pss_mb"] = max(self.most["together_pss_mb"], pss)
            self.most["together_rss_mb"] = max(self.most["together_rss_mb"], rss)

    def stop(self) -> dict[str, float]:
        """End the sampling; the sums' peaks (none if this system has no ``smaps_rollup``)."""
        self._done.set()
        self.join()
        return self.most if Path("/proc/self/smaps_rollup").exists() else {}


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux): the children of each of a process's threads."""
    found, i = [pid], 0
    while i < len(found):
        for children in Path(f"/proc/{found[i]}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the thread or process ended meanwhile
                found += map(int, children.read_text().split())
        i += 1
    return found


def _held_mb(pid: int) -> dict[str, float]:
    """A process's ``Rss`` and ``Pss`` in MB; none if it ended meanwhile."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return {}
    return {
        key: int(value.split()[0]) / 1024
        for key, _, value in (line.partition(":") for line in lines)
        if key in ("Rss", "Pss")
    }


def _msgspec_decode(jsonl: Path, *, paused: bool) -> dict[str, Any]:
    """msgspec's typed decode of the file's events, a batch at a time as ``convert`` reads.

    The peer (`peers.MsgspecPeer`, the rules of ``run.py``) knows events and
    statements, not actors or sources: their lines (a fraction of a percent)
    are left out before the clock starts. Only decoding is timed, not reading
    the file; each batch's records are dropped before the next, as a
    conversion drops its records once their tables are made.
    """
    import gc

    from peers import MsgspecPeer

    from eventkit.columnar._parquet import BATCH

    decode = MsgspecPeer.decoder.decode_lines
    skipped = (b'{"type":"actor"', b'{"type":"source"')
    seconds, records = 0.0, 0
    with jsonl.open("rb") as stream:
        while lines := list(itertools.islice(stream, BATCH)):
            batch = b"".join(line for line in lines if not line.startswith(skipped))
            gc.collect()
            if paused:
                gc.disable()
            start = time.perf_counter()
            records += len(decode(batch))
            seconds += time.perf_counter() - start
            gc.enable()
    return {"seconds": seconds, "records": records, "records_per_s": records / seconds}


def step_msgspec_decode(jsonl: Path) -> dict[str, Any]:
    """msgspec decoding the events, the collector on (as msgspec ships)."""
    return _msgspec_decode(jsonl, paused=False)


def step_msgspec_decode_paused(jsonl: Path) -> dict[str, Any]:
    """msgspec decoding the events, the collector paused (as eventkit's workers run)."""
    return _msgspec_decode(jsonl, paused=True)


def step_load_parquet(parquet: Path) -> dict[str, Any]:
    import eventkit as ek

    start = time.perf_counter()
    ds = ek.Dataset.load(parquet)
    return {"seconds": time.perf_counter() - start, "records": len(ds)}


def _eventkit_answers(ds: Any) -> tuple[dict[str, int], list[str]]:
    from collections import Counter

    counts = Counter(type(e).__name__ for e in ds.events_between(WINDOW[0][:7], WINDOW[0][:7]))
    tags = {"Event": "event", "PhoneCall": "phone_call"}
    return {tags[k]: v for k, v in counts.items()}, sorted(e.id for e in ds.events_of(ACTOR))


def step_eventkit_jsonl(jsonl: Path) -> dict[str, Any]:
    import eventkit as ek

    start = time.perf_counter()
    ds = ek.Dataset.load(jsonl)
    counts, ids = _eventkit_answers(ds)
    return {"seconds": time.perf_counter() - start, "counts": counts, "ids": ids}


SQL_COUNT = """SELECT type, count(*) FROM {events}
    WHERE (when_earliest IS NOT NULL OR when_latest IS NOT NULL)
    AND coalesce(when_earliest, TIMESTAMPTZ '0001-01-01 00:00:00+00') <= TIMESTAMPTZ '{high}'
    AND coalesce(when_latest, TIMESTAMPTZ '9999-12-31 23:59:59+00') >= TIMESTAMPTZ '{low}'
    GROUP BY type"""
SQL_ACTOR = "SELECT DISTINCT event FROM {participants} WHERE actor = '{actor}'"


def _sql(con: Any, events: str, participants: str) -> dict[str, Any]:
    times = {}
    start = time.perf_counter()
    counts = dict(
        con.sql(SQL_COUNT.format(events=events, low=WINDOW[0], high=WINDOW[1])).fetchall()
    )
    times["count_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    ids = sorted(
        i for (i,) in con.sql(SQL_ACTOR.format(participants=participants, actor=ACTOR)).fetchall()
    )
    times["actor_seconds"] = time.perf_counter() - start
    return {**times, "counts": counts, "ids": ids}


def step_eventkit_parquet(parquet: Path) -> dict[str, Any]:
    import eventkit as ek

    start = time.perf_counter()
    con = ek.columnar.connect(parquet)
    opened = time.perf_counter() - start
    out = _sql(con, "events", "participants")
    out["connect_seconds"] = opened
    out["seconds"] = opened + out["count_seconds"] + out["actor_seconds"]
    return out


def step_duckdb_parquet(parquet: Path) -> dict[str, Any]:
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect()
    events = f"read_parquet('{parquet}/events/*/*.parquet', hive_partitioning = true)"
    participants = f"read_parquet('{parquet}/participants/*/*.parquet', hive_partitioning = true)"
    out = _sql(con, events, participants)
    out["seconds"] = time.perf_counter() - start
    return out


def step_polars_parquet(parquet: Path) -> dict[str, Any]:
    from datetime import datetime

    import polars as pl

    start = time.perf_counter()
    events = pl.scan_parquet(f"{parquet}/events/*/*.parquet", hive_partitioning=True)
    low, high = (datetime.fromisoformat(w) for w in WINDOW)
    first, last = pl.col("when_earliest"), pl.col("when_latest")
    window = events.filter(
        (first.is_not_null() | last.is_not_null())
        & (first.is_null() | (first <= high))
        & (last.is_null() | (last >= low))
    )
    counts = dict(window.group_by("type").len().collect().iter_rows())
    middle = time.perf_counter()
    participants = pl.scan_parquet(f"{parquet}/participants/*/*.parquet", hive_partitioning=True)
    ids = sorted(
        participants.filter(actor=ACTOR).select("event").unique().collect()["event"].to_list()
    )
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "count_seconds": middle - start,
        "actor_seconds": end - middle,
        "counts": counts,
        "ids": ids,
    }


def step_duckdb_jsonl(jsonl: Path) -> dict[str, Any]:
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect()
    # DuckDB's own reading of the file: dates are EDTF text it cannot bound, so the
    # window is a prefix test on the text (right for dates inside December 2022 only).
    rows = con.sql(
        f"""SELECT type, count(*) FROM read_json('{jsonl}', format = 'newline_delimited',
                columns = {{type: 'VARCHAR', "when": 'JSON'}})
            WHERE type IN ('event', 'phone_call')
              AND (CASE WHEN json_type("when") = 'OBJECT' THEN "when"->>'edtf'
                        ELSE "when"->>'$' END) LIKE '2022-12%'
            GROUP BY type"""
    ).fetchall()
    return {"seconds": time.perf_counter() - start, "counts": dict(rows), "approximate": True}


STEPS: dict[str, Callable[..., dict[str, Any]]] = {
    "convert": step_convert,
    "convert_on_workers": step_convert_on_workers,
    "msgspec_decode": step_msgspec_decode,
    "msgspec_decode_paused": step_msgspec_decode_paused,
    "load_parquet": step_load_parquet,
    "eventkit_jsonl": step_eventkit_jsonl,
    "eventkit_parquet": step_eventkit_parquet,
    "duckdb_parquet": step_duckdb_parquet,
    "polars_parquet": step_polars_parquet,
    "duckdb_jsonl": step_duckdb_jsonl,
}


def run_step(name: str, *paths: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        msg = f"{name} failed:\n{done.stderr}"
        raise SystemExit(msg)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _vs_msgspec(results: dict[str, Any]) -> dict[str, float]:
    """Each conversion's records/s over each msgspec decode's, as run here (the moonshot)."""
    ratios = {}
    for convert in ("convert", "convert_on_workers"):
        for decode in ("msgspec_decode", "msgspec_decode_paused"):
            if convert in results and decode in results:
                rate = results[convert]["records"] / results[convert]["seconds"]
                ratios[f"{convert} / {decode}"] = rate / results[decode]["records_per_s"]
    for name, ratio in ratios.items():
        print(f"{name:42} {ratio:.2f}x", file=sys.stderr)
    return ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="events (default 100,000)")
    parser.add_argument("--only", action="append", choices=list(STEPS), help="steps to run")
    parser.add_argument("--dir", type=Path, help="keep the files here (default: a temp dir)")
    parser.add_argument("--out", type=Path, help="write the results here")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        result = STEPS[args.step](*args.paths)
        result["peak_mb"] = _peak_mb()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the whole process
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        if children.ru_maxrss:  # worker processes: their CPU, and the largest one's peak
            result["children_cpu_seconds"] = children.ru_utime + children.ru_stime
            result["child_peak_mb"] = children.ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    work = args.dir or Path(tempfile.mkdtemp(prefix="eventkit-columnar-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl, parquet = work / f"events-{args.n}.jsonl", work / f"events-{args.n}.parquet"
    if not jsonl.exists():
        start = time.perf_counter()
        make_jsonl(jsonl, args.n)
        print(f"generated {jsonl} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    steps = args.only or list(STEPS)
    if not parquet.exists() and "convert" not in steps:
        steps.insert(0, "convert")
    results: dict[str, Any] = {"n_events": args.n, "jsonl_bytes": _size(jsonl)}
    for name in steps:
        converts = name.startswith("convert")
        reads_jsonl = converts or name.startswith("msgspec") or name.endswith("_jsonl")
        source = jsonl if reads_jsonl else parquet
        paths = (jsonl, parquet) if converts else (source,)
        results[name] = run_step(name, *paths)
        shown = {k: v for k, v in results[name].items() if k not in ("counts", "ids")}
        print(f"{name:18} {json.dumps(shown)}", file=sys.stderr)
    if parquet.exists():
        results["parquet_bytes"] = _size(parquet)
    results["vs_msgspec"] = _vs_msgspec(results)
    answers = {
        name: (r.get("counts"), r.get("ids"))
        for name, r in results.items()
        if isinstance(r, dict) and "counts" in r and not r.get("approximate")
    }
    agree = len({json.dumps(a, sort_keys=True) for a in answers.values()}) <= 1
    results["answers_agree"] = agree
    results["answers"] = next(iter(answers.values()), None)
    print(
        f"JSON Lines {results['jsonl_bytes']:,} bytes; "
        f"Parquet {results.get('parquet_bytes', 0):,} bytes; "
        f"answers agree: {agree}; {answers and next(iter(answers.values()))[0]}",
        file=sys.stderr,
    )
    ran = "" if args.only is None else "-" + "+".join(args.only)
    out = args.out or HERE / "results" / f"columnar-{args.n}{ran}.json"
    out.write_text(json.dumps(results, indent=1) + "\n")
    if args.dir is None:
        shutil.rmtree(work)
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
