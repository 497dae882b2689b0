"""The same entity under two ids: find likely pairs of actors, and merge ids.

Which fields hold ids comes from the field descriptions (`references`), so a
merge rewrites the references of custom types exactly as of built-in ones.
"""

from __future__ import annotations

import difflib
import functools
import itertools
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final

import attrs

from eventkit._diagnose import diagnose_shape
from eventkit._fields import describe
from eventkit._ids import normalized
from eventkit._records import Actor, Event, Record
from eventkit._references import (
    Loc,
    field_of,
    kind_of,
    list_item,
    references,
    set_at,
    value_at,
)
from eventkit._serialize import from_dict, to_dict
from eventkit._shapes import Nested, element
from eventkit._unknown import UnknownRecord
from eventkit._vocab import ParticipantRole
from eventkit.exceptions import Problem, ValidationError, format_loc

__all__ = [
    "MERGED_SCHEME",
    "MergeChange",
    "SimilarActors",
    "absorb",
    "merge_records",
    "rebuilt",
    "rewritten",
    "similar_actors",
    "unrewritten",
]

MERGED_SCHEME: Final = "eventkit.merged"
"""The identifier scheme under which a merged record keeps the ids merged into it."""

_BLOCK: Final = 200  # a name word shared by more actors than this is no evidence (e.g. "the")


@attrs.frozen(kw_only=True)
class SimilarActors:
    """Two actors that may be one, with how sure and why.

    Attributes:
        first: the id of one actor.
        second: the id of the other.
        score: from 0 to 1; 1 for a shared identifier or the same name.
        reasons: what the score rests on, e.g. ``("name 'Scholz' is part of 'Olaf Scholz'",)``.

    Examples:
        >>> SimilarActors(first="olaf-scholz", second="scholz", score=0.85, reasons=()).score
        0.85
    """

    first: str
    second: str
    score: float
    reasons: tuple[str, ...]


@attrs.frozen(kw_only=True)
class MergeChange:
    """One thing a merge changed.

    Attributes:
        record: the id of the record changed.
        path: where (``$.participants[0].actor``), or ``$`` for a record merged away.
        old: the value before.
        new: the value after (``None`` for a record merged away).
        note: what happened: ``"reference"``, ``"merged"``, ``"filled"``,
            ``"citation"`` (a citation added), ``"participant"`` (an
            event's participant added), ``"role"`` (a specific role taken
            for a generic one), ``"certainty"`` (a participant's certainty
            taken where none was stated), ``"dropped"`` (a reference that
            would name its own record), ``"repeated"`` (an item of a list
            dropped that the merge made the same as an earlier one, or a
            participant that says no more than the earlier one of its
            actor) or ``"conflict"`` (the kept record's value stays; the
            other is ``new``; for an item naming what an earlier one names
            but saying more, both stay and ``old`` is the earlier, save a
            participant: one per actor stays, its role and certainty
            reconciled as above; for a text in an
            `UnknownRecord` that is a merged id, it stays and ``new`` is the
            id it became). An item is noted once: one the merge added and
            then dropped or found in conflict is noted as that alone.
            `EventMerge` lists the notes only merging events makes.

    Examples:
        >>> MergeChange(record="call", path="$.participants[0].actor", old="scholz",
        ...        new="olaf-scholz", note="reference").note
        'reference'
    """

    record: str
    path: str
    old: Any
    new: Any
    note: str


def _names(actor: Actor) -> list[str]:
    return [name for name in (actor.name, *actor.aliases) if normalized(name)]


def _name_score(a: str, b: str) -> tuple[float, str]:
    na, nb = normalized(a), normalized(b)
    if na == nb:
        return (
            1.0,
            f"same name {a!r}"
            if a == b
            else f"names {a!r} and {b!r} differ only in case, accents or punctuation",
        )
    wa, wb = set(na.split()), set(nb.split())
    if wa <= wb or wb <= wa:
        short, long = (a, b) if len(wa) <= len(wb) else (b, a)
        return 0.85, f"name {short!r} is part of {long!r}"
    ratio = difflib.SequenceMatcher(None, na, nb).ratio()
    return ratio, f"names {a!r} and {b!r} are {ratio:.0%} alike"


