"""Write the audit trail: who changed what, from which state to which."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import selectinload

from ..extensions import db
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



def events(object_type: str = ""):
    """The audit trail, newest first, optionally of one type of object (a select)."""
    stmt = db.select(AuditEvent).options(selectinload(AuditEvent.actor)) \
        .order_by(AuditEvent.id.desc())
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    return stmt
