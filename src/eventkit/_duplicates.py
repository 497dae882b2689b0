"""One event reported many times: find likely duplicate events, merge them, undo.

`duplicate_events` proposes clusters of events that may be one, each pair
with a score explained feature by feature: the event type and codes, time
overlap read from the `PartialDate` / `TimeSpan` bounds (a day inside a month
is compatible, and a vague date weighs less), shared participants and their
roles, place, and title words (a rare word counts more than a common one).
Events are compared only inside blocks (the PLOVER type or event type, a
calendar month, and a shared participant, country or place name), and within
a block only when their dates come within a few days of each other, so the
cost follows the number of plausible pairs, not the square of the events.

`merge_events` makes each cluster one event that loses nothing: every
citation, the union of participants (differing roles and certainties are
reported), the
most precise of the dates when they are all compatible (a conflict reported
otherwise), the merged ids kept in ``identifiers["eventkit.merged"]``, and
every reference to a merged id re-pointed. Its `EventMerge` report lists
each decision and holds the records as they were, so `undo_merge` gives the
original records back exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

import attrs

from eventkit._events import codes_of
from eventkit._ids import normalized
from eventkit._index import instants
from eventkit._records import Event, Record
from eventkit._resolve import (
    MergeChange,
    absorb,
    rebuilt,
    rewritten,
    unrewritten,
)
from eventkit._time import PartialDate, TimeSpan
from eventkit._unknown import UnknownRecord
from eventkit._vocab import ParticipantRole
from eventkit._wire import date_to_wire
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "DEFAULT_THRESHOLD",
    "DuplicateEvents",
    "DuplicatePair",
    "EventMerge",
    "clusters_of",
    "duplicate_events",
    "duplicate_pairs",
    "jaro_winkler",
    "merge_events",
    "type_score",
    "undo_merge",
    "word_weights",
]

DEFAULT_THRESHOLD: Final = 0.7
"""The score from which `duplicate_events` proposes a pair (tuned on benchmarks/duplicates.py)."""

WINDOW_DAYS: Final = 2.0
"""How many days apart two dates may be and still be compared (reports date events differently)."""

WEIGHTS: Final = {"type": 1.0, "time": 2.0, "participants": 2.0, "place": 1.0, "title": 1.5}
_DAY: Final = 86400.0
FINE_DAYS: Final = 2.0  # dates at most this wide place an event on its day
NEAR_KM: Final = 10.0
FAR_KM: Final = 100.0
MAX_MONTHS: Final = 13  # a longer period is blocked by its first months only
IDF_STEP: Final = 1024  # word weights in 1/1024ths: their sums are exact in any order
UNDATED_REACH: Final = 50  # how many dated events of an anchor an undated one meets, at most
ALIKE: Final = 0.8  # Jaro-Winkler similarity from which two place names are spellings of one


AnyRecord = Record | UnknownRecord


@attrs.frozen(kw_only=True)
class DuplicatePair:
    """Two events that may be one report of the same thing, with how sure and why.

    Attributes:
        first: the lower of the two events' ids (compared as text, as
            ``sorted`` compares them): the same events give the same pair
            in whatever order they are stored.
        second: the higher; ``reasons`` speak of the two in this order.
        score: from 0 to 1, the weighted mean of the feature scores.
        features: each feature's score, from 0 to 1: ``type``, ``time``,
            ``participants``, ``place``, ``title`` (a feature neither event
            gives is left out).
        reasons: each feature's score in words.

    Examples:
        >>> DuplicatePair(first="dpa-call", second="afp-call", score=0.9,
        ...               features={"time": 1.0}, reasons=("same day",)).features["time"]
        1.0
    """

    first: str
    second: str
    score: float
    features: Mapping[str, float]
    reasons: tuple[str, ...]


@attrs.frozen(kw_only=True)
class DuplicateEvents:
    """A cluster of events that may be one: the pairs that join them, and their scores.

    Attributes:
        events: the event ids, in the dataset's order (the first is the one
            `merge_events` keeps unless told otherwise).
        score: the lowest score of the pairs joining them.
        pairs: the scored pairs (at or above the threshold) that join them.

    Examples:
        >>> pair = DuplicatePair(first="a", second="b", score=0.8, features={}, reasons=())
        >>> DuplicateEvents(events=("a", "b"), score=0.8, pairs=(pair,)).events
        ('a', 'b')
    """

    events: tuple[str, ...]
    score: float
    pairs: tuple[DuplicatePair, ...]


@attrs.frozen(kw_only=True)
class EventMerge:
    """What `merge_events` did, decision by decision, and how to undo it.

    Attributes:
        kept: for each merged event id, the id of the event it became.
        changes: every decision: ``"merged"`` (an event merged away),
            ``"citation"`` and ``"participant"`` (added to the kept event),
            ``"role"`` (a finer role taken), ``"certainty"`` (a certainty
            taken where none was stated), ``"date"`` (a more precise date
            taken), ``"filled"``, ``"reference"`` (a reference re-pointed),
            ``"dropped"`` (a reference between merged events, which would
            name the kept event itself), ``"repeated"`` (a list's item the
            merge made the same as an earlier one), and ``"conflict"`` (the kept value
            stays, the other is ``new``: differing roles and certainties,
            incompatible dates, titles, places).
        before: the records as they were, each changed or removed one.
        after: the ids of the records the merge changed (removed ones excluded).
        made: those records as the merge made them, in the same order, so
            that `undo_merge` refuses to throw away a change made since
            (empty in a report made without them: then it cannot tell).

    Examples:
        >>> EventMerge(kept={"afp-call": "dpa-call"}, changes=(), before=(), after=()).kept
        {'afp-call': 'dpa-call'}
    """

    kept: Mapping[str, str]
    changes: tuple[MergeChange, ...]
    before: tuple[AnyRecord, ...]
    after: tuple[str, ...]
    made: tuple[AnyRecord, ...] = ()  # a default: a report made without it still undoes

    def conflicts(self) -> list[MergeChange]:
        """The decisions left to a person: the values a merge could not reconcile.

        Examples:
            >>> EventMerge(kept={}, changes=(), before=(), after=()).conflicts()
            []
        """
        return [change for change in self.changes if change.note == "conflict"]


# --- features ------------------------------------------------------------------


@attrs.frozen
class _Facts:
    """What the comparison needs of one event, computed once."""

    id: str
    cls: type[Event]
    kind: str
    category: str
    cameo: str | None
    low: float
    high: float
    participants: Mapping[str, str]
    country: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    words: frozenset[str]
    title: str
    months: tuple[int, ...]


def _bounds(when: PartialDate | TimeSpan | None) -> tuple[float, float]:
    """The days since 1970 of ``when``'s UTC bounds, as DuckDB computes them from Parquet."""
    if when is None:
        return -math.inf, math.inf
    low, high = instants(when)
    return (
        -math.inf if low is None else low / 1_000_000 / _DAY,
        math.inf if high is None else high / 1_000_000 / _DAY,
    )


