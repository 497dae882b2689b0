"""eventkit.interop._placeholders: a name a reader made up is never written as the source's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import eventkit as ek
from eventkit.interop import acled, gdelt, plover


def _plover_names(dataset: ek.Dataset) -> list[Any]:
    [row] = plover.write(dataset).rows
    return [row[key][0].get("entity_text") for key in ("actor", "recipient")]


def _gdelt_names(dataset: ek.Dataset) -> list[Any]:
    [row] = gdelt.write(dataset).rows
    return [row["Actor1Name"], row["Actor2Name"]]


def _acled_names(dataset: ek.Dataset) -> list[Any]:
    [row] = acled.write(dataset).rows
    return [row["actor1"], row["actor2"]]


WRITERS: dict[str, Callable[[ek.Dataset], list[Any]]] = {
    "plover": _plover_names,
    "gdelt": _gdelt_names,
    "acled": _acled_names,
}


def _event_of(*actors: ek.Actor) -> ek.Dataset:
    roles = ("initiator", "recipient")
    participants = [ek.Participant(actor=a.id, role=r) for a, r in zip(actors, roles, strict=True)]
    return ek.Dataset([*actors, ek.Event(id="e1", title="E", participants=participants)])


@pytest.mark.parametrize("names", WRITERS.values(), ids=WRITERS.keys())
def test_an_actor_named_like_a_placeholder_keeps_its_name(
    names: Callable[[ek.Dataset], list[Any]],
) -> None:
    dataset = _event_of(
        ek.Actor(id="a1", name="unnamed", kind="group"),
        ek.Actor(id="a2", name="DEU", kind="state", identifiers={"cameo": "DEU"}),
    )
    assert ["unnamed", "DEU"] == names(dataset)


@pytest.mark.parametrize("names", WRITERS.values(), ids=WRITERS.keys())
def test_a_nameless_actor_read_is_written_without_a_name(
    names: Callable[[ek.Dataset], list[Any]],
) -> None:
    # PLOVER entities with a sector alone and with a code alone: read as "unnamed" and "DEU".
    record = {"id": "e1", "event": ["CONSULT"], "actor": [{"sector": "CVL"}]}
    dataset, _ = plover.read([record | {"recipient": [{"code": "DEU"}]}])
    assert ["DEU", "unnamed"] == sorted(actor.name for actor in dataset.actors)
    written = names(dataset)
    assert [None, None] == [name or None for name in written]  # None or "": the format's empty


def test_a_publication_read_without_a_name_is_written_without_one() -> None:
    # PLOVER's "unnamed publication" was written as GDELT's SOURCEURL and ACLED's source.
    dataset, _ = plover.read([{"id": "e1", "event": ["CONSULT"], "text": "t"}])
    assert ["unnamed publication"] == [source.name for source in dataset.sources]
    assert "" == gdelt.write(dataset).rows[0]["SOURCEURL"]
    mentions = gdelt.write_mentions(dataset).rows
    assert [("", "")] == [(m["MentionSourceName"], m["MentionIdentifier"]) for m in mentions]
    acled_rows, report = acled.write(dataset)
    assert "" == acled_rows[0]["source"]
    assert ["sources[0] dropped (ACLED names its sources; this one has none)"] == [
        str(f).split(": ", 1)[1] for f in report.select("dropped") if f.field == "sources[0]"
    ]
