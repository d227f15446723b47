"""The measures panel, on small graphs and on the real co-applicant network (loaded and
measured once for the module: about 5 s, most of it exact betweenness)."""

import json
import math
from pathlib import Path

import networkx as nx
import pytest

from alliance.graph.brokerage import ROLES
from alliance.graph.build import read_coapplicant_csv
from alliance.graph.engine import Engine
from alliance.graph.metrics import ties_by_kind_pair
from alliance.graph.panel import NODE_MEASURES, measures_panel
from alliance.graph.render import vis_data

DATA = Path(__file__).resolve().parent.parent / "alliance" / "data"


@pytest.fixture(scope="module")
def gba():
    return read_coapplicant_csv(DATA / "gba_coapplicant_nodes.csv",
                                DATA / "gba_coapplicant_edges.csv")


@pytest.fixture(scope="module")
def gba_panel(gba):
    return measures_panel(gba)


def test_real_network_figures(gba, gba_panel):
    network = gba_panel["network"]
    assert (network["nodes"], network["ties"]) == (11_630, 23_467)
    assert (network["components"], network["largest_component"]) == (24, 11_547)
    assert ties_by_kind_pair(gba)[("firm", "university")] == 6_086
    same = sum(n for (a, b), n in ties_by_kind_pair(gba).items() if a == b)
    assert network["cross_sector_share"] == pytest.approx(1 - same / 23_467)
    assert (network["betweenness_method"], network["betweenness_sample"]) == ("exact", None)
    assert network["modularity"] == pytest.approx(0.81, abs=0.01)  # as measured in the issue
    assert sum(network["community_sizes"]) == 11_630
    json.dumps(gba_panel, allow_nan=False)  # plain, JSON-ready values


def test_real_network_node_measures(gba, gba_panel):
    rows = {row["id"]: row for row in gba_panel["nodes"]}
    hub = max(rows.values(), key=lambda row: row["degree"])
    assert (hub["name"], hub["degree"]) == ("华南理工大学", 1_732)
    assert sum(row["pagerank"] for row in rows.values()) == pytest.approx(1.0)
    top = max(rows.values(), key=lambda row: row["betweenness"])
    # A seeded sample of 256 sources finds the same top broker as the exact computation.
    sampled = Engine(gba).betweenness(exact_limit=0, k=256, seed=1)
    assert sampled.method == "sampled" and sampled.sample_size == 256
    assert max(sampled.values, key=sampled.values.get) == top["id"]
    assert all(row["community"] < len(gba_panel["network"]["community_sizes"])
               for row in rows.values())


def test_real_network_view_is_laid_out_server_side(gba, gba_panel):
    data = vis_data(gba, gba_panel, size_by="betweenness", top_k=500)
    assert data["physics"] is False and (data["shown"], data["total"]) == (500, 11_630)
    assert all("x" in node and "y" in node for node in data["nodes"])


def test_panel_rows_on_a_small_graph():
    graph = nx.karate_club_graph()
    nx.set_node_attributes(graph, {n: c for n, c in graph.nodes(data="club")}, "sector")
    panel = measures_panel(graph)
    row = panel["nodes"][0]
    assert list(row) == ["id", "name", "sector", *NODE_MEASURES]
    assert row["betweenness"] == pytest.approx(nx.betweenness_centrality(graph)[0])
    assert row["brokerage"] == sum(row[role] for role in ROLES) > 0
    assert row["degree"] == 16 and row["strength"] == graph.degree(0, weight="weight")
    assert panel["network"]["transitivity"] == pytest.approx(nx.transitivity(graph))
    assert panel["network"]["average_clustering"] == pytest.approx(nx.average_clustering(graph))
    assert panel["network"]["max_core"] == 4


def test_panel_on_isolates_and_directed_brokerage():
    graph = nx.Graph([(1, 2)])
    graph.add_node(3)
    nx.set_node_attributes(graph, {1: "U", 2: "I", 3: "G"}, "sector")
    licences = nx.DiGraph([(1, 2), (2, 3)])
    nx.set_node_attributes(licences, {1: "U", 2: "I", 3: "G"}, "sector")
    panel = measures_panel(graph, brokerage_graph=licences)
    rows = {row["id"]: row for row in panel["nodes"]}
    assert rows[3]["constraint"] is None and rows[3]["effective_size"] is None
    assert rows[2]["liaison"] == 1  # 1 -> 2 -> 3 on the licence graph
    assert not math.isnan(panel["network"]["density"])
