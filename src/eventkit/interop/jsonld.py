"""schema.org JSON-LD out of eventkit, and back in for what it holds.

`write` turns a dataset into one JSON-LD document: a ``@graph`` of schema.org
nodes with an inline ``@context`` (``@vocab`` schema.org), so JSON-LD
processors expand it without fetching anything. Records keep their ids as
``urn:eventkit:<id>`` IRIs. What becomes what:

| eventkit | schema.org |
|---|---|
| `Actor` | `Person` (kind ``person``), `Country` (``state``), `GovernmentOrganization` (``government``, ``agency``, ``military``), `NewsMediaOrganization` (``media``), `Corporation` (``company``), else `Organization`; ``name``, ``alternateName`` (aliases), ``description``, ``nationality`` (its country), ``identifier`` (one `PropertyValue` per identifier) |
| `Event` | `Event`: ``name`` (title), ``description`` (summary), ``startDate``/``endDate`` (the EDTF bounds; a span with an open end also whole in ``temporalCoverage``, ``2024-11-15/..``), ``location`` (`Place` with ``address`` and ``geo``), ``eventStatus`` (cancelled and planned events), ``attendee`` (one `Role` per participant: ``roleName`` and the actor), ``subjectOf`` (the sources cited), ``keywords`` (tags) |
| `Statement` | `Quotation` when it quotes the speaker, else `Claim`: ``text``, ``creator`` (speaker), ``about``, ``dateCreated``, ``isBasedOn`` (the sources cited) |
| `Source` | `NewsArticle` (``article``), `Report` (``report``), else `CreativeWork`: ``name``, ``url``, ``author``, ``publisher``, ``datePublished``, ``inLanguage``, ``isBasedOn`` (derived_from) |

`read` takes such a document back. schema.org has no place for much of what
eventkit holds (event codes, casualties, statuses other than planned and
cancelled, statement kinds, provenance, citation excerpts, the text a date
was read from, …): `write`'s report lists it, record by record.

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

from collections.abc import Callable, Container, Mapping
from typing import Any, NamedTuple, TypeVar
from urllib.parse import quote, unquote

import attrs

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
from eventkit.exceptions import Loc, Problem, ValidationError
from eventkit.interop._report import ConversionReport, Imported, Recorder

__all__ = ["CONTEXT", "Written", "read", "write"]

CONTEXT: Mapping[str, str] = {"@vocab": "https://schema.org/"}
"""The inline JSON-LD context of the documents written: schema.org terms, nothing fetched."""

_T = TypeVar("_T")
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
    """The eventkit id of a node or reference; None if its @id is no ``urn:eventkit:`` IRI."""
    iri = node.get("@id") if isinstance(node, Mapping) else None
    if isinstance(iri, str) and iri.startswith(_PREFIX):
        try:  # another encoding's byte would be U+FFFD: another id, without a word
            return unquote(iri.removeprefix(_PREFIX), errors="strict")
        except UnicodeDecodeError:
            return None
    return None


def _not_an_id(iri: Any) -> str:
    """Why an @id names no eventkit record: what `_id_of` expected."""
    if isinstance(iri, str) and iri.startswith(_PREFIX):
        return f"expected UTF-8, percent-encoded, after {_PREFIX}"
    return f"expected a reference to an eventkit node: an {_PREFIX} @id"


def _dates(when: When) -> dict[str, str | None]:
    """A date or span as schema.org dates: ISO 8601 text, each at its own precision.

    ``startDate`` alone reads back as a single date, so a span open at an end is
    also written whole in ``temporalCoverage``, whose ISO 8601 intervals schema.org
    documents with ``..`` for an open end.
    """
    if isinstance(when, PartialDate):
        return {"startDate": when.to_edtf()}
    start, end = when.start, when.end
    return {
        "startDate": None if start is None else start.to_edtf(),
        "endDate": None if end is None else end.to_edtf(),
        "temporalCoverage": when.to_edtf() if start is None or end is None else None,
    }


def _iso(when: PartialDate) -> bool:
    """Whether the date's EDTF form is also ISO 8601 (no qualifiers, no unspecified digits)."""
    text = when.to_edtf()
    return not any(mark in text for mark in "~?%X")


