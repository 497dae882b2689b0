"""The built-in event taxonomy, aligned with PLOVER and CAMEO.

Each built-in type is a frozen attrs subclass of `eventkit.Event`
registered under a plain tag (``"phone_call"``) and carries its coding as the
class attribute ``plover_codes``: its PLOVER event type and mode, its CAMEO
code and, where one fits, its ACLED sub-event type. A record's own ``codes``
field refines that per record (contexts, a more specific mode);
`codes_of` merges the two.

The hierarchy::

    Event
    ├── Communication            CONSULT                 040
    │   ├── PhoneCall            CONSULT phone           041
    │   └── Meeting              CONSULT                 040
    │       ├── Visit            CONSULT visit           042
    │       ├── Summit           CONSULT multilateral    040
    │       └── Negotiation      CONSULT                 046
    ├── DiplomaticStatement      (none: PLOVER dropped)  010
    ├── Attack                   ASSAULT                 190
    │   ├── Airstrike            ASSAULT aerial          195
    │   │   └── DroneStrike      ASSAULT drone           195
    │   └── MissileStrike        ASSAULT heavy-weapons   195
    ├── Aid                      AID                     070
    │   ├── AidPledge            AGREE                   033
    │   └── AidDelivery          AID                     070
    ├── Mobilization             MOBILIZE                150
    │   ├── Deployment           MOBILIZE troops         154
    │   └── ShowOfForce          MOBILIZE weapons        150
    ├── SupplyCut                SANCTION discontinue    160
    ├── Sanction                 SANCTION discontinue    163
    ├── Protest                  PROTEST                 140
    ├── Agreement                SUPPORT                 057
    └── PoliticalCrisis          (none) political_institutions

Every other PLOVER type, mode and context is available through
`eventkit.Codes` on any event.
"""

import enum
from typing import ClassVar

import attrs

from eventkit._codes import Codes, builtin_codes
from eventkit._fields import Text, keeps_typed
from eventkit._friendly import to_tuple
from eventkit._records import Event, Money, Quantity
from eventkit._time import When
from eventkit._validated import to_member

__all__ = [
    "BUILTIN_TYPES",
    "Agreement",
    "Aid",
    "AidDelivery",
    "AidKind",
    "AidPledge",
    "Airstrike",
    "Attack",
    "Communication",
    "Deployment",
    "DiplomaticStatement",
    "DroneStrike",
    "Meeting",
    "MissileStrike",
    "Mobilization",
    "Negotiation",
    "PhoneCall",
    "PoliticalCrisis",
    "Protest",
    "Sanction",
    "ShowOfForce",
    "Summit",
    "SupplyCut",
    "Visit",
    "codes_of",
]


class AidKind(enum.StrEnum):
    """What kind of aid is given (the CAMEO 07 subcategories).

    Examples:
        >>> AidKind("military")
        <AidKind.MILITARY: 'military'>
    """

    ECONOMIC = "economic"
    MILITARY = "military"
    HUMANITARIAN = "humanitarian"
    PEACEKEEPING = "peacekeeping"
    ASYLUM = "asylum"


def _to_aid_kind(value: AidKind | str | None) -> AidKind | None:
    return to_member(value, AidKind)  # type: ignore[no-any-return]


keeps_typed(_to_aid_kind)


# --- consultation ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Communication(Event):
    """Actors consulting each other, by any means (PLOVER CONSULT; CAMEO 040).

    Attributes:
        topics: what was discussed, in words.

    Examples:
        >>> Communication(id="c1", title="Consultations with G7 partners",
        ...               topics=["call with Putin"]).plover_codes.plover
        'CONSULT'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="CONSULT", cameo="040")

    topics: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class PhoneCall(Communication):
    """A telephone or video call (PLOVER CONSULT, mode phone; CAMEO 041).

    Give the caller the participant role ``initiator`` and the one called
    ``recipient``; ``duration`` (on every event) says how long it lasted.

    Attributes:
        video: whether it was a video call.

    Examples:
        >>> import eventkit as ek
        >>> call = PhoneCall(id="call", title="Scholz–Putin call",
        ...                  duration=ek.Quantity(value=1, unit="hour", qualifier="about"),
        ...     participants=[ek.Participant(actor="olaf-scholz", role="initiator"),
        ...                   ek.Participant(actor="vladimir-putin", role="recipient")])
        >>> call.actors("initiator"), PhoneCall.plover_codes.mode
        (('olaf-scholz',), 'phone')
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="CONSULT", mode="phone", cameo="041")

    video: bool = False


