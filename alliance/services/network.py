"""The collaboration network of an alliance (or of the whole province) for the pages, the
exports and the background jobs: built from the database (network_records), measured with
alliance.graph, and cached per graph version.

A *scope* is an alliance code, or ``None`` for the province (all ten alliances). Cheap
results (the graph, the summary, view data) are built on demand and cached per version; the
measures panel is heavy (seconds on thousands of organisations) and is computed ahead by a
job (alliance.services.network_jobs): :func:`measures` only reads what a job stored.
Every key names its graph version, so each worker also remembers what it read
(alliance.services.network_cache): a cached page unpickles nothing and rebuilds nothing,
and graph.json is encoded once (:func:`view_payload`). The objects returned are shared:
read them, never change them.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from itertools import chain, repeat

import networkx as nx

from ..extensions import cache, db
from ..graph.build import build_network, collaboration_graph, ego_network
from ..graph.metrics import cross_kind_share, triple_helix_synergy
from ..graph.panel import measures_panel
from ..graph.recommend import suggest_partners
from ..graph.records import CO_OWNERSHIP, MEMBERSHIP, ORG_EDGE_TYPES, NetworkFilter
from ..graph.render import SIZE_MEASURES, payload_bytes, vis_data
from ..models import Membership, MembershipStatus
from ..models.types import utcnow
from .network_cache import remembered, store, stored
from .network_records import Records, graph_version, ipc_profiles, load_records

RESULT_TIMEOUT = 7 * 24 * 3600  # seconds; results of an old version are simply not asked for
FULL, EGO, SUMMARY = "full", "ego", "summary"


def scope_key(scope: str | None) -> str:
    """The cache and job name of a scope."""
    return "province" if scope is None else f"alliance-{scope}"


def _memo(key: str, compute):
    return remembered(key, compute, RESULT_TIMEOUT)


def records(version: str) -> Records:
    """The records of ``version`` (cached)."""
    return _memo(f"network:records:{version}", load_records)


def build(scope: str | None, version: str, filters: NetworkFilter | None = None) -> nx.Graph:
    """The undirected collaboration graph of a scope: organisations (members of the
    alliance) as nodes with ``name``, ``sector`` and ``patent_count``; ties weighted by joint
    patents (owned together, or co-applied as the aggregated ties say) + licences,
    restricted by ``filters`` (its alliance is replaced by the scope)."""
    filters = filters or NetworkFilter()
    found = records(version)
    network = build_network(
        found.orgs, found.patents, found.licences, (),
        found.memberships if scope is not None else (),
        NetworkFilter(alliance=scope, years=filters.years, sectors=filters.sectors,
                      edge_types=filters.edge_types))
    if CO_OWNERSHIP in filters.edge_types:
        _add_ties(network, found.ties, filters)
    if filters.min_weight > 1:
        network.remove_edges_from([
            (u, v, key) for u, v, key, weight in network.edges(keys=True, data="weight")
            if key != MEMBERSHIP and weight < filters.min_weight])
    return collaboration_graph(network, filters.edge_types & set(ORG_EDGE_TYPES))


def _add_ties(network: nx.MultiDiGraph, ties, filters: NetworkFilter) -> None:
    """Add aggregated co-application ties to the co-ownership edges of ``network`` (same
    layout as build_network's: stored once from the smaller id, years counted)."""
    for tie in ties:
        if not filters.keeps_year(tie.year) or tie.a not in network or tie.b not in network:
            continue
        u, v = sorted((tie.a, tie.b))
        if not network.has_edge(u, v, key=CO_OWNERSHIP):
            network.add_edge(u, v, key=CO_OWNERSHIP, kind=CO_OWNERSHIP, directed=False,
                             weight=0, years={}, patents=())
        edge = network.edges[u, v, CO_OWNERSHIP]
        edge["weight"] += tie.weight
        if tie.year is not None:
            years = dict(edge["years"])
            years[tie.year] = years.get(tie.year, 0) + tie.weight
            edge["years"] = dict(sorted(years.items()))


def graph(scope: str | None, version: str) -> nx.Graph:
    """The unfiltered collaboration graph of a scope (cached per version)."""
    return _memo(f"network:graph:{scope_key(scope)}:{version}", lambda: build(scope, version))


def helix_by_year(scope: str | None, version: str) -> dict[int, dict]:
    """Triple Helix synergy T (bits, negative = synergy) per filing year of the patents
    owned by organisations of the scope: ``{year: {"t": T, "patents": n}}``."""
    nodes = set(graph(scope, version))
    by_year: dict[int, list] = {}
    for year, helix, owners, count in records(version).helix:
        if helix and owners & nodes:
            by_year.setdefault(year, []).append((helix, count))
    return {year: {"t": triple_helix_synergy(chain.from_iterable(
                repeat(helix, count) for helix, count in by_year[year])),
                   "patents": sum(count for _helix, count in by_year[year])}
            for year in sorted(by_year)}


def summary(scope: str | None, version: str) -> dict:
    """Anonymised figures of a scope, no names: organisations, ties, density (0..1), share
    of cross-sector ties (0..1), organisations per sector, and Triple Helix T by year."""
    def compute():
        g = graph(scope, version)
        sectors: dict[str, int] = {}
        for _node, sector in g.nodes(data="sector"):
            sectors[sector] = sectors.get(sector, 0) + 1
        return {"nodes": g.number_of_nodes(), "ties": g.number_of_edges(),
                "density": nx.density(g) if len(g) > 1 else 0.0,
                "cross_sector_share": cross_kind_share(g),
                "sectors": dict(sorted(sectors.items())),
                "helix": helix_by_year(scope, version)}
    return _memo(f"network:summary:{scope_key(scope)}:{version}", compute)


def compute(scope: str | None) -> dict:
    """Compute and cache the measures panel of a scope at the current version (what a job
    runs); returns the stored result: ``version``, ``computed_at`` (UTC), ``seconds``,
    ``panel`` (alliance.graph.panel.measures_panel)."""
    version = graph_version()
    started = time.perf_counter()
    panel = measures_panel(graph(scope, version))
    result = {"version": version, "computed_at": utcnow(),
              "seconds": round(time.perf_counter() - started, 3), "panel": panel}
    key = scope_key(scope)
    store(f"network:measures:{key}:{version}", result, RESULT_TIMEOUT)
    cache.set(f"network:latest:{key}", result, timeout=RESULT_TIMEOUT)
    return result


def measures(scope: str | None, version: str) -> dict | None:
    """The stored measures of ``version``, or None when no job has computed them yet."""
    return stored(f"network:measures:{scope_key(scope)}:{version}")


def latest_measures(scope: str | None) -> dict | None:
    """The most recent stored measures of a scope, whatever their version."""
    return cache.get(f"network:latest:{scope_key(scope)}")


def light_panel(g: nx.Graph) -> dict:
    """A stand-in panel while the measures are computed: degree and strength only."""
    strength = dict(g.degree(weight="weight"))
    rows = [{"id": node, **dict.fromkeys(SIZE_MEASURES), "degree": degree,
             "strength": strength[node]} for node, degree in g.degree()]
    return {"nodes": rows, "network": {}}


@dataclass(frozen=True)
class ViewRequest:
    """What the interactive view shows: ``filters``, node size measure, top-k cut, and the
    organisation (with depth) of an ego view."""

    filters: NetworkFilter
    size_by: str = "degree"
    top_k: int | None = None
    ego: int | None = None
    depth: int = 1

    def key(self) -> str:
        f = self.filters
        text = (f"{f.years}|{sorted(f.edge_types)}|{self.size_by}|{self.top_k}|{self.ego}|"
                f"{self.depth}")
        return hashlib.sha256(text.encode()).hexdigest()[:20]


def view(scope: str | None, version: str, asked: ViewRequest, *, title_template: str,
         sector_labels: dict, locale: str, panel: dict | None) -> dict:
    """vis-network data (alliance.graph.render.vis_data) of the filtered graph of a scope,
    organisations without any kept tie left out (an ego view keeps its centre); cached per
    version, request, language and whether the measures were ready."""
    def compute():
        g = build(scope, version, asked.filters)
        if asked.ego is not None:
            g = ego_network(g, asked.ego, asked.depth)
        else:
            g = g.subgraph([n for n in g if g.degree(n)]).copy()
        return vis_data(g, panel or light_panel(g), size_by=asked.size_by,
                        top_k=asked.top_k, title_template=title_template,
                        sector_labels=sector_labels)
    return _memo(f"network:view:{_view_key(scope, version, asked, locale, panel)}", compute)


def _view_key(scope, version, asked: ViewRequest, locale: str, panel) -> str:
    return f"{scope_key(scope)}:{version}:{asked.key()}:{locale}:{'m' if panel else 'l'}"


def view_payload(scope: str | None, version: str, asked: ViewRequest, **options) -> bytes:
    """The view data of :func:`view` (same arguments) as the JSON bytes served
    (alliance.graph.render.payload_bytes), encoded once per version and request."""
    key = _view_key(scope, version, asked, options["locale"], options["panel"])
    return _memo(f"network:payload:{key}",
                 lambda: payload_bytes(view(scope, version, asked, **options)))


def view_facts(scope: str | None, version: str, asked: ViewRequest, **options) -> dict:
    """What the page says of the view of :func:`view` (same arguments), without its
    nodes and edges: ``nodes`` and ``edges`` (counts), ``groups``, ``shown``, ``total``,
    ``physics``."""
    def compute():
        data = view(scope, version, asked, **options)
        return {"nodes": len(data["nodes"]), "edges": len(data["edges"]),
                "groups": data["groups"], "shown": data["shown"], "total": data["total"],
                "physics": data["physics"]}
    key = _view_key(scope, version, asked, options["locale"], options["panel"])
    return _memo(f"network:facts:{key}", compute)


def best_connected(scope: str | None, version: str, limit: int) -> list[tuple[int, str]]:
    """(id, name) of the ``limit`` organisations of the scope with most ties, most first
    (ties broken by the smaller id); cached per version."""
    def compute():
        g = graph(scope, version)
        best = sorted(g, key=lambda n: (-g.degree(n), n))[:limit]
        return [(n, g.nodes[n]["name"]) for n in best]
    return _memo(f"network:best:{scope_key(scope)}:{version}:{limit}", compute)


def suggestions(scope: str | None, version: str, org: int, panel: dict | None,
                limit: int = 10) -> list:
    """Partner suggestions (alliance.graph.recommend.Suggestion) for ``org`` in the scope,
    communities taken from the measures panel when ready (cached per version)."""
    def compute():
        communities = None
        if panel is not None:
            communities = {row["id"]: row["community"] for row in panel["nodes"]}
        profiles = _memo(f"network:ipc:{version}", ipc_profiles)
        return suggest_partners(graph(scope, version), org, profiles,
                                communities=communities, limit=limit)
    return _memo(f"network:suggest:{scope_key(scope)}:{version}:{org}:{limit}:"
                 f"{'m' if panel else 'l'}", compute)


def access(user, alliance) -> str:
    """What ``user`` may see of an alliance's network: FULL (its coordinators and platform
    admins), EGO (a user of an active member organisation: its own ego network) or
    SUMMARY (anyone else: anonymised figures)."""
    if alliance.can_manage(user):
        return FULL
    if user.is_authenticated and user.organization_id is not None and db.session.scalar(
            db.select(Membership.id).where(
                Membership.organization_id == user.organization_id,
                Membership.alliance_id == alliance.id,
                Membership.status == MembershipStatus.ACTIVE).limit(1)) is not None:
        return EGO
    return SUMMARY


def can_see_node(user, level: str, org_id: int) -> bool:
    """Whether a user with access ``level`` may open the ego network of ``org_id``."""
    return level == FULL or (level == EGO and org_id == user.organization_id)
