"""The one transition mechanism every state machine uses, and the labelled enums."""

import pytest
from flask_babel import force_locale
from sqlalchemy.orm.attributes import set_committed_value

from alliance.models import (
    AuditEvent,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrgStatus,
    Role,
    Sector,
)
from alliance.models.types import RichEnum
from alliance.services import Conflict, ServiceError, memberships, organisations, transitions
from alliance.services.directory import alliance_by_code

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    make_coordinator,
)


def _events(db, action):
    return db.session.scalars(db.select(AuditEvent).filter_by(action=action)).all()


def test_transition_moves_the_state_and_audits_it(db):
    org = OrganizationFactory(status=OrgStatus.PENDING)
    admin = AdminFactory()
    transitions.transition(org, Organization.status, [OrgStatus.PENDING], OrgStatus.APPROVED,
                           admin, action="organization.approved", fields=["status"],
                           conflict="already", decided_by_id=admin.id)
    assert org.status is OrgStatus.APPROVED and org.decided_by_id == admin.id
    [event] = _events(db, "organization.approved")
    assert event.actor_id == admin.id and event.object_id == org.id
    assert event.before == {"status": "pending"} and event.after == {"status": "approved"}


def test_transition_from_a_state_already_left_is_a_conflict_and_writes_nothing(db):
    org = OrganizationFactory(status=OrgStatus.APPROVED)
    with pytest.raises(Conflict) as caught:
        transitions.transition(org, Organization.status, [OrgStatus.PENDING],
                               OrgStatus.REJECTED, None, action="organization.rejected",
                               fields=["status"], conflict="already decided")
    assert caught.value.status == 409 and caught.value.message == "already decided"
    db.session.refresh(org)
    assert org.status is OrgStatus.APPROVED
    assert _events(db, "organization.rejected") == []


def test_a_stale_object_cannot_win_a_second_time(db):
    """Both callers saw "pending"; the second compare-and-set finds the row moved."""
    nev = alliance_by_code("nev")
    membership = MembershipFactory(alliance=nev)
    coordinator = make_coordinator(nev)
    memberships.decide_membership(coordinator, membership, approve=True)
    # what a concurrent request that loaded the row earlier still believes (not a change)
    set_committed_value(membership, "status", MembershipStatus.PENDING)
    with pytest.raises(Conflict):
        memberships.decide_membership(coordinator, membership, approve=False, reason="late")
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.ACTIVE
    assert len(_events(db, "membership.approved")) == 1
    assert _events(db, "membership.rejected") == []


def test_workflow_refuses_an_actor_the_rule_refuses_with_403_and_its_message(db):
    nev = alliance_by_code("nev")
    membership = MembershipFactory(alliance=nev)
    outsider = OrgAdminFactory()
    with pytest.raises(ServiceError) as caught:
        memberships.MEMBERSHIP_WORKFLOW.run("approve", membership, outsider)
    assert caught.value.status == 403
    with force_locale("en"):
        assert str(caught.value.message) == "Only this alliance's coordinator may decide."
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.PENDING


def test_own_organisations_request_is_refused_with_its_own_reason(db):
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev, organization=OrganizationFactory())
    membership = MembershipFactory(alliance=nev, organization=coordinator.organization)
    with pytest.raises(ServiceError) as caught:
        memberships.decide_membership(coordinator, membership, approve=True)
    assert caught.value.status == 403
    with force_locale("en"):
        assert "your own organisation" in str(caught.value.message)


def test_both_decision_workflows_run_on_the_shared_transition(db, monkeypatch):
    calls = []
    real = transitions.transition

    def spy(obj, column, sources, target, actor, **kwargs):
        calls.append((type(obj).__name__, column.key, target, kwargs["action"]))
        return real(obj, column, sources, target, actor, **kwargs)

    monkeypatch.setattr(transitions, "transition", spy)
    admin = AdminFactory()
    org = OrganizationFactory(status=OrgStatus.PENDING)
    organisations.decide_registration(admin, org, approve=False, reason="USCC unreadable")
    membership = MembershipFactory(alliance=alliance_by_code("culture"))
    memberships.decide_membership(admin, membership, approve=True)
    assert calls == [
        ("Organization", "status", OrgStatus.REJECTED, "organization.rejected"),
        ("Membership", "status", MembershipStatus.ACTIVE, "membership.approved"),
    ]


def test_registration_rejection_records_its_reason_like_a_join_rejection(db):
    admin = AdminFactory()
    org = OrganizationFactory(status=OrgStatus.PENDING)
    organisations.decide_registration(admin, org, approve=False, reason="证照不清晰")
    [event] = _events(db, "organization.rejected")
    assert event.after["decision_reason"] == "证照不清晰"
    assert event.after["status"] == "rejected" and event.before["status"] == "pending"


def test_workflow_tables_name_their_moves():
    assert set(organisations.REGISTRATION_WORKFLOW.moves) == {"approve", "reject", "resubmit"}
    assert set(memberships.MEMBERSHIP_WORKFLOW.moves) == {"approve", "reject", "withdraw"}
    withdraw = memberships.MEMBERSHIP_WORKFLOW.moves["withdraw"]
    assert set(withdraw.sources) == {MembershipStatus.PENDING, MembershipStatus.ACTIVE}
    assert withdraw.target is MembershipStatus.LEFT


def _rich_enums(cls=RichEnum):
    for sub in cls.__subclasses__():
        yield sub
        yield from _rich_enums(sub)


def test_every_labelled_enum_has_a_label_for_every_member(app):
    enums = list(_rich_enums())
    assert {Role, Sector, OrgStatus, MembershipStatus, MembershipRole} <= set(enums)
    for enum_cls in enums:
        assert set(enum_cls.__labels__) == {member.value for member in enum_cls}, enum_cls


@pytest.mark.parametrize(("member", "zh", "en"), [
    (Sector.UNIVERSITY, "高等院校", "University"),
    (OrgStatus.PENDING, "待审核", "Awaiting approval"),
    (Role.ORG_ADMIN, "机构管理员", "Organisation administrator"),
])
def test_labels_follow_the_language(app, member, zh, en):
    with app.test_request_context():
        with force_locale("zh_Hans_CN"):
            assert str(member.label) == zh
            assert Sector.labels()["enterprise"] == "企业"
        with force_locale("en"):
            assert str(member.label) == en
            assert dict(type(member).choices())[member.value] == en
