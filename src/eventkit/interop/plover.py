"""PLOVER and POLECAT event records (JSON) in and out of eventkit, every loss reported.

PLOVER records come in two spellings: the 0.5b1 one of the gold-standard
records (``source``/``target`` actors, ``eventText``, ``eventLoc``,
``dateCoded``, 0.5b1 event names such as ``DEMAND``) and the 0.8 one of the
manual and of POLECAT (``actor``/``recipient``, ``event_text``,
``event_loc``, ``coded_date``, 0.8 names). `read` takes either, record by
record: a record's keys tell its spelling, and so its event names; its
``version`` (the codebook's version of the coding, ``0.5b1`` in records
eventkit writes of the gold standard in either spelling) decides only for a
record whose keys are the same in both. `write` writes either. Where each
PLOVER field goes:

- ``id``: `Event.id` and ``identifiers["plover"]``; a second record with an
  id already read gets ``-2`` (``-3``…) on its `Event.id`, and the id is
  listed in the report's ``duplicates``;
- ``date``: `Event.when` (with 0.8's ``enddate``, a `TimeSpan`);
  ``eventText``: `Event.title` (the id, when a record has none: written
  back without one);
- ``text``: the excerpt of the event's `Citation` of its publication;
- ``publication``, ``language``: a `Source` (kind ``report``), one per
  publication and language (texts without publication: a Source of their own
  named "unnamed publication", written back without one);
- ``source``/``actor`` and ``target``/``recipient`` actors: `Participant`
  (``initiator``, ``recipient``) of an `Actor` per name, code and sector,
  kept as the ``identifiers`` ``cameo`` and ``cameo_sector``; a code that is
  an ISO country is also the actor's country; an entity without a name is
  named by its code, else "unnamed", and written back without one;
- ``event``, ``mode``, ``context``: `Codes`, 0.5b1 names mapped to 0.8 by
  `eventkit.codes.plover_from_v05` (the originals in ``Codes.original``);
- ``textInfo`` markup: ``Codes.original["markup"]``;
- ``eventLoc``: `Place` (``country code``, ISO alpha-2, as alpha-3);
- ``size``: `Event.size` when a number, else ``Codes.original["size"]``;
- ``dead``, ``injured``: `Event.casualties`;
- ``coder``, ``version``, ``dateCoded``: a `Provenance` per coding, of
  codebook ``PLOVER``; PLOVER has no field for how the records were coded
  (POLECAT's are machine-coded, the gold standard's by hand), so its
  ``method`` is the one the caller gives `read`, else none;
- ``comment``: `Record.comment`;
- a ``DOCUMENT`` record (documentation of the file): the `Provenance` of its
  coding (its own, if another DOCUMENT has that coding), with ``eventText``
  and ``comment`` as its description, ``license`` and ``copyright`` as its
  rights (each pair one text, a blank line between, split at its first
  blank line on export: an ``eventText`` or ``license`` holding one is
  read whole, reported changed), its id in ``identifiers`` and its
  publication as its comment.

Empty strings mean "not coded" in these records: an empty value (``""``,
null or ``[]``, also of an entity or a place) is read as absent and
reported changed. A
value in an unexpected place (one gold record's ``target`` is the string
``"diplomatic"``) is kept in ``Codes.original`` under its PLOVER name, as
is a text field PLOVER does not define.

Written out, PLOVER cannot carry statements, participants in roles other
than initiator and recipient (the initiator of a CONSULT is written as its
``actor``, but a reader cannot tell that the actor *initiated* it), dates
less precise than a day, spans with an open end (a ``date`` alone is one
day: written as their first day), the texts dates were read from, an
event's status, what a provenance says beyond its coder, codebook version
and date (and a DOCUMENT's texts), what a source says beyond its name and
language, sources, codings and actors no event record holds, and most of
what eventkit records beyond PLOVER's fields; `write`'s report lists each,
record by record.

Examples:
    >>> import eventkit as ek
    >>> from eventkit.interop import plover
    >>> ds, report = plover.read([{"id": "p-1", "date": "2024-11-15", "event": "CONSULT",
    ...     "mode": "phone", "actor": [{"code": "DEU", "entity_text": "Olaf Scholz"}],
    ...     "recipient": [{"code": "RUS", "entity_text": "Vladimir Putin"}],
    ...     "event_text": "telephoned"}])
    >>> call = ds["p-1"]
    >>> call.codes.plover, call.codes.mode, [a.name for a in ds.actors]
    ('CONSULT', 'phone', ['Olaf Scholz', 'Vladimir Putin'])
    >>> rows, out = plover.write(ds)
    >>> rows[0]["actor"], rows[0]["event"]
    ([{'code': 'DEU', 'entity_text': 'Olaf Scholz'}], ['CONSULT'])
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs
import orjson
import pycountry

from eventkit import checks
from eventkit._codes import Codes, plover_from_v05
from eventkit._dataset import Dataset
from eventkit._events import codes_of
from eventkit._ids import make_id
from eventkit._json_keys import duplicate_keys
from eventkit._limits import over_limits
from eventkit._records import (
    Actor,
    Casualties,
    Citation,
    Event,
    Participant,
    Place,
    Provenance,
    Quantity,
    Record,
    Source,
    Statement,
)
from eventkit._serialize import to_dict
from eventkit._time import PartialDate, Precision, TimeSpan, When, parse_edtf
from eventkit._unknown import unwritable
from eventkit._vocab import CodingMethod
from eventkit.exceptions import Loc, Problem, ValidationError
from eventkit.interop._placeholders import UNNAMED_ACTOR, UNNAMED_PUBLICATION, given_name
from eventkit.interop._report import ConversionReport, Exported, Imported, Recorder
from eventkit.interop._tables import actor_kind, cameo_country
from eventkit.interop._text import parse_json, placed, read_text
from eventkit.interop._values import is_absent, rows_given

__all__ = ["dump", "load", "read", "write"]

Data = dict[str, Any]
Version = Literal["0.8", "0.5b1"]

# Roles written as PLOVER's source (0.8: actor) and target (0.8: recipient) actors.
_PLOVER_ROLES = {
    "initiator": "source",
    "perpetrator": "source",
    "recipient": "target",
    "target": "target",
    "victim": "target",
}
_DOC_SEPARATOR = "\n\n"
# What `read` makes of every coding and publication beside what PLOVER holds of them.
_READ_CODING = {"codebook": "PLOVER"}
_READ_SOURCE = {"kind": "report"}
_FORMAT = "plover"
_JSON_SUFFIX = ".json"  # a value kept in Codes.original as JSON text
# Fields of an event record PLOVER writes as text (0.5b1 spelling).
_TEXTS = (
    "id",
    "date",
    "enddate",
    "eventText",
    "text",
    "publication",
    "language",
    "coder",
    "version",
    "dateCoded",
    "comment",
)

# 0.8 spelling -> 0.5b1 spelling, for the fields both have.
_V08_KEYS = {
    "actor": "source",
    "recipient": "target",
    "event_text": "eventText",
    "event_loc": "eventLoc",
    "text_info": "textInfo",
    "coded_date": "dateCoded",
}
_V05_KEYS = {old: new for new, old in _V08_KEYS.items()}
_ENTITY_TEXT = {"0.5b1": "actorText", "0.8": "entity_text"}
_NOT_CODED = "an empty value means not coded: read, and written back, as absent"
# What each PLOVER field becomes, for the report.
_TARGETS = {
    "id": "Event.id",
    "date": "Event.when",
    "enddate": "Event.when",
    "eventText": "Event.title",
    "text": "Citation.excerpt",
    "publication": "Source.name",
    "language": "Source.language",
    "source": "Participant(initiator)",
    "target": "Participant(recipient)",
    "event": "Codes.plover",
    "mode": "Codes.mode",
    "context": "Codes.context",
    "textInfo": "Codes.original.markup",
    "eventLoc": "Event.place",
    "size": "Event.size",
    "dead": "Event.casualties.killed",
    "injured": "Event.casualties.injured",
    "coder": "Provenance.coder",
    "version": "Provenance.codebook_version",
    "dateCoded": "Provenance.coded",
    "comment": "Event.comment",
}


def load(path: str | os.PathLike[str], *, method: CodingMethod | str | None = None) -> Imported:
    r"""Read a PLOVER file: a JSON array of records, or JSON Lines (one record a line).

    ``method`` is how the records were coded, as `read` takes it. A record
    giving a key twice is rejected (``duplicate_key``), as `read` rejects a
    record it cannot read: only one value could be kept, so none is.

    Each problem names the file and, in JSON Lines, the line. A line of
    JSON Lines that is not JSON, or not a JSON object, is rejected at ``$``
    and the other lines are read.

    Raises:
        ValidationError: a JSON array file is not JSON, or is nested too deep
            to read (code ``invalid_json``, with its line).

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.jsonl"
        >>> _ = path.write_text('{"id": "e1", "date": "2024-11-15", "event": "CONSULT"}\n')
        >>> load(path).dataset["e1"].codes.plover
        'CONSULT'
    """
    file = os.fsdecode(path)
    text = read_text(path)
    faults: dict[int, list[Problem]] = {}
    if text.lstrip().startswith("["):
        records = parse_json(text, file, 1)
        for problem in duplicate_keys(text, records):
            index, *loc = problem.loc
            faults.setdefault(int(index), []).append(attrs.evolve(problem, loc=tuple(loc)))
        where: list[tuple[str, int | None]] = [(file, None)] * len(records)
    else:  # a line that cannot be read is its record's problem, the others read
        records, where = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    record = parse_json(line, file, number)
                except ValidationError as error:
                    record, faults[len(records)] = {}, list(error.problems)
                else:
                    if repeated := duplicate_keys(line, record):
                        faults[len(records)] = repeated
                records.append(record)
                where.append((file, number))
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            message = "expected a JSON object"
            faults[index] = [Problem(code="invalid_type", message=message, input=record)]
            records[index] = {}
    dataset, report = _read(records, faults, name=Path(path).name, method=method)
    return Imported(dataset, placed(report, where))


def read(
    records: Iterable[Mapping[str, Any]],
    *,
    name: str = "PLOVER",
    method: CodingMethod | str | None = None,
) -> Imported:
    """PLOVER records (0.5b1 or 0.8, as dicts) as a dataset, with the report of every field.

    Records that cannot be read are left out, their problems in the report
    (outcome ``rejected``); nothing else is left out. A record cannot be read
    when it holds a value JSON cannot hold exactly (bytes, NaN, an integer
    beyond 64 bits, a lone surrogate: as `eventkit.from_dict` reports them),
    a value beyond `eventkit.limits`, something other than text where PLOVER
    writes text (``id``, ``date``, ``eventText``, an actor's ``code``, …), a
    field in both spellings (``actor`` and ``source``), or values that make no
    valid record. Problems and the report name each field as the record spells it.

    PLOVER has no field for how records were coded: POLECAT's are coded by
    machine, the gold standard's by hand, and a file does not say which.
    Give it as ``method`` (a `CodingMethod`: ``"model"`` for POLECAT) and
    every event's `Provenance` has it, including an event whose record
    gives no ``coder``, ``version`` or ``dateCoded``; without it the
    provenances have no method, and only records giving one of those three
    have a provenance.

    Raises:
        ValidationError: ``records`` holds something that is not a JSON
            object, or ``method`` is no coding method (``$.method``).
        TypeError: ``records`` is one mapping, text, or not iterable.

    Examples:
        >>> ds, report = read([{"id": "r1", "date": "1995-03-02", "event": "DEMAND",
        ...                     "eventText": "demanded", "source": [{"actorText": "Iraq",
        ...                     "code": "IRQ"}], "version": "0.5b1"}])
        >>> ds["r1"].codes.plover, ds["r1"].codes.original["event"]
        ('REQUEST', 'DEMAND')
        >>> [str(f) for f in report.select("changed")]
        ["row 'r1' (#0): event changed to Codes.plover: 'DEMAND' -> 'REQUEST' (PLOVER 0.5b1 name; the original is kept in Codes.original)"]

        POLECAT records, machine-coded, and records that do not say:

        >>> polecat = [{"id": "p1", "date": "2024-11-15", "event": ["CONSULT"]}]
        >>> ds, _ = read(polecat, method="model")
        >>> [(p.method, p.codebook) for p in ds.provenances]
        [(<CodingMethod.MODEL: 'model'>, 'PLOVER')]
        >>> read(polecat).dataset.provenances
        ()
        >>> [p.method for p in read([{"id": "r1", "coder": "OEDA"}]).dataset.provenances]
        [None]
    """  # noqa: E501 - the doctest output is one line
    return _read(records, {}, name=name, method=method)


def _read(
    records: Iterable[Mapping[str, Any]],
    faults: Mapping[int, list[Problem]],
    *,
    name: str,
    method: CodingMethod | str | None,
) -> Imported:
    """`read`, the records whose text has ``faults`` (by position: a key given twice) rejected."""
    rows = list(rows_given(records, "records"))
    method = _method(method)
    wrong = [
        Problem(loc=(index,), code="invalid_type", message="expected a JSON object", input=row)
        for index, row in enumerate(rows)
        if not isinstance(row, Mapping)
    ]
    if wrong:
        raise ValidationError(wrong, title="PLOVER records")
    recorder = Recorder(format=_FORMAT, direction="import")
    found: dict[str, Record] = {}
    provenances: dict[str, Data] = {}
    for index, row in enumerate(rows):
        row_id = row.get("id")
        recorder.start(row_id if isinstance(row_id, str) and row_id else f"#{index}", index)
        not_json = faults.get(index) or over_limits(dict(row)) or unwritable(dict(row))
        if not_json:
            recorder.reject_row(not_json)
            continue
        try:
            record, version, recorder.names = _normalise(_coded(row, recorder))
            if record.get("event") == "DOCUMENT":
                _read_document(record, provenances, method, recorder)
            else:
                _read_event(record, version, found, provenances, recorder, method=method)
        except ValidationError as error:
            recorder.reject_row(_respelled(p, recorder.names) for p in error.problems)
    for values in provenances.values():
        found[values["id"]] = Provenance(**values)
    return Imported(Dataset(found.values(), name=name), recorder.report())


def _spelling(record: Data) -> Version:
    """The spelling a record is in, which its event names are in too.

    Its keys say it: a key only 0.8 has makes it 0.8, one only 0.5b1 has
    0.5b1. ``version`` is the codebook's version of the coding (eventkit
    writes ``0.5b1`` for the gold-standard codings in either spelling), so
    it decides only for a record whose keys are the same in both.
    """
    if any(key in record for key in _V08_KEYS):
        return "0.8"
    if any(key in record for key in _V05_KEYS):
        return "0.5b1"
    return "0.5b1" if record.get("version") == "0.5b1" else "0.8"


def _coded(row: Mapping[str, Any], recorder: Recorder) -> Data:
    """The record without its empty values, each reported changed to absent: they mean not coded.

    A value is empty when it is ``""``, null or ``[]``, in the record or in
    one of its entities (``actor[0].code``) or its place (``event_loc.name``).
    """
    record: Data = {}
    for key, value in row.items():
        if _empty(value):
            if key != "id":  # the id made for the record is reported instead
                recorder.changed(key, "absent", value, None, _NOT_CODED)
            continue
        inside = _V08_KEYS.get(key, key)
        if inside in ("source", "target") and isinstance(value, list):
            record[key] = [
                _coded_part(item, f"{key}[{index}]", recorder) if isinstance(item, dict) else item
                for index, item in enumerate(value)
            ]
        elif inside == "eventLoc" and isinstance(value, dict):
            record[key] = _coded_part(value, key, recorder)
        else:
            record[key] = value
    return record


def _coded_part(part: Data, at: str, recorder: Recorder) -> Data:
    """An entity or place of a record (at ``at``) without its empty values, each reported."""
    for name, value in part.items():
        if _empty(value):
            recorder.changed(f"{at}.{name}", "absent", value, None, _NOT_CODED)
    return {name: value for name, value in part.items() if not _empty(value)}


def _empty(value: Any) -> bool:
    return is_absent(value) or value == []


def _normalise(record: Data) -> tuple[Data, Version, dict[str, str]]:
    """The record with 0.8 keys in their 0.5b1 spelling.

    Returns:
        The record, its spelling (`_spelling`), and the keys it spells in
        0.8, by their 0.5b1 spelling (problems and the report name a field as
        the record does).

    Raises:
        ValidationError: a 0.8 record gives a field in both spellings.
    """
    if _spelling(record) == "0.5b1":
        return record, "0.5b1", {}
    spelled = {_V08_KEYS[key]: key for key in record if key in _V08_KEYS}
    both = [
        Problem(
            loc=(old,),
            code="duplicate_field",
            message=f"{old!r} is the 0.5b1 spelling of {new!r}, which is given too",
            input=record[old],
        )
        for old, new in spelled.items()
        if old in record
    ]
    if both:
        raise ValidationError(both)
    return {_V08_KEYS.get(key, key): value for key, value in record.items()}, "0.8", spelled


def _not_text(record: Data, keys: Iterable[str], *at: str | int) -> list[Problem]:
    """Problems for the values of ``keys`` that are not text (PLOVER writes them as text)."""
    return [
        Problem(loc=(*at, key), code="invalid_type", message="expected text", input=record[key])
        for key in keys
        if record.get(key) is not None and not isinstance(record[key], str)
    ]


def _bad_text(record: Data, keys: Iterable[str]) -> list[Problem]:
    """Problems for the texts of ``keys`` eventkit does not hold as text (`checks.text`).

    Each at its key: the record's field, not the eventkit field it goes to.
    """
    return [p.at(key) for key in keys if key in record for p in checks.text(record[key]) or ()]


def _method(method: CodingMethod | str | None) -> CodingMethod | str | None:
    """The coding method the caller gives `read`, checked as `Provenance` checks it.

    Raises:
        ValidationError: it is no coding method (``$.method``).
    """
    try:
        return Provenance(id="plover-coding", method=method).method
    except ValidationError as error:
        raise ValidationError(error.problems, title="plover.read arguments") from None


def _coding(
    record: Data, provenances: dict[str, Data], method: CodingMethod | str | None
) -> tuple[str, Data]:
    """The key and the provenance of the record's coding (``coder``, ``version``, ``dateCoded``).

    Its method is the one the caller gave (`read`): PLOVER has no field for it.

    Raises:
        ValidationError: they make no valid `Provenance`.
    """
    wrong = _bad_text(record, ("coder", "version"))
    if wrong:
        raise ValidationError(wrong)
    coded = record.get("dateCoded")
    key = f"{record.get('coder')}|{record.get('version')}|{coded}"
    if key in provenances:
        return key, provenances[key]
    values: Data = {"id": make_id(key, prefix="plover-coding"), **_READ_CODING}
    if method is not None:
        values["method"] = method
    if "coder" in record:
        values["coder"] = record["coder"]
    if "version" in record:
        values["codebook_version"] = record["version"]
    if coded is not None:
        values["coded"] = _date(coded, "dateCoded")
    Provenance(**values)  # refused with its record, not when the dataset is made
    return key, values


def _provenance(
    record: Data,
    provenances: dict[str, Data],
    method: CodingMethod | str | None,
    recorder: Recorder,
) -> tuple[str, Data] | None:
    """The key and the provenance of an event's coding, None if nothing says how it was coded.

    The record says it with a ``coder``, ``version`` or ``dateCoded``; the
    caller, with a ``method`` (then every record has a coding).
    """
    keys = [key for key in ("coder", "version", "dateCoded") if key in record]
    if not keys and method is None:
        return None
    for name in keys:
        recorder.mapped(name, _TARGETS[name])
    return _coding(record, provenances, method)


_DOCUMENT_TARGETS = {
    "id": "Provenance.identifiers.plover",
    "event": "Provenance (DOCUMENT)",
    "eventText": "Provenance.description",
    "comment": "Provenance.description",
    "license": "Provenance.rights",
    "copyright": "Provenance.rights",
    "publication": "Provenance.comment",
    "coder": "Provenance.coder",
    "version": "Provenance.codebook_version",
    "dateCoded": "Provenance.coded",
}


# The Provenance fields holding two texts of a DOCUMENT each, split again on export.
_DOCUMENT_PAIRS = {"description": ("eventText", "comment"), "rights": ("license", "copyright")}


def _joined(first: str | None, second: str | None) -> str | None:
    """Two texts of a DOCUMENT as the Provenance field holding them, a blank line between."""
    return first if second is None else (first or "") + _DOC_SEPARATOR + second


def _parts(text: str | None) -> tuple[str | None, str | None]:
    """The two texts of a DOCUMENT a Provenance field holds: split at its first blank line."""
    first, _, second = (text or "").partition(_DOC_SEPARATOR)
    return first or None, second or None


def _read_document(
    record: Data,
    provenances: dict[str, Data],
    method: CodingMethod | str | None,
    recorder: Recorder,
) -> None:
    """A DOCUMENT record documents the file: it goes to the provenance of its coding.

    A text holding a blank line where the Provenance field splits (`_parts`)
    is read whole, reported changed to what it is written back as.

    Raises:
        ValidationError: it has no id, a field other than those of
            `_DOCUMENT_TARGETS` (nothing else would keep it), a value that is
            not text (or not text eventkit holds: spaces alone, control
            characters), or values that make no valid `Provenance`.
    """
    found = _not_text(record, _DOCUMENT_TARGETS)
    found += [
        Problem(loc=(key,), code="unknown_field", message="a DOCUMENT record has no such field")
        for key in record
        if key not in _DOCUMENT_TARGETS
    ]
    if "id" not in record:
        found.append(Problem(loc=("id",), code="missing", message="a DOCUMENT record needs its id"))
    if found:
        raise ValidationError(found)
    found = _bad_text(record, ("id", "publication"))
    texts: dict[str, str | None] = {}
    split: dict[str, str | None] = {}  # a first text written back otherwise: as what
    for field, keys in _DOCUMENT_PAIRS.items():
        given = (record.get(keys[0]), record.get(keys[1]))
        texts[field] = _joined(*given)
        if texts[field] is not None and checks.text(texts[field]):  # spaces alone may join text
            found += _bad_text(record, keys)
        if _parts(texts[field]) != given:
            split[keys[0]] = _parts(texts[field])[0]
    if found:
        raise ValidationError(found)
    key, values = _coding(record, provenances, method)
    if "identifiers" in values:  # another DOCUMENT's coding: this one gets its own
        key = f"{key}|{len(provenances)}"
        values = values | {"id": make_id(key, prefix="plover-coding")}
    values = values | texts
    values |= {"identifiers": {"plover": record["id"]}, "comment": record.get("publication")}
    Provenance(**values)
    provenances[key] = values
    for name in record:
        if name in split:
            reason = "read whole; written back, it ends at its first blank line"
            recorder.changed(name, _DOCUMENT_TARGETS[name], record[name], split[name], reason)
        else:
            recorder.mapped(name, _DOCUMENT_TARGETS[name])


def _actor_id(actor: Data, text_key: str) -> str:
    text = actor.get(text_key)
    parts = (text or "-", actor.get("code") or "-", actor.get("sector") or "-")
    return make_id(*parts) if text else UNNAMED_ACTOR.make_id(*parts)


def _actor(actor: Data, text_key: str) -> Actor:
    code, sector = actor.get("code"), actor.get("sector")
    identifiers = {}
    if code is not None:
        identifiers["cameo"] = code
    if sector is not None:
        identifiers["cameo_sector"] = sector
    code_text = code if isinstance(code, str) else None
    sector_text = sector if isinstance(sector, str) else None
    return Actor(
        id=_actor_id(actor, text_key),
        name=actor.get(text_key) or UNNAMED_ACTOR.name_of(identifiers),
        kind=actor_kind(code_text, [sector_text]),
        country=cameo_country(code_text),
        identifiers=identifiers,
    )


def _actors(record: Data, key: str) -> list[Data]:
    """The entities of ``key``, a list of objects; [] for a value of another kind."""
    value = record.get(key)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return value
    return []


def _entity_problems(record: Data, text_key: str, recorder: Recorder) -> list[Problem]:
    """Problems for the entities' values that are not text; their other fields reported lost."""
    found = []
    for key in ("source", "target"):
        spelled = recorder.names.get(key, key)
        for index, actor in enumerate(_actors(record, key)):
            found += _not_text(actor, (text_key, "code", "sector"), spelled, index)
            for name in actor.keys() - {text_key, "code", "sector"}:
                reason = "PLOVER entities hold a name, a code and a sector"
                recorder.dropped(f"{spelled}[{index}].{name}", reason)
    return found


