"""Controlled vocabularies: the kinds, roles, statuses and relations records use.

Closed vocabularies (`EventStatus`, `RelationKind`, `Qualifier`,
`Certainty`, `LocationPrecision`) accept only their members. Open ones
(`ActorKind`, `SourceKind`, `ParticipantRole`, `StatementKind`,
`CasualtyGroup`, `CodingMethod`) also
accept a *namespaced* custom value such as ``"acme.militia"``: a lowercase
name with a dot, so a custom value can never collide with one eventkit adds
later.
"""

import enum
import functools
import re
from typing import TypeVar

__all__ = [
    "CUSTOM_VALUE",
    "DEFINITIONS",
    "ActorKind",
    "CasualtyGroup",
    "Certainty",
    "CodingMethod",
    "EventStatus",
    "LocationPrecision",
    "ParticipantRole",
    "Qualifier",
    "RelationKind",
    "SourceKind",
    "StatementKind",
    "lookup",
    "vocabulary_message",
]


class ActorKind(enum.StrEnum):
    """What kind of actor a record describes (open: ``"acme.militia"`` works too).

    Examples:
        >>> ActorKind("state") is ActorKind.STATE
        True
    """

    PERSON = "person"
    STATE = "state"
    GOVERNMENT = "government"
    ORGANISATION = "organisation"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    ARMED_GROUP = "armed_group"
    MILITARY = "military"
    POLITICAL_PARTY = "political_party"
    COMPANY = "company"
    MEDIA = "media"
    AGENCY = "agency"
    GROUP = "group"
    OTHER = "other"


class SourceKind(enum.StrEnum):
    """What kind of source information comes from (open).

    Examples:
        >>> SourceKind.READOUT.value
        'readout'
    """

    ARTICLE = "article"
    NEWS_AGENCY = "news_agency"
    READOUT = "readout"
    PRESS_RELEASE = "press_release"
    SOCIAL_POST = "social_post"
    REPORT = "report"
    DATASET = "dataset"
    BROADCAST = "broadcast"
    WEBSITE = "website"
    INTERVIEW = "interview"
    OTHER = "other"


class ParticipantRole(enum.StrEnum):
    """The part an actor plays in an event (open).

    Examples:
        >>> ParticipantRole("initiator")
        <ParticipantRole.INITIATOR: 'initiator'>
    """

    INITIATOR = "initiator"
    RECIPIENT = "recipient"
    PARTICIPANT = "participant"
    TARGET = "target"
    PERPETRATOR = "perpetrator"
    VICTIM = "victim"
    MEDIATOR = "mediator"
    HOST = "host"
    OBSERVER = "observer"
    DONOR = "donor"
    BENEFICIARY = "beneficiary"
    SUPPLIER = "supplier"
    CONSUMER = "consumer"
    SUBJECT = "subject"


class Certainty(enum.StrEnum):
    """How sure the reporting is that an actor took part in an event in its role.

    "Russian or Syrian aircraft" makes both suspected perpetrators: the role
    stays ``perpetrator``, so queries by role find them, and the certainty
    says what the reporting says. No certainty means none was stated.

    Examples:
        >>> Certainty("alleged")
        <Certainty.ALLEGED: 'alleged'>
    """

    CONFIRMED = "confirmed"
    CLAIMED = "claimed"
    ALLEGED = "alleged"
    SUSPECTED = "suspected"
    DENIED = "denied"


class CasualtyGroup(enum.StrEnum):
    """Who casualties were, for a breakdown of a toll (open: ``"acme.miners"``).

    Examples:
        >>> CasualtyGroup.AID_WORKERS.value
        'aid_workers'
    """

    CIVILIANS = "civilians"
    CHILDREN = "children"
    WOMEN = "women"
    COMBATANTS = "combatants"
    SECURITY_FORCES = "security_forces"
    JOURNALISTS = "journalists"
    AID_WORKERS = "aid_workers"
    MEDICAL_WORKERS = "medical_workers"


class LocationPrecision(enum.StrEnum):
    """How exactly a place's coordinates locate what happened (ACLED's geo-precision).

    Examples:
        >>> LocationPrecision("near")
        <LocationPrecision.NEAR: 'near'>
    """

    EXACT = "exact"
    NEAR = "near"
    ADMIN_REGION = "admin_region"
    COUNTRY = "country"


class CodingMethod(enum.StrEnum):
    """How records were coded (open).

    Examples:
        >>> CodingMethod.MODEL.value
        'model'
    """

    MANUAL = "manual"
    RULES = "rules"
    MODEL = "model"
    MIXED = "mixed"


