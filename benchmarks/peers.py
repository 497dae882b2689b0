"""The eventkit schema rebuilt in pydantic v2 and in msgspec, with the same rules.

Both peers enforce what eventkit's records enforce for these fields:

* ids: 1-200 characters, no whitespace or control characters;
* names, titles, texts, tags: non-empty and not only whitespace;
* countries: ISO 3166-1 alpha-3 (the same pycountry table, see ``workload.COUNTRIES``);
* lat -90..90 and lon -180..180, real numbers (not strings, not booleans), in pairs;
  a place needs a name, a country or coordinates;
* closed vocabularies (event status, relation kind, qualifier) as eventkit's own
  enums; open ones (participant role, statement kind) as the member values or a
  namespaced custom value (``acme.note_taker``);
* ``when``: an EDTF string (or ``{"edtf", "text"}``) checked by the same grammar
  and calendar rules as ``ek.parse_edtf``: :func:`edtf_problem`, cached like
  eventkit caches its parses (the same size, cleared by the harness when it
  clears eventkit's: :func:`clear_caches`);
* unknown fields are errors, at every level;
* every field eventkit's classes have, with its rules, whether the workload
  uses it or not: a record's ``identifiers`` (scheme syntax, Wikidata and the
  other known schemes' id syntax), ``provenance`` and ``comment``; a place's
  ``admin1..3``, ``precision`` (only with coordinates) and ``identifiers``; a
  citation's ``offsets`` (``end >= start``) and ``confidence`` (0 to 1); a
  participant's ``certainty``; an event's ``casualties`` (counts, ``displaced``,
  per-group tolls), ``casualties_from``, ``size`` (a count) and ``codes``
  (PLOVER, CAMEO and ACLED values from eventkit's tables, a mode of its type,
  a sub-event of its event type); a phone call's ``topics`` and ``video``; a
  statement's ``figure`` (casualties, a quantity or an amount of money);
* a tagged union on ``"type"``: ``event``, ``phone_call`` (a subclass of event),
  ``statement``.

Each library is used the way its documentation recommends: pydantic with a
discriminated union in one reused ``TypeAdapter``, constraints as ``Field``
metadata and strict scalars; msgspec with ``Struct`` tagged unions, ``Meta``
constraints, ``__post_init__`` for cross-field checks, and reused
``Decoder``/``Encoder`` objects.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

import msgspec
import pycountry
import pydantic
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict, model_validator
from workload import COUNTRIES

from eventkit import (
    CasualtyGroup,
    Certainty,
    EventStatus,
    LocationPrecision,
    ParticipantRole,
    Qualifier,
    RelationKind,
    StatementKind,
)
from eventkit._plover import cameo_descriptions  # the table ek.Codes checks CAMEO codes against
from eventkit.codes import (
    ACLED_DISORDER_TYPES,
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
)

__all__ = ["MsgspecPeer", "PydanticPeer", "clear_caches", "edtf_problem"]

# --- shared rules ----------------------------------------------------------------

# eventkit's id: printable, no space (Python's str.isprintable()). The regex
# approximates "printable" with the invisible characters news text carries:
# controls, zero-width and bidi marks, the byte order mark, soft hyphens.
_INVISIBLE = r"\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_ID_BODY = rf"[^\s{_INVISIBLE}]{{1,200}}"
_CUSTOM = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+"
_ROLE_BODY = "(?:" + "|".join(m.value for m in ParticipantRole) + "|" + _CUSTOM + ")"
_STATEMENT_KIND_BODY = "(?:" + "|".join(m.value for m in StatementKind) + "|" + _CUSTOM + ")"
_GROUP_BODY = "(?:" + "|".join(m.value for m in CasualtyGroup) + "|" + _CUSTOM + ")"
# eventkit's text: some non-space character, no controls but tab and line breaks.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_TEXT_BODY = rf"[^{_CONTROLS}]*[^\s{_CONTROLS}][^{_CONTROLS}]*"
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)  # eventkit's table
_SUB_EVENTS = {sub: kind for kind, subs in ACLED_EVENT_TYPES.items() for sub in subs}
_CAMEO = tuple(sorted(cameo_descriptions()))  # eventkit's CAMEO table
if TYPE_CHECKING:
    Country: TypeAlias = str
    Currency: TypeAlias = str
    TimeUnit: TypeAlias = str
    PloverType: TypeAlias = str
    PloverContext: TypeAlias = str
    CameoCode: TypeAlias = str
    AcledType: TypeAlias = str
    AcledSubEvent: TypeAlias = str
    AcledDisorder: TypeAlias = str
else:  # a Literal of the codes: the documented way to say "one of these" in both peers
    Country = Literal[tuple(sorted(COUNTRIES))]
    Currency = Literal[tuple(sorted(CURRENCIES))]
    TimeUnit = Literal[TIME_UNITS]
    PloverType = Literal[tuple(PLOVER_EVENT_TYPES)]
    PloverContext = Literal[tuple(PLOVER_CONTEXTS)]
    CameoCode = Literal[_CAMEO]
    AcledType = Literal[tuple(ACLED_EVENT_TYPES)]
    AcledSubEvent = Literal[tuple(_SUB_EVENTS)]
    AcledDisorder = Literal[tuple(ACLED_DISORDER_TYPES)]


def _rust(body: str) -> str:
    # pydantic's default regex engine (Rust) searches; ``$`` there is the very end.
    return f"^{body}$"


def _python(body: str) -> str:
    # msgspec uses Python's ``re.search``; ``$`` would also match before a final
    # newline, so the end is ``\Z``.
    return rf"^{body}\Z"


_EDTF = re.compile(
    r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
    r"(?:T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?([~?%])?"
)


def _point(text: str) -> tuple[datetime, datetime] | str:  # noqa: PLR0911 - a return per rule
    """Return the (earliest, latest) bounds of one EDTF date, or what is wrong."""
    match = _EDTF.fullmatch(text)
    if match is None:
        return "not an EDTF date"
    year_s, month_s, day_s, hour_s, minute_s, second_s, tz, qualifier = match.groups()
    year = int(year_s)
    if not 1 <= year <= 9999:
        return "year out of range"
    month = None if month_s is None else int(month_s)
    if month is not None and not 1 <= month <= 12:
        return "month out of range"
    day = None if day_s is None else int(day_s)
    if (
        day is not None
        and month is not None
        and not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        return "day out of range"
    hour = None if hour_s is None else int(hour_s)
    minute = None if minute_s is None else int(minute_s)
    second = None if second_s is None else int(second_s)
    if (hour is not None and hour > 23) or (minute is not None and minute > 59):
        return "time out of range"
    if second is not None and second > 59:
        return "second out of range"
    offset = 0
    if tz is not None and tz != "Z":
        if int(tz[4:]) > 59:
            return "offset minutes out of range"
        offset = int(tz[1:3]) * 60 + int(tz[4:])
        if offset > 18 * 60:
            return "offset out of range"
        if tz[0] == "-":
            offset = -offset
    if qualifier is not None and hour is not None:
        return "qualifier on a time"
    zone = timezone(timedelta(minutes=offset)) if offset else UTC
    last_month = 12 if month is None else month
    last_day = calendar.monthrange(year, last_month)[1] if day is None else day
    earliest = datetime(
        year, month or 1, day or 1, hour or 0, minute or 0, second or 0, tzinfo=zone
    )
    latest = datetime(
        year,
        last_month,
        last_day,
        23 if hour is None else hour,
        59 if minute is None else minute,
        59 if second is None else second,
        999_999,
        tzinfo=zone,
    )
    return earliest, latest


@functools.lru_cache(maxsize=32_768)  # eventkit caches parse_edtf the same way, as many
def edtf_problem(text: str) -> str | None:
    """Return what is wrong with an EDTF date or interval, or ``None`` if it is valid.

    The same grammar and rules as ``ek.parse_edtf``: ``YYYY[-MM[-DD[Thh[:mm[:ss]][offset]]]]``
    with a qualifier (``~ ? %``) on dates only, real calendar days, offsets up to ±18 h,
    intervals ``start/end`` with ``..`` for an open end, the end not before the start.
    """
    if "/" not in text:
        found = _point(text)
        return found if isinstance(found, str) else None
    start_text, _, end_text = text.partition("/")
    if start_text == ".." and end_text == "..":
        return "both ends open"
    start = None if start_text == ".." else _point(start_text)
    end = None if end_text == ".." else _point(end_text)
    if isinstance(start, str):
        return start
    if isinstance(end, str):
        return end
    if start is not None and end is not None and end[1] < start[0]:
        return "end before start"
    return None


def clear_caches() -> None:
    """Forget the dates checked so far (the harness does it when it clears eventkit's)."""
    edtf_problem.cache_clear()


_SCHEME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_ID_SYNTAX = {  # the schemes eventkit knows, with its patterns
    "wikidata": re.compile(r"Q[1-9][0-9]*"),
    "geonames": re.compile(r"[1-9][0-9]*"),
    "isni": re.compile(r"[0-9]{15}[0-9X]"),
    "lei": re.compile(r"[A-Z0-9]{18}[0-9]{2}"),
    "viaf": re.compile(r"[1-9][0-9]*"),
}
_TEXT = re.compile(_TEXT_BODY + r"\Z", re.DOTALL)


def identifiers_problem(value: dict[str, str]) -> str | None:
    """What is wrong with a mapping of scheme to id, as eventkit's ``identifiers`` check."""
    for scheme, ident in value.items():
        if _SCHEME.fullmatch(scheme) is None:
            return "scheme must be a lowercase name such as wikidata, or acme.db"
        if _TEXT.match(ident) is None:
            return "not text"
        syntax = _ID_SYNTAX.get(scheme)
        if syntax is not None and syntax.fullmatch(ident) is None:
            return f"not a {scheme} id"
    return None


def _check_identifiers(value: dict[str, str]) -> dict[str, str]:
    problem = identifiers_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _count_problem(value: Any, low: Any, high: Any) -> str | None:
    for number in (value, low, high):
        if number is not None and (type(number) is not int or number < 0):
            return "a count must be a non-negative whole number"
    return _quantity_problem(value, low, high)


def _codes_problem(plover: Any, mode: Any, acled: Any, sub_event: Any) -> str | None:
    if mode is not None and (plover is None or mode not in PLOVER_MODES[plover]):
        return "not a mode of the PLOVER type"
    if acled is not None and sub_event is not None and _SUB_EVENTS[sub_event] != acled:
        return "not a sub-event type of the ACLED event type"
    return None


def _no_float(value: Any) -> Any:
    if isinstance(value, float):  # eventkit reads an amount from a string or an integer only
        msg = "an amount is a decimal string or an integer"
        raise ValueError(msg)
    return value


def _check_edtf(value: str) -> str:
    problem = edtf_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _quantity_problem(value: Any, low: Any, high: Any) -> str | None:
    if value is None and low is None and high is None:
        return "a quantity needs a value, a low or a high bound"
    for a, b in ((low, high), (low, value), (value, high)):
        if a is not None and b is not None and a > b:
            return "bounds out of order"
    return None


def _place_problem(name: Any, country: Any, lat: Any, lon: Any, precision: Any) -> str | None:
    if (lat is None) != (lon is None):
        return "lat and lon go together"
    if name is None and country is None and lat is None:
        return "a place needs a name, a country or lat/lon"
    if precision is not None and lat is None:
        return "a precision is that of the coordinates"
    return None


# --- pydantic v2 -------------------------------------------------------------------


class PydanticPeer:
    """The schema as pydantic v2 models, and the documented bulk entry points."""

    Id = Annotated[str, Strict(), Field(pattern=_rust(_ID_BODY))]
    Text = Annotated[str, Strict(), Field(pattern=_rust(_TEXT_BODY))]
    Role = Annotated[str, Strict(), Field(pattern=_rust(_ROLE_BODY))]
    StatementKindStr = Annotated[str, Strict(), Field(pattern=_rust(_STATEMENT_KIND_BODY))]
    Group = Annotated[str, Strict(), Field(pattern=_rust(_GROUP_BODY))]
    # eventkit keeps a whole number as an int (it writes 27, not 27.0)
    Number = Annotated[int, Strict()] | Annotated[float, Strict()]
    Edtf = Annotated[str, Strict(), AfterValidator(_check_edtf)]
    Identifiers = Annotated[
        dict[Annotated[str, Strict()], Annotated[str, Strict()]], AfterValidator(_check_identifiers)
    ]

    class Base(pydantic.BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    class WhenText(Base):
        edtf: PydanticPeer.Edtf
        text: Annotated[str, Strict()]

    When = Edtf | WhenText

    class Duration(Base):
        value: PydanticPeer.Number | None = None
        low: PydanticPeer.Number | None = None
        high: PydanticPeer.Number | None = None
        unit: TimeUnit
        qualifier: Qualifier | None = None

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)
            return self

    class Quantity(Base):
        value: PydanticPeer.Number | None = None
        low: PydanticPeer.Number | None = None
        high: PydanticPeer.Number | None = None
        unit: PydanticPeer.Text | None = None
        qualifier: Qualifier | None = None

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)
            return self

    class Count(Base):
        value: Annotated[int, Strict(), Field(ge=0)] | None = None
        low: Annotated[int, Strict(), Field(ge=0)] | None = None
        high: Annotated[int, Strict(), Field(ge=0)] | None = None
        qualifier: Qualifier | None = None

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _count_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)
            return self

    class Money(Base):
        amount: Annotated[Decimal, BeforeValidator(_no_float), Field(allow_inf_nan=False)]
        currency: Currency
        qualifier: Qualifier | None = None

    class GroupCasualties(Base):
        killed: PydanticPeer.Count | None = None
        injured: PydanticPeer.Count | None = None
        missing: PydanticPeer.Count | None = None
        arrested: PydanticPeer.Count | None = None
        displaced: PydanticPeer.Count | None = None
        group: PydanticPeer.Group

    class Casualties(Base):
        killed: PydanticPeer.Count | None = None
        injured: PydanticPeer.Count | None = None
        missing: PydanticPeer.Count | None = None
        arrested: PydanticPeer.Count | None = None
        displaced: PydanticPeer.Count | None = None
        groups: tuple[PydanticPeer.GroupCasualties, ...] = ()

    class Place(Base):
        name: PydanticPeer.Text | None = None
        country: Country | None = None
        admin1: PydanticPeer.Text | None = None
        admin2: PydanticPeer.Text | None = None
        admin3: PydanticPeer.Text | None = None
        lat: Annotated[float, Strict(), Field(ge=-90, le=90)] | None = None
        lon: Annotated[float, Strict(), Field(ge=-180, le=180)] | None = None
        precision: LocationPrecision | None = None
        geonames: Annotated[int, Strict(), Field(gt=0)] | None = None
        identifiers: PydanticPeer.Identifiers = Field(default_factory=dict)

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _place_problem(self.name, self.country, self.lat, self.lon, self.precision)
            if problem:
                raise ValueError(problem)
            return self

    class Participant(Base):
        actor: PydanticPeer.Id
        role: PydanticPeer.Role = "participant"
        certainty: Certainty | None = None

    class Relation(Base):
        kind: RelationKind
        event: PydanticPeer.Id

    class Offsets(Base):
        start: Annotated[int, Strict(), Field(ge=0)]
        end: Annotated[int, Strict(), Field(ge=0)]

        @model_validator(mode="after")
        def _cross(self) -> Any:
            if self.end < self.start:
                msg = "end before start"
                raise ValueError(msg)
            return self

    class Citation(Base):
        source: PydanticPeer.Id
        excerpt: PydanticPeer.Text | None = None
        locator: PydanticPeer.Text | None = None
        offsets: PydanticPeer.Offsets | None = None
        confidence: Annotated[float, Strict(), Field(ge=0, le=1)] | None = None

    class Codes(Base):
        plover: PloverType | None = None
        mode: PydanticPeer.Text | None = None
        context: tuple[PloverContext, ...] = ()
        cameo: CameoCode | None = None
        acled: AcledType | None = None
        acled_sub_event: AcledSubEvent | None = None
        acled_disorder: tuple[AcledDisorder, ...] = ()
        original: dict[Annotated[str, Strict()], PydanticPeer.Text] = Field(default_factory=dict)

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _codes_problem(self.plover, self.mode, self.acled, self.acled_sub_event)
            if problem:
                raise ValueError(problem)
            return self

    class Event(Base):
        type: Literal["event"]
        id: PydanticPeer.Id
        identifiers: PydanticPeer.Identifiers = Field(default_factory=dict)
        provenance: PydanticPeer.Id | None = None
        comment: PydanticPeer.Text | None = None
        title: PydanticPeer.Text
        summary: PydanticPeer.Text | None = None
        when: PydanticPeer.When | None = None
        duration: PydanticPeer.Duration | None = None
        place: PydanticPeer.Place | None = None
        participants: tuple[PydanticPeer.Participant, ...] = ()
        casualties: PydanticPeer.Casualties | None = None
        casualties_from: PydanticPeer.Id | None = None
        size: PydanticPeer.Count | None = None
        status: EventStatus = EventStatus.OCCURRED
        related: tuple[PydanticPeer.Relation, ...] = ()
        sources: tuple[PydanticPeer.Citation, ...] = ()
        codes: PydanticPeer.Codes | None = None
        tags: tuple[PydanticPeer.Text, ...] = ()

    class PhoneCall(Event):
        type: Literal["phone_call"]  # type: ignore[assignment]
        topics: tuple[PydanticPeer.Text, ...] = ()
        video: Annotated[bool, Strict()] = False

    class Statement(Base):
        type: Literal["statement"]
        id: PydanticPeer.Id
        identifiers: PydanticPeer.Identifiers = Field(default_factory=dict)
        provenance: PydanticPeer.Id | None = None
        comment: PydanticPeer.Text | None = None
        speaker: PydanticPeer.Id
        text: PydanticPeer.Text
        quote: PydanticPeer.Text | None = None
        kind: PydanticPeer.StatementKindStr = "claim"
        # eventkit takes the first member the value is: casualties, a quantity, money.
        figure: (
            Annotated[
                PydanticPeer.Casualties | PydanticPeer.Quantity | PydanticPeer.Money,
                Field(union_mode="left_to_right"),
            ]
            | None
        ) = None
        event: PydanticPeer.Id | None = None
        about: tuple[PydanticPeer.Id, ...] = ()
        when: PydanticPeer.When | None = None
        via: PydanticPeer.Id | None = None
        responds_to: tuple[PydanticPeer.Id, ...] = ()
        disputes: tuple[PydanticPeer.Id, ...] = ()
        sources: tuple[PydanticPeer.Citation, ...] = ()

        @model_validator(mode="after")
        def _cross(self) -> Any:
            if self.id in self.responds_to or self.id in self.disputes:
                msg = "must not name the statement itself"
                raise ValueError(msg)
            return self

    Record = Annotated[Event | PhoneCall | Statement, Field(discriminator="type")]
    adapter: pydantic.TypeAdapter[Any]


