"""References between records: the ids a record holds, and what an id must name.

Which fields hold ids, and of which kinds of record, is said once, in each
field's description (`eventkit.RefKind` in its annotation or spec);
`references` reads it through the walker `eventkit._codegen` writes per
class, so a custom type's reference fields are checked exactly like the
built-ins', in memory (`Dataset.check`) and over streamed files
(`validate_file`).

Kinds are bits (`eventkit.RefKind`'s values), so a reference can accept
several ("about" takes an event or an actor). ``ANY`` marks a record whose
kind cannot be told (an `UnknownRecord`, or a custom record class that is
none of the five): a reference to it is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from eventkit._codegen import Reference, references_function
from eventkit._records import Record
from eventkit._shapes import RefKind
from eventkit.exceptions import Problem

__all__ = [
    "ANY",
    "Loc",
    "Reference",
    "cascade",
    "dangling",
    "kind_of",
    "kind_words",
    "references",
    "wrong_kind",
]

Loc = tuple[str | int, ...]
ANY: Final = 32
_KINDS: Final = {str(kind.name).lower(): kind.value for kind in RefKind}


def kind_of(record: Any) -> int:
    """The kind bit of ``record`` (``ANY`` when it cannot be told).

    Examples:
        >>> import eventkit as ek
        >>> kind_of(ek.Actor(id="a", name="A", kind="person")) == ek.RefKind.ACTOR.value
        True
    """
    if isinstance(record, Record):
        return _KINDS.get(record.kind_name, ANY)
    return ANY


def kind_words(kinds: int) -> str:
    """Name a set of kind bits in words: ``"an actor or an event"``.

    Examples:
        >>> kind_words(5)
        'an actor or an event'
    """
    return RefKind(kinds & ~ANY).words()


def references(record: Any) -> list[Reference]:
    """``(path, id, kinds)`` for every id ``record`` holds in a reference field.

    ``kinds`` is the set of record kinds (bits) the id must name: a
    participant must be an actor, a citation a source.

    Examples:
        >>> import eventkit as ek
        >>> s = ek.Statement(id="s1", speaker="putin", text="…", event="call",
        ...                  sources=[ek.Citation(source="kremlin")])
        >>> [(loc, target) for loc, target, _ in references(s)]
        [(('speaker',), 'putin'), (('event',), 'call'), (('sources', 0, 'source'), 'kremlin')]
    """
    if not isinstance(record, Record):
        return []  # an UnknownRecord: what its fields mean is not known here
    return references_function(type(record))(record)


def cascade(
    records: dict[str, Any], *, failing: Iterable[str], refused: Iterable[str] = ()
) -> list[tuple[str, Loc, str]]:
    """Leave out of ``records`` those ``failing``, then, repeatedly, those referring to one gone.

    ``failing`` names records whose own problems leave them out; ``refused``
    names records never kept, whose referring records are reported already
    (an id a record of ``records`` holds is not refused). Returns each
    reference that left a record out and that no problem reports yet:
    ``(record id, path, id referred to)``.

    Examples:
        >>> import eventkit as ek
        >>> records = {r.id: r for r in [
        ...     ek.Actor(id="putin", name="Vladimir Putin", kind="person"),
        ...     ek.Event(id="call", title="Call", participants=[ek.Participant(actor="ghost")]),
        ...     ek.Statement(id="s1", speaker="putin", text="…", event="call"),
        ...     ek.Statement(id="s2", speaker="putin", text="…", responds_to=["s1"])]}
        >>> cascade(records, failing=["call"])  # "call" names no actor "ghost"
        [('s1', ('event',), 'call'), ('s2', ('responds_to', 0), 's1')]
        >>> list(records)
        ['putin']
    """
    never_kept = set(refused) - records.keys()
    gone = never_kept | set(failing)
    for record_id in gone:
        records.pop(record_id, None)
    found: list[tuple[str, Loc, str]] = []
    while gone:
        newly = []
        for record_id, record in records.items():
            hits = [(loc, target) for loc, target, _ in references(record) if target in gone]
            if hits:
                found.extend((record_id, loc, t) for loc, t in hits if t not in never_kept)
                newly.append(record_id)
        for record_id in newly:
            del records[record_id]
        gone = set(newly)
    return found


def dangling(
    loc: Loc, record_id: str, target: str, *, note: str = "", hint: str | None = None
) -> Problem:
    """The problem for an id that names no record (``note`` says more, if known)."""
    message = "no record has this id" + (f" ({note})" if note else "")
    return Problem(
        loc=loc,
        code="dangling_reference",
        message=message,
        input=target,
        record=record_id,
        hint=hint,
    )


def wrong_kind(loc: Loc, record_id: str, target: str, *, expected: int, found: int) -> Problem:
    """The problem for an id that names a record of the wrong kind."""
    message = f"expected the id of {kind_words(expected)}, but this is {kind_words(found)}"
    return Problem(
        loc=loc, code="wrong_reference_kind", message=message, input=target, record=record_id
    )
