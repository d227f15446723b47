"""Network analysis speed and view size on the real co-applicant network (11,630
organisations, 23,467 ties; alliance/data).

Prints, in one run:

* the full measures panel (alliance.graph.panel.measures_panel: degree, strength, exact
  betweenness, eigenvector, PageRank, clustering, k-core, constraint, effective size,
  Louvain and modularity, components, brokerage roles, sector mixing) against python-igraph
  used directly on the same graph for the measures it has (building its graph from the
  edge list included), and the ratio ours / igraph (target 1.5 or less);
* the vis-network payload of the whole network (alliance.graph.render: positions computed
  server-side, nodes sized by PageRank) against the plain node/edge JSON of the same graph
  (node-link data: ids, names, sectors, weights, years), both compact JSON, gzip-compressed
  as served; ratio payload / plain (target 1.5 or less).

It prints numbers; it is not a pass/fail test. Times are the best of ``--rounds`` runs.

    python -m bench.graph [--rounds 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import warnings
from pathlib import Path

import igraph as ig
import networkx as nx

from alliance.graph.build import read_coapplicant_csv
from alliance.graph.panel import measures_panel
from alliance.graph.render import payload_bytes, vis_data

DATA = Path(__file__).resolve().parent.parent / "alliance" / "data"


def best(rounds: int, work) -> tuple[float, object]:
    """The shortest of ``rounds`` timed runs of ``work()`` in seconds, and its result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def igraph_panel(graph: nx.Graph) -> dict:
    """The same measures computed with python-igraph directly."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = list(graph.edges(data="weight", default=1))
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
    weights = [w for _, _, w in edges]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        communities = g.community_multilevel(weights=weights)
        return {
            "degree": g.degree(), "strength": g.strength(weights=weights),
            "betweenness": g.betweenness(directed=False),
            "eigenvector": g.eigenvector_centrality(),
            "pagerank": g.pagerank(weights=weights),
            "clustering": g.transitivity_local_undirected(mode="zero"),
            "core": g.coreness(), "constraint": g.constraint(weights=weights),
            "communities": communities.membership,
            "modularity": g.modularity(communities.membership, weights=weights),
            "components": g.connected_components().membership,
            "transitivity": g.transitivity_undirected(),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    load, graph = best(1, lambda: read_coapplicant_csv(DATA / "gba_coapplicant_nodes.csv",
                                                       DATA / "gba_coapplicant_edges.csv"))
    print(f"real network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"ties, loaded in {load:.2f} s")

    ours, panel = best(args.rounds, lambda: measures_panel(graph))
    theirs, _ = best(args.rounds, lambda: igraph_panel(graph))
    method = panel["network"]["betweenness_method"]
    print("\n== measures panel ==")
    print(f"{'this code (' + method + ' betweenness)':<40}{ours:8.2f} s")
    print(f"{'python-igraph directly':<40}{theirs:8.2f} s")
    print(f"{'ratio ours / igraph (target <= 1.5)':<40}{ours / theirs:8.2f}")

    view_time, view = best(args.rounds, lambda: vis_data(graph, panel, size_by="pagerank"))
    payload = payload_bytes(view)
    plain = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False,
                       separators=(",", ":")).encode("utf-8")
    packed, plain_packed = len(gzip.compress(payload)), len(gzip.compress(plain))
    print("\n== vis-network payload (whole network, physics off, server-side layout) ==")
    print(f"{'view data built in':<40}{view_time:8.2f} s")
    print(f"{'payload':<40}{len(payload) / 1024:8.0f} KiB, gzip {packed / 1024:6.0f} KiB")
    print(f"{'plain node/edge JSON':<40}{len(plain) / 1024:8.0f} KiB, gzip "
          f"{plain_packed / 1024:6.0f} KiB")
    print(f"{'ratio payload / plain, gzip (<= 1.5)':<40}{packed / plain_packed:8.2f}")


if __name__ == "__main__":
    main()
