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

from eventkit import checks
from eventkit._codes import Codes
from eventkit._fields import (
    ActorId,
    Country,
    Currency,
    EventId,
    FieldSpec,
    Language,
    ProvenanceId,
    RecordId,
    SourceId,
    StatementId,
    Text,
    Url,
    field,
    spec,
)
from eventkit._ids import make_id
from eventkit._limits import Limits, limits
from eventkit._parse_when import parse_when
from eventkit._records import (
    Actor,
    Casualties,
    Citation,
    Event,
    GroupCasualties,
    Money,
    Offsets,
    Participant,
    Place,
    Provenance,
    Quantity,
    Record,
    Relation,
    Role,
    Source,
    Statement,
)
from eventkit._registry import event_type, known_tags
from eventkit._serialize import from_dict, from_dicts, from_json, to_dict, to_json
from eventkit._shapes import FrozenDict, RefKind
from eventkit._time import PartialDate, Precision, TimeSpan, When, parse_edtf
from eventkit._unknown import UnknownRecord
from eventkit._validated import Validated
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
    from eventkit import codes, columnar, io
    from eventkit._dataset import Conflict, Dataset, MergePolicy, validate
    from eventkit._duplicates import DuplicateEvents, DuplicatePair, EventMerge
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
    )
    from eventkit._json_schema import json_schema
    from eventkit._report import Report
    from eventkit._resolve import MergeChange, SimilarActors
    from eventkit.io import from_jsonl, iter_records, to_jsonl, validate_file

__all__ = [
    "Actor",
    "ActorId",
    "ActorKind",
    "Agreement",
    "Aid",
    "AidDelivery",
    "AidKind",
    "AidPledge",
    "Airstrike",
    "Attack",
    "Casualties",
    "CasualtyGroup",
    "Certainty",
    "Citation",
    "Codes",
    "CodingMethod",
    "Communication",
    "Conflict",
    "Country",
    "Currency",
    "Dataset",
    "Deployment",
    "DiplomaticStatement",
    "DroneStrike",
    "DuplicateEvents",
    "DuplicatePair",
    "Event",
    "EventId",
    "EventMerge",
    "EventStatus",
    "EventkitError",
    "FieldSpec",
    "FrozenDict",
    "GroupCasualties",
    "Language",
    "Limits",
    "LocationPrecision",
    "Meeting",
    "MergeChange",
    "MergeConflictError",
    "MergePolicy",
    "MissileStrike",
    "MissingExtraError",
    "Mobilization",
    "Money",
    "Negotiation",
    "Offsets",
    "PartialDate",
    "Participant",
    "ParticipantRole",
    "PhoneCall",
    "Place",
    "PoliticalCrisis",
    "Precision",
    "Problem",
    "Protest",
    "Provenance",
    "ProvenanceId",
    "Qualifier",
    "Quantity",
    "Record",
    "RecordId",
    "RecordNotFoundError",
    "RefKind",
    "RegistrationError",
    "Relation",
    "RelationKind",
    "Report",
    "Role",
    "Sanction",
    "ShowOfForce",
    "SimilarActors",
    "Source",
    "SourceId",
    "SourceKind",
    "Statement",
    "StatementId",
    "StatementKind",
    "Summit",
    "SupplyCut",
    "Text",
    "TimeSpan",
    "UnknownRecord",
    "UnknownTypeError",
    "Url",
    "Validated",
    "ValidationError",
    "Visit",
    "When",
    "checks",
    "codes",
    "columnar",
    "event_type",
    "field",
    "from_dict",
    "from_dicts",
    "from_json",
    "from_jsonl",
    "io",
    "iter_records",
    "json_schema",
    "known_tags",
    "limits",
    "make_id",
    "parse_edtf",
    "parse_when",
    "spec",
    "to_dict",
    "to_json",
    "to_jsonl",
    "validate",
    "validate_file",
]

# Names whose modules load on first use (PEP 562), so `import eventkit` costs
# only the records, time values and serialisation. The TYPE_CHECKING imports
# above are what type checkers and IDEs see; tests/test_public_api.py checks
# that both lists agree. ``codes``, ``columnar`` and ``io`` are public submodules themselves.
_LAZY: dict[str, str] = {
    name: module
    for module, names in {
        "eventkit._dataset": ("Conflict", "Dataset", "MergePolicy", "validate"),
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
        ),
        "eventkit._duplicates": ("DuplicateEvents", "DuplicatePair", "EventMerge"),
        "eventkit._json_schema": ("json_schema",),
        "eventkit._report": ("Report",),
        "eventkit._resolve": ("MergeChange", "SimilarActors"),
        "eventkit.io": ("from_jsonl", "iter_records", "to_jsonl", "validate_file"),
    }.items()
    for name in names
}

if not TYPE_CHECKING:  # a visible __getattr__ would make every misspelt ek.name type-check

    def __getattr__(name: str) -> object:
        if name in ("codes", "columnar", "io"):
            return _import_module(f"eventkit.{name}")
        module = _LAZY.get(name)
        if module is None:
            msg = f"module 'eventkit' has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(_import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
