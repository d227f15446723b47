"""The network page benchmark's data: the whole real co-applicant network written in bulk."""

from __future__ import annotations

from sqlalchemy import func, select

from alliance.demo.rules import keyword_alliances
from alliance.extensions import db as _db
from alliance.models import (
    Alliance,
    CoApplicationTie,
    Membership,
    MembershipRole,
    Organization,
    Role,
    Sector,
    User,
)
from bench.network_data import ADMIN_EMAIL, ADMIN_PASSWORD, load_network, read_network


def test_every_organisation_and_tie_loaded_as_demo_data(db):
    nodes, edges = read_network()
    counts = load_network()
    assert counts["organisations"] == len(nodes) == 11_630
    assert counts["ties"] == len(edges) == 23_467
    session = _db.session
    assert session.scalar(select(func.count()).where(Organization.is_demo.is_(False))) == 0
    sectors = dict(session.execute(select(Organization.name_zh, Organization.sector)).all())
    by_type = {node["type"]: node["name"] for node in nodes}
    assert sectors[by_type["firm"]] is Sector.ENTERPRISE
    assert sectors[by_type["research institute"]] is Sector.RESEARCH_INSTITUTE
    assert sectors[by_type["other"]] is Sector.SERVICE_AGENCY
    assert session.scalar(select(func.sum(CoApplicationTie.weight))) == sum(
        int(edge["weight"]) for edge in edges)
    assert session.scalar(select(func.count()).where(
        CoApplicationTie.organization_a_id >= CoApplicationTie.organization_b_id)) == 0
    admin = User.find_by_email(ADMIN_EMAIL)
    assert admin.role is Role.PLATFORM_ADMIN and admin.check_password(ADMIN_PASSWORD)


def test_memberships_follow_the_demo_rules_with_one_lead_each(db):
    counts = load_network()
    session = _db.session
    assert session.scalar(select(func.count(Membership.id))) == counts["memberships"] > 0
    leads = session.execute(select(Alliance.code, func.count(Membership.id)).join(Membership)
                            .where(Membership.role == MembershipRole.LEAD)
                            .group_by(Alliance.code)).all()
    assert leads and all(count == 1 for _code, count in leads)
    name = "比亚迪汽车工业有限公司"
    joined = set(session.scalars(select(Alliance.code).join(Membership).join(Organization)
                                 .where(Organization.name_zh == name)))
    assert set(keyword_alliances(name)) <= joined and "nev" in joined
