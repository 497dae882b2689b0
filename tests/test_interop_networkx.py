"""Dataset.to_networkx: records as nodes, references as edges, read by networkx itself."""

from __future__ import annotations

import io

import attrs
import networkx as nx

import eventkit as ek
from eventkit.examples import scholz_putin


def test_the_seed_dataset_as_a_graph_keeps_every_record_and_role() -> None:
    seed = scholz_putin()
    graph = seed.to_networkx()
    assert set(seed.ids) == {
        node for node, data in graph.nodes(data=True) if data["kind"] != "missing"
    }
    for event in seed.events:
        roles = sorted((str(p.role), p.actor) for p in event.participants)
        edges = sorted(
            (data["role"], target)
            for _, target, data in graph.out_edges(event.id, data=True)
            if data["field"] == "participants"
        )
        assert roles == edges
        assert graph.nodes[event.id]["kind"] == "event"
    for statement in seed.statements:
        assert graph.has_edge(statement.id, statement.speaker, key="speaker")
        for citation in statement.sources:
            assert graph.has_edge(statement.id, citation.source, key="cites")
    # networkx's own algorithms and writers take it as it is.
    speakers = {s.speaker for s in seed.statements}
    assert speakers <= set(nx.descendants(graph, seed.statements[0].id)) | speakers
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    again = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert graph.number_of_edges() == again.number_of_edges()


def test_an_id_naming_no_record_is_a_node_marked_missing() -> None:
    ds = ek.Dataset(
        [
            ek.Event(
                id="e",
                title="E",
                participants=[ek.Participant(actor="ghost", role="victim", certainty="alleged")],
            )
        ]
    )
    graph = ds.to_networkx()
    assert "missing" == graph.nodes["ghost"]["kind"]
    assert {
        "field": "participants",
        "label": "victim",
        "role": "victim",
        "certainty": "alleged",
    } == (graph.edges["e", "ghost", "victim"])


def test_without_networkx_the_error_names_the_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['networkx'] = None\n"  # what Python does for a missing module
        "import eventkit as ek\n"
        "try:\n"
        "    ek.Dataset().to_networkx()\n"
        "except ek.MissingExtraError as error:\n"
        "    print(error, isinstance(error, ImportError))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "this needs networkx: pip install 'eventkit[networkx]' True\n" == result.stdout


def test_each_reference_is_its_own_edge_even_to_the_same_record_with_the_same_label() -> None:
    ds = ek.Dataset(
        [
            ek.Actor(id="rus-forces", name="Russian forces", kind="armed_group"),
            ek.Source(id="article", name="Article", kind="article"),
            ek.DroneStrike(
                id="strike",
                title="Drone strike on power plant",
                participants=[
                    ek.Participant(actor="rus-forces", role="perpetrator", certainty="alleged"),
                    ek.Participant(actor="rus-forces", role="perpetrator", certainty="denied"),
                ],
                sources=[
                    ek.Citation(source="article", excerpt="killing at least 3", locator="para 1"),
                    ek.Citation(source="article", excerpt="5 were killed", locator="para 4"),
                ],
            ),
            ek.Statement(
                id="denial", speaker="rus-forces", text="We deny it", about=["strike", "strike"]
            ),
        ]
    )

    graph = ds.to_networkx()

    assert [
        ("rus-forces", "perpetrator", {"certainty": "alleged"}),
        ("rus-forces", "perpetrator#2", {"certainty": "denied"}),
        ("article", "cites", {"excerpt": "killing at least 3", "locator": "para 1"}),
        ("article", "cites#2", {"excerpt": "5 were killed", "locator": "para 4"}),
    ] == [
        (target, key, {k: v for k, v in data.items() if k in ("certainty", "excerpt", "locator")})
        for _, target, key, data in graph.out_edges("strike", keys=True, data=True)
    ]
    assert [("speaker", "rus-forces"), ("about", "strike"), ("about#2", "strike")] == [
        (key, target) for _, target, key in graph.out_edges("denial", keys=True)
    ]
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    again = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
    assert 7 == graph.number_of_edges() == again.number_of_edges()


@ek.event_type("test_networkx.handover")
@attrs.frozen(kw_only=True)
class Handover(ek.Event):
    """A custom type whose list of references has a name of its own on the wire."""

    _helpers: tuple[ek.ActorId, ...] = attrs.field(default=(), alias="helpers")
    _giver: ek.ActorId | None = attrs.field(default=None, alias="from_actor")
    _takers: tuple[ek.ActorId, ...] = attrs.field(default=(), alias="to_actors")


def test_a_custom_list_of_references_under_an_alias_is_edges() -> None:
    # It was an AttributeError: the path of a reference names the field as the wire does.
    dataset = ek.Dataset(
        [
            ek.Actor(id="a", name="A", kind="person"),
            ek.Actor(id="b", name="B", kind="person"),
            Handover(id="h", title="H", helpers=("a",), from_actor="a", to_actors=("a", "b")),
        ]
    )
    graph = dataset.to_networkx()
    assert [
        ("h", "a", "from_actor"),
        ("h", "a", "helpers"),
        ("h", "a", "to_actors"),
        ("h", "b", "to_actors"),
    ] == sorted(graph.edges(keys=True))
