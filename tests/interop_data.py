"""Datasets drawn for the interop round trips: events whose participants are actors in them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

import eventkit as ek
from eventkit import testing


@st.composite
def linked_datasets(draw: st.DrawFn, roles: Sequence[str]) -> ek.Dataset:
    """Actors and events with unique ids, each participant one of the actors, in ``roles``.

    The formats name events by an identifier of theirs when the event has one
    (``identifiers["plover"]``, ``["acled"]``): those are left out, so ids stay unique.
    """
    drawn_actors = draw(st.lists(testing.records(ek.Actor), max_size=3))
    actors = [attrs.evolve(a, id=f"actor-{n}") for n, a in enumerate(drawn_actors)]
    names = [a.id for a in actors] or ["nobody"]
    events = []
    for number, event in enumerate(
        draw(st.lists(testing.records(ek.Event), min_size=1, max_size=3))
    ):
        participants = [
            ek.Participant(actor=draw(st.sampled_from(names)), role=draw(st.sampled_from(roles)))
            for _ in range(draw(st.integers(0, 2)))
        ]
        identifiers = {k: v for k, v in event.identifiers.items() if k not in ("plover", "acled")}
        events.append(
            attrs.evolve(
                event, id=f"event-{number}", identifiers=identifiers, participants=participants
            )
        )
    return ek.Dataset([*actors, *events])
