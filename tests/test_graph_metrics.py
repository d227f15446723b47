"""Measures against values worked out by hand: brokerage roles, Triple Helix synergy, Burt's
constraint and effective size, sector mixing."""

import math

import networkx as nx
import pytest

from alliance.graph.brokerage import ROLES, brokerage_roles, top_brokers
from alliance.graph.metrics import (
    communities,
    cross_sector_share,
    degree_and_strength,
    structural_holes,
    triple_helix_by_year,
    triple_helix_synergy,
)


def sectored(edges, sectors, directed=True):
    graph = nx.DiGraph(edges) if directed else nx.Graph(edges)
    nx.set_node_attributes(graph, sectors, "sector")
    return graph


def roles(**counts):
    return {role: counts.get(role, 0) for role in ROLES}


def test_brokerage_roles_on_a_hand_worked_directed_graph():
    # Sectors: a0..a3 in A, b1 b2 in B, c1 in C. Open paths i -> j -> k (no i -> k):
    #   a1: b1->a1->a2, b1->a1->a3, c1->a1->a2, c1->a1->a3    4 gatekeeper (X, A, A)
    #   a2: a0->a2->a3 coordinator; a0->a2->b1, a1->a2->b1 representative;
    #       a1->a2->a3 is closed by a1->a3 and does not count
    #   b1: a2->b1->b2 gatekeeper; a2->b1->a1 itinerant (A, B, A)
    #   b2: b1->b2->c1 representative (B, B, C)
    #   c1: b2->c1->a1 liaison (B, C, A)
    edges = [("a0", "a2"), ("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("a2", "b1"),
             ("b1", "b2"), ("b1", "a1"), ("b2", "c1"), ("c1", "a1")]
    sectors = {n: n[0].upper() for edge in edges for n in edge}
    found = brokerage_roles(sectored(edges, sectors))
    assert found == {"a0": roles(), "a3": roles(),
                     "a1": roles(gatekeeper=4),
                     "a2": roles(coordinator=1, representative=2),
                     "b1": roles(gatekeeper=1, itinerant=1),
                     "b2": roles(representative=1),
                     "c1": roles(liaison=1)}
    assert top_brokers(found, limit=2) == [("a1", 4), ("a2", 3)]
    assert top_brokers(found, role="liaison") == [("c1", 1)]


def test_brokerage_on_undirected_ties_counts_each_open_triad_both_ways():
    # u1 - f - u2 (universities joined only through a firm), f - g, and a closed triangle
    # x - y - z that brokers nothing.
    graph = sectored([("u1", "f"), ("f", "u2"), ("f", "g"), ("x", "y"), ("y", "z"),
                      ("x", "z")],
                     {"u1": "U", "u2": "U", "f": "I", "g": "G", "x": "U", "y": "U", "z": "U"},
                     directed=False)
    found = brokerage_roles(graph)
    # u1-f-u2 twice (itinerant); u1-f-g and u2-f-g twice each (liaison)
    assert found["f"] == roles(itinerant=2, liaison=4)
    assert found["x"] == found["y"] == found["u1"] == roles()
    reciprocal = sectored([("a", "b"), ("b", "a"), ("b", "c")], {"a": 1, "b": 2, "c": 1})
    assert brokerage_roles(reciprocal)["b"] == roles(itinerant=1)  # a->b->a is no path


def test_triple_helix_on_a_worked_example():
    # Four patents owned by {U}, {I}, {U, I} and {G}. Indicator variables over 4 patents:
    #   U = 1,0,1,0 -> H_U = 1 bit;  I = 0,1,1,0 -> H_I = 1;  G = 0,0,0,1 ->
    #   H_G = -(1/4 log2 1/4 + 3/4 log2 3/4) = 2 - 3/4 log2 3 = 0.8113
    #   (U,I) four distinct cells -> H_UI = 2;  (U,G): 10,00,10,01 -> H_UG = 1.5;
    #   (I,G): 00,10,10,01 -> H_IG = 1.5;  (U,I,G) four distinct cells -> H_UIG = 2
    #   T = 1 + 1 + 0.8113 - 2 - 1.5 - 1.5 + 2 = 1 - 3/4 log2 3 = -0.1887 bits
    expected = 1 - 0.75 * math.log2(3)
    patents = [{"U"}, {"I"}, {"U", "I"}, {"G"}]
    assert triple_helix_synergy(patents) == pytest.approx(expected)
    assert triple_helix_synergy(iter(patents)) == pytest.approx(-0.188722, abs=1e-6)
    # Every patent owned by all three: nothing varies, T = 0. No patents: 0.
    assert triple_helix_synergy([{"U", "I", "G"}] * 5) == 0.0
    assert triple_helix_synergy([]) == 0.0
    by_year = triple_helix_by_year([(2021, s) for s in patents] + [(2020, {"U"})])
    assert list(by_year) == [2020, 2021] and by_year[2021] == pytest.approx(expected)
    with pytest.raises(ValueError, match="U, I and G"):
        triple_helix_synergy([{"U", "X"}])


def test_constraint_and_effective_size_on_a_star_and_a_triangle():
    star = nx.star_graph(3)  # centre 0, leaves 1..3, unweighted
    constraint, effective = structural_holes(star)
    # centre: three partners p = 1/3 each, no indirect ties: 3 * (1/3)^2 = 1/3
    assert constraint[0] == pytest.approx(1 / 3)
    assert constraint[1] == pytest.approx(1.0)  # a leaf depends on its only partner
    assert effective[0] == pytest.approx(3.0) and effective[1] == pytest.approx(1.0)
    triangle = nx.complete_graph(3)
    constraint, effective = structural_holes(triangle)
    # each tie: (p_ij + p_ik p_kj)^2 = (1/2 + 1/4)^2 = 9/16; two ties: 9/8
    assert constraint[0] == pytest.approx(9 / 8)
    assert effective[0] == pytest.approx(1.0)  # 2 - 2*1/2: the two partners are redundant
    lonely = nx.Graph()
    lonely.add_node(1)
    assert math.isnan(structural_holes(lonely)[0][1])


def test_degree_strength_and_cross_sector_share():
    graph = sectored([(1, 2, {"weight": 3}), (2, 3, {"weight": 1}), (1, 3, {"weight": 6})],
                     {1: "university", 2: "enterprise", 3: "university"}, directed=False)
    degree, strength = degree_and_strength(graph)
    assert degree == {1: 2, 2: 2, 3: 2} and strength == {1: 9, 2: 4, 3: 7}
    assert cross_sector_share(graph) == pytest.approx(2 / 3)
    assert cross_sector_share(graph, weighted=True) == pytest.approx(4 / 10)


def test_communities_split_two_cliques_joined_by_one_tie():
    graph = nx.barbell_graph(5, 0)
    found, modularity = communities(graph, seed=1)
    assert sorted(map(sorted, found)) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert modularity == pytest.approx(nx.community.modularity(graph, found))
