"""Platform admins appoint alliance coordinators (the secretariats) and end appointments.

Coordinating is a relation to an alliance, not a role: the stored role (member or
organisation admin) never changes; being a coordinator is having an active appointment.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Alliance, Coordinatorship, User
from ..models.types import utcnow
from . import Conflict, ServiceError
from .audit import record, snapshot
from .transitions import transition


def _require_platform_admin(actor: User) -> None:
    if not actor.can_administer_platform():
        raise ServiceError(_l("Only a platform administrator may appoint coordinators."), 403)


APPOINTMENT_FIELDS = ("user_id", "alliance_id", "active")


def _state(coordinatorship: Coordinatorship) -> dict:
    return snapshot(coordinatorship, list(APPOINTMENT_FIELDS))


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
    before = _state(appointment) if appointment is not None else None
    try:
        with db.session.begin_nested():
            if appointment is None:
                appointment = Coordinatorship(user_id=user.id, alliance_id=alliance.id)
                db.session.add(appointment)
            appointment.active = True
            appointment.appointed_by_id = actor.id
            appointment.appointed_at = utcnow()
            db.session.flush()
    except IntegrityError as exc:  # the same appointment made a moment ago
        raise Conflict(_l("This person already coordinates this alliance.")) from exc
    db.session.refresh(appointment)
    db.session.expire(user, ["coordinatorships"])
    db.session.expire(alliance, ["coordinatorships"])
    record(actor, "coordinator.appointed", appointment, before, _state(appointment))
    return appointment


def revoke_coordinator(actor: User, appointment: Coordinatorship) -> None:
    """End an appointment."""
    _require_platform_admin(actor)
    transition(appointment, Coordinatorship.active, True, False, actor,
               action="coordinator.revoked", fields=APPOINTMENT_FIELDS,
               conflict=_l("This appointment has already ended."))


def active_appointments() -> list[Coordinatorship]:
    """Every active appointment, by alliance, with its person and alliance loaded."""
    return list(db.session.scalars(
        db.select(Coordinatorship).where(Coordinatorship.active.is_(True))
        .options(selectinload(Coordinatorship.user), selectinload(Coordinatorship.alliance))
        .order_by(Coordinatorship.alliance_id)
    ))
