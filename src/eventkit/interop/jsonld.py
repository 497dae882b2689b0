"""schema.org JSON-LD out of eventkit, and back in for what it holds.

`write` turns a dataset into one JSON-LD document: a ``@graph`` of schema.org
nodes with an inline ``@context`` (``@vocab`` schema.org), so JSON-LD
processors expand it without fetching anything. Records keep their ids as
``urn:eventkit:<id>`` IRIs. What becomes what:

| eventkit | schema.org |
|---|---|
| `Actor` | `Person` (kind ``person``), `Country` (``state``), `GovernmentOrganization` (``government``, ``agency``, ``military``), `NewsMediaOrganization` (``media``), `Corporation` (``company``), else `Organization`; ``name``, ``alternateName`` (aliases), ``description``, ``nationality`` (its country), ``identifier`` (one `PropertyValue` per identifier) |
| `Event` | `Event`: ``name`` (title), ``description`` (summary), ``startDate``/``endDate`` (the EDTF bounds), ``location`` (`Place` with ``address`` and ``geo``), ``eventStatus`` (cancelled and planned events), ``attendee`` (one `Role` per participant: ``roleName`` and the actor), ``subjectOf`` (the sources cited), ``keywords`` (tags) |
| `Statement` | `Quotation` when it quotes the speaker, else `Claim`: ``text``, ``creator`` (speaker), ``about``, ``dateCreated``, ``isBasedOn`` (the sources cited) |
| `Source` | `NewsArticle` (``article``), `Report` (``report``), else `CreativeWork`: ``name``, ``url``, ``author``, ``publisher``, ``datePublished``, ``inLanguage``, ``isBasedOn`` (derived_from) |

`read` takes such a document back. schema.org has no place for much of what
eventkit holds (event codes, casualties, statuses other than planned and
cancelled, statement kinds, provenance, citation excerpts, …): `write`'s
report lists it, record by record.

Examples:
    >>> import eventkit as ek
    >>> from eventkit.interop import jsonld
    >>> ds = ek.Dataset([ek.Actor(id="scholz", name="Olaf Scholz", kind="person"),
    ...                  ek.PhoneCall(id="call", title="Phone call",
    ...                               when=ek.parse_edtf("2024-11-15"),
    ...                               participants=[ek.Participant(actor="scholz",
    ...                                                            role="initiator")])])
    >>> document, report = jsonld.write(ds)
    >>> document["@graph"][1]["attendee"]
    [{'@type': 'Role', 'roleName': 'initiator', 'attendee': {'@id': 'urn:eventkit:scholz'}}]
    >>> again, _ = jsonld.read(document)
    >>> again["call"].participants == ds["call"].participants, type(again["call"]).__name__
    (True, 'Event')
"""  # noqa: E501 - a row of the mapping table is one line

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import quote, unquote

from eventkit._dataset import Dataset
from eventkit._records import (
    Actor,
    Citation,
    Event,
    Participant,
    Place,
    Record,
    Source,
    Statement,
)
from eventkit._serialize import to_dict
from eventkit._time import PartialDate, TimeSpan, When, parse_edtf
from eventkit.exceptions import Problem, ValidationError
from eventkit.interop._report import ConversionReport, Imported, Recorder

__all__ = ["CONTEXT", "Written", "read", "write"]

CONTEXT: Mapping[str, str] = {"@vocab": "https://schema.org/"}
"""The inline JSON-LD context of the documents written: schema.org terms, nothing fetched."""

_PREFIX = "urn:eventkit:"
_FORMAT = "jsonld"
_ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "government": "GovernmentOrganization",
    "agency": "GovernmentOrganization",
    "military": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
    "company": "Corporation",
}
_ACTOR_KINDS = {
    "Person": "person",
    "Country": "state",
    "GovernmentOrganization": "government",
    "NewsMediaOrganization": "media",
    "Corporation": "company",
    "Organization": "organisation",
}
_SOURCE_TYPES = {"article": "NewsArticle", "report": "Report"}
_SOURCE_KINDS = {"NewsArticle": "article", "Report": "report", "CreativeWork": "other"}
_STATUSES = {
    "cancelled": "https://schema.org/EventCancelled",
    "planned": "https://schema.org/EventScheduled",
}


class Written(NamedTuple):
    """What `write` returns: the JSON-LD document and the report of what it cannot carry."""

    document: dict[str, Any]
    report: ConversionReport


