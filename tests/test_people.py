"""Organisation admins manage their colleagues; an organisation keeps one active admin."""

from alliance.models import AuditEvent, Role

from .factories import PASSWORD, AdminFactory, OrgAdminFactory, UserFactory


def test_admin_promotes_and_demotes_a_colleague(client, db, login):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/role"
    assert client.post(url, data={"role": "org_admin"}).status_code == 302
    db.session.refresh(colleague)
    assert colleague.role is Role.ORG_ADMIN
    assert client.post(url, data={"role": "member"}).status_code == 302
    db.session.refresh(colleague)
    assert colleague.role is Role.MEMBER
    actions = list(db.session.scalars(db.select(AuditEvent.action)))
    assert actions.count("user.role_changed") == 2


def test_role_must_be_member_or_org_admin(client, db, login):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/role"
    for role in ("platform_admin", "coordinator", ""):
        assert client.post(url, data={"role": role}).status_code == 400
    db.session.refresh(colleague)
    assert colleague.role is Role.MEMBER


def test_admin_deactivates_a_colleague_who_then_cannot_log_in(client, db, login, app):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/active"
    assert client.post(url, data={"active": "maybe"}).status_code == 400
    assert client.post(url, data={"active": "0"}).status_code == 302
    other = app.test_client()
    response = other.post("/auth/login", data={"email": colleague.email, "password": PASSWORD})
    assert response.status_code == 401
    assert client.post(url, data={"active": "1"}).status_code == 302
    db.session.refresh(colleague)
    assert colleague.active


def test_last_admin_cannot_be_removed(client, db, login):
    only_admin = OrgAdminFactory()
    login(AdminFactory())
    base = f"/organisations/{only_admin.organization_id}/people/{only_admin.id}"
    assert client.post(f"{base}/active", data={"active": "0"}).status_code == 409
    assert client.post(f"{base}/role", data={"role": "member"}).status_code == 409
    db.session.refresh(only_admin)
    assert only_admin.active and only_admin.role is Role.ORG_ADMIN


def test_one_of_two_admins_can_be_demoted(client, db, login):
    first = OrgAdminFactory()
    second = UserFactory(organization=first.organization, role=Role.ORG_ADMIN)
    login(first)
    url = f"/organisations/{first.organization_id}/people/{second.id}/role"
    assert client.post(url, data={"role": "member"}).status_code == 302
    db.session.refresh(second)
    assert second.role is Role.MEMBER


def test_cannot_change_yourself(client, db, login):
    admin = OrgAdminFactory()
    UserFactory(organization=admin.organization, role=Role.ORG_ADMIN)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{admin.id}/active"
    assert client.post(url, data={"active": "0"}).status_code == 403
    db.session.refresh(admin)
    assert admin.active


def test_member_and_other_orgs_cannot_manage_people(client, db, login):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    colleague = UserFactory(organization=admin.organization)
    login(member)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/active"
    assert client.post(url, data={"active": "0"}).status_code == 403
    client.post("/auth/logout")
    login(OrgAdminFactory())
    assert client.post(url, data={"active": "0"}).status_code == 403
    db.session.refresh(colleague)
    assert colleague.active


def test_person_of_another_org_is_404(client, db, login):
    admin = OrgAdminFactory()
    stranger = UserFactory(organization=OrgAdminFactory().organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{stranger.id}/active"
    assert client.post(url, data={"active": "0"}).status_code == 404
    db.session.refresh(stranger)
    assert stranger.active
