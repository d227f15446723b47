"""A platform administrator invites a person without an account to coordinate an alliance:
an invitation bound to the email, mailed; on acceptance an account without organisation and
an appointment."""

import pytest
from sqlalchemy.exc import IntegrityError

from alliance.extensions import db as _db
from alliance.models import AuditEvent, Coordinatorship, Invitation, Role, User
from alliance.models.users import AnonymousUser
from alliance.services import ServiceError
from alliance.services.directory import alliance_by_code
from alliance.services.invitations import invite, invite_coordinator

from .factories import AdminFactory, OrgAdminFactory, UserFactory

NEW_PERSON = {"name": "刘秘书", "password": "long-enough-password",
              "confirm": "long-enough-password"}


def invite_by_form(client, email="secretariat@example.org", alliance="biomedicine"):
    return client.post("/admin/coordinators", data={"email": email, "alliance": alliance})


def coordinator_invitation(admin, email="secretariat@example.org", code="biomedicine"):
    invitation, token = invite_coordinator(admin, email, alliance_by_code(code), 14)
    _db.session.commit()
    return invitation, token


def test_admin_invites_unknown_email_and_the_link_is_mailed(client, db, login, mailbox):
    admin = AdminFactory(name="省办管理员")
    login(admin)
    response = invite_by_form(client)
    assert response.status_code == 200
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.organization_id is None
    assert invitation.alliance.code == "biomedicine" and invitation.role is Role.MEMBER
    assert invitation.email == "secretariat@example.org"
    [mail] = mailbox.to("secretariat@example.org")
    assert mail.subject == "邀请您担任生物医药产业知识产权联盟协调员"
    assert "省办管理员" in mail.body
    link = mail.link("/auth/join/")
    page = response.get_data(as_text=True)
    assert link in page and "链接仅在下方显示一次" in page
    assert "已发送邮件通知：secretariat@example.org" in page
    assert "secretariat@example.org" in client.get("/admin/coordinators").get_data(as_text=True)
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="invitation.created"))
    assert event.after["alliance_id"] == invitation.alliance_id


def test_accepting_creates_account_without_organisation_and_appointment(client, db, mailbox):
    admin = AdminFactory()
    invitation, token = coordinator_invitation(admin)
    page = client.get(f"/auth/join/{token}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "担任生物医药产业知识产权联盟协调员" in text and "不隶属于任何机构" in text
    assert 'value="secretariat@example.org"' in text
    response = client.post(f"/auth/join/{token}",
                           data={**NEW_PERSON, "email": "Secretariat@example.org"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/alliances/biomedicine/requests")
    user = User.find_by_email("secretariat@example.org")
    assert user.role is Role.MEMBER and user.organization_id is None
    [appointment] = user.coordinatorships
    assert appointment.active and appointment.alliance.code == "biomedicine"
    assert appointment.appointed_by_id == admin.id
    assert str(user.role_label) == "联盟协调员"
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-3:] == ["invitation.accepted", "user.registered", "coordinator.appointed"]
    assert client.get("/alliances/biomedicine/requests").status_code == 200
    db.session.refresh(invitation)
    assert invitation.accepted_by_id == user.id
    client.post("/auth/logout")
    assert client.get(f"/auth/join/{token}").status_code == 410


def test_coordinator_invitation_cannot_be_used_by_another_email(client, db):
    invitation, token = coordinator_invitation(AdminFactory())
    response = client.post(f"/auth/join/{token}", data={**NEW_PERSON,
                                                        "email": "someone.else@example.org"})
    assert response.status_code == 302  # the posted address is ignored
    assert User.find_by_email("someone.else@example.org") is None
    appointment = db.session.scalar(db.select(Coordinatorship))
    assert appointment.user.email == invitation.email


def test_existing_account_is_appointed_at_once_without_invitation(client, db, login, mailbox):
    person = UserFactory(email="known@example.org")
    login(AdminFactory())
    response = invite_by_form(client, email="known@example.org")
    assert response.status_code == 302
    assert [a.code for a in person.coordinated_alliances()] == ["biomedicine"]
    assert db.session.scalar(db.select(Invitation)) is None


def test_org_admin_cannot_create_or_see_coordinator_invitations(client, db, login):
    invitation, _token = coordinator_invitation(AdminFactory())
    org_admin = OrgAdminFactory()
    login(org_admin)
    assert invite_by_form(client, email="other@example.org").status_code == 403
    assert client.post(f"/organisations/invitations/{invitation.id}/revoke").status_code == 404
    listing = client.get(f"/organisations/{org_admin.organization_id}/invitations")
    assert "secretariat@example.org" not in listing.get_data(as_text=True)
    assert client.post(f"/admin/coordinators/invitations/{invitation.id}/revoke",
                       data={"confirm": "yes"}).status_code == 403
    db.session.refresh(invitation)
    assert invitation.revoked_at is None
    with pytest.raises(ServiceError) as refused:
        invite_coordinator(org_admin, "x@example.org", alliance_by_code("nev"), 14)
    assert refused.value.status == 403


def test_permissions_of_both_kinds(db):
    admin = AdminFactory()
    org_admin = OrgAdminFactory()
    outsider = OrgAdminFactory()
    member = UserFactory(organization=org_admin.organization)
    coordination, _token = coordinator_invitation(admin)
    colleague, _token = invite(org_admin, org_admin.organization, Role.MEMBER, "", 14)
    db.session.commit()
    anonymous = AnonymousUser()
    assert coordination.can_view(admin) and coordination.can_revoke(admin)
    for user in (org_admin, outsider, member, anonymous):
        assert not coordination.can_view(user) and not coordination.can_revoke(user)
    assert colleague.can_view(org_admin) and colleague.can_revoke(org_admin)
    assert colleague.can_view(admin) and colleague.can_revoke(admin)
    for user in (outsider, member, anonymous):
        assert not colleague.can_view(user) and not colleague.can_revoke(user)
    assert coordination.is_usable and colleague.is_usable


def test_platform_admin_revokes_a_coordinator_invitation(client, db, login):
    admin = AdminFactory()
    invitation, token = coordinator_invitation(admin)
    login(admin)
    url = f"/admin/coordinators/invitations/{invitation.id}/revoke"
    assert client.post(url).status_code == 400  # not confirmed: nothing happens
    db.session.refresh(invitation)
    assert invitation.revoked_at is None
    assert "secretariat@example.org" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"confirm": "yes"}).status_code == 302
    assert client.post(url, data={"confirm": "yes"}).status_code == 409
    db.session.refresh(invitation)
    assert invitation.revoked_at is not None and not invitation.can_revoke(admin)
    client.post("/auth/logout")
    assert client.get(f"/auth/join/{token}").status_code == 410


