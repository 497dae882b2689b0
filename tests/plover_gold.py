"""PLOVER 0.5b1 gold-standard records to eventkit records and back, field by field.

A test helper (the interop issue will make it ``eventkit.interop.plover``):
`read` turns the records into a dataset, `write` turns each event back into
the PLOVER record it came from, so a test can hold the two equal and prove
that nothing was lost. Where each PLOVER field goes:

- ``id``: `Event.id`, and ``identifiers["plover"]`` (two records of the
  file share an id: the second's `Event.id` gets ``-2``);
- ``date``: `Event.when`; ``eventText``: `Event.title`;
- ``text``: the excerpt of the event's `Citation` of its publication;
- ``publication``, ``language``: a `Source` (kind ``report``);
- ``source``, ``target`` actors: `Participant` (``initiator``,
  ``recipient``) of an `Actor` per name, code and sector, kept as the
  ``identifiers`` ``cameo`` and ``cameo_sector``;
- ``event``, ``mode``, ``context``: `Codes` by `ek.codes.plover_from_v05`
  (0.8 names, the originals in ``original``);
- ``textInfo`` markup: ``Codes.original["markup"]``;
- ``eventLoc``: `Place` (``country code``, ISO alpha-2, as alpha-3);
- ``size``: `Event.size` when a number, else ``Codes.original["size"]``;
- ``dead``, ``injured``: `Event.casualties`;
- ``coder``, ``version``, ``dateCoded``: a `Provenance` per coding date;
- ``comment``: `Record.comment`;
- the ``DOCUMENT`` record: the `Provenance` of its date, with
  ``eventText`` and ``comment`` as its description, ``license`` and
  ``copyright`` as its rights, its id in ``identifiers`` and its
  publication as its comment.

A value in an unexpected place (one record's ``target`` is the string
``"diplomatic"``, one record's ``textInfo`` is a string) is kept in
``Codes.original`` under its PLOVER name. Empty strings mean "not coded" in
these records and are read as absent.
"""

from __future__ import annotations

from typing import Any

import attrs
import pycountry

import eventkit as ek

Data = dict[str, Any]

_KINDS = {
    "GOV": "government",
    "MIL": "military",
    "REB": "armed_group",
    "UAF": "armed_group",
    "OPP": "political_party",
    "PTY": "political_party",
    "JRN": "media",
    "BUS": "company",
}
_DOC_SEPARATOR = "\n\n"


def _actor_id(actor: Data) -> str:
    return ek.make_id(actor["actorText"], actor["code"], actor.get("sector") or "-")


def _actor(actor: Data) -> ek.Actor:
    sector = actor.get("sector")
    identifiers = {"cameo": actor["code"]}
    if sector is not None:
        identifiers["cameo_sector"] = sector
    kind = _KINDS.get((sector or "")[:3], "group")
    return ek.Actor(
        id=_actor_id(actor), name=actor["actorText"], kind=kind, identifiers=identifiers
    )


def _country(**code: str) -> Any:
    found: Any = pycountry.countries.get(**code)  # type: ignore[arg-type]
    assert found is not None, code
    return found


def _provenance_id(date: str) -> str:
    return f"plover-gsr01-{date}"