def _number(value: Any) -> int | None:
    """A count PLOVER gives as a number or as ASCII digits, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _names(value: Any, key: str) -> list[str]:
    """The names PLOVER 0.8 gives as text or a list of texts (``event``, ``mode``, ``context``).

    Raises:
        ValidationError: ``value`` is neither.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    message = "expected text or a list of texts"
    raise ValidationError([Problem(loc=(key,), code="invalid_type", message=message, input=value)])


def _codes(record: Data, version: Version, recorder: Recorder) -> Codes:
    """The event's coding; 0.5b1 names mapped to 0.8's, the originals kept."""
    event, mode, context = (record.get(key) for key in ("event", "mode", "context"))
    if version == "0.5b1":
        codes = plover_from_v05(event, mode, context)
        for key, value, mapped in (
            ("event", event, codes.plover),
            ("mode", mode, codes.mode),
            ("context", context, ", ".join(codes.context) or None),
        ):
            if value is None:
                continue
            if value == mapped:
                recorder.mapped(key, _TARGETS[key])
            else:
                reason = (
                    "PLOVER 0.5b1 name" if mapped is not None else "no PLOVER 0.8 name for it"
                ) + "; the original is kept in Codes.original"
                recorder.changed(key, _TARGETS[key], value, mapped, reason)
        return codes

    events, modes, contexts = (
        _names(event, "event"),
        _names(mode, "mode"),
        _names(context, "context"),
    )
    original: dict[str, str] = {}
    for key, values in (("event", events), ("mode", modes)):
        if len(values) > 1:
            original[key] = ", ".join(values)
            reason = "eventkit holds one; all are kept in Codes.original"
            recorder.changed(key, _TARGETS[key], values, values[0], reason)
        elif values:
            recorder.mapped(key, _TARGETS[key])
    if context is not None:
        recorder.mapped("context", _TARGETS["context"])
    with _at({("plover",): ("event",), ("mode",): ("mode",), ("context",): ("context",)}):
        return Codes(
            plover=events[0] if events else None,
            mode=modes[0] if modes else None,
            context=contexts,
            original=original,
        )


