"""Deterministic benchmark data: events, phone calls and statements as plain dicts.

Records use most of the model, as a coded news corpus would: record
identifiers, place precision, participant certainty, citation offsets and
confidence, casualty tolls, statements giving figures (casualties, a count,
an amount of money). Every dict is in wire form exactly as eventkit writes it: ``"type"`` first,
then fields in declaration order, defaults left out. So a library that
round-trips a record faithfully gives back the same dict, and the three
libraries can be compared on identical bytes.

Besides the valid records, :func:`make_invalid` derives invalid ones of
several kinds (a bad id, latitude 123, an unknown field, an unknown role, an
impossible date, ...) that every library must reject.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

__all__ = [
    "COUNTRIES",
    "INVALID_KINDS",
    "Workload",
    "make_invalid",
    "make_workload",
]

Data = dict[str, Any]


def _countries() -> frozenset[str]:
    # The same table eventkit checks against (pycountry, ISO 3166-1 alpha-3),
    # computed once here and shared by the peer models.
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


COUNTRIES: frozenset[str] = _countries()

_PLACES = (
    ("Berlin", "DEU", 52.52, 13.405),
    ("Moscow", "RUS", 55.7558, 37.6173),
    ("Kyiv", "UKR", 50.4501, 30.5234),
    ("Odesa", "UKR", 46.4825, 30.7233),
    ("Washington", "USA", 38.9072, -77.0369),
    ("Paris", "FRA", 48.8566, 2.3522),
    ("Warsaw", "POL", 52.2297, 21.0122),
    ("Brussels", "BEL", 50.8503, 4.3517),
    ("Ankara", "TUR", 39.9334, 32.8597),
    ("Beijing", "CHN", 39.9042, 116.4074),
    ("Geneva", "CHE", 46.2044, 6.1432),
    ("Riyadh", "SAU", 24.7136, 46.6753),
    ("Doha", "QAT", 25.2854, 51.531),
    ("Brasília", "BRA", -15.7939, -47.8828),
    ("Pretoria", "ZAF", -25.7479, 28.2293),
    ("Canberra", "AUS", -35.2809, 149.13),
    ("Tokyo", "JPN", 35.6762, 139.6503),
    ("New Delhi", "IND", 28.6139, 77.209),
)
_ADMIN = {"UKR": "Odesa Oblast", "USA": "District of Columbia", "DEU": "Berlin"}
_VERBS = ("Phone call", "Talks", "Meeting", "Consultation", "Exchange", "Video conference")
_TOPICS = ("the war", "gas supplies", "a ceasefire", "sanctions", "grain exports", "aid")
_TAGS = (
    "diplomacy",
    "ukraine",
    "energy",
    "security",
    "g20",
    "nato",
    "eu",
    "trade",
    "sanctions",
    "humanitarian",
    "gas",
    "grain",
    "nuclear",
    "ceasefire",
    "talks",
    "readout",
)
_STATUSES = ("planned", "expected", "speculated", "proposed", "cancelled", "ongoing")
_STATEMENT_KINDS = (
    "quote",
    "paraphrase",
    "position",
    "demand",
    "condemnation",
    "promise",
    "praise",
    "denial",
    "warning",
    "account",
    "assessment",
)
_SENTENCES = (
    "Agreements must reflect new territorial realities.",
    "The war must end with a just and lasting peace.",
    "Germany will continue to support Ukraine for as long as necessary.",
    "The talks were detailed and frank.",
    "Energy cooperation could resume under certain conditions.",
    "The call opens Pandora's box.",
    "Both sides agreed to stay in contact.",
    "Any settlement must respect international law.",
)
_QUOTES = (
    "new territorial realities",
    "Pandora's box",
    "detailed and frank",
    "as long as necessary",
)


def _when(rng: random.Random) -> Any:
    """An EDTF value, mostly days (which eventkit's parse cache sees again and again)."""
    year = rng.randint(2019, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    pick = rng.random()
    if pick < 0.68:
        value = f"{year:04d}-{month:02d}-{day:02d}"
    elif pick < 0.78:
        value = f"{year:04d}-{month:02d}"
    elif pick < 0.81:
        value = f"{year:04d}"
    elif pick < 0.85:
        value = f"{year:04d}-{month:02d}{rng.choice('~?%')}"
    elif pick < 0.92:
        hour, minute = rng.randint(0, 23), rng.choice((0, 15, 30, 45))
        offset = rng.choice(("Z", "+01:00", "+03:00", "-05:00", "+00:00"))
        value = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}{offset}"
        # eventkit writes Z back as +00:00; keep the input in wire form.
        value = value.replace("Z", "+00:00")
    elif pick < 0.97:
        end = min(day + rng.randint(1, 3), 28)
        value = f"{year:04d}-{month:02d}-{day:02d}/{year:04d}-{month:02d}-{end:02d}"
    else:
        value = f"{year:04d}-{month:02d}-{day:02d}/.."
    if rng.random() < 0.03:
        return {"edtf": value, "text": f"reported as {value}"}
    return value


def _citations(rng: random.Random, n_sources: int, count: int) -> list[Data]:
    out = []
    for _ in range(count):
        citation: Data = {"source": f"src-{rng.randrange(n_sources):03d}"}
        if rng.random() < 0.3:
            citation["excerpt"] = rng.choice(_SENTENCES)
        if rng.random() < 0.2:
            citation["locator"] = f"para {rng.randint(1, 12)}"
        if "excerpt" in citation and rng.random() < 0.2:  # where an extractor found it
            start = rng.randint(0, 5_000)
            citation["offsets"] = {"start": start, "end": start + len(citation["excerpt"])}
        if rng.random() < 0.1:
            citation["confidence"] = rng.choice((0.5, 0.75, 0.9, 1.0))
        out.append(citation)
    return out


def _identifiers(rng: random.Random) -> Data | None:
    pick = rng.random()
    if pick < 0.05:
        return {"acled": f"UKR{rng.randint(1000, 99999)}"}
    if pick < 0.08:
        return {"wikidata": f"Q{rng.randint(1, 9_999_999)}"}
    return None


def _place(rng: random.Random) -> Data:
    name, country, lat, lon = rng.choice(_PLACES)
    place: Data = {"name": name, "country": country}
    if country in _ADMIN and rng.random() < 0.3:
        place["admin1"] = _ADMIN[country]
    place["lat"] = round(lat + rng.uniform(-0.05, 0.05), 4)
    place["lon"] = round(lon + rng.uniform(-0.05, 0.05), 4)
    if rng.random() < 0.2:
        place["precision"] = rng.choice(("exact", "near", "admin_region"))
    if rng.random() < 0.2:
        place["geonames"] = rng.randint(100_000, 9_999_999)
    return place


def _event(rng: random.Random, index: int, n_actors: int, n_sources: int) -> Data:
    phone = index % 2 == 1
    actors = rng.sample(range(n_actors), rng.choice((2, 2, 3)))
    event: Data = {"type": "phone_call" if phone else "event", "id": f"ev-{index:07d}"}
    identifiers = _identifiers(rng)
    if identifiers:
        event["identifiers"] = identifiers
    verb = "Phone call" if phone else rng.choice(_VERBS)
    event["title"] = f"{verb} on {rng.choice(_TOPICS)}"
    if rng.random() < 0.5:
        event["summary"] = rng.choice(_SENTENCES)
    event["when"] = _when(rng)
    event["place"] = _place(rng)
    participants: list[Data] = [
        {"actor": f"actor-{actors[0]:04d}", "role": "initiator"},
        {"actor": f"actor-{actors[1]:04d}", "role": "recipient"},
    ]
    if len(actors) == 3:
        third = rng.choice(("participant", "observer", "mediator", "acme.note_taker"))
        participant: Data = {"actor": f"actor-{actors[2]:04d}"}
        if third != "participant":  # the default role is left out on the wire
            participant["role"] = third
        participants.append(participant)
    if rng.random() < 0.1:
        participants[0]["certainty"] = rng.choice(("confirmed", "claimed", "alleged"))
    event["participants"] = participants
    if rng.random() < 0.05:
        toll: Data = {"killed": {"value": rng.randint(0, 40)}}
        if rng.random() < 0.5:
            toll["displaced"] = {"low": 100, "high": 500, "qualifier": "about"}
        event["casualties"] = toll
    if rng.random() < 0.15:
        event["status"] = rng.choice(_STATUSES)
    event["sources"] = _citations(rng, n_sources, rng.randint(1, 3))
    tags = rng.sample(_TAGS, rng.randint(0, 3))
    if tags:
        event["tags"] = tags
    return event


def _statement(
    rng: random.Random, index: int, n_events: int, n_actors: int, n_sources: int
) -> Data:
    statement: Data = {"type": "statement", "id": f"st-{index:07d}"}
    identifiers = _identifiers(rng)
    if identifiers:
        statement["identifiers"] = identifiers
    statement["speaker"] = f"actor-{rng.randrange(n_actors):04d}"
    statement["text"] = rng.choice(_SENTENCES)
    if rng.random() < 0.4:
        statement["quote"] = rng.choice(_QUOTES)
    if rng.random() < 0.05:
        statement["kind"] = "figure"
        statement["figure"] = rng.choice(
            (
                {"killed": {"value": rng.randint(1, 60), "qualifier": "at_least"}},
                {"value": rng.randint(2, 90), "unit": "person"},
                {"amount": f"{rng.randint(1, 900)}000000", "currency": "EUR"},
            )
        )
    elif rng.random() < 0.7:  # otherwise the default kind, "claim", left out
        statement["kind"] = rng.choice(_STATEMENT_KINDS)
    statement["event"] = f"ev-{rng.randrange(max(n_events, 1)):07d}"
    about = rng.randint(0, 2)
    if about:
        statement["about"] = [f"actor-{rng.randrange(n_actors):04d}" for _ in range(about)]
    statement["when"] = _when(rng)
    if rng.random() < 0.5:
        statement["via"] = f"src-{rng.randrange(n_sources):03d}"
    statement["sources"] = _citations(rng, n_sources, rng.randint(1, 2))
    return statement


# --- invalid records -----------------------------------------------------------
# Each mutation takes a valid record (a fresh copy) and breaks it one way.


def _set_id(value: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["id"] = value

    return mutate


def _set_when(value: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["when"] = value

    return mutate


def _lat(value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        if "place" in data:
            data["place"]["lat"] = value
        else:  # statements have no place: break the speaker id instead
            data["speaker"] = "speaker with spaces"

    return mutate


def _unknown_role(data: Data) -> None:
    if "participants" in data:
        data["participants"][0]["role"] = "chairman"
    else:
        data["kind"] = "musing"  # not a statement kind, not namespaced


def _unknown_nested_field(data: Data) -> None:
    data["sources"][0]["weight"] = 1


def _empty_title(data: Data) -> None:
    data["title" if "title" in data else "text"] = "   "


def _bad_country(data: Data) -> None:
    if "place" in data:
        data["place"]["country"] = "DE"
    else:
        data["about"] = ["ok-id", ""]


def _lat_without_lon(data: Data) -> None:
    if "place" in data:
        del data["place"]["lon"]
    else:
        data["via"] = 42


def _unknown_status(data: Data) -> None:
    data["status" if "participants" in data else "kind"] = "happened"


def _unknown_type(data: Data) -> None:
    data["type"] = "meeting_x"


def _unknown_field(data: Data) -> None:
    data["colour"] = "red"


INVALID_KINDS: dict[str, Callable[[Data], None]] = {
    "bad_id_space": _set_id("ev 12"),
    "bad_id_newline": _set_id("ev-12\n"),
    "bad_id_too_long": _set_id("x" * 201),
    "lat_123": _lat(123.0),
    "lat_string": _lat("52.5"),
    "lat_without_lon": _lat_without_lon,
    "bad_country": _bad_country,
    "unknown_field": _unknown_field,
    "unknown_nested_field": _unknown_nested_field,
    "unknown_role": _unknown_role,
    "unknown_status": _unknown_status,
    "unknown_type": _unknown_type,
    "empty_title": _empty_title,
    "bad_date_calendar": _set_when("2023-02-29"),
    "bad_date_syntax": _set_when("15/11/2024"),
    "bad_date_offset": _set_when("2024-11-15T14:00+19:00"),
    "bad_date_span": _set_when("2024-11-18/2024-11-15"),
    "bad_date_time_qualifier": _set_when("2024-11-15T14:00~"),
}


def make_invalid(valid: list[Data], count: int, seed: int) -> list[tuple[str, Data]]:
    """Return ``count`` invalid records, cycling through every kind, as ``(kind, data)``."""
    rng = random.Random(seed + 1)
    kinds = list(INVALID_KINDS.items())
    out = []
    for i in range(count):
        kind, mutate = kinds[i % len(kinds)]
        data = orjson.loads(orjson.dumps(rng.choice(valid)))  # a deep copy
        mutate(data)
        out.append((kind, data))
    return out


@dataclass(frozen=True)
class Workload:
    """The benchmark data, as dicts and as JSON lines (bytes, no newline)."""

    events: list[Data]
    statements: list[Data]
    invalid: list[tuple[str, Data]]

    @property
    def records(self) -> list[Data]:
        """Events, then statements."""
        return self.events + self.statements

    def lines(self) -> list[bytes]:
        """The valid records as JSON lines."""
        return [orjson.dumps(d) for d in self.records]

    def event_lines(self) -> list[bytes]:
        """Only the events, as JSON lines."""
        return [orjson.dumps(d) for d in self.events]

    def invalid_lines(self) -> list[tuple[str, bytes]]:
        """The invalid records as ``(kind, line)``."""
        return [(kind, orjson.dumps(d)) for kind, d in self.invalid]


def make_workload(
    n: int, seed: int = 0, *, n_statements: int | None = None, invalid_rate: float = 0.01
) -> Workload:
    """Build ``n`` events (half phone calls) and ``n`` statements, plus invalid ones.

    The same arguments give the same data on every machine; the events do not
    depend on ``n_statements``.
    """
    n_statements = n if n_statements is None else n_statements
    rng = random.Random(seed)
    n_actors = max(50, n // 200)
    n_sources = max(20, min(999, n // 500))
    events = [_event(rng, i, n_actors, n_sources) for i in range(n)]
    statements = [_statement(rng, i, n, n_actors, n_sources) for i in range(n_statements)]
    n_invalid = max(len(INVALID_KINDS) * 2, int((n + n_statements) * invalid_rate))
    invalid = make_invalid(events + statements, n_invalid, seed)
    return Workload(events=events, statements=statements, invalid=invalid)
