"""A dataset as a networkx graph: records are nodes, references are edges.

Events and statements are nodes, not edges, so an event with three
participants keeps each one's role: an edge from the event to each actor,
keyed and labelled by the role. Every other reference a record holds (a
statement's speaker and what it is about, a citation of a source, a
source's publisher, a relation between events) is an edge from the record
to the record it names, labelled by the field. Which fields are references
is read from the field spec, so custom event types' reference fields become
edges too. An edge is keyed by its label; a second reference with the same
label between the same two records is keyed ``label#2``, a third
``label#3``, in the record's order, so each reference stays its own edge.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from eventkit._extras import need
from eventkit._records import Event, Record
from eventkit._references import references
from eventkit._serialize import to_dict
from eventkit._time import PartialDate, TimeSpan

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx

__all__ = ["to_networkx"]


def _label(record: Record) -> str:
    for name in ("name", "title", "text", "coder"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return record.id


def _node(record: Record) -> dict[str, Any]:
    """A node's attributes: scalars only, so GraphML and GEXF writers take the graph."""
    attributes: dict[str, Any] = {
        "kind": record.kind_name,
        "type": to_dict(record)["type"],
        "label": _label(record),
    }
    if isinstance(record, Event):
        if isinstance(record.when, PartialDate | TimeSpan):
            attributes["when"] = record.when.to_edtf()
        attributes["status"] = record.status.value
    return attributes


def _value(item: Any, name: str) -> Any:
    """The value of the field a path names ``name``: as the wire does, by its alias.

    A custom type's ``_helpers`` field (alias ``helpers``) is ``helpers`` in
    a reference's path, and has no attribute of that name.
    """
    for field in attrs.fields(type(item)):
        if field.alias == name:
            return getattr(item, field.name)
    return getattr(item, name)


def _edge(record: Record, loc: tuple[str | int, ...]) -> dict[str, Any]:
    """An edge's attributes: the field it comes from, and a participant's role."""
    attributes: dict[str, Any] = {"field": str(loc[0]), "label": str(loc[0])}
    item: Any = record
    for step in loc[:-1]:
        item = item[step] if isinstance(step, int) else _value(item, step)
    role = getattr(item, "role", None)
    if loc[0] == "participants" and role is not None:
        attributes["label"] = attributes["role"] = str(role)
        if item.certainty is not None:
            attributes["certainty"] = item.certainty.value
    elif loc[0] == "sources":
        attributes["label"] = "cites"
        for name in ("excerpt", "locator"):
            if getattr(item, name, None) is not None:
                attributes[name] = getattr(item, name)
        if getattr(item, "confidence", None) is not None:
            attributes["confidence"] = item.confidence
    elif loc[0] == "related":
        attributes["label"] = item.kind.value
    return attributes


def to_networkx(records: Iterable[Any]) -> networkx.MultiDiGraph[str]:
    """A directed multigraph of the records: one node per record, one edge per reference.

    An edge is keyed by its label (a role, ``cites``, a field); repeated
    between the same two records, by ``label#2``, ``label#3``, ...

    Raises:
        MissingExtraError: networkx is not installed (``pip install 'eventkit[networkx]'``);
            it is an ``ImportError``.

    Examples:
        >>> import eventkit as ek
        >>> ds = ek.Dataset([
        ...     ek.Actor(id="scholz", name="Olaf Scholz", kind="person"),
        ...     ek.Actor(id="putin", name="Vladimir Putin", kind="person"),
        ...     ek.PhoneCall(id="call", title="Phone call", participants=[
        ...         ek.Participant(actor="scholz", role="initiator"),
        ...         ek.Participant(actor="putin", role="recipient")])])
        >>> graph = to_networkx(ds)
        >>> sorted((u, v, role) for u, v, role in graph.edges(keys=True))
        [('call', 'putin', 'recipient'), ('call', 'scholz', 'initiator')]
        >>> graph.nodes["call"]["type"], graph.nodes["putin"]["label"]
        ('phone_call', 'Vladimir Putin')
    """
    graph: networkx.MultiDiGraph[str] = need("networkx", "networkx").MultiDiGraph()
    kept = [record for record in records if isinstance(record, Record)]
    for record in kept:
        graph.add_node(record.id, **_node(record))
    for record in kept:
        # a record may name one record twice with one label (two citations of one
        # article): each is its own edge, so no excerpt or certainty overwrites another
        seen: Counter[tuple[str, str]] = Counter()
        for loc, target, _ in references(record):
            if target not in graph:
                graph.add_node(target, kind="missing", label=target)
            attributes = _edge(record, loc)
            label = attributes["label"]
            seen[target, label] += 1
            key = label if seen[target, label] == 1 else f"{label}#{seen[target, label]}"
            graph.add_edge(record.id, target, key=key, **attributes)
    return graph