def _read_event(  # noqa: PLR0912, PLR0915 - one PLOVER field after another
    record: Data,
    version: Version,
    found: dict[str, Record],
    provenances: dict[str, Data],
    recorder: Recorder,
    *,
    method: CodingMethod | str | None,
) -> None:
    """An event record: its event, actors, source and coding go to ``found`` and ``provenances``.

    Raises:
        ValidationError: the record cannot be read; nothing of it was added.
    """
    text_key = _ENTITY_TEXT[version]
    added: list[Record] = []
    wrong = _not_text(record, _TEXTS) + _entity_problems(record, text_key, recorder)
    if wrong:
        raise ValidationError(wrong)
    codes = _codes(record, version, recorder)
    original = dict(codes.original)
    participants = []
    for key, role in (("source", "initiator"), ("target", "recipient")):
        actors = _actors(record, key)
        for index, actor in enumerate(actors):
            with _at(_actor_fields(key, index, text_key)):
                added.append(_actor(actor, text_key))
            participants.append(Participant(actor=_actor_id(actor, text_key), role=role))
        if actors:
            recorder.mapped(key, _TARGETS[key])
        elif key in record:  # a value in an unexpected place: kept under its name
            original[key] = str(record[key])
            recorder.changed(key, "Codes.original", record[key], original[key], "not actors")
    info = record.get("textInfo")
    if isinstance(info, dict) and set(info) == {"markup"} and isinstance(info["markup"], str):
        original["markup"] = info["markup"]
        recorder.mapped("textInfo", _TARGETS["textInfo"])
    elif info is not None:
        _keep(original, "textInfo", info, recorder)
    size = _number(record.get("size"))
    if "size" in record:
        if size is None:
            _keep(original, "size", record["size"], recorder)
        else:
            recorder.changed("size", _TARGETS["size"], record["size"], size, "text to number")
    dead, injured = _number(record.get("dead")), _number(record.get("injured"))
    casualties = None
    if dead is not None or injured is not None:
        with _at({("killed",): ("dead",), ("injured",): ("injured",)}):
            casualties = Casualties(
                killed=None if dead is None else _quantity(dead, "dead"),
                injured=None if injured is None else _quantity(injured, "injured"),
            )
    for key, number in (("dead", dead), ("injured", injured)):
        if key in record:
            if number is None:
                _keep(original, key, record[key], recorder)
            else:
                recorder.changed(key, _TARGETS[key], record[key], number, "text to number")
    place = _place(record.get("eventLoc"), original, recorder)
    when = _when(record, recorder)
    sources = []
    if "publication" in record or "text" in record:
        language = record.get("language")
        with _at({("name",): ("publication",), ("language",): ("language",)}):
            source = Source(
                id=_source_id(record.get("publication"), language),
                name=record.get("publication", UNNAMED_PUBLICATION.text),
                kind=_READ_SOURCE["kind"],
                language=language,
            )
        added.append(source)
        with _at({("excerpt",): ("text",)}):
            sources.append(Citation(source=source.id, excerpt=record.get("text")))
        for key in ("publication", "language", "text"):
            if key in record:
                recorder.mapped(key, _TARGETS[key])
    elif "language" in record:
        original["language"] = record["language"]
        recorder.mapped("language", "Codes.original.language")
    known = {*_TARGETS, "enddate", "eventLoc", "textInfo", "source", "target"}
    for key, value in record.items():
        if key in known:
            continue
        _keep(original, key, value, recorder)
    event_id = record.get("id") if isinstance(record.get("id"), str) else None
    if not event_id:
        made = make_id(json.dumps(record, sort_keys=True), prefix="plover")
        reason = "no id to use: an id made from the record's fields"
        recorder.changed("id", _TARGETS["id"], record.get("id"), made, reason)
        event_id = made
    plover_id = record.get("id")
    if event_id in found or recorder.seen(str(plover_id)):
        event_id = recorder.unmerged("id", _TARGETS["id"], event_id, found, item="record")
    elif "id" in record:
        recorder.mapped("id", _TARGETS["id"])
    if "eventText" in record:
        recorder.mapped("eventText", "Event.title")
    if "comment" in record:
        recorder.mapped("comment", _TARGETS["comment"])
    if original:
        original.setdefault("plover_version", version)
    coding = _provenance(record, provenances, method, recorder)
    with _at({("title",): ("eventText",), ("comment",): ("comment",)}):
        event = Event(
            id=event_id,
            identifiers={} if plover_id is None else {"plover": str(plover_id)},
            title=record.get("eventText") or str(plover_id or event_id),
            when=when,
            place=place,
            participants=participants,
            casualties=casualties,
            size=None if size is None else _quantity(size, "size"),
            sources=sources,
            codes=attrs.evolve(codes, original=original),
            provenance=None if coding is None else coding[1]["id"],
            comment=record.get("comment"),
        )
    for item in added:
        found.setdefault(item.id, item)
    found[event.id] = event
    if coding is not None:
        provenances.setdefault(*coding)