def test_org_invitation_is_not_revoked_on_the_coordinators_route(client, db, login):
    org_admin = OrgAdminFactory()
    invitation, _token = invite(org_admin, org_admin.organization, Role.MEMBER, "", 14)
    db.session.commit()
    login(AdminFactory())
    assert client.post(f"/admin/coordinators/invitations/{invitation.id}/revoke",
                       data={"confirm": "yes"}).status_code == 404


def test_link_dies_when_its_creator_stops_being_platform_admin(client, db, login):
    creator = AdminFactory()
    invitation, token = coordinator_invitation(creator)
    creator.role = Role.MEMBER  # however it happens, the right is gone
    db.session.commit()
    assert not invitation.is_usable
    assert client.get(f"/auth/join/{token}").status_code == 410
    creator.role = Role.PLATFORM_ADMIN
    db.session.commit()
    assert invitation.is_usable


def test_deactivating_the_creator_revokes_the_link_for_good(client, db, login):
    creator = AdminFactory()
    invitation, token = coordinator_invitation(creator)
    login(AdminFactory())
    assert client.post(f"/admin/users/{creator.id}/active", data={"active": "0", "confirm": "yes"}
                       ).status_code == 302
    assert client.post(f"/admin/users/{creator.id}/active", data={"active": "1"}
                       ).status_code == 302
    db.session.refresh(invitation)
    assert invitation.revoked_at is not None
    client.post("/auth/logout")
    assert client.get(f"/auth/join/{token}").status_code == 410


def test_second_open_invitation_for_the_same_email_is_refused(client, db, login):
    admin = AdminFactory()
    coordinator_invitation(admin)
    login(admin)
    response = invite_by_form(client, email="SECRETARIAT@example.org")
    assert response.status_code == 409
    assert "该电子邮箱已有一条有效邀请" in response.get_data(as_text=True)
    assert invite_by_form(client, alliance="nev").status_code == 200  # another alliance
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 2


def test_bad_input_is_refused(client, db, login):
    login(AdminFactory())
    assert invite_by_form(client, email="not-an-email").status_code == 400
    assert invite_by_form(client, email="").status_code == 400
    assert invite_by_form(client, alliance="atlantis").status_code == 400
    assert db.session.scalar(db.select(Invitation)) is None
    with pytest.raises(ServiceError):
        invite_coordinator(AdminFactory(), "  ", alliance_by_code("nev"), 14)


def test_database_keeps_one_target_per_invitation(db):
    admin = AdminFactory()
    org_admin = OrgAdminFactory()
    neither = Invitation.issue(None, admin, Role.MEMBER, "a@example.org", 14)[0]
    both = Invitation.issue(org_admin.organization, admin, Role.MEMBER, "b@example.org", 14,
                            alliance=alliance_by_code("nev"))[0]
    no_email = Invitation.issue(None, admin, Role.MEMBER, "", 14,
                                alliance=alliance_by_code("nev"))[0]
    for invitation in (neither, both, no_email):
        db.session.add(invitation)
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_org_invitation_accept_page_names_organisation_and_role(client, db):
    org_admin = OrgAdminFactory(organization__name_zh="吉林某大学")
    _invitation, token = invite(org_admin, org_admin.organization, Role.ORG_ADMIN, "", 14)
    db.session.commit()
    text = client.get(f"/auth/join/{token}").get_data(as_text=True)
    assert "加入吉林某大学" in text and "机构管理员" in text