def _not_iso(field: str, recorder: Recorder) -> None:
    """The date (or a span's end) of ``field``, not ISO 8601, reported dropped for it."""
    reason = "schema.org dates are ISO 8601, without a qualifier (~, ?, %)"
    recorder.dropped(field, reason)


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
            _fields_left(record, node["@type"], used, recorder)
    return Written({"@context": dict(CONTEXT), "@graph": graph}, recorder.report())


def _fields_left(record: Record, schema_type: str, used: set[str], recorder: Recorder) -> None:
    """Each field of ``record`` without a verdict yet: mapped if ``used``, else dropped."""
    for key, value in to_dict(record).items():
        if recorder.reported(key):  # its verdict given where it was written
            continue
        if key in used:
            recorder.mapped(key, schema_type)
        elif key == "type" and value != record.kind_name:
            recorder.dropped("type", f"schema.org's {schema_type} has no type {value}")
        elif key != "type":
            recorder.dropped(key, f"schema.org's {schema_type} has no property for it")


def _actor(actor: Actor, used: set[str], recorder: Recorder) -> dict[str, Any]:
    kind = str(actor.kind)
    schema_type = _ACTOR_TYPES.get(kind, "Organization")
    if _ACTOR_KINDS.get(schema_type) == kind:
        used.add("kind")
    else:
        recorder.dropped("kind", f"schema.org's {schema_type} does not say it is a {kind}")
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
            node |= _dates(event.when)
            recorder.date_texts_dropped(event.when, "when", holder="schema.org")
            used.add("when")
        else:
            _not_iso("when", recorder)
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
        recorder.date_texts_dropped(statement.when, "when", holder="schema.org")
        used.add("when")
    elif isinstance(statement.when, PartialDate):
        _not_iso("when", recorder)
    kind = "quote" if quoted else "claim"
    if str(statement.kind) == kind:
        used.add("kind")
    else:  # a claim, the default, is not in the record's dict: its change is said here
        reason = f"schema.org's {node['@type']} is a {kind}"
        recorder.changed("kind", node["@type"], str(statement.kind), kind, reason)
    return node


def _source(source: Source, used: set[str], recorder: Recorder) -> dict[str, Any]:
    kind = str(source.kind)
    schema_type = _SOURCE_TYPES.get(kind, "CreativeWork")
    used.update(("name", "url", "author", "publisher", "language", "derived_from"))
    if _SOURCE_KINDS.get(schema_type) == kind:
        used.add("kind")
    else:
        recorder.dropped("kind", f"schema.org's {schema_type} does not say it is a {kind}")
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
        recorder.date_texts_dropped(source.published, "published", holder="schema.org")
        used.add("published")
    elif isinstance(source.published, PartialDate):
        _not_iso("published", recorder)
    return node


# --- in ----------------------------------------------------------------------------------


