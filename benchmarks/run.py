"""eventkit against pydantic v2 and msgspec: same schema, same rules, same data (issue #6).

Run from the repository root::

    python benchmarks/run.py                 # the full run: 100k events + 100k statements
    python benchmarks/run.py --n 10000       # a quick run
    python benchmarks/run.py --profile       # cProfile eventkit's JSONL -> records path

It checks that the three libraries accept and reject exactly the same lines,
then measures records/s for four paths (JSONL -> records, records -> JSONL,
dict -> records, records -> dict), each for every library with the garbage
collector on (eventkit's own pause switched off) and with it paused (the
collection the pause leaves owed done inside the timer), plus eventkit as
shipped (its bulk functions pause the collector themselves; the debt
counted); the memory of 100k events held in memory, the import time of
eventkit, the error path (10% bad lines) and dataset queries. It prints a
table with the ratios the issues set as targets and writes
``benchmarks/results/latest.json`` (``--keep`` also keeps a timestamped
copy: the run behind a published table).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import enum
import gc
import io
import json
import os
import platform
import pstats
import random
import re
import subprocess
import sys
import time
import tracemalloc
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pydantic
from peers import MsgspecPeer, PydanticPeer, clear_caches
from workload import Workload, make_workload

import eventkit as ek
import eventkit._serialize
import eventkit.io._jsonl
from eventkit._time import parse_edtf_cached  # the harness resets eventkit's date cache


def parse_date_cache_clear() -> None:
    """Every library's date cache, emptied: each run starts cold, as a program loading once."""
    parse_edtf_cached.cache_clear()
    clear_caches()


@contextlib.contextmanager
def collector_left_on() -> Iterator[None]:
    """Keep the collector on inside eventkit's bulk functions, which pause it themselves.

    The modules that pause it get a ``gc_paused`` that does nothing, so
    eventkit runs as the peers do with the collector on.
    """
    modules = (eventkit._serialize, eventkit.io._jsonl)
    saved = [module.gc_paused for module in modules]
    for module in modules:
        module.__dict__["gc_paused"] = contextlib.nullcontext
    try:
        yield
    finally:
        for module, pause in zip(modules, saved, strict=True):
            module.__dict__["gc_paused"] = pause


# How a load runs: "on", the collector on for every library (eventkit's own
# pause switched off); "paused", off for every library, and the collection the
# pause leaves owed done inside the timer; "shipped", each library as its docs
# say (eventkit's bulk functions pause the collector themselves, the peers run
# with it on), the debt eventkit's pause leaves done inside the timer.
GC_MODES = ("on", "paused", "shipped")

HERE = Path(__file__).resolve().parent
# What each library raises for invalid input; anything else is a bug, never a verdict.
REJECTIONS = (
    ek.ValidationError,
    pydantic.ValidationError,
    msgspec.ValidationError,
    msgspec.DecodeError,
)
LIBRARIES = ("eventkit", "pydantic", "msgspec")
PATHS = ("jsonl_load", "jsonl_dump", "dict_load", "dict_dump")
PATH_TITLES = {
    "jsonl_load": "JSONL -> records",
    "jsonl_dump": "records -> JSONL",
    "dict_load": "dict -> records",
    "dict_dump": "records -> dict",
}
# Extras that must never be imported by ``import eventkit`` (issue #6).
OPTIONAL_MODULES = (
    "pyarrow",
    "pandas",
    "polars",
    "duckdb",
    "networkx",
    "jsonschema",
    "hypothesis",
    "pydantic",
    "msgspec",
    "pycountry",
    "langcodes",
)


# --- the three libraries, each used the documented way ---------------------------
#
# A library offers one or more *variants* per path; the ratio uses each peer's
# fastest variant, so the comparison is never flattering to eventkit.

Loader = Callable[[Any], Any]


def eventkit_load_jsonl(lines: Sequence[bytes]) -> list[Any]:
    """eventkit's per-line JSONL path: one ``ek.from_json`` per line.

    Used where each line must be judged on its own (the error path, the
    profile); bulk throughput uses ``ek.from_jsonl``.
    """
    from_json, record = ek.from_json, ek.Record
    return [from_json(record, line) for line in lines]


