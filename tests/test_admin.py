"""Platform administration: registrations, coordinators, accounts, audit trail."""

from alliance.models import AuditEvent, Coordinatorship, OrgStatus, Role
from alliance.services.directory import alliance_by_code

from .factories import PASSWORD, AdminFactory, OrgAdminFactory, UserFactory, make_coordinator

DEACTIVATE = {"active": "0", "confirm": "yes"}
DEMOTE = {"role": "member", "confirm": "yes"}


def decision(org, data: dict) -> dict:
    """A decision form as the dashboard renders it for ``org``."""
    return {"reviewed_name": org.name_zh, "reviewed_uscc": org.uscc or "", **data}


def test_admin_pages_need_platform_admin(client, db, login):
    for path in ("/admin/", "/admin/coordinators", "/admin/users", "/admin/audit"):
        assert client.get(path).status_code == 302  # to login
    login(OrgAdminFactory())
    for path in ("/admin/", "/admin/coordinators", "/admin/users", "/admin/audit"):
        assert client.get(path).status_code == 403


def test_admin_approves_registration(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    admin = AdminFactory()
    login(admin)
    assert applicant.organization.name_zh in client.get("/admin/").get_data(as_text=True)
    response = client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                           data=decision(applicant.organization, {"approve": "y"}))
    assert response.status_code == 302
    org = applicant.organization
    db.session.refresh(org)
    assert org.status is OrgStatus.APPROVED and org.decided_by_id == admin.id


def test_admin_rejects_registration_with_reason(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(AdminFactory())
    url = f"/admin/organisations/{applicant.organization_id}/decide"
    org = applicant.organization
    assert client.post(url, data=decision(org, {"reject": "y", "reason": ""})).status_code == 400
    db.session.refresh(applicant.organization)
    assert applicant.organization.status is OrgStatus.PENDING
    rejection = decision(org, {"reject": "y", "reason": "代码与名称不符"})
    assert client.post(url, data=rejection).status_code == 302
    db.session.refresh(applicant.organization)
    assert applicant.organization.status is OrgStatus.REJECTED
    assert client.post(url, data=decision(org, {"approve": "y"})).status_code == 409


def test_coordinator_cannot_approve_registrations(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(make_coordinator(alliance_by_code("nev")))
    response = client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                           data=decision(applicant.organization, {"approve": "y"}))
    assert response.status_code == 403
    db.session.refresh(applicant.organization)
    assert applicant.organization.status is OrgStatus.PENDING


def test_appoint_and_revoke_coordinator(client, db, login):
    person = UserFactory(email="secretariat@example.org")
    login(AdminFactory())
    response = client.post("/admin/coordinators", data={
        "email": "Secretariat@Example.org", "alliance": "biomedicine"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.role is Role.MEMBER  # the stored role is untouched: coordinating is derived
    assert str(person.role_label) == "联盟协调员"
    assert [a.code for a in person.coordinated_alliances()] == ["biomedicine"]
    assert alliance_by_code("biomedicine").can_manage(person)
    assert not alliance_by_code("nev").can_manage(person)
    again = client.post("/admin/coordinators", data={
        "email": "secretariat@example.org", "alliance": "biomedicine"})
    assert again.status_code == 409
    coordinatorship = db.session.scalar(db.select(Coordinatorship))
    assert client.post(f"/admin/coordinators/{coordinatorship.id}/revoke",
                       data={"confirm": "yes"}).status_code == 302
    db.session.refresh(person)
    assert person.coordinated_alliances() == []
    assert not alliance_by_code("biomedicine").can_manage(person)


def test_appoint_unknown_alliance(client, db, login):
    login(AdminFactory())
    UserFactory(email="someone@example.org")
    assert client.post("/admin/coordinators", data={
        "email": "someone@example.org", "alliance": "atlantis"}).status_code == 400
    assert db.session.scalar(db.select(Coordinatorship)) is None


def test_deactivate_account_blocks_login(client, db, login):
    user = UserFactory()
    admin = AdminFactory()
    login(admin)
    assert client.post(f"/admin/users/{user.id}/active", data=DEACTIVATE).status_code == 302
    assert client.post(f"/admin/users/{admin.id}/active", data=DEACTIVATE).status_code == 403
    client.post("/auth/logout")
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "该账号已停用" in response.get_data(as_text=True)
    assert client.get("/auth/password").status_code == 302  # not logged in


def test_audit_page_shows_events_readably(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING,
                                organization__name_zh="长春某研究所")
    login(AdminFactory())
    client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                           data=decision(applicant.organization, {"approve": "y"}))
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "批准注册" in page  # organization.approved, translated
    assert "状态：</span> 待审核 → 已批准" in page  # the change, in words
    filtered = client.get("/admin/audit?type=organization").get_data(as_text=True)
    assert "批准注册" in filtered
    assert "批准注册" not in client.get("/admin/audit?type=user").get_data(as_text=True)


def test_set_active_needs_a_clear_flag(client, db, login):
    user = UserFactory()
    login(AdminFactory())
    assert client.post(f"/admin/users/{user.id}/active", data={"active": "yes"}).status_code == 400
    db.session.refresh(user)
    assert user.active


def test_appointment_keeps_an_org_admin_an_org_admin(db):
    from alliance.services.coordinators import appoint_coordinator, revoke_coordinator

    admin = AdminFactory()
    org_admin = OrgAdminFactory()
    nev = alliance_by_code("nev")
    appointment = appoint_coordinator(admin, org_admin, nev)
    db.session.commit()
    assert org_admin.role is Role.ORG_ADMIN and nev.can_manage(org_admin)
    assert org_admin.organization.can_edit(org_admin)
    revoke_coordinator(admin, appointment)
    db.session.commit()
    assert org_admin.role is Role.ORG_ADMIN and not nev.can_manage(org_admin)
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="coordinator.revoked"))
    assert event.before["active"] is True and event.after["active"] is False
    assert event.after == {"user_id": org_admin.id, "alliance_id": nev.id, "active": False}