def _source_id(publication: str | None, language: str | None) -> str:
    """The id of the `Source` of a publication in a language, or of texts without publication.

    It is made of what the Source holds: records of one publication in several
    languages each keep theirs, and equal ids are equal Sources. Texts without
    publication have a Source named `UNNAMED_PUBLICATION` of their own, which
    `write` tells by its id from a publication of that name.
    """
    languages = [] if language is None else [language]
    if not publication:
        return UNNAMED_PUBLICATION.make_id(UNNAMED_PUBLICATION.text, *languages)
    return make_id(publication, *languages, prefix="plover-source")


@contextlib.contextmanager
def _at(where: Mapping[Loc, Loc]) -> Iterator[None]:
    """Each problem raised inside at the record's own field, not the field of eventkit's record.

    A path that begins with a key of ``where`` (``("title",)``) begins with
    its value (``("eventText",)``) instead; `_respelled` then spells it as
    the record does.
    """
    try:
        yield
    except ValidationError as error:
        raise ValidationError([_moved(problem, where) for problem in error.problems]) from None


def _moved(problem: Problem, where: Mapping[Loc, Loc]) -> Problem:
    for size in range(len(problem.loc), 0, -1):
        if problem.loc[:size] in where:
            return attrs.evolve(problem, loc=(*where[problem.loc[:size]], *problem.loc[size:]))
    return problem