def _facts(event: Event) -> _Facts:
    codes = codes_of(event)
    kind = type(event).__name__
    low, high = _bounds(event.when)
    place = event.place
    title = normalized(event.title)
    return _Facts(
        id=event.id,
        cls=type(event),
        kind=kind,
        category=_family(type(event)),
        cameo=None if codes is None else codes.cameo,
        low=low,
        high=high,
        participants={p.actor: str(p.role) for p in event.participants},
        country=None if place is None else place.country,
        place_name=None if place is None or place.name is None else normalized(place.name),
        lat=None if place is None else place.lat,
        lon=None if place is None else place.lon,
        words=frozenset(title.split()),
        title=title,
        months=_months(event.when),
    )


def _family(cls: type[Event]) -> str:
    """The type's ancestor just below `Event`: `Communication` for a `PhoneCall`."""
    below = [base for base in cls.__mro__ if isinstance(base, type) and issubclass(base, Event)]
    return below[-2].__name__ if len(below) > 1 else cls.__name__


def type_score(first: type[Event], second: type[Event]) -> tuple[float, str, bool]:
    """The type feature of two classes before CAMEO codes, its reason, and whether codes count.

    Examples:
        >>> from eventkit._events import Communication, PhoneCall
        >>> type_score(PhoneCall, Communication)
        (0.9, 'PhoneCall and Communication: one is a kind of the other', False)
    """
    a, b = first.__name__, second.__name__
    if first is second:
        return 1.0, f"same type {a}", True
    if issubclass(first, second) or issubclass(second, first):
        # one source codes it coarser: a PhoneCall is a kind of Communication
        return 0.9, f"{a} and {b}: one is a kind of the other", False
    family = _family(first)
    if family == _family(second):
        return 0.4, f"types {a} and {b} are both {family} events", True
    return 0.0, f"types {a} and {b} differ", True


