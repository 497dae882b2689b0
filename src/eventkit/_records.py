"""The records: Actor, Source, Event, Statement, and the value types inside them.

Records are frozen, slotted, keyword-only attrs classes that refer to each
other by id, so every record serialises flat. Each field carries a check
(``metadata={"check": ...}``); all checks run at construction and every
problem is reported in one `eventkit.ValidationError`, whether the
record was built in code or loaded from data.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any, ClassVar

import attrs

from eventkit import checks
from eventkit._codes import Codes
from eventkit._fields import (
    ActorId,
    Country,
    Currency,
    EventId,
    Language,
    ProvenanceId,
    RecordId,
    SourceId,
    StatementId,
    Text,
    Url,
    keeps_typed,
)
from eventkit._friendly import to_decimal, to_mapping, to_tuple
from eventkit._hints import whole_number
from eventkit._shapes import JSON_LIMITS, RefKind
from eventkit._time import PartialDate, When
from eventkit._validated import EMPTY_MAPPING, Validated, to_member
from eventkit._vocab import (
    ActorKind,
    CasualtyGroup,
    Certainty,
    CodingMethod,
    EventStatus,
    LocationPrecision,
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
    "GroupCasualties",
    "Money",
    "Offsets",
    "Participant",
    "Place",
    "Provenance",
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


def _certainty(value: Certainty | str | None) -> Certainty | None:
    return to_member(value, Certainty)  # type: ignore[no-any-return]


def _casualty_group(value: CasualtyGroup | str) -> CasualtyGroup | str:
    return to_member(value, CasualtyGroup)  # type: ignore[no-any-return]


def _location_precision(value: LocationPrecision | str | None) -> LocationPrecision | None:
    return to_member(value, LocationPrecision)  # type: ignore[no-any-return]


def _coding_method(value: CodingMethod | str | None) -> CodingMethod | str | None:
    return to_member(value, CodingMethod)  # type: ignore[no-any-return]


# They keep values of their field's type as they are: loading need not call them.
for _converter in (
    _qualifier,
    _participant_role,
    _relation_kind,
    _actor_kind,
    _source_kind,
    _event_status,
    _statement_kind,
    _certainty,
    _casualty_group,
    _location_precision,
    _coding_method,
):
    keeps_typed(_converter)
del _converter


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

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Text | None = None
    qualifier: Qualifier | None = attrs.field(default=None, converter=_qualifier)

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid quantities for `eventkit.testing`: the numbers drawn, then put in order."""
        return _quantities(fields["value"], fields["unit"], fields["qualifier"])

    def cross_check(self) -> Iterable[Problem]:
        """A quantity needs a value or a bound, and ``low <= value <= high``."""
        if self.low is None and self.high is None:  # the common case, first: a single figure
            if self.value is None:
                message = "a quantity needs a value, a low or a high bound"
                return [Problem(code="missing", message=message)]
            return ()
        problems = _bounds_problems(self.low, self.high, low_name="low", high_name="high")
        problems += _bounds_problems(self.low, self.value, low_name="low", high_name="value")
        problems += _bounds_problems(self.value, self.high, low_name="value", high_name="high")
        return problems


TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _not_none(draw: Any, strategy: Any, fallback: Any) -> Any:
    """A value other than None from the strategy of an optional field, or ``fallback``.

    Not a filter: hypothesis pushes a filter into each branch of
    ``none() | values``, and the ``none()`` one never passes. Nor a loop
    until a value comes: hypothesis's simplest example draws None forever.
    """
    for _ in range(3):
        value = draw(strategy)
        if value is not None:
            return value
    return fallback


def _quantities(numbers: Any, units: Any, qualifiers: Any) -> Any:
    """Valid quantities: value, low and high drawn from ``numbers``, then ordered."""
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    name_sets = st.sets(st.sampled_from(("low", "value", "high")), min_size=1)  # made once

    @st.composite
    def quantities(draw: st.DrawFn) -> Quantity:
        drawn = [draw(numbers) for _ in range(3)]
        present = sorted(number for number in drawn if number is not None)
        if not present:
            present = [_not_none(draw, numbers, 0)]
        names = sorted(draw(name_sets))
        names = names[: len(present)] or ["value"]
        order = [name for name in ("low", "value", "high") if name in names]
        bounds = dict(zip(order, present[: len(order)], strict=True))
        return Quantity(**bounds, unit=draw(units), qualifier=draw(qualifiers))

    return quantities()