def _actor_fields(key: str, index: int, text_key: str) -> dict[Loc, Loc]:
    """Where the ``index``-th entity of ``key`` holds each field of its `Actor`."""
    at = (key, index)
    return {
        ("name",): (*at, text_key),
        ("identifiers", "cameo"): (*at, "code"),
        ("identifiers", "cameo_sector"): (*at, "sector"),
        ("country",): (*at, "code"),
        ("kind",): (*at, "sector"),
    }


def _quantity(value: int, key: str) -> Quantity:
    """A count of the record's ``key`` (``dead``, ``size``) as a `Quantity`."""
    with _at({("value",): (key,)}):
        return Quantity(value=value)


def _respelled(problem: Problem, names: Mapping[str, str]) -> Problem:
    """The problem at the record's own field name (``actor`` in 0.8, not ``source``)."""
    first, *rest = problem.loc or ("",)
    if not isinstance(first, str) or first not in names:
        return problem
    return attrs.evolve(problem, loc=(names[first], *rest))


def _when(record: Data, recorder: Recorder) -> When | None:
    date, end = record.get("date"), record.get("enddate")
    start = None if date is None else _date(date, "date")
    if date is not None:
        recorder.mapped("date", _TARGETS["date"])
    if end is None:
        return start
    recorder.mapped("enddate", _TARGETS["enddate"])
    finish = _date(end, "enddate")
    if not isinstance(start, PartialDate | None) or not isinstance(finish, PartialDate):
        message = "date and enddate must be single dates"
        raise ValidationError([Problem(loc=("enddate",), code="invalid_value", message=message)])
    with _at({("start",): ("date",), ("end",): ("enddate",)}):
        return TimeSpan(start=start, end=finish)


def _keep(original: dict[str, str], key: str, value: Any, recorder: Recorder) -> None:
    """Keep a value eventkit has no field for in ``Codes.original``: text as it is, else as JSON.

    Raises:
        ValidationError: the JSON text is longer than `eventkit.limits` allow.
    """
    if isinstance(value, str):
        original[key] = value
    else:
        text = json.dumps(value, ensure_ascii=False)
        longer = over_limits(text)  # each string was short enough, the text of all may not be
        if longer:
            raise ValidationError([p.at(key) for p in longer])
        key = f"{key}{_JSON_SUFFIX}"
        original[key] = text
    recorder.mapped(key.removesuffix(_JSON_SUFFIX), f"Codes.original.{key}")


def _date(value: str, name: str) -> When:
    try:
        return parse_edtf(value)
    except ValidationError as error:
        raise ValidationError([p.at(name) for p in error.problems]) from None