def _pair(a: Actor, b: Actor) -> SimilarActors:
    shared = [
        f"same identifier {scheme}:{value}"
        for scheme, value in a.identifiers.items()
        if b.identifiers.get(scheme) == value and scheme != MERGED_SCHEME
    ]
    if shared:
        score, reasons = 1.0, shared
    else:
        score, reason = max(
            (_name_score(x, y) for x, y in itertools.product(_names(a), _names(b))),
            default=(0.0, "no names"),
        )
        reasons = [reason]
    if a.country is not None and b.country is not None and a.country != b.country:
        score *= 0.5
        reasons.append(f"countries differ ({a.country}, {b.country})")
    if a.kind != b.kind:
        score *= 0.8
        reasons.append(f"kinds differ ({a.kind}, {b.kind})")
    return SimilarActors(first=a.id, second=b.id, score=round(score, 3), reasons=tuple(reasons))


def similar_actors(actors: Iterable[Actor], threshold: float) -> list[SimilarActors]:
    """Pairs of actors scoring at least ``threshold``, best first.

    Only actors that share a name word or an identifier are compared, so the
    cost follows the number of such pairs, not the square of the actors.
    """
    actors = list(actors)
    blocks: dict[Any, list[int]] = {}
    for index, actor in enumerate(actors):
        keys: set[Any] = {word for name in _names(actor) for word in normalized(name).split()}
        keys |= {
            (scheme, value)
            for scheme, value in actor.identifiers.items()
            if scheme != MERGED_SCHEME
        }
        for key in keys:
            blocks.setdefault(key, []).append(index)
    pairs = {
        pair
        for members in blocks.values()
        if len(members) <= _BLOCK
        for pair in itertools.combinations(members, 2)
    }
    found = [_pair(actors[i], actors[j]) for i, j in sorted(pairs)]
    return sorted(
        (pair for pair in found if pair.score >= threshold),
        key=lambda p: (-p.score, p.first, p.second),
    )


def _at(data: Any, loc: Loc) -> Any:
    for step in loc:
        data = data[step]
    return data


def _optional(record: Record, loc: Loc) -> bool:
    """Whether the field ``loc`` ends in may be emptied: its default is None."""
    field = field_of(value_at(record, loc[:-1]), loc[-1])
    return field is not None and field.default is None


def rewritten(record: Record, ids: Mapping[str, str], changes: list[MergeChange]) -> dict[str, Any]:
    """``record``'s data with each reference to a key of ``ids`` made its value, each noted."""
    data: dict[str, Any] = to_dict(record)
    for loc, target, _ in references(record):
        if target in ids:
            set_at(data, loc, ids[target])
            changes.append(
                MergeChange(
                    record=record.id,
                    path=format_loc(loc),
                    old=target,
                    new=ids[target],
                    note="reference",
                )
            )
    return data


def unrewritten(record: UnknownRecord, ids: Mapping[str, str], changes: list[MergeChange]) -> None:
    """Note each text in ``record``'s data that is a key of ``ids``: a ``"conflict"``.

    Which of an unknown type's fields hold ids is not known here, so none is
    rewritten (the text may be no reference at all); each is reported, for
    a person to settle. Keys of objects are names, not values: left alone.
    """
    stack: list[tuple[Loc, Any]] = [((), record.data)]
    while stack:  # children pushed last first: the mentions are noted in the data's order
        loc, value = stack.pop()
        if isinstance(value, str):
            if value in ids:
                change = MergeChange(
                    record=record.id,
                    path=format_loc(loc),
                    old=value,
                    new=ids[value],
                    note="conflict",
                )
                changes.append(change)
        elif isinstance(value, Mapping):
            stack.extend(reversed([((*loc, key), item) for key, item in value.items()]))
        elif isinstance(value, tuple):
            stack.extend(reversed([((*loc, n), item) for n, item in enumerate(value)]))


def _made(before: Any, after: Any, loc: Loc) -> bool:
    """Whether the merge put the item at ``loc`` there: ``before`` held another, or none."""
    for step in loc:
        try:
            before = before[step]
        except (KeyError, IndexError):  # a list the record left out (empty), or a shorter one
            return True
    return bool(before != _at(after, loc))


