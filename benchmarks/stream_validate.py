"""Stream a large JSONL file through validation: eventkit against pydantic v2 and msgspec.

Run from the repository root::

    python benchmarks/stream_validate.py                 # 1,000,000 records (issue #4)
    python benchmarks/stream_validate.py --n 100000      # a quicker run
    python benchmarks/stream_validate.py --keep data.jsonl   # keep (or reuse) the generated file

The file is generated line by line (never held in memory): actors and sources
first, then events (half of them phone calls) and statements from
``workload.py``, the same data ``run.py`` uses, with one line in a thousand
replaced by an invalid record of one of ``workload.INVALID_KINDS``.

Each library then validates the file in a fresh subprocess, so each peak
memory (``resource.getrusage``'s ``ru_maxrss``) is its own:

* ``eventkit``: ``ek.validate_file(path)``: every line as a record, then every
  reference between records (dangling ids, wrong kinds, duplicate ids), with
  file and line on each problem;
* ``pydantic`` / ``msgspec``: the same work done by hand around the peers'
  models (``peers.py``, plus the actor and source models below, which
  ``peers.py`` does not have): each line decoded and validated on its own,
  the error kept with its line number, and the same reference check (ids and
  kinds in a dict, forward references kept until the end);
* ``... records only``: the per-line validation alone, without references
  (``ek.iter_records``-style for eventkit), to compare like with like.

Nothing here asserts a time; it prints a table, the ratios to eventkit, and
whether eventkit's peak stays under the 200 MB the issue sets.
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

HERE = Path(__file__).resolve().parent
LIMIT_MB = 200
WORKERS = (
    "eventkit",
    "pydantic",
    "msgspec",
    "eventkit records only",
    "pydantic records only",
    "msgspec records only",
)
ACTOR_KINDS = ("person", "state", "government", "organisation", "media")
ACTOR_COUNTRIES = ("DEU", "RUS", "UKR", "USA", "FRA", "POL", "CHN", "TUR")


# --- the file -----------------------------------------------------------------------------


def generate(path: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write about ``n`` records to ``path`` line by line; return counts by kind."""
    import orjson
    import workload  # benchmarks/ is on sys.path when this file runs as a script

    rng = random.Random(seed)
    n_events = max(1, (n * 45) // 100)
    n_actors = max(50, n_events // 200)
    n_sources = max(20, min(999, n_events // 500))
    n_statements = max(0, n - n_events - n_actors - n_sources)
    kinds = list(workload.INVALID_KINDS.values())
    counts = {"actors": n_actors, "sources": n_sources, "events": n_events, "statements": 0}
    counts["invalid"] = 0

    def records() -> Iterator[dict[str, Any]]:
        for i in range(n_actors):
            yield {
                "type": "actor",
                "id": f"actor-{i:04d}",
                "name": f"Actor {i}",
                "kind": ACTOR_KINDS[i % len(ACTOR_KINDS)],
                "country": ACTOR_COUNTRIES[i % len(ACTOR_COUNTRIES)],
            }
        for i in range(n_sources):
            yield {"type": "source", "id": f"src-{i:03d}", "name": f"Source {i}", "kind": "article"}
        for i in range(n_events):
            yield workload._event(rng, i, n_actors, n_sources)
        for i in range(n_statements):
            counts["statements"] += 1
            yield workload._statement(rng, i, n_events, n_actors, n_sources)

    with path.open("wb") as stream:
        batch = []
        for index, data in enumerate(records()):
            if index % 1000 == 999 and data["type"] not in ("actor", "source"):
                kinds[counts["invalid"] % len(kinds)](data)
                counts["invalid"] += 1
            batch.append(orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE))
            if len(batch) == 10_000:
                stream.write(b"".join(batch))
                batch.clear()
        stream.write(b"".join(batch))
    return counts


# --- the peers: reference checking done by hand ---------------------------------------------------

ACTOR, SOURCE, EVENT, STATEMENT = 1, 2, 4, 8


def peer_references(record: Any) -> Iterator[tuple[str, int]]:
    """The ids a peer's record mentions, with the kinds they must name (as eventkit checks)."""
    kind = record.type if hasattr(record, "type") else type(record).__name__.lower()
    if kind in ("event", "phone_call", "Event", "PhoneCall", "phonecall"):
        for participant in record.participants:
            yield participant.actor, ACTOR
        for relation in record.related:
            yield relation.event, EVENT
        for citation in record.sources:
            yield citation.source, SOURCE
    elif kind in ("statement", "Statement"):
        yield record.speaker, ACTOR
        if record.event is not None:
            yield record.event, EVENT
        for subject in record.about:
            yield subject, EVENT | ACTOR
        if record.via is not None:
            yield record.via, SOURCE
        for other in (*record.responds_to, *record.disputes):
            yield other, STATEMENT
        for citation in record.sources:
            yield citation.source, SOURCE


def peer_kind(record: Any) -> int:
    tag = getattr(record, "type", None) or type(record).__name__.lower()
    return {"actor": ACTOR, "source": SOURCE, "statement": STATEMENT}.get(tag, EVENT)


def peer_validate(
    path: Path, decode: Callable[[bytes], Any], errors: tuple[type[Exception], ...], *, refs: bool
) -> tuple[int, int]:
    """Validate ``path`` line by line with ``decode``; return (records, problems)."""
    problems: list[tuple[int, str]] = []
    ids: dict[str, int] = {}
    pending: list[tuple[int, str, int]] = []
    records = 0
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            if line.isspace():
                continue
            records += 1
            try:
                record = decode(line)
            except errors as error:
                problems.append((number, str(error)))
                continue
            if not refs:
                continue
            if record.id in ids:
                problems.append((number, "duplicate id"))
                continue
            ids[record.id] = number << 4 | peer_kind(record)
            for target, expected in peer_references(record):
                found = ids.get(target)
                if found is None:
                    pending.append((number, target, expected))
                elif not found & 15 & expected:
                    problems.append((number, "wrong kind"))
    for number, target, expected in pending:
        found = ids.get(target)
        if found is None or not found & 15 & expected:
            problems.append((number, "dangling or wrong kind"))
    return records, len(problems)


def pydantic_decoder() -> tuple[Callable[[bytes], Any], tuple[type[Exception], ...]]:
    import pydantic
    from peers import Country, PydanticPeer
    from pydantic import ConfigDict, Field, Strict

    open_kind = Annotated[
        str, Strict(), Field(pattern=r"^(?:[a-z_]+|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)$")
    ]

    class Actor(PydanticPeer.Base):
        model_config = ConfigDict(extra="forbid", frozen=True)
        type: Literal["actor"]
        id: PydanticPeer.Id
        name: PydanticPeer.Text
        kind: open_kind
        country: Country | None = None

    class Source(PydanticPeer.Base):
        model_config = ConfigDict(extra="forbid", frozen=True)
        type: Literal["source"]
        id: PydanticPeer.Id
        name: PydanticPeer.Text
        kind: open_kind

    union = Annotated[
        PydanticPeer.Event | PydanticPeer.PhoneCall | PydanticPeer.Statement | Actor | Source,
        Field(discriminator="type"),
    ]
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(union)
    return adapter.validate_json, (pydantic.ValidationError,)


def msgspec_decoder() -> tuple[Callable[[bytes], Any], tuple[type[Exception], ...]]:
    import msgspec
    from peers import Country, MsgspecPeer

    open_kind = Annotated[
        str, msgspec.Meta(pattern=r"^(?:[a-z_]+|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\Z")
    ]

    class Actor(MsgspecPeer.Base, frozen=True, kw_only=True, tag_field="type", tag="actor"):
        id: MsgspecPeer.Id
        name: MsgspecPeer.Text
        kind: open_kind
        country: Country | None = None

    class Source(MsgspecPeer.Base, frozen=True, kw_only=True, tag_field="type", tag="source"):
        id: MsgspecPeer.Id
        name: MsgspecPeer.Text
        kind: open_kind

    decoder = msgspec.json.Decoder(
        MsgspecPeer.Event | MsgspecPeer.PhoneCall | MsgspecPeer.Statement | Actor | Source
    )
    return decoder.decode, (msgspec.ValidationError, msgspec.DecodeError)


# --- one worker per process ------------------------------------------------------------


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def work(name: str, path: Path) -> dict[str, Any]:
    """Validate ``path`` as worker ``name``; runs in its own process."""
    refs = not name.endswith("records only")
    library = name.split(maxsplit=1)[0]
    if library == "eventkit":
        from eventkit.io import validate_file

        baseline = rss_mb()
        start = time.perf_counter()
        if refs:
            report = validate_file(path)
            records, problems = report.records, len(report.problems)
        else:
            records = problems = 0
            for records, bad in enumerate(_eventkit_lines(path), 1):  # noqa: B007 - the count
                problems += bad
    else:
        decode, errors = pydantic_decoder() if library == "pydantic" else msgspec_decoder()
        baseline = rss_mb()
        start = time.perf_counter()
        records, problems = peer_validate(path, decode, errors, refs=refs)
    seconds = time.perf_counter() - start
    return {
        "name": name,
        "records": records,
        "problems": problems,
        "seconds": seconds,
        "baseline_mb": baseline,
        "peak_mb": rss_mb(),
    }


def _eventkit_lines(path: Path) -> Iterator[int]:
    """Per-line validation alone, 1 for a bad line, 0 for a good one.

    This is what ``ek.iter_records`` does, except that it goes on after a bad line.
    """
    from eventkit.io._jsonl import scan_jsonl

    with path.open("rb") as stream:
        for entry in scan_jsonl(stream, file=str(path), compressed=False):
            yield 1 if entry.problems else 0


# --- the harness ----------------------------------------------------------------------


def run_child(arguments: list[str], name: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *arguments], check=False, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{name!r} failed:\n{done.stderr}")
    output = done.stdout
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="records in the file (1,000,000)")
    parser.add_argument(
        "--keep", type=Path, help="write the file here and keep it (reused if it exists)"
    )
    parser.add_argument("--only", choices=WORKERS, action="append", help="run only these workers")
    parser.add_argument("--worker", choices=WORKERS, help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(work(args.worker, args.path)))
        return 0
    if args.generate is not None:
        print(json.dumps(generate(args.path, args.generate)))
        return 0

    with tempfile.TemporaryDirectory() as scratch:
        path = args.keep or Path(scratch) / "stream.jsonl"
        if path.exists():
            print(f"reusing {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        else:
            # In a subprocess too: a child's ru_maxrss starts at its parent's peak
            # (Linux carries it across exec), so this process must stay small.
            start = time.perf_counter()
            counts = run_child(["--generate", str(args.n), "--path", str(path)], "generate")
            size = path.stat().st_size / 1e6
            took = time.perf_counter() - start
            print(f"wrote {path}: {size:,.0f} MB in {took:.0f} s; {counts}", flush=True)
        results = []
        for name in args.only or WORKERS:
            result = run_child(["--worker", name, "--path", str(path)], name)
            results.append(result)
            rate = result["records"] / result["seconds"]
            print(
                f"  {name:<24} {rate:>9,.0f} records/s  {result['seconds']:>6.1f} s  "
                f"peak {result['peak_mb']:>6.0f} MB "
                f"(after imports {result['baseline_mb']:.0f} MB)  "
                f"{result['problems']:,} problems",
                flush=True,
            )
    print()
    print(f"{'':<24} {'records/s':>10} {'vs eventkit':>12} {'peak MB':>8} {'problems':>9}")
    by_name = {r["name"]: r for r in results}
    for result in results:
        rate = result["records"] / result["seconds"]
        ours = by_name.get("eventkit records only" if "only" in result["name"] else "eventkit")
        ratio = f"{rate / (ours['records'] / ours['seconds']):.2f}x" if ours else "-"
        print(
            f"{result['name']:<24} {rate:>10,.0f} {ratio:>12} {result['peak_mb']:>8.0f} "
            f"{result['problems']:>9,}"
        )
    ours = by_name.get("eventkit")
    if ours:
        verdict = "under" if ours["peak_mb"] < LIMIT_MB else "OVER"
        print(
            f"\neventkit validate_file peak RSS {ours['peak_mb']:.0f} MB: {verdict} {LIMIT_MB} MB"
        )
        return 0 if ours["peak_mb"] < LIMIT_MB else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