@attrs.frozen(kw_only=True)
class Meeting(Communication):
    """Actors meeting in person (PLOVER CONSULT; CAMEO 040).

    Examples:
        >>> Meeting(id="m1", title="Meeting").plover_codes.cameo
        '040'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="CONSULT", cameo="040")


@attrs.frozen(kw_only=True)
class Visit(Meeting):
    """A visit: visitors are ``initiator``, hosts ``host`` (PLOVER CONSULT visit; CAMEO 042).

    Examples:
        >>> Visit.plover_codes.mode
        'visit'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="CONSULT", mode="visit", cameo="042")


@attrs.frozen(kw_only=True)
class Summit(Meeting):
    """A multilateral summit such as the G20's (PLOVER CONSULT multilateral; CAMEO 040).

    Attributes:
        forum: the forum or summit series, e.g. ``"G20"``.

    Examples:
        >>> Summit(id="g20-rio", title="G20 summit in Rio de Janeiro", forum="G20").forum
        'G20'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="CONSULT", mode="multilateral", cameo="040"
    )

    forum: Text | None = None


@attrs.frozen(kw_only=True)
class Negotiation(Meeting):
    """Talks or negotiations (PLOVER CONSULT; CAMEO 046, "Engage in negotiation").

    Examples:
        >>> Negotiation(id="talks", title="Talks in Switzerland", status="speculated").status.value
        'speculated'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="CONSULT", cameo="046")


@attrs.frozen(kw_only=True)
class DiplomaticStatement(Event):
    """A diplomatic contact made only by public statement (CAMEO 010; no PLOVER type).

    PLOVER dropped CAMEO's statement categories (01, 02), so this type has
    no PLOVER type. Record what was said as `eventkit.Statement`
    records whose ``event`` is this event's id.

    Attributes:
        channel: how the statement was made, e.g. ``"press conference"``.

    Examples:
        >>> DiplomaticStatement.plover_codes.plover is None
        True
    """

    plover_codes: ClassVar[Codes] = builtin_codes(cameo="010")

    channel: Text | None = None


# --- violence ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Attack(Event):
    """An armed attack or strike (PLOVER ASSAULT; CAMEO 190).

    Give attackers the participant role ``perpetrator``, and those attacked
    ``target`` or ``victim``.

    Attributes:
        weapon: the weapon or means, e.g. ``"drone"``, ``"missile"``.
        target_types: what was hit, in words (``"energy infrastructure"``).

    Examples:
        >>> import eventkit as ek
        >>> strike = Attack(id="odesa-strike", title="Strike on Odesa", weapon="drone",
        ...                 casualties=ek.Casualties(killed=ek.Quantity(value=1),
        ...                                          injured=ek.Quantity(value=10)))
        >>> strike.casualties.injured.value
        10
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="ASSAULT", cameo="190")

    weapon: Text | None = None
    target_types: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class Airstrike(Attack):
    """A strike from manned aircraft (PLOVER ASSAULT aerial; CAMEO 195; ACLED Air/drone strike).

    The conversion table gives CAMEO 195 the mode heavy-weapons; the 0.8
    manual has the mode ``aerial`` for manned aircraft, used here.

    Examples:
        >>> Airstrike.plover_codes.mode, Airstrike.plover_codes.acled_sub_event
        ('aerial', 'Air/drone strike')
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="ASSAULT",
        mode="aerial",
        cameo="195",
        acled="Explosions/Remote violence",
        acled_sub_event="Air/drone strike",
    )


@attrs.frozen(kw_only=True)
class DroneStrike(Airstrike):
    """A strike by unmanned aerial vehicles (PLOVER ASSAULT drone; CAMEO 195).

    The manual's ``drone`` mode refines the conversion table's heavy-weapons.

    Examples:
        >>> DroneStrike.plover_codes.mode
        'drone'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="ASSAULT",
        mode="drone",
        cameo="195",
        acled="Explosions/Remote violence",
        acled_sub_event="Air/drone strike",
    )


@attrs.frozen(kw_only=True)
class MissileStrike(Attack):
    """A missile, rocket or artillery strike (PLOVER ASSAULT heavy-weapons; CAMEO 195).

    Examples:
        >>> MissileStrike.plover_codes.acled_sub_event
        'Shelling/artillery/missile attack'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="ASSAULT",
        mode="heavy-weapons",
        cameo="195",
        acled="Explosions/Remote violence",
        acled_sub_event="Shelling/artillery/missile attack",
    )


