"""An organisation's admins manage its people: who administers it, who may still log in.

An approved organisation always keeps at least one active administrator, so that someone
can still invite, edit and answer for it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from ..extensions import db
from ..models import Role, User
from . import Conflict, ServiceError
from .audit import record, snapshot

PERSON_FIELDS = ["role", "active"]
MANAGEABLE_ROLES = (Role.MEMBER, Role.ORG_ADMIN)


def _check(actor: User, person: User) -> None:
    org = person.organization
    if org is None or not org.can_edit(actor):
        raise ServiceError(_l("You may not change this account."), 403)
    if person.id == actor.id:
        raise ServiceError(_l("Ask another administrator to change your own account."), 403)
    if person.role not in MANAGEABLE_ROLES:
        raise ServiceError(_l("Only a platform administrator may change this account."), 403)


def _active_admins(org_id: int) -> int:
    return db.session.scalar(
        db.select(func.count(User.id)).where(
            User.organization_id == org_id, User.role == Role.ORG_ADMIN, User.active.is_(True))
    ) or 0


def sole_admin_ids(org) -> set[int]:
    """Ids of the organisation's administrators who cannot be removed (the last active one)."""
    admins = [u.id for u in org.users if u.role is Role.ORG_ADMIN and u.active]
    return set(admins) if len(admins) == 1 else set()


def keeps_an_admin(person: User) -> None:
    """Refuse to remove the organisation's last active administrator."""
    if person.role is Role.ORG_ADMIN and person.active \
            and _active_admins(person.organization_id) <= 1:
        raise Conflict(_l("An organisation needs at least one active administrator: make "
                          "another person its administrator first."))


def set_role(actor: User, person: User, role: Role) -> User:
    _check(actor, person)
    if role not in MANAGEABLE_ROLES:
        raise ServiceError(_l("Choose a role for the person."))
    if role is person.role:
        return person
    if role is Role.MEMBER:
        keeps_an_admin(person)
    before = snapshot(person, PERSON_FIELDS)
    person.role = role
    db.session.flush()
    record(actor, "user.role_changed", person, before, snapshot(person, PERSON_FIELDS))
    return person


def set_active(actor: User, person: User, active: bool) -> User:
    _check(actor, person)
    if active is person.active:
        return person
    if not active:
        keeps_an_admin(person)
    before = snapshot(person, PERSON_FIELDS)
    person.active = active
    db.session.flush()
    record(actor, "user.activated" if active else "user.deactivated", person, before,
           snapshot(person, PERSON_FIELDS))
    return person
