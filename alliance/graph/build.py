"""Build collaboration networks from plain records (see alliance.graph.records).

Representation. :func:`build_network` returns one ``nx.MultiDiGraph`` holding every edge
type, keyed by type, so several kinds of tie between the same two organisations stay
apart:

* organisation nodes are keyed by the organisation id and carry ``node_type="organisation"``,
  ``name``, ``sector``, ``alliances`` (tuple of codes) and ``patent_count``;
* alliance nodes (only with membership edges) are keyed ``"alliance:<code>"`` and carry
  ``node_type="alliance"``, ``name`` (the code) and ``sector="alliance"``;
* every edge has ``kind`` (its key), ``directed``, ``weight`` and ``years`` (a dict
  year -> number of records): co-ownership (undirected, stored once from the smaller id,
  weight = patents owned together, ``patents`` their ids), licence (directed licensor ->
  licensee, weight = licences, ``patents``), agreement (undirected, weight = agreements
  signed together; an agreement of n parties ties every pair) and membership
  (organisation -> alliance node, weight 1).

Measures work on :func:`collaboration_graph`, its projection to a weighted undirected
``nx.Graph`` of organisations (weight = joint patents + licences + agreements), or on the
directed :func:`licence_graph` for brokerage. :func:`coapplication_graph` builds the same
projection directly from already aggregated co-application ties (the real data set).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx as nx

from ..validators import ValidationError
from .records import (
    AGREEMENT,
    CO_OWNERSHIP,
    LICENCE,
    MEMBERSHIP,
    MSG_DEPTH,
    MSG_UNKNOWN_ORG,
    ORG_EDGE_TYPES,
    AgreementRecord,
    LicenceRecord,
    MembershipRecord,
    NetworkFilter,
    OrgRecord,
    PatentRecord,
    TieRecord,
)

__all__ = ["OrgRecord", "TieRecord", "alliance_node", "build_network", "coapplication_graph",
           "collaboration_graph", "ego_network", "licence_graph", "read_coapplicant_csv"]


def alliance_node(code: str) -> str:
    """The node key of an alliance in a network with membership edges."""
    return f"alliance:{code}"


def coapplication_graph(orgs: Iterable[OrgRecord], ties: Iterable[TieRecord]) -> nx.Graph:
    """Undirected graph: nodes carry ``name`` and ``sector``; edges ``weight`` (number of
    joint patents) and ``year``. A tie to an unknown organisation is an error, not a new
    node, so a graph never holds nodes without a name and sector."""
    graph = nx.Graph()
    for org in orgs:
        graph.add_node(org.id, name=org.name, sector=org.sector)
    for tie in ties:
        _check_pair(graph, tie.a, tie.b, "tie")
        graph.add_edge(tie.a, tie.b, weight=tie.weight, year=tie.year)
    return graph


def read_coapplicant_csv(nodes_csv: Path, edges_csv: Path) -> nx.Graph:
    """Load the co-applicant network files (columns ``id,name,type`` and
    ``source,target,weight,start_time,...``) as a co-application graph (``sector`` is the
    data set's type)."""
    with open(nodes_csv, encoding="utf-8", newline="") as handle:
        orgs = [OrgRecord(int(row["id"]), row["name"], row["type"])
                for row in csv.DictReader(handle)]
    with open(edges_csv, encoding="utf-8", newline="") as handle:
        ties = [TieRecord(int(row["source"]), int(row["target"]), int(row["weight"]),
                          date.fromisoformat(row["start_time"]).year)
                for row in csv.DictReader(handle)]
    return coapplication_graph(orgs, ties)


def _check_pair(graph, a, b, what: str) -> None:
    if a not in graph or b not in graph:
        raise ValueError(f"{what} {a}–{b} names an organisation not in the list")
    if a == b:
        raise ValueError(f"{what} {a}–{b} joins an organisation to itself")


class _Edges:
    """Aggregates records into one edge per (kind, pair)."""

    def __init__(self) -> None:
        self.weight: Counter = Counter()
        self.years: dict = defaultdict(Counter)
        self.patents: dict = defaultdict(list)

    def add(self, kind, u, v, year, patent=None) -> None:
        key = (kind, u, v)
        self.weight[key] += 1
        if year is not None:
            self.years[key][year] += 1
        if patent is not None:
            self.patents[key].append(patent)


def build_network(orgs: Iterable[OrgRecord], patents: Iterable[PatentRecord] = (),
                  licences: Iterable[LicenceRecord] = (),
                  agreements: Iterable[AgreementRecord] = (),
                  memberships: Iterable[MembershipRecord] = (),
                  filters: NetworkFilter | None = None) -> nx.MultiDiGraph:
    """The multi-type network of the records (see the module doc), restricted by
    ``filters``. Weights count the records kept by the year range. Organisations left
    without ties stay as isolated nodes. A record naming an organisation missing from
    ``orgs`` is an error."""
    filters = filters or NetworkFilter()
    orgs = list(orgs)
    memberships = list(memberships)
    known = {org.id for org in orgs}
    alliances = defaultdict(set)
    for org in orgs:
        alliances[org.id].update(org.alliances)
    for member in memberships:
        if member.org not in known:
            raise ValueError(f"membership of {member.org}: not in the list")
        alliances[member.org].add(member.alliance)
    network = nx.MultiDiGraph()
    for org in orgs:
        if filters.alliance is not None and filters.alliance not in alliances[org.id]:
            continue
        if filters.sectors is not None and org.sector not in filters.sectors:
            continue
        network.add_node(org.id, node_type="organisation", name=org.name, sector=org.sector,
                         alliances=tuple(sorted(alliances[org.id])),
                         patent_count=org.patent_count)
    edges = _Edges()
    kinds = filters.edge_types

    def tie(kind, owners, year, patent=None, directed=False):
        for a in owners:
            if a not in known:
                raise ValueError(f"{kind} {patent or ''} names {a}, not in the list")
        if not filters.keeps_year(year):
            return
        pairs = [tuple(owners)] if directed else combinations(sorted(set(owners)), 2)
        for u, v in pairs:
            if u in network and v in network:
                edges.add(kind, u, v, year, patent)

    if CO_OWNERSHIP in kinds:
        for patent in patents:
            tie(CO_OWNERSHIP, patent.owners, patent.year, patent.id)
    if LICENCE in kinds:
        for licence in licences:
            if licence.licensor == licence.licensee:
                raise ValueError(f"licence {licence.patent}: licensor is the licensee")
            tie(LICENCE, (licence.licensor, licence.licensee), licence.year, licence.patent,
                directed=True)
    if AGREEMENT in kinds:
        for agreement in agreements:
            tie(AGREEMENT, agreement.parties, agreement.year)
    for (kind, u, v), weight in edges.weight.items():
        if weight < filters.min_weight:
            continue
        attrs = {"kind": kind, "directed": kind == LICENCE, "weight": weight,
                 "years": dict(sorted(edges.years[(kind, u, v)].items()))}
        if kind != AGREEMENT:
            attrs["patents"] = tuple(edges.patents[(kind, u, v)])
        network.add_edge(u, v, key=kind, **attrs)
    if MEMBERSHIP in kinds:
        _add_memberships(network, alliances, filters)
    return network


def _add_memberships(network, alliances, filters) -> None:
    for org in [n for n in network if network.nodes[n].get("node_type") == "organisation"]:
        for code in sorted(alliances[org]):
            if filters.alliance is not None and code != filters.alliance:
                continue
            node = alliance_node(code)
            if node not in network:
                network.add_node(node, node_type="alliance", name=code, sector="alliance")
            network.add_edge(org, node, key=MEMBERSHIP, kind=MEMBERSHIP, directed=False,
                             weight=1, years={})


def _organisations(network: nx.MultiDiGraph):
    return [(n, d) for n, d in network.nodes(data=True) if d.get("node_type") != "alliance"]


def collaboration_graph(network: nx.MultiDiGraph,
                        edge_types: Iterable[str] = ORG_EDGE_TYPES) -> nx.Graph:
    """Projection for measures: organisations only, one undirected edge per tied pair with
    ``weight`` = the sum of the weights of its ties of ``edge_types`` (joint patents +
    licences + agreements), ``kinds`` (comma-separated edge types) and ``year`` (first
    year of any of its records, or None)."""
    wanted = set(edge_types) & set(ORG_EDGE_TYPES)
    graph = nx.Graph()
    graph.add_nodes_from((n, {k: v for k, v in d.items() if k != "node_type"})
                         for n, d in _organisations(network))
    for u, v, data in network.edges(data=True):
        if data["kind"] not in wanted:
            continue
        first = min(data["years"], default=None)
        if graph.has_edge(u, v):
            edge = graph.edges[u, v]
            edge["weight"] += data["weight"]
            edge["kinds"] = ",".join(sorted(set(edge["kinds"].split(",")) | {data["kind"]}))
            if first is not None:
                edge["year"] = first if edge["year"] is None else min(edge["year"], first)
        else:
            graph.add_edge(u, v, weight=data["weight"], kinds=data["kind"], year=first)
    return graph


def licence_graph(network: nx.MultiDiGraph) -> nx.DiGraph:
    """Directed licensor -> licensee graph of the organisations (weight = licences), the
    input of Gould–Fernandez brokerage on directed ties."""
    graph = nx.DiGraph()
    graph.add_nodes_from((n, {k: v for k, v in d.items() if k != "node_type"})
                         for n, d in _organisations(network))
    graph.add_edges_from((u, v, {"weight": d["weight"]})
                         for u, v, d in network.edges(data=True) if d["kind"] == LICENCE)
    return graph


def ego_network(graph: nx.Graph, org, depth: int = 1) -> nx.Graph:
    """The organisations within ``depth`` (1 or 2) steps of ``org``, ties in any direction,
    and every edge among them: a copy of the same graph type as ``graph``."""
    if depth not in (1, 2):
        raise ValidationError(MSG_DEPTH, {"depth": depth})
    if org not in graph:
        raise ValidationError(MSG_UNKNOWN_ORG, {"org": org})
    reach = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True) if graph.is_directed() else graph, org, cutoff=depth)
    return graph.subgraph(reach).copy()
