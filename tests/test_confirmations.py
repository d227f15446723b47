"""Destructive actions take two steps: a page that names the object, then a confirmed POST.
A bare POST (a crawler's, a forged form's) answers 400 and changes nothing."""

import pytest

from alliance.models import (
    AuditEvent,
    Coordinatorship,
    Invitation,
    Membership,
    MembershipStatus,
    Role,
    User,
)
from alliance.services.directory import alliance_by_code
from alliance.services.invitations import invite

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    UserFactory,
    make_coordinator,
)


def _audit_count(db):
    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


def _withdraw(db):
    admin = OrgAdminFactory(organization__name_zh="长春应化所")
    membership = MembershipFactory(organization=admin.organization,
                                   alliance=alliance_by_code("nev"),
                                   status=MembershipStatus.ACTIVE)
    return (admin, f"/alliances/memberships/{membership.id}/withdraw", {},
            ["长春应化所", "新能源汽车产业知识产权联盟"],
            lambda: db.session.get(Membership, membership.id).status is MembershipStatus.LEFT)


def _end_coordinator(db):
    person = make_coordinator(alliance_by_code("biomedicine"), name="秘书处张三")
    appointment = db.session.scalar(db.select(Coordinatorship))
    return (AdminFactory(), f"/admin/coordinators/{appointment.id}/revoke", {},
            ["秘书处张三", "生物医药产业知识产权联盟"],
            lambda: not db.session.get(Coordinatorship, appointment.id).active
            and not alliance_by_code("biomedicine").can_manage(person))


def _org_deactivates(db):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization, name="李四",
                            email="lisi@example.org")
    return (admin, f"/organisations/{admin.organization_id}/people/{colleague.id}/active",
            {"active": "0"}, ["李四", "lisi@example.org"],
            lambda: not db.session.get(User, colleague.id).active)


def _platform_deactivates(db):
    person = UserFactory(name="王五", email="wangwu@example.org")
    return (AdminFactory(), f"/admin/users/{person.id}/active", {"active": "0"},
            ["王五", "wangwu@example.org"], lambda: not db.session.get(User, person.id).active)


def _demote(db):
    admin = OrgAdminFactory()
    other = UserFactory(organization=admin.organization, role=Role.ORG_ADMIN, name="赵六")
    return (admin, f"/organisations/{admin.organization_id}/people/{other.id}/role",
            {"role": "member"}, ["赵六"],
            lambda: db.session.get(User, other.id).role is Role.MEMBER)


def _revoke_invitation(db):
    admin = OrgAdminFactory(organization__name_zh="吉林大学测试")
    invitation, _token = invite(admin, admin.organization, Role.MEMBER, "guest@example.org", 7)
    db.session.commit()
    return (admin, f"/organisations/invitations/{invitation.id}/revoke", {},
            ["guest@example.org", "吉林大学测试"],
            lambda: db.session.get(Invitation, invitation.id).revoked_at is not None)


ACTIONS = [_withdraw, _end_coordinator, _org_deactivates, _platform_deactivates, _demote,
           _revoke_invitation]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
def test_a_bare_post_changes_nothing(client, db, login, action):
    actor, url, fields, _names, done = action(db)
    login(actor)
    before = _audit_count(db)
    response = client.post(url, data=fields)
    assert response.status_code == 400
    assert "请先在确认页面上确认此操作。" in response.get_data(as_text=True)
    assert not done() and _audit_count(db) == before


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
def test_the_confirmation_page_names_the_object(client, db, login, action):
    actor, url, _fields, names, done = action(db)
    login(actor)
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for name in names:
        assert name in page
    assert 'name="confirm" value="yes"' in page and "csrf_token" in page
    assert not done()


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
def test_a_confirmed_post_does_it(client, db, login, action):
    actor, url, fields, _names, done = action(db)
    login(actor)
    assert client.post(url, data={**fields, "confirm": "yes"}).status_code == 302
    assert done()


def test_the_confirmation_page_of_a_hidden_object_is_404(client, db, login):
    actor, url, _fields, _names, _done = _revoke_invitation(db)
    login(OrgAdminFactory())
    assert client.get(url).status_code == 404


def test_reactivation_needs_no_second_step(client, db, login):
    person = UserFactory(active=False, locked_by_platform=True)
    login(AdminFactory())
    assert client.post(f"/admin/users/{person.id}/active", data={"active": "1"}).status_code \
        == 302
    db.session.refresh(person)
    assert person.active


def test_deactivating_an_inactive_account_writes_nothing(client, db, login):
    person = UserFactory(active=False)
    login(AdminFactory())
    before = _audit_count(db)
    response = client.post(f"/admin/users/{person.id}/active",
                           data={"active": "0", "confirm": "yes"})
    assert response.status_code == 409
    assert "账号已处于停用状态" in response.get_data(as_text=True)
    assert _audit_count(db) == before


def test_reactivating_an_active_colleague_or_repeating_a_role_writes_nothing(client, db,
                                                                           login):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    login(admin)
    before = _audit_count(db)
    base = f"/organisations/{admin.organization_id}/people/{colleague.id}"
    assert client.post(f"{base}/active", data={"active": "1"}).status_code == 409
    response = client.post(f"{base}/role", data={"role": "member", "confirm": "yes"})
    assert response.status_code == 409
    assert "未作任何更改" in response.get_data(as_text=True)
    assert _audit_count(db) == before


def test_a_coordinator_is_shown_who_decides_their_own_organisations_request(client, db,
                                                                           login):
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev, organization=OrgAdminFactory().organization)
    own = MembershipFactory(alliance=nev, organization=coordinator.organization)
    other = MembershipFactory(alliance=nev)
    login(coordinator)
    page = client.get("/alliances/nev/requests").get_data(as_text=True)
    own_card = page[page.index(f'id="membership-{own.id}"'):]
    own_card = own_card[:own_card.index("</div>\n</div>")]
    assert "平台管理员将审批此申请" in own_card and 'name="approve"' not in own_card
    other_card = page[page.index(f'id="membership-{other.id}"'):]
    assert 'name="approve"' in other_card[:other_card.index("</div>\n</div>")]


def test_switching_to_the_language_already_chosen_writes_nothing(client, db, login):
    user = UserFactory(preferred_language="en")
    login(user)
    before = _audit_count(db)
    assert client.post("/language", data={"language": "en"}).status_code == 302
    assert _audit_count(db) == before
    assert client.post("/language", data={"language": "zh_Hans_CN"}).status_code == 302
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.language_changed"))
    assert event.before == {"preferred_language": "en"}
    assert event.after == {"preferred_language": "zh_Hans_CN"}


def test_an_organisation_edit_that_changes_nothing_writes_nothing(client, db, login):
    admin = OrgAdminFactory()
    org = admin.organization
    login(admin)
    before = _audit_count(db)
    response = client.post(f"/organisations/{org.id}/edit", data={
        "name_zh": org.name_zh, "name_en": org.name_en, "uscc": org.uscc,
        "sector": org.sector.value, "region": org.region})
    assert response.status_code == 302
    assert _audit_count(db) == before