def read(document: Mapping[str, Any]) -> Imported:
    """A JSON-LD document as `write` writes it (schema.org terms, ``@graph``) as a dataset.

    Nodes of other types, and nodes without an ``urn:eventkit:`` id, are
    reported (``dropped``), as are the properties of a node eventkit does
    not read. A node that does not make a valid record is ``rejected``, its
    problems at their paths: a value of the wrong kind (a references that is
    not ``{"@id": "urn:eventkit:…"}``, a date that is not EDTF text, a
    ``temporalCoverage`` that is no EDTF interval (an unknown end,
    ``2024-11-15/``, is none) or that ``startDate`` or ``endDate``
    contradicts, an ``eventStatus`` other than schema.org's ``EventCancelled`` and
    ``EventScheduled``), a property eventkit does not read inside one of its
    parts (a ``Place``, a ``Role``, …), an id another node has, a property
    the record needs (a ``name``) that the node has not; each problem is at
    its path in the node (``$.location.geo.latitude``). A reference
    to a node not read (not in the document, or rejected) or to one of the
    wrong kind (a source as an attendee) is rejected at its path and left out
    of its record (a participant, a citation with it), so the dataset passes
    `Dataset.check`; a statement whose speaker it is is rejected whole. A
    property may be one value or a list of them.

    Raises:
        ValidationError: ``document`` has no ``@graph`` list.

    Examples:
        >>> ds, report = read({"@context": {"@vocab": "https://schema.org/"}, "@graph": [
        ...     {"@id": "urn:eventkit:scholz", "@type": "Person", "name": "Olaf Scholz"}]})
        >>> ds["scholz"].kind
        <ActorKind.PERSON: 'person'>
    """
    graph = document.get("@graph") if isinstance(document, Mapping) else None
    if not isinstance(graph, list):
        problem = Problem(loc=("@graph",), code="missing", message="expected a list of nodes")
        raise ValidationError([problem], title="JSON-LD document")
    found, paths, early = _read_nodes(graph)
    not_read = {_id_of(node) for node in graph} - found.keys()
    refused = _refuse_references(found, paths, not_read)
    recorder = Recorder(format=_FORMAT, direction="import")
    for index, node in enumerate(graph):
        record_id = _id_of(node)
        recorder.start(record_id or f"#{index}", index)
        verdict = early.get(index)
        if isinstance(verdict, tuple):
            recorder.dropped(*verdict)
            continue
        if verdict is not None:
            recorder.reject_row(verdict)
            continue
        assert record_id is not None  # a node without an eventkit id has a verdict
        problems = refused.get(record_id, [])
        record = found.get(record_id)
        if record is None:  # a reference it must have was refused
            recorder.reject_row(problems)
            continue
        for problem in problems:
            recorder.rejected(problem.path, problem)
        for key in node:
            if key in _READS[node["@type"]]:
                recorder.mapped(key, type(record).__name__)
            else:
                recorder.dropped(key, f"eventkit reads no {key} of a {node['@type']}")
    return Imported(Dataset(found.values(), name="JSON-LD"), recorder.report())


_Verdict = tuple[str, str] | list[Problem]
"""What became of a node not read: dropped (the property and why), or rejected (its problems)."""


def _read_nodes(
    graph: list[Any],
) -> tuple[dict[str, Record], dict[str, dict[Loc, Loc]], dict[int, _Verdict]]:
    """The records the nodes make, where each reference was in its node, and the nodes not read.

    The nodes not read are keyed by their position in ``graph``.
    """
    found: dict[str, Record] = {}
    paths: dict[str, dict[Loc, Loc]] = {}  # by record: where each reference was in its node
    early: dict[int, _Verdict] = {}
    for index, node in enumerate(graph):
        record_id = _id_of(node)
        iri = node.get("@id") if isinstance(node, Mapping) else None
        if record_id is None and isinstance(iri, str) and iri.startswith(_PREFIX):
            message = _not_an_id(iri)  # an eventkit id, which cannot be read
            early[index] = [Problem(loc=("@id",), code="invalid_value", message=message, input=iri)]
            continue
        if record_id is None:
            early[index] = ("@id", "not an urn:eventkit: id")
            continue
        kind = node.get("@type")
        if not isinstance(kind, str) or kind not in _READS:
            shown = repr(kind) if isinstance(kind, str) else f"a {type(kind).__name__}"
            early[index] = ("@type", f"no eventkit record for {shown}")
            continue
        if record_id in found:
            message = "another node has this id"
            early[index] = [Problem(loc=("@id",), code="duplicate_id", message=message)]
            continue
        try:
            found[record_id] = _record(record_id, node, kind, paths.setdefault(record_id, {}))
        except ValidationError as error:
            early[index] = list(error.problems)
    return found, paths, early


