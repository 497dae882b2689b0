"""Datasets: records indexed by id, checked for integrity, queried, merged.

A `Dataset` is a mutable collection of immutable records, normalised
like a small database: records refer to each other by id, and
`Dataset.check` reports every id that points nowhere or at the wrong
kind of record. Queries use indexes built on the first query after a change;
reading and writing files lives in `eventkit.io`.
"""

from __future__ import annotations

import bisect
import operator
import os
from calendar import isleap, monthrange
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, ClassVar, Final, Literal, Self, TypeVar, get_args

import attrs

from eventkit._records import Actor, Event, Record, Source, Statement
from eventkit._report import Report
from eventkit._serialize import UnknownRecord, to_dict
from eventkit._time import PartialDate, TimeSpan, When, parse_edtf
from eventkit._vocab import ActorKind, ParticipantRole
from eventkit.exceptions import (
    MergeConflictError,
    Problem,
    RecordNotFoundError,
    ValidationError,
)

__all__ = [
    "Conflict",
    "Dataset",
    "MergePolicy",
    "references",
]

AnyRecord = Record | UnknownRecord
E = TypeVar("E", bound=Event)
Loc = tuple[str | int, ...]
MergePolicy = Literal["error", "left", "right", "union"]

# --- kinds and references ------------------------------------------------------
#
# Kinds are bits so that a reference can accept several ("about" takes an event
# or an actor). ANY marks a record whose kind cannot be told (an UnknownRecord,
# or a custom Record that is none of the four): a reference to it is accepted.

ACTOR: Final = 1
SOURCE: Final = 2
EVENT: Final = 4
STATEMENT: Final = 8
ANY: Final = 16

_KIND_BITS: Final = {"actor": ACTOR, "source": SOURCE, "event": EVENT, "statement": STATEMENT}
_KIND_WORDS: Final = {
    ACTOR: "an actor",
    SOURCE: "a source",
    EVENT: "an event",
    STATEMENT: "a statement",
}


def kind_of(record: AnyRecord) -> int:
    """Return the kind bit of ``record`` (``ANY`` when it cannot be told)."""
    if isinstance(record, Record):
        return _KIND_BITS.get(record.kind_name, ANY)
    return ANY


def kind_words(kinds: int) -> str:
    """Name a set of kind bits in words: ``"an event or an actor"``."""
    return " or ".join(
        word for bit, word in sorted(_KIND_WORDS.items(), reverse=True) if kinds & bit
    )


Reference = tuple[Loc, str, int]  # (path in the record, id referred to, kinds accepted)


def _actor_refs(actor: Actor) -> Iterator[Reference]:
    for index, role in enumerate(actor.roles):
        if role.organisation is not None:
            yield ("roles", index, "organisation"), role.organisation, ACTOR


def _source_refs(source: Source) -> Iterator[Reference]:
    if source.author is not None:
        yield ("author",), source.author, ACTOR
    if source.publisher is not None:
        yield ("publisher",), source.publisher, ACTOR
    for index, other in enumerate(source.derived_from):
        yield ("derived_from", index), other, SOURCE


def _event_refs(event: Event) -> Iterator[Reference]:
    for index, participant in enumerate(event.participants):
        yield ("participants", index, "actor"), participant.actor, ACTOR
    for index, relation in enumerate(event.related):
        yield ("related", index, "event"), relation.event, EVENT
    for index, citation in enumerate(event.sources):
        yield ("sources", index, "source"), citation.source, SOURCE


def _statement_refs(statement: Statement) -> Iterator[Reference]:
    yield ("speaker",), statement.speaker, ACTOR
    if statement.event is not None:
        yield ("event",), statement.event, EVENT
    for index, subject in enumerate(statement.about):
        yield ("about", index), subject, EVENT | ACTOR
    if statement.via is not None:
        yield ("via",), statement.via, SOURCE
    for index, other in enumerate(statement.responds_to):
        yield ("responds_to", index), other, STATEMENT
    for index, other in enumerate(statement.disputes):
        yield ("disputes", index), other, STATEMENT
    for index, citation in enumerate(statement.sources):
        yield ("sources", index, "source"), citation.source, SOURCE


def _no_refs(_: Any) -> Iterator[Reference]:
    return iter(())


_REFERENCE_FINDERS: list[tuple[type, Callable[[Any], Iterator[Reference]]]] = [
    (Actor, _actor_refs),
    (Source, _source_refs),
    (Event, _event_refs),
    (Statement, _statement_refs),
]
_finders: dict[type, Callable[[Any], Iterator[Reference]]] = {}


def references(record: AnyRecord) -> Iterator[Reference]:
    """Yield ``(loc, id, kinds)`` for every id ``record`` mentions.

    ``kinds`` is the set of record kinds (bits) the id must name: a
    participant must be an actor, a citation a source. Fields that subclasses
    add are not references (their meaning is theirs).

    Examples:
        >>> import eventkit as ek
        >>> s = ek.Statement(id="s1", speaker="putin", text="…", event="call",
        ...                  sources=[ek.Citation(source="kremlin")])
        >>> [(loc, target) for loc, target, _ in references(s)]
        [(('speaker',), 'putin'), (('event',), 'call'), (('sources', 0, 'source'), 'kremlin')]
    """
    cls = type(record)
    finder = _finders.get(cls)
    if finder is None:
        finder = next((f for base, f in _REFERENCE_FINDERS if issubclass(cls, base)), _no_refs)
        _finders[cls] = finder
    return finder(record)


