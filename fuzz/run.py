"""Fuzz eventkit's entry points: ``python fuzz/run.py --inputs N``.

``--inputs N`` is the total over all entry points, shared by the weights in
`fuzz.harness.TARGETS` (the file-based entry points are slower and get
fewer); with ``--each`` it is the number for each entry point. ``--target``
runs only the ones named. The exit status is 1 if a defect turned up that is
not one of the known ones (`fuzz.harness.KNOWN`). Input ``i`` of entry point
``t`` is made from the seed, ``t`` and ``i`` alone, so every failure is
printed with the command that replays it::

    python fuzz/run.py --replay from_json:0:1234

Run long campaigns with ``nice -n 10``; ``--jobs 2`` splits the inputs over
two processes.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import reprlib
import sys
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz import harness, inputs  # the repository root is put on the path first

_SHOWN_PER_KIND = 2
_deadline = float("inf")  # set by --max-seconds before the worker processes are forked


def _shares(total: int, names: Sequence[str], *, each: bool = False) -> dict[str, int]:
    if each:
        return dict.fromkeys(names, total)
    weights = {name: harness.TARGETS[name].weight for name in names}
    whole = sum(weights.values())
    shares = {name: max(1, int(total * weight / whole)) for name, weight in weights.items()}
    # The inputs rounding left out go to the entry points first in the table, so the
    # total is never less than asked for.
    for name in list(shares)[: max(0, total - sum(shares.values()))]:
        shares[name] += 1
    return shares


def _work(job: tuple[str, int, int, int]) -> dict[str, Any]:
    """Run inputs ``start`` to ``stop`` of one target; return counts, time and defects."""
    name, seed, start, stop = job
    found: dict[str, list[tuple[int, str]]] = {}
    counts: dict[str, int] = {}
    slowest = (0.0, -1)
    began = time.perf_counter()
    done = 0
    for index in range(start, stop):
        if time.time() > _deadline:  # --max-seconds: stop, and say how many ran
            break
        done += 1
        took, defect = harness.run_one(name, seed, index)
        slowest = max(slowest, (took, index))
        if defect is not None:
            label = harness.known(name, defect) or defect.kind
            counts[label] = counts.get(label, 0) + 1
            shown = found.setdefault(label, [])
            if len(shown) < _SHOWN_PER_KIND:
                shown.append((index, str(defect)[:400]))
    return {
        "name": name,
        "inputs": done,
        "seconds": time.perf_counter() - began,
        "counts": counts,
        "found": found,
        "slowest": slowest,
    }


def _jobs(
    shares: dict[str, int], seed: int, offset: int, chunk: int
) -> list[tuple[str, int, int, int]]:
    per_target = [
        [
            (name, seed, start, min(start + chunk, offset + count))
            for start in range(offset, offset + count, chunk)
        ]
        for name, count in shares.items()
    ]
    # Round robin over the entry points, so a run stopped by --max-seconds covers each.
    rounds = itertools.zip_longest(*per_target)
    return [job for jobs in rounds for job in jobs if job is not None]


def _in_processes(work: list[tuple[str, int, int, int]], jobs: int) -> list[dict[str, Any]]:
    """Run the chunks in ``jobs`` processes; a chunk whose process dies is a defect of its own.

    A process killed by a crash (a segfault in a C extension) breaks the pool: the chunks
    left unfinished are run again one at a time, each in a process of its own, and one
    that dies again is reported with its range of inputs.
    """
    results: list[dict[str, Any]] = []
    broken = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = {pool.submit(_work, job): job for job in work}
        for future in as_completed(futures):
            try:
                results.append(future.result())
            except BrokenProcessPool:
                broken.append(futures[future])
    for job in broken:
        with ProcessPoolExecutor(1, mp_context=context) as alone:
            try:
                results.append(alone.submit(_work, job).result())
            except BrokenProcessPool:
                results.append(_crashed(job))
    return results


def _crashed(job: tuple[str, int, int, int]) -> dict[str, Any]:
    name, _, start, stop = job
    text = f"the process died (a crash) somewhere in inputs {start} to {stop - 1}; replay each"
    return {
        "name": name,
        "inputs": stop - start,
        "seconds": 0.0,
        "counts": {"process-crashed": 1},
        "found": {"process-crashed": [(start, text)]},
        "slowest": (0.0, -1),
    }


def campaign(
    total: int, names: Sequence[str], *, seed: int, jobs: int, offset: int, each: bool = False
) -> int:
    """Run ``total`` inputs over ``names``; print the table and the new defects; 1 if any."""
    shares = _shares(total, names, each=each)
    chunk = 500
    work = _jobs(shares, seed, offset, chunk)
    began = time.perf_counter()
    results = _in_processes(work, jobs) if jobs > 1 else [_work(job) for job in work]
    wall = time.perf_counter() - began
    table: dict[str, dict[str, Any]] = {}
    for result in results:
        row = table.setdefault(
            result["name"],
            {"inputs": 0, "seconds": 0.0, "counts": {}, "found": {}, "slowest": (0.0, -1)},
        )
        row["inputs"] += result["inputs"]
        row["seconds"] += result["seconds"]
        row["slowest"] = max(row["slowest"], result["slowest"])
        for kind, count in result["counts"].items():
            row["counts"][kind] = row["counts"].get(kind, 0) + count
        for kind, shown in result["found"].items():
            row["found"].setdefault(kind, []).extend(shown)
    print(f"seed {seed}, inputs {offset} to {offset + max(shares.values())} per entry point")
    print(
        f"{'entry point':<16} {'inputs':>9} {'cpu s':>8} {'per s':>8} {'slowest':>8}  "
        "new defects; known ones (inputs)"
    )
    defects = 0
    for name in names:
        row = table[name]
        new = sum(n for kind, n in row["counts"].items() if kind not in harness.KNOWN)
        old = ", ".join(
            f"{kind} ({n})" for kind, n in sorted(row["counts"].items()) if kind in harness.KNOWN
        )
        defects += new
        rate = row["inputs"] / row["seconds"] if row["seconds"] else 0.0
        print(
            f"{name:<16} {row['inputs']:>9,} {row['seconds']:>8.1f} {rate:>8.0f} "
            f"{row['slowest'][0]:>7.2f}s  {new or '-'}; {old or '-'}"
        )
    total_inputs = sum(row["inputs"] for row in table.values())
    print(f"{'total':<16} {total_inputs:>9,}   wall time {wall:.1f} s with {jobs} job(s)")
    seen = sorted({kind for row in table.values() for kind in row["counts"]} & set(harness.KNOWN))
    for kind in seen:
        print(f"known {kind}: {harness.KNOWN[kind]}")
    for name in names:
        for kind, shown in sorted(table[name]["found"].items()):
            if kind in harness.KNOWN:
                continue
            count = table[name]["counts"][kind]
            print(f"\nDEFECT {name} / {kind}: {count} input(s)")
            for index, text in sorted(shown)[:_SHOWN_PER_KIND]:
                print(f"  {text}")
                print(f"  replay: python fuzz/run.py --replay {name}:{seed}:{index}")
    return 1 if defects else 0  # known defects alone do not fail the run


class _Shallow(reprlib.Repr):
    """A repr that goes 12 levels deep and survives objects whose own repr raises."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxstring, self.maxother = 12, 400, 400
        self.maxlist = self.maxtuple = self.maxdict = 50

    def repr_int(self, x: int, level: int) -> str:
        try:
            return super().repr_int(x, level)
        except ValueError:  # more digits than str() converts
            return f"<int of {x.bit_length():,} bits>"

    def repr_instance(self, x: Any, level: int) -> str:
        try:
            return repr(x)[: self.maxother]
        except Exception as error:
            return f"<{type(x).__name__}: repr raised {type(error).__name__}>"