def _refuse_references(
    records: dict[str, Record], paths: Mapping[str, Mapping[Loc, Loc]], not_read: Container[Any]
) -> dict[str, list[Problem]]:
    """Each reference to no record read, or to one of the wrong kind, left out of ``records``.

    A reference names a node of the document that was not read (it is not
    there, or was rejected) or one of another kind (a source as attendee):
    kept, the dataset read would not be valid. It is left out, and its
    problem kept at its path in its node (``paths``), saying so if the id is
    that of a node not read (``not_read``). A record that cannot be without
    it (a claim without its speaker) is left out with its node's problems,
    and then so are the references to it. Returns the problems of each record.
    """
    refused: dict[str, list[Problem]] = {}
    while True:
        check = Dataset(records.values()).check()
        wrong: dict[str, list[Problem]] = {}
        for problem in check.problems:
            if problem.record is not None and problem.code in _REFERENCE_PROBLEMS:
                wrong.setdefault(problem.record, []).append(problem)
        if not wrong:
            return refused
        for record_id, problems in wrong.items():
            where = paths[record_id]
            refused.setdefault(record_id, []).extend(
                attrs.evolve(
                    problem,
                    loc=where[problem.loc],
                    record=None,
                    message=problem.message
                    + (" (its node was not read)" if problem.input in not_read else ""),
                )
                for problem in problems
            )
            kept = _without(records[record_id], [problem.loc for problem in problems])
            if kept is None:
                del records[record_id]
            else:
                records[record_id] = kept


def _without(record: Record, locs: list[Loc]) -> Record | None:
    """``record`` without the references at ``locs``; None if it cannot be without one.

    A reference inside a list (a participant, a citation, an ``about``) is
    left out with its item; a reference of its own (an event) becomes None.
    """
    items: dict[str, set[int]] = {}
    changes: dict[str, Any] = {}
    for loc in locs:
        name = str(loc[0])
        if len(loc) > 1 and isinstance(loc[1], int):
            items.setdefault(name, set()).add(loc[1])
        else:
            changes[name] = None
    for name, gone in items.items():
        changes[name] = [item for i, item in enumerate(getattr(record, name)) if i not in gone]
    try:
        return attrs.evolve(record, **changes)
    except ValidationError:  # a reference it must have: its speaker
        return None


def _refused(loc: Loc, code: str, message: str, value: Any) -> ValidationError:
    return ValidationError([Problem(loc=loc, code=code, message=message, input=value)])


def _items(node: Mapping[str, Any], key: str) -> list[tuple[Loc, Any]]:
    """The values of a property, each at its path: JSON-LD writes one alone, several as a list."""
    value = node.get(key)
    if isinstance(value, list):
        return [((key, index), item) for index, item in enumerate(value)]
    return [] if value is None else [((key,), value)]


def _values(node: Mapping[str, Any], key: str) -> list[Any]:
    """The values of a property, without their paths."""
    return [value for _, value in _items(node, key)]


def _part(value: Any, loc: Loc, properties: frozenset[str]) -> Mapping[str, Any]:
    """A node's part (a ``Place``, a ``Role``, a reference) with only ``properties`` and @type.

    Raises:
        ValidationError: ``value`` is no JSON object, or has another property.
    """
    if not isinstance(value, Mapping):
        raise _refused(loc, "invalid_type", "expected a JSON object", value)
    for key in value:
        if key != "@type" and key not in properties:
            message = f"eventkit reads no {key} here (only {', '.join(sorted(properties))})"
            raise _refused((*loc, key), "unknown_field", message, value[key])
    return value


def _ids(
    node: Mapping[str, Any],
    key: str,
    paths: dict[Loc, Loc],
    field: tuple[str, ...],
    *,
    within: Loc = (),
    first: int = 0,
) -> list[str]:
    """The ids of the eventkit records a property refers to (``{"@id": "urn:eventkit:…"}``).

    The path of each (in the node's part at ``within``) is put in ``paths``
    under its path in the record: ``field`` with the id's position, counted
    from ``first`` (``("about",)``: ``("about", 0)``; ``("sources",
    "source")``: ``("sources", 0, "source")``).
    """
    found: list[str] = []
    for loc, item in _items(node, key):
        record_id = _id_of(_part(item, (*within, *loc), _REFERENCE))
        if record_id is None:
            message = _not_an_id(item.get("@id"))
            raise _refused((*within, *loc, "@id"), "invalid_value", message, item.get("@id"))
        paths[(field[0], first + len(found), *field[1:])] = (*within, *loc)
        found.append(record_id)
    return found


def _id(node: Mapping[str, Any], key: str, paths: dict[Loc, Loc], field: str) -> str | None:
    """The id of the one eventkit record a property refers to, None if it refers to none."""
    found = _ids(node, key, {}, (field,))
    if len(found) > 1:
        raise _refused((key,), "invalid_value", "expected one reference", node[key])
    if found:
        paths[(field,)] = _items(node, key)[0][0]
    return found[0] if found else None