def _eventkit_variants() -> dict[str, dict[str, Loader]]:
    from_dict, to_dict, record = ek.from_dict, ek.to_dict, ek.Record
    return {
        # The bulk API is what eventkit's docs recommend for many records; the
        # per-line path (ek.from_json) is measured by the error-path benchmark.
        "jsonl_load": {
            "from_jsonl (bulk)": lambda lines: ek.from_jsonl(ek.Record, b"\n".join(lines)),
        },
        "jsonl_dump": {"to_jsonl (bulk)": ek.to_jsonl},
        "dict_load": {
            "from_dict per record": lambda ds: [from_dict(record, d) for d in ds],
            "from_dicts (bulk)": ek.from_dicts,
        },
        "dict_dump": {
            "to_dict per record": lambda objs: [to_dict(r) for r in objs],
            "to_dict(list) (bulk)": to_dict,
        },
    }


def _pydantic_variants() -> dict[str, dict[str, Loader]]:
    adapter = PydanticPeer.adapter
    validate_json, validate_python = adapter.validate_json, adapter.validate_python
    dump_json, dump_python = adapter.dump_json, adapter.dump_python
    return {
        # Measured slower than per line: validating the file as one JSON array
        # with TypeAdapter(list[...]) (see README), so it is not a variant here.
        "jsonl_load": {
            "TypeAdapter.validate_json per line": lambda ls: [validate_json(x) for x in ls]
        },
        "jsonl_dump": {
            "TypeAdapter.dump_json per record": lambda objs: b"\n".join(
                [dump_json(o, exclude_defaults=True) for o in objs]
            )
        },
        "dict_load": {
            "TypeAdapter.validate_python per record": lambda ds: [validate_python(d) for d in ds]
        },
        "dict_dump": {
            "TypeAdapter.dump_python(mode='json') per record": lambda objs: [
                dump_python(o, mode="json", exclude_defaults=True) for o in objs
            ]
        },
    }


def _msgspec_variants() -> dict[str, dict[str, Loader]]:
    decoder, encoder, record = MsgspecPeer.decoder, MsgspecPeer.encoder, MsgspecPeer.Record
    decode, convert = decoder.decode, msgspec.convert
    return {
        "jsonl_load": {
            "Decoder.decode per line": lambda ls: [decode(x) for x in ls],
            "Decoder.decode_lines": lambda ls: decoder.decode_lines(b"\n".join(ls)),
        },
        # The per-record forms of these three measured slower than the list forms in
        # every run (both collector modes) and were dropped to keep the run under 3 min.
        "jsonl_dump": {"Encoder.encode_lines": encoder.encode_lines},
        "dict_load": {
            "convert(list)": lambda ds: convert(ds, list[record]),  # type: ignore[valid-type]
        },
        "dict_dump": {"to_builtins(list)": msgspec.to_builtins},
    }


def variants() -> dict[str, dict[str, dict[str, Loader]]]:
    """Return ``{library: {path: {variant name: function}}}``."""
    return {
        "eventkit": _eventkit_variants(),
        "pydantic": _pydantic_variants(),
        "msgspec": _msgspec_variants(),
    }


def single_loaders() -> dict[str, Callable[[bytes], Any]]:
    """One-line decoders, for the parity check and the error path."""
    record = ek.Record
    return {
        "eventkit": lambda line: ek.from_json(record, line),
        "pydantic": PydanticPeer.adapter.validate_json,
        "msgspec": MsgspecPeer.decoder.decode,
    }


# --- timing --------------------------------------------------------------------------


def timed(fn: Loader, arg: Any, *, mode: str) -> tuple[float, Any]:
    """Run ``fn(arg)`` once and time it, the collector as ``mode`` says (`GC_MODES`).

    With the collector paused (``"paused"``, and eventkit's own pause in
    ``"shipped"``) the young objects the call made are collected inside the
    timer: a program pays that debt at its next allocations otherwise.

    Everything alive before the call (the inputs, the records kept for the
    dump paths, the other libraries' records) is frozen first, as after
    ``gc.freeze()`` at a program's start: the collector then sees only the
    objects the call makes, which is the cost each library causes. A fresh
    process per measurement would see the same; a harness heap would not.
    """
    # eventkit caches parsed dates: every run starts cold, as a program loading a file once.
    parse_date_cache_clear()
    gc.collect()
    gc.freeze()
    gc.collect()  # resets the collector's count of long-lived objects, as in a fresh process
    setting = collector_left_on() if mode == "on" else contextlib.nullcontext()
    with setting:
        if mode == "paused":
            gc.disable()
        try:
            start = time.perf_counter()
            out = fn(arg)
        finally:
            gc.enable()
        if mode != "on":
            gc.collect()
        elapsed = time.perf_counter() - start
    return elapsed, out