def _counts() -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    qualifiers = st.none() | st.sampled_from(list(Qualifier))
    return _quantities(st.none() | st.integers(0, 10**6), st.none(), qualifiers)


def _durations() -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    numbers = st.none() | st.integers(0, 10**4) | st.floats(0, 10**4)
    qualifiers = st.none() | st.sampled_from(list(Qualifier))
    return _quantities(numbers, st.sampled_from(sorted(TIME_UNITS)), qualifiers)


_, _MOST = JSON_LIMITS.integers


class _Count(checks.Check):
    """A count: whole, non-negative numbers and no unit (a Quantity of people, troops)."""

    __slots__ = ()

    def __call__(self, value: Any) -> list[Problem] | None:
        problems = []
        for name in ("value", "low", "high"):
            number = getattr(value, name)
            if number is None or (type(number) is int and number >= 0):
                continue
            message = "a count must be a non-negative whole number"
            if type(number) is int or not 0 <= number <= _MOST:
                # no count is negative or larger than JSON writes an integer, whatever its type
                problems.append(self.problem(number, message).at(name))
            else:  # 12.0 or 12.5: the type is wrong
                whole = whole_number(number)
                hint = None if whole is None else f"write {whole}"
                wrong = Problem(code="invalid_type", message=message, input=number, hint=hint)
                problems.append(wrong.at(name))
        if value.unit is not None:
            problem = Problem(code="invalid_value", message="a count has no unit", input=value.unit)
            problems.append(problem.at("unit"))
        return problems or None

    def __repr__(self) -> str:
        return "count"


count_check = _Count(name="count", code="out_of_range", strategy=_counts)
"""The check of a Quantity that counts (casualties, the size of a crowd)."""


class _Duration(checks.Check):
    """A duration: a Quantity with a unit of time, not negative (a call of 0 hours may be)."""

    __slots__ = ()

    def __call__(self, value: Any) -> list[Problem] | None:
        problems = [
            Problem(
                code="out_of_range", message="a duration must not be negative", input=number
            ).at(name)
            for name in ("value", "low", "high")
            if (number := getattr(value, name)) is not None and number < 0
        ]
        if value.unit not in TIME_UNITS:
            units = ", ".join(sorted(TIME_UNITS))
            message = f"a duration needs a unit of time: one of {units}"
            problems.append(self.problem(value.unit, message).at("unit"))
        return problems or None

    def __repr__(self) -> str:
        return "duration"


duration_check = _Duration(name="duration", strategy=_durations)
"""The check of a Quantity that is a duration."""


@attrs.frozen(kw_only=True)
class Money(Validated):
    """An amount of money in an ISO 4217 currency, kept exact as a Decimal.

    Attributes:
        amount: the amount; a plain decimal string (``"7.5"``, ``"8E+9"``) or an
            integer is read exactly as a Decimal, as in data.
        currency: ISO 4217 code.
        qualifier: how exact the amount is ("nearly", "about", …).

    Examples:
        >>> Money(amount="8000000000", currency="EUR", qualifier="nearly").amount
        Decimal('8000000000')
    """

    amount: Decimal = attrs.field(converter=to_decimal)
    currency: Currency
    qualifier: Qualifier | None = attrs.field(default=None, converter=_qualifier)


@attrs.frozen(kw_only=True)
class _Tolls(Validated):
    """The counts of a toll: killed, injured, missing, arrested, displaced."""

    killed: Annotated[Quantity, count_check] | None = None
    injured: Annotated[Quantity, count_check] | None = None
    missing: Annotated[Quantity, count_check] | None = None
    arrested: Annotated[Quantity, count_check] | None = None
    displaced: Annotated[Quantity, count_check] | None = None

    def _counted(self) -> bool:
        return any(getattr(self, name) is not None for name in _TOLLS)


_TOLLS = ("killed", "injured", "missing", "arrested", "displaced")


@attrs.frozen(kw_only=True)
class GroupCasualties(_Tolls):
    """The part of a toll that one group of people suffered ("including five children").

    Examples:
        >>> GroupCasualties(group="children", killed=Quantity(value=5)).group
        <CasualtyGroup.CHILDREN: 'children'>
    """

    group: CasualtyGroup | str = attrs.field(converter=_casualty_group)

    def cross_check(self) -> Iterable[Problem]:
        """A group's entry gives at least one count."""
        if self._counted():
            return ()
        return [Problem(code="missing", message="a group's casualties need at least one count")]