def _place(location: Any, original: dict[str, str], recorder: Recorder) -> Place | None:
    if location is None:
        return None
    if (
        not isinstance(location, dict)
        or not set(location) <= {"name", "country code"}
        or not all(isinstance(value, str) for value in location.values())
    ):
        _keep(original, "eventLoc", location, recorder)
        return None
    alpha2 = location.get("country code")
    found = None if alpha2 is None else pycountry.countries.get(alpha_2=alpha2)
    if alpha2 is not None and found is None:
        _keep(original, "eventLoc", location, recorder)
        return None
    if found is None:
        recorder.mapped("eventLoc", "Event.place.name")
    else:
        reason = "ISO alpha-2 to alpha-3"
        recorder.changed("eventLoc", "Event.place", alpha2, found.alpha_3, reason)
    with _at({("name",): ("eventLoc", "name"), ("country",): ("eventLoc", "country code")}):
        return Place(name=location.get("name"), country=None if found is None else found.alpha_3)


# --- out ------------------------------------------------------------------------------


def write(dataset: Dataset, *, version: Version = "0.8") -> Exported:
    """The dataset's events as PLOVER records, with the report of what they cannot carry.

    ``version="0.5b1"`` writes the spelling of the gold-standard records and
    gives back, field by field, the records `read` read (0.5b1 names where
    the record kept them); ``"0.8"`` writes the manual's spelling and names.

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([ek.Actor(id="a", name="Olaf Scholz", kind="person", country="DEU"),
        ...                  ek.PhoneCall(id="call", title="Phone call",
        ...                               when=ek.parse_edtf("2024-11"),
        ...                               participants=[ek.Participant(actor="a",
        ...                                                            role="initiator")])])
        >>> rows, report = write(ds)
        >>> rows
        [{'id': 'call', 'date': '2024-11-01', 'event_text': 'Phone call', 'event': ['CONSULT'], 'mode': ['phone'], 'actor': [{'code': 'DEU', 'entity_text': 'Olaf Scholz'}]}]
        >>> print(report.summary())
        plover export: 2 records; mapped 4, changed 1, dropped 3
          record 'a' (#0): Actor.kind dropped (PLOVER entities have no field for it; their code gives state)
          record 'call' (#1): type dropped (PLOVER has no event types: a phone_call reads back as an event)
          record 'call' (#1): when changed to date: '2024-11' -> '2024-11-01' (PLOVER dates are days)
          record 'call' (#1): codes.cameo dropped (PLOVER records do not carry the CAMEO code)
    """  # noqa: E501 - the doctest output is one line
    recorder = Recorder(format=_FORMAT, direction="export")
    rows: list[Data] = []
    held = _held(dataset)
    for index, record in enumerate(dataset):
        recorder.start(record.id, index)
        if isinstance(record, Event):
            rows.append(_write_event(record, dataset, version, recorder))
        elif isinstance(record, Statement):
            recorder.dropped("Statement", "PLOVER has no statements")
        elif isinstance(record, Actor):
            if _held_or_dropped("Actor", record.id, held, recorder):
                _report_actor(record, recorder)
        elif isinstance(record, Source):
            if _held_or_dropped("Source", record.id, held, recorder):
                _report_source(record, recorder)
        elif isinstance(record, Provenance):
            if "plover" in record.identifiers:
                rows.append(_write_document(record, version, recorder))
                recorder.mapped("Provenance", "DOCUMENT record")
                _report_provenance(record, recorder)
            elif _held_or_dropped("Provenance", record.id, held, recorder):
                _report_provenance(record, recorder)
        else:
            recorder.dropped(type(record).__name__, "PLOVER has no record of this kind")
    return Exported(rows, recorder.report())


def dump(
    dataset: Dataset, path: str | os.PathLike[str], *, version: Version = "0.8"
) -> ConversionReport:
    r"""Write the dataset's events to a PLOVER JSON Lines file; return the export's report.

    Examples:
        >>> import eventkit as ek, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
        >>> dump(ek.Dataset([ek.Event(id="e", title="Talks")]), path).rows
        1
        >>> path.read_text()
        '{"id":"e","event_text":"Talks"}\n'
    """
    rows, report = write(dataset, version=version)
    Path(path).write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return report


# Why an actor, a source or a coding is not written: no event record holds it.
_NOT_HELD = {
    "Actor": (
        "PLOVER holds an actor only as an entity of the events it takes part in"
        " as actor or recipient: none"
    ),
    "Source": "PLOVER holds a publication only in the records of the events citing it first: none",
    "Provenance": (
        "PLOVER holds a coding only as the coder, version and dateCoded of the events it coded:"
        " it coded none, or has none of the three"
    ),
}


def _held(dataset: Dataset) -> dict[str, str]:
    """The actors, sources and codings the dataset's event records hold, each with where.

    An actor is held as an entity of the events it takes part in, in a role
    PLOVER writes (`_PLOVER_ROLES`); a source as the publication and
    language of the events citing it first; a coding as the coder, version
    and date of the events it coded, if it has one of them. (A DOCUMENT's
    coding is held by its own record.)
    """
    held: dict[str, str] = {}
    for event in dataset.events:
        for participant in event.participants:
            actor = dataset.get(participant.actor)
            if str(participant.role) in _PLOVER_ROLES and isinstance(actor, Actor):
                held[actor.id] = "the entities of the events it takes part in"
        source = dataset.get(event.sources[0].source) if event.sources else None
        if isinstance(source, Source):
            held[source.id] = "the publication and language of the events citing it"
        coding = dataset.get(event.provenance or "")
        if isinstance(coding, Provenance) and _coding_fields(coding):
            held[coding.id] = "the coder, version and dateCoded of the events it coded"
    return held


def _held_or_dropped(
    kind: str, record_id: str, held: Mapping[str, str], recorder: Recorder
) -> bool:
    """Whether event records hold the record: reported mapped to where they do, else dropped."""
    if record_id in held:
        recorder.mapped(kind, held[record_id])
        return True
    recorder.dropped(kind, _NOT_HELD[kind])
    return False


def _report_source(source: Source, recorder: Recorder) -> None:
    """Report what of a source PLOVER loses: its records hold its name and language.

    Its kind is not reported when it is the one `read` gives every publication.
    """
    for key, value in to_dict(source).items():
        if key in ("type", "id", "name", "language") or value == _READ_SOURCE.get(key):
            continue
        if key == "identifiers":
            for scheme in source.identifiers:
                reason = "PLOVER records have no identifiers for a publication"
                recorder.dropped(f"Source.identifiers.{scheme}", reason)
        else:
            reason = "PLOVER records hold a publication's name and language"
            recorder.dropped(f"Source.{key}", reason)


def _report_actor(actor: Actor, recorder: Recorder) -> None:
    """Report what of an actor its PLOVER entities lose.

    An entity holds a name, a CAMEO code and a sector; the actor's kind and
    country are derived from code and sector on import (`actor_kind`,
    `cameo_country`), so they are lost only where that gives something else.
    """
    written = _plover_actor(actor, "name")
    code, sector = written.get("code"), written.get("sector")
    data = to_dict(actor)
    for key in data:
        if key in ("type", "id", "name"):
            continue
        if key == "identifiers":
            for scheme in actor.identifiers:
                if scheme not in ("cameo", "cameo_sector"):
                    recorder.dropped(f"Actor.identifiers.{scheme}", "PLOVER entities hold a code")
            continue
        if key == "kind":
            derived = actor_kind(code, [sector])
            if derived != actor.kind:
                reason = f"PLOVER entities have no field for it; their code gives {derived}"
                recorder.dropped("Actor.kind", reason)
            continue
        if key == "country":
            found = cameo_country(code)
            if found != actor.country:
                reason = f"the entity's code {code!r} names {found or 'no country'}"
                recorder.dropped("Actor.country", reason)
            continue
        recorder.dropped(f"Actor.{key}", "PLOVER entities have no field for it")