def best_rate(fn: Loader, arg: Any, count: int, *, mode: str, rounds: int) -> tuple[float, Any]:
    """Records/s of the best of ``rounds`` runs, and the last run's result.

    Every library gets the same number of runs, whatever their length: the
    best of several is what a quiet machine gives, where one run alone moves
    with whatever else the machine does.
    """
    best, out = float("inf"), None
    for _ in range(rounds):
        out = None  # freeing the previous result is not part of the measurement
        elapsed, out = timed(fn, arg, mode=mode)
        best = min(best, elapsed)
    return count / best, out


@dataclass
class Throughput:
    """Records/s per library, path, variant and GC mode."""

    rates: dict[str, dict[str, dict[str, dict[str, float]]]] = field(default_factory=dict)

    def best(self, library: str, path: str, gc_mode: str) -> tuple[float, str]:
        """The fastest variant of ``library`` on ``path`` and its name.

        As shipped, a peer is what it is with the collector on.
        """
        found = self.rates[library][path]
        if gc_mode == "shipped" and library != "eventkit":
            gc_mode = "on"
        name = max((v for v in found if gc_mode in found[v]), key=lambda v: found[v][gc_mode])
        return found[name][gc_mode], name


def deep_size(roots: Sequence[Any]) -> int:
    """Bytes of every object reachable from ``roots``, each counted once.

    Types, modules, functions and enum members are shared with the rest of
    the program and not counted. ``sys.getsizeof`` includes the GC header, so
    this is what ``tracemalloc`` reports for the same objects (the
    ``--memory-tracemalloc`` run confirms it) at a fraction of the time.
    """
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, enum.Enum)
    seen: set[int] = set()
    size = 0
    stack = list(roots)
    getsizeof, referents = sys.getsizeof, gc.get_referents
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        size += getsizeof(obj)
        stack.extend(referents(obj))
    return size


MEMORY_SAMPLE = 25_000


def _held(records: list[Any], log: Callable[[str], None], library: str) -> dict[str, Any]:
    # Walking every object of 100k events takes ~5 s a library; the size per
    # event of a 25k sample, scaled, keeps the whole run under 3 minutes. A
    # sample shares fewer cached values (dates) than the whole, so it can only
    # overstate eventkit's size.
    sample = records[:MEMORY_SAMPLE]
    held = deep_size(sample) * len(records) // max(len(sample), 1)
    log(
        f"  {library:8s} {len(records):,} events hold {held / 1e6:.1f} MB "
        f"({held / max(len(records), 1):.0f} B/event; measured on {len(sample):,}, scaled)"
    )
    return {
        "held_bytes": held,
        "events": len(records),
        "sampled_events": len(sample),
        "method": "deep getsizeof of a sample, scaled",
    }


def measure_throughput(
    work: Workload, *, rounds: int, log: Callable[[str], None]
) -> tuple[Throughput, dict[str, Any]]:
    """Measure every variant of every path, and the memory of the events held.

    Libraries are interleaved (each path and GC mode runs all three back to
    back) so that a change of load on the machine hits all of them alike.
    """
    lines = work.lines()
    dicts = work.records
    count = len(lines)
    n_events = len(work.events)
    everything = variants()
    result = Throughput(rates={lib: {path: {} for path in PATHS} for lib in LIBRARIES})
    memory: dict[str, Any] = {}
    # The records the dump paths write: the result of the first JSONL load of each
    # library (its first, documented variant, collector on), kept.
    objects: dict[str, Any] = {}
    for path in PATHS:
        for gc_mode in GC_MODES:
            for library in LIBRARIES:
                if gc_mode == "shipped" and library != "eventkit":
                    continue  # the peers as shipped run with the collector on: measured
                inputs = {"jsonl_load": lines, "dict_load": dicts}
                arg = inputs.get(path, objects.get(library))
                for name, fn in everything[library][path].items():
                    if gc_mode == "shipped" and "(bulk)" not in name:
                        continue  # eventkit's per-record functions leave the collector alone
                    rate, out = best_rate(fn, arg, count, mode=gc_mode, rounds=rounds)
                    result.rates[library][path].setdefault(name, {})[gc_mode] = rate
                    log(
                        f"  {PATH_TITLES[path]:17s} gc {gc_mode:6s} {library:8s} {name:48s} "
                        f"{rate:>10,.0f}/s"
                    )
                    if library not in objects:
                        objects[library] = list(out)
                        memory[library] = _held(objects[library][:n_events], log, library)
                    del out
    del objects
    gc.unfreeze()
    gc.collect()
    return result, memory


# --- parity: same inputs accepted and rejected, same output --------------------------


