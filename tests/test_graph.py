"""Co-application graphs, checked against the figures published with the real data set."""

from pathlib import Path

import pytest

from alliance.graph.build import OrgRecord, TieRecord, coapplication_graph, read_coapplicant_csv
from alliance.graph.metrics import cross_kind_share, summarise, ties_by_kind_pair

DATA = Path(__file__).resolve().parent.parent / "alliance" / "data"


@pytest.fixture(scope="module")
def gba():
    return read_coapplicant_csv(DATA / "gba_coapplicant_nodes.csv",
                                DATA / "gba_coapplicant_edges.csv")


def test_real_network_matches_published_figures(gba):
    summary = summarise(gba)
    assert (summary.nodes, summary.ties) == (11_630, 23_467)
    assert summary.components == 24 and summary.largest_component == 11_547
    assert summary.density == pytest.approx(0.000347, abs=5e-7)


def test_ties_by_kind_pair_on_real_network(gba):
    pairs = ties_by_kind_pair(gba)
    assert pairs[("firm", "university")] == 6_086
    assert pairs[("firm", "firm")] == 9_675
    assert pairs[("research institute", "university")] == 1_303
    assert sum(pairs.values()) == 23_467


def test_top_degree_and_heaviest_tie(gba):
    name = {n: data["name"] for n, data in gba.nodes(data=True)}
    top = max(gba.degree, key=lambda item: item[1])
    assert (name[top[0]], top[1]) == ("华南理工大学", 1_732)
    u, v, data = max(gba.edges(data=True), key=lambda edge: edge[2]["weight"])
    assert data["weight"] == 38_126
    assert {name[u], name[v]} == {"广东美的制冷设备有限公司", "美的集团股份有限公司"}


def small_graph():
    orgs = [OrgRecord(1, "吉林大学", "university"), OrgRecord(2, "一汽", "enterprise"),
            OrgRecord(3, "长光所", "research_institute"), OrgRecord(4, "某公司", "enterprise")]
    ties = [TieRecord(1, 2, 3, 2019), TieRecord(2, 4, 1, 2020), TieRecord(1, 3, 6, 2018)]
    return coapplication_graph(orgs, ties)


def test_cross_kind_share():
    graph = small_graph()
    assert cross_kind_share(graph) == pytest.approx(2 / 3)
    assert cross_kind_share(graph, weighted=True) == pytest.approx(9 / 10)
    assert cross_kind_share(coapplication_graph([], [])) == 0.0


def test_bad_ties_are_refused():
    orgs = [OrgRecord(1, "甲", "enterprise")]
    with pytest.raises(ValueError, match="not in the list"):
        coapplication_graph(orgs, [TieRecord(1, 9, 1)])
    with pytest.raises(ValueError, match="itself"):
        coapplication_graph(orgs, [TieRecord(1, 1, 1)])


def test_graph_keeps_attributes():
    graph = small_graph()
    assert graph.nodes[1] == {"name": "吉林大学", "sector": "university"}
    assert graph.edges[1, 3] == {"weight": 6, "year": 2018}