_ADDED: Final = frozenset({"filled", "citation", "participant"})


def _settle(changes: list[MergeChange], change: MergeChange) -> None:
    """Note ``change``, in place of the note that added its item, if the merge added it.

    The item is then reported once, with what became of it (a repeat or
    self-reference dropped, a conflict with an earlier item).
    """
    for n in reversed(range(len(changes))):  # the record's changes are the last ones
        earlier = changes[n]
        if earlier.record != change.record:
            break
        if earlier.path == change.path and earlier.note in _ADDED:
            del changes[n]
            break
    changes.append(change)


_STAND_INS: Final = ("eventkit.rebuilt", "eventkit.rebuilt-2")
"""Ids a record being rebuilt is read under: one of them is not its own."""


def rebuilt(record: Record, data: dict[str, Any], changes: list[MergeChange]) -> Record:
    """``record`` made anew from its merged ``data``, naming no record twice nor itself.

    A reference to an id merged into the record names the record itself (a
    relation to the event merged into it): an optional one is emptied, an
    item of a list naming it is dropped (each ``"dropped"``); a required one
    stays, a ``"conflict"`` (with ``new`` None) for a person to settle. An
    item the merge made that names what an earlier item of its list names
    (two actors merged into one) is dropped when it repeats it
    (``"repeated"``), and kept when it says more (another kind of relation):
    a ``"conflict"`` whose ``old`` is the earlier item. An event's
    participant is joined to the earlier one naming its actor, as `absorb`
    joins another event's, and dropped: its role or certainty taken, or a
    ``"conflict"``; ``"repeated"`` when it says no more. Repeats the record
    held before are not the merge's to settle.
    """
    # Read under another id first: the record's own rules may refuse the references to
    # itself the merge made (a statement may not respond to itself) until they are gone.
    other = next(i for i in _STAND_INS if i != record.id)
    try:
        made = from_dict(type(record), {**data, "id": other})
    except ValidationError:
        from_dict(type(record), data)  # the problems, named by the record's own id
        raise
    before = to_dict(record)
    # participants naming one actor are joined, as by absorb
    joins = _participant_defaults(type(record)) if isinstance(record, Event) else None
    drops: dict[Loc, set[int]] = {}
    firsts: dict[tuple[Loc, str], int] = {}
    for loc, target, _ in references(made):
        in_list = list_item(loc)
        if target == record.id:
            path, old, new = format_loc(loc), target, None
            if _optional(made, loc):
                set_at(data, loc, None)
                note = "dropped"
            elif in_list is not None:
                held, n = in_list
                drops.setdefault(held, set()).add(n)
                path, old, note = format_loc((*held, n)), _at(data, (*held, n)), "dropped"
            else:
                note = "conflict"
            _settle(changes, MergeChange(record=record.id, path=path, old=old, new=new, note=note))
        elif in_list is not None:
            held, n = in_list
            first = firsts.setdefault((held, target), n)
            item, earlier = (*held, n), (*held, first)
            if first == n or not (_made(before, data, item) or _made(before, data, earlier)):
                continue
            if _repeat(record.id, data, held, (first, n), changes, participants=joins):
                drops.setdefault(held, set()).add(n)
    for held, dropped in sorted(drops.items(), key=lambda d: -len(d[0])):  # inner lists first
        set_at(data, held, [item for n, item in enumerate(_at(data, held)) if n not in dropped])
    return from_dict(type(record), data)


def _repeat(
    record: str,
    data: dict[str, Any],
    held: Loc,
    items: tuple[int, int],
    changes: list[MergeChange],
    *,
    participants: Mapping[str, Any] | None,
) -> bool:
    """Note the second of ``items`` of the list at ``held``, naming what the first names; drop it?

    An event's participant (``participants``, their `_participant_defaults`:
    the record is an event) is joined to the first, as `absorb` joins
    another event's, and dropped: the notes of what it joined say what
    became of it, or, when it says no more, ``"repeated"``. Another item is
    dropped when it repeats the first (``"repeated"``), and kept when it
    says more: a ``"conflict"``.
    """
    first, n = items
    path, old, new = format_loc((*held, n)), _at(data, (*held, first)), _at(data, (*held, n))
    if participants is not None and held == ("participants",):
        noted = len(changes)
        _join_participant(data["participants"], first, new, record, changes, defaults=participants)
        if len(changes) > noted:
            return True
        old = new  # it says no more than the first: it is what the report keeps
    drop = bool(old == new)
    note, new = ("repeated", None) if drop else ("conflict", new)
    _settle(changes, MergeChange(record=record, path=path, old=old, new=new, note=note))
    return drop


