"""vis-network view data: plain-text labels and titles, physics and positions, top-k cut."""

import json

import networkx as nx
import pytest

from alliance.graph.panel import measures_panel
from alliance.graph.render import payload_bytes, top_nodes, vis_data
from alliance.validators import ValidationError


def karate():
    graph = nx.karate_club_graph()
    for node, data in graph.nodes(data=True):
        data["name"] = f"会员{node}"
        data["sector"] = "university" if data["club"] == "Mr. Hi" else "firm"
    graph.nodes[5]["name"] = "<script>alert(1)</script>"
    return graph


@pytest.fixture(scope="module")
def graph():
    return karate()


@pytest.fixture(scope="module")
def panel(graph):
    return measures_panel(graph)


def test_small_graph_keeps_physics_and_plain_text(graph, panel):
    data = vis_data(graph, panel, size_by="betweenness",
                    sector_labels={"university": "高校", "firm": "企业"})
    assert data["physics"] is True and data["shown"] == data["total"] == 34
    assert data["groups"] == ["firm", "university"] and data["directed"] is False
    node = {n["id"]: n for n in data["nodes"]}
    assert node[5]["label"] == "<script>alert(1)</script>"  # text, never escaped HTML
    assert node[5]["title"] == "<script>alert(1)</script>\n高校"
    assert node[0]["value"] == pytest.approx(0.438) and "x" not in node[0]
    assert {(e["from"], e["to"]) for e in data["edges"]} == set(graph.edges)
    raw = payload_bytes(data)
    assert b"<script>" not in raw  # no tag for an HTML parser to find
    assert json.loads(raw)["nodes"][5]["label"] == "<script>alert(1)</script>"


def test_title_template_from_the_caller(graph, panel):
    data = vis_data(graph, panel, size_by="degree", measure_label="度",
                    title_template="%(name)s — %(measure)s %(value)s")
    assert data["nodes"][0]["title"] == "会员0 — 度 16"


def test_big_graph_turns_physics_off_with_seeded_positions(graph, panel):
    first = vis_data(graph, panel, physics_limit=10, seed=4)
    again = vis_data(graph, panel, physics_limit=10, seed=4)
    assert first["physics"] is False
    positions = [(n["x"], n["y"]) for n in first["nodes"]]
    assert positions == [(n["x"], n["y"]) for n in again["nodes"]]
    assert all(isinstance(c, int) for xy in positions for c in xy)
    assert len(set(positions)) > 30  # spread out, not piled up


def test_top_k_cut_keeps_the_highest_nodes_and_their_ties(graph, panel):
    data = vis_data(graph, panel, size_by="degree", top_k=5)
    degree = dict(graph.degree())
    kept = sorted(degree, key=lambda n: (-degree[n], str(n)))[:5]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(kept)
    assert (data["shown"], data["total"]) == (5, 34)
    assert {(e["from"], e["to"]) for e in data["edges"]} == set(graph.subgraph(kept).edges)
    rows = {row["id"]: row for row in panel["nodes"]}
    assert top_nodes(rows, "degree", 2) == [33, 0]


def test_bad_view_options_are_refused(graph, panel):
    with pytest.raises(ValidationError) as error:
        vis_data(graph, panel, size_by="shoe size")
    assert error.value.params["measure"] == "shoe size"
    with pytest.raises(ValidationError):
        vis_data(graph, panel, top_k=0)