def _iri(record_id: str) -> dict[str, str]:
    return {"@id": _PREFIX + quote(record_id, safe="")}


def _id_of(node: Any) -> str | None:
    iri = node.get("@id") if isinstance(node, Mapping) else None
    if isinstance(iri, str) and iri.startswith(_PREFIX):
        return unquote(iri.removeprefix(_PREFIX))
    return None


def _bounds(when: When) -> tuple[str | None, str | None]:
    """A partial date as ISO 8601 text at its own precision: the start and end of a span."""
    if isinstance(when, TimeSpan):
        start = None if when.start is None else when.start.to_edtf()
        end = None if when.end is None else when.end.to_edtf()
        return start, end
    return when.to_edtf(), None


def _iso(when: PartialDate) -> bool:
    """Whether the date's EDTF form is also ISO 8601 (no qualifiers, no unspecified digits)."""
    text = when.to_edtf()
    return not any(mark in text for mark in "~?%X")


# --- out ---------------------------------------------------------------------------------


def write(dataset: Dataset) -> Written:
    """The dataset as a schema.org JSON-LD document, with the report of what it cannot carry.

    Examples:
        >>> import eventkit as ek
        >>> document, report = write(ek.Dataset([ek.Source(id="dpa", name="dpa",
        ...                                                kind="news_agency")]))
        >>> document["@graph"]
        [{'@id': 'urn:eventkit:dpa', '@type': 'CreativeWork', 'name': 'dpa'}]
        >>> [str(f) for f in report.select("dropped")]
        ["row 'dpa' (#0): kind dropped (schema.org's CreativeWork does not say it is a news_agency)"]
    """  # noqa: E501 - the doctest output is one line
    recorder = Recorder(format=_FORMAT, direction="export")
    graph: list[dict[str, Any]] = []
    for index, record in enumerate(dataset):
        recorder.start(record.id, index)
        node: dict[str, Any] | None = None
        used: set[str] = {"id"}
        if isinstance(record, Actor):
            node = _actor(record, used, recorder)
        elif isinstance(record, Event):
            node = _event(record, used, recorder)
        elif isinstance(record, Statement):
            node = _statement(record, used, recorder)
        elif isinstance(record, Source):
            node = _source(record, used, recorder)
        if node is None:
            recorder.dropped(type(record).__name__, "schema.org has no node for it here")
            continue
        graph.append({key: value for key, value in node.items() if value not in (None, [], "")})
        if isinstance(record, Record):
            for key, value in to_dict(record).items():
                if key in used:
                    recorder.mapped(key, node["@type"])
                elif key == "type" and value != record.kind_name:
                    recorder.dropped("type", f"schema.org's {node['@type']} has no type {value}")
                elif key == "type":
                    continue
                else:
                    recorder.dropped(key, f"schema.org's {node['@type']} has no property for it")
    return Written({"@context": dict(CONTEXT), "@graph": graph}, recorder.report())


def _actor(actor: Actor, used: set[str], recorder: Recorder) -> dict[str, Any]:
    kind = str(actor.kind)
    schema_type = _ACTOR_TYPES.get(kind, "Organization")
    if _ACTOR_KINDS.get(schema_type) == kind:
        used.add("kind")
    else:
        recorder.dropped("kind", f"schema.org's {schema_type} does not say it is a {kind}")
        used.add("kind")
    used.update(("name", "aliases", "description", "country", "identifiers"))
    node: dict[str, Any] = {
        **_iri(actor.id),
        "@type": schema_type,
        "name": actor.name,
        "alternateName": list(actor.aliases),
        "description": actor.description,
        "identifier": [
            {"@type": "PropertyValue", "propertyID": scheme, "value": value}
            for scheme, value in actor.identifiers.items()
        ],
    }
    if actor.country is not None:
        node["nationality"] = {"@type": "Country", "identifier": actor.country}
    return node


def _citations(citations: tuple[Citation, ...], field: str, recorder: Recorder) -> list[Any]:
    for index, citation in enumerate(citations):
        for name in ("excerpt", "locator", "offsets", "confidence"):
            if getattr(citation, name) is not None:
                recorder.dropped(
                    f"{field}[{index}].{name}", "schema.org cites a work, not a passage"
                )
    return [_iri(citation.source) for citation in citations]