def _type_score(a: _Facts, b: _Facts) -> tuple[float, str]:
    score, reason, coded = type_score(a.cls, b.cls)
    if coded and a.cameo and b.cameo and a.cameo != b.cameo:
        if a.cameo[:2] == b.cameo[:2]:
            score *= 0.9
            reason += f"; CAMEO {a.cameo} and {b.cameo} share a root"
        else:
            score *= 0.5
            reason += f"; CAMEO {a.cameo} and {b.cameo} differ"
    return score, reason


def _time_score(a: _Facts, b: _Facts) -> tuple[float, str, float] | None:
    """The time feature, its reason, and its weight (less for a vague date)."""
    if (math.isinf(a.low) and math.isinf(a.high)) or (math.isinf(b.low) and math.isinf(b.high)):
        return None
    gap = max(a.low - b.high, b.low - a.high)
    if gap <= 0:
        wider = max(a.high - a.low, b.high - b.low)
        if wider <= FINE_DAYS:
            return 1.0, "dates overlap (compatible at their precisions)", 1.0
        # a day inside a month agrees, but so would any other day of that month:
        # the agreement counts, with a weight that falls as the date widens
        weight = math.sqrt(FINE_DAYS / wider)
        spans = "is open-ended" if math.isinf(wider) else f"spans {wider:.0f} days"
        reason = f"dates compatible, but one {spans} (weight x{weight:.2f})"
        return 1.0, reason, weight
    score = max(0.0, 1.0 - gap / (2 * WINDOW_DAYS))
    return score, f"dates {gap:.1f} days apart", 1.0


def _participant_score(a: _Facts, b: _Facts) -> tuple[float, str] | None:
    if not a.participants or not b.participants:
        return None
    shared = a.participants.keys() & b.participants.keys()
    if not shared:
        generic = {str(ParticipantRole.PARTICIPANT)}
        if (set(a.participants.values()) & set(b.participants.values())) - generic:
            return 0.0, "no shared participant; other actors in the same role"
        return 0.4, "no shared participant, but none in the same role (one each left out?)"
    same_role = sum(
        1.0
        if a.participants[actor] == b.participants[actor]
        or ParticipantRole.PARTICIPANT in (a.participants[actor], b.participants[actor])
        else 0.5
        for actor in shared
    )
    differing = sorted(
        actor
        for actor in shared
        if a.participants[actor] != b.participants[actor]
        and ParticipantRole.PARTICIPANT not in (a.participants[actor], b.participants[actor])
    )
    reason = (
        f"{len(shared)} shared participant(s) of {len(a.participants)} and {len(b.participants)}"
    )
    if a.participants.keys() - shared and b.participants.keys() - shared:
        # each names someone the other lacks: another encounter, not a report that left one out
        score = same_role / len(a.participants.keys() | b.participants.keys())
        reason += "; each names a participant the other lacks"
    else:  # one may have left a participant out: weigh both the smaller and the larger
        sizes = len(a.participants), len(b.participants)
        score = (same_role / min(sizes) + same_role / max(sizes)) / 2
    if differing:
        reason += f"; roles differ for {', '.join(differing)}"
    return score, reason


def _km(a: _Facts, b: _Facts) -> float:
    assert a.lat is not None
    assert a.lon is not None
    assert b.lat is not None
    assert b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: _Facts, b: _Facts) -> tuple[float, str] | None:  # noqa: PLR0911 -- one exit per kind of evidence
    if (a.country is None and a.place_name is None) or (b.country is None and b.place_name is None):
        return None
    if a.country and b.country and a.country != b.country:
        return 0.0, f"countries differ ({a.country}, {b.country})"
    if a.lat is not None and b.lat is not None:
        km = _km(a, b)
        score = min(1.0, max(0.0, (FAR_KM - km) / (FAR_KM - NEAR_KM)))
        return score, f"places {km:.0f} km apart"
    if a.place_name and b.place_name:
        if a.place_name == b.place_name:
            return 1.0, f"same place {a.place_name!r}"
        ratio = jaro_winkler(a.place_name, b.place_name)
        if ratio >= ALIKE:  # Kyiv / Kiev, Odesa / Odessa
            return ratio, f"place names {a.place_name!r} and {b.place_name!r} alike"
        return 0.3, f"place names {a.place_name!r} and {b.place_name!r} differ"
    return 0.7, "one place is coarser (same country or no country to compare)"


