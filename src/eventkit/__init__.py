"""eventkit: typed, validated records for events, statements, actors and sources.

Examples:
    >>> import eventkit as ek
    >>> call = ek.PhoneCall(id="call-2024-11-15", title="Scholz–Putin phone call",
    ...                     when=ek.parse_when("Friday 15.11.24", dayfirst=True))
    >>> ek.to_dict(call)["when"]
    {'edtf': '2024-11-15', 'text': 'Friday 15.11.24'}
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from eventkit._codes import Codes, cameo_description, cameo_to_plover
from eventkit._ids import make_id
from eventkit._parse_when import parse_when
from eventkit._plover import (
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
)
from eventkit._records import (
    Actor,
    Casualties,
    Citation,
    Event,
    Money,
    Participant,
    Place,
    Quantity,
    Record,
    Relation,
    Role,
    Source,
    Statement,
)
from eventkit._registry import event_type, known_tags
from eventkit._serialize import (
    UnknownRecord,
    from_dict,
    from_dicts,
    from_json,
    from_jsonl,
    to_dict,
    to_json,
    to_jsonl,
)
from eventkit._time import PartialDate, Precision, TimeSpan, When, parse_edtf
from eventkit._vocab import (
    ActorKind,
    EventStatus,
    ParticipantRole,
    Qualifier,
    RelationKind,
    SourceKind,
    StatementKind,
)
from eventkit.exceptions import (
    EventkitError,
    MergeConflictError,
    MissingExtraError,
    Problem,
    RecordNotFoundError,
    RegistrationError,
    UnknownTypeError,
    ValidationError,
)

if TYPE_CHECKING:
    from eventkit._dataset import Conflict, Dataset, MergePolicy
    from eventkit._events import (
        Agreement,
        Aid,
        AidDelivery,
        AidKind,
        AidPledge,
        Airstrike,
        Attack,
        Communication,
        Deployment,
        DiplomaticStatement,
        DroneStrike,
        Meeting,
        MissileStrike,
        Mobilization,
        Negotiation,
        PhoneCall,
        PoliticalCrisis,
        Protest,
        Sanction,
        ShowOfForce,
        Summit,
        SupplyCut,
        Visit,
        codes_of,
    )
    from eventkit._report import Report
    from eventkit.io import iter_records, validate_file

__all__ = [
    "ACLED_EVENT_TYPES",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENT_TYPES",
    "PLOVER_MODES",
    "Actor",
    "ActorKind",
    "Agreement",
    "Aid",
    "AidDelivery",
    "AidKind",
    "AidPledge",
    "Airstrike",
    "Attack",
    "Casualties",
    "Citation",
    "Codes",
    "Communication",
    "Conflict",
    "Dataset",
    "Deployment",
    "DiplomaticStatement",
    "DroneStrike",
    "Event",
    "EventStatus",
    "EventkitError",
    "Meeting",
    "MergeConflictError",
    "MergePolicy",
    "MissileStrike",
    "MissingExtraError",
    "Mobilization",
    "Money",
    "Negotiation",
    "PartialDate",
    "Participant",
    "ParticipantRole",
    "PhoneCall",
    "Place",
    "PoliticalCrisis",
    "Precision",
    "Problem",
    "Protest",
    "Qualifier",
    "Quantity",
    "Record",
    "RecordNotFoundError",
    "RegistrationError",
    "Relation",
    "RelationKind",
    "Report",
    "Role",
    "Sanction",
    "ShowOfForce",
    "Source",
    "SourceKind",
    "Statement",
    "StatementKind",
    "Summit",
    "SupplyCut",
    "TimeSpan",
    "UnknownRecord",
    "UnknownTypeError",
    "ValidationError",
    "Visit",
    "When",
    "cameo_description",
    "cameo_to_plover",
    "codes_of",
    "event_type",
    "from_dict",
    "from_dicts",
    "from_json",
    "from_jsonl",
    "iter_records",
    "known_tags",
    "make_id",
    "parse_edtf",
    "parse_when",
    "to_dict",
    "to_json",
    "to_jsonl",
    "validate_file",
]

# Names whose modules load on first use (PEP 562), so `import eventkit` costs
# only the records, time values and serialisation. The TYPE_CHECKING imports
# above are what type checkers and IDEs see; tests/test_public_api.py checks
# that both lists agree. ``io`` is the public subpackage itself.
_LAZY: dict[str, str] = {
    name: module
    for module, names in {
        "eventkit._dataset": ("Conflict", "Dataset", "MergePolicy"),
        "eventkit._events": (
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
        ),
        "eventkit._report": ("Report",),
        "eventkit.io": ("iter_records", "validate_file"),
    }.items()
    for name in names
}

if not TYPE_CHECKING:  # a visible __getattr__ would make every misspelt ek.name type-check

    def __getattr__(name: str) -> object:
        if name == "io":
            return _import_module("eventkit.io")
        module = _LAZY.get(name)
        if module is None:
            msg = f"module 'eventkit' has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(_import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__, "io"})