def _event(event: Event, used: set[str], recorder: Recorder) -> dict[str, Any]:
    used.update(("title", "summary", "participants", "sources", "tags"))
    node: dict[str, Any] = {
        **_iri(event.id),
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "attendee": [
            {"@type": "Role", "roleName": str(p.role), "attendee": _iri(p.actor)}
            for p in event.participants
        ],
        "subjectOf": _citations(event.sources, "sources", recorder),
        "keywords": list(event.tags),
    }
    for index, participant in enumerate(event.participants):
        if participant.certainty is not None:
            recorder.dropped(
                f"participants[{index}].certainty", "a schema.org Role has no certainty"
            )
    if event.when is not None:
        ends = (
            [event.when]
            if isinstance(event.when, PartialDate)
            else [event.when.start, event.when.end]
        )
        if all(end is None or _iso(end) for end in ends):
            node["startDate"], node["endDate"] = _bounds(event.when)
            used.add("when")
    status = _STATUSES.get(event.status.value)
    if status is not None:
        node["eventStatus"] = status
    if event.status.value == "occurred" or status is not None:
        used.add("status")
    if event.place is not None:
        node["location"] = _place(event.place, recorder)
        used.add("place")
    return node


def _place(place: Place, recorder: Recorder) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Place", "name": place.name}
    address = {
        key: value
        for key, value in (
            ("addressCountry", place.country),
            ("addressRegion", place.admin1),
        )
        if value is not None
    }
    if address:
        node["address"] = {"@type": "PostalAddress", **address}
    if place.lat is not None and place.lon is not None:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    for name in ("admin2", "admin3", "precision", "geonames"):
        if getattr(place, name) is not None:
            recorder.dropped(f"place.{name}", "written as a schema.org Place without it")
    if place.identifiers:
        recorder.dropped("place.identifiers", "written as a schema.org Place without it")
    return {key: value for key, value in node.items() if value is not None}


def _statement(statement: Statement, used: set[str], recorder: Recorder) -> dict[str, Any]:
    used.update(("speaker", "text", "quote", "about", "sources", "event"))
    quoted = statement.quote is not None
    node: dict[str, Any] = {
        **_iri(statement.id),
        "@type": "Quotation" if quoted else "Claim",
        "text": statement.quote if quoted else statement.text,
        "description": statement.text if quoted else None,
        "creator": _iri(statement.speaker),
        "about": [_iri(target) for target in statement.about],
        "isBasedOn": _citations(statement.sources, "sources", recorder),
        "mentions": None if statement.event is None else _iri(statement.event),
    }
    if isinstance(statement.when, PartialDate) and _iso(statement.when):
        node["dateCreated"] = statement.when.to_edtf()
        used.add("when")
    if str(statement.kind) == ("quote" if quoted else "claim"):
        used.add("kind")
    return node


def _source(source: Source, used: set[str], recorder: Recorder) -> dict[str, Any]:
    kind = str(source.kind)
    schema_type = _SOURCE_TYPES.get(kind, "CreativeWork")
    used.update(("name", "url", "author", "publisher", "language", "derived_from"))
    if _SOURCE_KINDS.get(schema_type) == kind:
        used.add("kind")
    else:
        recorder.dropped("kind", f"schema.org's {schema_type} does not say it is a {kind}")
        used.add("kind")
    node: dict[str, Any] = {
        **_iri(source.id),
        "@type": schema_type,
        "name": source.name,
        "url": source.url,
        "author": None if source.author is None else _iri(source.author),
        "publisher": None if source.publisher is None else _iri(source.publisher),
        "inLanguage": source.language,
        "isBasedOn": [_iri(other) for other in source.derived_from],
    }
    if isinstance(source.published, PartialDate) and _iso(source.published):
        node["datePublished"] = source.published.to_edtf()
        used.add("published")
    return node


# --- in ----------------------------------------------------------------------------------


