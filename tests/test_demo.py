"""The demo loader: real GBA organisations marked as demo data, idempotent, one lead each.
One load serves the module (see tests/demo_load.py); the generated patents and licensing
records are tested in test_demo_licensing.py."""

from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import func, select

from alliance.demo import DEMO_PASSWORD, DEMO_SOURCE, load
from alliance.demo.rules import (
    DemoNetwork,
    DemoOrg,
    assign_alliances,
    choose_applicants,
    choose_lead,
    keyword_alliances,
)
from alliance.models import (
    Alliance,
    AuditEvent,
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

from . import demo_load

FOUR_SECTORS = {Sector.ENTERPRISE, Sector.UNIVERSITY, Sector.RESEARCH_INSTITUTE,
                Sector.GOVERNMENT}


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


db, loaded = demo_load.db, demo_load.loaded  # one load for the module


def test_load_creates_demo_organisations_of_four_sectors_without_uscc(db, loaded):
    orgs = list(db.session.scalars(select(Organization)))
    assert len(orgs) == loaded.organizations == 600
    assert {org.sector for org in orgs} <= FOUR_SECTORS
    assert all(org.is_demo and org.uscc is None and org.name_en is None for org in orgs)
    assert all(org.status is OrgStatus.APPROVED and org.source == DEMO_SOURCE for org in orgs)
    assert {org.region for org in orgs} == {"粤港澳大湾区"}
    names = {org.name_zh for org in orgs}
    assert {"华南理工大学", "中山大学", "华为技术有限公司"} <= names
    assert not any(name.endswith("医院") for name in names)


def test_every_tie_is_ordered_between_loaded_organisations(db, loaded):
    ties = list(db.session.scalars(select(CoApplicationTie)))
    assert len(ties) == loaded.ties > 0
    org_ids = set(db.session.scalars(select(Organization.id)))
    for tie in ties:
        assert tie.organization_a_id < tie.organization_b_id
        assert {tie.organization_a_id, tie.organization_b_id} <= org_ids
        assert tie.weight > 0 and 1985 <= tie.first_year <= 2024
    pairs = {(t.organization_a_id, t.organization_b_id) for t in ties}
    assert len(pairs) == len(ties)


def test_second_load_creates_nothing(db, loaded):
    db.session.commit()
    models = (Organization, CoApplicationTie, Membership, User, AuditEvent)
    before = {model: _count(db, model) for model in models}

    again = load()
    db.session.commit()

    assert again.counts() == dict.fromkeys(again.counts(), 0)
    assert again.total == 0
    assert {model: _count(db, model) for model in models} == before
    assert "nothing new" in again.describe()


def test_every_alliance_with_members_has_exactly_one_lead(db, loaded):
    active = list(db.session.scalars(
        select(Membership).where(Membership.status == MembershipStatus.ACTIVE)))
    assert len(active) == loaded.memberships > 0
    leads = Counter(m.alliance.code for m in active if m.role is MembershipRole.LEAD)
    with_members = {m.alliance.code for m in active}
    assert leads == dict.fromkeys(with_members, 1)
    electronics_lead = next(m for m in active
                            if m.role is MembershipRole.LEAD and m.alliance.code == "electronics")
    assert electronics_lead.organization.name_zh == "华南理工大学"


def test_pending_requests_for_nev_come_from_non_members(db, loaded):
    pending = list(db.session.scalars(
        select(Membership).where(Membership.status == MembershipStatus.PENDING)))
    assert len(pending) == loaded.pending_requests == 3
    assert {m.alliance.code for m in pending} == {"nev"}
    pending_orgs = {m.organization_id for m in pending}
    members = set(db.session.scalars(select(Membership.organization_id).join(Alliance).where(
        Alliance.code == "nev", Membership.status == MembershipStatus.ACTIVE)))
    assert members and not pending_orgs & members


def test_demo_users_have_their_roles(db, loaded):
    users = {u.email: u for u in db.session.scalars(select(User))}
    assert loaded.users == len(users) == 6
    assert all(user.is_demo for user in users.values())
    admin = users["admin@example.org"]
    assert admin.role is Role.PLATFORM_ADMIN and admin.organization is None
    coordinator = users["coordinator@example.org"]
    assert coordinator.role is Role.MEMBER
    assert [a.code for a in coordinator.coordinated_alliances()] == ["nev"]
    assert [a.code for a in users["coordinator-bio@example.org"].coordinated_alliances()] \
        == ["biomedicine"]
    university = users["university-admin@example.org"]
    assert university.role is Role.ORG_ADMIN
    assert university.organization.name_zh == "华南理工大学"
    assert university.organization.sector is Sector.UNIVERSITY
    firm = users["firm-admin@example.org"]
    assert firm.role is Role.ORG_ADMIN and firm.organization.sector is Sector.ENTERPRISE
    researcher = users["researcher@example.org"]
    assert researcher.role is Role.MEMBER
    assert researcher.organization_id == university.organization_id


def test_admin_logs_in_with_the_demo_password(db, loaded):
    admin = User.find_by_email("admin@example.org")
    assert admin.check_password(DEMO_PASSWORD)
    assert not admin.check_password("wrong-password")


def test_one_audit_event_and_the_description(db, loaded):
    events = list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "demo.loaded")))
    assert len(events) == 1 and events[0].after == loaded.counts()
    text = loaded.describe()
    assert DEMO_PASSWORD in text and "coordinator@example.org" in text
    assert "demo data" in text and "600" in text


def test_keyword_rules():
    assert keyword_alliances("华为技术有限公司") == ["electronics"]
    assert keyword_alliances("广东电网有限责任公司电力科学研究院") == ["electronics", "new-energy"]
    assert keyword_alliances("广东省建筑设计研究院") == []
    assert keyword_alliances("华南理工大学") == []


def _org(node, name, org_type, degree):
    return DemoOrg(node, name, org_type, degree)


def test_neighbour_rule_lead_and_applicants_are_deterministic():
    orgs = [_org(1, "某大学", "university", 90), _org(2, "某电子有限公司", "firm", 80),
            _org(3, "某汽车有限公司", "firm", 70), _org(4, "某有限公司", "firm", 60),
            _org(5, "某科技有限公司", "firm", 50)]
    neighbours = {1: [2, 3], 2: [1], 3: [1, 4], 4: [3], 5: []}
    network = DemoNetwork(orgs, [], neighbours)
    positions = {"nev": 2, "electronics": 4}
    assignment = assign_alliances(network, positions)
    assert assignment == {1: ["nev"], 2: ["electronics"], 3: ["nev"], 4: ["nev"], 5: []}
    assert choose_lead([orgs[2], orgs[1]]).node == 2  # no academic member: highest degree
    assert choose_lead([orgs[1], orgs[2], orgs[0]]).node == 1  # academic first
    assert choose_lead([]) is None
    draw = [o.node for o in choose_applicants(network, assignment, "nev", 3, random.Random(2012))]
    assert draw == [2]
