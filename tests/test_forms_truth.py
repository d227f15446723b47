"""What a form says is what the server does."""

import re

from alliance.models import OrgStatus

from .factories import AdminFactory, OrgAdminFactory, OrganizationFactory


def _uscc_input(page: str) -> str:
    return re.search(r'<input[^>]*name="uscc"[^>]*>', page).group(0)


def test_approved_org_admin_sees_a_fixed_uscc_and_changes_are_ignored(client, db, login):
    admin = OrgAdminFactory()
    org = admin.organization
    login(admin)
    page = client.get(f"/organisations/{org.id}/edit").get_data(as_text=True)
    assert "readonly" in _uscc_input(page)
    assert "注册获批后不可自行修改" in page
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": "别的名字", "uscc": "91330100799655058B", "sector": "enterprise",
        "region": "吉林市"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.region == "吉林市"  # the rest is saved
    assert org.name_zh != "别的名字" and org.uscc != "91330100799655058B"


def test_pending_registration_may_correct_its_uscc_and_says_so(client, db, login):
    admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    org = admin.organization
    login(admin)
    page = client.get(f"/organisations/{org.id}/edit").get_data(as_text=True)
    assert "readonly" not in _uscc_input(page)
    assert "注册获批前，您可以更正中文名称和统一社会信用代码" in page
    assert "不可自行修改" not in page
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": org.name_zh, "uscc": "9133 0100 7996 5505 8b", "sector": "enterprise"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.uscc == "91330100799655058B"


def test_platform_admin_may_correct_an_approved_organisations_identity(client, db, login):
    org = OrganizationFactory()
    login(AdminFactory())
    page = client.get(f"/organisations/{org.id}/edit").get_data(as_text=True)
    assert "readonly" not in _uscc_input(page)
    assert "作为平台管理员，您可以更正已获批机构" in page
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": "更正后的名称", "uscc": "91330100799655058B", "sector": "enterprise"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert (org.name_zh, org.uscc) == ("更正后的名称", "91330100799655058B")


def test_a_failed_registration_decision_stays_on_its_tab_and_card(client, db, login):
    org = OrganizationFactory(status=OrgStatus.PENDING)
    login(AdminFactory())
    page = client.get("/admin/").get_data(as_text=True)
    assert f'action="/admin/organisations/{org.id}/decide#org-{org.id}"' in page
    assert f'id="org-{org.id}"' in page
    failed = client.post(f"/admin/organisations/{org.id}/decide", data={
        "reject": "1", "reason": "", "reviewed_name": org.name_zh, "reviewed_uscc": org.uscc})
    assert failed.status_code == 400
    body = failed.get_data(as_text=True)
    tabs = body[body.index('class="nav nav-tabs'):]
    active = re.search(r'<a class="nav-link active"[^>]*>([^<]+)</a>', tabs)
    assert active and active.group(1) == "注册申请"
    assert "请填写驳回理由。" in body


def test_a_failed_join_decision_returns_to_its_card(client, db, login, alliance):
    from .factories import MembershipFactory

    membership = MembershipFactory(alliance=alliance)
    login(AdminFactory())
    failed = client.post(f"/alliances/memberships/{membership.id}/decide",
                         data={"reject": "1", "reason": ""})
    assert failed.status_code == 400
    body = failed.get_data(as_text=True)
    assert f'id="membership-{membership.id}"' in body
    assert f'#membership-{membership.id}"' in body