def dangling(loc: Loc, record_id: str, target: str, *, note: str = "") -> Problem:
    """The problem for an id that names no record (``note`` says more, if known)."""
    message = "no record has this id" + (f" ({note})" if note else "")
    return Problem(
        loc=loc, code="dangling_reference", message=message, input=target, record=record_id
    )


def wrong_kind(loc: Loc, record_id: str, target: str, *, expected: int, found: int) -> Problem:
    """The problem for an id that names a record of the wrong kind."""
    message = f"expected the id of {kind_words(expected)}, but this is {kind_words(found)}"
    return Problem(
        loc=loc, code="wrong_reference_kind", message=message, input=target, record=record_id
    )


# --- errors and conflicts --------------------------------------------------------


def _field_values(record: AnyRecord) -> dict[str, Any]:
    if isinstance(record, UnknownRecord):
        return dict(record.data)
    return {field.name: getattr(record, field.name) for field in attrs.fields(type(record))}


@attrs.frozen(kw_only=True, repr=False)
class Conflict:
    """Two different records with the same id: both versions, and where they differ.

    Attributes:
        id: the id they share.
        left: the version in the dataset merged into (or already there).
        right: the version from the other dataset (or being added).

    Examples:
        >>> import eventkit as ek
        >>> c = Conflict(id="a", left=ek.Actor(id="a", name="A", kind="person"),
        ...              right=ek.Actor(id="a", name="A.", kind="person"))
        >>> c.fields
        ('name',)
    """

    id: str
    left: AnyRecord
    right: AnyRecord

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that differ (``("type",)`` for different classes)."""
        if type(self.left) is not type(self.right):
            return ("type",)
        left, right = _field_values(self.left), _field_values(self.right)
        names = list(left) + [name for name in right if name not in left]
        return tuple(name for name in names if left.get(name) != right.get(name))

    def to_dict(self) -> dict[str, Any]:
        """Return the conflict as JSON-compatible data, with both versions in full.

        Examples:
            >>> import eventkit as ek
            >>> Conflict(id="a", left=ek.Actor(id="a", name="A", kind="person"),
            ...          right=ek.Actor(id="a", name="B", kind="person")).to_dict()["fields"]
            ['name']
        """
        return {
            "id": self.id,
            "fields": list(self.fields),
            "left": to_dict(self.left),
            "right": to_dict(self.right),
        }

    def __repr__(self) -> str:
        return f"Conflict(id={self.id!r}, fields={self.fields!r})"


def _conflict_problem(conflict: Conflict, message: str) -> Problem:
    return Problem(code="conflict", message=message, input=conflict, record=conflict.id)


def _differ_message(conflict: Conflict) -> str:
    return f"two different records have this id; they differ in: {', '.join(conflict.fields)}"


# Fields whose values are collections that the "union" merge policy combines.
UNION_FIELDS: Final = frozenset(
    {"sources", "tags", "derived_from", "aliases", "related", "identifiers"}
)


def _union(conflict: Conflict) -> AnyRecord | None:
    """Combine two versions that differ only in union fields; None if they cannot be."""
    left, right = conflict.left, conflict.right
    if isinstance(left, UnknownRecord) or type(left) is not type(right):
        return None
    changes: dict[str, Any] = {}
    for name in conflict.fields:
        if name not in UNION_FIELDS:
            return None
        mine, theirs = getattr(left, name), getattr(right, name)
        if isinstance(mine, Mapping):
            if any(key in mine and mine[key] != value for key, value in theirs.items()):
                return None
            changes[name] = {**mine, **theirs}
        else:
            changes[name] = (*mine, *(item for item in theirs if item not in mine))
    return attrs.evolve(left, **changes)


def _dropped_citations(kept: AnyRecord, dropped: AnyRecord) -> list[str]:
    kept_sources = {c.source for c in getattr(kept, "sources", ())}
    return [c.source for c in getattr(dropped, "sources", ()) if c.source not in kept_sources]


# --- indexes --------------------------------------------------------------------
#
# The time index works on integers, computed once per event: microseconds since
# 1970-01-01T00:00Z of a value's earliest and latest instant. Comparing them is
# comparing the timezone-aware bounds, without building a datetime per test.

_EPOCH_DAY: Final = date(1970, 1, 1).toordinal()
_DAY: Final = 86_400_000_000
# Open ends lie beyond every representable instant (years 1 to 9999, offsets
# within ±18 hours), as in the ordering of When values.
_OPEN_LOW: Final = -(1 << 62)
_OPEN_HIGH: Final = 1 << 62
# The duration of an open-ended run: whatever starts before a window reaches into it.
_FOREVER: Final = 1 << 64
# How many of the most common durations get a run of their own (see _TimeIndex).
_EXACT_RUNS: Final = 16

TimeKey = tuple[int, int, int]  # (earliest, latest, precision; 0 for a span)


def _point_key(value: PartialDate) -> TimeKey:
    year, month, day, hour = value.year, value.month, value.day, value.hour
    seconds = 0
    if month is None:
        first, length, precision = date(year, 1, 1), (366 if isleap(year) else 365) * _DAY, 1
    elif day is None:
        first, length, precision = date(year, month, 1), monthrange(year, month)[1] * _DAY, 2
    else:
        first, length, precision = date(year, month, day), _DAY, 3
        if hour is not None:
            minute, second = value.minute, value.second
            seconds = (
                hour * 3600 + (minute or 0) * 60 + (second or 0) - (value.utc_offset or 0) * 60
            )
            if minute is None:
                length, precision = 3_600_000_000, 4
            elif second is None:
                length, precision = 60_000_000, 5
            else:
                length, precision = 1_000_000, 6
    low = ((first.toordinal() - _EPOCH_DAY) * 86_400 + seconds) * 1_000_000
    return low, low + length - 1, precision


def _time_key(when: When) -> TimeKey:
    """The key `When` values sort by, as integers: ``(earliest, latest, precision)``."""
    if isinstance(when, PartialDate):
        return _point_key(when)
    low = _OPEN_LOW if when.start is None else _point_key(when.start)[0]
    high = _OPEN_HIGH if when.end is None else _point_key(when.end)[1]
    return low, high, 0


def _window_bound(value: When | str | None, *, side: Literal["start", "end"]) -> int | None:
    if value is None:
        return None
    when = parse_edtf(value) if isinstance(value, str) else value
    if not isinstance(when, PartialDate | TimeSpan):
        msg = f"the {side} of a window must be a PartialDate, TimeSpan, EDTF string or None"
        problem = Problem(loc=(side,), code="invalid_type", message=msg, input=value)
        raise ValidationError([problem], title="events_between")
    low, high, _ = _time_key(when)
    if side == "start":
        return None if low == _OPEN_LOW else low
    return None if high == _OPEN_HIGH else high


class _Run:
    """Events whose durations lie in ``[shortest, longest]``, in time order.

    Such an event reaches a window starting at ``low`` if it starts at or
    after ``low - longest`` (maybe) or ``low - shortest`` (surely): only the
    starts between the two are tested, and none when all durations are equal.
    ``ranks`` are the events' positions in `_TimeIndex.events`.
    """

    __slots__ = ("ends", "longest", "ranks", "shortest", "starts")

    def __init__(self, shortest: int, longest: int) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.ranks: list[int] = []
        self.shortest = shortest
        self.longest = longest

    def add(self, low: int, high: int, first: int, count: int) -> None:
        """Add ``count`` events with these bounds, at ranks ``first`` onwards."""
        self.starts += [low] * count
        self.ends += [high] * count
        self.ranks += range(first, first + count)

    def reaching(self, low: int, limit: int, found: list[int]) -> None:
        """Add the ranks of the events starting before ``limit`` and ending at or after ``low``."""
        starts = self.starts
        stop = bisect.bisect_left(starts, limit)
        maybe = bisect.bisect_left(starts, low - self.longest, 0, stop)
        surely = bisect.bisect_left(starts, low - self.shortest, maybe, stop)
        if maybe < surely:
            ends, ranks = self.ends, self.ranks
            found.extend(ranks[i] for i in range(maybe, surely) if ends[i] >= low)
        found.extend(self.ranks[surely:stop])


class _TimeIndex:
    """Dated events in time order, for window queries and the timeline.

    ``events`` holds every dated event ordered as `Dataset.timeline` has it
    (by `_time_key`, then insertion order); ``starts`` their earliest bounds.
    A window ``[low, high]`` is answered in two parts, which follow each
    other in time order:

    - the events starting inside the window: one slice of ``events``,
      between two bisections of ``starts``;
    - the events that started before ``low`` and are still going on then.
      To find these without scanning everything that started earlier, the
      events are also split into runs by duration: one run for each of the
      16 most common durations (a point date's duration is set by its
      precision, month and year: a day, 30 days, ...), where the events that
      reach the window are one slice; one run per power-of-two duration
      class for the other durations (spans, mostly), where only the events
      starting between ``low - longest`` and ``low - shortest`` are tested;
      one run of open-ended events, which all reach it; and the events with
      an open start, sorted by their end. Their ranks (positions in
      ``events``) are sorted to put them in time order.

    A query thus costs a few bisections per run, a slice copy for the events
    starting in the window, and a sort and look-up of the ranks of those
    already going on.
    """

    def __init__(self, events: Iterable[Event]) -> None:
        # Events with equal keys are grouped, in insertion order, so that the
        # work after this pass is per key, not per event.
        groups: dict[TimeKey, list[Event]] = {}
        # Keys by id(when), as When values are often shared; an id cannot be
        # reused meanwhile, since every When is held by its event.
        known: dict[int, TimeKey] = {}
        self.undated: list[Event] = []
        for event in events:
            when = event.when
            if when is None:
                self.undated.append(event)
                continue
            key = known.get(id(when))
            if key is None:
                key = known[id(when)] = _time_key(when)
            group = groups.get(key)
            if group is None:
                groups[key] = [event]
            else:
                group.append(event)
        durations: Counter[int] = Counter()
        for (low, high, _), group in groups.items():
            if low != _OPEN_LOW and high != _OPEN_HIGH:
                durations[high - low] += len(group)
        exact = {d: _Run(d, d) for d, _ in durations.most_common(_EXACT_RUNS)}
        classes: dict[int, _Run] = {}
        forever = _Run(_FOREVER, _FOREVER)
        self.events: list[Event] = []
        self.starts: list[int] = []
        # Events with an open start all start at _OPEN_LOW, so they are in order of end.
        self.open_start_ends: list[int] = []
        self.open_start_ranks: list[int] = []
        for key in sorted(groups):
            low, high, _ = key
            group = groups[key]
            first, count = len(self.events), len(group)
            self.events += group
            self.starts += [low] * count
            if low == _OPEN_LOW:
                self.open_start_ends += [high] * count
                self.open_start_ranks += range(first, first + count)
                continue
            duration = high - low
            run = forever if high == _OPEN_HIGH else exact.get(duration)
            if run is None:
                run = classes.setdefault(duration.bit_length(), _Run(duration, duration))
                run.shortest = min(run.shortest, duration)
                run.longest = max(run.longest, duration)
            run.add(low, high, first, count)
        self.runs = [run for run in (*exact.values(), *classes.values(), forever) if run.starts]

    def between(self, low: int | None, high: int | None) -> list[Event]:
        starts, events = self.starts, self.events
        stop = len(starts) if high is None else bisect.bisect_right(starts, high)
        if low is None:
            return events[:stop]
        # Events starting before this instant and reaching ``low`` overlap the window.
        limit = low if high is None else min(low, high + 1)
        going_on: list[int] = []
        for run in self.runs:
            run.reaching(low, limit, going_on)
        ends = self.open_start_ends
        going_on += self.open_start_ranks[bisect.bisect_left(ends, low) :]
        # In time order, the events under way come before those starting in the window.
        going_on.sort()
        if len(going_on) > 1:  # one C call beats a loop (itemgetter needs an argument)
            found = list(operator.itemgetter(*going_on)(events))
        else:
            found = [events[rank] for rank in going_on]
        found += events[bisect.bisect_left(starts, low) : stop]
        return found


class _Index:
    """Lookups by kind, class, actor, speaker and subject, built in one pass."""

    def __init__(self) -> None:
        self.records: list[AnyRecord] = []
        self.by_class: dict[type, list[AnyRecord]] = {}
        self.by_actor: dict[str, list[Event]] = {}
        self.by_speaker: dict[str, list[Statement]] = {}
        self.by_subject: dict[str, list[Statement]] = {}
        self._kinds: dict[type, tuple[Any, ...]] = {}
        self._time: _TimeIndex | None = None

    def add(self, records: Iterable[AnyRecord]) -> None:
        self._kinds.clear()
        self._time = None
        everything, by_class = self.records, self.by_class
        by_actor, by_speaker, by_subject = self.by_actor, self.by_speaker, self.by_subject
        # An id named twice in one record lists the record once: it is the
        # last one added to that id's list when the id comes again.
        for record in records:
            everything.append(record)
            cls = type(record)
            group = by_class.get(cls)
            if group is None:
                by_class[cls] = [record]
            else:
                group.append(record)
            if isinstance(record, Event):
                for participant in record.participants:
                    events = by_actor.get(participant.actor)
                    if events is None:
                        by_actor[participant.actor] = [record]
                    elif events[-1] is not record:
                        events.append(record)
            elif isinstance(record, Statement):
                by_speaker.setdefault(record.speaker, []).append(record)
                subjects = record.about if record.event is None else (record.event, *record.about)
                for subject in subjects:
                    statements = by_subject.get(subject)
                    if statements is None:
                        by_subject[subject] = [record]
                    elif statements[-1] is not record:
                        statements.append(record)

    def of_type(self, cls: type) -> list[Any]:
        classes = [klass for klass in self.by_class if issubclass(klass, cls)]
        if len(classes) <= 1:
            return list(self.by_class[classes[0]]) if classes else []
        wanted = frozenset(classes)
        return [record for record in self.records if type(record) in wanted]

    def kind(self, cls: type) -> tuple[Any, ...]:
        found = self._kinds.get(cls)
        if found is None:
            found = self._kinds[cls] = tuple(self.of_type(cls))
        return found

    def time(self) -> _TimeIndex:
        if self._time is None:
            self._time = _TimeIndex(self.kind(Event))
        return self._time

    def timeline(self) -> list[Event]:
        time = self.time()
        return time.events + time.undated


# --- the dataset ------------------------------------------------------------------


def _check_record(record: Any) -> Problem | None:
    if isinstance(record, Record):
        return None
    if isinstance(record, UnknownRecord):
        if isinstance(record.id, str) and record.id:
            return None
        return Problem(
            loc=("id",),
            code="missing",
            message="a record in a dataset needs a string id",
            input=record.id,
        )
    return Problem(
        code="invalid_type",
        message="expected a record (Actor, Source, Event, Statement)",
        input=record,
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Dataset:
    """Actors, sources, events and statements, indexed by id.

    A dataset is a mutable collection of immutable records, kept in the order
    they were added. Adding a record whose id is taken is a no-op when the
    record is equal and a `eventkit.MergeConflictError` when it is
    not: nothing is ever overwritten by accident; use `replace` to
    overwrite on purpose. Records may refer to ids not (yet) in the dataset;
    `check` reports them. Changing a dataset while iterating over it
    raises ``RuntimeError``; `copy` gives an independent snapshot cheaply
    (records are immutable, so they are shared).

    Args:
        records: records to add, any mix of kinds.
        name: a name for messages and for the ``.json`` format's header.

    Raises:
        MergeConflictError: two different records with the same id among ``records``.

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([
        ...     ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU"),
        ...     ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person", country="RUS"),
        ...     ek.PhoneCall(id="call", title="Scholz–Putin phone call",
        ...                  when=ek.parse_edtf("2024-11-15"),
        ...                  participants=[ek.Participant(actor="olaf-scholz", role="initiator"),
        ...                                ek.Participant(actor="vladimir-putin")]),
        ... ], name="seed")
        >>> len(ds), "call" in ds, ds["call"].title
        (3, True, 'Scholz–Putin phone call')
        >>> [e.id for e in ds.events_of("olaf-scholz", role="initiator")]
        ['call']
    """

    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __init__(self, records: Iterable[AnyRecord] = (), *, name: str | None = None) -> None:
        self.name = name
        self._records: dict[str, AnyRecord] = {}
        self._index: _Index | None = None
        self.load_report: Report | None = None
        """The problems found by a lenient `load` (``None`` otherwise)."""
        self.merge_report: Report | None = None
        """The conflicts a `merge` resolved by its policy (``None`` otherwise)."""
        self.add(*records)

    # --- changing -----------------------------------------------------------------

    def add(self, *records: AnyRecord) -> None:
        """Add records; all or none are added.

        A record equal to the one already under its id is skipped.

        Raises:
            MergeConflictError: a record differs from the one already under
                its id (every such conflict, each holding both versions).
            ValidationError: something that is not a record (code ``invalid_type``).

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset()
            >>> ds.add(ek.Actor(id="a", name="A", kind="person"))
            >>> ds.add(ek.Actor(id="a", name="A", kind="person"))  # the same: no-op
            >>> ds.add(ek.Actor(id="a", name="Another", kind="person"))
            Traceback (most recent call last):
            ...
            eventkit.exceptions.MergeConflictError: 1 problem in Dataset
              record 'a': $: two different records have this id; they differ in: name, got Conflict(id='a', fields=('name',)) [conflict]
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        invalid = [p.at(i) for i, r in enumerate(records) if (p := _check_record(r)) is not None]
        if invalid:
            raise ValidationError(invalid, title=self._title())
        new: dict[str, AnyRecord] = {}
        conflicts = []
        for record in records:
            record_id: str = record.id
            existing = self._records.get(record_id, new.get(record_id))
            if existing is None:
                new[record_id] = record
            elif existing != record:
                conflicts.append(Conflict(id=record_id, left=existing, right=record))
        if conflicts:
            problems = [_conflict_problem(c, _differ_message(c)) for c in conflicts]
            raise MergeConflictError(problems, title=self._title())
        self._records.update(new)
        if self._index is not None:
            self._index.add(new.values())

    def replace(self, record: AnyRecord) -> None:
        """Put ``record`` under its id, overwriting any record there (keeping its place).

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Actor(id="a", name="A", kind="person")])
            >>> ds.replace(ek.Actor(id="a", name="Anna", kind="person"))
            >>> ds["a"].name
            'Anna'
        """
        problem = _check_record(record)
        if problem is not None:
            raise ValidationError([problem], title=self._title())
        self._records[record.id] = record
        self._index = None

    def remove(self, id: str) -> AnyRecord:
        """Remove the record with ``id`` and return it.

        Records that refer to it are left as they are; `check` reports them.

        Raises:
            RecordNotFoundError: no record has that id.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Actor(id="a", name="A", kind="person")])
            >>> ds.remove("a").name, len(ds)
            ('A', 0)
        """
        try:
            record = self._records.pop(id)
        except KeyError:
            raise RecordNotFoundError(id) from None
        self._index = None
        return record

    def copy(self) -> Dataset:
        """Return an independent dataset with the same records and name.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Actor(id="a", name="A", kind="person")])
            >>> snapshot = ds.copy()
            >>> _ = ds.remove("a")
            >>> len(ds), len(snapshot)
            (0, 1)
        """
        other = Dataset(name=self.name)
        other._records = dict(self._records)
        return other

    # --- looking up ---------------------------------------------------------------

    def get(self, id: str) -> AnyRecord | None:
        """Return the record with ``id``, or ``None``.

        Examples:
            >>> import eventkit as ek
            >>> ek.Dataset().get("nobody") is None
            True
        """
        return self._records.get(id)

    def __getitem__(self, id: str) -> AnyRecord:
        try:
            return self._records[id]
        except KeyError:
            raise RecordNotFoundError(id) from None

    def __contains__(self, item: object) -> bool:
        """An id is in the dataset if a record has it; a record, if it is there unchanged."""
        if isinstance(item, str):
            return item in self._records
        if isinstance(item, Record | UnknownRecord):
            return isinstance(item.id, str) and self._records.get(item.id) == item
        return False

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[AnyRecord]:
        return iter(self._records.values())

    def __eq__(self, other: object) -> bool:
        """Datasets are equal when they hold the same records, whatever order and name."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._records == other._records

    def __repr__(self) -> str:
        groups = (
            ("actor", self.actors),
            ("source", self.sources),
            ("event", self.events),
            ("statement", self.statements),
            ("unknown record", self.unknown),
        )
        counts = ", ".join(_plural(len(group), label) for label, group in groups if group)
        name = "" if self.name is None else f" {self.name!r}"
        return f"<Dataset{name}: {_plural(len(self), 'record')}{f' ({counts})' if counts else ''}>"

    def _title(self) -> str:
        return "Dataset" if self.name is None else f"Dataset {self.name!r}"

    @property
    def ids(self) -> Iterable[str]:
        """The ids, in insertion order (a live view).

        Examples:
            >>> import eventkit as ek
            >>> list(ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).ids)
            ['a']
        """
        return self._records.keys()

    def _idx(self) -> _Index:
        if self._index is None:
            index = _Index()
            index.add(self._records.values())
            self._index = index
        return self._index

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The actors, in insertion order."""
        return self._idx().kind(Actor)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources, in insertion order."""
        return self._idx().kind(Source)

    @property
    def events(self) -> tuple[Event, ...]:
        """The events (of every event type), in insertion order."""
        return self._idx().kind(Event)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """The statements, in insertion order."""
        return self._idx().kind(Statement)

    @property
    def unknown(self) -> tuple[UnknownRecord, ...]:
        """Records kept verbatim because this eventkit could not read them."""
        return self._idx().kind(UnknownRecord)

    # --- queries ------------------------------------------------------------------

    def events_of(self, actor: str, *, role: str | ParticipantRole | None = None) -> list[Event]:
        """Return the events ``actor`` takes part in (in ``role``, if given), in insertion order.

        Uses an index by participant: the cost is the number of the actor's events.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Event(id="e1", title="Call", participants=[
            ...     ek.Participant(actor="a", role="initiator"), ek.Participant(actor="b")])])
            >>> [e.id for e in ds.events_of("a")], ds.events_of("b", role="initiator")
            (['e1'], [])
        """
        found = self._idx().by_actor.get(actor, [])
        if role is None:
            return list(found)
        return [
            e for e in found if any(p.actor == actor and p.role == role for p in e.participants)
        ]

    def events_between(
        self, start: When | str | None = None, end: When | str | None = None
    ) -> list[Event]:
        """Return the events whose time overlaps ``[start, end]``, in time order.

        Precision counts: an event in ``"2022-12"`` overlaps a window starting
        on 2022-12-15, and a window ``("2022-12", "2022-12")`` is all of
        December. Strings are read as EDTF; ``None`` leaves that side open.
        Undated events are never returned. Uses an index in time order: the
        events that start in the window are one slice of it, and those
        already under way at ``start`` are found by bisection in runs of
        events of equal (or similar) duration, so the cost is a few
        ``O(log n)`` bisections plus about the number of events returned.

        Raises:
            ValidationError: a bound is not a date, a span, EDTF text or None.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Event(id="december", title="A month", when=ek.parse_edtf("2022-12")),
            ...     ek.Event(id="call", title="A day", when=ek.parse_edtf("2024-11-15")),
            ... ])
            >>> [e.id for e in ds.events_between("2022-12-15", "2022-12-15")]
            ['december']
            >>> [e.id for e in ds.events_between(start="2023")]
            ['call']
        """
        low = _window_bound(start, side="start")
        high = _window_bound(end, side="end")
        return self._idx().time().between(low, high)

    def events_of_type(self, cls: type[E]) -> list[E]:
        """Return the events of type ``cls`` or any subclass, in insertion order.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.PhoneCall(id="c", title="Call"), ek.Event(id="e", title="E")])
            >>> [e.id for e in ds.events_of_type(ek.Communication)]
            ['c']
        """
        return self._idx().of_type(cls)

    def statements_by(self, speaker: str) -> list[Statement]:
        """Return the statements ``speaker`` made, in insertion order.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Statement(id="s", speaker="putin", text="…")])
            >>> [s.id for s in ds.statements_by("putin")]
            ['s']
        """
        return list(self._idx().by_speaker.get(speaker, []))

    def statements_about(self, id: str) -> list[Statement]:
        """Return the statements made at event ``id`` or about ``id``, in insertion order.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Statement(id="s1", speaker="a", text="…", event="call"),
            ...                  ek.Statement(id="s2", speaker="b", text="…", about=["call"])])
            >>> [s.id for s in ds.statements_about("call")]
            ['s1', 's2']
        """
        return list(self._idx().by_subject.get(id, []))

    def timeline(self) -> list[Event]:
        """Return the events in time order: by earliest, then latest bound; undated last.

        Events at the same time keep their insertion order.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Event(id="later", title="L", when=ek.parse_edtf("2024-11-15")),
            ...                  ek.Event(id="undated", title="U"),
            ...                  ek.Event(id="earlier", title="E", when=ek.parse_edtf("2022-12"))])
            >>> [e.id for e in ds.timeline()]
            ['earlier', 'later', 'undated']
        """
        return self._idx().timeline()

    def actors_where(
        self, *, kind: str | ActorKind | None = None, country: str | None = None
    ) -> list[Actor]:
        """Return the actors of ``kind`` and/or ``country`` (ISO alpha-3), in insertion order.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Actor(id="a", name="A", kind="person", country="DEU"),
            ...                  ek.Actor(id="b", name="B", kind="state", country="DEU")])
            >>> [a.id for a in ds.actors_where(kind="person", country="DEU")]
            ['a']
        """
        return [
            actor
            for actor in self.actors
            if (kind is None or actor.kind == kind)
            and (country is None or actor.country == country)
        ]

    # --- integrity ----------------------------------------------------------------

    def check(self) -> Report:
        """Return a report of every reference that names no record or the wrong kind.

        Codes: ``dangling_reference`` (no record has the id) and
        ``wrong_reference_kind`` (e.g. a participant that is an event). Each
        problem has the record's id, the path of the field, and the id as ``input``.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Statement(id="s1", speaker="putin", text="…", event="call")])
            >>> print(ds.check().summary())
            2 problems in 1 record
              dangling_reference  2
            record 's1': $.speaker: no record has this id, got 'putin' [dangling_reference]
            record 's1': $.event: no record has this id, got 'call' [dangling_reference]
        """
        problems = []
        records = self._records
        for record in records.values():
            record_id = record.id
            for loc, target, expected in references(record):
                found = records.get(target)
                if found is None:
                    problems.append(dangling(loc, record_id, target))
                    continue
                kind = kind_of(found)
                if not kind & (expected | ANY):
                    problems.append(
                        wrong_kind(loc, record_id, target, expected=expected, found=kind)
                    )
        return Report(problems=tuple(problems), records=len(records), source=self.name)

    def validate(self) -> None:
        """Raise if `check` finds any problem.

        Raises:
            ValidationError: holding every problem of the report.

        Examples:
            >>> import eventkit as ek
            >>> ek.Dataset([ek.Event(id="e", title="E", participants=[ek.Participant(actor="x")])],
            ...            name="demo").validate()
            Traceback (most recent call last):
            ...
            eventkit.exceptions.ValidationError: 1 problem in Dataset 'demo'
              record 'e': $.participants[0].actor: no record has this id, got 'x' [dangling_reference]
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        self.check().raise_if_invalid(title=self._title())

    # --- merging ------------------------------------------------------------------

    def conflicts(self, other: Dataset) -> list[Conflict]:
        """Return the ids both datasets hold with different records (both versions each).

        Examples:
            >>> import eventkit as ek
            >>> a = ek.Dataset([ek.Actor(id="x", name="X", kind="person")])
            >>> b = ek.Dataset([ek.Actor(id="x", name="X", kind="state")])
            >>> a.conflicts(b)
            [Conflict(id='x', fields=('kind',))]
        """
        mine = self._records
        return [
            Conflict(id=record_id, left=mine[record_id], right=theirs)
            for record_id, theirs in other._records.items()
            if record_id in mine and mine[record_id] != theirs
        ]

    def merge(self, other: Dataset, *, policy: MergePolicy = "error") -> Dataset:
        """Return a new dataset with the records of both; neither input changes.

        Equal records under the same id appear once. Different records under
        the same id are a conflict, settled by ``policy``:

        * ``"error"``: raise, listing every conflict with both versions;
        * ``"left"`` / ``"right"``: keep this dataset's / the other's version;
        * ``"union"``: combine the two versions when they differ only in
          collection fields (``sources``, ``tags``, ``derived_from``,
          ``aliases``, ``related``, and ``identifiers`` that do not disagree);
          any other difference is still an error.

        Whenever a policy settles a conflict, the new dataset's
        `merge_report` lists it (code ``conflict``) with both versions,
        naming any citations the kept version lacks, so nothing is dropped
        silently. Records keep this dataset's order, then the other's.

        Raises:
            MergeConflictError: conflicts the policy cannot settle.
            ValidationError: an unknown policy.

        Examples:
            >>> import eventkit as ek
            >>> left = ek.Dataset([ek.Event(id="e", title="Call", sources=[ek.Citation(source="dpa")])])
            >>> right = ek.Dataset([ek.Event(id="e", title="Call", sources=[ek.Citation(source="afp")])])
            >>> [c.source for c in left.merge(right, policy="union")["e"].sources]
            ['dpa', 'afp']
            >>> print(left.merge(right, policy="left").merge_report.summary())
            1 problem in 1 record
              conflict  1
            record 'e': $: kept the left version; the right one differs in: sources; its citations of 'afp' are not kept, got Conflict(id='e', fields=('sources',)) [conflict]
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        if policy not in get_args(MergePolicy):
            choices = ", ".join(repr(p) for p in get_args(MergePolicy))
            problem = Problem(
                loc=("policy",),
                code="invalid_value",
                message=f"must be one of {choices}",
                input=policy,
            )
            raise ValidationError([problem], title="merge")
        result = Dataset(name=self.name)
        merged = dict(self._records)
        unsettled: list[Problem] = []
        settled: list[Problem] = []
        for conflict in self.conflicts(other):
            if policy == "union":
                combined = _union(conflict)
                if combined is None:
                    message = (
                        _differ_message(conflict) + "; only " + ", ".join(sorted(UNION_FIELDS))
                    )
                    unsettled.append(_conflict_problem(conflict, message + " can be combined"))
                else:
                    merged[conflict.id] = combined
                    message = f"combined the two versions' {', '.join(conflict.fields)}"
                    settled.append(_conflict_problem(conflict, message))
            elif policy in ("left", "right"):
                kept, dropped = (
                    (conflict.left, conflict.right)
                    if policy == "left"
                    else (conflict.right, conflict.left)
                )
                merged[conflict.id] = kept
                lost = _dropped_citations(kept, dropped)
                message = (
                    f"kept the {policy} version; the {'right' if policy == 'left' else 'left'} one "
                    f"differs in: {', '.join(conflict.fields)}"
                )
                if lost:
                    message += f"; its citations of {', '.join(map(repr, lost))} are not kept"
                settled.append(_conflict_problem(conflict, message))
            else:
                unsettled.append(_conflict_problem(conflict, _differ_message(conflict)))
        if unsettled:
            title = f"merge of {self._title()} and {other._title()}"
            raise MergeConflictError(unsettled, title=title)
        for record_id, record in other._records.items():
            merged.setdefault(record_id, record)
        result._records = merged
        result.merge_report = Report(problems=tuple(settled), records=len(merged), source=self.name)
        return result

    # --- files --------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the dataset to ``path``, atomically, in the format its suffix names.

        ``.jsonl`` (one record per line), ``.json`` (one document with a
        format header), each optionally ``.gz``-compressed. The file is
        written to a temporary file beside it and renamed into place, so a
        crash leaves the previous file intact.

        Raises:
            ValidationError: an unsupported suffix (code ``unsupported_format``).
            OSError: the file cannot be written.

        Examples:
            >>> import eventkit as ek, pathlib, tempfile
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.jsonl.gz"
            >>> ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).save(path)
            >>> ek.Dataset.load(path)
            <Dataset 'seed': 1 record (1 actor)>
        """
        from eventkit.io import write_records  # noqa: PLC0415 - eventkit.io imports this module

        write_records(path, self, name=self.name)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, lenient: bool = False, keep_unknown: bool = False
    ) -> Self:
        r"""Read a dataset written by `save` (or by hand) and check it.

        Every line (or record of a ``.json`` document) is validated, then the
        references between them. Strict, the default, raises with every
        problem, each with its file and line. Lenient loads the good records
        and keeps the report in `load_report`: a record with a problem
        is left out, and so is a record that refers to one left out, so the
        loaded dataset always passes `check`.

        Args:
            path: a ``.jsonl``, ``.json``, ``.jsonl.gz`` or ``.json.gz`` file.
            lenient: load the good records instead of raising.
            keep_unknown: keep records with unknown types or fields verbatim
                (as `eventkit.UnknownRecord`) instead of reporting them.

        Raises:
            ValidationError: (strict) the file has problems, or (either mode)
                it cannot be read as a dataset at all.
            OSError: the file cannot be opened.

        Examples:
            >>> import eventkit as ek, pathlib, tempfile
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.jsonl"
            >>> _ = path.write_text('{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
            ...                     '{"type": "actor", "id": "b", "name": "B", "kind": "persn"}\n')
            >>> ds = ek.Dataset.load(path, lenient=True)
            >>> list(ds.ids), ds.load_report.lines()
            (['a'], [2])
        """
        from eventkit.io._validate import read_dataset  # noqa: PLC0415 - io imports this module

        loaded = read_dataset(path, lenient=lenient, keep_unknown=keep_unknown)
        dataset = cls(name=loaded.name)
        dataset._records = {record.id: record for record in loaded.records}
        if lenient:
            dataset.load_report = loaded.report
        return dataset