# Models refer to each other by forward reference inside the namespace class.
for _model in (
    PydanticPeer.WhenText,
    PydanticPeer.Duration,
    PydanticPeer.Quantity,
    PydanticPeer.Count,
    PydanticPeer.Money,
    PydanticPeer.GroupCasualties,
    PydanticPeer.Casualties,
    PydanticPeer.Place,
    PydanticPeer.Participant,
    PydanticPeer.Relation,
    PydanticPeer.Offsets,
    PydanticPeer.Citation,
    PydanticPeer.Codes,
    PydanticPeer.Event,
    PydanticPeer.PhoneCall,
    PydanticPeer.Statement,
):
    _model.model_rebuild(_types_namespace={"PydanticPeer": PydanticPeer})
PydanticPeer.adapter = pydantic.TypeAdapter(PydanticPeer.Record)


# --- msgspec -----------------------------------------------------------------------


class MsgspecPeer:
    """The schema as msgspec Structs, and the documented bulk entry points."""

    Id = Annotated[str, msgspec.Meta(pattern=_python(_ID_BODY))]
    Text = Annotated[str, msgspec.Meta(pattern=_python(_TEXT_BODY))]
    Role = Annotated[str, msgspec.Meta(pattern=_python(_ROLE_BODY))]
    StatementKindStr = Annotated[str, msgspec.Meta(pattern=_python(_STATEMENT_KIND_BODY))]
    Group = Annotated[str, msgspec.Meta(pattern=_python(_GROUP_BODY))]
    NonNegative = Annotated[int, msgspec.Meta(ge=0)]

    class Base(
        msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
    ):
        pass

    class WhenText(Base, frozen=True, kw_only=True):
        edtf: str
        text: str

        def __post_init__(self) -> None:
            problem = edtf_problem(self.edtf)
            if problem:
                raise ValueError(problem)

    class Duration(Base, frozen=True, kw_only=True):
        value: int | float | None = None
        low: int | float | None = None
        high: int | float | None = None
        unit: TimeUnit
        qualifier: Qualifier | None = None

        def __post_init__(self) -> None:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)

    class Quantity(Base, frozen=True, kw_only=True):
        value: int | float | None = None
        low: int | float | None = None
        high: int | float | None = None
        unit: MsgspecPeer.Text | None = None
        qualifier: Qualifier | None = None

        def __post_init__(self) -> None:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)

    class Count(Base, frozen=True, kw_only=True):
        value: MsgspecPeer.NonNegative | None = None
        low: MsgspecPeer.NonNegative | None = None
        high: MsgspecPeer.NonNegative | None = None
        qualifier: Qualifier | None = None

        def __post_init__(self) -> None:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)

    class Money(Base, frozen=True, kw_only=True):
        amount: Decimal
        currency: Currency
        qualifier: Qualifier | None = None

        def __post_init__(self) -> None:
            if not self.amount.is_finite():
                msg = "not a finite amount"
                raise ValueError(msg)

    class GroupCasualties(Base, frozen=True, kw_only=True):
        killed: MsgspecPeer.Count | None = None
        injured: MsgspecPeer.Count | None = None
        missing: MsgspecPeer.Count | None = None
        arrested: MsgspecPeer.Count | None = None
        displaced: MsgspecPeer.Count | None = None
        group: MsgspecPeer.Group

    class Casualties(Base, frozen=True, kw_only=True):
        killed: MsgspecPeer.Count | None = None
        injured: MsgspecPeer.Count | None = None
        missing: MsgspecPeer.Count | None = None
        arrested: MsgspecPeer.Count | None = None
        displaced: MsgspecPeer.Count | None = None
        groups: tuple[MsgspecPeer.GroupCasualties, ...] = ()

    class Place(Base, frozen=True, kw_only=True):
        name: MsgspecPeer.Text | None = None
        country: Country | None = None
        admin1: MsgspecPeer.Text | None = None
        admin2: MsgspecPeer.Text | None = None
        admin3: MsgspecPeer.Text | None = None
        lat: Annotated[float, msgspec.Meta(ge=-90, le=90)] | None = None
        lon: Annotated[float, msgspec.Meta(ge=-180, le=180)] | None = None
        precision: LocationPrecision | None = None
        geonames: Annotated[int, msgspec.Meta(gt=0)] | None = None
        identifiers: dict[str, str] = msgspec.field(default_factory=dict)

        def __post_init__(self) -> None:
            problem = _place_problem(
                self.name, self.country, self.lat, self.lon, self.precision
            ) or (self.identifiers and identifiers_problem(self.identifiers))
            if problem:
                raise ValueError(problem)

    class Participant(Base, frozen=True, kw_only=True):
        actor: MsgspecPeer.Id
        role: MsgspecPeer.Role = "participant"
        certainty: Certainty | None = None

    class Relation(Base, frozen=True, kw_only=True):
        kind: RelationKind
        event: MsgspecPeer.Id

    class Offsets(Base, frozen=True, kw_only=True):
        start: MsgspecPeer.NonNegative
        end: MsgspecPeer.NonNegative

        def __post_init__(self) -> None:
            if self.end < self.start:
                msg = "end before start"
                raise ValueError(msg)

    class Citation(Base, frozen=True, kw_only=True):
        source: MsgspecPeer.Id
        excerpt: MsgspecPeer.Text | None = None
        locator: MsgspecPeer.Text | None = None
        offsets: MsgspecPeer.Offsets | None = None
        confidence: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None

    class Codes(Base, frozen=True, kw_only=True):
        plover: PloverType | None = None
        mode: MsgspecPeer.Text | None = None
        context: tuple[PloverContext, ...] = ()
        cameo: CameoCode | None = None
        acled: AcledType | None = None
        acled_sub_event: AcledSubEvent | None = None
        acled_disorder: tuple[AcledDisorder, ...] = ()
        original: dict[str, MsgspecPeer.Text] = msgspec.field(default_factory=dict)

        def __post_init__(self) -> None:
            problem = _codes_problem(self.plover, self.mode, self.acled, self.acled_sub_event)
            if problem:
                raise ValueError(problem)

    class Event(Base, frozen=True, kw_only=True, tag_field="type", tag="event"):
        id: MsgspecPeer.Id
        identifiers: dict[str, str] = msgspec.field(default_factory=dict)
        provenance: MsgspecPeer.Id | None = None
        comment: MsgspecPeer.Text | None = None
        title: MsgspecPeer.Text
        summary: MsgspecPeer.Text | None = None
        when: str | MsgspecPeer.WhenText | None = None
        duration: MsgspecPeer.Duration | None = None
        place: MsgspecPeer.Place | None = None
        participants: tuple[MsgspecPeer.Participant, ...] = ()
        casualties: MsgspecPeer.Casualties | None = None
        casualties_from: MsgspecPeer.Id | None = None
        size: MsgspecPeer.Count | None = None
        status: EventStatus = EventStatus.OCCURRED
        related: tuple[MsgspecPeer.Relation, ...] = ()
        sources: tuple[MsgspecPeer.Citation, ...] = ()
        codes: MsgspecPeer.Codes | None = None
        tags: tuple[MsgspecPeer.Text, ...] = ()

        def __post_init__(self) -> None:
            if type(self.when) is str:
                problem = edtf_problem(self.when)
                if problem:
                    raise ValueError(problem)
            if self.identifiers:
                problem = identifiers_problem(self.identifiers)
                if problem:
                    raise ValueError(problem)

    class PhoneCall(Event, frozen=True, kw_only=True, tag="phone_call"):
        topics: tuple[MsgspecPeer.Text, ...] = ()
        video: bool = False

    class Statement(Base, frozen=True, kw_only=True, tag_field="type", tag="statement"):
        id: MsgspecPeer.Id
        identifiers: dict[str, str] = msgspec.field(default_factory=dict)
        provenance: MsgspecPeer.Id | None = None
        comment: MsgspecPeer.Text | None = None
        speaker: MsgspecPeer.Id
        text: MsgspecPeer.Text
        quote: MsgspecPeer.Text | None = None
        kind: MsgspecPeer.StatementKindStr = "claim"
        # msgspec takes one Struct type in an untagged union: the figure is read
        # as an object and converted after, by its keys, as eventkit's union picks.
        figure: dict[str, Any] | None = None
        event: MsgspecPeer.Id | None = None
        about: tuple[MsgspecPeer.Id, ...] = ()
        when: str | MsgspecPeer.WhenText | None = None
        via: MsgspecPeer.Id | None = None
        responds_to: tuple[MsgspecPeer.Id, ...] = ()
        disputes: tuple[MsgspecPeer.Id, ...] = ()
        sources: tuple[MsgspecPeer.Citation, ...] = ()

        def __post_init__(self) -> None:
            if type(self.when) is str:
                problem = edtf_problem(self.when)
                if problem:
                    raise ValueError(problem)
            if self.identifiers:
                problem = identifiers_problem(self.identifiers)
                if problem:
                    raise ValueError(problem)
            if self.figure is not None:
                _msgspec_figure(self.figure)
            if self.id in self.responds_to or self.id in self.disputes:
                msg = "must not name the statement itself"
                raise ValueError(msg)

    Record = Event | PhoneCall | Statement
    decoder: msgspec.json.Decoder[Any]
    encoder: msgspec.json.Encoder


def _msgspec_figure(figure: dict[str, Any]) -> Any:
    """A statement's figure as eventkit reads it: casualties, else a quantity, else money."""
    for member in (MsgspecPeer.Casualties, MsgspecPeer.Quantity, MsgspecPeer.Money):
        try:
            return msgspec.convert(figure, member)
        except msgspec.ValidationError:
            continue
    msg = "not casualties, a quantity or an amount of money"
    raise ValueError(msg)


MsgspecPeer.decoder = msgspec.json.Decoder(MsgspecPeer.Record)
MsgspecPeer.encoder = msgspec.json.Encoder()