# --- aid ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Aid(Event):
    """Aid given (PLOVER AID; CAMEO 070): the donor is ``donor``, the recipient ``beneficiary``.

    Attributes:
        amount: how much, as `eventkit.Money`.
        aid_kind: economic, military, humanitarian, peacekeeping or asylum.
        period: the period the aid covers ("for 2024"), unlike ``when``,
            the date it was given or announced.

    Examples:
        >>> import eventkit as ek
        >>> from decimal import Decimal
        >>> aid = Aid(id="aid-2024", title="German aid allocated in 2024",
        ...           amount=ek.Money(amount=Decimal("8e9"), currency="EUR", qualifier="nearly"),
        ...           aid_kind="military", period=ek.parse_edtf("2024"))
        >>> aid.aid_kind, str(aid.amount.amount)
        (<AidKind.MILITARY: 'military'>, '8E+9')
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="AID", cameo="070")

    amount: Money | None = None
    aid_kind: AidKind | None = attrs.field(default=None, converter=_to_aid_kind)
    period: When | None = None


@attrs.frozen(kw_only=True)
class AidPledge(Aid):
    """A promise of aid (PLOVER AGREE; CAMEO 033, "Express intent to provide material aid").

    PLOVER codes promises of future aid as AGREE, not AID.

    Examples:
        >>> AidPledge.plover_codes.plover
        'AGREE'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="AGREE", cameo="033")


@attrs.frozen(kw_only=True)
class AidDelivery(Aid):
    """Aid actually delivered or disbursed (PLOVER AID; CAMEO 070).

    Examples:
        >>> AidDelivery(id="winter-aid", title="Winter aid", aid_kind="humanitarian",
        ...             status="ongoing").status.value
        'ongoing'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="AID", cameo="070")


# --- force posture -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Mobilization(Event):
    """Military or police moves short of the use of force (PLOVER MOBILIZE; CAMEO 150).

    Attributes:
        forces: the forces or assets, in words (``"North Korean troops"``);
            how many is the event's ``size``.

    Examples:
        >>> import eventkit as ek
        >>> Mobilization(id="m", title="Alert", size=ek.Quantity(low=10000, high=12000)).size.high
        12000
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="MOBILIZE", cameo="150")

    forces: Text | None = None


@attrs.frozen(kw_only=True)
class Deployment(Mobilization):
    """Troops deployed or sent (PLOVER MOBILIZE troops; CAMEO 154).

    Examples:
        >>> Deployment(id="dprk-kursk", title="North Korean troops in Kursk",
        ...            forces="North Korean troops").plover_codes.mode
        'troops'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="MOBILIZE", mode="troops", cameo="154")


@attrs.frozen(kw_only=True)
class ShowOfForce(Mobilization):
    """Weapons, ships or aircraft displayed or moved, e.g. flights near airspace (MOBILIZE weapons).

    PLOVER codes moving weapons, ships or vehicles as MOBILIZE ``weapons``;
    CAMEO 150, "Demonstrate military or police power".

    Examples:
        >>> ShowOfForce(id="north-sea", title="Russian military aircraft over the North Sea",
        ...             forces="military aircraft").forces
        'military aircraft'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="MOBILIZE", mode="weapons", cameo="150")