def _date(node: Mapping[str, Any], key: str) -> When | None:
    """A property holding EDTF text (``startDate``, ``dateCreated``, …), None if absent."""
    value = node.get(key)
    if value is None:
        return None
    try:
        return parse_edtf(value)
    except ValidationError as error:
        raise ValidationError(error.at(key)) from None


def _day(node: Mapping[str, Any], key: str) -> PartialDate | None:
    """A property holding one date, not a span (``startDate``, ``endDate``)."""
    when = _date(node, key)
    if isinstance(when, TimeSpan):
        raise _refused((key,), "invalid_value", "expected a date, not a span", node[key])
    return when


def _when(node: Mapping[str, Any]) -> When | None:
    """An event's date or span: its ``temporalCoverage`` if any, which its dates must agree with."""
    start, end = _day(node, "startDate"), _day(node, "endDate")
    span = _date(node, "temporalCoverage")
    if span is None:
        if end is None:
            return start
        where = {"start": ("startDate",), "end": ("endDate",)}
        return _made(TimeSpan, {"start": start, "end": end}, where, node)
    if not isinstance(span, TimeSpan):
        message = "expected an EDTF interval such as 2024-11-15/.."
        raise _refused(("temporalCoverage",), "invalid_value", message, node["temporalCoverage"])
    for key, day, bound in (("startDate", start, span.start), ("endDate", end, span.end)):
        if day is not None and day != bound:
            expected = f"no {key}" if bound is None else bound.to_edtf()
            message = f"expected {expected}, as temporalCoverage {span.to_edtf()} says"
            raise _refused((key,), "invalid_value", message, node[key])
    return span


def _identifiers(node: Mapping[str, Any], paths: dict[Loc, Loc]) -> dict[str, Any]:
    """An actor's identifiers, from its ``PropertyValue`` nodes (one per scheme).

    The path of each value is put in ``paths`` (``("identifiers", "wikidata")``).
    """
    found: dict[str, Any] = {}
    for loc, item in _items(node, "identifier"):
        value = _part(item, loc, _PROPERTY_VALUE)
        scheme = value.get("propertyID")
        if not isinstance(scheme, str):
            raise _refused((*loc, "propertyID"), "invalid_type", "expected text", scheme)
        if scheme in found:
            message = "another identifier has this propertyID"
            raise _refused((*loc, "propertyID"), "duplicate_key", message, scheme)
        found[scheme] = value.get("value")
        paths[("identifiers", scheme)] = (*loc, "value")
    return found


def _status(node: Mapping[str, Any]) -> str:
    """The event's status: ``occurred`` unless its ``eventStatus`` says otherwise."""
    value = node.get("eventStatus")
    if value is None:
        return "occurred"
    for status, iri in _STATUSES.items():
        if value == iri:
            return status
    message = f"expected one of {', '.join(_STATUSES.values())}"
    raise _refused(("eventStatus",), "invalid_value", message, value)


