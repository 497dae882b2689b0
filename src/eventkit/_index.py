"""Indexes over a dataset's records: by kind, class, actor, speaker, subject and time.

`Index` is built in one pass over the records and extended as records
are added; its `TimeIndex` answers window queries in time order, and is
extended too.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from calendar import isleap, monthrange
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any, Final, Literal

from eventkit._records import Event, Record, Statement
from eventkit._time import PartialDate, TimeSpan, When, parse_edtf
from eventkit._unknown import UnknownRecord
from eventkit.exceptions import Problem, ValidationError

__all__ = ["Index", "TimeIndex", "instants", "window"]

AnyRecord = Record | UnknownRecord

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
# How many of the most common durations get a run of their own (see TimeIndex).
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


def instants(when: When) -> tuple[int | None, int | None]:
    """``when``'s earliest and latest instants as microseconds since 1970 in UTC.

    None for an open end. Integers hold what ``datetime`` cannot: a valid
    date's UTC instant may lie outside years 1 to 9999
    (9999-12-31T20:00-05:00 is in year 10000).

    Examples:
        >>> instants(parse_edtf("1970-01-02"))
        (86400000000, 172799999999)
        >>> instants(parse_edtf("../1970-01-01T00:00-01:00"))
        (None, 3659999999)
    """
    low, high, _ = _time_key(when)
    return (None if low == _OPEN_LOW else low), (None if high == _OPEN_HIGH else high)


def window(
    start: When | str | date | None, end: When | str | date | None
) -> tuple[int | None, int | None]:
    """The window ``[start, end]`` as `instants` gives bounds: None for an open side.

    Raises:
        ValidationError: every bound that is not a date, and an end before
            the start (a swapped pair would answer for a window that cannot
            be), each at its argument.
    """
    problems: list[Problem] = []
    bounds: dict[str, When | None] = {}
    sides: tuple[tuple[Literal["start", "end"], When | str | date | None], ...] = (
        ("start", start),
        ("end", end),
    )
    for side, value in sides:
        try:
            bounds[side] = _window_bound(value, side)
        except ValidationError as error:
            problems += error.problems
    if problems:
        raise ValidationError(problems, title="events_between")
    first, last = bounds["start"], bounds["end"]
    low = _OPEN_LOW if first is None else _time_key(first)[0]
    high = _OPEN_HIGH if last is None else _time_key(last)[1]
    if first is not None and last is not None and low > high:
        problem = Problem(
            loc=("end",),
            code="invalid_value",
            message=f"must not be before the start ({first.to_edtf()})",
            input=last.to_edtf(),
        )
        raise ValidationError([problem], title="events_between")
    return (None if low == _OPEN_LOW else low), (None if high == _OPEN_HIGH else high)


def _window_bound(value: When | str | date | None, side: Literal["start", "end"]) -> When | None:
    if value is None:
        return None
    try:
        if isinstance(value, date):  # a datetime too: it must be aware, from_datetime says so
            when: Any = PartialDate.from_datetime(value)
        else:
            when = parse_edtf(value) if isinstance(value, str) else value
    except ValidationError as error:  # at the argument it is about
        raise ValidationError([p.at(side) for p in error.problems]) from None
    if not isinstance(when, PartialDate | TimeSpan):
        msg = (
            f"the {side} of a window must be a PartialDate, TimeSpan, EDTF string, "
            "date, aware datetime or None"
        )
        problem = Problem(loc=(side,), code="invalid_type", message=msg, input=value)
        raise ValidationError([problem])
    return when


class _Run:
    """Events whose durations lie in ``[shortest, longest]``, in time order.

    Such an event reaches a window starting at ``low`` if it starts at or
    after ``low - longest`` (maybe) or ``low - shortest`` (surely): only the
    starts between the two are tested, and none when all durations are equal.
    ``ranks`` are the events' positions in `TimeIndex.events`.
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