@attrs.frozen(kw_only=True)
class Casualties(_Tolls):
    """People killed, injured, missing, arrested (or detained) or displaced; each a count.

    ``groups`` breaks the toll down by who the people were: "at least 41
    killed, including five children" is ``killed`` 41 (at least) with a
    group ``children`` of 5 killed. A group's figures are part of the
    totals, not added to them.

    Examples:
        >>> toll = Casualties(killed=Quantity(value=41, qualifier="at_least"),
        ...                   groups=[GroupCasualties(group="children", killed=Quantity(value=5))])
        >>> toll.killed.value, toll.groups[0].killed.value
        (41, 5)
    """

    groups: tuple[GroupCasualties, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class Place(Validated):
    """Where something happened: a name, a country, admin areas, coordinates.

    Attributes:
        name: the place's name as reported (``"Odesa"``).
        country: ISO 3166-1 alpha-3 code.
        admin1: the first-level administrative area (a state, an oblast).
        admin2: the second-level one (a district, a county).
        admin3: the third-level one (a municipality, a sub-district).
        lat: latitude in degrees, -90 to 90.
        lon: longitude in degrees, -180 to 180.
        precision: how exactly the coordinates locate what happened: at the
            place itself, near it, somewhere in its admin region, or only
            somewhere in the country (ACLED's geo-precision 1 to 3).
        geonames: the GeoNames id.
        identifiers: ids in other gazetteers, e.g. ``{"wikidata": "Q1874",
            "osm": "relation/1413934", "gadm": "UKR.16_1"}``.

    Examples:
        >>> Place(name="Odesa", country="UKR", lat=46.48, lon=30.73).country
        'UKR'
    """

    name: Text | None = None
    country: Country | None = None
    admin1: Text | None = None
    admin2: Text | None = None
    admin3: Text | None = None
    lat: Annotated[float, checks.in_range(-90, 90)] | None = None
    lon: Annotated[float, checks.in_range(-180, 180)] | None = None
    precision: LocationPrecision | None = attrs.field(default=None, converter=_location_precision)
    geonames: Annotated[int, checks.in_range(1)] | None = None
    identifiers: Annotated[Mapping[str, str], checks.identifiers] = attrs.field(
        default=EMPTY_MAPPING, converter=to_mapping
    )

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid places for `eventkit.testing`: coordinates in pairs with their precision."""
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        @st.composite
        def places(draw: st.DrawFn) -> Place:
            point = ("lat", "lon", "precision")
            values = {key: draw(fields[key]) for key in fields if key not in point}
            if draw(st.booleans()) or (values["name"] is None and values["country"] is None):
                values["lat"] = _not_none(draw, fields["lat"], 0.0)
                values["lon"] = _not_none(draw, fields["lon"], 0.0)
                values["precision"] = draw(fields["precision"])
            return Place(**values)

        return places()

    def cross_check(self) -> Iterable[Problem]:
        """Coordinates come in pairs, and a place needs a name, country or point."""
        if (self.lat is None) != (self.lon is None):
            missing = "lon" if self.lon is None else "lat"
            return [Problem(loc=(missing,), code="missing", message="lat and lon go together")]
        if self.name is None and self.country is None and self.lat is None:
            return [Problem(code="missing", message="a place needs a name, a country or lat/lon")]
        if self.precision is not None and self.lat is None:
            message = "a precision is that of the coordinates: give lat and lon"
            return [Problem(loc=("precision",), code="missing", message=message)]
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

    title: Text
    organisation: ActorId | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid roles for `eventkit.testing`: the dates drawn, then put in order."""
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        @st.composite
        def roles(draw: st.DrawFn) -> Role:
            start, end = draw(fields["start"]), draw(fields["end"])
            if start is not None and end is not None and start.earliest > end.latest:
                start, end = end, start
            return Role(
                title=draw(fields["title"]),
                organisation=draw(fields["organisation"]),
                start=start,
                end=end,
            )

        return roles()

    def cross_check(self) -> Iterable[Problem]:
        """A role cannot end before it starts."""
        return _time_order_problems(self.start, self.end)


@attrs.frozen(kw_only=True)
class Offsets(Validated):
    """Where an excerpt is in its source's text, in characters (code points, from 0).

    ``end`` is exclusive: ``end - start`` is the excerpt's length.

    Examples:
        >>> Offsets(start=120, end=129).end
        129
    """

    start: Annotated[int, checks.in_range(0)]
    end: Annotated[int, checks.in_range(0)]

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid offsets for `eventkit.testing`: the two drawn, then put in order."""
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        @st.composite
        def offsets(draw: st.DrawFn) -> Offsets:
            start, end = sorted((draw(fields["start"]), draw(fields["end"])))
            return Offsets(start=start, end=end)

        return offsets()

    def cross_check(self) -> Iterable[Problem]:
        """The end does not come before the start."""
        if self.end < self.start:
            message = f"must not be less than start ({self.start})"
            return [Problem(loc=("end",), code="out_of_range", message=message, input=self.end)]
        return ()


@attrs.frozen(kw_only=True)
class Citation(Validated):
    """A reference from an event or statement to a source.

    Attributes:
        source: the source's id.
        excerpt: the words in the source that support the record, verbatim.
        locator: where in the source (a paragraph, page, timestamp).
        offsets: where the excerpt is in the source's text (`Offsets`), for
            evidence spans an extractor found; an excerpt of another length
            than they span is warned about (it may have been normalised).
        confidence: how sure the coder or the extracting model is that the
            source supports the record, from 0 to 1.

    Examples:
        >>> Citation(source="reuters", locator="para 2").source
        'reuters'
        >>> Citation(source="ap", excerpt="41 people", offsets=Offsets(start=120, end=129),
        ...          confidence=0.9).offsets.end
        129
    """

    # Loading shares equal citations between records (fewer objects); they are immutable.
    __eventkit_shared__: ClassVar[bool] = True

    source: SourceId
    excerpt: Text | None = None
    locator: Text | None = None
    offsets: Offsets | None = None
    confidence: Annotated[float, checks.in_range(0, 1)] | None = None


@attrs.frozen(kw_only=True)
class Participant(Validated):
    """An actor taking part in an event, in a role, as surely as the reporting says.

    Attributes:
        actor: the actor's id.
        role: a `ParticipantRole` or a namespaced custom role.
        certainty: how sure the reporting is (`Certainty`): "Russian or
            Syrian aircraft" makes each a ``suspected`` perpetrator. None: not
            stated.

    Examples:
        >>> Participant(actor="olaf-scholz", role="initiator").role
        <ParticipantRole.INITIATOR: 'initiator'>
        >>> Participant(actor="russia", role="perpetrator", certainty="suspected").certainty
        <Certainty.SUSPECTED: 'suspected'>
    """

    # Loading shares equal participants between records (fewer objects); they are immutable.
    __eventkit_shared__: ClassVar[bool] = True

    actor: ActorId
    role: ParticipantRole | str = attrs.field(
        default=ParticipantRole.PARTICIPANT, converter=_participant_role
    )
    certainty: Certainty | None = attrs.field(default=None, converter=_certainty)


@attrs.frozen(kw_only=True)
class Relation(Validated):
    """A typed link from one event to another.

    Examples:
        >>> Relation(kind="preparation_for", event="call-2024-11-15").kind.value
        'preparation_for'
    """

    kind: RelationKind = attrs.field(converter=_relation_kind)
    event: EventId


# --- records ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Record(Validated):
    """Base of the five record kinds; every record has an ``id``.

    Records are written with a ``type`` tag (``"actor"``, ``"event"``,
    ``"phone_call"``…) so ``ek.from_dict(ek.Record, data)`` can return the
    right class.

    Attributes:
        id: the record's id.
        identifiers: its ids in other datasets, namespaced by the dataset:
            ``{"acled": "UKR12345", "gdelt": "1199423465", "wikidata": "Q567"}``.
        provenance: the id of the `Provenance` record saying who coded this
            record, with which codebook and method, and when (shared by every
            record coded the same way, so it is said once).
        comment: a coder's note on this record.

    Examples:
        >>> import eventkit as ek
        >>> type(ek.from_dict(ek.Record, {"type": "source", "id": "dpa", "name": "dpa",
        ...                               "kind": "news_agency"})).__name__
        'Source'
    """

    kind_name: ClassVar[str] = "record"

    id: RecordId
    identifiers: Annotated[Mapping[str, str], checks.identifiers] = attrs.field(
        default=EMPTY_MAPPING, converter=to_mapping
    )
    provenance: ProvenanceId | None = None
    comment: Text | None = None

    def _error_title(self) -> str:
        """Name the record in error messages, with its id when the id is valid."""
        if checks.record_id(self.id) is None:
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
        description: one line about the actor.
        identifiers: ids in other schemes, e.g. ``{"wikidata": "Q567"}``.

    Examples:
        >>> scholz = Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU",
        ...                identifiers={"wikidata": "Q61053"})
        >>> scholz.kind, scholz.identifiers["wikidata"]
        (<ActorKind.PERSON: 'person'>, 'Q61053')
    """

    kind_name: ClassVar[str] = "actor"

    name: Text
    kind: ActorKind | str = attrs.field(converter=_actor_kind)
    aliases: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)
    country: Country | None = None
    roles: tuple[Role, ...] = attrs.field(default=(), converter=to_tuple)
    description: Text | None = None


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

    name: Text
    kind: SourceKind | str = attrs.field(converter=_source_kind)
    url: Url | None = None
    author: ActorId | None = None
    publisher: ActorId | None = None
    published: When | None = None
    language: Language | None = None
    derived_from: tuple[SourceId, ...] = attrs.field(default=(), converter=to_tuple)


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
        casualties: the toll, as the record's coder settles it; figures that
            differ by source are statements (``kind="figure"``) about the
            event, found by `Dataset.figures`.
        casualties_from: the id of the statement whose figures ``casualties``
            follows.
        size: how many took part (protesters, troops): a count.
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

    title: Text
    summary: Text | None = None
    when: When | None = None
    duration: Annotated[Quantity, duration_check] | None = None
    place: Place | None = None
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=to_tuple)
    casualties: Casualties | None = None
    casualties_from: StatementId | None = None
    size: Annotated[Quantity, count_check] | None = None
    status: EventStatus = attrs.field(default=EventStatus.OCCURRED, converter=_event_status)
    related: tuple[Relation, ...] = attrs.field(default=(), converter=to_tuple)
    sources: tuple[Citation, ...] = attrs.field(default=(), converter=to_tuple)
    codes: Codes | None = None
    tags: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)

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
        figure: for a statement of kind ``figure``, the figure it gives: a
            toll (`Casualties`), another number (`Quantity`: a crowd, a
            distance, a share) or a sum (`Money`).
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

    speaker: ActorId
    text: Text
    quote: Text | None = None
    kind: StatementKind | str = attrs.field(default=StatementKind.CLAIM, converter=_statement_kind)
    figure: Casualties | Quantity | Money | None = None
    event: EventId | None = None
    about: tuple[Annotated[str, RefKind.EVENT | RefKind.ACTOR], ...] = attrs.field(
        default=(), converter=to_tuple
    )
    when: When | None = None
    via: SourceId | None = None
    responds_to: tuple[StatementId, ...] = attrs.field(default=(), converter=to_tuple)
    disputes: tuple[StatementId, ...] = attrs.field(default=(), converter=to_tuple)
    sources: tuple[Citation, ...] = attrs.field(default=(), converter=to_tuple)

    def cross_check(self) -> Iterable[Problem]:
        """A statement cannot respond to or dispute itself."""
        if self.id not in self.responds_to and self.id not in self.disputes:
            return ()  # checked for every statement loaded: the common case first
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


