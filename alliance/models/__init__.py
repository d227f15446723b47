"""All models, importable from one place (Alembic autogenerate sees them all)."""

from .audit import AuditEvent
from .network import CoApplicationTie
from .orgs import (
    Alliance,
    Coordinatorship,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrgStatus,
    Sector,
)
from .users import AnonymousUser, Invitation, Role, User

__all__ = [
    "Alliance",
    "AnonymousUser",
    "AuditEvent",
    "CoApplicationTie",
    "Coordinatorship",
    "Invitation",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "OrgStatus",
    "Organization",
    "Role",
    "Sector",
    "User",
]