class StatementKind(enum.StrEnum):
    """What kind of statement an actor made (open).

    Examples:
        >>> StatementKind.CONDEMNATION.value
        'condemnation'
    """

    QUOTE = "quote"
    PARAPHRASE = "paraphrase"
    CLAIM = "claim"
    POSITION = "position"
    DEMAND = "demand"
    CONDEMNATION = "condemnation"
    PROMISE = "promise"
    PRAISE = "praise"
    DENIAL = "denial"
    WARNING = "warning"
    ACCOUNT = "account"
    ASSESSMENT = "assessment"
    FIGURE = "figure"


class EventStatus(enum.StrEnum):
    """Whether an event happened, is happening, or may happen.

    Examples:
        >>> EventStatus("speculated") is EventStatus.SPECULATED
        True
    """

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    PLANNED = "planned"
    EXPECTED = "expected"
    PROPOSED = "proposed"
    SPECULATED = "speculated"
    DENIED = "denied"
    CANCELLED = "cancelled"


class RelationKind(enum.StrEnum):
    """How one event relates to another.

    Examples:
        >>> RelationKind.PREPARATION_FOR.value
        'preparation_for'
    """

    PART_OF = "part_of"
    FOLLOWS = "follows"
    PRECEDES = "precedes"
    CAUSED_BY = "caused_by"
    RESPONSE_TO = "response_to"
    PREPARATION_FOR = "preparation_for"
    CONTEXT_OF = "context_of"
    SAME_AS = "same_as"


class Qualifier(enum.StrEnum):
    """How exact a stated number is: "about", "nearly", "at least" and so on.

    Examples:
        >>> Qualifier("nearly").value
        'nearly'
    """

    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


CUSTOM_VALUE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
"""A namespaced custom value of an open vocabulary: ``acme.militia``."""

E = TypeVar("E", bound=enum.StrEnum)


def lookup(vocabulary: type[E], value: object) -> E | None:
    """Return the member of ``vocabulary`` whose value is ``value``, or None."""
    if type(value) is vocabulary:
        return value
    if isinstance(value, str):
        return vocabulary._value2member_map_.get(value)  # type: ignore[return-value]
    return None


DEFINITIONS: dict[type[enum.Enum], dict[str, str]] = {
    ParticipantRole: {
        "initiator": "who began it: called, visited, proposed, attacked first",
        "recipient": "who it was directed at and took part: was called, was visited",
        "participant": "took part, no more specific role given",
        "target": "what or whom an action aimed at (a building, a city, an army)",
        "perpetrator": "who carried out violence or a harmful act",
        "victim": "who suffered harm: the killed, injured, detained",
        "mediator": "brokered between the others",
        "host": "where it took place was theirs: hosted a summit, a visit",
        "observer": "attended without taking part",
        "donor": "gave aid, money or goods",
        "beneficiary": "received aid, money or goods",
        "supplier": "supplied a resource (gas, arms) that was delivered or cut",
        "consumer": "received or lost a supplied resource",
        "subject": "what the event was about, not taking part (a sanctioned person)",
    },
    Certainty: {
        "confirmed": "stated as fact by the reporting, or by the actor itself",
        "claimed": "said by the actor itself or its side (took responsibility)",
        "alleged": "said by others, typically opponents or officials",
        "suspected": "one of several possibilities the reporting names",
        "denied": "the actor denied taking part in this role",
    },
    EventStatus: {
        "occurred": "it happened (the default)",
        "ongoing": "it is happening as reported",
        "planned": "announced to happen",
        "expected": "others expect it to happen",
        "proposed": "suggested, not agreed",
        "speculated": "talked about as possible, without announcement",
        "denied": "reported, and denied by those said to take part",
        "cancelled": "was planned, and was called off",
    },
    StatementKind: {
        "quote": "the speaker's words verbatim (the text is the quote)",
        "paraphrase": "the speaker's words reported, not verbatim",
        "claim": "the speaker asserts something as a fact",
        "position": "the speaker's stance on an issue",
        "demand": "the speaker asks another to do something",
        "condemnation": "the speaker condemns an act or actor",
        "promise": "the speaker commits to do something",
        "praise": "the speaker praises an act or actor",
        "denial": "the speaker denies something",
        "warning": "the speaker warns of consequences",
        "account": "the speaker describes what happened",
        "assessment": "the speaker judges or interprets",
        "figure": "the speaker gives a number: a toll, a sum, a count",
    },
}
"""What the members of the vocabularies a reader most often mixes up mean (for schemas)."""


@functools.cache
def vocabulary_message(vocabulary: type[enum.Enum], is_open: bool) -> str:
    """What a value of ``vocabulary`` must be, in words, listing the values.

    Examples:
        >>> vocabulary_message(Qualifier, False)
        'unknown qualifier; expected one of: about, nearly, at_least, at_most, more_than, less_than'
    """
    names = ", ".join(str(member.value) for member in vocabulary)
    custom = " or a namespaced custom value such as 'acme.custom'" if is_open else ""
    label = re.sub(r"(?<!^)(?=[A-Z])", " ", vocabulary.__name__).lower()
    return f"unknown {label}; expected one of: {names}{custom}"
