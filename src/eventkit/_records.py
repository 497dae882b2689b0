"""The records: Actor, Source, Event, Statement, and the value types inside them.

Records are frozen, slotted, keyword-only attrs classes that refer to each
other by id, so every record serialises flat. Each field carries a check
(``metadata={"check": ...}``); all checks run at construction and every
problem is reported in one `eventkit.ValidationError`, whether the
record was built in code or loaded from data.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from eventkit import _checks as check
from eventkit._codes import Codes
from eventkit._time import PartialDate, TimeSpan, When
from eventkit._validated import (
    Validated,
    converts_to_member,
    empty_mapping,
    meta,
    to_mapping,
    to_member,
    to_tuple,
)
from eventkit._vocab import (
    ActorKind,
    EventStatus,
    ParticipantRole,
    Qualifier,
    RelationKind,
    SourceKind,
    StatementKind,
)
from eventkit.exceptions import Problem

__all__ = [
    "Actor",
    "Casualties",
    "Citation",
    "Event",
    "Money",
    "Participant",
    "Place",
    "Quantity",
    "Record",
    "Relation",
    "Role",
    "Source",
    "Statement",
]


def _bounds_problems(low: Any, high: Any, *, low_name: str, high_name: str) -> list[Problem]:
    if low is not None and high is not None and low > high:
        return [
            Problem(
                loc=(high_name,),
                code="out_of_range",
                message=f"must not be less than {low_name} ({low})",
                input=high,
            )
        ]
    return []


def _time_order_problems(start: PartialDate | None, end: PartialDate | None) -> list[Problem]:
    if start is not None and end is not None and start.earliest > end.latest:
        return [
            Problem(
                loc=("end",),
                code="invalid_value",
                message=f"must not be before start ({start.to_edtf()})",
                input=end.to_edtf(),
            )
        ]
    return []


# Named converters: the attrs mypy plugin types __init__ from them.


def _qualifier(value: Qualifier | str | None) -> Qualifier | None:
    return to_member(value, Qualifier)  # type: ignore[no-any-return]


def _participant_role(value: ParticipantRole | str) -> ParticipantRole | str:
    return to_member(value, ParticipantRole)  # type: ignore[no-any-return]


def _relation_kind(value: RelationKind | str) -> RelationKind:
    return to_member(value, RelationKind)  # type: ignore[no-any-return]


def _actor_kind(value: ActorKind | str) -> ActorKind | str:
    return to_member(value, ActorKind)  # type: ignore[no-any-return]


def _source_kind(value: SourceKind | str) -> SourceKind | str:
    return to_member(value, SourceKind)  # type: ignore[no-any-return]


def _event_status(value: EventStatus | str) -> EventStatus:
    return to_member(value, EventStatus)  # type: ignore[no-any-return]


def _statement_kind(value: StatementKind | str) -> StatementKind | str:
    return to_member(value, StatementKind)  # type: ignore[no-any-return]


for _converter, _vocabulary in (
    (_qualifier, Qualifier),
    (_participant_role, ParticipantRole),
    (_relation_kind, RelationKind),
    (_actor_kind, ActorKind),
    (_source_kind, SourceKind),
    (_event_status, EventStatus),
    (_statement_kind, StatementKind),
):
    converts_to_member(_converter, _vocabulary)
del _converter, _vocabulary

_optional_text = check.optional(check.text)
_optional_id = check.optional(check.record_id)
_ids = check.each(check.record_id)
_texts = check.each(check.text)
_optional_date = check.optional(check.instance(PartialDate))
_optional_when = check.optional(check.instance(PartialDate | TimeSpan, "PartialDate or TimeSpan"))
_optional_qualifier = check.optional(check.member(Qualifier))


# --- value types -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class Quantity(Validated):
    """A number as a source states it: a value or bounds, a unit, a qualifier.

    Attributes:
        value: the stated figure, if one was given.
        low: the lower bound of a range ("between 10 and 20").
        high: the upper bound of a range.
        unit: what is counted or measured (``"hour"``, ``"person"``…).
        qualifier: how exact the figure is ("about", "nearly", …).

    Examples:
        >>> Quantity(value=1, unit="hour", qualifier="about")
        Quantity(value=1, low=None, high=None, unit='hour', qualifier=<Qualifier.ABOUT: 'about'>)
    """

    value: float | None = attrs.field(default=None, metadata=meta(check.optional(check.number)))
    low: float | None = attrs.field(default=None, metadata=meta(check.optional(check.number)))
    high: float | None = attrs.field(default=None, metadata=meta(check.optional(check.number)))
    unit: str | None = attrs.field(default=None, metadata=meta(_optional_text))
    qualifier: Qualifier | None = attrs.field(
        default=None, converter=_qualifier, metadata=meta(_optional_qualifier)
    )

    def cross_check(self) -> Iterable[Problem]:
        """A quantity needs a value or a bound, and ``low <= value <= high``."""
        if self.value is None and self.low is None and self.high is None:
            return [
                Problem(code="missing", message="a quantity needs a value, a low or a high bound")
            ]
        problems = _bounds_problems(self.low, self.high, low_name="low", high_name="high")
        problems += _bounds_problems(self.low, self.value, low_name="low", high_name="value")
        problems += _bounds_problems(self.value, self.high, low_name="value", high_name="high")
        return problems


TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _count(value: Any) -> list[Problem] | None:
    found = check.instance(Quantity)(value)
    if found:
        return found
    problems = []
    for name in ("value", "low", "high"):
        number = getattr(value, name)
        if number is not None and (type(number) is not int or number < 0):
            problems.append(
                Problem(
                    loc=(name,),
                    code="out_of_range",
                    message="a count must be a non-negative whole number",
                    input=number,
                )
            )
    if value.unit is not None:
        problems.append(
            Problem(
                loc=("unit",), code="invalid_value", message="a count has no unit", input=value.unit
            )
        )
    return problems or None


def _duration(value: Any) -> list[Problem] | None:
    found = check.instance(Quantity)(value)
    if found:
        return found
    if value.unit not in TIME_UNITS:
        units = ", ".join(sorted(TIME_UNITS))
        return [
            Problem(
                loc=("unit",),
                code="invalid_value",
                message=f"a duration needs a unit of time: one of {units}",
                input=value.unit,
            )
        ]
    return None


def to_decimal(value: Decimal | str | int) -> Decimal:
    """Read a string or integer amount exactly; anything else is left for the check."""
    if type(value) is str or type(value) is int:
        try:
            return Decimal(value)
        except ArithmeticError:
            pass
    return value  # type: ignore[return-value]


def _amount(value: Any) -> list[Problem] | None:
    if type(value) is Decimal:
        return check.number(value)
    return [
        Problem(
            code="invalid_type",
            message="expected an exact Decimal, a decimal string or an integer, "
            f"got {type(value).__name__}",
            input=value,
        )
    ]


@attrs.frozen(kw_only=True)
class Money(Validated):
    """An amount of money in an ISO 4217 currency, kept exact as a Decimal.

    Attributes:
        amount: the amount; a string or integer is read exactly as a Decimal.
        currency: ISO 4217 code.
        qualifier: how exact the amount is ("nearly", "about", …).

    Examples:
        >>> Money(amount="8000000000", currency="EUR", qualifier="nearly").amount
        Decimal('8000000000')
    """

    amount: Decimal = attrs.field(converter=to_decimal, metadata=meta(_amount))
    currency: str = attrs.field(metadata=meta(check.currency))
    qualifier: Qualifier | None = attrs.field(
        default=None, converter=_qualifier, metadata=meta(_optional_qualifier)
    )


@attrs.frozen(kw_only=True)
class Casualties(Validated):
    """People killed, injured, missing or arrested; each a count (a Quantity).

    Examples:
        >>> Casualties(killed=Quantity(value=1), injured=Quantity(value=10)).injured.value
        10
    """

    killed: Quantity | None = attrs.field(default=None, metadata=meta(check.optional(_count)))
    injured: Quantity | None = attrs.field(default=None, metadata=meta(check.optional(_count)))
    missing: Quantity | None = attrs.field(default=None, metadata=meta(check.optional(_count)))
    arrested: Quantity | None = attrs.field(default=None, metadata=meta(check.optional(_count)))


def _latitude(value: Any) -> list[Problem] | None:
    return check.number(value) or (
        None
        if -90 <= value <= 90
        else [Problem(code="out_of_range", message="must be between -90 and 90", input=value)]
    )


def _longitude(value: Any) -> list[Problem] | None:
    return check.number(value) or (
        None
        if -180 <= value <= 180
        else [Problem(code="out_of_range", message="must be between -180 and 180", input=value)]
    )


check.with_fast_condition(
    _latitude, "({v}.__class__ is float or {v}.__class__ is int) and -90 <= {v} <= 90"
)
check.with_fast_condition(
    _longitude, "({v}.__class__ is float or {v}.__class__ is int) and -180 <= {v} <= 180"
)


def _geonames(value: Any) -> list[Problem] | None:
    if type(value) is int and value > 0:
        return None
    return [Problem(code="invalid_value", message="expected a positive GeoNames id", input=value)]


@attrs.frozen(kw_only=True)
class Place(Validated):
    """Where something happened: a name, a country, admin areas, coordinates.

    Attributes:
        name: the place's name as reported (``"Odesa"``).
        country: ISO 3166-1 alpha-3 code.
        admin: administrative areas from largest to smallest.
        lat: latitude in degrees, -90 to 90.
        lon: longitude in degrees, -180 to 180.
        geonames: the GeoNames id.

    Examples:
        >>> Place(name="Odesa", country="UKR", lat=46.48, lon=30.73).country
        'UKR'
    """

    name: str | None = attrs.field(default=None, metadata=meta(_optional_text))
    country: str | None = attrs.field(default=None, metadata=meta(check.optional(check.country)))
    admin: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_texts))
    lat: float | None = attrs.field(default=None, metadata=meta(check.optional(_latitude)))
    lon: float | None = attrs.field(default=None, metadata=meta(check.optional(_longitude)))
    geonames: int | None = attrs.field(default=None, metadata=meta(check.optional(_geonames)))

    def cross_check(self) -> Iterable[Problem]:
        """Coordinates come in pairs, and a place needs a name, country or point."""
        if (self.lat is None) != (self.lon is None):
            missing = "lon" if self.lon is None else "lat"
            return [Problem(loc=(missing,), code="missing", message="lat and lon go together")]
        if self.name is None and self.country is None and self.lat is None:
            return [Problem(code="missing", message="a place needs a name, a country or lat/lon")]
        return ()


@attrs.frozen(kw_only=True)
class Role(Validated):
    """A position an actor held, with dates ("Chancellor of Germany" from 2021-12-08).

    Examples:
        >>> role = Role(title="Chancellor of Germany", organisation="german-government",
        ...             start=PartialDate.from_edtf("2021-12-08"))
        >>> role.start.to_edtf()
        '2021-12-08'
    """

    title: str = attrs.field(metadata=meta(check.text))
    organisation: str | None = attrs.field(default=None, metadata=meta(_optional_id))
    start: PartialDate | None = attrs.field(default=None, metadata=meta(_optional_date))
    end: PartialDate | None = attrs.field(default=None, metadata=meta(_optional_date))

    def cross_check(self) -> Iterable[Problem]:
        """A role cannot end before it starts."""
        return _time_order_problems(self.start, self.end)


@attrs.frozen(kw_only=True)
class Citation(Validated):
    """A reference from an event or statement to a source.

    Attributes:
        source: the source's id.
        excerpt: the words in the source that support the record, verbatim.
        locator: where in the source (a paragraph, page, timestamp).

    Examples:
        >>> Citation(source="reuters", locator="para 2").source
        'reuters'
    """

    source: str = attrs.field(metadata=meta(check.record_id))
    excerpt: str | None = attrs.field(default=None, metadata=meta(_optional_text))
    locator: str | None = attrs.field(default=None, metadata=meta(_optional_text))


@attrs.frozen(kw_only=True)
class Participant(Validated):
    """An actor taking part in an event, in a role.

    Examples:
        >>> Participant(actor="olaf-scholz", role="initiator").role
        <ParticipantRole.INITIATOR: 'initiator'>
    """

    actor: str = attrs.field(metadata=meta(check.record_id))
    role: ParticipantRole | str = attrs.field(
        default=ParticipantRole.PARTICIPANT,
        converter=_participant_role,
        metadata=meta(check.member(ParticipantRole)),
    )


@attrs.frozen(kw_only=True)
class Relation(Validated):
    """A typed link from one event to another.

    Examples:
        >>> Relation(kind="preparation_for", event="call-2024-11-15").kind.value
        'preparation_for'
    """

    kind: RelationKind = attrs.field(
        converter=_relation_kind, metadata=meta(check.member(RelationKind))
    )
    event: str = attrs.field(metadata=meta(check.record_id))


_citations = check.each(check.instance(Citation))


# --- records ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Record(Validated):
    """Base of the four record kinds; every record has an ``id``.

    Records are written with a ``type`` tag (``"actor"``, ``"event"``,
    ``"phone_call"``…) so ``ek.from_dict(ek.Record, data)`` can return the
    right class.

    Examples:
        >>> import eventkit as ek
        >>> type(ek.from_dict(ek.Record, {"type": "source", "id": "dpa", "name": "dpa",
        ...                               "kind": "news_agency"})).__name__
        'Source'
    """

    kind_name: ClassVar[str] = "record"

    id: str = attrs.field(metadata=meta(check.record_id))

    def _error_title(self) -> str:
        """Name the record in error messages, with its id when the id is valid."""
        if check.record_id(self.id) is None:
            return f"{type(self).__name__} {self.id!r}"
        return type(self).__name__


@attrs.frozen(kw_only=True)
class Actor(Record):
    """A person, state, government, organisation, company, armed group or outlet.

    Attributes:
        id: a stable id (``"olaf-scholz"``, a Wikidata QID, ``ek.make_id(...)``).
        name: the usual name.
        kind: an `ActorKind` or a namespaced custom kind.
        aliases: other names.
        country: ISO 3166-1 alpha-3 code of the actor's country.
        roles: positions held, with dates.
        identifiers: ids in other schemes, e.g. ``{"wikidata": "Q567"}``.
        description: one line about the actor.

    Examples:
        >>> scholz = Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU",
        ...                identifiers={"wikidata": "Q61053"})
        >>> scholz.kind, scholz.identifiers["wikidata"]
        (<ActorKind.PERSON: 'person'>, 'Q61053')
    """

    kind_name: ClassVar[str] = "actor"

    name: str = attrs.field(metadata=meta(check.text))
    kind: ActorKind | str = attrs.field(
        converter=_actor_kind, metadata=meta(check.member(ActorKind))
    )
    aliases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_texts))
    country: str | None = attrs.field(default=None, metadata=meta(check.optional(check.country)))
    roles: tuple[Role, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=meta(check.each(check.instance(Role)))
    )
    identifiers: Mapping[str, str] = attrs.field(
        factory=empty_mapping,
        converter=to_mapping,
        hash=False,
        metadata=meta(check.identifiers),
    )
    description: str | None = attrs.field(default=None, metadata=meta(_optional_text))


@attrs.frozen(kw_only=True)
class Source(Record):
    """Where information comes from: an agency, an article, a readout, a post.

    Attributes:
        id: the source's id.
        name: its name or title.
        kind: a `SourceKind` or a namespaced custom kind.
        url: an http(s) URL.
        author: the author's actor id.
        publisher: the publisher's actor id.
        published: when it was published.
        language: BCP 47 language tag.
        derived_from: ids of the sources this one is built on.

    Examples:
        >>> Source(id="article", name="The Long-Awaited Conversation", kind="article",
        ...        derived_from=("dpa", "afp")).derived_from
        ('dpa', 'afp')
    """

    kind_name: ClassVar[str] = "source"

    name: str = attrs.field(metadata=meta(check.text))
    kind: SourceKind | str = attrs.field(
        converter=_source_kind, metadata=meta(check.member(SourceKind))
    )
    url: str | None = attrs.field(default=None, metadata=meta(check.optional(check.url)))
    author: str | None = attrs.field(default=None, metadata=meta(_optional_id))
    publisher: str | None = attrs.field(default=None, metadata=meta(_optional_id))
    published: When | None = attrs.field(default=None, metadata=meta(_optional_when))
    language: str | None = attrs.field(default=None, metadata=meta(check.optional(check.language)))
    derived_from: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_ids))


@attrs.frozen(kw_only=True)
class Event(Record):
    """Something that happened, is happening, or may happen.

    Subclass it (and register the subclass with `event_type`) for
    event types with fields of their own; see the built-in taxonomy.

    Attributes:
        id: the event's id.
        title: a short title.
        summary: a sentence or two.
        when: a `PartialDate` or `TimeSpan`.
        duration: how long it lasted, a Quantity with a unit of time.
        place: where.
        participants: actors and their roles.
        status: occurred, planned, speculated, …
        related: links to other events.
        sources: citations of the sources that report it.
        codes: external codings (PLOVER, CAMEO, ACLED).
        tags: free labels.

    Examples:
        >>> call = Event(id="call", title="Phone call", when=PartialDate.from_edtf("2024-11-15"),
        ...              participants=[Participant(actor="olaf-scholz", role="initiator")])
        >>> call.status, call.participants[0].role.value
        (<EventStatus.OCCURRED: 'occurred'>, 'initiator')
    """

    kind_name: ClassVar[str] = "event"

    title: str = attrs.field(metadata=meta(check.text))
    summary: str | None = attrs.field(default=None, metadata=meta(_optional_text))
    when: When | None = attrs.field(default=None, metadata=meta(_optional_when))
    duration: Quantity | None = attrs.field(default=None, metadata=meta(check.optional(_duration)))
    place: Place | None = attrs.field(
        default=None, metadata=meta(check.optional(check.instance(Place)))
    )
    participants: tuple[Participant, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=meta(check.each(check.instance(Participant)))
    )
    status: EventStatus = attrs.field(
        default=EventStatus.OCCURRED,
        converter=_event_status,
        metadata=meta(check.member(EventStatus)),
    )
    related: tuple[Relation, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=meta(check.each(check.instance(Relation)))
    )
    sources: tuple[Citation, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=meta(_citations)
    )
    codes: Codes | None = attrs.field(
        default=None, metadata=meta(check.optional(check.instance(Codes)))
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_texts))

    def actors(self, role: str | None = None) -> tuple[str, ...]:
        """Return the ids of the participants, optionally only those in ``role``.

        Examples:
            >>> Event(id="e", title="t", participants=[
            ...     Participant(actor="a", role="initiator"), Participant(actor="b")
            ... ]).actors("initiator")
            ('a',)
        """
        return tuple(p.actor for p in self.participants if role is None or p.role == role)


@attrs.frozen(kw_only=True)
class Statement(Record):
    """Something an actor said or claimed, and who reports it.

    Two readouts of one call are two statements about the same event; a
    statement that contradicts another names it in ``disputes``.

    Attributes:
        id: the statement's id.
        speaker: the actor id of who said it.
        text: what was said, in paraphrase.
        quote: the verbatim words, when the source quotes them.
        kind: a `StatementKind` or a namespaced custom kind.
        event: the id of the event where it was said.
        about: ids of the events or actors it is about.
        when: when it was said.
        via: the id of the source that carried it (e.g. the Kremlin readout).
        responds_to: ids of statements it answers.
        disputes: ids of statements it contradicts.
        sources: citations of the sources that report it.

    Examples:
        >>> s = Statement(id="s1", speaker="vladimir-putin",
        ...               text="Agreements must reflect new territorial realities.",
        ...               quote="new territorial realities", event="call-2024-11-15")
        >>> s.kind
        <StatementKind.CLAIM: 'claim'>
    """

    kind_name: ClassVar[str] = "statement"

    speaker: str = attrs.field(metadata=meta(check.record_id))
    text: str = attrs.field(metadata=meta(check.text))
    quote: str | None = attrs.field(default=None, metadata=meta(_optional_text))
    kind: StatementKind | str = attrs.field(
        default=StatementKind.CLAIM,
        converter=_statement_kind,
        metadata=meta(check.member(StatementKind)),
    )
    event: str | None = attrs.field(default=None, metadata=meta(_optional_id))
    about: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_ids))
    when: When | None = attrs.field(default=None, metadata=meta(_optional_when))
    via: str | None = attrs.field(default=None, metadata=meta(_optional_id))
    responds_to: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_ids))
    disputes: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, metadata=meta(_ids))
    sources: tuple[Citation, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=meta(_citations)
    )

    def cross_check(self) -> Iterable[Problem]:
        """A statement cannot respond to or dispute itself."""
        return [
            Problem(
                loc=(name,),
                code="invalid_value",
                message="must not name the statement itself",
                input=self.id,
            )
            for name in ("responds_to", "disputes")
            if self.id in getattr(self, name)
        ]