def jaro_winkler(first: str, second: str) -> float:
    """The Jaro-Winkler similarity of two strings, as DuckDB's ``jaro_winkler_similarity``.

    Examples:
        >>> round(jaro_winkler("kyiv", "kiev"), 3), round(jaro_winkler("odesa", "odessa"), 3)
        (0.85, 0.967)
    """
    if first == second:
        return 1.0
    window = max(0, max(len(first), len(second)) // 2 - 1)
    taken = [False] * len(second)
    matched = []
    for i, char in enumerate(first):
        for j in range(max(0, i - window), min(len(second), i + window + 1)):
            if not taken[j] and second[j] == char:
                taken[j] = True
                matched.append(char)
                break
    m = len(matched)
    if not m:
        return 0.0
    others = [char for j, char in enumerate(second) if taken[j]]
    transposed = sum(x != y for x, y in zip(matched, others, strict=True)) // 2
    score = (m / len(first) + m / len(second) + (m - transposed) / m) / 3
    if score > 0.7:  # Winkler's boost applies only to strings already alike
        prefix = 0
        for x, y in zip(first[:4], second[:4], strict=False):
            if x != y:
                break
            prefix += 1
        score += prefix * 0.1 * (1 - score)
    return score


def word_weights(titles: Iterable[frozenset[str]]) -> dict[str, float]:
    """Each title word's weight: ln(1 + titles / titles with the word), in 1/1024ths.

    A word in every title ("and", "talks") weighs little; a name or a place
    in a few weighs much.
    """
    counts: dict[str, int] = {}
    total = 0
    for words in titles:
        total += 1
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {
        word: round(math.log(1 + total / count) * IDF_STEP) / IDF_STEP
        for word, count in counts.items()
    }


def _title_score(a: _Facts, b: _Facts, weights: Mapping[str, float]) -> tuple[float, str]:
    if not a.words or not b.words:
        return 0.0, "no title words"
    shared = a.words & b.words
    lighter = min(sum(weights[w] for w in a.words), sum(weights[w] for w in b.words))
    score = sum(weights[w] for w in shared) / lighter
    return score, f"titles share {len(shared)} of {len(a.words)} and {len(b.words)} words"


def _pair(a: _Facts, b: _Facts, weights: Mapping[str, float]) -> DuplicatePair:
    # By id, not by position: the same events stored in another order (a Parquet dataset
    # is read by year) give the same pair, its reasons worded the same way round.
    if b.id < a.id:
        a, b = b, a
    found: dict[str, tuple[float, str] | tuple[float, str, float] | None] = {
        "type": _type_score(a, b),
        "time": _time_score(a, b),
        "participants": _participant_score(a, b),
        "place": _place_score(a, b),
        "title": _title_score(a, b, weights),
    }
    scores = {name: result for name, result in found.items() if result is not None}
    # a feature is (score, reason) or, when its evidence varies in strength, (score, reason, weight)
    weight = {name: WEIGHTS[name] * (r[2] if len(r) > 2 else 1.0) for name, r in scores.items()}
    total = sum(weight.values())
    score = sum(weight[name] * result[0] for name, result in scores.items()) / total
    if any(name in scores and scores[name][0] == 0.0 for name in ("type", "time", "place")):
        score = min(score, 0.5)  # another kind of event, days or countries apart: not one event
    return DuplicatePair(
        first=a.id,
        second=b.id,
        score=round(score, 3),
        features={name: round(result[0], 3) for name, result in scores.items()},
        reasons=tuple(f"{name}: {result[1]}" for name, result in scores.items()),
    )


# --- blocking ----------------------------------------------------------------------


def _months(when: PartialDate | TimeSpan | None) -> tuple[int, ...]:
    """The calendar months (year * 12 + month - 1, in UTC) an event's blocks are in."""
    low = None if when is None else when.earliest
    high = None if when is None else when.latest
    if low is None or high is None:
        return (-1,)  # an undated or open period meets only its like
    window = timedelta(days=WINDOW_DAYS)
    first = _month_index(low, -window)
    last = min(_month_index(high, window), first + MAX_MONTHS - 1)
    return tuple(range(first, last + 1))


def _month_index(moment: datetime, shift: timedelta) -> int:
    """The month of ``moment`` + ``shift`` in UTC, as DuckDB counts it past the calendar's ends.

    In one step from the wall time: a valid date's UTC instant may fall
    outside Python's years 1 to 9999, where ``astimezone`` raises. Past
    the end is January 10000, before the start December of year 0 (the
    offset and shift are shorter than a month).
    """
    change = shift - (moment.utcoffset() or timedelta(0))
    try:
        moment = moment.replace(tzinfo=None) + change
    except OverflowError:
        return 10_000 * 12 if change > timedelta(0) else 11
    return moment.year * 12 + moment.month - 1


def _anchors(facts: _Facts) -> set[Any]:
    anchors: set[Any] = {("actor", actor) for actor in facts.participants}
    if facts.place_name:
        anchors.add(("place", facts.place_name))
    if facts.country and len(anchors) < 2:  # a country is a broad block: only when little else
        anchors.add(("country", facts.country))
    if not anchors:
        anchors = {("word", word) for word in facts.words if len(word) > 3}
    return anchors


def _candidate_pairs(facts: Sequence[_Facts]) -> set[tuple[int, int]]:
    blocks: dict[tuple[Any, ...], list[int]] = {}
    undated: dict[tuple[Any, ...], list[int]] = {}
    dated: dict[tuple[Any, ...], list[int]] = {}
    for index, fact in enumerate(facts):
        anchors = _anchors(fact)
        for month in fact.months:
            for anchor in anchors:
                blocks.setdefault((fact.category, month, anchor), []).append(index)
        by_anchor = undated if fact.months == (-1,) else dated
        for anchor in anchors:
            by_anchor.setdefault((fact.category, anchor), []).append(index)
    pairs = _undated_pairs(undated, dated)
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: facts[i].low)
        for n, i in enumerate(members):
            reach = facts[i].high + WINDOW_DAYS
            for j in members[n + 1 :]:
                if facts[j].low > reach:
                    break
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def _undated_pairs(
    undated: Mapping[tuple[Any, ...], list[int]], dated: Mapping[tuple[Any, ...], list[int]]
) -> set[tuple[int, int]]:
    """An undated (or open-ended) event meets the dated events of its family and a rare anchor.

    It has no month to be blocked by, so it meets every dated event that
    shares a participant, place or country with it — when at most
    `UNDATED_REACH` do: a report without a date of a rare actor's call is
    worth comparing; one of a leader seen in thousands of events is not.
    """
    pairs: set[tuple[int, int]] = set()
    for key, members in undated.items():
        others = dated.get(key, [])
        if len(others) > UNDATED_REACH:
            continue
        for i in members:
            pairs.update((i, j) if i < j else (j, i) for j in others)
    return pairs


