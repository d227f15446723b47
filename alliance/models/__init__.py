"""All models, importable from one place (Alembic autogenerate sees them all)."""

from .alliances import Alliance, Coordinatorship
from .audit import AuditEvent
from .ledger import DistributionRun, LedgerEntry, Payment, RoyaltyReport
from .licensing import (
    Licence,
    LicenceRequest,
    LicenceStatus,
    PaymentDue,
    RequestMessage,
    RequestStatus,
)
from .listings import (
    ConsentStatus,
    LicenceKind,
    Listing,
    ListingConsent,
    ListingStatus,
    OpenLicence,
    OpenLicenceStatus,
    RoyaltyKind,
    Visibility,
)
from .memberships import Membership, MembershipRole, MembershipStatus
from .needs import Need, NeedAnswer, NeedStatus, NeedVisibility
from .network import CoApplicationTie
from .notices import Notice, NoticeKind, NoticeStatus
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
from .pools import PatentPool, PoolDeclaration, PoolIncome, PoolMarket, PoolRun, PoolStatus
from .sessions import UserSession
from .sharing import (
    Agreement,
    AgreementInventor,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    FloorAcknowledgement,
    PolicyRule,
    Signature,
    VersionStatus,
)
from .targets import ProvinceTarget
from .users import AnonymousUser, Invitation, Role, User
from .warnings import EarlyWarning, IpcWatch, WarningKind

__all__ = [
    "DistributionRun",
    "EarlyWarning",
    "IpcWatch",
    "WarningKind",
    "LedgerEntry",
    "Payment",
    "RoyaltyReport",
    "Agreement",
    "AgreementInventor",
    "AgreementParty",
    "AgreementStatus",
    "AgreementVersion",
    "Alliance",
    "AnonymousUser",
    "AuditEvent",
    "ClassificationMapping",
    "CoApplicationTie",
    "ConsentStatus",
    "Coordinatorship",
    "FloorAcknowledgement",
    "Invitation",
    "Licence",
    "LicenceKind",
    "LicenceRequest",
    "LicenceStatus",
    "Listing",
    "ListingConsent",
    "ListingStatus",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "Need",
    "NeedAnswer",
    "NeedStatus",
    "NeedVisibility",
    "Notice",
    "NoticeKind",
    "NoticeStatus",
    "Notification",
    "NotificationPreference",
    "OpenLicence",
    "OpenLicenceStatus",
    "OrgStatus",
    "Organization",
    "Patent",
    "PatentInventor",
    "PatentIpc",
    "PatentKind",
    "PatentOwner",
    "PatentStatus",
    "PatentTag",
    "PaymentDue",
    "PatentPool",
    "PoolDeclaration",
    "PoolIncome",
    "PoolMarket",
    "PoolRun",
    "PoolStatus",
    "RequestMessage",
    "RequestStatus",
    "PolicyRule",
    "ProvinceTarget",
    "Role",
    "RoyaltyKind",
    "Sector",
    "Signature",
    "TagSource",
    "User",
    "UserSession",
    "VersionStatus",
    "Visibility",
]
