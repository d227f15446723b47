"""The measures panel: every node measure and the whole-network figures in one pass, as
plain dicts (JSON-ready: no NaN, node ids as given) for tables, exports and caches."""

from __future__ import annotations

import math

import networkx as nx

from .brokerage import ROLES, brokerage_roles
from .engine import BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_LIMIT, Engine
from .metrics import cross_kind_share

#: Per-node keys of :func:`measures_panel`, in table order.
NODE_MEASURES = ("degree", "strength", "betweenness", "eigenvector", "pagerank", "clustering",
                 "core", "constraint", "effective_size", "community", "component",
                 "brokerage", *ROLES)


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def measures_panel(graph: nx.Graph, *, attr: str = "sector", seed: int = 0,
                   exact_limit: int = EXACT_BETWEENNESS_LIMIT, sample: int = BETWEENNESS_SAMPLE,
                   brokerage_graph: nx.Graph | None = None) -> dict:
    """All measures of an undirected collaboration graph:

    ``{"nodes": [{"id", "name", "sector", <NODE_MEASURES>}, ...], "network": {...}}``.

    Node measures: degree (partners), strength (sum of tie weights), betweenness
    (normalised, 0..1, exact or sampled as ``network["betweenness_method"]`` and
    ``["betweenness_sample"]`` say), eigenvector (unit norm), pagerank (weighted, sums to 1),
    clustering (0..1), core (k-core number), constraint and effective_size (Burt; None when
    isolated), community (index into ``network["community_sizes"]``, largest first),
    component (index, largest first), and Gould–Fernandez brokerage counts per role (on
    ``brokerage_graph`` when given, e.g. the directed licence graph, else on ``graph``) and
    in total. Network: nodes, ties, density, components and the largest one's size, Louvain
    modularity (seeded), average clustering, transitivity, highest core, share of
    cross-sector ties (by ties and by weight)."""
    engine = Engine(graph)
    degree = dict(graph.degree())
    strength = dict(graph.degree(weight="weight"))
    between = engine.betweenness(exact_limit=exact_limit, k=sample, seed=seed)
    found = engine.louvain(seed=seed)
    components = engine.components()
    community = {node: i for i, group in enumerate(found) for node in group}
    component = {node: i for i, part in enumerate(components) for node in part}
    measures = {"eigenvector": engine.eigenvector(), "pagerank": engine.pagerank(),
                "clustering": engine.clustering(), "core": engine.core_number(),
                "constraint": engine.constraint(), "effective_size": engine.effective_size()}
    roles = brokerage_roles(graph if brokerage_graph is None else brokerage_graph, attr)
    no_roles = dict.fromkeys(ROLES, 0)
    nodes = []
    for node, data in graph.nodes(data=True):
        row = {"id": node, "name": data.get("name", str(node)), "sector": data.get(attr),
               "degree": degree[node], "strength": strength[node],
               "betweenness": between.values[node]}
        row.update((key, _plain(values[node])) for key, values in measures.items())
        row["community"] = community[node]
        row["component"] = component[node]
        counts = roles.get(node, no_roles)
        row["brokerage"] = sum(counts.values())
        row.update(counts)
        nodes.append(row)
    clustering = measures["clustering"]
    network = {
        "nodes": graph.number_of_nodes(), "ties": graph.number_of_edges(),
        "density": nx.density(graph) if len(graph) else 0.0,
        "components": len(components),
        "largest_component": len(components[0]) if components else 0,
        "communities": len(found), "community_sizes": [len(group) for group in found],
        "modularity": engine.modularity(found), "seed": seed,
        "average_clustering": sum(clustering.values()) / len(graph) if len(graph) else 0.0,
        "transitivity": engine.ig.transitivity_undirected() if engine.ig.ecount() else 0.0,
        "max_core": max(measures["core"].values(), default=0),
        "cross_sector_share": cross_kind_share(graph, attr=attr),
        "cross_sector_share_weighted": cross_kind_share(graph, weighted=True, attr=attr),
        "betweenness_method": between.method, "betweenness_sample": between.sample_size,
    }
    return {"nodes": nodes, "network": network}
