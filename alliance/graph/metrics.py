"""Whole-network measures of a co-application graph (see alliance.graph.build)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class NetworkSummary:
    nodes: int
    ties: int
    density: float  # ties / possible ties, 0..1
    components: int
    largest_component: int  # nodes in the largest connected component


def summarise(graph: nx.Graph) -> NetworkSummary:
    """Size, density and connectedness of an undirected graph."""
    components = [len(c) for c in nx.connected_components(graph)]
    return NetworkSummary(
        nodes=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        density=nx.density(graph),
        components=len(components),
        largest_component=max(components, default=0),
    )


def ties_by_kind_pair(graph: nx.Graph) -> Counter:
    """Number of ties per unordered pair of node kinds, e.g. ("firm", "university")."""
    return Counter(
        tuple(sorted((graph.nodes[u]["kind"], graph.nodes[v]["kind"])))
        for u, v in graph.edges()
    )


def cross_kind_share(graph: nx.Graph, weighted: bool = False) -> float:
    """Share (0..1) of ties that join organisations of different kinds (e.g. university and
    firm: industry–university–research ties). Weighted: share of joint patents instead."""
    total = cross = 0
    for u, v, data in graph.edges(data=True):
        amount = data.get("weight", 1) if weighted else 1
        total += amount
        if graph.nodes[u]["kind"] != graph.nodes[v]["kind"]:
            cross += amount
    return cross / total if total else 0.0
