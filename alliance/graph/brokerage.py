"""Gould–Fernandez brokerage roles by sector (Gould and Fernandez 1989).

A broker j sits on a two-step path i -> j -> k whose ends are not tied directly (no i -> k).
Its role depends on the groups (here sectors) of the three:

=============== ======================= ===============================================
role            groups                  reading
=============== ======================= ===============================================
coordinator     i, j, k all the same    brokers inside its own sector
itinerant       i = k, j different      a consultant from outside for one sector
representative  i = j, k different      passes its own sector's flow out
gatekeeper      j = k, i different      lets outside flow into its own sector
liaison         all three different     links two sectors, belonging to neither
=============== ======================= ===============================================

On a directed graph (licences: licensor -> licensee) the paths follow the arrows. An
undirected graph (co-ownership) is read as ties in both directions, as statnet's
``brokerage`` does with a symmetric network: every open triad i–j–k is counted once each way,
so coordinator, itinerant and liaison counts are twice the number of open triads and
representative equals gatekeeper.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _role(gi, gj, gk) -> str:
    if gi == gj == gk:
        return "coordinator"
    if gi == gk:
        return "itinerant"
    if gi == gj:
        return "representative"
    if gj == gk:
        return "gatekeeper"
    return "liaison"


def brokerage_roles(graph: nx.Graph, attr: str = "sector") -> dict:
    """``{node: {role: count}}``: the number of open two-step paths each node brokers, by
    Gould–Fernandez role (:data:`ROLES`), groups taken from the node attribute ``attr``."""
    group = dict(graph.nodes(data=attr))
    succ = graph.succ if graph.is_directed() else graph.adj
    pred = graph.pred if graph.is_directed() else graph.adj
    out = {n: set(succ[n]) - {n} for n in graph}
    result = {}
    for j in graph:
        ins = set(pred[j]) - {j}
        outs = out[j]
        pairs: Counter = Counter()
        if ins and outs:
            in_groups = Counter(group[i] for i in ins)
            out_groups = Counter(group[k] for k in outs)
            for gi, ni in in_groups.items():
                for gk, nk in out_groups.items():
                    pairs[gi, gk] += ni * nk
            for same in ins & outs:  # i = k is no path
                pairs[group[same], group[same]] -= 1
            for i in ins:  # i -> k closes the triad
                gi = group[i]
                for k in out[i] & outs:
                    pairs[gi, group[k]] -= 1
        counts = dict.fromkeys(ROLES, 0)
        for (gi, gk), number in pairs.items():
            if number:
                counts[_role(gi, group[j], gk)] += number
        result[j] = counts
    return result


def top_brokers(roles: dict, role: str | None = None, limit: int = 10) -> list:
    """The ``limit`` nodes brokering most paths (of one ``role``, or all), as
    ``(node, count)`` pairs, most first, ties broken by node."""
    def total(counts):
        return counts[role] if role else sum(counts.values())
    ranked = sorted(roles.items(), key=lambda item: (-total(item[1]), str(item[0])))
    return [(node, total(counts)) for node, counts in ranked[:limit] if total(counts)]