def _day(when: PartialDate, reasons: list[str], *, last: bool = False) -> str:
    """The day PLOVER holds for ``when``: its first, or its ``last`` for the end of a span.

    Why that day is not ``when`` is added to ``reasons``. A span ending
    "2024" runs to 2024-12-31: its first day could fall before the span's
    start ("2024-12-05/2024").
    """
    if when.precision < Precision.DAY or when.approximate or when.uncertain:
        reasons.append("PLOVER dates are days")
    elif when.precision > Precision.DAY:
        reasons.append("PLOVER dates are days (time kept out)")
    return (when.latest if last else when.earliest).date().isoformat()


def _write_event(  # noqa: PLR0912 - one PLOVER field after another
    event: Event, dataset: Dataset, version: Version, recorder: Recorder
) -> Data:
    try:
        codes = codes_of(event) or Codes()
    except ValidationError:  # the record's own codes clash with its type's: its own are kept
        codes = event.codes or Codes()
    original = dict(codes.original)
    read_as = original.pop("plover_version", None)  # set when the record was read from PLOVER
    if read_as is None:
        for key in original:
            recorder.dropped(f"codes.original.{key}", "not a PLOVER field")
        original = {}
    record: Data = {"id": event.identifiers.get("plover", event.id)}
    used = {"type", "id", "title", "identifiers", "codes", "participants", "comment"}
    apart = {"when"}  # reported here, not by `Recorder.fields_left`
    data = to_dict(event)
    if not recorder.event_type(data["type"], holder="PLOVER", read_as="event"):
        apart.add("type")
    _write_when(event, record, version, recorder)
    if event.title != record["id"]:  # a title that is the id is what `read` gives a record without
        record["eventText"] = event.title
    _write_codes(codes, original, record, version, from_v05=read_as == "0.5b1", recorder=recorder)
    if _write_citation(event, dataset, record, recorder):
        used.add("sources")
    coding = dataset.get(event.provenance or "")
    if isinstance(coding, Provenance) and _coding_fields(coding):
        record |= _coding_fields(coding)
        used.add("provenance")
    elif isinstance(coding, Provenance):
        reason = "its coding has no coder, version or date, all PLOVER holds of one"
        recorder.dropped("provenance", reason)
        apart.add("provenance")
    record["comment"] = event.comment
    if "markup" in original:
        record["textInfo"] = {"markup": original.pop("markup")}
    for key, value in original.items():
        name = key.removesuffix(_JSON_SUFFIX)
        if record.get(name) is not None:
            recorder.dropped(f"codes.original.{key}", f"the record's {name} is written instead")
        else:
            record[name] = json.loads(value) if key.endswith(_JSON_SUFFIX) else value
    _write_participants(event, dataset, record, version, recorder)
    used.update(_write_counts(event, record, recorder))
    if event.place is not None:
        _write_place(event.place, record, recorder)
        used.add("place")
    recorder.fields_left(
        (key for key in data if key not in apart),
        used,
        status=event.status.value,
        holder="PLOVER",
        place="field",
        targets=_FIELD_TARGETS,
    )
    for scheme in event.identifiers:
        if scheme != "plover":
            recorder.dropped(f"identifiers.{scheme}", "PLOVER records have one id")
    if version == "0.8":
        record = {_V05_KEYS.get(key, key): value for key, value in record.items()}
    return {key: value for key, value in record.items() if value is not None and value != []}


def _write_when(event: Event, record: Data, version: Version, recorder: Recorder) -> None:
    """Write the event's date, or the first and last day of its span, and report ``when`` once.

    Mapped when the ``date`` and ``enddate`` written read back as ``when``;
    changed when they read back as something else: a month as its first
    day, a span with an open end as its first day (a ``date`` alone is one
    day, and PLOVER has no field for an open end), a span as its first day
    in 0.5b1 (which has no ``enddate``); dropped when nothing is written (a
    span with an open start, in 0.5b1). The texts it was read from are
    reported apart, each dropped.
    """
    when = event.when
    if when is None:
        return
    recorder.date_texts_dropped(when, "when", holder="PLOVER")
    reasons: list[str] = []
    start, end = (when, None) if isinstance(when, PartialDate) else (when.start, when.end)
    if start is not None:
        record["date"] = _day(start, reasons)
    if isinstance(when, TimeSpan) and end is None:
        reasons.append("PLOVER has no open end: a date alone is one day")
    elif end is not None and version == "0.8":
        record["enddate"] = _day(end, reasons, last=True)
    elif end is not None:
        reasons.append("PLOVER 0.5b1 has no end date")
    written = [key for key in ("date", "enddate") if key in record]
    reason = "; ".join(dict.fromkeys(reasons))
    if not written:
        recorder.dropped("when", f"{reason}, and the span has no start")
        return
    date, enddate = record.get("date"), record.get("enddate")
    back = date if enddate is None else f"{date or '..'}/{enddate}"
    if back == when.to_edtf():
        recorder.mapped("when", ", ".join(written))
    else:
        recorder.changed("when", ", ".join(written), when.to_edtf(), back, reason)


def _coding_fields(provenance: Provenance) -> Data:
    """What PLOVER holds of a coding: those of ``coder``, ``version``, ``dateCoded`` it has.

    In the 0.5b1 spelling.
    """
    fields = {
        "coder": provenance.coder,
        "version": provenance.codebook_version,
        "dateCoded": None if provenance.coded is None else provenance.coded.to_edtf(),
    }
    return {key: value for key, value in fields.items() if value is not None}


def _report_provenance(provenance: Provenance, recorder: Recorder) -> None:
    """Report what of a coding PLOVER loses: it holds what `_coding_fields` writes.

    A DOCUMENT's provenance (one with a ``plover`` identifier) also holds its
    description, rights and comment (`_write_document`).
    """
    held = {"type", "id", "identifiers", "coder", "codebook_version", "coded"}
    if "plover" in provenance.identifiers:
        held |= {"description", "rights", "comment"}
    for key, value in to_dict(provenance).items():
        if key == "method":
            reason = "PLOVER records have no field for it (plover.read takes it as method=)"
            recorder.dropped("Provenance.method", reason)
        elif key not in held and value != _READ_CODING.get(key):
            recorder.dropped(f"Provenance.{key}", "PLOVER records have no field for it")
    for scheme in provenance.identifiers.keys() - {"plover"}:
        recorder.dropped(f"Provenance.identifiers.{scheme}", "PLOVER records have one id")
    if provenance.coded is not None:
        recorder.date_texts_dropped(provenance.coded, "Provenance.coded", holder="PLOVER")


