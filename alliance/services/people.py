"""Who administers an organisation and who may still log in.

An organisation's admins manage its people, and must always leave it one active
administrator (the check locks the organisation's row, so two admins removing each other at
once cannot both succeed). Platform admins may always deactivate an account, e.g. a
compromised one; an account they deactivated can only be reactivated by a platform admin.
Whoever loses the right to invite loses their open invitation links too.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Organization, Role, User
from . import Conflict, ServiceError
from .audit import record, snapshot
from .invitations import revoke_open_invitations_of
from .sessions import end_sessions

PERSON_FIELDS = ["role", "active", "locked_by_platform"]
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


def changeable_ids(actor: User, org: Organization) -> set[int]:
    """Ids of the organisation's people whose role or access ``actor`` may change here: not
    themselves, only members and admins, and (for an org admin) not the last active admin."""
    if not org.can_edit(actor):
        return set()
    admins = [u.id for u in org.users if u.role is Role.ORG_ADMIN and u.active]
    protected = set(admins) if len(admins) == 1 and not actor.is_platform_admin else set()
    return {u.id for u in org.users
            if u.id != actor.id and u.role in MANAGEABLE_ROLES and u.id not in protected}


def is_last_active_admin(person: User) -> bool:
    """Whether ``person`` is their organisation's only active admin. Takes the organisation's
    row lock first, so concurrent removals are counted one after the other."""
    if person.organization_id is None:
        return False
    db.session.execute(update(Organization).where(Organization.id == person.organization_id)
                       .values(id=Organization.id))
    db.session.refresh(person)
    return person.role is Role.ORG_ADMIN and person.active \
        and _active_admins(person.organization_id) <= 1


def _keeps_an_admin(actor: User, person: User) -> None:
    if not actor.is_platform_admin and is_last_active_admin(person):
        raise Conflict(_l("An organisation needs at least one active administrator: make "
                          "another person its administrator first."))


def set_role(actor: User, person: User, role: Role) -> User:
    """Make a colleague an organisation admin or a member."""
    _check(actor, person)
    if role not in MANAGEABLE_ROLES:
        raise ServiceError(_l("Choose a role for the person."))
    if role is person.role:
        raise Conflict(_l("Nothing changed: %(name)s already has this role.", name=person.name))
    before = snapshot(person, PERSON_FIELDS)
    if role is Role.MEMBER:
        _keeps_an_admin(actor, person)
        revoke_open_invitations_of(person, actor)
    person.role = role
    db.session.flush()
    record(actor, "user.role_changed", person, before, snapshot(person, PERSON_FIELDS))
    return person


def set_active(actor: User, person: User, active: bool) -> User:
    """An organisation's admin (or a platform admin) deactivates or reactivates a colleague."""
    _check(actor, person)
    _refuse_no_change(person, active)
    if active and person.locked_by_platform and not actor.is_platform_admin:
        raise ServiceError(_l("A platform administrator deactivated this account; only a "
                              "platform administrator can reactivate it."), 403)
    if not active:
        _keeps_an_admin(actor, person)
    _apply_active(actor, person, active)
    return person


def set_user_active(actor: User, user: User, active: bool) -> bool:
    """A platform admin deactivates or reactivates any other account. Returns True when the
    account was its organisation's last active admin (the page then says so)."""
    if not actor.can_administer_platform() or user.id == actor.id:
        raise ServiceError(_l("You may not change this account."), 403)
    _refuse_no_change(user, active)
    was_last_admin = not active and is_last_active_admin(user)
    _apply_active(actor, user, active)
    return was_last_admin


def _refuse_no_change(person: User, active: bool) -> None:
    """Deactivating an inactive account (or reactivating an active one) changes nothing and
    writes nothing: the page says so."""
    if person.active is active:
        raise Conflict(_l("Nothing changed: the account is already active.") if active
                       else _l("Nothing changed: the account is already deactivated."))


def _apply_active(actor: User, person: User, active: bool) -> None:
    before = snapshot(person, PERSON_FIELDS)
    person.active = active
    person.locked_by_platform = not active and actor.is_platform_admin
    if not active:
        revoke_open_invitations_of(person, actor)
        end_sessions(person)
    db.session.flush()
    record(actor, "user.activated" if active else "user.deactivated", person, before,
           snapshot(person, PERSON_FIELDS))


def search_people(query: str = ""):
    """Every account, optionally those whose email or name contains ``query`` (a select,
    with organisations and appointments loaded for the list)."""
    stmt = db.select(User).options(selectinload(User.organization),
                                   selectinload(User.coordinatorships)).order_by(User.id)
    if query:
        like = f"%{query}%"
        stmt = stmt.where(User.email.ilike(like) | User.name.ilike(like))
    return stmt