# --- reduced relations ------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SupplyCut(Event):
    """A supply cut off or reduced, e.g. gas (PLOVER SANCTION discontinue; CAMEO 160).

    PLOVER's SANCTION ``discontinue`` covers curtailing commercial or
    material exchanges; COERCE ``withhold`` is for public services withheld
    from a population. Give the supplier the role ``supplier`` and the
    customer ``consumer``.

    Attributes:
        commodity: what is no longer supplied (``"natural gas"``).
        volume: how much, with its unit.

    Examples:
        >>> SupplyCut(id="gas-cut", title="Gazprom gas to OMV cut", commodity="natural gas",
        ...           status="expected").status.value
        'expected'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="SANCTION", mode="discontinue", cameo="160"
    )

    commodity: Text | None = None
    volume: Quantity | None = None


@attrs.frozen(kw_only=True)
class Sanction(Event):
    """Sanctions, an embargo or a boycott imposed (PLOVER SANCTION discontinue; CAMEO 163).

    The conversion table maps CAMEO 163 to COERCE restrict; the 0.8 manual
    says international sanctions are SANCTION ``discontinue``, used here.

    Attributes:
        measures: the measures, in words (``"asset freeze"``).

    Examples:
        >>> Sanction(id="s", title="EU sanctions package", measures=["asset freeze"]).measures
        ('asset freeze',)
    """

    plover_codes: ClassVar[Codes] = builtin_codes(
        plover="SANCTION", mode="discontinue", cameo="163"
    )

    measures: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)


# --- other -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Protest(Event):
    """A demonstration, riot, strike or other protest (PLOVER PROTEST; CAMEO 140).

    Put the PLOVER mode (demo, riot, strike, …) in the record's ``codes``.

    Attributes:
        demands: what the protesters demanded, in words.

    How many took part is the event's ``size``; the toll, its ``casualties``.

    Examples:
        >>> import eventkit as ek
        >>> Protest(id="p", title="Rally", size=ek.Quantity(value=5000, qualifier="about"),
        ...         codes=ek.Codes(plover="PROTEST", mode="demo")).codes.mode
        'demo'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="PROTEST", cameo="140")

    demands: tuple[Text, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen(kw_only=True)
class Agreement(Event):
    """An agreement or treaty signed (PLOVER SUPPORT; CAMEO 057, "Sign formal agreement").

    A promise to sign is AGREE: put ``Codes(plover="AGREE")`` in the
    record's ``codes`` and set ``status`` to planned.

    Attributes:
        document: the agreement's name.

    Examples:
        >>> Agreement(id="a", title="Grain deal", document="Black Sea Grain Initiative").document
        'Black Sea Grain Initiative'
    """

    plover_codes: ClassVar[Codes] = builtin_codes(plover="SUPPORT", cameo="057")

    document: Text | None = None


@attrs.frozen(kw_only=True)
class PoliticalCrisis(Event):
    """A government crisis, e.g. a coalition collapsing (no PLOVER type).

    Its class-level codes carry only the PLOVER context political_institutions.

    PLOVER has no event type for a crisis as a whole; code the acts in it as
    events of their own if needed (a minister dismissed: SANCTION ``expel``;
    ministers resigning: RETREAT ``resign``).

    Examples:
        >>> PoliticalCrisis.plover_codes.context
        ('political_institutions',)
    """

    plover_codes: ClassVar[Codes] = builtin_codes(context=("political_institutions",))


def codes_of(event: Event) -> Codes | None:
    """Return an event's coding: its own ``codes`` over its type's ``plover_codes``.

    The record's own values win. The PLOVER type and mode go together: when
    the record names a type, the class's mode is not inherited; so do the
    ACLED event and sub-event types.

    Examples:
        >>> import eventkit as ek
        >>> call = ek.PhoneCall(id="c", title="Call", codes=ek.Codes(context=["diplomatic"]))
        >>> ek.codes.codes_of(call)
        Codes(plover='CONSULT', mode='phone', context=('diplomatic',), cameo='041')
    """
    base: Codes | None = getattr(type(event), "plover_codes", None)
    own = event.codes
    if own is None or base is None:
        return own or base
    merged = {
        field.name: getattr(own, field.name) or getattr(base, field.name)
        for field in attrs.fields(Codes)
    }
    if own.plover is not None:  # a type and its mode go together
        merged["mode"] = own.mode
    if own.acled is not None or own.acled_sub_event is not None:
        merged["acled"], merged["acled_sub_event"] = own.acled, own.acled_sub_event
    return Codes(**merged)


BUILTIN_TYPES: dict[str, type[Event]] = {
    "communication": Communication,
    "phone_call": PhoneCall,
    "meeting": Meeting,
    "visit": Visit,
    "summit": Summit,
    "negotiation": Negotiation,
    "diplomatic_statement": DiplomaticStatement,
    "attack": Attack,
    "airstrike": Airstrike,
    "drone_strike": DroneStrike,
    "missile_strike": MissileStrike,
    "aid": Aid,
    "aid_pledge": AidPledge,
    "aid_delivery": AidDelivery,
    "mobilization": Mobilization,
    "deployment": Deployment,
    "show_of_force": ShowOfForce,
    "supply_cut": SupplyCut,
    "sanction": Sanction,
    "protest": Protest,
    "agreement": Agreement,
    "political_crisis": PoliticalCrisis,
}
"""The built-in event types by tag; the registry registers them when first asked."""
