"""What waits for a user: the home page's to-do box (我的待办)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    Alliance,
    Coordinatorship,
    Membership,
    MembershipStatus,
    Organization,
    OrgStatus,
    User,
)
from ..models.types import utcnow

#: a rejected join request stays on the to-do list this long (or until asked again)
REJECTIONS_SHOWN_FOR = timedelta(days=90)


@dataclass(frozen=True)
class Todo:
    """One line of the to-do box: what, a detail (a reason...), where to act, and whether it
    needs the user's action (``True``) or only tells them how things stand."""

    text: str
    url: str
    detail: str = ""
    action: bool = True


def todo_for(user: User) -> list[Todo]:
    """Everything that waits for ``user``, most urgent first, in a few queries."""
    if not user.is_authenticated:
        return []
    items: list[Todo] = []
    if user.is_platform_admin:
        items += _for_platform_admin()
    items += _for_coordinator(user)
    if user.organization is not None and user.is_org_admin:
        items += _for_org_admin(user.organization)
    return items


def _pending_requests(alliance_ids=None):
    stmt = (db.select(Membership).where(Membership.status == MembershipStatus.PENDING)
            .options(selectinload(Membership.organization), selectinload(Membership.alliance)
                     .selectinload(Alliance.coordinatorships)
                     .selectinload(Coordinatorship.user))
            .order_by(Membership.requested_at))
    if alliance_ids is not None:
        stmt = stmt.where(Membership.alliance_id.in_(alliance_ids))
    return list(db.session.scalars(stmt))


def _for_platform_admin() -> list[Todo]:
    items = []
    pending = db.session.scalar(db.select(db.func.count(Organization.id)).where(
        Organization.status == OrgStatus.PENDING)) or 0
    if pending:
        items.append(Todo(str(_l("%(num)d registrations to decide", num=pending)),
                          url_for("admin.index")))
    for membership in _pending_requests():
        if not membership.deciding_coordinators():  # the office decides
            items.append(Todo(
                str(_l("Join request of %(org)s to %(alliance)s",
                       org=membership.organization.name, alliance=membership.alliance.name)),
                url_for("alliances.requests", code=membership.alliance.code,
                        _anchor=f"membership-{membership.id}"),
                str(_l("Only a platform administrator can decide it."))))
    return items


def _for_coordinator(user: User) -> list[Todo]:
    alliances = user.coordinated_alliances()
    if not alliances:
        return []
    waiting: dict[int, int] = {}
    for membership in _pending_requests([a.id for a in alliances]):
        if membership.can_decide(user):
            waiting[membership.alliance_id] = waiting.get(membership.alliance_id, 0) + 1
    return [Todo(str(_l("%(num)d join requests to decide in %(alliance)s",
                        num=waiting[a.id], alliance=a.name)),
                 url_for("alliances.requests", code=a.code))
            for a in alliances if waiting.get(a.id)]


def _for_org_admin(org: Organization) -> list[Todo]:
    items = []
    if org.status is OrgStatus.PENDING:
        items.append(Todo(str(_l("The registration of %(org)s is being reviewed", org=org.name)),
                          url_for("orgs.detail", org_id=org.id), action=False))
    elif org.status is OrgStatus.REJECTED:
        items.append(Todo(str(_l("The registration of %(org)s was rejected: correct it and "
                                 "resubmit", org=org.name)),
                          url_for("orgs.detail", org_id=org.id), org.decision_reason))
    recent = utcnow() - REJECTIONS_SHOWN_FOR
    memberships = db.session.scalars(
        db.select(Membership).where(
            Membership.organization_id == org.id,
            (Membership.status == MembershipStatus.PENDING)
            | ((Membership.status == MembershipStatus.REJECTED)
               & (Membership.decided_at >= recent)))
        .options(selectinload(Membership.alliance)).order_by(Membership.requested_at.desc()))
    open_alliances = set()
    for membership in memberships:
        if membership.status is MembershipStatus.PENDING:
            open_alliances.add(membership.alliance_id)
            items.append(Todo(str(_l("Your request to join %(alliance)s is waiting for a "
                                     "decision", alliance=membership.alliance.name)),
                              url_for("orgs.detail", org_id=org.id), action=False))
        elif membership.alliance_id not in open_alliances:
            open_alliances.add(membership.alliance_id)  # only the latest rejection
            items.append(Todo(str(_l("Your request to join %(alliance)s was rejected",
                                     alliance=membership.alliance.name)),
                              url_for("alliances.detail", code=membership.alliance.code),
                              membership.decision_reason))
    return items
