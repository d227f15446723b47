"""Organisations ask to join alliances; coordinators decide."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Alliance, Membership, MembershipRole, MembershipStatus, Organization, User
from ..models.types import utcnow
from . import Conflict, ServiceError
from .audit import record, snapshot
from .transitions import compare_and_set

MEMBERSHIP_FIELDS = ["organization_id", "alliance_id", "role", "status", "decision_reason"]


def open_membership(org: Organization, alliance: Alliance) -> Membership | None:
    return db.session.scalar(
        db.select(Membership).where(
            Membership.organization_id == org.id,
            Membership.alliance_id == alliance.id,
            Membership.status.in_([MembershipStatus.PENDING, MembershipStatus.ACTIVE]),
        )
    )


def request_membership(
    actor: User, org: Organization, alliance: Alliance,
    role: MembershipRole = MembershipRole.MEMBER, message: str = "",
) -> Membership:
    """Ask for ``org`` to join ``alliance``. Refused if a request is open or it is already in."""
    if not org.can_request_membership(actor):
        raise ServiceError(_l("You may not ask for this organisation to join."), 403)
    existing = open_membership(org, alliance)
    if existing is not None:
        raise Conflict(_already_message(existing))
    membership = Membership(
        organization_id=org.id, alliance_id=alliance.id, role=role, message=message.strip(),
        requested_by_id=actor.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(membership)
            db.session.flush()
    except IntegrityError as exc:  # a concurrent request won the race
        raise Conflict(_l("This organisation has already asked to join this alliance.")) from exc
    record(actor, "membership.requested", membership, None, snapshot(membership, MEMBERSHIP_FIELDS))
    return membership


def _already_message(existing: Membership):
    if existing.status is MembershipStatus.ACTIVE:
        return _l("This organisation is already a member of this alliance.")
    return _l("This organisation has already asked to join this alliance.")


def decide_membership(actor: User, membership: Membership, approve: bool, reason: str = ""):
    """Approve or reject a pending request. The compare-and-set update makes a second,
    concurrent decision fail instead of overwriting the first."""
    if not membership.alliance.can_manage(actor):
        raise ServiceError(_l("Only this alliance's coordinator may decide."), 403)
    if membership.status is MembershipStatus.PENDING and not membership.can_decide(actor):
        raise ServiceError(_l("You may not decide on your own organisation's request; "
                              "a platform administrator will."), 403)
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError(_l("Give a reason for the rejection."))
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    new_status = MembershipStatus.ACTIVE if approve else MembershipStatus.REJECTED
    if not compare_and_set(membership, "status", MembershipStatus.PENDING, status=new_status,
                           decided_by_id=actor.id, decided_at=utcnow(), decision_reason=reason):
        raise Conflict(_l("This request has already been decided."))
    action = "membership.approved" if approve else "membership.rejected"
    record(actor, action, membership, before, snapshot(membership, MEMBERSHIP_FIELDS))
    return membership


def withdraw_membership(actor: User, membership: Membership) -> Membership:
    """The organisation withdraws a pending request or leaves the alliance."""
    if not membership.can_withdraw(actor):
        raise ServiceError(_l("You may not withdraw this membership."), 403)
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    if not compare_and_set(membership, "status",
                           [MembershipStatus.PENDING, MembershipStatus.ACTIVE],
                           status=MembershipStatus.LEFT, decided_at=utcnow(),
                           decided_by_id=actor.id):
        raise Conflict(_l("This membership has already ended."))
    record(actor, "membership.left", membership, before, snapshot(membership, MEMBERSHIP_FIELDS))
    return membership
