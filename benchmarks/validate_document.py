"""Model-sized documents checked in one pass: `ek.validate` against `from_dicts` + `check()`.

Run from the repository root::

    python benchmarks/validate_document.py               # 2,000 documents
    python benchmarks/validate_document.py --n 500       # a quicker run

Each document is what an extraction model returns for one article: the
Scholz–Putin seed dataset's records (actors, sources, events, statements),
as dicts. Three ways to check it are timed on the same documents, best of
five, the collector on for all:

* ``ek.validate(document)``: every problem in one pass, and the dataset;
* ``Dataset(ek.from_dicts(records)).check()``: the two-step way,
  which stops at the first record problem before references are checked;
* the same documents with one mistake each (a misspelt field), through
  ``ek.validate``: the cost of finding and explaining problems, hints
  included.

Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import time
from collections.abc import Callable
from typing import Any

import eventkit as ek
from eventkit.examples import scholz_putin


def _best(run: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2_000, help="documents per way")
    n = parser.parse_args().n
    records = [ek.to_dict(record) for record in scholz_putin()]
    documents = [copy.deepcopy(records) for _ in range(n)]
    broken: list[list[dict[str, Any]]] = copy.deepcopy(documents)
    for document in broken:
        actor = next(record for record in document if record["type"] == "actor")
        actor["nme"] = actor.pop("name")

    def one_pass() -> None:
        for document in documents:
            ek.validate(document)

    def two_steps() -> None:
        for document in documents:
            ek.Dataset(ek.from_dicts(document)).check()

    def with_a_mistake() -> None:
        for document in broken:
            ek.validate(document)

    print(f"{n:,} documents of {len(records)} records each (the seed dataset), best of 5\n")
    print(f"{'way':<44} {'documents/s':>12} {'records/s':>12}")
    rows = [
        ("ek.validate(document)", one_pass),
        ("Dataset(from_dicts(...)).check()", two_steps),
        ("ek.validate, one misspelt field per document", with_a_mistake),
    ]
    rates = {}
    for name, run in rows:
        seconds = _best(run)
        rates[name] = n / seconds
        print(f"{name:<44} {n / seconds:>12,.0f} {n * len(records) / seconds:>12,.0f}")
    ratio = rates["ek.validate(document)"] / rates["Dataset(from_dicts(...)).check()"]
    print(f"\nek.validate / (from_dicts + check): {ratio:.2f}x")


if __name__ == "__main__":
    main()