def _show(value: Any) -> str:
    try:
        return repr(value)
    except Exception:  # deep data, or an object whose repr raises on purpose
        return _Shallow().repr(value)


def replay(spec: str) -> int:
    """Make one input again, show it, and run it with the full traceback."""
    name, seed, index = spec.split(":")
    given = harness.make_input(name, int(seed), int(index))
    text = _show(given)
    print(f"input ({len(text):,} characters of repr):")
    print(text if len(text) < 4000 else text[:4000] + " …")
    try:
        harness.TARGETS[name].check(given)
    except harness.Defect:
        traceback.print_exc()
        return 1
    print("no defect")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run a campaign or a replay."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="total inputs, all targets")
    parser.add_argument(
        "--each", action="store_true", help="--inputs is per entry point, not the total"
    )
    parser.add_argument("--target", action="append", choices=sorted(harness.TARGETS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--offset", type=int, default=0, help="index of the first input")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--max-seconds", type=float, help="stop after this long and report the inputs run"
    )
    parser.add_argument("--replay", metavar="TARGET:SEED:INDEX")
    parser.add_argument(
        "--refresh-corpus",
        action="store_true",
        help="draw the valid records inputs start from again (fuzz/corpus/records.jsonl)",
    )
    args = parser.parse_args(argv)
    if args.refresh_corpus:
        print(f"{inputs.write_corpus()} records in {inputs.CORPUS}")
        return 0
    if args.replay:
        return replay(args.replay)
    names = args.target or list(harness.TARGETS)
    if args.max_seconds is not None:
        global _deadline  # noqa: PLW0603 - read by the workers, which fork after this
        _deadline = time.time() + args.max_seconds
    return campaign(
        args.inputs, names, seed=args.seed, jobs=args.jobs, offset=args.offset, each=args.each
    )


if __name__ == "__main__":
    sys.exit(main())
