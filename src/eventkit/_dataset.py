"""Datasets: records indexed by id, checked for integrity, queried, merged.

A `Dataset` is a mutable collection of immutable records, normalised
like a small database: records refer to each other by id, and
`Dataset.check` reports every id that points nowhere or at the wrong
kind of record. Queries use indexes built on the first query after a change;
reading and writing files lives in `eventkit.io`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, Self, TypeVar, get_args, overload

import attrs

from eventkit._duplicates import (
    DEFAULT_THRESHOLD,
    DuplicateEvents,
    EventMerge,
    duplicate_events,
    merge_events,
    undo_merge,
)
from eventkit._explain import value_problems
from eventkit._fields import describe
from eventkit._hints import IdHints
from eventkit._index import Index, window
from eventkit._records import Actor, Event, Participant, Provenance, Record, Source, Statement
from eventkit._references import ANY, all_resolve, dangling, kind_of, references, wrong_kind
from eventkit._registry import resolve
from eventkit._report import Report
from eventkit._resolve import MergeChange, SimilarActors, merge_records, similar_actors
from eventkit._sanity import record_warnings, relation_warnings
from eventkit._scores import check_threshold
from eventkit._serialize import to_dict
from eventkit._time import When
from eventkit._unknown import UnknownRecord
from eventkit._vocab import ActorKind, Certainty, ParticipantRole
from eventkit.exceptions import (
    MergeConflictError,
    Problem,
    RecordNotFoundError,
    ValidationError,
)

if TYPE_CHECKING:
    import networkx

__all__ = [
    "Conflict",
    "Dataset",
    "MergePolicy",
    "validate",
]

AnyRecord = Record | UnknownRecord
E = TypeVar("E", bound=Event)
MergePolicy = Literal["error", "left", "right", "union"]

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


def _union(conflict: Conflict) -> AnyRecord | str:
    """Combine two versions that differ only in union fields; else why they cannot be."""
    left, right = conflict.left, conflict.right
    if isinstance(left, UnknownRecord) or type(left) is not type(right):
        return "records of different types, or kept as unknown, cannot be combined"
    changes: dict[str, Any] = {}
    for name in conflict.fields:
        if name not in UNION_FIELDS:
            return f"only {', '.join(sorted(UNION_FIELDS))} can be combined, not {name}"
        mine, theirs = getattr(left, name), getattr(right, name)
        if isinstance(mine, Mapping):
            for key, value in theirs.items():
                if key in mine and mine[key] != value:
                    return f"their {name} disagree on {key!r}: {mine[key]!r} and {value!r}"
            changes[name] = {**mine, **theirs}
        else:
            changes[name] = (*mine, *(item for item in theirs if item not in mine))
    return attrs.evolve(left, **changes)


def _dropped_citations(kept: AnyRecord, dropped: AnyRecord) -> list[str]:
    """The citations of the dropped version the kept one lacks, in words."""
    kept_citations = set(getattr(kept, "sources", ()))
    kept_sources = {c.source for c in kept_citations}
    lost = []
    for citation in getattr(dropped, "sources", ()):
        if citation in kept_citations:
            continue
        if citation.source not in kept_sources:
            lost.append(repr(citation.source))
        else:  # the source is cited, but not with this excerpt or locator
            parts = [
                f"{name} {getattr(citation, name)!r}"
                for name in ("excerpt", "locator")
                if getattr(citation, name) is not None
            ]
            lost.append(f"{citation.source!r} with {' and '.join(parts)}")
    return lost


# --- the dataset ------------------------------------------------------------------


def _check_record(record: Any) -> Problem | None:
    if isinstance(record, Record | UnknownRecord):  # an UnknownRecord has a valid id too
        return None
    return Problem(
        code="invalid_type",
        message="expected a record (Actor, Source, Event, Statement, Provenance)",
        input=record,
    )


def _as_field(cls: type, name: str, value: Any, problems: list[Problem], *loc: str | int) -> Any:
    """``value`` as ``cls``'s field ``name`` holds it; its problems, if it cannot be one.

    The field's own converter and checks judge it, so a query takes exactly
    the values a record can have: a typo is refused, not an empty answer.
    """
    field = next(f for f in describe(cls).fields if f.name == name)
    if field.converter is not None:
        value = field.converter(value)
    problems += [problem.at(*loc) for problem in value_problems(field.shape, value)]
    return value


def _another(method: str, other: object) -> None:
    """Refuse ``other`` unless it is a dataset, as ``method`` (merge, conflicts) takes one."""
    if not isinstance(other, Dataset):
        msg = f"{method} takes another eventkit.Dataset, not {type(other).__name__}"
        raise TypeError(msg)


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
        self._index: Index | None = None
        self.add(*records)

    # --- changing -----------------------------------------------------------------

    def add(self, *records: AnyRecord) -> None:
        """Add records; all or none are added.

        A record equal to the one already under its id is skipped.

        Raises:
            MergeConflictError: a record differs from the one already under
                its id (every such conflict, each holding both versions).
            ValidationError: something that is not a record (code
                ``invalid_type``), with every conflict among the rest.

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
        new: dict[str, AnyRecord] = {}
        # In the order of the items: one that is not a record hides no conflict.
        problems: list[Problem] = []
        invalid = False
        for position, record in enumerate(records):
            problem = _check_record(record)
            if problem is not None:
                problems.append(problem.at(position))
                invalid = True
                continue
            record_id: str = record.id
            existing = self._records.get(record_id, new.get(record_id))
            if existing is None:
                new[record_id] = record
            elif existing != record:
                conflict = Conflict(id=record_id, left=existing, right=record)
                problems.append(_conflict_problem(conflict, _differ_message(conflict)))
        if invalid:
            raise ValidationError(problems, title=self._title())
        if problems:
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

    def __getstate__(self) -> dict[str, Any]:
        # The index is rebuilt on the next query; pickles stay small.
        return {"name": self.name, "_records": self._records, "_index": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _idx(self) -> Index:
        if self._index is None:
            index = Index()
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
    def provenances(self) -> tuple[Provenance, ...]:
        """The provenance records (how other records were coded), in insertion order."""
        return self._idx().kind(Provenance)

    @property
    def unknown(self) -> tuple[UnknownRecord, ...]:
        """Records kept verbatim because this eventkit could not read them."""
        return self._idx().kind(UnknownRecord)

    # --- queries ------------------------------------------------------------------

    def events_of(
        self,
        actor: str,
        *,
        role: str | ParticipantRole | None = None,
        certainty: str | Certainty | Iterable[str | Certainty | None] | None = None,
    ) -> list[Event]:
        """Return the events ``actor`` takes part in, in insertion order.

        ``role`` keeps the events where the actor has that role, whatever the
        certainty: an alleged perpetrator is a perpetrator here.
        ``certainty`` keeps those where the reporting is that sure: one
        `Certainty`, or several (``None`` among them for "not stated").
        Uses an index by participant: the cost is the number of the actor's events.

        Raises:
            ValidationError: a role or certainty no participant can have (at
                ``role``, ``certainty`` or ``certainty[i]``), listing the
                vocabulary.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Event(id="e1", title="Strike", participants=[
            ...     ek.Participant(actor="a", role="perpetrator", certainty="alleged"),
            ...     ek.Participant(actor="b", role="target")])])
            >>> [e.id for e in ds.events_of("a", role="perpetrator")]
            ['e1']
            >>> ds.events_of("b", role="initiator"), ds.events_of("a", certainty="confirmed")
            ([], [])
            >>> [e.id for e in ds.events_of("a", certainty=["alleged", None])]
            ['e1']
        """
        problems: list[Problem] = []
        if role is not None:
            role = _as_field(Participant, "role", role, problems, "role")
        sure: Any = None
        if isinstance(certainty, str) or not isinstance(certainty, Iterable | None):
            sure = {_as_field(Participant, "certainty", certainty, problems, "certainty")}
        elif certainty is not None:
            sure = {
                _as_field(Participant, "certainty", value, problems, "certainty", position)
                for position, value in enumerate(certainty)
            }
        if problems:
            raise ValidationError(problems, title="events_of")
        found = self._idx().by_actor.get(actor, [])
        if role is None and sure is None:
            return list(found)
        return [
            event
            for event in found
            if any(
                p.actor == actor
                and (role is None or p.role == role)
                and (sure is None or p.certainty in sure)
                for p in event.participants
            )
        ]

    def figures(self, event: str) -> list[Statement]:
        """Return the statements giving figures for ``event``, in insertion order.

        A figure statement (any statement with a ``figure``: casualties, a
        quantity or an amount) made at the event or about it. Tolls
        that differ by source are kept side by side, each with who said it
        (``speaker``) and who carried it (``via``, ``sources``); the event's
        own ``casualties`` may name the one it follows (``casualties_from``).

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Event(id="strike", title="Strike"),
            ...     ek.Statement(id="s1", speaker="civil-defense", text="41 killed", kind="figure",
            ...                  about=["strike"], figure=ek.Casualties(
            ...                      killed=ek.Quantity(value=41, qualifier="at_least"))),
            ...     ek.Statement(id="s2", speaker="observatory", text="38 killed", kind="figure",
            ...                  about=["strike"], figure=ek.Casualties(
            ...                      killed=ek.Quantity(value=38))),
            ... ])
            >>> [(s.speaker, s.figure.killed.value) for s in ds.figures("strike")]
            [('civil-defense', 41), ('observatory', 38)]
        """
        return [s for s in self._idx().by_subject.get(event, []) if s.figure is not None]

    def events_between(
        self, start: When | str | date | None = None, end: When | str | date | None = None
    ) -> list[Event]:
        """Return the events whose time overlaps ``[start, end]``, in time order.

        Precision counts: an event in ``"2022-12"`` overlaps a window starting
        on 2022-12-15, and a window ``("2022-12", "2022-12")`` is all of
        December. Strings are read as EDTF, a ``date`` as its day and an
        aware ``datetime`` as its second; ``None`` leaves that side open.
        Undated events are never returned. Uses an index in time order: the
        events that start in the window are one slice of it, and those
        already under way at ``start`` are found by bisection in runs of
        events of equal (or similar) duration, so the cost is a few
        ``O(log n)`` bisections plus about the number of events returned.

        Raises:
            ValidationError: a bound is not a date, a span, EDTF text or None
                (at ``start`` or ``end``; both, if both are), or ``end`` is
                before ``start`` (at ``end``).

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
            >>> from datetime import date
            >>> [e.id for e in ds.events_between(date(2024, 11, 1), date(2024, 11, 30))]
            ['call']
        """
        return self._idx().time().between(*window(start, end))

    @overload
    def events_of_type(self, cls: type[E]) -> list[E]: ...
    @overload
    def events_of_type(self, cls: str) -> list[Event]: ...
    def events_of_type(self, cls: type[Event] | str) -> list[Any]:
        """Return the events of type ``cls`` or any subclass, in insertion order.

        ``cls`` is an event class, or its type tag as records carry it in
        JSON (``"phone_call"``, ``"acme.rally"``).

        Raises:
            UnknownTypeError: a tag no class is registered for (at ``cls``).
            ValidationError: a tag of a class that is not an event (at ``cls``).
            TypeError: ``cls`` is neither an event class nor a string.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.PhoneCall(id="c", title="Call"), ek.Event(id="e", title="E")])
            >>> [e.id for e in ds.events_of_type(ek.Communication)]
            ['c']
            >>> [e.id for e in ds.events_of_type("phone_call")]
            ['c']
        """
        if isinstance(cls, str):
            try:
                wanted: type = resolve(cls, Event)
            except ValidationError as error:  # at the argument, not at a record's "type"
                problems = [attrs.evolve(p, loc=("cls",)) for p in error.problems]
                raise type(error)(problems, title="events_of_type") from None
        elif isinstance(cls, type) and issubclass(cls, Event):
            wanted = cls
        else:
            given = f"the class {cls.__name__}" if isinstance(cls, type) else type(cls).__name__
            msg = (
                "events_of_type takes an Event class or an event type tag such as "
                f"'phone_call', not {given}"
            )
            raise TypeError(msg)
        return self._idx().of_type(wanted)

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

    def reported_by(self, source: str) -> list[Event | Statement]:
        """Return what ``source`` reported: the events and statements citing it, in insertion order.

        Statements made ``via`` the source count, and so do records citing a
        source derived from it (``derived_from``, followed to any depth): a
        newspaper story built on a wire report reports what the wire did.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Source(id="dpa", name="dpa", kind="news_agency"),
            ...     ek.Source(id="tagesschau", name="tagesschau.de", kind="article",
            ...               derived_from=["dpa"]),
            ...     ek.Event(id="call", title="Call", sources=[ek.Citation(source="tagesschau")]),
            ...     ek.Statement(id="s", speaker="kremlin", text="…", via="dpa"),
            ... ])
            >>> [r.id for r in ds.reported_by("dpa")], [r.id for r in ds.reported_by("tagesschau")]
            (['call', 's'], ['call'])
        """
        derived: dict[str, list[str]] = {}
        for candidate in self.sources:
            for origin in candidate.derived_from:
                derived.setdefault(origin, []).append(candidate.id)
        chain, todo = {source}, [source]
        while todo:  # every source derived from it, however indirectly (cycles end here)
            for later in derived.get(todo.pop(), ()):
                if later not in chain:
                    chain.add(later)
                    todo.append(later)
        citing = self._idx().by_source()
        found = {id(record): record for name in chain for record in citing.get(name, ())}
        order = {id(record): rank for rank, record in enumerate(self._records.values())}
        return sorted(found.values(), key=lambda record: order[id(record)])

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

    def to_networkx(self) -> networkx.MultiDiGraph[str]:
        """Return the dataset as a networkx graph (`eventkit.interop`; the ``networkx`` extra).

        Records are nodes; events and statements link to actors by role, and
        records to the sources they cite.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Actor(id="a", name="A", kind="person"),
            ...                  ek.Event(id="e", title="E", participants=[
            ...                      ek.Participant(actor="a", role="initiator")])])
            >>> list(ds.to_networkx().edges(keys=True))
            [('e', 'a', 'initiator')]
        """
        from eventkit.interop._networkx import to_networkx  # noqa: PLC0415 - an optional extra

        return to_networkx(self)

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

        Raises:
            ValidationError: a kind or country no actor can have (at ``kind``
                or ``country``): a typo is refused, not an empty answer.
        """
        problems: list[Problem] = []
        if kind is not None:
            kind = _as_field(Actor, "kind", kind, problems, "kind")
        if country is not None:
            country = _as_field(Actor, "country", country, problems, "country")
        if problems:
            raise ValidationError(problems, title="actors_where")
        return [
            actor
            for actor in self.actors
            if (kind is None or actor.kind == kind)
            and (country is None or actor.country == country)
        ]

    # --- integrity ----------------------------------------------------------------

    def similar_actors(self, *, threshold: float = 0.8) -> list[SimilarActors]:
        """Return pairs of actors that may be one, scoring at least ``threshold``, best first.

        The score is 1 for a shared identifier or the same name once case,
        accents and punctuation are set aside (`eventkit.make_id`'s
        ``normalize``), 0.85 when one name's words are all in the other's
        ("Scholz", "Olaf Scholz"), and otherwise how alike the spellings are;
        halved when both give different countries, and lowered when their
        kinds differ. Names include aliases. Only actors sharing a name word
        or an identifier are compared.

        Raises:
            ValidationError: ``threshold`` is not a number from 0 to 1.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ...     ek.Actor(id="scholz", name="Scholz", kind="person"),
            ...     ek.Actor(id="vladimir-putin", name="Vladimir Putin", kind="person"),
            ... ])
            >>> [(p.first, p.second, p.score, p.reasons) for p in ds.similar_actors()]
            [('olaf-scholz', 'scholz', 0.85, ("name 'Scholz' is part of 'Olaf Scholz'",))]
        """
        check_threshold(threshold, "similar_actors")
        return similar_actors(self.actors, threshold)

    def merge_ids(self, ids: Mapping[str, str]) -> tuple[Dataset, tuple[MergeChange, ...]]:
        """Return a dataset with each id in ``ids`` merged into the id it maps to, and the changes.

        Every reference to a merged id, in records of every type, custom ones
        included, is rewritten. The merged record's fields fill what the
        kept one lacks (None or an empty list: a default such as a status
        ``"occurred"`` is a value); lists are joined, an event's
        participants as `merge_events` joins them (an actor once: a generic
        role gives way to a specific one, differing roles are a
        ``conflict``, a participant subclass's own fields are joined as a
        record's); a field both give
        differently, or an identifier of one scheme both give differently,
        keeps the kept record's value and is reported as a ``conflict``; so
        is another type of the same kind (the kept record's type stays), and
        each field of the merged record's type that the kept type lacks. The
        kept record keeps the merged ids in ``identifiers["eventkit.merged"]``
        (with any merged into either before), and an actor the merged actor's
        name among its aliases. A reference that would name its own record
        (a relation to the event merged into it) is ``dropped``: an item of a
        list removed, an optional field emptied; a required one stays, a
        ``conflict``. An item of a list that the merge makes name what an
        earlier one names (a statement about two actors, now one) is dropped
        when it is the same (``repeated``), and kept, a ``conflict``, when it
        says more (another kind of relation); two participants of an event,
        now one actor, are one, joined as two events' are. An `UnknownRecord` is left as it is (which
        of its fields hold ids is not known here): each text in it that is a
        merged id is a ``conflict`` at its path, with the id it became as
        ``new``. This dataset is left as it is.

        Raises:
            ValidationError: an id that names no record, one mapped to an id
                that is merged away itself, records of different kinds, or
                an `UnknownRecord` (its data cannot be merged).

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"),
            ...     ek.Actor(id="scholz", name="Scholz", kind="person", country="DEU"),
            ...     ek.Statement(id="s1", speaker="scholz", text="…"),
            ... ])
            >>> merged, changes = ds.merge_ids({"scholz": "olaf-scholz"})
            >>> merged["s1"].speaker, merged["olaf-scholz"].country, merged["olaf-scholz"].aliases
            ('olaf-scholz', 'DEU', ('Scholz',))
            >>> [(c.record, c.path, c.note) for c in changes]
            [('scholz', '$', 'merged'), ('olaf-scholz', '$.country', 'filled'), ('s1', '$.speaker', 'reference')]
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        records, changes = merge_records(self, ids)
        return Dataset(records, name=self.name), tuple(changes)

    def duplicate_events(self, *, threshold: float = DEFAULT_THRESHOLD) -> list[DuplicateEvents]:
        """Return clusters of events that may be one event reported many times, best first.

        Each pair in a cluster scores at least ``threshold`` and says why, by
        feature; see the "Duplicates" docs page for the scoring.

        Raises:
            ValidationError: ``threshold`` is not a number from 0 to 1.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.PhoneCall(id="dpa-call", title="Scholz calls Putin",
            ...                  when=ek.parse_edtf("2024-11-15"),
            ...                  participants=[ek.Participant(actor="scholz"),
            ...                                ek.Participant(actor="putin")]),
            ...     ek.PhoneCall(id="ap-call", title="Scholz and Putin speak by phone",
            ...                  when=ek.parse_edtf("2024-11-15T14:00+01:00"),
            ...                  participants=[ek.Participant(actor="putin")]),
            ... ])
            >>> [(c.events, c.score, c.pairs[0].features["time"]) for c in ds.duplicate_events()]
            [(('dpa-call', 'ap-call'), 0.821, 1.0)]
        """
        check_threshold(threshold, "duplicate_events")
        return duplicate_events(self.events, threshold)

    def merge_events(
        self,
        clusters: Iterable[DuplicateEvents | Sequence[str]],
        *,
        keep: Mapping[str, str] | None = None,
    ) -> tuple[Dataset, EventMerge]:
        """Return a dataset with each cluster of events made one, and the report of every decision.

        The first event of a cluster is kept (``keep`` maps a cluster's first
        id to another of its ids to keep instead). Nothing is lost: the kept
        event gains every citation and participant and, when all the dates
        are compatible, the most precise; differing roles, incompatible dates
        and other differing values are reported as conflicts, never settled;
        so is each text in an `UnknownRecord` that is a merged id (the record
        is left as it is: which of its fields hold ids is not known here).
        This dataset is left as it is; `undo_merge_events` gives it back.

        Raises:
            ValidationError: an id that names no event, or an id in two clusters.

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([
            ...     ek.Event(id="a", title="Call", sources=[ek.Citation(source="dpa")]),
            ...     ek.Event(id="b", title="Call", sources=[ek.Citation(source="afp")]),
            ... ])
            >>> merged, report = ds.merge_events([["a", "b"]])
            >>> [c.source for c in merged["a"].sources], report.kept
            (['dpa', 'afp'], {'b': 'a'})
        """
        records, report = merge_events(self, clusters, keep)
        return Dataset(records, name=self.name), report

    def undo_merge_events(self, report: EventMerge) -> Dataset:
        """Return the dataset as it was before the merge ``report`` describes.

        Raises:
            ValidationError: this is not the dataset the merge made: a
                merged event is back, or a record the merge made is missing
                or has changed since (undoing would throw the change away).

        Examples:
            >>> import eventkit as ek
            >>> ds = ek.Dataset([ek.Event(id="a", title="Call"), ek.Event(id="b", title="Call")])
            >>> merged, report = ds.merge_events([["a", "b"]])
            >>> merged.undo_merge_events(report) == ds
            True
        """
        return Dataset(undo_merge(self, report), name=self.name)

    def check(self) -> Report:
        """Return a report of every reference that names no record or the wrong kind.

        Codes: ``dangling_reference`` (no record has the id) and
        ``wrong_reference_kind`` (e.g. a participant that is an event). Each
        problem has the record's id, the path of the field, and the id as ``input``.
        The report's warnings (which leave it valid) name what looks wrong:
        an event related to itself, the same participant twice, the same
        item twice in a list naming ids (``duplicate_reference``: a
        statement ``about`` one actor twice, in custom types too), a relation
        its dates contradict, a quote statement without its quote, an
        `UnknownRecord` this eventkit reads (saved and loaded, it comes back
        as its class).

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
        hints = IdHints(records, kind=kind_of)
        for record in records.values():
            record_id = record.id
            for loc, target, expected in references(record):
                found = records.get(target)
                if found is None:
                    hint = hints(target, expected | ANY)
                    problems.append(dangling(loc, record_id, target, hint=hint))
                    continue
                kind = kind_of(found)
                if not kind & (expected | ANY):
                    problems.append(
                        wrong_kind(loc, record_id, target, expected=expected, found=kind)
                    )
        warnings = []
        for record in records.values():
            warnings.extend(record_warnings(record))
            if isinstance(record, Event) and record.related:
                warnings.extend(relation_warnings(record, records.get))
        return Report(
            problems=tuple(problems), records=len(records), source=self.name, warnings=warnings
        )

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

        Raises:
            TypeError: ``other`` is not a Dataset.
        """
        _another("conflicts", other)
        mine = self._records
        return [
            Conflict(id=record_id, left=mine[record_id], right=theirs)
            for record_id, theirs in other._records.items()
            if record_id in mine and mine[record_id] != theirs
        ]

    @overload
    def merge(self, other: Dataset, *, policy: Literal["error"] = ...) -> Dataset: ...
    @overload
    def merge(
        self, other: Dataset, *, policy: Literal["left", "right", "union"]
    ) -> tuple[Dataset, Report]: ...
    def merge(self, other: Dataset, *, policy: MergePolicy = "error") -> Any:
        """Return a new dataset with the records of both; neither input changes.

        Equal records under the same id appear once. Different records under
        the same id are a conflict, settled by ``policy``:

        * ``"error"`` (the default): raise, listing every conflict with both
          versions; returns the merged dataset;
        * ``"left"`` / ``"right"``: keep this dataset's / the other's version;
        * ``"union"``: combine the two versions when they differ only in
          collection fields (``sources``, ``tags``, ``derived_from``,
          ``aliases``, ``related``, and ``identifiers`` that do not disagree);
          any other difference is still an error.

        With a policy that settles conflicts, the result is the merged
        dataset *and* a report listing every conflict settled (code
        ``conflict``) with both versions, naming the citations the kept
        version lacks (a source, or an excerpt or locator of one), so nothing
        is dropped silently. Records keep this dataset's order, then the other's.

        Raises:
            MergeConflictError: conflicts the policy cannot settle.
            TypeError: ``other`` is not a Dataset.
            ValidationError: an unknown policy.

        Examples:
            >>> import eventkit as ek
            >>> left = ek.Dataset([ek.Event(id="e", title="Call", sources=[ek.Citation(source="dpa")])])
            >>> right = ek.Dataset([ek.Event(id="e", title="Call", sources=[ek.Citation(source="afp")])])
            >>> merged, report = left.merge(right, policy="union")
            >>> [c.source for c in merged["e"].sources]
            ['dpa', 'afp']
            >>> merged, report = left.merge(right, policy="left")
            >>> print(report.summary())
            1 problem in 1 record
              conflict  1
            record 'e': $: kept the left version; the right one differs in: sources; its citations of 'afp' are not kept, got Conflict(id='e', fields=('sources',)) [conflict]
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        _another("merge", other)
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
                if isinstance(combined, str):
                    message = f"{_differ_message(conflict)}; {combined}"
                    unsettled.append(_conflict_problem(conflict, message))
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
                    message += f"; its citations of {', '.join(lost)} are not kept"
                settled.append(_conflict_problem(conflict, message))
            else:
                unsettled.append(_conflict_problem(conflict, _differ_message(conflict)))
        if unsettled:
            title = f"merge of {self._title()} and {other._title()}"
            raise MergeConflictError(unsettled, title=title)
        for record_id, record in other._records.items():
            merged.setdefault(record_id, record)
        result._records = merged
        if policy == "error":
            return result
        return result, Report(problems=tuple(settled), records=len(merged), source=self.name)

    # --- files --------------------------------------------------------------------

    def save(
        self,
        path: str | os.PathLike[str],
        *,
        format: Literal["parquet"] | None = None,
        partition_by: str | None = "year",
    ) -> None:
        """Write the dataset to ``path``, atomically, in the format its suffix names.

        ``.jsonl`` (one record per line), ``.json`` (one document with a
        format header), each optionally ``.gz``-compressed. The file is
        written to a temporary file beside it and renamed into place, so a
        crash leaves the previous file intact. Missing folders on the way to
        ``path`` are made, in every format.

        ``format="parquet"`` (or a name ending ``.parquet``) writes a
        directory of Parquet tables instead, Hive-partitioned by
        ``partition_by`` (see `eventkit.columnar`; the ``parquet`` extra).

        Raises:
            ValidationError: an unsupported suffix (code ``unsupported_format``).
            ValueError: ``format`` is not ``"parquet"`` or None, or the
                dataset cannot be partitioned by ``partition_by`` (no table has
                that column, or a record's value of it is too long for a
                directory name; see `eventkit.columnar.ParquetWriter`).
            OSError: the file cannot be written; `FileExistsError` if a
                Parquet ``path`` holds anything but an eventkit dataset or an
                empty directory, which alone it replaces.

        Examples:
            >>> import eventkit as ek, pathlib, tempfile
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.jsonl.gz"
            >>> ek.Dataset([ek.Actor(id="a", name="A", kind="person")]).save(path)
            >>> ek.Dataset.load(path)
            <Dataset 'seed': 1 record (1 actor)>
        """
        from eventkit.columnar._parquet import is_parquet  # noqa: PLC0415 - read on demand
        from eventkit.io import write_records  # noqa: PLC0415 - eventkit.io is read on demand

        if format == "parquet" or (format is None and is_parquet(path)):
            from eventkit.columnar._datasets import save_parquet  # noqa: PLC0415

            save_parquet(path, self, name=self.name, partition_by=partition_by)
        elif format is not None:
            msg = f"format must be 'parquet' or None (the suffix says), not {format!r}"
            raise ValueError(msg)
        else:
            write_records(path, self, name=self.name)

    @overload
    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        lenient: Literal[False] = ...,
        keep_unknown: bool = ...,
    ) -> Self: ...
    @overload
    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        lenient: Literal[True],
        keep_unknown: bool = ...,
        cascade: bool = ...,
    ) -> tuple[Self, Report]: ...
    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        lenient: bool = False,
        keep_unknown: bool = False,
        cascade: bool = False,
    ) -> Any:
        r"""Read a dataset written by `save` (or by hand) and check it.

        Every line (or record of a ``.json`` document) is validated, then the
        references between them. Strict, the default, raises with every
        problem, each with its file and line, and returns the dataset.

        Lenient returns the dataset of every record that is itself valid,
        *and* the report of every problem: bad records are left out; records
        that refer to them are kept, their references reported as dangling.
        With ``cascade=True`` the records that refer (directly or not) to a
        record left out are left out too, so the dataset passes `check`.

        Args:
            path: a ``.jsonl``, ``.json``, ``.jsonl.gz`` or ``.json.gz`` file,
                or a Parquet dataset directory (`save` with ``format="parquet"``).
            lenient: load the good records and return them with the report.
            keep_unknown: keep records with unknown types or fields verbatim
                (as `eventkit.UnknownRecord`) instead of reporting them.
            cascade: (lenient) also leave out the records that refer to
                records left out.

        Raises:
            ValidationError: (strict) the file has problems, or (either mode)
                it cannot be read as a dataset at all.
            OSError: the file cannot be opened.

        Examples:
            >>> import eventkit as ek, pathlib, tempfile
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.jsonl"
            >>> _ = path.write_text('{"type": "actor", "id": "a", "name": "A", "kind": "person"}\n'
            ...                     '{"type": "actor", "id": "b", "name": "B", "kind": "persn"}\n')
            >>> ds, report = ek.Dataset.load(path, lenient=True)
            >>> list(ds.ids), report.lines()
            (['a'], [2])
        """
        from eventkit.columnar._parquet import is_parquet  # noqa: PLC0415 - read on demand
        from eventkit.io import read_dataset  # noqa: PLC0415 - eventkit.io is read on demand

        if is_parquet(path):
            return cls._load_parquet(
                path, lenient=lenient, keep_unknown=keep_unknown, cascade=cascade
            )
        loaded = read_dataset(path, lenient=lenient, keep_unknown=keep_unknown, cascade=cascade)
        dataset = cls(name=loaded.name)
        dataset._records = loaded.by_id
        if lenient:
            return dataset, loaded.report
        return dataset

    # --- columnar (eventkit.columnar) ---------------------------------------------

    @classmethod
    def _load_parquet(
        cls, path: str | os.PathLike[str], *, lenient: bool, keep_unknown: bool, cascade: bool
    ) -> Any:
        from eventkit.columnar._datasets import load_parquet  # noqa: PLC0415 - needs pyarrow

        read, name = load_parquet(path, keep_unknown=keep_unknown)
        return cls._read(read, name=name, lenient=lenient, title=os.fsdecode(path), cascade=cascade)

    @classmethod
    def _read(
        cls, read: Any, *, name: str | None, lenient: bool, title: str, cascade: bool = False
    ) -> Any:
        """The dataset of records read from tables, its references checked."""
        from eventkit.columnar._datasets import finished, placed  # noqa: PLC0415 - needs pyarrow

        dataset = cls(name=name)
        dataset._records = {r.id: r for r in read.records}
        if not lenient and read.report.valid and all_resolve(dataset._records):
            return dataset  # what check would find nothing in: its report is not made
        references = placed(read, dataset._records, dataset.check(), cascade=cascade)
        report = finished(read, references, lenient=lenient, title=title)
        return (dataset, report) if lenient else dataset

    def to_arrow(self) -> dict[str, Any]:
        """Return the dataset as Arrow tables, by name: one per kind of record, and link tables.

        ``actors``, ``sources``, ``events``, ``statements``,
        ``provenances``, ``unknown``; then ``participants``, ``relations``,
        ``citations`` and ``statement_links``, derived from them. The
        columns are described in `eventkit.columnar`. Needs the ``parquet``
        extra (pyarrow).

        Examples:
            >>> import eventkit as ek, eventkit.examples
            >>> tables = ek.examples.scholz_putin().to_arrow()
            >>> tables["events"].num_rows, tables["participants"].column_names[:4]
            (28, ['event', 'position', 'actor', 'role'])
        """
        from eventkit.columnar._datasets import to_tables  # noqa: PLC0415 - needs pyarrow

        return to_tables(self)

    @overload
    @classmethod
    def from_arrow(
        cls,
        tables: Mapping[str, Any],
        *,
        name: str | None = ...,
        lenient: Literal[False] = ...,
        keep_unknown: bool = ...,
    ) -> Self: ...
    @overload
    @classmethod
    def from_arrow(
        cls,
        tables: Mapping[str, Any],
        *,
        name: str | None = ...,
        lenient: Literal[True],
        keep_unknown: bool = ...,
    ) -> tuple[Self, Report]: ...
    @classmethod
    def from_arrow(
        cls,
        tables: Mapping[str, Any],
        *,
        name: str | None = None,
        lenient: bool = False,
        keep_unknown: bool = False,
    ) -> Any:
        """Build a dataset from Arrow tables by name (as `to_arrow` gives them).

        A table may be a ``pyarrow.Table`` or a ``pyarrow.RecordBatch``.
        Every row is checked as a record, each problem placed at its table
        and row (``$.events[3].title``; a second, different record with an
        id is ``duplicate_id``; a key given twice in a map column or in JSON
        text is ``duplicate_key``), then the references, as `check` does. Link
        tables are derived from the record tables, which are what is read:
        given ones are compared with them, and a record whose link rows say
        otherwise (an edited role, a removed citation) is ``link_differs``.
        Strict and lenient as in `load`.

        Raises:
            ValidationError: (strict) any problem.

        Examples:
            >>> import eventkit as ek, eventkit.examples
            >>> seed = ek.examples.scholz_putin()
            >>> ek.Dataset.from_arrow(seed.to_arrow()) == seed
            True
        """
        from eventkit.columnar._datasets import from_tables  # noqa: PLC0415 - needs pyarrow

        read = from_tables(tables, keep_unknown=keep_unknown)
        return cls._read(read, name=name, lenient=lenient, title="tables")

    def to_pandas(self) -> dict[str, Any]:
        """Return the tables of `to_arrow` as pandas DataFrames, with nullable dtypes.

        Defaults are filled (an event's ``status`` is ``"occurred"``), a
        date is ``when_earliest``/``when_latest`` (``datetime64[us, UTC]``),
        ``when_precision``, ``when_edtf`` and ``when_text`` columns, and
        ``participants`` is one row per participant with its role and
        certainty. Text is ``string``, integers ``Int64``, numbers
        ``Float64``, flags ``boolean``. Needs the ``pandas`` extra.

        Examples:
            >>> import eventkit as ek, eventkit.examples
            >>> frames = ek.examples.scholz_putin().to_pandas()
            >>> events = frames["events"].set_index("id")
            >>> events.loc["call-2024-11-15", ["type", "status", "when_precision"]].tolist()
            ['phone_call', 'occurred', 'day']
            >>> str(events["when_earliest"].dtype), str(events["title"].dtype)
            ('datetime64[us, UTC]', 'string')
        """
        from eventkit.columnar._datasets import to_frames  # noqa: PLC0415 - needs pandas

        return to_frames(self, "pandas")

    def to_polars(self) -> dict[str, Any]:
        """Return the tables of `to_arrow` as Polars DataFrames. Needs the ``polars`` extra.

        Examples:
            >>> import eventkit as ek, eventkit.examples
            >>> frames = ek.examples.scholz_putin().to_polars()
            >>> frames["participants"].filter(actor="olaf-scholz").height
            5
        """
        from eventkit.columnar._datasets import to_frames  # noqa: PLC0415 - needs polars

        return to_frames(self, "polars")

    @overload
    @classmethod
    def from_frames(
        cls,
        frames: Mapping[str, Any],
        *,
        name: str | None = ...,
        lenient: Literal[False] = ...,
        keep_unknown: bool = ...,
    ) -> Self: ...
    @overload
    @classmethod
    def from_frames(
        cls,
        frames: Mapping[str, Any],
        *,
        name: str | None = ...,
        lenient: Literal[True],
        keep_unknown: bool = ...,
    ) -> tuple[Self, Report]: ...
    @classmethod
    def from_frames(
        cls,
        frames: Mapping[str, Any],
        *,
        name: str | None = None,
        lenient: bool = False,
        keep_unknown: bool = False,
    ) -> Any:
        """Build a dataset from pandas or Polars frames by table name (as `to_pandas` gives them).

        Each row is checked as a record and each problem reported at its
        table and row (``$.events[1].title``); lenient, the good rows are
        kept and the report returned with them, as in `from_arrow`. Edit
        participants, citations and other lists in the record frames' list
        columns: the link frames (``participants``, …) are only compared
        with them, as in `from_arrow`.

        Raises:
            ValidationError: (strict) any problem.

        Examples:
            >>> import eventkit as ek, pandas as pd
            >>> events = pd.DataFrame({"type": ["event", "phone_call"], "id": ["e1", "e2"],
            ...                        "title": ["A strike", None]})
            >>> ds, report = ek.Dataset.from_frames({"events": events}, lenient=True)
            >>> list(ds.ids), [p.path for p in report.problems]
            (['e1'], ['$.events[1].title'])
        """
        from eventkit.columnar._datasets import from_frames  # noqa: PLC0415 - needs pandas

        read = from_frames(frames, keep_unknown=keep_unknown)
        return cls._read(read, name=name, lenient=lenient, title="frames")


def validate(
    document: Any, *, keep_unknown: bool = False, max_errors: int | None = None
) -> tuple[Dataset, Report]:
    """Check a dataset in memory in one pass: every problem at once, and the good records.

    For data that did not come from a file, such as a language model's
    output: ``document`` is a list of record dicts, ``{"records": [...]}``
    (other keys are reported as unknown), or a dataset document as
    `Dataset.save` writes one. Every problem is found in one pass, as
    `eventkit.validate_file` finds them in a file: each record's own, its
    references (a reference to a record that is itself invalid says so),
    ids used for two different records, at ``$.records[i]…`` paths. The
    report's warnings name what looks wrong but may be right (a record given
    twice, the same participant twice).

    Args:
        document: the records.
        keep_unknown: keep records of unknown types or with unknown fields
            as `eventkit.UnknownRecord` instead of reporting them.
        max_errors: keep at most this many problems (None: all of them).

    Returns:
        The dataset of every record that is itself valid, and the report
        (``report.valid`` says whether the document was).

    Examples:
        >>> import eventkit as ek
        >>> dataset, report = ek.validate([
        ...     {"type": "actor", "id": "putin", "name": "Vladimir Putin", "kind": "person"},
        ...     {"type": "statement", "id": "s1", "speaker": "putin", "text": "…",
        ...      "event": "call"},
        ...     {"type": "actor", "id": "scholz", "name": "Olaf Scholz", "kind": "chancellor"},
        ... ])
        >>> [(p.path, p.code) for p in report.problems]
        [('$.records[1].event', 'dangling_reference'), ('$.records[2].kind', 'invalid_value')]
        >>> [r.id for r in dataset]
        ['putin', 's1']
    """
    from eventkit.io._validate import validate_document  # noqa: PLC0415 - io is read on demand

    loaded = validate_document(document, keep_unknown=keep_unknown, max_errors=max_errors)
    return Dataset(loaded.records, name=loaded.name), loaded.report
