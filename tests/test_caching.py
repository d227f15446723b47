"""Cached member counts follow every change as soon as it commits, and only then."""

from alliance.extensions import cache
from alliance.models import MembershipStatus, Sector
from alliance.services import directory, memberships, organisations
from alliance.services.directory import MEMBER_COUNTS, alliance_by_code

from .factories import AdminFactory, MembershipFactory, OrgAdminFactory


def _nev_count(db) -> int:
    return sum(directory.member_counts_by_sector(alliance_by_code("nev")).get(
        alliance_by_code("nev").id, {}).values())


def test_counts_are_cached_and_dropped_when_a_decision_commits(db):
    nev = alliance_by_code("nev")
    request = MembershipFactory(alliance=nev)
    assert _nev_count(db) == 0
    assert cache.get(MEMBER_COUNTS) is not None  # cached now
    memberships.decide_membership(AdminFactory(), request, approve=True)
    assert cache.get(MEMBER_COUNTS) is not None  # not yet committed: still cached
    db.session.commit()
    assert cache.get(MEMBER_COUNTS) is None
    assert _nev_count(db) == 1


def test_a_rolled_back_change_keeps_the_cache(db):
    request = MembershipFactory(alliance=alliance_by_code("nev"))
    assert _nev_count(db) == 0
    memberships.decide_membership(AdminFactory(), request, approve=True)
    db.session.rollback()
    assert cache.get(MEMBER_COUNTS) is not None and _nev_count(db) == 0


def test_withdrawal_and_a_sector_change_drop_the_counts(db):
    admin = OrgAdminFactory()
    membership = MembershipFactory(organization=admin.organization,
                                   alliance=alliance_by_code("nev"),
                                   status=MembershipStatus.ACTIVE)
    counts = directory.member_counts_by_sector()
    assert counts[alliance_by_code("nev").id] == {Sector.ENTERPRISE: 1}
    organisations.update_organisation(admin, admin.organization, sector=Sector.UNIVERSITY)
    db.session.commit()
    counts = directory.member_counts_by_sector()
    assert counts[alliance_by_code("nev").id] == {Sector.UNIVERSITY: 1}
    memberships.withdraw_membership(admin, membership)
    db.session.commit()
    assert _nev_count(db) == 0


def test_the_alliance_page_shows_a_new_member_at_once(client, db, login):
    nev = alliance_by_code("nev")
    request = MembershipFactory(alliance=nev, organization__name_zh="新成员公司")
    assert "新成员公司" not in client.get("/alliances/nev").get_data(as_text=True)
    login(AdminFactory())
    client.post(f"/alliances/memberships/{request.id}/decide", data={"approve": "1"})
    page = client.get("/alliances/nev").get_data(as_text=True)
    assert "新成员公司" in page
    assert '<div class="fs-5">1</div>' in page  # the enterprise count box


def test_the_cached_public_profile_follows_edits_and_decisions(client, db, login, app):
    admin = OrgAdminFactory(organization__region="长春市")
    org_id = admin.organization_id
    visitor = app.test_client()
    assert "长春市" in visitor.get(f"/organisations/{org_id}").get_data(as_text=True)
    login(admin)
    client.post(f"/organisations/{org_id}/edit", data={
        "name_zh": admin.organization.name_zh, "sector": "enterprise", "region": "吉林市"})
    page = visitor.get(f"/organisations/{org_id}").get_data(as_text=True)
    assert "吉林市" in page and "长春市" not in page
    request = MembershipFactory(organization=admin.organization,
                                alliance=alliance_by_code("culture"))
    assert "文化" not in visitor.get(f"/organisations/{org_id}").get_data(as_text=True)
    memberships.decide_membership(AdminFactory(), request, approve=True)
    db.session.commit()
    assert "文化" in visitor.get(f"/organisations/{org_id}").get_data(as_text=True)


def test_signed_in_people_never_get_the_cached_profile(client, db, login, app):
    admin = OrgAdminFactory()
    app.test_client().get(f"/organisations/{admin.organization_id}")  # fills the cache
    login(admin)
    page = client.get(f"/organisations/{admin.organization_id}").get_data(as_text=True)
    assert f'href="/organisations/{admin.organization_id}/edit"' in page


def test_the_cached_member_list_follows_filters_pages_and_changes(client, db):
    nev = alliance_by_code("nev")
    firm = MembershipFactory(alliance=nev, status=MembershipStatus.ACTIVE,
                             organization__name_zh="甲公司")
    assert "甲公司" in client.get("/alliances/nev").get_data(as_text=True)
    assert "甲公司" not in client.get("/alliances/nev?q=乙").get_data(as_text=True)
    assert "甲公司" not in client.get("/alliances/nev?sector=university").get_data(
        as_text=True)
    MembershipFactory(alliance=nev, status=MembershipStatus.ACTIVE,
                      organization__name_zh="乙公司")
    page = client.get("/alliances/nev").get_data(as_text=True)
    assert "甲公司" in page and "乙公司" in page
    assert "乙公司" in client.get("/alliances/nev?q=乙").get_data(as_text=True)
    memberships.withdraw_membership(OrgAdminFactory(organization=firm.organization), firm)
    db.session.commit()
    assert "甲公司" not in client.get("/alliances/nev").get_data(as_text=True)