def _clusters(pairs: Sequence[DuplicatePair]) -> list[list[DuplicatePair]]:
    """Join pairs into clusters, best pair first, average-linkage style.

    Two clusters join only when at least half the pairs between them score
    at or above the threshold: a chain of pairs, each alike, does not make
    one cluster of events that are not.
    """
    linked = {(pair.first, pair.second) for pair in pairs} | {
        (pair.second, pair.first) for pair in pairs
    }
    members: dict[str, list[str]] = {}
    for pair in sorted(pairs, key=lambda p: (-p.score, p.first, p.second)):
        first = members.get(pair.first, [pair.first])
        second = members.get(pair.second, [pair.second])
        if first is second:
            continue
        cross = sum((x, y) in linked for x in first for y in second)
        if 2 * cross < len(first) * len(second):
            continue
        joined = first + second
        for event in joined:
            members[event] = joined
    found: dict[int, list[DuplicatePair]] = {}
    for pair in pairs:
        if members.get(pair.first) is members.get(pair.second) is not None:
            found.setdefault(id(members[pair.first]), []).append(pair)
    return list(found.values())


def duplicate_pairs(events: Iterable[Event], threshold: float) -> list[DuplicatePair]:
    """Every pair of events compared (within a block) that scores at least ``threshold``."""
    facts = [_facts(event) for event in events]
    weights = word_weights(fact.words for fact in facts)
    found = (_pair(facts[i], facts[j], weights) for i, j in sorted(_candidate_pairs(facts)))
    return [pair for pair in found if pair.score >= threshold]


