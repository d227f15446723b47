"""All models, importable from one place (Alembic autogenerate sees them all)."""

from .alliances import Alliance, Coordinatorship
from .audit import AuditEvent
from .memberships import Membership, MembershipRole, MembershipStatus
from .network import CoApplicationTie
from .notifications import Notification, NotificationPreference
from .organisations import Organization, OrgStatus, Sector
from .patents import (
    ClassificationMapping,
    Patent,
    PatentInventor,
    PatentIpc,
    PatentKind,
    PatentOwner,
    PatentStatus,
    PatentTag,
    TagSource,
)
from .sessions import UserSession
from .users import AnonymousUser, Invitation, Role, User

__all__ = [
    "Alliance",
    "AnonymousUser",
    "AuditEvent",
    "ClassificationMapping",
    "CoApplicationTie",
    "Coordinatorship",
    "Invitation",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "Notification",
    "NotificationPreference",
    "OrgStatus",
    "Organization",
    "Patent",
    "PatentInventor",
    "PatentIpc",
    "PatentKind",
    "PatentOwner",
    "PatentStatus",
    "PatentTag",
    "Role",
    "Sector",
    "TagSource",
    "User",
    "UserSession",
]