@functools.cache
def _stated_defaults(cls: type) -> Mapping[str, Any]:
    """The wire form of each default of ``cls`` that states something, by key.

    `to_dict` leaves defaults out, so a key a record's data lacks holds its
    default. None or an empty collection is nothing said, a gap another
    record's value fills; ``occurred`` (an event's ``status``), ``claim``
    or ``False`` is a value, which another record's differing value
    contradicts.
    """
    found: dict[str, Any] = {}
    for f in describe(cls).fields:
        value = f.factory() if f.factory is not None else f.default
        if value is attrs.NOTHING or value is None:
            continue
        if isinstance(value, Collection) and not isinstance(value, str) and not value:
            continue
        found[f.key] = to_dict(value)
    return found


def _stated(cls: type, data: Mapping[str, Any], keys: Collection[str]) -> dict[str, Any]:
    """``data`` (a record's, of ``cls``) with the `_stated_defaults` it leaves out, of ``keys``."""
    return {**{k: v for k, v in _stated_defaults(cls).items() if k in keys}, **data}


def absorb(
    kept: dict[str, Any],
    old: dict[str, Any],
    classes: tuple[type, type],
    changes: list[MergeChange],
    *,
    skip: Collection[str] = (),
) -> None:
    """Move what ``old`` says into ``kept`` (their ``classes``): filled, joined, or a conflict.

    The kept record's type stays: another type, and each field of the merged
    record's type that the kept type lacks, is a conflict whose value the
    report keeps. A record with aliases takes the other's name among them.
    ``skip`` names the keys the caller merges itself.
    """
    record = kept["id"]
    # The keys the kept record is written under: not its fields' old names, which
    # another type's fields may have today.
    keys = {field.key for field in describe(classes[0]).fields}
    named = "aliases" in keys  # a second name becomes an alias, no conflict
    defaults = _stated_defaults(classes[0])  # left out of `kept`: a value, not a gap
    if old["type"] != kept["type"]:
        changes.append(
            MergeChange(
                record=record, path="$.type", old=kept["type"], new=old["type"], note="conflict"
            )
        )
    for key, value in _stated(classes[1], old, keys).items():
        if key in ("type", "id", "identifiers", *skip) or (key == "name" and named):
            continue
        if key not in keys or not _holds(classes, key, value):
            changes.append(
                MergeChange(
                    record=record, path=f"$.{key}", old=kept.get(key), new=value, note="conflict"
                )
            )
            continue
        if key == "participants" and issubclass(classes[0], Event):
            _merge_participants(kept, value, _participant_defaults(classes[0]), record, changes)
            continue
        mine = kept.get(key, defaults.get(key))
        _take(kept, key, mine, value, record=record, path=f"$.{key}", changes=changes)
    if named and old.get("name") not in (None, kept.get("name")):
        aliases = kept.setdefault("aliases", [])
        if old["name"] not in aliases:
            aliases.append(old["name"])
    _absorb_identifiers(kept, old, changes)


def _take(
    held: dict[str, Any],
    key: str,
    mine: Any,
    value: Any,
    *,
    record: str,
    path: str,
    changes: list[MergeChange],
) -> None:
    """Move ``value`` into ``held[key]``, which says ``mine``: filled, joined, or a conflict.

    ``path`` is where ``held[key]`` is in its record, whose id is ``record``.
    """
    if mine is None:
        if value not in (None, [], {}):
            held[key] = value
            changes.append(
                MergeChange(record=record, path=path, old=None, new=value, note="filled")
            )
    elif isinstance(mine, list) and isinstance(value, list):
        mine = held[key] = list(mine)  # a default left out of `held` is shared: copy it
        note = "citation" if path == "$.sources" else "filled"
        for item in value:
            if item not in mine:
                mine.append(item)
                at = f"{path}[{len(mine) - 1}]"
                changes.append(MergeChange(record=record, path=at, old=None, new=item, note=note))
    elif mine != value:
        changes.append(MergeChange(record=record, path=path, old=mine, new=value, note="conflict"))


