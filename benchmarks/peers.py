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
  eventkit caches its parses;
* unknown fields are errors, at every level;
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
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

import msgspec
import pydantic
from pydantic import AfterValidator, ConfigDict, Field, Strict, model_validator
from workload import COUNTRIES

from eventkit import EventStatus, ParticipantRole, Qualifier, RelationKind, StatementKind

__all__ = ["MsgspecPeer", "PydanticPeer", "edtf_problem"]

# --- shared rules ----------------------------------------------------------------

# eventkit's id: printable, no space (Python's str.isprintable()). The regex
# approximates "printable" with the invisible characters news text carries:
# controls, zero-width and bidi marks, the byte order mark, soft hyphens.
_INVISIBLE = r"\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_ID_BODY = rf"[^\s{_INVISIBLE}]{{1,200}}"
_CUSTOM = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+"
_ROLE_BODY = "(?:" + "|".join(m.value for m in ParticipantRole) + "|" + _CUSTOM + ")"
_STATEMENT_KIND_BODY = "(?:" + "|".join(m.value for m in StatementKind) + "|" + _CUSTOM + ")"
# eventkit's text: some non-space character, no controls but tab and line breaks.
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_TEXT_BODY = rf"[^{_CONTROLS}]*[^\s{_CONTROLS}][^{_CONTROLS}]*"
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
if TYPE_CHECKING:
    Country: TypeAlias = str
    TimeUnit: TypeAlias = str
else:  # a Literal of the codes: the documented way to say "one of these" in both peers
    Country = Literal[tuple(sorted(COUNTRIES))]
    TimeUnit = Literal[TIME_UNITS]


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


@functools.lru_cache(maxsize=4096)  # eventkit caches parse_edtf the same way
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


def _place_problem(name: Any, country: Any, lat: Any, lon: Any) -> str | None:
    if (lat is None) != (lon is None):
        return "lat and lon go together"
    if name is None and country is None and lat is None:
        return "a place needs a name, a country or lat/lon"
    return None


# --- pydantic v2 -------------------------------------------------------------------