class _Part:
    """Dated events in time order, built once: one part of a `TimeIndex`.

    ``events`` holds the events ordered as `Dataset.timeline` has them (by
    `_time_key`, then insertion order), ``keys`` their keys and ``starts``
    their earliest bounds. A window ``[low, high]`` is answered in two
    parts, which follow each other in time order:

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

    def __init__(self, keys: Iterable[TimeKey], events: Iterable[Event]) -> None:
        # Events with equal keys are grouped, in the order given (insertion
        # order), so that the work after this pass is per key, not per event.
        groups: dict[TimeKey, list[Event]] = {}
        for key, event in zip(keys, events, strict=True):
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
        self.keys: list[TimeKey] = []
        self.starts: list[int] = []
        # Events with an open start all start at _OPEN_LOW, so they are in order of end.
        self.open_start_ends: list[int] = []
        self.open_start_ranks: list[int] = []
        for key in sorted(groups):
            low, high, _ = key
            group = groups[key]
            first, count = len(self.events), len(group)
            self.events += group
            self.keys += [key] * count
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

    def _going_on(self, low: int, high: int | None) -> list[int]:
        """The ranks of the events starting before ``low`` and reaching it, sorted."""
        # Events starting before this instant and reaching ``low`` overlap the window.
        limit = low if high is None else min(low, high + 1)
        going_on: list[int] = []
        for run in self.runs:
            run.reaching(low, limit, going_on)
        ends = self.open_start_ends
        going_on += self.open_start_ranks[bisect.bisect_left(ends, low) :]
        going_on.sort()
        return going_on

    def between(self, low: int | None, high: int | None) -> list[Event]:
        starts, events = self.starts, self.events
        stop = len(starts) if high is None else bisect.bisect_right(starts, high)
        if low is None:
            return events[:stop]
        # In time order, the events under way come before those starting in the window.
        going_on = self._going_on(low, high)
        if len(going_on) > 1:  # one C call beats a loop (itemgetter needs an argument)
            found = list(operator.itemgetter(*going_on)(events))
        else:
            found = [events[rank] for rank in going_on]
        found += events[bisect.bisect_left(starts, low) : stop]
        return found

    def ranks(self, low: int | None, high: int | None) -> Iterable[int]:
        """The ranks of the events `between` returns, in the same order."""
        starts = self.starts
        stop = len(starts) if high is None else bisect.bisect_right(starts, high)
        if low is None:
            return range(stop)
        starting = range(bisect.bisect_left(starts, low), stop)
        return itertools.chain(self._going_on(low, high), starting)


class TimeIndex:
    """Dated events in time order, for window queries and the timeline; grows with `add`.

    The events are held in parts, each built once (`_Part`) over the events
    of one or more `add` calls; a new part is merged with the one before it
    while it is at least half its size, so there are at most about
    ``log2(n)`` parts and each event is merged ``O(log n)`` times: adding in
    batches and querying between them costs ``O(n log n)`` overall, not a
    rebuild per batch. A query asks each part; with more than one, the
    results are put in time order by key, then by part (older parts hold
    earlier insertions), then by rank.
    """

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self.parts: list[_Part] = []
        self.undated: list[Event] = []
        self.add(events)

    def add(self, events: Iterable[Event]) -> None:
        keys: list[TimeKey] = []
        dated: list[Event] = []
        # Keys by id(when), as When values are often shared; an id cannot be
        # reused meanwhile, since every When is held by its event.
        known: dict[int, TimeKey] = {}
        for event in events:
            when = event.when
            if when is None:
                self.undated.append(event)
                continue
            key = known.get(id(when))
            if key is None:
                key = known[id(when)] = _time_key(when)
            keys.append(key)
            dated.append(event)
        if not dated:
            return
        parts = self.parts
        parts.append(_Part(keys, dated))
        while len(parts) > 1 and 2 * len(parts[-1].events) >= len(parts[-2].events):
            newer, older = parts.pop(), parts.pop()
            # Each part's events are in (key, insertion) order, the older part's inserted first.
            parts.append(_Part(older.keys + newer.keys, older.events + newer.events))

    def between(self, low: int | None, high: int | None) -> list[Event]:
        parts = self.parts
        if len(parts) == 1:
            return parts[0].between(low, high)
        found = [
            (part.keys[rank], number, rank)
            for number, part in enumerate(parts)
            for rank in part.ranks(low, high)
        ]
        found.sort()
        return [parts[number].events[rank] for _, number, rank in found]

    def dated(self) -> list[Event]:
        """Every dated event, in time order."""
        return self.between(None, None)


class Index:
    """Lookups by kind, class, actor, speaker and subject, built in one pass."""

    def __init__(self) -> None:
        self.records: list[AnyRecord] = []
        self.by_class: dict[type, list[AnyRecord]] = {}
        self.by_actor: dict[str, list[Event]] = {}
        self.by_speaker: dict[str, list[Statement]] = {}
        self.by_subject: dict[str, list[Statement]] = {}
        self._kinds: dict[type, tuple[Any, ...]] = {}
        self._time: TimeIndex | None = None
        self._by_source: dict[str, list[Event | Statement]] | None = None

    def add(self, records: Iterable[AnyRecord]) -> None:
        """Index ``records`` too; the time and source indexes, if built, are extended."""
        records = list(records)
        self._kinds.clear()
        if self._time is not None:
            self._time.add(record for record in records if isinstance(record, Event))
        if self._by_source is not None:
            _add_by_source(self._by_source, records)
        self._add_lookups(records)

    def _add_lookups(self, records: list[AnyRecord]) -> None:
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

    def by_source(self) -> dict[str, list[Event | Statement]]:
        """The events and statements citing each source, or (statements) made via it.

        Built on first use: only `Dataset.reported_by` asks.
        """
        if self._by_source is None:
            found: dict[str, list[Event | Statement]] = {}
            _add_by_source(found, self.records)
            self._by_source = found
        return self._by_source

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

    def time(self) -> TimeIndex:
        if self._time is None:
            self._time = TimeIndex(self.kind(Event))
        return self._time

    def timeline(self) -> list[Event]:
        time = self.time()
        return time.dated() + time.undated


def _add_by_source(found: dict[str, list[Event | Statement]], records: Iterable[AnyRecord]) -> None:
    for record in records:
        if not isinstance(record, Event | Statement):
            continue
        named = [citation.source for citation in record.sources]
        if isinstance(record, Statement) and record.via is not None:
            named.append(record.via)
        for source in dict.fromkeys(named):  # each record once per source
            found.setdefault(source, []).append(record)