def _participant_defaults(cls: type) -> Mapping[str, Any]:
    """The `_stated_defaults` of the participants of an event of ``cls`` (of a union's, none)."""
    item = element(describe(cls).field("participants").shape)
    return _stated_defaults(item.cls) if isinstance(item, Nested) else {}


def _merge_participants(
    kept: dict[str, Any],
    given: list[dict[str, Any]],
    defaults: Mapping[str, Any],
    record: str,
    changes: list[MergeChange],
) -> None:
    """Join the ``given`` participants to ``kept``'s, an actor once: a new one added, or joined.

    An actor both name keeps one participant: a generic role gives way to a
    specific one, a certainty stated to one unstated, and a participant
    subclass's other fields are taken as a record's are (``defaults``, the
    participant class's stated defaults); values that differ are conflicts,
    the kept one staying.
    """
    mine: list[dict[str, Any]] = kept.setdefault("participants", [])
    for participant in given:
        same = [n for n, p in enumerate(mine) if p["actor"] == participant["actor"]]
        if not same:
            mine.append(participant)
            path = f"$.participants[{len(mine) - 1}]"
            changes.append(
                MergeChange(record=record, path=path, old=None, new=participant, note="participant")
            )
            continue
        _join_participant(mine, same[0], participant, record, changes, defaults=defaults)


def _join_participant(
    mine: list[dict[str, Any]],
    n: int,
    participant: dict[str, Any],
    record: str,
    changes: list[MergeChange],
    *,
    defaults: Mapping[str, Any],
) -> None:
    """Join ``participant`` to ``mine[n]``, which names its actor: its role, certainty and rest.

    ``defaults``: the participant class's `_stated_defaults`.
    """
    taken = _merge_role(mine, n, participant, record, changes)
    _merge_certainty(mine, n, participant, record, changes, role_taken=taken)
    rest = {k: v for k, v in participant.items() if k not in ("actor", "role", "certainty")}
    if rest:
        held = mine[n] = dict(mine[n])  # the kept participant's data may be shared: copy it
        for key, value in rest.items():
            path = f"$.participants[{n}].{key}"
            said = held.get(key, defaults.get(key))
            _take(held, key, said, value, record=record, path=path, changes=changes)


def _merge_role(
    mine: list[dict[str, Any]],
    n: int,
    participant: dict[str, Any],
    record: str,
    changes: list[MergeChange],
) -> bool:
    """Take a specific role for a generic one; False when the roles conflict."""
    role, other = mine[n].get("role", "participant"), participant.get("role", "participant")
    if other in (role, ParticipantRole.PARTICIPANT):
        return True
    path = f"$.participants[{n}].role"
    if role == ParticipantRole.PARTICIPANT:
        mine[n] = {**mine[n], "role": other}
        changes.append(MergeChange(record=record, path=path, old=role, new=other, note="role"))
        return True
    changes.append(MergeChange(record=record, path=path, old=role, new=other, note="conflict"))
    return False


def _merge_certainty(
    mine: list[dict[str, Any]],
    n: int,
    participant: dict[str, Any],
    record: str,
    changes: list[MergeChange],
    *,
    role_taken: bool,
) -> None:
    """Take a stated certainty for an unstated one; report one that differs as a conflict."""
    sure, other = mine[n].get("certainty"), participant.get("certainty")
    if other is None or sure == other:
        return
    path = f"$.participants[{n}].certainty"
    # a certainty qualifies its role: one given with a role not taken says nothing of the kept one
    if sure is None and role_taken:
        mine[n] = {**mine[n], "certainty": other}
        changes.append(MergeChange(record=record, path=path, old=None, new=other, note="certainty"))
    else:
        changes.append(MergeChange(record=record, path=path, old=sure, new=other, note="conflict"))


def _holds(classes: tuple[type, type], key: str, value: Any) -> bool:
    """Whether the kept class's field ``key`` holds ``value``, of the merged (another) class."""
    if classes[0] is classes[1]:
        return True
    return not diagnose_shape(describe(classes[0]).field(key).shape, value)[1]