def duplicate_events(
    events: Iterable[Event], threshold: float = DEFAULT_THRESHOLD
) -> list[DuplicateEvents]:
    """Clusters of events whose pairs score at least ``threshold``, best first."""
    events = list(events)
    position = {event.id: n for n, event in enumerate(events)}
    return clusters_of(duplicate_pairs(events, threshold), position)


def clusters_of(
    pairs: Sequence[DuplicatePair], position: Mapping[str, int]
) -> list[DuplicateEvents]:
    """The clusters the scored ``pairs`` make, best first (``position``: each event's order)."""
    clusters = []
    for joined in _clusters(pairs):
        ids = sorted(
            {id for pair in joined for id in (pair.first, pair.second)}, key=position.__getitem__
        )
        clusters.append(
            DuplicateEvents(
                events=tuple(ids),
                score=min(pair.score for pair in joined),
                pairs=tuple(sorted(joined, key=lambda p: (-p.score, p.first, p.second))),
            )
        )
    return sorted(clusters, key=lambda c: (-c.score, position[c.events[0]]))


# --- merging -----------------------------------------------------------------------


def _width(when: PartialDate | TimeSpan) -> float:
    low, high = _bounds(when)
    return high - low


def _merge_place(kept: dict[str, Any], place: Any, record: str, changes: list[MergeChange]) -> None:
    mine = kept.get("place")
    if place is None or place == mine:
        return
    if mine is None:
        kept["place"] = place
        changes.append(
            MergeChange(record=record, path="$.place", old=None, new=place, note="filled")
        )
        return
    coarse, fine = (mine, place) if len(mine) <= len(place) else (place, mine)
    if all(fine.get(key) == value for key, value in coarse.items()):
        if fine is place:
            kept["place"] = place
            changes.append(
                MergeChange(record=record, path="$.place", old=mine, new=place, note="filled")
            )
        return  # one place is the other, more precisely
    changes.append(MergeChange(record=record, path="$.place", old=mine, new=place, note="conflict"))


def _merge_when(
    kept: dict[str, Any],
    whens: list[tuple[str, PartialDate | TimeSpan | None]],
    changes: list[MergeChange],
) -> None:
    record = kept["id"]
    dated = [(id, when) for id, when in whens if when is not None]
    if not dated:
        return
    clashes = [
        (first, second)
        for n, first in enumerate(dated)
        for second in dated[n + 1 :]
        if not first[1].overlaps(second[1])
    ]
    mine = kept.get("when")
    if clashes:
        for (first_id, first), (second_id, second) in clashes:
            changes.append(
                MergeChange(
                    record=record,
                    path="$.when",
                    old=f"{first.to_edtf()} ({first_id})",
                    new=f"{second.to_edtf()} ({second_id})",
                    note="conflict",
                )
            )
        return
    finest = min(dated, key=lambda item: _width(item[1]))[1]
    own = whens[0][1]
    if own is None or _width(finest) < _width(own):
        kept["when"] = date_to_wire(finest)  # its words ("early on Tuesday") stay with it
        changes.append(
            MergeChange(record=record, path="$.when", old=mine, new=kept["when"], note="date")
        )


def _cluster_ids(clusters: Iterable[DuplicateEvents | Sequence[str]]) -> list[tuple[str, ...]]:
    return [
        cluster.events if isinstance(cluster, DuplicateEvents) else tuple(cluster)
        for cluster in clusters
    ]


