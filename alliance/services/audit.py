"""Write the audit trail: who changed what, from which state to which."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Coordinatorship, Invitation, Membership, User
from ..models.audit import AuditEvent


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _unproxied(obj):
    """The real object behind a werkzeug LocalProxy such as flask_login.current_user."""
    getter = getattr(obj, "_get_current_object", None)
    return getter() if getter is not None else obj


def snapshot(obj, fields: list[str]) -> dict:
    """The named attributes of ``obj`` as JSON-ready values."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def record(actor, action: str, obj, before: dict | None = None, after: dict | None = None):
    """Add one AuditEvent for ``obj`` (flushed so it has an id) and return it."""
    obj = _unproxied(obj)
    if obj.id is None:
        db.session.flush()
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        before=before,
        after=after,
    )
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class AuditFilter:
    """What the audit trail is narrowed to; every part optional, all parts combine.
    ``since`` and ``until`` are UTC instants (``until`` exclusive)."""

    object_type: str = ""
    actor_query: str = ""
    alliance_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def events(filters: AuditFilter | None = None):
    """The audit trail, newest first, narrowed by ``filters`` (a select, for paging)."""
    filters = filters or AuditFilter()
    stmt = db.select(AuditEvent).options(selectinload(AuditEvent.actor)) \
        .order_by(AuditEvent.id.desc())
    if filters.object_type:
        stmt = stmt.where(AuditEvent.object_type == filters.object_type)
    if filters.actor_query:
        like = f"%{filters.actor_query}%"
        stmt = stmt.where(AuditEvent.actor_id.in_(
            db.select(User.id).where(User.name.ilike(like) | User.email.ilike(like))))
    if filters.since is not None:
        stmt = stmt.where(AuditEvent.created_at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(AuditEvent.created_at < filters.until)
    if filters.alliance_id is not None:
        stmt = stmt.where(_about_alliance(filters.alliance_id))
    return stmt


def _about_alliance(alliance_id: int):
    """Events about the alliance itself, its memberships, its coordinator appointments and
    the invitations to coordinate it."""
    def of(object_type, model):
        return (AuditEvent.object_type == object_type) & AuditEvent.object_id.in_(
            db.select(model.id).where(model.alliance_id == alliance_id))

    return or_(
        (AuditEvent.object_type == "alliance") & (AuditEvent.object_id == alliance_id),
        of("membership", Membership), of("coordinatorship", Coordinatorship),
        of("invitation", Invitation),
    )