def _write_codes(
    codes: Codes,
    original: dict[str, str],
    record: Data,
    version: Version,
    *,
    from_v05: bool,
    recorder: Recorder,
) -> None:
    given = {key: original.pop(key, None) for key in ("event", "mode", "context")}
    if from_v05 and version == "0.5b1":  # the names the record was read with
        events = [] if given["event"] is None else [given["event"]]
        modes = [] if given["mode"] is None else [given["mode"]]
        contexts = [] if given["context"] is None else [given["context"]]
    else:  # several events or modes read from 0.8 are kept in original
        events = _split(given["event"]) if not from_v05 and given["event"] else []
        modes = _split(given["mode"]) if not from_v05 and given["mode"] else []
        events = events or ([] if codes.plover is None else [codes.plover])
        modes = modes or ([] if codes.mode is None else [codes.mode])
        contexts = list(codes.context)
        if version == "0.5b1" and contexts:
            contexts = [", ".join(contexts)]
    if version == "0.8":
        record["event"] = events
        record["mode"] = modes or None
        record["context"] = contexts or None
        held = {"event": codes.plover, "mode": codes.mode, "context": codes.context}
        for key, name in given.items():
            if not from_v05 or name is None:
                continue
            now = held[key]
            if not now:
                reason = "a PLOVER 0.5b1 name 0.8 has no name for: written in 0.5b1 only"
                recorder.dropped(f"codes.original.{key}", reason)
            elif name != ", ".join(map(str, now) if isinstance(now, tuple) else [str(now)]):
                reason = "0.8's name for the 0.5b1 one, which is written in 0.5b1 only"
                recorder.changed(f"codes.original.{key}", key, name, record[key], reason)
    else:
        record["event"] = events[0] if events else None
        record["mode"] = modes[0] if modes else None
        record["context"] = contexts[0] if contexts else None
    if codes.cameo is not None:
        recorder.dropped("codes.cameo", "PLOVER records do not carry the CAMEO code")
    for name in ("acled", "acled_sub_event", "acled_disorder"):
        if getattr(codes, name):
            recorder.dropped(f"codes.{name}", "PLOVER records do not carry ACLED's coding")


def _write_citation(event: Event, dataset: Dataset, record: Data, recorder: Recorder) -> bool:
    citation = event.sources[0] if event.sources else None
    source = None if citation is None else dataset.get(citation.source)
    if citation is not None and isinstance(source, Source):
        record["text"] = citation.excerpt
        record["language"] = source.language
        record["publication"] = given_name(source)
        for index, extra in enumerate(event.sources[1:], start=1):
            reason = f"PLOVER holds one text and publication; {extra.source!r} not kept"
            recorder.dropped(f"sources[{index}]", reason)
        if citation.locator or citation.offsets or citation.confidence is not None:
            recorder.dropped("sources[0]", "PLOVER has no locator, offsets or confidence")
        return True
    return False


def _write_participants(
    event: Event, dataset: Dataset, record: Data, version: Version, recorder: Recorder
) -> None:
    text_key = _ENTITY_TEXT[version]
    for index, participant in enumerate(event.participants):
        actor = dataset.get(participant.actor)
        role = str(participant.role)
        key = _PLOVER_ROLES.get(role)
        if key is None:
            reason = f"PLOVER has an actor and a recipient, no role {role}"
            recorder.dropped(f"participants[{index}]", reason)
        elif not isinstance(actor, Actor):
            recorder.dropped(f"participants[{index}]", "the actor is not in the dataset")
        else:
            record.setdefault(key, []).append(_plover_actor(actor, text_key))
            if role not in ("initiator", "recipient"):
                wrote = _V05_KEYS[key] if version == "0.8" else key
                reason = f"PLOVER's {wrote} does not say the actor is a {role}"
                recorder.changed(f"participants[{index}].role", wrote, role, wrote, reason)
            if participant.certainty is not None:
                recorder.dropped(f"participants[{index}].certainty", "PLOVER has no certainty")


def _write_counts(event: Event, record: Data, recorder: Recorder) -> set[str]:
    used = set()
    if event.size is not None:
        if event.size.value is not None and event.size.qualifier is None:
            record["size"] = str(int(event.size.value))
        else:
            recorder.dropped("size", "PLOVER sizes are numbers, without bounds or qualifiers")
        used.add("size")
    if event.casualties is not None:
        toll = event.casualties
        for key, name in (("dead", "killed"), ("injured", "injured")):
            count = getattr(toll, name)
            if count is not None and count.value is not None and count.qualifier is None:
                record[key] = str(int(count.value))
            elif count is not None:
                recorder.dropped(
                    f"casualties.{name}", "PLOVER counts are numbers, without bounds or qualifiers"
                )
        for name in ("missing", "arrested", "displaced", "groups"):
            if getattr(toll, name):
                recorder.dropped(f"casualties.{name}", "PLOVER counts only the dead and injured")
        used.add("casualties")
    return used


def _write_place(place: Place, record: Data, recorder: Recorder) -> None:
    location: Data = {}
    if place.name is not None:
        location["name"] = place.name
    if place.country is not None:
        country = pycountry.countries.get(alpha_3=place.country)
        location["country code"] = None if country is None else country.alpha_2
    if location:
        record["eventLoc"] = location
    for key in ("admin1", "admin2", "admin3", "lat", "lon", "precision", "geonames"):
        if getattr(place, key) is not None:
            recorder.dropped(
                f"place.{key}", "eventkit's PLOVER locations hold a name and a country"
            )
    if place.identifiers:
        recorder.dropped("place.identifiers", "PLOVER locations have no identifiers")


_FIELD_TARGETS = {
    "id": "id",
    "title": "eventText",
    "codes": "event, mode, context",
    "sources": "text, publication, language",
    "provenance": "coder, version, dateCoded",
    "participants": "source, target",
    "size": "size",
    "casualties": "dead, injured",
    "place": "eventLoc",
    "comment": "comment",
    "identifiers": "id",
}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def _plover_actor(actor: Actor, text_key: str) -> Data:
    found: Data = {}
    code = actor.identifiers.get("cameo", actor.country)
    if code is not None:
        found["code"] = code
    name = given_name(actor)
    if name is not None:
        found[text_key] = name
    if "cameo_sector" in actor.identifiers:
        found["sector"] = actor.identifiers["cameo_sector"]
    return found


def _write_document(provenance: Provenance, version: Version, recorder: Recorder) -> Data:
    """The ``DOCUMENT`` record, from the provenance that holds it.

    Its description and rights are split into two texts each (`_parts`); a
    blank line the split leaves out is reported.
    """
    texts: dict[str, str | None] = {}
    for field, keys in _DOCUMENT_PAIRS.items():
        value = getattr(provenance, field)
        parts = _parts(value)
        if _joined(*parts) != value:
            reason = f"split at its first blank line into {keys[0]} and {keys[1]}, which it ends"
            recorder.changed(f"Provenance.{field}", keys[0], value, _joined(*parts), reason)
        texts |= zip(keys, parts, strict=True)
    record: Data = {
        "id": provenance.identifiers["plover"],
        "event": "DOCUMENT",
        "eventText": texts["eventText"],
        "publication": provenance.comment,
        **_coding_fields(provenance),
        "license": texts["license"],
        "copyright": texts["copyright"],
        "comment": texts["comment"],
    }
    if version == "0.8":
        record = {_V05_KEYS.get(key, key): value for key, value in record.items()}
    return {key: value for key, value in record.items() if value is not None}