def read(document: Mapping[str, Any]) -> Imported:
    """A JSON-LD document as `write` writes it (schema.org terms, ``@graph``) as a dataset.

    Nodes of other types, and nodes without an ``urn:eventkit:`` id, are
    reported (``dropped``); a node that does not make a valid record is
    ``rejected``.

    Raises:
        ValidationError: ``document`` has no ``@graph`` list.

    Examples:
        >>> ds, report = read({"@context": {"@vocab": "https://schema.org/"}, "@graph": [
        ...     {"@id": "urn:eventkit:scholz", "@type": "Person", "name": "Olaf Scholz"}]})
        >>> ds["scholz"].kind
        <ActorKind.PERSON: 'person'>
    """
    graph = document.get("@graph")
    if not isinstance(graph, list):
        problem = Problem(loc=("@graph",), code="missing", message="expected a list of nodes")
        raise ValidationError([problem], title="JSON-LD document")
    recorder = Recorder(format=_FORMAT, direction="import")
    found: list[Record] = []
    for index, node in enumerate(graph):
        record_id = _id_of(node)
        recorder.start(record_id or f"#{index}", index)
        if record_id is None:
            recorder.dropped("@id", "not an urn:eventkit: id")
            continue
        kind = node.get("@type")
        try:
            record = _record(record_id, node, kind)
        except ValidationError as error:
            recorder.reject_row(error.problems)
            continue
        if record is None:
            recorder.dropped("@type", f"no eventkit record for {kind!r}")
            continue
        for key in node:
            recorder.mapped(key, type(record).__name__)
        found.append(record)
    return Imported(Dataset(found, name="JSON-LD"), recorder.report())


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [found for item in items if (found := _id_of(item)) is not None]


def _when(start: Any, end: Any) -> When | None:
    if start is None and end is None:
        return None
    if end is None:
        return parse_edtf(str(start))
    first = None if start is None else parse_edtf(str(start))
    last = parse_edtf(str(end))
    assert isinstance(first, PartialDate | None)
    assert isinstance(last, PartialDate)
    return TimeSpan(start=first, end=last)


def _record(record_id: str, node: Mapping[str, Any], kind: Any) -> Record | None:
    if kind in _ACTOR_KINDS:
        nationality = node.get("nationality")
        return Actor(
            id=record_id,
            name=node.get("name", record_id),
            kind=_ACTOR_KINDS[kind],
            aliases=node.get("alternateName", ()),
            description=node.get("description"),
            country=nationality.get("identifier") if isinstance(nationality, Mapping) else None,
            identifiers={item["propertyID"]: item["value"] for item in node.get("identifier", ())},
        )
    if kind == "Event":
        statuses = {iri: status for status, iri in _STATUSES.items()}
        return Event(
            id=record_id,
            title=node.get("name", record_id),
            summary=node.get("description"),
            when=_when(node.get("startDate"), node.get("endDate")),
            place=_read_place(node.get("location")),
            participants=[
                Participant(actor=actor, role=role.get("roleName", "participant"))
                for role in node.get("attendee", ())
                for actor in _ids(role.get("attendee"))
            ],
            status=statuses.get(node.get("eventStatus", ""), "occurred"),
            sources=[Citation(source=source) for source in _ids(node.get("subjectOf"))],
            tags=node.get("keywords", ()),
        )
    if kind in ("Quotation", "Claim"):
        quoted = kind == "Quotation"
        text: Any = node.get("text")
        said: Any = node.get("description") if quoted else text
        events = _ids(node.get("mentions"))
        return Statement(
            id=record_id,
            speaker=(_ids(node.get("creator")) or [""])[0],
            text=said,
            quote=text if quoted else None,
            kind="quote" if quoted else "claim",
            about=_ids(node.get("about")),
            event=events[0] if events else None,
            when=None if "dateCreated" not in node else parse_edtf(node["dateCreated"]),
            sources=[Citation(source=source) for source in _ids(node.get("isBasedOn"))],
        )
    if kind in _SOURCE_KINDS:
        author, publisher = _ids(node.get("author")), _ids(node.get("publisher"))
        return Source(
            id=record_id,
            name=node.get("name", record_id),
            kind=_SOURCE_KINDS[kind],
            url=node.get("url"),
            author=author[0] if author else None,
            publisher=publisher[0] if publisher else None,
            published=None if "datePublished" not in node else parse_edtf(node["datePublished"]),
            language=node.get("inLanguage"),
            derived_from=_ids(node.get("isBasedOn")),
        )
    return None


def _read_place(node: Any) -> Place | None:
    if not isinstance(node, Mapping):
        return None
    address = node.get("address") or {}
    geo = node.get("geo") or {}
    return Place(
        name=node.get("name"),
        country=address.get("addressCountry"),
        admin1=address.get("addressRegion"),
        lat=geo.get("latitude"),
        lon=geo.get("longitude"),
    )