def check_parity(work: Workload, sample: int) -> dict[str, Any]:
    """Decode valid and invalid lines with each library; compare verdicts and output.

    Every valid line must be accepted and written back byte for byte (the
    workload is in each library's wire form: type first, declaration order,
    defaults left out); every invalid one rejected by all three.
    """
    loaders = single_loaders()
    dumpers: dict[str, Callable[[Any], bytes]] = {
        "eventkit": lambda r: ek.to_json(r).encode(),
        "pydantic": lambda r: PydanticPeer.adapter.dump_json(r, exclude_defaults=True),
        "msgspec": MsgspecPeer.encoder.encode,
    }
    rng = random.Random(7)
    valid = work.lines()
    valid = rng.sample(valid, min(sample, len(valid)))
    mismatches: list[dict[str, Any]] = []
    output_differs: dict[str, int] = dict.fromkeys(LIBRARIES, 0)
    for line in valid:
        for library in LIBRARIES:
            try:
                obj = loaders[library](line)
            except Exception as error:  # a valid line must load: any failure is reported
                mismatches.append(
                    {
                        "kind": "valid",
                        "library": library,
                        "accepted": False,
                        "line": line.decode()[:200],
                        "error": str(error)[:300],
                    }
                )
                continue
            if dumpers[library](obj) != line:
                output_differs[library] += 1
    kinds: dict[str, int] = {}
    for kind, line in work.invalid_lines():
        kinds[kind] = kinds.get(kind, 0) + 1
        for library in LIBRARIES:
            try:
                loaders[library](line)
            except REJECTIONS:
                continue
            except Exception as error:  # a crash is not a rejection: report it
                mismatches.append(
                    {
                        "kind": kind,
                        "library": library,
                        "accepted": False,
                        "line": line.decode()[:200],
                        "crashed": repr(error)[:300],
                    }
                )
                continue
            mismatches.append(
                {"kind": kind, "library": library, "accepted": True, "line": line.decode()[:200]}
            )
    return {
        "valid_checked": len(valid),
        "invalid_checked": sum(kinds.values()),
        "invalid_kinds": kinds,
        "mismatches": mismatches,
        "output_differs": output_differs,
        "ok": not mismatches and not any(output_differs.values()),
    }


# --- memory: a fresh subprocess per library ------------------------------------------


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_child(library: str, n: int, seed: int) -> dict[str, Any]:
    """Load ``n`` events with ``library`` and report what holding them costs."""
    lines = make_workload(n, seed, n_statements=0).event_lines()
    load = variants()[library]["jsonl_load"]
    load_fn = next(iter(load.values()))
    load_fn(lines[:200])  # warm up: caches, lazily built validators, country table
    gc.collect()
    rss_before = _rss_bytes()
    tracemalloc.start()
    gc.disable()  # nothing here makes cycles; the collector only slows the traced load
    held = load_fn(lines)
    gc.enable()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = _rss_bytes()
    assert len(held) == n
    return {
        "held_bytes": current,
        "peak_bytes": peak,
        "rss_delta_bytes": rss_after - rss_before,
        "events": n,
    }


