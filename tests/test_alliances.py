"""Alliance pages, join requests and coordinators' decisions."""

import pytest

from alliance.models import AuditEvent, Membership, MembershipRole, MembershipStatus, Sector
from alliance.services import Conflict, ServiceError
from alliance.services.directory import alliance_by_code
from alliance.services.memberships import decide_membership, request_membership

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    UserFactory,
    make_coordinator,
)

DEACTIVATE = {"active": "0", "confirm": "yes"}
DEMOTE = {"role": "member", "confirm": "yes"}


def memberships(db):
    return list(db.session.scalars(db.select(Membership)))


def test_alliance_index_counts_active_members_by_sector(client, db, alliance):
    MembershipFactory(alliance=alliance, status=MembershipStatus.ACTIVE,
                      organization__sector=Sector.UNIVERSITY)
    MembershipFactory(alliance=alliance, status=MembershipStatus.ACTIVE)
    MembershipFactory(alliance=alliance, status=MembershipStatus.PENDING)
    response = client.get("/api/alliances")
    nev = next(a for a in response.json["alliances"] if a["code"] == "nev")
    assert nev["members"] == 2
    assert nev["members_by_sector"]["university"] == 1
    assert nev["members_by_sector"]["enterprise"] == 1
    page = client.get("/alliances/")
    assert page.status_code == 200
    assert "新能源汽车" in page.get_data(as_text=True)


def test_alliance_page_lists_members(client, db, alliance):
    membership = MembershipFactory(alliance=alliance, status=MembershipStatus.ACTIVE)
    pending = MembershipFactory(alliance=alliance, status=MembershipStatus.PENDING)
    page = client.get("/alliances/nev").get_data(as_text=True)
    assert membership.organization.name_zh in page
    assert pending.organization.name_zh not in page


def test_unknown_alliance_is_404(client):
    assert client.get("/alliances/no-such-alliance").status_code == 404
    assert client.get("/api/alliances/no-such-alliance").status_code == 404


def test_bad_sector_filter_is_400(client):
    response = client.get("/alliances/nev?sector=pirates")
    assert response.status_code == 400
    assert "未知的机构类别。" in response.get_data(as_text=True)


def test_join_request_and_approval(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    coordinator = make_coordinator(alliance)
    login(org_admin)
    response = client.post("/alliances/nev/join", data={"role": "member", "message": "请批准"})
    assert response.status_code == 302
    [membership] = memberships(db)
    assert membership.status is MembershipStatus.PENDING
    assert membership.requested_by_id == org_admin.id
    client.post("/auth/logout")

    login(coordinator)
    page = client.get("/alliances/nev/requests")
    assert page.status_code == 200 and org_admin.organization.name_zh in page.get_data(as_text=True)
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y", "reason": ""})
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.ACTIVE
    assert membership.decided_by_id == coordinator.id and membership.decided_at is not None
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert "membership.requested" in actions and "membership.approved" in actions


def test_reject_needs_reason(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "  "})
    assert response.status_code == 400
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": "材料不全"})
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.REJECTED
    assert membership.decision_reason == "材料不全"