class PydanticPeer:
    """The schema as pydantic v2 models, and the documented bulk entry points."""

    Id = Annotated[str, Strict(), Field(pattern=_rust(_ID_BODY))]
    Text = Annotated[str, Strict(), Field(pattern=_rust(_TEXT_BODY))]
    Role = Annotated[str, Strict(), Field(pattern=_rust(_ROLE_BODY))]
    StatementKindStr = Annotated[str, Strict(), Field(pattern=_rust(_STATEMENT_KIND_BODY))]
    Number = Annotated[float, Strict()]
    Edtf = Annotated[str, Strict(), AfterValidator(_check_edtf)]

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

    class Place(Base):
        name: PydanticPeer.Text | None = None
        country: Country | None = None
        admin1: PydanticPeer.Text | None = None
        admin2: PydanticPeer.Text | None = None
        admin3: PydanticPeer.Text | None = None
        lat: Annotated[float, Strict(), Field(ge=-90, le=90)] | None = None
        lon: Annotated[float, Strict(), Field(ge=-180, le=180)] | None = None
        geonames: Annotated[int, Strict(), Field(gt=0)] | None = None

        @model_validator(mode="after")
        def _cross(self) -> Any:
            problem = _place_problem(self.name, self.country, self.lat, self.lon)
            if problem:
                raise ValueError(problem)
            return self

    class Participant(Base):
        actor: PydanticPeer.Id
        role: PydanticPeer.Role = "participant"

    class Relation(Base):
        kind: RelationKind
        event: PydanticPeer.Id

    class Citation(Base):
        source: PydanticPeer.Id
        excerpt: PydanticPeer.Text | None = None
        locator: PydanticPeer.Text | None = None

    class Codes(Base):
        plover: PydanticPeer.Text | None = None
        mode: PydanticPeer.Text | None = None
        context: tuple[PydanticPeer.Text, ...] = ()
        cameo: PydanticPeer.Text | None = None
        acled: PydanticPeer.Text | None = None

    class Event(Base):
        type: Literal["event"]
        id: PydanticPeer.Id
        title: PydanticPeer.Text
        summary: PydanticPeer.Text | None = None
        when: PydanticPeer.When | None = None
        duration: PydanticPeer.Duration | None = None
        place: PydanticPeer.Place | None = None
        participants: tuple[PydanticPeer.Participant, ...] = ()
        status: EventStatus = EventStatus.OCCURRED
        related: tuple[PydanticPeer.Relation, ...] = ()
        sources: tuple[PydanticPeer.Citation, ...] = ()
        codes: PydanticPeer.Codes | None = None
        tags: tuple[PydanticPeer.Text, ...] = ()

    class PhoneCall(Event):
        type: Literal["phone_call"]  # type: ignore[assignment]

    class Statement(Base):
        type: Literal["statement"]
        id: PydanticPeer.Id
        speaker: PydanticPeer.Id
        text: PydanticPeer.Text
        quote: PydanticPeer.Text | None = None
        kind: PydanticPeer.StatementKindStr = "claim"
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
    PydanticPeer.Place,
    PydanticPeer.Participant,
    PydanticPeer.Relation,
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
        value: float | None = None
        low: float | None = None
        high: float | None = None
        unit: TimeUnit
        qualifier: Qualifier | None = None

        def __post_init__(self) -> None:
            problem = _quantity_problem(self.value, self.low, self.high)
            if problem:
                raise ValueError(problem)

    class Place(Base, frozen=True, kw_only=True):
        name: MsgspecPeer.Text | None = None
        country: Country | None = None
        admin1: MsgspecPeer.Text | None = None
        admin2: MsgspecPeer.Text | None = None
        admin3: MsgspecPeer.Text | None = None
        lat: Annotated[float, msgspec.Meta(ge=-90, le=90)] | None = None
        lon: Annotated[float, msgspec.Meta(ge=-180, le=180)] | None = None
        geonames: Annotated[int, msgspec.Meta(gt=0)] | None = None

        def __post_init__(self) -> None:
            problem = _place_problem(self.name, self.country, self.lat, self.lon)
            if problem:
                raise ValueError(problem)

    class Participant(Base, frozen=True, kw_only=True):
        actor: MsgspecPeer.Id
        role: MsgspecPeer.Role = "participant"

    class Relation(Base, frozen=True, kw_only=True):
        kind: RelationKind
        event: MsgspecPeer.Id

    class Citation(Base, frozen=True, kw_only=True):
        source: MsgspecPeer.Id
        excerpt: MsgspecPeer.Text | None = None
        locator: MsgspecPeer.Text | None = None

    class Codes(Base, frozen=True, kw_only=True):
        plover: MsgspecPeer.Text | None = None
        mode: MsgspecPeer.Text | None = None
        context: tuple[MsgspecPeer.Text, ...] = ()
        cameo: MsgspecPeer.Text | None = None
        acled: MsgspecPeer.Text | None = None

    class Event(Base, frozen=True, kw_only=True, tag_field="type", tag="event"):
        id: MsgspecPeer.Id
        title: MsgspecPeer.Text
        summary: MsgspecPeer.Text | None = None
        when: str | MsgspecPeer.WhenText | None = None
        duration: MsgspecPeer.Duration | None = None
        place: MsgspecPeer.Place | None = None
        participants: tuple[MsgspecPeer.Participant, ...] = ()
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

    class PhoneCall(Event, frozen=True, kw_only=True, tag="phone_call"):
        pass

    class Statement(Base, frozen=True, kw_only=True, tag_field="type", tag="statement"):
        id: MsgspecPeer.Id
        speaker: MsgspecPeer.Id
        text: MsgspecPeer.Text
        quote: MsgspecPeer.Text | None = None
        kind: MsgspecPeer.StatementKindStr = "claim"
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
            if self.id in self.responds_to or self.id in self.disputes:
                msg = "must not name the statement itself"
                raise ValueError(msg)

    Record = Event | PhoneCall | Statement
    decoder: msgspec.json.Decoder[Any]
    encoder: msgspec.json.Encoder


MsgspecPeer.decoder = msgspec.json.Decoder(MsgspecPeer.Record)
MsgspecPeer.encoder = msgspec.json.Encoder()
