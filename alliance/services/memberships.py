"""Organisations ask to join alliances; coordinators decide."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Alliance, Membership, MembershipRole, MembershipStatus, Organization, User
from ..models.memberships import OPEN_STATUSES
from ..models.types import utcnow
from . import Conflict, ServiceError, notifications
from .accounts import platform_admins
from .audit import record, snapshot
from .transitions import Move, Workflow

MEMBERSHIP_FIELDS = ["organization_id", "alliance_id", "role", "status", "decision_reason"]


def open_membership(org: Organization, alliance: Alliance) -> Membership | None:
    return db.session.scalar(
        db.select(Membership).where(
            Membership.organization_id == org.id,
            Membership.alliance_id == alliance.id,
            Membership.status.in_(OPEN_STATUSES),
        )
    )


def request_membership(
    actor: User, org: Organization, alliance: Alliance,
    role: MembershipRole = MembershipRole.MEMBER, message: str = "",
) -> Membership:
    """Ask for ``org`` to join ``alliance``. Refused if a request is open or it is already in.
    Whoever decides is told by mail."""
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
    notifications.join_request_filed(membership, *who_decides(membership))
    return membership


def who_decides(membership: Membership) -> tuple[list[User], bool]:
    """(people, office): the alliance's coordinators who may decide the request, or, when it
    has none (or only the requesting organisation's own), the platform administrators, with
    ``office`` True."""
    coordinators = membership.deciding_coordinators()
    if coordinators:
        return coordinators, False
    return platform_admins(), True


def _already_message(existing: Membership):
    if existing.status is MembershipStatus.ACTIVE:
        return _l("This organisation is already a member of this alliance.")
    return _l("This organisation has already asked to join this alliance.")


def _decision_refused(membership: Membership, actor: User):
    if membership.alliance.can_manage(actor):
        return _l("You may not decide on your own organisation's request; "
                  "a platform administrator will.")
    return _l("Only this alliance's coordinator may decide.")


_DECIDED = _l("This request has already been decided.")
_ENDED = _l("This membership has already ended.")

#: The join-request state machine.
MEMBERSHIP_WORKFLOW = Workflow(
    column=Membership.status,
    fields=tuple(MEMBERSHIP_FIELDS),
    moves={
        "approve": Move("membership.approved", (MembershipStatus.PENDING,),
                        MembershipStatus.ACTIVE, Membership.is_decider, _decision_refused,
                        _DECIDED),
        "reject": Move("membership.rejected", (MembershipStatus.PENDING,),
                       MembershipStatus.REJECTED, Membership.is_decider, _decision_refused,
                       _DECIDED),
        "withdraw": Move("membership.left", OPEN_STATUSES, MembershipStatus.LEFT,
                         lambda membership, actor: membership.organization.is_admin(actor),
                         _l("You may not withdraw this membership."), _ENDED),
    },
)


def decide_membership(actor: User, membership: Membership, approve: bool, reason: str = ""):
    """Approve or reject a pending request; a rejection needs a reason. The organisation's
    admins are told by mail. A second, concurrent decision fails (409) instead of
    overwriting the first (and sends nothing)."""
    move = "approve" if approve else "reject"
    MEMBERSHIP_WORKFLOW.permit(move, membership, actor)
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError(_l("Give a reason for the rejection."))
    MEMBERSHIP_WORKFLOW.run(move, membership, actor, decided_by_id=actor.id,
                            decided_at=utcnow(), decision_reason=reason)
    notifications.join_request_decided(membership)
    return membership


def withdraw_membership(actor: User, membership: Membership) -> Membership:
    """The organisation withdraws a pending request or leaves the alliance."""
    return MEMBERSHIP_WORKFLOW.run("withdraw", membership, actor, decided_at=utcnow(),
                                   decided_by_id=actor.id)