def measure_memory(n: int, seed: int, log: Callable[[str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for library in LIBRARIES:
        proc = subprocess.run(
            [
                sys.executable,
                str(Path(__file__)),
                "--memory-child",
                library,
                "--memory-tracemalloc",
                str(n),
                "--seed",
                str(seed),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            out[library] = {"error": proc.stderr.strip()[-2000:]}
            log(f"  {library:8s} memory: FAILED\n{proc.stderr[-2000:]}")
            continue
        out[library] = json.loads(proc.stdout.strip().splitlines()[-1])
        log(
            f"  {library:8s} memory: {out[library]['held_bytes'] / 1e6:8.1f} MB held "
            f"(peak {out[library]['peak_bytes'] / 1e6:.1f} MB)"
        )
    return out


# --- import time ------------------------------------------------------------------------


def measure_import(repeat: int = 5) -> dict[str, Any]:
    """Best-of-``repeat`` cumulative ``import eventkit`` time and the modules it pulls in."""
    times: list[float] = []
    slowest: list[tuple[float, str]] = []
    # Measured as an installed package runs: with its bytecode cached. A first run
    # writes the caches even where PYTHONDONTWRITEBYTECODE is set for this process.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "import eventkit"], env=env, check=True)
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import eventkit"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        # "import time: self [us] | cumulative | imported package"
        rows = [
            (int(m.group(1)) / 1000, int(m.group(2)) / 1000, m.group(3).strip())
            for m in re.finditer(r"import time:\s+(\d+) \|\s+(\d+) \|(.*)", proc.stderr)
        ]
        total = next(cumulative for _, cumulative, name in rows if name == "eventkit")
        if not times or total < min(times):
            slowest = sorted(((own, name) for own, _, name in rows), reverse=True)[:8]
        times.append(total)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import eventkit, sys, json; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(proc.stdout))
    eager = sorted(m for m in OPTIONAL_MODULES if m in modules)
    return {
        "ms": min(times),
        "all_ms": times,
        "eager_optional_modules": eager,
        "modules_loaded": len(modules),
        "slowest_self_ms": [{"module": name, "ms": own} for own, name in slowest],
    }


# --- error path ---------------------------------------------------------------------------


def measure_error_path(work: Workload, lines_n: int, *, rounds: int) -> dict[str, Any]:
    """Clean file vs the same file with every tenth line replaced by an invalid one."""
    clean = work.lines()[:lines_n]
    invalid = [line for _, line in work.invalid_lines()]
    dirty = list(clean)
    for k, i in enumerate(range(5, len(dirty), 10)):
        dirty[i] = invalid[k % len(invalid)]
    out: dict[str, Any] = {"lines": len(clean), "invalid_lines": len(range(5, len(dirty), 10))}
    for library, load in single_loaders().items():

        def validate(lines: Sequence[bytes], load: Callable[[bytes], Any] = load) -> int:
            bad = 0
            for line in lines:
                try:
                    load(line)
                except REJECTIONS:
                    bad += 1
            return bad

        clean_rate, _ = best_rate(validate, clean, len(clean), mode="on", rounds=rounds)
        dirty_rate, _ = best_rate(validate, dirty, len(dirty), mode="on", rounds=rounds)
        out[library] = {"clean": clean_rate, "dirty": dirty_rate, "ratio": dirty_rate / clean_rate}
    return out


# --- dataset queries (once ek.Dataset exists) --------------------------------------------


def dataset_records(n: int, seed: int) -> list[Any]:
    """``n`` events (half phone calls) built with the public constructors.

    Queries look only at participants and time, so records share their
    immutable parts (participant tuples, dates from the workload's mix of
    precisions, open spans included) from small pools: building a million
    records through ``from_dict`` would take longer than the whole benchmark.
    """
    rng = random.Random(seed)
    n_actors = max(50, n // 400)
    work = make_workload(2_000, seed, n_statements=0)
    whens = [ek.from_dict(ek.Event, d).when for d in work.events]
    roles = ("initiator", "recipient")
    parts = [
        tuple(
            ek.Participant(actor=f"actor-{a:04d}", role=roles[i] if i < 2 else "participant")
            for i, a in enumerate(rng.sample(range(n_actors), rng.choice((2, 2, 3))))
        )
        for _ in range(5_000)
    ]
    event, phone_call = ek.Event, ek.PhoneCall
    gc.disable()  # set-up, not measured: a million records build much faster
    try:
        return [
            (phone_call if i % 2 else event)(
                id=f"ev-{i:07d}",
                title="Talks",
                when=whens[i % len(whens)],
                participants=parts[i % 5_000],
            )
            for i in range(n)
        ]
    finally:
        gc.enable()


def measure_dataset(n: int, seed: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Time "events of an actor" and "events in a time window" on ``n`` records.

    Building the dataset and its indexes (the first query of each kind) is
    timed apart; a query's time is its best of 3, and the target is the worst
    query of each kind.
    """
    if not hasattr(ek, "Dataset"):
        return {"skipped": "ek.Dataset does not exist yet"}
    dataset_cls: Any = ek.Dataset
    start = time.perf_counter()
    records = dataset_records(n, seed)
    build_records_s = time.perf_counter() - start
    start = time.perf_counter()
    dataset = dataset_cls(records)
    add_s = time.perf_counter() - start
    rng = random.Random(seed)
    actors = [f"actor-{rng.randrange(max(50, n // 400)):04d}" for _ in range(20)]
    windows = [
        ("2020-03-10", "2020-03-10"),  # a day
        ("2021-07-05", "2021-07-11"),  # a week
        ("2022-12", "2022-12"),  # a month
        ("2024-11-15", "2024-11-30"),
    ]
    start = time.perf_counter()
    dataset.events_of(actors[0])
    dataset.events_between(*windows[0])
    index_s = time.perf_counter() - start

    def best_ms(run: Callable[[], list[Any]]) -> tuple[float, int]:
        times, size = [], 0
        for _ in range(3):
            t0 = time.perf_counter()
            size = len(run())
            times.append((time.perf_counter() - t0) * 1000)
        return min(times), size

    by_actor = [best_ms(lambda a=a: dataset.events_of(a)) for a in actors]  # type: ignore[misc]
    by_window = [best_ms(lambda w=w: dataset.events_between(*w)) for w in windows]  # type: ignore[misc]
    actor_ms = max(ms for ms, _ in by_actor)
    window_ms = max(ms for ms, _ in by_window)
    log(
        f"  dataset of {n:,} events: records {build_records_s:.1f} s, add {add_s:.1f} s, "
        f"indexes {index_s:.1f} s; worst query: actor {actor_ms:.2f} ms, window {window_ms:.2f} ms"
    )
    return {
        "records": n,
        "build_records_s": build_records_s,
        "add_s": add_s,
        "index_s": index_s,
        "actor_query_ms": actor_ms,
        "actor_results": [size for _, size in by_actor],
        "window_query_ms": window_ms,
        "windows": [
            {"window": list(w), "ms": ms, "results": size}
            for w, (ms, size) in zip(windows, by_window, strict=True)
        ],
    }


# --- targets and report -----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One target of issue #6 and whether this run meets it."""

    name: str
    value: float | None
    goal: str
    met: bool | None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "goal": self.goal, "met": self.met}


def _ratio_target(
    tp: Throughput, path: str, peer: str, at_least: float, gc_mode: str = "on"
) -> Target:
    ours, _ = tp.best("eventkit", path, gc_mode)
    theirs, _ = tp.best(peer, path, gc_mode)
    ratio = ours / theirs
    name = f"{PATH_TITLES[path]}, collector {gc_mode}: eventkit / {peer}"
    return Target(name, ratio, f">= {at_least}x", ratio >= at_least)


def targets(
    tp: Throughput,
    memory: dict[str, Any],
    imports: dict[str, Any],
    errors: dict[str, Any],
    dataset: dict[str, Any],
) -> list[Target]:
    out = [
        _ratio_target(tp, "jsonl_load", "pydantic", 2.0),
        _ratio_target(tp, "jsonl_load", "msgspec", 0.75),
        _ratio_target(tp, "jsonl_load", "pydantic", 1.3, "paused"),
        _ratio_target(tp, "jsonl_dump", "pydantic", 1.0),
        _ratio_target(tp, "jsonl_dump", "msgspec", 0.35),
        _ratio_target(tp, "dict_load", "pydantic", 2.0),
        _ratio_target(tp, "dict_dump", "pydantic", 1.0),
    ]
    if all("held_bytes" in memory.get(lib, {}) for lib in LIBRARIES):
        ours = memory["eventkit"]["held_bytes"]
        vs_pyd = ours / memory["pydantic"]["held_bytes"]
        vs_msg = ours / memory["msgspec"]["held_bytes"]
        out.append(
            Target("memory of events held: eventkit / pydantic", vs_pyd, "<= 1x", vs_pyd <= 1)
        )
        out.append(
            Target("memory of events held: eventkit / msgspec", vs_msg, "<= 1.5x", vs_msg <= 1.5)
        )
    out.append(Target("import eventkit (ms)", imports["ms"], "< 150 ms", imports["ms"] < 150))
    eager = imports["eager_optional_modules"]
    out.append(
        Target(
            f"optional modules imported eagerly: {', '.join(eager) or 'none'}",
            float(len(eager)),
            "none",
            not eager,
        )
    )
    ratio = errors["eventkit"]["ratio"]
    out.append(Target("error path: 10% invalid / clean (eventkit)", ratio, ">= 0.5x", ratio >= 0.5))
    if "skipped" in dataset:
        out.append(
            Target(f"dataset queries: skipped ({dataset['skipped']})", None, "< 10 ms", None)
        )
    else:
        worst = max(dataset["actor_query_ms"], dataset["window_query_ms"])
        out.append(
            Target(
                f"dataset queries on {dataset['records']:,} records, worst (ms)",
                worst,
                "< 10 ms",
                worst < 10,
            )
        )
    return out


def _fmt_rate(rate: float) -> str:
    return f"{rate:>11,.0f}"


def report(run: dict[str, Any], tp: Throughput, found: list[Target]) -> str:
    lines = []
    meta = run["meta"]
    lines.append(
        f"eventkit {meta['versions']['eventkit']} vs pydantic {meta['versions']['pydantic']} "
        f"vs msgspec {meta['versions']['msgspec']} | Python {meta['python']} | "
        f"{meta['cpus']} CPUs | {meta['records']:,} records ({meta['n']:,} events + "
        f"{meta['n']:,} statements), seed {meta['seed']}"
    )
    parity = run["parity"]
    verdict = "OK" if parity["ok"] else "MISMATCH"
    lines.append(
        f"parity: {parity['valid_checked']:,} valid + {parity['invalid_checked']:,} invalid lines "
        f"({len(parity['invalid_kinds'])} kinds) -> {verdict}; output byte-identical: "
        + ", ".join(
            f"{lib} {'yes' if not n else f'NO ({n} differ)'}"
            for lib, n in parity["output_differs"].items()
        )
    )
    lines.append("")
    head = (
        f"{'records/s':24s} {'gc':7s}{'eventkit':>11s}{'pydantic':>11s}{'msgspec':>11s}"
        f"{'ek/pyd':>9s}{'ek/msg':>9s}"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for path in PATHS:
        for gc_mode in GC_MODES:
            rates = {lib: tp.best(lib, path, gc_mode)[0] for lib in LIBRARIES}
            title = PATH_TITLES[path] if gc_mode == "on" else ""
            lines.append(
                f"{title:24s} {gc_mode:7s}"
                + "".join(_fmt_rate(rates[lib]) for lib in LIBRARIES)
                + f"{rates['eventkit'] / rates['pydantic']:>9.2f}"
                + f"{rates['eventkit'] / rates['msgspec']:>9.2f}"
            )
    lines.append(
        "(on: the collector on for every library, eventkit's own pause switched off; paused: "
        "off for every library, the collection it leaves owed inside the timer; shipped: each "
        "as documented, eventkit's bulk functions pausing the collector themselves, their debt "
        "inside the timer, the peers' figures those with it on)"
    )
    lines.append("(peers: the fastest documented variant of each; see results JSON for all)")
    for lib in ("pydantic", "msgspec"):
        used = {PATH_TITLES[p]: tp.best(lib, p, "on")[1] for p in PATHS}
        lines.append(f"  {lib}: " + "; ".join(f"{k}: {v}" for k, v in used.items()))
    memory = run["memory"]
    if memory:
        lines.append("")
        lines.append(
            f"memory of {run['meta']['n']:,} events held "
            f"(every reachable object once; a {MEMORY_SAMPLE:,}-event sample, scaled)"
        )
        traced = run["memory_tracemalloc"]
        for lib in LIBRARIES:
            m = memory[lib]
            line = (
                f"  {lib:9s} {m['held_bytes'] / 1e6:8.1f} MB  "
                f"{m['held_bytes'] / max(m['events'], 1):6.0f} B/event"
            )
            t = traced.get(lib, {})
            if "held_bytes" in t:
                line += (
                    f"   tracemalloc ({t['events']:,} events, fresh process): "
                    f"{t['held_bytes'] / t['events']:6.0f} B/event, "
                    f"peak {t['peak_bytes'] / 1e6:.1f} MB"
                )
            lines.append(line)
    imports = run["import"]
    errors = run["error_path"]
    lines.append("")
    lines.append(
        f"import eventkit: {imports['ms']:.0f} ms (best of {len(imports['all_ms'])}), "
        f"{imports['modules_loaded']} modules in sys.modules; slowest (own time): "
        + ", ".join(f"{m['module']} {m['ms']:.0f} ms" for m in imports["slowest_self_ms"][:5])
    )
    lines.append(
        f"error path ({errors['lines']:,} lines, {errors['invalid_lines']:,} invalid), "
        "lines/s clean -> dirty:"
    )
    for lib in LIBRARIES:
        e = errors[lib]
        lines.append(
            f"  {lib:9s} {e['clean']:>10,.0f} -> {e['dirty']:>10,.0f}  ({e['ratio']:.2f}x)"
        )
    dataset = run["dataset"]
    if "skipped" not in dataset:
        lines.append(
            f"dataset of {dataset['records']:,} events: add {dataset['add_s']:.1f} s, "
            f"build indexes (first queries) {dataset['index_s']:.1f} s; "
            f"events of an actor: worst {dataset['actor_query_ms']:.2f} ms; windows: "
            + ", ".join(
                f"{w['window'][0]}..{w['window'][1]} {w['ms']:.1f} ms ({w['results']:,} events)"
                for w in dataset["windows"]
            )
        )
    lines.append("")
    lines.append("targets (issues #6 and #13; ratios in this run)")
    for t in found:
        mark = {True: "met", False: "NOT MET", None: "skipped"}[t.met]
        value = "" if t.value is None else f"{t.value:.2f}"
        lines.append(f"  [{mark:7s}] {t.name:58s} {value:>8s}  target {t.goal}")
    return "\n".join(lines)


# --- profile ------------------------------------------------------------------------------


def profile(n_records: int, seed: int) -> str:
    """cProfile of eventkit's JSONL -> records path; the top 15 by cumulative and own time."""
    lines = make_workload(n_records // 2, seed).lines()
    eventkit_load_jsonl(lines[:200])  # warm up as the benchmark does
    profiler = cProfile.Profile()
    profiler.enable()
    eventkit_load_jsonl(lines)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(15)
    return out.getvalue()


# --- main ---------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    return {
        name: metadata.version(name)
        for name in (
            "eventkit",
            "pydantic",
            "pydantic-core",
            "msgspec",
            "attrs",
            "orjson",
        )
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--n", type=int, default=100_000, help="events, and as many statements (default 100000)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--memory-tracemalloc",
        type=int,
        default=0,
        metavar="N",
        help="also measure N events held with tracemalloc, one fresh subprocess "
        "per library (slow: tracing triples load times)",
    )
    parser.add_argument(
        "--error-lines",
        type=int,
        default=10_000,
        help="lines in the error-path files (default 10000)",
    )
    parser.add_argument(
        "--parity-sample",
        type=int,
        default=3_000,
        help="valid lines checked for parity and identical output",
    )
    parser.add_argument(
        "--dataset-n",
        type=int,
        default=1_000_000,
        help="events in the dataset-query measure (needs ek.Dataset; 0 skips it)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="runs of each measurement, for every library alike; the best counts (default 3)",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="also keep a timestamped copy of the results: the run behind a published table",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="only profile eventkit's JSONL -> records path (20000 records)",
    )
    parser.add_argument("--memory-child", choices=LIBRARIES, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)

    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child, args.memory_tracemalloc, args.seed)))
        return 0
    if args.profile:
        print(profile(20_000, args.seed))
        return 0

    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {message}", file=sys.stderr, flush=True)

    log(f"generating {args.n:,} events + {args.n:,} statements (seed {args.seed})")
    work = make_workload(args.n, args.seed)
    log("checking parity")
    parity = check_parity(work, args.parity_sample)
    if not parity["ok"]:
        log("!!! PARITY MISMATCH: the libraries differ in what they accept or what they write")
        for m in parity["mismatches"][:20]:
            log(f"!!!   {m}")
    log("measuring throughput")
    tp, memory = measure_throughput(work, rounds=args.rounds, log=log)
    log("measuring the error path")
    errors = measure_error_path(work, args.error_lines, rounds=args.rounds)
    del work
    gc.collect()
    traced: dict[str, Any] = {}
    if args.memory_tracemalloc:
        log(f"measuring {args.memory_tracemalloc:,} events held with tracemalloc")
        traced = measure_memory(args.memory_tracemalloc, args.seed, log)
    log("measuring import time")
    imports = measure_import()
    log(f"measuring dataset queries on {args.dataset_n:,} records")
    dataset = (
        measure_dataset(args.dataset_n, args.seed, log)
        if args.dataset_n
        else {"skipped": "--dataset-n 0"}
    )
    found = targets(tp, memory, imports, errors, dataset)
    elapsed = time.perf_counter() - started
    now = dt.datetime.now(dt.UTC)
    run = {
        "meta": {
            "date": now.isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "versions": _versions(),
            "n": args.n,
            "records": 2 * args.n,
            "seed": args.seed,
            "rounds": args.rounds,
            "elapsed_s": round(elapsed, 1),
            # Other work on the machine skews timings; a load above the core count is a warning.
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "parity": parity,
        "throughput": tp.rates,
        "memory": memory,
        "memory_tracemalloc": traced,
        "import": imports,
        "error_path": errors,
        "dataset": dataset,
        "targets": [t.as_dict() for t in found],
    }
    text = report(run, tp, found)
    print(text)
    load = os.getloadavg()[0]
    print(f"\n(total {elapsed:.0f} s; load average {load:.2f} on {os.cpu_count()} CPUs)")
    args.output.mkdir(parents=True, exist_ok=True)
    payload = orjson.dumps(run, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    (args.output / "latest.json").write_bytes(payload)
    print(f"results written to {args.output / 'latest.json'}")
    if args.keep:
        kept = args.output / f"{now.strftime('%Y%m%dT%H%M%SZ')}.json"
        kept.write_bytes(payload)
        print(f"and kept as {kept}")
    return 0 if parity["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