def test_join_twice_is_refused(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    login(org_admin)
    client.post("/alliances/nev/join", data=DEMOTE)
    response = client.post("/alliances/nev/join", data=DEMOTE)
    assert response.status_code == 409
    assert len(memberships(db)) == 1


def test_join_when_already_member_is_refused(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    MembershipFactory(alliance=alliance, organization=org_admin.organization,
                      status=MembershipStatus.ACTIVE)
    login(org_admin)
    response = client.post("/alliances/nev/join", data=DEMOTE)
    assert response.status_code == 409
    assert len(memberships(db)) == 1


def test_plain_member_cannot_ask_to_join(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    member = UserFactory(organization=org_admin.organization)
    login(member)
    assert client.post("/alliances/nev/join", data=DEMOTE).status_code == 403
    assert memberships(db) == []


def test_pending_organisation_cannot_ask_to_join(client, db, login, alliance):
    from alliance.models import OrgStatus

    org_admin = OrgAdminFactory(organization__status=OrgStatus.PENDING)
    login(org_admin)
    response = client.post("/alliances/nev/join", data=DEMOTE)
    assert response.status_code == 403
    assert "只有已通过审核的机构的管理员才能申请入盟。" in response.get_data(as_text=True)
    assert memberships(db) == []


def test_anonymous_join_redirects_to_login(client, db):
    response = client.post("/alliances/nev/join", data=DEMOTE)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_bad_role_in_join_request(client, db, login, alliance):
    login(OrgAdminFactory())
    response = client.post("/alliances/nev/join", data={"role": "emperor"})
    assert response.status_code == 400
    assert memberships(db) == []


def test_coordinator_of_other_alliance_cannot_decide(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance)
    other = make_coordinator(alliance_by_code("culture"))
    login(other)
    assert client.get("/alliances/nev/requests").status_code == 403
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y"})
    assert response.status_code == 404  # another alliance's pending request is not shown
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING


def test_org_admin_cannot_approve_own_request(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(org_admin)
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y"})
    assert response.status_code == 403
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING


def test_platform_admin_can_decide_any_alliance(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance)
    login(AdminFactory())
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y"})
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.ACTIVE


def test_second_decision_conflicts(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance, status=MembershipStatus.REJECTED)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y"})
    assert response.status_code == 409
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.REJECTED


def test_decision_on_stale_object_cannot_overwrite(db, alliance):
    """Another request decides while this one holds a stale copy: this decision must fail."""
    membership = MembershipFactory(alliance=alliance)
    first, second = make_coordinator(alliance), make_coordinator(alliance)
    assert membership.status is MembershipStatus.PENDING  # loaded, as a form would see it
    with db.engine.begin() as other_request:
        other_request.execute(
            db.update(Membership).where(Membership.id == membership.id)
            .values(status=MembershipStatus.ACTIVE, decided_by_id=first.id)
        )
    with pytest.raises(Conflict):
        decide_membership(second, membership, approve=False, reason="too late")
    db.session.rollback()
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.ACTIVE
    assert membership.decided_by_id == first.id


def test_database_refuses_two_open_requests(db, alliance):
    org = OrganizationFactory()
    db.session.add(Membership(organization=org, alliance=alliance))
    db.session.commit()
    db.session.add(Membership(organization=org, alliance=alliance))
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_rejoin_after_rejection_is_allowed(db, alliance):
    org_admin = OrgAdminFactory()
    MembershipFactory(alliance=alliance, organization=org_admin.organization,
                      status=MembershipStatus.REJECTED)
    membership = request_membership(org_admin, org_admin.organization, alliance,
                                    MembershipRole.OBSERVER)
    db.session.commit()
    assert membership.status is MembershipStatus.PENDING


def test_withdraw_and_leave(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization,
                                   status=MembershipStatus.ACTIVE)
    login(org_admin)
    response = client.post(f"/alliances/memberships/{membership.id}/withdraw",
                           data={"confirm": "yes"})
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.LEFT


def test_other_org_cannot_withdraw(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance, status=MembershipStatus.ACTIVE)
    login(OrgAdminFactory())
    response = client.post(f"/alliances/memberships/{membership.id}/withdraw",
                           data={"confirm": "yes"})
    assert response.status_code == 403
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.ACTIVE


def test_service_refuses_non_admin(db, alliance):
    member = UserFactory(organization=OrganizationFactory())
    with pytest.raises(ServiceError) as info:
        request_membership(member, member.organization, alliance)
    assert info.value.status == 403


def test_decision_must_choose_approve_or_reject(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance)
    login(make_coordinator(alliance))
    url = f"/alliances/memberships/{membership.id}/decide"
    assert client.post(url, data={"reason": "x"}).status_code == 400
    assert client.post(url, data={"approve": "y", "reject": "y", "reason": "x"}).status_code == 400
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING


def test_decide_unknown_membership_is_404(client, db, login, alliance):
    login(make_coordinator(alliance))
    assert client.post("/alliances/memberships/999999/decide",
                       data={"approve": "y"}).status_code == 404


def test_coordinator_cannot_decide_own_organisations_request(client, db, login, alliance):
    coordinator = make_coordinator(alliance, organization=OrganizationFactory())
    membership = MembershipFactory(alliance=alliance, organization=coordinator.organization)
    login(coordinator)
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"approve": "y"})
    assert response.status_code == 403
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING


def test_rejection_without_reason_is_shown_beside_the_field(client, db, login, alliance):
    membership = MembershipFactory(alliance=alliance)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide",
                           data={"reject": "y", "reason": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="reason-{membership.id}"' in page and "is-invalid" in page
    assert "请填写驳回理由" in page


def test_withdrawing_a_pending_request_says_so(client, db, login, alliance):
    org_admin = OrgAdminFactory()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(org_admin)
    response = client.post(f"/alliances/memberships/{membership.id}/withdraw",
                           data={"confirm": "yes"}, follow_redirects=True)
    assert "撤回" in response.get_data(as_text=True)
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.LEFT