def _record(record_id: str, node: Mapping[str, Any], kind: str, paths: dict[Loc, Loc]) -> Record:
    """The record a node of ``kind`` makes; where each reference was in it put in ``paths``.

    A property the record needs (a name) that the node has not is missing;
    each problem is at its path in the node (``$.location.geo.latitude``).
    """
    if kind in _ACTOR_KINDS:
        nationality = node.get("nationality")
        values = _given(node, _ACTOR_PROPERTIES) | {
            "id": record_id,
            "kind": _ACTOR_KINDS[kind],
            "aliases": _values(node, "alternateName"),
            "identifiers": _identifiers(node, paths),
        }
        if nationality is not None:
            values["country"] = _part(nationality, ("nationality",), _COUNTRY).get("identifier")
        return _made(Actor, values, _where(_ACTOR_PROPERTIES, _ACTOR_PARTS), node, paths)
    if kind == "Event":
        participants: list[Participant] = []
        for loc, item in _items(node, "attendee"):
            role = _part(item, loc, _ROLE)
            first = len(participants)
            actors = _ids(
                role, "attendee", paths, ("participants", "actor"), within=loc, first=first
            )
            participants += [
                _made(
                    Participant,
                    {"actor": actor, "role": role.get("roleName", "participant")},
                    {"role": (*loc, "roleName")},
                    role,
                    {("actor",): paths[("participants", first + number, "actor")]},
                )
                for number, actor in enumerate(actors)
            ]
        values = _given(node, _EVENT_PROPERTIES) | {
            "id": record_id,
            "when": _when(node),
            "place": _read_place(node.get("location")),
            "participants": participants,
            "status": _status(node),
            "sources": _citations_read(node, "subjectOf", paths),
            "tags": _values(node, "keywords"),
        }
        return _made(Event, values, _where(_EVENT_PROPERTIES, _EVENT_PARTS), node, paths)
    if kind in ("Quotation", "Claim"):
        quoted = kind == "Quotation"
        properties = _QUOTATION_PROPERTIES if quoted else _CLAIM_PROPERTIES
        values = _given(node, properties) | {
            "id": record_id,
            "kind": "quote" if quoted else "claim",
            "about": _ids(node, "about", paths, ("about",)),
            "event": _id(node, "mentions", paths, "event"),
            "when": _date(node, "dateCreated"),
            "sources": _citations_read(node, "isBasedOn", paths),
        }
        speaker = _id(node, "creator", paths, "speaker")
        if speaker is not None:
            values["speaker"] = speaker
        return _made(Statement, values, _where(properties, _STATEMENT_PARTS), node, paths)
    values = _given(node, _SOURCE_PROPERTIES) | {
        "id": record_id,
        "kind": _SOURCE_KINDS[kind],
        "author": _id(node, "author", paths, "author"),
        "publisher": _id(node, "publisher", paths, "publisher"),
        "published": _date(node, "datePublished"),
        "derived_from": _ids(node, "isBasedOn", paths, ("derived_from",)),
    }
    return _made(Source, values, _where(_SOURCE_PROPERTIES, _SOURCE_PARTS), node, paths)


def _given(node: Mapping[str, Any], properties: Mapping[str, str]) -> dict[str, Any]:
    """The fields the node gives a value of, each by the property ``properties`` names for it."""
    return {field: node[key] for field, key in properties.items() if node.get(key) is not None}


def _where(properties: Mapping[str, str], parts: Mapping[str, Loc]) -> dict[str, Loc]:
    """The path in a node of each field: its property of its own, or its part."""
    return {"id": ("@id",), **{field: (key,) for field, key in properties.items()}, **parts}


def _citations_read(node: Mapping[str, Any], key: str, paths: dict[Loc, Loc]) -> list[Citation]:
    """The citations of the sources a property refers to."""
    sources = _ids(node, key, paths, ("sources", "source"))
    return [
        _made(
            Citation, {"source": source}, {}, node, {("source",): paths[("sources", n, "source")]}
        )
        for n, source in enumerate(sources)
    ]


def _made(
    kind: Callable[..., _T],
    values: Mapping[str, Any],
    where: Mapping[str, Loc],
    node: Mapping[str, Any],
    paths: Mapping[Loc, Loc] | None = None,
) -> _T:
    """``kind(**values)``, each problem it has moved to the path of its value in ``node``.

    ``paths`` gives the path of a value by its path in the record (a
    reference: ``("sources", 0, "source")``), ``where`` that of a field
    (``{"title": ("name",)}``); an item of a property that is one value, not
    a list, is at the property.

    Raises:
        ValidationError: ``kind`` refuses the values.
    """
    try:
        return kind(**values)
    except ValidationError as error:
        problems = [
            attrs.evolve(problem, loc=_node_path(problem.loc, where, node, paths or {}))
            for problem in error.problems
        ]
        raise ValidationError(problems) from None