def test_being_a_coordinator_follows_the_appointment(db):
    from alliance.services.coordinators import appoint_coordinator, revoke_coordinator

    admin = AdminFactory()
    person = UserFactory()
    culture = alliance_by_code("culture")
    assert str(person.role_label) == "成员" and not culture.can_manage(person)
    appointment = appoint_coordinator(admin, person, culture)
    assert person.role is Role.MEMBER
    assert str(person.role_label) == "联盟协调员" and culture.can_manage(person)
    revoke_coordinator(admin, appointment)
    assert person.role is Role.MEMBER and str(person.role_label) == "成员"
    assert not culture.can_manage(person)
    db.session.commit()


def test_platform_admin_is_never_appointed(client, db, login):
    other_admin = AdminFactory()
    login(AdminFactory())
    response = client.post("/admin/coordinators", data={"email": other_admin.email,
                                                        "alliance": "nev"})
    assert response.status_code == 400
    db.session.refresh(other_admin)
    assert other_admin.role is Role.PLATFORM_ADMIN


def test_overlong_rejection_reason_is_shown_beside_field(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(AdminFactory())
    response = client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                           data=decision(applicant.organization,
                                         {"reject": "y", "reason": "x" * 2001}))
    assert response.status_code == 400
    assert "is-invalid" in response.get_data(as_text=True)


def test_every_audited_action_has_a_label():
    """Every action name written to the audit trail is shown in words, not as a code."""
    import re
    from pathlib import Path

    from alliance.blueprints.admin.labels import ACTION_LABELS

    source = "\n".join(p.read_text() for p in Path("alliance").rglob("*.py"))
    pattern = r'"((?:user|membership|organization|invitation|coordinator|demo)\.[a-z_]+)"'
    recorded = {name for name in re.findall(pattern, source) if not name.endswith(".id")}
    assert {"membership.approved", "organization.resubmitted", "demo.loaded"} <= recorded
    assert sorted(recorded - set(ACTION_LABELS)) == []


def test_decision_refused_when_registration_changed_under_review(client, db, login):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(AdminFactory())
    seen = decision(applicant.organization, {"approve": "y"})
    applicant.organization.name_zh = "审核期间改名"
    db.session.commit()
    response = client.post(f"/admin/organisations/{applicant.organization_id}/decide", data=seen)
    assert response.status_code == 409
    db.session.refresh(applicant.organization)
    assert applicant.organization.status is OrgStatus.PENDING


def test_readable_changes_in_words(app):
    from types import SimpleNamespace

    from alliance.blueprints.admin.labels import readable_changes

    with app.test_request_context("/?lang=en"):
        changed = SimpleNamespace(object_type="membership",
                                  before={"status": "pending", "role": "lead", "alliance_id": 3},
                                  after={"status": "active", "role": "lead", "alliance_id": 3})
        assert [(str(f), str(o), str(n)) for f, o, n in readable_changes(changed)] == [
            ("Status", "Pending", "Active")]
        created = SimpleNamespace(object_type="user", before=None,
                                  after={"active": True, "role": "org_admin"})
        assert [(str(f), o, str(n)) for f, o, n in readable_changes(created)] == [
            ("Account can log in", None, "yes"), ("Role", None, "Organisation administrator")]
