"""Generated demo patents for the demo organisations (see ``alliance.demo.patent_rules``):
co-owned along the real co-application ties, plus a few owned by the top university alone
(so that it has patents it can list without a co-owner's consent).

Every row goes through the import's validation (``parse_patent``) and is recorded with
``save_patent`` by the demo platform admin, so numbers, kinds, dates, IPC symbols, shares,
search text, alliance tags and audit events follow the same rules as any patent. Fixed seed;
a patent whose application number is already recorded is left alone.
"""

from __future__ import annotations

import math
import random

from sqlalchemy import select

from ..classification import load_sei_alliance_map
from ..extensions import db
from ..models import Organization, Patent
from ..patent_io.records import PatentRecord, parse_patent
from ..services.patents import save_patent
from .patent_rules import AS_OF, Topic, patent_row, shares, topics
from .rules import DemoNetwork

PATENT_SEED = 2013
CO_OWNED_PATENTS = 1200
SOLO_PATENTS = 60  # owned by the top university alone
PAIR_PATENTS = 4  # co-owned by the top university and the top firm, when they are tied
UNSAFE_NAME = (":", ";", "：", "；")  # would not survive the owners cell


def topics_for(alliance_codes: list[str]) -> list[Topic]:
    """The SEI topics whose category maps to one of ``alliance_codes`` (every topic of
    codes 1-8 when none does, as for an organisation without alliance)."""
    sei_map = load_sei_alliance_map()
    wanted = set(alliance_codes)

    def alliances(code: str) -> set[str]:
        return set(sei_map.get(code) or sei_map.get(code.split(".")[0], ()))

    chosen = [t for t in topics() if alliances(t.code) & wanted]
    return chosen or [t for t in topics() if not t.code.startswith("9")]


def demo_rows(network: DemoNetwork, assignment: dict[int, list[str]],
              usable: set[int]) -> list[dict]:
    """The generated patents as import rows, in a fixed order: ``CO_OWNED_PATENTS`` on ties
    between ``usable`` nodes (drawn with weight log(1 + joint applications)), then
    ``PAIR_PATENTS`` on the tie of the top university and the top firm and ``SOLO_PATENTS``
    of the top university (the demo's licensing story needs both)."""
    rng = random.Random(PATENT_SEED)
    by_node = network.by_node()
    ties = [t for t in network.ties if t.a in usable and t.b in usable]
    used: set[str] = set()
    rows = []
    if ties:
        weights = [math.log1p(t.weight) for t in ties]
        for tie in rng.choices(ties, weights, k=CO_OWNED_PATENTS):
            first, second = (tie.a, tie.b) if rng.random() < 0.5 else (tie.b, tie.a)
            share = shares(rng)
            owners = [(by_node[first].name, share[0]), (by_node[second].name, share[1])]
            codes = assignment.get(first, []) + assignment.get(second, [])
            rows.append(patent_row(owners, rng.choice(topics_for(codes)), tie.first_year,
                                   rng, used))
    university, firm = network.top("university"), network.top("firm")
    pair = next((t for t in ties if {t.a, t.b} == {university.node, firm.node}), None)
    if pair is not None:
        choices = topics_for(assignment.get(firm.node, []))
        for _ in range(PAIR_PATENTS):
            owners = [(university.name, 50), (firm.name, 50)]
            rows.append(patent_row(owners, rng.choice(choices), pair.first_year, rng, used))
    if university.node in usable:
        choices = topics_for(assignment.get(university.node, []))
        for _ in range(SOLO_PATENTS):
            rows.append(patent_row([(university.name, 100)], rng.choice(choices), 2012,
                                   rng, used))
    return rows


def usable_nodes(network: DemoNetwork, org_ids: dict[int, int]) -> set[int]:
    """Nodes whose organisation is demo data (a real organisation that happened to be
    registered under the same name gets no generated patents) with a name that fits the
    owners cell."""
    demo_ids = set(db.session.scalars(select(Organization.id).where(
        Organization.id.in_(list(org_ids.values())), Organization.is_demo.is_(True))))
    return {org.node for org in network.orgs if org_ids[org.node] in demo_ids
            and not any(mark in org.name for mark in UNSAFE_NAME)}


def load_patents(network: DemoNetwork, org_ids: dict[int, int],
                 assignment: dict[int, list[str]], admin) -> int:
    """Record the generated patents not recorded yet; returns how many were created."""
    rows = demo_rows(network, assignment, usable_nodes(network, org_ids))
    taken = set(db.session.scalars(select(Patent.application_number).where(
        Patent.application_number.in_([row["application_number"] for row in rows]))))
    orgs = {org.name_zh: org for org in db.session.scalars(
        select(Organization).where(Organization.id.in_(list(org_ids.values()))))}
    created = 0
    for row in rows:
        if row["application_number"] in taken:
            continue
        record: PatentRecord = parse_patent(row, today=AS_OF)
        patent, _ = save_patent(admin, orgs[record.owners[0].name], record)
        patent.is_demo = True
        created += 1
    db.session.flush()
    return created
