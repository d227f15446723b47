"""Build co-application networks (organisations that applied for patents together)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx


@dataclass(frozen=True)
class OrgRecord:
    """An organisation as a node; ``kind`` is its sector or the data set's type label."""

    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class TieRecord:
    """Two organisations that co-applied; ``weight`` counts joint patents, ``year`` is the
    first year of the tie."""

    a: int
    b: int
    weight: int
    year: int | None = None


def coapplication_graph(orgs: Iterable[OrgRecord], ties: Iterable[TieRecord]) -> nx.Graph:
    """Undirected graph: nodes carry ``name`` and ``kind``; edges ``weight`` (number of
    joint patents) and ``year``. A tie to an unknown organisation is an error, not a new
    node, so a graph never holds nodes without a name and kind."""
    graph = nx.Graph()
    for org in orgs:
        graph.add_node(org.id, name=org.name, kind=org.kind)
    for tie in ties:
        if tie.a not in graph or tie.b not in graph:
            raise ValueError(f"tie {tie.a}–{tie.b} names an organisation not in the list")
        if tie.a == tie.b:
            raise ValueError(f"tie {tie.a}–{tie.b} joins an organisation to itself")
        graph.add_edge(tie.a, tie.b, weight=tie.weight, year=tie.year)
    return graph


def read_coapplicant_csv(nodes_csv: Path, edges_csv: Path) -> nx.Graph:
    """Load the co-applicant network files (columns ``id,name,type`` and
    ``source,target,weight,start_time,...``) as a co-application graph."""
    with open(nodes_csv, encoding="utf-8", newline="") as handle:
        orgs = [OrgRecord(int(row["id"]), row["name"], row["type"])
                for row in csv.DictReader(handle)]
    with open(edges_csv, encoding="utf-8", newline="") as handle:
        ties = [TieRecord(int(row["source"]), int(row["target"]), int(row["weight"]),
                          date.fromisoformat(row["start_time"]).year)
                for row in csv.DictReader(handle)]
    return coapplication_graph(orgs, ties)
