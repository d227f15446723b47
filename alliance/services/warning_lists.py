"""Reading and acknowledging early warnings: an organisation's list, an alliance's (its own
watch warnings and its active members' warnings), the home page's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    Alliance,
    EarlyWarning,
    Membership,
    MembershipStatus,
    Organization,
    WarningKind,
)
from ..models.types import utcnow
from . import Conflict, ServiceError
from .audit import record
from .notification_events import render_message

#: how many warnings the home page lists
HOME_ITEMS = 5


def _open():
    return select(EarlyWarning).where(EarlyWarning.resolved_at.is_(None)).options(
        selectinload(EarlyWarning.organization), selectinload(EarlyWarning.acknowledged_by))


def of_organisation(org: Organization) -> list[EarlyWarning]:
    """The organisation's warnings still holding (acknowledged ones included), soonest
    first."""
    return list(db.session.scalars(_open().where(EarlyWarning.organization_id == org.id)
                                   .order_by(EarlyWarning.due_date, EarlyWarning.id)))


def _member_ids(alliance_ids: list[int]):
    return select(Membership.organization_id).where(
        Membership.alliance_id.in_(alliance_ids or [-1]),
        Membership.status == MembershipStatus.ACTIVE)


def of_alliance(alliance: Alliance) -> list[EarlyWarning]:
    """The alliance's own (watch) warnings and its active members' warnings."""
    return list(db.session.scalars(_open().where(or_(
        EarlyWarning.alliance_id == alliance.id,
        EarlyWarning.organization_id.in_(_member_ids([alliance.id]))))
        .order_by(EarlyWarning.due_date, EarlyWarning.id)))


def grouped(warnings: list[EarlyWarning]) -> list[tuple[WarningKind, list[EarlyWarning]]]:
    """(kind, warnings) in the order of WarningKind, only kinds with warnings."""
    return [(kind, [w for w in warnings if w.kind is kind]) for kind in WarningKind
            if any(w.kind is kind for w in warnings)]


def text(warning: EarlyWarning) -> str:
    """What the warning says, in the current language (the notification's message, with
    the due date written the reader's way)."""
    return render_message(f"warning.{warning.kind.value}",
                          {**(warning.params or {}), "due": format_date(warning.due_date)})


def days_left(warning: EarlyWarning, today: date | None = None) -> int:
    """Days from today to the due date (negative when overdue)."""
    return (warning.due_date - (today or date.today())).days


@dataclass(frozen=True)
class HomeSummary:
    """The home page's warnings: open (unacknowledged) ones for the user's organisation and
    coordinated alliances, soonest first, and how many in all."""

    items: list[EarlyWarning]
    total: int
    alliances: list[Alliance]


def home_summary(user) -> HomeSummary | None:
    """None when the user has no organisation and coordinates nothing."""
    alliances = user.coordinated_alliances() if user.is_authenticated else []
    org_id = getattr(user, "organization_id", None)
    if org_id is None and not alliances:
        return None
    ids = [a.id for a in alliances]
    scope = [EarlyWarning.alliance_id.in_(ids or [-1]),
             EarlyWarning.organization_id.in_(_member_ids(ids))]
    if org_id is not None:
        scope.append(EarlyWarning.organization_id == org_id)
    stmt = _open().where(EarlyWarning.acknowledged_at.is_(None), or_(*scope))
    total = db.session.scalar(select(db.func.count()).select_from(stmt.subquery())) or 0
    items = list(db.session.scalars(stmt.order_by(EarlyWarning.due_date, EarlyWarning.id)
                                    .limit(HOME_ITEMS)))
    return HomeSummary(items, total, alliances)


def acknowledge(actor, warning: EarlyWarning) -> EarlyWarning:
    """Mark the warning seen (403 unless ``warning.can_acknowledge(actor)``; 409 when it is
    already acknowledged, also by someone else a moment ago). Audited."""
    if not warning.can_acknowledge(actor):
        raise ServiceError(_l("Only people of the organisation concerned (for an alliance's "
                              "warning, its coordinators) acknowledge a warning."), 403)
    now = utcnow()
    result = db.session.execute(
        update(EarlyWarning).where(EarlyWarning.id == warning.id,
                                   EarlyWarning.acknowledged_at.is_(None))
        .values(acknowledged_at=now, acknowledged_by_id=actor.id)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(_l("This warning has already been acknowledged."))
    db.session.refresh(warning)
    record(actor, "warning.acknowledged", warning, {"acknowledged_by_id": None},
           {"acknowledged_by_id": actor.id, "kind": warning.kind.value,
            "due_date": warning.due_date.isoformat()})
    return warning