def _node_path(
    loc: Loc, where: Mapping[str, Loc], node: Mapping[str, Any], paths: Mapping[Loc, Loc]
) -> Loc:
    """Where in the node the value at ``loc`` in the record is (see `_made`)."""
    for size in range(len(loc), 0, -1):
        if loc[:size] in paths:
            return (*paths[loc[:size]], *loc[size:])
    if not loc:
        return loc
    field, rest = str(loc[0]), loc[1:]
    found = where.get(field, (field,))
    one = len(found) == 1 and not isinstance(node.get(str(found[0])), list)
    if rest and isinstance(rest[0], int) and one:  # a property of one value, not a list
        rest = rest[1:]
    return (*found, *rest)


def _read_place(value: Any) -> Place | None:
    if value is None:
        return None
    node = _part(value, ("location",), _PLACE)
    address = _part(node.get("address", {}), ("location", "address"), _ADDRESS)
    geo = _part(node.get("geo", {}), ("location", "geo"), _GEO)
    values = {
        "name": node.get("name"),
        "country": address.get("addressCountry"),
        "admin1": address.get("addressRegion"),
        "lat": geo.get("latitude"),
        "lon": geo.get("longitude"),
    }
    return _made(Place, values, _PLACE_PATHS, node)


def _read(names: str) -> frozenset[str]:
    return frozenset(("@id", "@type", *names.split()))


# The properties read of each node type, and of each part of a node.
_READS: Mapping[str, frozenset[str]] = {
    **dict.fromkeys(_ACTOR_KINDS, _read("name alternateName description nationality identifier")),
    "Event": _read(
        "name description startDate endDate temporalCoverage location attendee eventStatus"
        " subjectOf keywords"
    ),
    "Quotation": _read("text description creator about mentions dateCreated isBasedOn"),
    "Claim": _read("text creator about mentions dateCreated isBasedOn"),
    **dict.fromkeys(
        _SOURCE_KINDS, _read("name url author publisher datePublished inLanguage isBasedOn")
    ),
}
# Where a node holds each field of its record: properties of its own, read by `_given` ...
_ACTOR_PROPERTIES: Mapping[str, str] = {"name": "name", "description": "description"}
_EVENT_PROPERTIES: Mapping[str, str] = {"title": "name", "summary": "description"}
_CLAIM_PROPERTIES: Mapping[str, str] = {"text": "text"}
_QUOTATION_PROPERTIES: Mapping[str, str] = {"quote": "text", "text": "description"}
_SOURCE_PROPERTIES: Mapping[str, str] = {"name": "name", "url": "url", "language": "inLanguage"}
# ... and the others (a reference's path is put in `paths` as it is read).
_ACTOR_PARTS: Mapping[str, Loc] = {
    "aliases": ("alternateName",),
    "country": ("nationality", "identifier"),
    "identifiers": ("identifier",),
}
_EVENT_PARTS: Mapping[str, Loc] = {
    "when": ("startDate",),
    "place": ("location",),
    "participants": ("attendee",),
    "status": ("eventStatus",),
    "sources": ("subjectOf",),
    "tags": ("keywords",),
}
_STATEMENT_PARTS: Mapping[str, Loc] = {
    "speaker": ("creator",),
    "kind": ("@type",),
    "about": ("about",),
    "event": ("mentions",),
    "when": ("dateCreated",),
    "sources": ("isBasedOn",),
}
_SOURCE_PARTS: Mapping[str, Loc] = {
    "kind": ("@type",),
    "author": ("author",),
    "publisher": ("publisher",),
    "published": ("datePublished",),
    "derived_from": ("isBasedOn",),
}
_PLACE_PATHS: Mapping[str, Loc] = {
    "name": ("location", "name"),
    "country": ("location", "address", "addressCountry"),
    "admin1": ("location", "address", "addressRegion"),
    "lat": ("location", "geo", "latitude"),
    "lon": ("location", "geo", "longitude"),
}
_REFERENCE = frozenset({"@id"})
_REFERENCE_PROBLEMS = frozenset({"dangling_reference", "wrong_reference_kind"})
_PROPERTY_VALUE = frozenset({"propertyID", "value"})
_COUNTRY = frozenset({"identifier"})
_ROLE = frozenset({"roleName", "attendee"})
_PLACE = frozenset({"name", "address", "geo"})
_ADDRESS = frozenset({"addressCountry", "addressRegion"})
_GEO = frozenset({"latitude", "longitude"})
