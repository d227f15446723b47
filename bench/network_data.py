"""The whole real co-applicant network (alliance/data/gba_coapplicant_*.csv: 11,630
organisations, 23,467 ties) written to a migrated database in bulk, for the network page
benchmark.

Every organisation is loaded (the demo loads only the 600 best connected), approved and
marked as demo data (``is_demo``, the demo's source) as the demo loader marks its own; the
sector comes from the file's type by the demo rules (alliance.demo.rules.SECTOR_BY_TYPE),
and the type ``other`` (hospitals, associations, schools), which the demo leaves out, becomes
a service agency: outside the Triple Helix, as it is outside the demo. Ties are stored once
per pair with the smaller id first, weight = joint patents, first year = the file's start
year. Memberships follow the demo's alliance rules (alliance.demo.rules.assign_alliances:
keywords in the name, else the alliance most common among the co-applicants), applied to
the whole network, with one lead per alliance (alliance.demo.rules.choose_lead). Rows go in
with Core ``insert()`` executemany, never one ORM object per row; the one ORM object is the
platform admin account, whose password is hashed as the app hashes it.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import networkx as nx
from sqlalchemy import insert, select

from alliance.demo.loader import DEMO_SOURCE
from alliance.demo.rules import (
    SECTOR_BY_TYPE,
    DemoNetwork,
    DemoOrg,
    assign_alliances,
    choose_lead,
)
from alliance.extensions import db
from alliance.models import (
    Alliance,
    CoApplicationTie,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrgStatus,
    Role,
    Sector,
    User,
)
from alliance.sorting import pinyin_sort_key

DATA = Path(__file__).resolve().parent.parent / "alliance" / "data"
NODES, EDGES = DATA / "gba_coapplicant_nodes.csv", DATA / "gba_coapplicant_edges.csv"
ADMIN_EMAIL = "bench-admin@example.org"
ADMIN_PASSWORD = "bench-network-2012"
REGION = "粤港澳大湾区"
WHEN = datetime(2024, 1, 1, tzinfo=UTC)
#: the file's type -> Sector value: the demo's mapping, and ``other`` as a service agency
SECTORS = {**SECTOR_BY_TYPE, "other": Sector.SERVICE_AGENCY.value}


def read_network() -> tuple[list[dict], list[dict]]:
    """The rows of the two files: nodes (id, name, type), edges (source, target, weight,
    start_time)."""
    with open(NODES, encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with open(EDGES, encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    return nodes, edges


def _admin() -> User:
    user = User(email=ADMIN_EMAIL, name="Benchmark administrator", role=Role.PLATFORM_ADMIN,
                is_demo=True)
    user.set_password(ADMIN_PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def _organisations(nodes: list[dict], admin: User) -> dict[int, int]:
    """Insert every organisation; returns the file's node id -> database id."""
    rows = [{"name_zh": node["name"], "name_sort": pinyin_sort_key(node["name"]),
             "name_en": None, "uscc": None, "sector": Sector(SECTORS[node["type"]]),
             "region": REGION, "description": "", "status": OrgStatus.APPROVED,
             "decided_by_id": admin.id, "decided_at": WHEN, "is_demo": True,
             "source": DEMO_SOURCE} for node in nodes]
    db.session.execute(insert(Organization), rows)
    ids = dict(db.session.execute(select(Organization.name_zh, Organization.id)).all())
    return {int(node["id"]): ids[node["name"]] for node in nodes}


def _ties(edges: list[dict], org_ids: dict[int, int]) -> int:
    rows = []
    for edge in edges:
        a, b = sorted((org_ids[int(edge["source"])], org_ids[int(edge["target"])]))
        rows.append({"organization_a_id": a, "organization_b_id": b,
                     "weight": int(edge["weight"]),
                     "first_year": date.fromisoformat(edge["start_time"]).year,
                     "source": DEMO_SOURCE})
    db.session.execute(insert(CoApplicationTie), rows)
    return len(rows)


def _memberships(nodes: list[dict], edges: list[dict], org_ids: dict[int, int],
                 admin: User) -> int:
    """Active memberships by the demo's alliance rules over the whole network."""
    graph = nx.Graph()
    graph.add_nodes_from(int(node["id"]) for node in nodes)
    graph.add_weighted_edges_from((int(e["source"]), int(e["target"]), int(e["weight"]))
                                  for e in edges)
    degree = dict(graph.degree(weight="weight"))
    orgs = [DemoOrg(int(node["id"]), node["name"], node["type"], degree[int(node["id"])])
            for node in nodes]
    network = DemoNetwork(orgs, [], {n: sorted(graph.neighbors(n)) for n in graph})
    alliances = {a.code: a for a in db.session.scalars(select(Alliance))}
    assignment = assign_alliances(network, {code: a.position for code, a in alliances.items()})
    rows = []
    for code, alliance in alliances.items():
        members = [org for org in orgs if code in assignment[org.node]]
        lead = choose_lead(members)
        rows += [{"organization_id": org_ids[org.node], "alliance_id": alliance.id,
                  "role": MembershipRole.LEAD if org is lead else MembershipRole.MEMBER,
                  "status": MembershipStatus.ACTIVE, "message": "",
                  "requested_by_id": None, "requested_at": WHEN,
                  "decided_by_id": admin.id, "decided_at": WHEN, "decision_reason": ""}
                 for org in members]
    if rows:
        db.session.execute(insert(Membership), rows)
    return len(rows)


def load_network() -> dict[str, int]:
    """Write the admin, every organisation, tie and membership into the session of the
    current app (flushed, not committed); returns how many of each."""
    nodes, edges = read_network()
    admin = _admin()
    org_ids = _organisations(nodes, admin)
    ties = _ties(edges, org_ids)
    memberships = _memberships(nodes, edges, org_ids, admin)
    db.session.flush()
    return {"organisations": len(org_ids), "ties": ties, "memberships": memberships}
