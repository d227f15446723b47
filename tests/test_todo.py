"""The home page's to-do box, and the decided requests and registrations kept in view."""

from datetime import timedelta

from flask_babel import force_locale

from alliance.models import MembershipStatus, OrgStatus
from alliance.models.types import utcnow
from alliance.services.directory import alliance_by_code
from alliance.services.todo import todo_for

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    UserFactory,
    make_coordinator,
)


def _texts(user):
    with force_locale("en"):
        return [(item.text, item.detail, item.action) for item in todo_for(user)]


def test_an_org_admin_sees_pending_and_recently_rejected_requests(app, db):
    with app.test_request_context():
        admin = OrgAdminFactory()
        MembershipFactory(organization=admin.organization, alliance=alliance_by_code("nev"))
        MembershipFactory(organization=admin.organization, alliance=alliance_by_code("culture"),
                          status=MembershipStatus.REJECTED, decision_reason="材料不全",
                          decided_at=utcnow() - timedelta(days=3))
        MembershipFactory(organization=admin.organization, alliance=alliance_by_code("tourism"),
                          status=MembershipStatus.REJECTED, decision_reason="old",
                          decided_at=utcnow() - timedelta(days=400))
        texts = _texts(admin)
        assert ("Your request to join New-energy vehicles is waiting for a decision", "",
                False) in texts
        assert ("Your request to join Culture was rejected", "材料不全", True) in texts
        assert len(texts) == 2  # the old rejection is no longer a to-do


def test_a_rejected_registration_is_a_to_do_with_its_reason(app, db):
    with app.test_request_context():
        admin = OrgAdminFactory(organization__status=OrgStatus.REJECTED,
                                organization__decision_reason="营业执照不清晰")
        [(text, detail, action)] = _texts(admin)
        assert "was rejected" in text and detail == "营业执照不清晰" and action


def test_a_coordinator_counts_only_what_they_may_decide(app, db):
    with app.test_request_context():
        nev = alliance_by_code("nev")
        coordinator = make_coordinator(nev, organization=OrganizationFactory())
        MembershipFactory(alliance=nev)
        MembershipFactory(alliance=nev)
        MembershipFactory(alliance=nev, organization=coordinator.organization)  # own: not theirs
        assert _texts(coordinator) == [
            ("2 join requests to decide in New-energy vehicles", "", True)]


def test_a_platform_admin_gets_registrations_and_requests_nobody_else_can_decide(app, db):
    with app.test_request_context():
        OrganizationFactory(status=OrgStatus.PENDING)
        nev, culture = alliance_by_code("nev"), alliance_by_code("culture")
        make_coordinator(nev)
        MembershipFactory(alliance=nev)  # its coordinator decides
        orphan = MembershipFactory(alliance=culture, organization__name_en="Orphan Co")
        texts = _texts(AdminFactory())
        assert texts[0] == ("1 registrations to decide", "", True)
        assert ("Join request of Orphan Co to Culture",
                "Only a platform administrator can decide it.", True) in texts
        assert len(texts) == 2 and orphan.status is MembershipStatus.PENDING


def test_the_home_page_shows_the_box(client, db, login):
    member = UserFactory(organization=OrgAdminFactory().organization)
    login(member)
    page = client.get("/").get_data(as_text=True)
    assert "我的待办" in page and "本机构的注册和入盟申请由机构管理员办理" in page


def test_the_home_page_lists_a_coordinators_requests_with_a_link(client, db, login):
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev)
    MembershipFactory(alliance=nev)
    login(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert "新能源汽车有 1 项入盟申请待审批" in page
    assert 'href="/alliances/nev/requests"' in page


def test_decided_requests_stay_in_view_with_who_decided_and_why(client, db, login):
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev, name="秘书处李")
    membership = MembershipFactory(alliance=nev, organization__name_zh="被驳回的公司")
    login(coordinator)
    client.post(f"/alliances/memberships/{membership.id}/decide",
                data={"reject": "1", "reason": "不属于本产业"})
    page = client.get("/alliances/nev/requests").get_data(as_text=True)
    decided = page[page.index('id="decided"'):]
    assert "被驳回的公司" in decided and "不属于本产业" in decided and "秘书处李" in decided


def test_decided_registrations_stay_in_view(client, db, login):
    admin = AdminFactory(name="省局管理员")
    org = OrganizationFactory(status=OrgStatus.PENDING, name_zh="待审机构")
    login(admin)
    client.post(f"/admin/organisations/{org.id}/decide", data={
        "reject": "1", "reason": "代码错误", "reviewed_name": org.name_zh,
        "reviewed_uscc": org.uscc})
    page = client.get("/admin/").get_data(as_text=True)
    decided = page[page.index('id="decided"'):]
    assert "待审机构" in decided and "代码错误" in decided and "省局管理员" in decided