def _number(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


def read(records: list[Data]) -> ek.Dataset:
    """The gold-standard records as a dataset of events, actors, sources and provenance."""
    document = next(r for r in records if r["event"] == "DOCUMENT")
    provenances: dict[str, Data] = {}
    for record in records:
        provenances.setdefault(
            record["dateCoded"],
            {
                "id": _provenance_id(record["dateCoded"]),
                "coder": record["coder"],
                "method": "manual",
                "codebook": "PLOVER",
                "codebook_version": record["version"],
                "coded": ek.parse_edtf(record["dateCoded"]),
            },
        )
    provenances[document["dateCoded"]].update(
        description=document["eventText"] + _DOC_SEPARATOR + document["comment"],
        rights=document["license"] + _DOC_SEPARATOR + document["copyright"],
        identifiers={"plover": document["id"]},
        comment=document["publication"],
    )
    found: dict[str, ek.Record] = {}
    for values in provenances.values():
        found[values["id"]] = ek.Provenance(**values)
    for record in records:
        if record is document:
            continue
        source = ek.Source(
            id=ek.make_id(record["publication"]),
            name=record["publication"],
            kind="report",
            language=record.get("language"),
        )
        found[source.id] = source
        for actor in _actors(record, "source") + _actors(record, "target"):
            found.setdefault(_actor_id(actor), _actor(actor))
        event = _event(record, source)
        if event.id in found:  # two records share an id in the file: the second gets "-2"
            event = attrs.evolve(event, id=f"{event.id}-2")
        found[event.id] = event
    return ek.Dataset(found.values(), name="PLOVER gold standard")


def _actors(record: Data, key: str) -> list[Data]:
    value = record.get(key)
    return value if isinstance(value, list) else []


def _event(record: Data, source: ek.Source) -> ek.Event:
    codes = ek.codes.plover_from_v05(record["event"], record.get("mode"), record.get("context"))
    original = dict(codes.original)
    info = record.get("textInfo")
    if isinstance(info, dict):
        original["markup"] = info["markup"]
    elif info is not None:
        original["textInfo"] = info
    for key in ("source", "target"):
        if record.get(key) not in (None, "") and not isinstance(record[key], list):
            original[key] = record[key]
    size = _number(record.get("size"))
    if record.get("size") is not None and size is None:
        original["size"] = record["size"]
    dead, injured = _number(record.get("dead")), _number(record.get("injured"))
    casualties = None
    if dead is not None or injured is not None:
        casualties = ek.Casualties(
            killed=None if dead is None else ek.Quantity(value=dead),
            injured=None if injured is None else ek.Quantity(value=injured),
        )
    participants = [
        ek.Participant(actor=_actor_id(actor), role=role)
        for key, role in (("source", "initiator"), ("target", "recipient"))
        for actor in _actors(record, key)
    ]
    location = record.get("eventLoc")
    place = None
    if location is not None:
        alpha2 = location.get("country code")
        country = None if alpha2 is None else _country(alpha_2=alpha2).alpha_3
        place = ek.Place(name=location["name"], country=country)
    return ek.Event(
        id=record["id"],
        identifiers={"plover": record["id"]},
        title=record["eventText"],
        when=None if record.get("date") is None else ek.parse_edtf(record["date"]),
        place=place,
        participants=participants,
        casualties=casualties,
        size=None if size is None else ek.Quantity(value=size),
        sources=[ek.Citation(source=source.id, excerpt=record["text"])],
        codes=ek.Codes(
            plover=codes.plover, mode=codes.mode, context=codes.context, original=original
        ),
        provenance=_provenance_id(record["dateCoded"]),
        comment=record.get("comment"),
    )


def write(event: ek.Event, dataset: ek.Dataset) -> Data:
    """The PLOVER record ``event`` was read from."""
    assert event.codes is not None
    original = dict(event.codes.original)
    provenance = dataset[event.provenance or ""]
    assert isinstance(provenance, ek.Provenance)
    [citation] = event.sources
    source = dataset[citation.source]
    assert isinstance(source, ek.Source)
    record: Data = {
        "id": event.identifiers["plover"],
        "date": None if event.when is None else event.when.to_edtf(),
        "event": original.pop("event"),
        "eventText": event.title,
        "context": original.pop("context", None),
        "mode": original.pop("mode", None),
        "text": citation.excerpt,
        "language": source.language,
        "publication": source.name,
        "coder": provenance.coder,
        "version": provenance.codebook_version,
        "dateCoded": None if provenance.coded is None else provenance.coded.to_edtf(),
        "comment": event.comment,
    }
    original.pop("plover_version")
    if "markup" in original:
        record["textInfo"] = {"markup": original.pop("markup")}
    record.update(
        (key, original.pop(key))
        for key in ("textInfo", "source", "target", "size")
        if key in original
    )
    assert not original, f"{event.id}: {original} kept but not written back"
    for key, role in (("source", "initiator"), ("target", "recipient")):
        actors = [_plover_actor(dataset[p.actor]) for p in event.participants if p.role == role]
        if actors:
            record[key] = actors
    if event.size is not None:
        record["size"] = str(event.size.value)
    if event.casualties is not None:
        for key, count in (
            ("dead", event.casualties.killed),
            ("injured", event.casualties.injured),
        ):
            if count is not None:
                record[key] = str(count.value)
    if event.place is not None:
        record["eventLoc"] = {"name": event.place.name}
        if event.place.country is not None:
            country = _country(alpha_3=event.place.country)
            record["eventLoc"]["country code"] = country.alpha_2
    return {key: value for key, value in record.items() if value is not None}


def _plover_actor(actor: Any) -> Data:
    found = {"actorText": actor.name, "code": actor.identifiers["cameo"]}
    if "cameo_sector" in actor.identifiers:
        found["sector"] = actor.identifiers["cameo_sector"]
    return found


def write_document(dataset: ek.Dataset) -> Data:
    """The ``DOCUMENT`` record, from the provenance that holds it."""
    [provenance] = [p for p in dataset.provenances if "plover" in p.identifiers]
    event_text, comment = (provenance.description or "").split(_DOC_SEPARATOR)
    license_, copyright_ = (provenance.rights or "").split(_DOC_SEPARATOR)
    return {
        "id": provenance.identifiers["plover"],
        "event": "DOCUMENT",
        "eventText": event_text,
        "publication": provenance.comment,
        "coder": provenance.coder,
        "version": provenance.codebook_version,
        "dateCoded": None if provenance.coded is None else provenance.coded.to_edtf(),
        "license": license_,
        "copyright": copyright_,
        "comment": comment,
    }
