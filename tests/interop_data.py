"""Data drawn for the interop tests: linked datasets for round trips, hostile values for readers.

Also the `full_disk` fixture, for the writers: a test module imports it and asks for it by name.
"""

from __future__ import annotations

import copy
import errno
import math
import os
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import strategies as st

import eventkit as ek
from eventkit import testing
from eventkit._fields import describe, value_classes


@st.composite
def linked_datasets(
    draw: st.DrawFn, roles: Sequence[str], kind: type[ek.Event] = ek.Event
) -> ek.Dataset:
    """Actors and events of ``kind`` (unique ids), each participant one of the actors, in ``roles``.

    The formats name events by an identifier of theirs when the event has one
    (``identifiers["plover"]``, ``["acled"]``): those are left out, so ids stay unique.
    Each participant is of the class its event's type declares (a type registered
    elsewhere in the run may narrow `Participant`).
    """
    drawn_actors = draw(st.lists(testing.records(ek.Actor), max_size=3))
    actors = [attrs.evolve(a, id=f"actor-{n}") for n, a in enumerate(drawn_actors)]
    names = [a.id for a in actors] or ["nobody"]
    events = []
    for number, event in enumerate(draw(st.lists(testing.records(kind), min_size=1, max_size=3))):
        participant = _participant_class(type(event))
        participants = [
            participant(actor=draw(st.sampled_from(names)), role=draw(st.sampled_from(roles)))
            for _ in range(draw(st.integers(0, 2)))
        ]
        identifiers = {k: v for k, v in event.identifiers.items() if k not in ("plover", "acled")}
        events.append(
            attrs.evolve(
                event, id=f"event-{number}", identifiers=identifiers, participants=participants
            )
        )
    return ek.Dataset([*actors, *events])


def _participant_class(event_type: type[ek.Event]) -> type[ek.Participant]:
    """The participant class ``event_type``'s ``participants`` holds (the first, of a union)."""
    return next(value_classes(describe(event_type).field("participants").shape))


# Values a caller may pass where another format has a cell or a value: text (a lone
# surrogate, controls, digits int() reads or not, dates that are none), integers beyond
# 64 bits, NaN and infinities, booleans, None, lists, objects, bytes.
HOSTILE_VALUES = st.one_of(
    st.text(max_size=10),
    st.text(st.characters(codec=None, categories=["Cs", "Cc"]), max_size=5),
    st.sampled_from(["", "\ud800", "२०२४", "²", "2024-02-30", "0000-00-00", "\x00", "x" * 500]),
    st.integers() | st.just(10**40),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.integers() | st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers() | st.text(max_size=3), max_size=2),
    st.binary(max_size=4),
)


@st.composite
def hostile_rows(draw: st.DrawFn, rows: list[dict[str, str]]) -> dict[Any, Any]:
    """One of ``rows`` with some cells given hostile values, some removed, some added."""
    row: dict[Any, Any] = dict(draw(st.sampled_from(rows)))
    for column in draw(st.lists(st.sampled_from(sorted(row)), max_size=4)):
        row[column] = draw(HOSTILE_VALUES)
    for column in draw(st.lists(st.sampled_from(sorted(row)), max_size=2)):
        row.pop(column, None)
    row.update(draw(st.dictionaries(st.text(max_size=3) | st.none(), HOSTILE_VALUES, max_size=2)))
    return row


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every value in ``value``, and to a new member of each object."""
    if isinstance(value, dict):
        children = list(value.items())
        found = [(*at, "extra")]
    elif isinstance(value, list):
        children, found = list(enumerate(value)), []
    else:
        return []
    for key, child in children:
        found += [(*at, key), *_places(child, (*at, key))]
    return found


@st.composite
def with_hostile_values(draw: st.DrawFn, data: Any) -> Any:
    """``data`` (JSON) with one to four of its values, at any depth, replaced by hostile ones."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        *path, last = draw(st.sampled_from(_places(data)))
        parent = data
        for key in path:
            parent = parent[key]
        parent[last] = draw(HOSTILE_VALUES)
    return data


def field_name(key: Any) -> str:
    """The field a report names a column by: its name (lone surrogates escaped) or repr."""
    return key.encode(errors="backslashreplace").decode() if isinstance(key, str) else repr(key)


def absent(value: Any) -> bool:
    """Whether a cell is empty as a CSV reader or pandas leaves it: None, "" or NaN."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up before the data is on it: ``os.fsync`` raises ENOSPC."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