def _absorb_identifiers(
    kept: dict[str, Any], old: dict[str, Any], changes: list[MergeChange]
) -> None:
    """Move ``old``'s identifiers into ``kept``'s: a scheme both give differently is a conflict.

    The kept record lists ``old``'s id under `MERGED_SCHEME`, then the ids
    merged into ``old`` before, so that none is lost however merges chain.
    """
    record = kept["id"]
    identifiers = kept.setdefault("identifiers", {})
    for scheme, given in old.get("identifiers", {}).items():
        if scheme == MERGED_SCHEME:
            continue
        if scheme not in identifiers:
            identifiers[scheme] = given
        elif identifiers[scheme] != given:
            changes.append(
                MergeChange(
                    record=record,
                    path=f"$.identifiers.{scheme}",
                    old=identifiers[scheme],
                    new=given,
                    note="conflict",
                )
            )
    merged = identifiers.get(MERGED_SCHEME, "").split()
    extra = old.get("identifiers", {}).get(MERGED_SCHEME, "").split()
    identifiers[MERGED_SCHEME] = " ".join([*merged, old["id"], *extra])


def _merge_problem(
    by_id: Mapping[str, Record | UnknownRecord], ids: Mapping[str, str], old: str
) -> Problem | None:
    """Why ``old`` cannot be merged into the id ``ids`` maps it to, if it cannot."""
    loc, new = (old,), ids[old]
    if old not in by_id or new not in by_id:
        missing = old if old not in by_id else new
        return Problem(
            loc=loc, code="dangling_reference", message="no record has this id", input=missing
        )
    if isinstance(by_id[old], UnknownRecord) or isinstance(by_id[new], UnknownRecord):
        unknown = old if isinstance(by_id[old], UnknownRecord) else new
        message = "cannot merge a record of a type this eventkit does not know"
        return Problem(loc=loc, code="unknown_type", message=message, input=unknown)
    if old == new or new in ids:
        return Problem(
            loc=loc, code="invalid_value", message="must map to an id that is kept", input=new
        )
    if kind_of(by_id[old]) != kind_of(by_id[new]):
        kinds = type(by_id[old]).__name__, type(by_id[new]).__name__
        message = f"cannot merge a record of another kind ({kinds[0]} into {kinds[1]})"
        return Problem(loc=loc, code="wrong_reference_kind", message=message, input=new)
    return None


def merge_records(
    records: Iterable[Record | UnknownRecord], ids: Mapping[str, str]
) -> tuple[list[Record | UnknownRecord], list[MergeChange]]:
    """The records with each id in ``ids`` merged into the id it maps to.

    Raises:
        ValidationError: an id that names no record, an id mapped to one that
            is itself merged away or to itself, two records of different
            kinds, or a record kept as it is (an `UnknownRecord`: its data
            cannot be merged); each problem at ``$.<old id>``.
    """
    by_id = {record.id: record for record in records}
    problems = [problem for old in ids if (problem := _merge_problem(by_id, ids, old))]
    if problems:
        raise ValidationError(problems, title="ids to merge")
    changes: list[MergeChange] = []
    absorbed: dict[str, list[tuple[type, dict[str, Any]]]] = {}
    for old, new in ids.items():
        given = rewritten(by_id[old], ids, changes)  # type: ignore[arg-type]
        absorbed.setdefault(new, []).append((type(by_id[old]), given))
        changes.append(MergeChange(record=old, path="$", old=old, new=None, note="merged"))
    merged: list[Record | UnknownRecord] = []
    for record in by_id.values():
        if record.id in ids:
            continue
        if isinstance(record, UnknownRecord):
            unrewritten(record, ids, changes)
            merged.append(record)
            continue
        before = len(changes)
        data = rewritten(record, ids, changes)
        for cls, given in absorbed.get(record.id, ()):
            absorb(data, given, (type(record), cls), changes)
        if len(changes) == before and record.id not in absorbed:
            merged.append(record)
        else:  # a record merged into this one changes it, if only by its merged id and alias
            merged.append(rebuilt(record, data, changes))
    return merged, changes
