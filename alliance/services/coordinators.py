"""Platform admins appoint alliance coordinators (the secretariats) and end appointments.

Coordinating is a relation to an alliance, not a replacement of the person's role: an
organisation admin who is appointed stays an organisation admin. Only a plain member is
shown as "alliance coordinator", and returns to member when the last appointment ends.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Alliance, Coordinatorship, Role, User
from ..models.types import utcnow
from . import Conflict, ServiceError
from .audit import record
from .transitions import compare_and_set


def _require_platform_admin(actor: User) -> None:
    if not actor.can_administer_platform():
        raise ServiceError(_l("Only a platform administrator may appoint coordinators."), 403)


def _state(coordinatorship: Coordinatorship) -> dict:
    return {"user_id": coordinatorship.user_id, "alliance_id": coordinatorship.alliance_id,
            "active": coordinatorship.active, "role": coordinatorship.user.role.value}


def appoint_coordinator(actor: User, user: User, alliance: Alliance) -> Coordinatorship:
    """Make ``user`` a coordinator of ``alliance``; a second appointment is a Conflict."""
    _require_platform_admin(actor)
    if user.is_platform_admin:
        raise ServiceError(_l("A platform administrator already manages every alliance."))
    if not user.active:
        raise ServiceError(_l("This account is deactivated."))
    appointment = db.session.scalar(
        db.select(Coordinatorship).filter_by(user_id=user.id, alliance_id=alliance.id)
    )
    if appointment is not None and appointment.active:
        raise Conflict(_l("This person already coordinates this alliance."))
    before = _state(appointment) if appointment is not None else {"role": user.role.value}
    try:
        with db.session.begin_nested():
            if appointment is None:
                appointment = Coordinatorship(user_id=user.id, alliance_id=alliance.id)
                db.session.add(appointment)
            appointment.active = True
            appointment.appointed_by_id = actor.id
            appointment.appointed_at = utcnow()
            if user.role is Role.MEMBER:
                user.role = Role.COORDINATOR
            db.session.flush()
    except IntegrityError as exc:  # the same appointment made a moment ago
        raise Conflict(_l("This person already coordinates this alliance.")) from exc
    db.session.refresh(appointment)
    record(actor, "coordinator.appointed", appointment, before, _state(appointment))
    return appointment


def revoke_coordinator(actor: User, appointment: Coordinatorship) -> None:
    """End an appointment; a coordinator with no alliance left becomes a member again."""
    _require_platform_admin(actor)
    before = _state(appointment)
    if not compare_and_set(appointment, "active", True, active=False):
        raise Conflict(_l("This appointment has already ended."))
    user = appointment.user
    if user.role is Role.COORDINATOR and not user.coordinated_alliances():
        user.role = Role.MEMBER
    db.session.flush()
    record(actor, "coordinator.revoked", appointment, before, _state(appointment))
