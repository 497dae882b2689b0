"""Plugin event types against a built-in one of the same size: load and write speed.

Run from the repository root::

    python benchmarks/plugin_vs_builtin.py             # 50,000 records of each
    python benchmarks/plugin_vs_builtin.py --n 10000   # a quicker run

The built-in is `ek.Attack` with a place (name, country, coordinates), a
weapon, casualties (two counts) and two target types. Two plugin types are
written as plugin authors write them, with eventkit's public API only:

* ``bench.raid``, the same shape and checks as the built-in: a weapon
  (``ek.Text``), casualties as the plugin's own attrs classes whose counts
  are checked by ``ek.checks.in_range(0)``, target types; its data is the
  built-in's but for the tag.
* ``maritime.vessel_seizure``, a realistic plugin type: an IMO number with a
  check digit (an ``ek.checks.Check`` with its own code and a fast
  condition), a flag state (``ek.Country``), the seizing actor
  (``ek.ActorId``), a crew count (``ek.checks.in_range``), a position at sea
  as the plugin's own attrs class whose coordinates are checked by **attrs
  validators**, and two cargo types. Its lines are about as long (printed):
  one more object than the Event fields' (the built-in has three) and eight
  checked values of its own (the built-in five).

All carry the same Event fields (id, title, date, a place, one participant,
one source). Each path (``from_jsonl``, ``from_dicts``, ``to_jsonl``) runs on
the three types in turn, with the same collector treatment (the bulk
functions pause it for all), best of five; the table gives records/s and the
plugin/built-in ratios. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import attrs

import eventkit as ek


def imo_valid(number: str) -> bool:
    """An IMO ship number: 7 digits, the last the check digit (weights 7..2)."""
    digits = [int(c) for c in number]
    return sum(d * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10 == digits[6]


imo = ek.checks.Check(
    imo_valid,
    message="expected an IMO number: 7 digits, the last a check digit",
    code="maritime.bad_imo",
    fast="len({v}) == 7 and {v}.isdigit() and {TEST}({v})",
    names={"TEST": imo_valid},
)


@attrs.frozen(kw_only=True)
class SeaPosition:
    """Where at sea: the plugin's own value class, checked by attrs validators."""

    lat: float = attrs.field(validator=[attrs.validators.ge(-90), attrs.validators.le(90)])
    lon: float = attrs.field(validator=[attrs.validators.ge(-180), attrs.validators.le(180)])


@attrs.frozen(kw_only=True)
class Count:
    """The plugin's own count."""

    value: int | None = ek.field(default=None, check=ek.checks.in_range(0))


@attrs.frozen(kw_only=True)
class Toll:
    """The plugin's own casualty figures."""

    killed: Count | None = None
    injured: Count | None = None


@ek.event_type("bench.raid")
@attrs.frozen(kw_only=True)
class Raid(ek.Event):
    """The built-in Attack's shape and checks, declared as a plugin declares them."""

    weapon: ek.Text | None = None
    casualties: Toll | None = None  # type: ignore[assignment]  # the plugin's own shape
    target_types: tuple[ek.Text, ...] = ()


@ek.event_type("maritime.vessel_seizure")
@attrs.frozen(kw_only=True)
class VesselSeizure(ek.Event):
    """A ship seized by a state's forces."""

    imo: str = ek.field(check=imo)
    flag: ek.Country | None = None
    seized_by: ek.ActorId | None = None
    crew_count: int | None = ek.field(default=None, check=ek.checks.in_range(0, 10_000))
    position: SeaPosition | None = None
    cargo: tuple[ek.Text, ...] = ()


def _common(i: int, **place: Any) -> dict[str, Any]:
    # in eventkit's wire form (fields in declaration order), so records write back the same
    return {
        "id": f"e-{i:07d}",
        "title": f"Incident number {i}",
        "when": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        **place,
        "participants": [{"actor": f"actor-{i % 50}", "role": "initiator"}],
        "sources": [{"source": f"source-{i % 7}"}],
    }


def builtin(i: int) -> dict[str, Any]:
    return {
        "type": "attack",
        **_common(i, place={"name": "Odesa", "country": "UKR", "lat": 46.48, "lon": 30.72}),
        "weapon": "drone",
        "casualties": {"killed": {"value": i % 9}, "injured": {"value": i % 13}},
        "target_types": ["port", "energy"],
    }


def same_shape(i: int) -> dict[str, Any]:
    return {**builtin(i), "type": "bench.raid"}


def _imo(i: int) -> str:
    head = f"{9_000_000 + i % 100_000:07d}"[:6]
    check = sum(int(d) * w for d, w in zip(head, range(7, 1, -1), strict=True)) % 10
    return f"{head}{check}"


def plugin(i: int) -> dict[str, Any]:
    return {
        "type": "maritime.vessel_seizure",
        **_common(i, place={"name": "Strait of Hormuz", "country": "IRN"}),
        "imo": _imo(i),
        "flag": "PAN",
        "seized_by": f"actor-{i % 50}",
        "crew_count": i % 30,
        "position": {"lat": 26.56, "lon": 56.25},
        "cargo": ["crude oil", "diesel"],
    }


def rate(fn: Callable[[Any], object], arg: Any, count: int) -> float:
    start = time.perf_counter()
    fn(arg)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="records of each type")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    makers = {"built-in Attack": builtin, "plugin Raid": same_shape, "plugin Seizure": plugin}
    data = {name: [make(i) for i in range(args.n)] for name, make in makers.items()}
    records = {name: ek.from_dicts(dicts) for name, dicts in data.items()}
    assert all(
        ek.to_dict(r) == d for name in data for r, d in zip(records[name], data[name], strict=True)
    )
    text = {name: ek.to_jsonl(rs) for name, rs in records.items()}
    for name, lines in text.items():
        print(f"{name}: {len(lines) / args.n:.0f} bytes per line")
    paths: dict[str, tuple[Callable[[Any], object], dict[str, Any]]] = {
        "from_jsonl": (lambda t: ek.from_jsonl(ek.Record, t), text),
        "from_dicts": (ek.from_dicts, data),
        "to_jsonl": (ek.to_jsonl, records),
    }
    print(f"\n{'records/s (best of ' + str(args.repeats) + ')':<24}", end="")
    print("".join(f"{name:>18}" for name in makers), " Raid/Attack", " Seizure/Attack")
    for path, (fn, args_by_type) in paths.items():
        samples: dict[str, list[float]] = {name: [] for name in args_by_type}
        for _ in range(args.repeats):  # in turn, so load on the machine hits all alike
            for name, arg in args_by_type.items():
                samples[name].append(rate(fn, arg, args.n))
        best = {name: max(values) for name, values in samples.items()}
        built = best["built-in Attack"]
        print(
            f"{path:<24}" + "".join(f"{value:18,.0f}" for value in best.values()),
            f"{best['plugin Raid'] / built:11.2f}",
            f"{best['plugin Seizure'] / built:14.2f}",
        )


if __name__ == "__main__":
    main()
