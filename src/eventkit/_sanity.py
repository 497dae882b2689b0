"""Warnings: what is valid but looks wrong, found in one record or between records.

Warnings never make data invalid (a report with only warnings is valid):
an event may really be listed as related to itself by a careless merge, and
a time order may be contradicted by a coding error or by a date that is
only approximately known. They are worth a look, not a refusal.

Codes: ``self_relation``, ``duplicate_participant``,
``duplicate_reference`` (an item of a list that names an id and is the same
as an earlier item: the same id twice in ``about``, the same relation
twice; read from the field descriptions, so custom types' lists too),
``missing_part`` (a
statement of kind ``quote`` without its quote, of kind ``figure`` without a
figure; an event whose ``casualties_from`` names a statement but which gives
no casualties), ``excerpt_length`` (a cited excerpt of another length than
its offsets span: it may have been normalised) and ``time_order`` (a
relation whose dates say the opposite).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from eventkit._records import Event, Record, Statement
from eventkit._references import Loc, list_item, references, value_at
from eventkit._serialize import from_dict
from eventkit._unknown import UnknownRecord
from eventkit._vocab import RelationKind, StatementKind
from eventkit.exceptions import Problem, ValidationError, format_loc

__all__ = ["record_warnings", "relation_warnings"]

_BEFORE = (RelationKind.PRECEDES, RelationKind.PREPARATION_FOR)
_AFTER = (RelationKind.FOLLOWS, RelationKind.CAUSED_BY, RelationKind.RESPONSE_TO)
_OVERLAP = (RelationKind.PART_OF, RelationKind.SAME_AS)


def _warning(
    record: str, loc: tuple[str | int, ...], code: str, message: str, value: Any
) -> Problem:
    return Problem(loc=loc, code=code, message=message, input=value, record=record)


def _citation_warnings(record: Event | Statement) -> list[Problem]:
    found = []
    for i, citation in enumerate(record.sources):
        span, excerpt = citation.offsets, citation.excerpt
        if span is not None and excerpt is not None and len(excerpt) != span.end - span.start:
            message = (
                f"the excerpt has {len(excerpt)} characters, "
                f"but its offsets span {span.end - span.start}"
            )
            loc = ("sources", i, "offsets")
            found.append(_warning(record.id, loc, "excerpt_length", message, len(excerpt)))
    return found


def record_warnings(record: Any) -> list[Problem]:
    """Warnings about one record on its own.

    Examples:
        >>> import eventkit as ek
        >>> event = ek.Event(id="e", title="E", related=[ek.Relation(kind="follows", event="e")])
        >>> [str(w) for w in record_warnings(event)]
        ["record 'e': $.related[0].event: an event related to itself, got 'e' [self_relation]"]
    """
    # Most records have nothing to say: that is told without building a list
    # per part (this runs once per record of every file loaded).
    if isinstance(record, UnknownRecord):
        return _readable_warnings(record)
    if isinstance(record, Event):
        found = _event_warnings(record) if _may_warn(record) else []
    elif isinstance(record, Statement):
        found = _statement_warnings(record)
    else:
        return _repeated_items(record, found=[])
    for citation in record.sources:
        if citation.offsets is not None:
            found += _citation_warnings(record)
            break
    return _repeated_items(record, found)


def _repeated_items(record: Record, found: list[Problem]) -> list[Problem]:
    """``found``, and each item of a list naming an id that is the same as an earlier item.

    An item another warning reports already (the same participant twice)
    is reported once. Items naming one id but differing otherwise (a
    relation ``follows`` and one ``response_to`` the same event, two
    excerpts of one source) are no repeat.

    Examples:
        >>> import eventkit as ek
        >>> s = ek.Statement(id="s", speaker="a", text="…", about=["e", "e"])
        >>> [str(w) for w in record_warnings(s)]
        ["record 's': $.about[1]: the same as $.about[0], got 'e' [duplicate_reference]"]
    """
    refs = references(record)
    if len({target for _, target, _ in refs}) == len(refs):
        return found  # no id named twice: the common case, told cheaply
    earlier: dict[tuple[Loc, str], list[int]] = {}
    warned = {warning.loc for warning in found}
    for loc, target, _ in refs:
        in_list = list_item(loc)
        if in_list is None:
            continue
        held, n = in_list
        seen = earlier.setdefault((held, target), [])
        if n in seen:
            continue  # the item names the id twice itself
        if seen and (*held, n) not in warned:
            item = value_at(record, (*held, n))
            first = next((m for m in seen if value_at(record, (*held, m)) == item), None)
            if first is not None:
                message = f"the same as {format_loc((*held, first))}"
                found.append(
                    _warning(record.id, (*held, n), "duplicate_reference", message, target)
                )
        seen.append(n)
    return found


def _readable_warnings(record: UnknownRecord) -> list[Problem]:
    """A record kept as it is that this eventkit reads as a record of its own class.

    Saved and loaded, it comes back as that class, not as it was: made in
    code from a known type's data, or kept before a plugin was registered.

    Examples:
        >>> import eventkit as ek
        >>> data = {"type": "actor", "id": "a", "name": "A", "kind": "person"}
        >>> kept = ek.UnknownRecord(data=data)
        >>> [w.code for w in record_warnings(kept)]
        ['readable_unknown']
    """
    try:
        read = from_dict(Record, record.to_dict())
    except ValidationError:
        return []
    message = (
        f"this eventkit reads it: saved and loaded, it comes back as {type(read).__name__}, "
        "not kept as it is; make it with ek.from_dict(ek.Record, data)"
    )
    return [_warning(record.id, ("type",), "readable_unknown", message, record.tag)]


def _may_warn(event: Event) -> bool:
    """Whether `_event_warnings` may find something (False: it finds nothing)."""
    if event.related or event.casualties_from is not None:
        return True
    participants = event.participants
    count = len(participants)
    if count < 2:
        return False
    if count == 2:
        first, second = participants
        return first.actor == second.actor and first.role == second.role
    return len({(p.actor, p.role) for p in participants}) < count


def _event_warnings(event: Event) -> list[Problem]:
    found = [
        _warning(
            event.id,
            ("related", i, "event"),
            "self_relation",
            "an event related to itself",
            r.event,
        )
        for i, r in enumerate(event.related)
        if r.event == event.id
    ]
    if event.casualties_from is not None and event.casualties is None:
        message = "names the statement its casualties follow, but gives no casualties"
        found.append(_warning(event.id, ("casualties",), "missing_part", message, None))
    seen: set[tuple[str, Any]] = set()
    for i, participant in enumerate(event.participants):
        key = (participant.actor, participant.role)
        if key in seen:
            message = "the same actor in the same role twice"
            found.append(
                _warning(
                    event.id,
                    ("participants", i),
                    "duplicate_participant",
                    message,
                    participant.actor,
                )
            )
        seen.add(key)
    return found


def _statement_warnings(statement: Statement) -> list[Problem]:
    if statement.kind == StatementKind.QUOTE and statement.quote is None:
        message = "a statement of kind 'quote' without its quote (the words as spoken)"
        return [_warning(statement.id, ("quote",), "missing_part", message, None)]
    if statement.kind == StatementKind.FIGURE and statement.figure is None:
        message = "a statement of kind 'figure' without its figure"
        return [_warning(statement.id, ("figure",), "missing_part", message, None)]
    return []


def relation_warnings(event: Event, lookup: Callable[[str], Any]) -> list[Problem]:
    """Warnings about ``event``'s relations whose dates say the opposite of the relation.

    ``lookup`` returns the record with an id, or None. Bounds that are not
    known (an undated event, an open span) contradict nothing.

    Examples:
        >>> import eventkit as ek
        >>> call = ek.Event(id="call", title="Call", when=ek.parse_edtf("2024-11-15"),
        ...                 related=[ek.Relation(kind="precedes", event="summit")])
        >>> summit = ek.Event(id="summit", title="Summit", when=ek.parse_edtf("2024-11"))
        >>> relation_warnings(call, {"summit": summit}.get)
        []
        >>> earlier = ek.Event(id="summit", title="Summit", when=ek.parse_edtf("2024-10"))
        >>> [w.message for w in relation_warnings(call, {"summit": earlier}.get)]
        ["'precedes', but the event is dated 2024-11-15 and 'summit' 2024-10"]
    """
    if event.when is None:
        return []
    found = []
    start, end = event.when.earliest, event.when.latest
    for i, relation in enumerate(event.related):
        other = lookup(relation.event)
        if not isinstance(other, Event) or other.when is None or other is event:
            continue
        if _contradicts(relation.kind, start, end, other.when.earliest, other.when.latest):
            message = (
                f"{relation.kind.value!r}, but the event is dated {event.when.to_edtf()} "
                f"and {other.id!r} {other.when.to_edtf()}"
            )
            found.append(
                _warning(
                    event.id, ("related", i, "kind"), "time_order", message, relation.kind.value
                )
            )
    return found


def _contradicts(
    kind: RelationKind,
    start: datetime | None,
    end: datetime | None,
    other_start: datetime | None,
    other_end: datetime | None,
) -> bool:
    """Whether the bounds say the relation cannot hold (unknown bounds say nothing)."""
    after = start is not None and other_end is not None and start > other_end
    before = end is not None and other_start is not None and end < other_start
    if kind in _BEFORE:
        return after
    if kind in _AFTER:
        return before
    if kind in _OVERLAP:
        return after or before
    return False
