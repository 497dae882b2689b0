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

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from eventkit._codegen import Reference, references_function, targets_function
from eventkit._fields import Field, describe
from eventkit._records import Record
from eventkit._shapes import RefKind
from eventkit.exceptions import Problem

__all__ = [
    "ANY",
    "Loc",
    "Reference",
    "Targets",
    "all_found",
    "all_resolve",
    "cascade",
    "class_kind",
    "dangling",
    "field_of",
    "kind_of",
    "kind_words",
    "list_item",
    "references",
    "set_at",
    "targets_gatherer",
    "value_at",
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


def class_kind(cls: type) -> int:
    """The kind bit of the records of ``cls`` (``ANY`` when it cannot be told).

    Examples:
        >>> import eventkit as ek
        >>> class_kind(ek.PhoneCall) == ek.RefKind.EVENT.value, class_kind(ek.Citation) == ANY
        (True, True)
    """
    return _KINDS.get(getattr(cls, "kind_name", ""), ANY)


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


def field_of(holder: Any, key: str | int) -> Field | None:
    """The field ``key`` names in ``holder``, if ``holder`` is an attrs instance."""
    if isinstance(key, int) or not attrs.has(type(holder)):
        return None  # an item of a list, or a key of a mapping
    return describe(type(holder)).field(key)


def value_at(record: Any, loc: Loc) -> Any:
    """The value at ``loc``, a path `references` gives, in ``record``.

    Examples:
        >>> import eventkit as ek
        >>> value_at(ek.Event(id="e", title="E", participants=[ek.Participant(actor="a")]),
        ...          ("participants", 0, "actor"))
        'a'
    """
    value = record
    for step in loc:
        field = field_of(value, step)
        value = value[step] if field is None else getattr(value, field.name)
    return value


def set_at(data: Any, loc: Loc, value: Any) -> None:
    """Put ``value`` at ``loc`` in a record's data (its `to_dict`), copying what holds it.

    What holds it is copied, not changed: another record's data, or a
    report, may share it.

    Examples:
        >>> data = {"participants": [{"actor": "scholz"}]}
        >>> held = data["participants"]
        >>> set_at(data, ("participants", 0, "actor"), "olaf-scholz")
        >>> data, held
        ({'participants': [{'actor': 'olaf-scholz'}]}, [{'actor': 'scholz'}])
    """
    for step in loc[:-1]:
        data[step] = copy.copy(data[step])
        data = data[step]
    data[loc[-1]] = value


def list_item(loc: Loc) -> tuple[Loc, int] | None:
    """The list holding the reference at ``loc``, and its item's index, if a list holds it.

    Examples:
        >>> list_item(("related", 1, "event")), list_item(("speaker",))
        ((('related',), 1), None)
    """
    for end in reversed(range(len(loc))):
        step = loc[end]
        if isinstance(step, int):
            return loc[:end], step
    return None


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


Targets = dict[int, set[str]]
"""The ids records refer to, by the kinds of record each reference may name."""


def _no_targets(record: object) -> None:
    """What an `UnknownRecord` refers to is not known here (`references` says the same)."""


def targets_gatherer() -> tuple[Targets, Callable[[Any], None]]:
    """Empty `Targets`, and the function adding to them the ids a record refers to."""
    targets: Targets = {}

    def adder(kinds: int) -> Callable[[str], None]:
        return targets.setdefault(kinds, set()).add

    walkers: dict[type, Callable[[Any], None]] = {}

    def gather(record: Any) -> None:
        cls = record.__class__
        walk = walkers.get(cls)
        if walk is None:
            walk = walkers[cls] = (
                targets_function(cls)(adder) if issubclass(cls, Record) else _no_targets
            )
        walk(record)

    return targets, gather


def all_found(records: Mapping[str, Any], targets: Targets) -> bool:
    """Whether every id of ``targets`` names one of ``records`` of a kind it may name."""
    kinds: dict[type, int] = {}
    get = records.get
    for expected, ids in targets.items():
        allowed = expected | ANY
        for target in ids:
            record = get(target)
            if record is None:
                return False
            kind = kinds.get(record.__class__)
            if kind is None:
                kind = kinds[record.__class__] = kind_of(record)
            if not kind & allowed:
                return False
    return True


def all_resolve(records: Mapping[str, Any]) -> bool:
    """Whether every reference of ``records`` names one of them of a kind it may name.

    What `Dataset.check` finds no problem in, told without making its report:
    each id referred to is looked up once, however many records name it.

    Examples:
        >>> import eventkit as ek
        >>> call = ek.Event(id="call", title="Call", participants=[ek.Participant(actor="a")])
        >>> all_resolve({"call": call})
        False
        >>> all_resolve({"call": call, "a": ek.Actor(id="a", name="A", kind="person")})
        True
    """
    targets, gather = targets_gatherer()
    for record in records.values():
        gather(record)
    return all_found(records, targets)