@attrs.frozen(kw_only=True)
class Provenance(Record):
    """How records were made: who coded them, by which codebook and method, and when.

    Records name it by id (``provenance="plover-gsr-2016"``), so a dataset
    coded one way says so once, not on every record.

    Attributes:
        id: the provenance's id.
        coder: who coded (a person, a team, a rule set, a model).
        method: a `CodingMethod` (``manual``, ``rules``, ``model``,
            ``mixed``) or a namespaced custom one.
        codebook: the scheme coded to (``"PLOVER"``, ``"ACLED"``, ``"CAMEO"``).
        codebook_version: its version (``"0.5b1"``).
        tool: the software or model and its version (``"petrarch2 1.0"``).
        coded: when the coding was done.
        rights: the licence and copyright of the coding.
        description: anything else worth knowing about it.

    Examples:
        >>> Provenance(id="gsr", coder="Parus Analytics", method="manual",
        ...            codebook="PLOVER", codebook_version="0.5b1").method
        <CodingMethod.MANUAL: 'manual'>
    """

    kind_name: ClassVar[str] = "provenance"

    coder: Text | None = None
    method: CodingMethod | str | None = attrs.field(default=None, converter=_coding_method)
    codebook: Text | None = None
    codebook_version: Text | None = None
    tool: Text | None = None
    coded: When | None = None
    rights: Text | None = None
    description: Text | None = None