def _merged_ids(
    by_id: Mapping[str, AnyRecord],
    clusters: Iterable[DuplicateEvents | Sequence[str]],
    keep: Mapping[str, str] | None,
) -> dict[str, str]:
    """Each merged event's id mapped to the id of the event it becomes."""
    groups = _cluster_ids(clusters)
    problems = []
    seen: set[str] = set()
    ids: dict[str, str] = {}
    for n, group in enumerate(groups):
        chosen = (keep or {}).get(group[0], group[0]) if group else ""
        for m, id in enumerate(group):
            if not isinstance(by_id.get(id), Event):
                problems.append(
                    Problem(
                        loc=(n, m),
                        code="dangling_reference",
                        message="no event has this id",
                        input=id,
                    )
                )
            elif id in seen:
                problems.append(
                    Problem(
                        loc=(n, m),
                        code="invalid_value",
                        message="an event in two clusters",
                        input=id,
                    )
                )
            seen.add(id)
        if chosen not in group:
            problems.append(
                Problem(
                    loc=(n,),
                    code="invalid_value",
                    message="the event to keep is not in the cluster",
                    input=chosen,
                )
            )
        ids.update({id: chosen for id in group if id != chosen})
    if problems:
        raise ValidationError(problems, title="events to merge")
    return ids


def merge_events(
    records: Iterable[AnyRecord],
    clusters: Iterable[DuplicateEvents | Sequence[str]],
    keep: Mapping[str, str] | None = None,
) -> tuple[list[AnyRecord], EventMerge]:
    """The records with each cluster of events made one, and the report of every decision.

    Raises:
        ValidationError: an id that names no event, an id in two clusters, or
            a ``keep`` id outside its cluster.
    """
    by_id = {record.id: record for record in records}
    ids = _merged_ids(by_id, clusters, keep)
    changes: list[MergeChange] = []
    members: dict[str, list[str]] = {}
    for old, new in ids.items():
        members.setdefault(new, []).append(old)
    before: list[AnyRecord] = []
    after: list[str] = []
    made: list[AnyRecord] = []
    result: list[AnyRecord] = []
    for record in by_id.values():
        if record.id in ids:
            changes.append(
                MergeChange(record=record.id, path="$", old=record.id, new=None, note="merged")
            )
            before.append(record)
            continue
        if isinstance(record, UnknownRecord):
            unrewritten(record, ids, changes)
            result.append(record)
            continue
        start = len(changes)
        data = rewritten(record, ids, changes)
        if record.id in members:
            group = [record.id, *members[record.id]]
            for old in members[record.id]:
                given = rewritten(by_id[old], ids, [])  # type: ignore[arg-type]
                classes = (type(record), type(by_id[old]))
                absorb(data, given, classes, changes, skip=("when", "place"))
                _merge_place(data, given.get("place"), record.id, changes)
            _merge_when(data, [(id, by_id[id].when) for id in group], changes)  # type: ignore[union-attr]
        if len(changes) == start and record.id not in members:
            result.append(record)
            continue
        before.append(record)
        after.append(record.id)
        made.append(rebuilt(record, data, changes))
        result.append(made[-1])
    report = EventMerge(
        kept=ids,
        changes=tuple(changes),
        before=tuple(before),
        after=tuple(after),
        made=tuple(made),
    )
    return result, report


def undo_merge(records: Iterable[AnyRecord], report: EventMerge) -> list[AnyRecord]:
    """The records as they were before the merge ``report`` describes.

    Raises:
        ValidationError: a record the merge made or changed is missing, or
            has changed since (undoing would lose the change), or a merged
            id has come back (the records are not the merge's result).
    """
    originals = {record.id: record for record in report.before}
    current = {record.id: record for record in records}
    problems = [
        Problem(
            loc=(id,),
            code="dangling_reference",
            message="the merge changed this record, but it is missing",
            input=id,
        )
        for id in report.after
        if id not in current
    ]
    problems += [
        Problem(
            loc=(record.id,),
            code="invalid_value",
            message="the merge made this record, but it has changed since",
            input=record.id,
        )
        for record in report.made
        if current.get(record.id, record) != record
    ]
    problems += [
        Problem(
            loc=(id,),
            code="invalid_value",
            message="the merge removed this record, but it is here",
            input=id,
        )
        for id in report.kept
        if id in current
    ]
    if problems:
        raise ValidationError(problems, title="merge to undo")
    restored: list[AnyRecord] = []
    for id, record in current.items():
        restored.append(originals.get(id, record))
        restored.extend(originals[old] for old, new in report.kept.items() if new == id)
    return restored
