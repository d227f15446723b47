"""Measures of a collaboration graph (see alliance.graph.build).

Whole-network figures, sector mixing and the Triple Helix synergy live here; node measures
backed by igraph are in :mod:`alliance.graph.engine`, brokerage roles in
:mod:`alliance.graph.brokerage`, everything at once in :mod:`alliance.graph.panel`.
Node groups are read from the ``sector`` attribute unless ``attr`` says otherwise.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .brokerage import ROLES, brokerage_roles, top_brokers  # noqa: F401  (re-exported)
from .engine import Betweenness, Engine  # noqa: F401  (re-exported)

HELIX = ("U", "I", "G")


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


def degree_and_strength(graph: nx.Graph, weight: str = "weight") -> tuple[dict, dict]:
    """Degree (number of partners) and strength (sum of tie weights, e.g. joint patents)
    of every node."""
    return dict(graph.degree()), dict(graph.degree(weight=weight))


def ties_by_kind_pair(graph: nx.Graph, attr: str = "sector") -> Counter:
    """Number of ties per unordered pair of node sectors, e.g. ("firm", "university")."""
    group = dict(graph.nodes(data=attr))
    return Counter(tuple(sorted((group[u], group[v]))) for u, v in graph.edges())


def cross_kind_share(graph: nx.Graph, weighted: bool = False, attr: str = "sector") -> float:
    """Share (0..1) of ties that join organisations of different sectors (e.g. university
    and firm: industry–university–research ties). Weighted: share of joint patents instead."""
    group = dict(graph.nodes(data=attr))
    total = cross = 0
    for u, v, amount in graph.edges(data="weight", default=1):
        amount = amount if weighted else 1
        total += amount
        if group[u] != group[v]:
            cross += amount
    return cross / total if total else 0.0


cross_sector_share = cross_kind_share


def _entropy(counts: Iterable[int]) -> float:
    counts = [c for c in counts if c]
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts) if total else 0.0


def triple_helix_synergy(patent_sectors: Iterable[Iterable[str]]) -> float:
    """Leydesdorff's mutual information in three dimensions, in bits:
    T = H_U + H_I + H_G − H_UI − H_UG − H_IG + H_UIG, where each patent gives three binary
    variables (owned by a university U, industry I, government/research institute G: the
    sectors in its set) and H are Shannon entropies of their marginal and joint
    distributions over the patents. Negative T means synergy. No patents: 0.0."""
    cells: Counter = Counter()
    for sectors in patent_sectors:
        sectors = set(sectors)
        if not sectors <= set(HELIX):
            raise ValueError(f"helix sectors are U, I and G, not {sorted(sectors - set(HELIX))}")
        cells[tuple(s in sectors for s in HELIX)] += 1

    def h(*dims: int) -> float:
        joint: Counter = Counter()
        for cell, count in cells.items():
            joint[tuple(cell[d] for d in dims)] += count
        return _entropy(joint.values())

    return h(0) + h(1) + h(2) - h(0, 1) - h(0, 2) - h(1, 2) + h(0, 1, 2)


def triple_helix_by_year(patents: Iterable[tuple[int, Iterable[str]]]) -> dict[int, float]:
    """T in bits (see :func:`triple_helix_synergy`) for each year, from
    ``(year, sectors)`` pairs, years in order."""
    by_year: dict[int, list] = {}
    for year, sectors in patents:
        by_year.setdefault(year, []).append(sectors)
    return {year: triple_helix_synergy(by_year[year]) for year in sorted(by_year)}


def betweenness(graph: nx.Graph, **options) -> Betweenness:
    """Normalised betweenness (0..1), exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes and
    estimated from a seeded sample above; see :meth:`Engine.betweenness`."""
    return Engine(graph).betweenness(**options)


def communities(graph: nx.Graph, seed: int = 0, resolution: float = 1.0) -> tuple[list, float]:
    """Louvain communities (seeded, on tie weights), largest first, and their modularity."""
    engine = Engine(graph)
    found = engine.louvain(seed=seed, resolution=resolution)
    return found, engine.modularity(found, resolution=resolution)


def structural_holes(graph: nx.Graph) -> tuple[dict, dict]:
    """Burt's constraint (weighted, 0..~1.1, lower = more brokerage opportunity) and
    effective size (non-redundant partners) of every node; NaN for isolated nodes."""
    engine = Engine(graph)
    return engine.constraint(), engine.effective_size()
