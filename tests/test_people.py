"""Organisation admins manage their colleagues; an organisation keeps one active admin."""

from alliance.models import AuditEvent, Role

from .factories import PASSWORD, AdminFactory, OrgAdminFactory, UserFactory

DEACTIVATE = {"active": "0", "confirm": "yes"}
DEMOTE = {"role": "member", "confirm": "yes"}


def test_admin_promotes_and_demotes_a_colleague(client, db, login):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/role"
    assert client.post(url, data={"role": "org_admin"}).status_code == 302
    db.session.refresh(colleague)
    assert colleague.role is Role.ORG_ADMIN
    assert client.post(url, data=DEMOTE).status_code == 302
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
    assert client.post(url, data=DEACTIVATE).status_code == 302
    other = app.test_client()
    response = other.post("/auth/login", data={"email": colleague.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "请联系本机构管理员" in response.get_data(as_text=True)
    assert client.post(url, data={"active": "1"}).status_code == 302
    db.session.refresh(colleague)
    assert colleague.active


def test_platform_admin_may_deactivate_the_last_admin_with_a_warning(client, db, login):
    only_admin = OrgAdminFactory()
    login(AdminFactory())
    response = client.post(f"/admin/users/{only_admin.id}/active", data=DEACTIVATE,
                           follow_redirects=True)
    assert response.status_code == 200
    assert "没有在用的机构管理员" in response.get_data(as_text=True)
    db.session.refresh(only_admin)
    assert not only_admin.active and only_admin.locked_by_platform


def test_org_admin_cannot_reactivate_a_platform_deactivation(client, db, login):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization)
    from alliance.services.people import set_user_active

    set_user_active(AdminFactory(), colleague, False)
    db.session.commit()
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/active"
    assert client.post(url, data={"active": "1"}).status_code == 403
    db.session.refresh(colleague)
    assert not colleague.active


def test_losing_invite_rights_revokes_open_links_for_good(client, db, login):
    from alliance.models import Invitation
    from alliance.services.invitations import invite

    first = OrgAdminFactory()
    second = UserFactory(organization=first.organization, role=Role.ORG_ADMIN)
    invitation, token = invite(second, first.organization, Role.MEMBER, "", 7)
    db.session.commit()
    login(first)
    base = f"/organisations/{first.organization_id}/people/{second.id}/role"
    client.post(base, data=DEMOTE)
    client.post(base, data={"role": "org_admin"})  # restored, but the old link stays dead
    db.session.refresh(invitation)
    assert invitation.revoked_at is not None
    client.post("/auth/logout")
    assert client.get(f"/auth/join/{token}").status_code == 410
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 1


def test_one_of_two_admins_can_be_demoted(client, db, login):
    first = OrgAdminFactory()
    second = UserFactory(organization=first.organization, role=Role.ORG_ADMIN)
    login(first)
    url = f"/organisations/{first.organization_id}/people/{second.id}/role"
    assert client.post(url, data=DEMOTE).status_code == 302
    db.session.refresh(second)
    assert second.role is Role.MEMBER


def test_cannot_change_yourself(client, db, login):
    admin = OrgAdminFactory()
    UserFactory(organization=admin.organization, role=Role.ORG_ADMIN)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{admin.id}/active"
    assert client.post(url, data=DEACTIVATE).status_code == 403
    db.session.refresh(admin)
    assert admin.active


def test_member_and_other_orgs_cannot_manage_people(client, db, login):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    colleague = UserFactory(organization=admin.organization)
    login(member)
    url = f"/organisations/{admin.organization_id}/people/{colleague.id}/active"
    # the people of an organisation are hidden from all but its admins: 404, like any
    # hidden object, whether or not the person exists
    assert client.post(url, data=DEACTIVATE).status_code == 404
    client.post("/auth/logout")
    login(OrgAdminFactory())
    assert client.post(url, data=DEACTIVATE).status_code == 404
    db.session.refresh(colleague)
    assert colleague.active


def test_person_of_another_org_is_404(client, db, login):
    admin = OrgAdminFactory()
    stranger = UserFactory(organization=OrgAdminFactory().organization)
    login(admin)
    url = f"/organisations/{admin.organization_id}/people/{stranger.id}/active"
    assert client.post(url, data=DEACTIVATE).status_code == 404
    db.session.refresh(stranger)
    assert stranger.active


def test_changeable_ids_follow_the_rules(db):
    from alliance.services.people import changeable_ids

    admin = OrgAdminFactory()
    org = admin.organization
    member = UserFactory(organization=org)
    platform = AdminFactory()
    assert changeable_ids(admin, org) == {member.id}  # not self; the last admin is kept
    assert changeable_ids(platform, org) == {admin.id, member.id}
    assert changeable_ids(member, org) == set()
    assert changeable_ids(OrgAdminFactory(), org) == set()
