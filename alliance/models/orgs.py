"""Alliances, organisations and their memberships."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from ..sorting import pinyin_sort_key
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .users import User


def _is_english() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "en"


class Bilingual:
    """Mixin for records named in Chinese and English; ``name`` follows the current language."""

    name_zh: Mapped[str]
    name_en: Mapped[str | None]

    @property
    def name(self) -> str:
        if _is_english() and self.name_en:
            return self.name_en
        return self.name_zh


class Sector(enum.Enum):
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ENTERPRISE = "enterprise"
    GOVERNMENT = "government"
    SERVICE_AGENCY = "service_agency"
    FINANCIAL_INSTITUTION = "financial_institution"

    @property
    def label(self):
        return SECTOR_LABELS[self]


SECTOR_LABELS = {
    Sector.UNIVERSITY: _l("University"),
    Sector.RESEARCH_INSTITUTE: _l("Research institute"),
    Sector.ENTERPRISE: _l("Enterprise"),
    Sector.GOVERNMENT: _l("Government"),
    Sector.SERVICE_AGENCY: _l("Service agency"),
    Sector.FINANCIAL_INSTITUTION: _l("Financial institution"),
}


class OrgStatus(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self):
        return {
            OrgStatus.PENDING: _l("Awaiting approval"),
            OrgStatus.APPROVED: _l("Approved"),
            OrgStatus.REJECTED: _l("Rejected"),
        }[self]


class MembershipRole(enum.Enum):
    LEAD = "lead"
    MEMBER = "member"
    OBSERVER = "observer"

    @property
    def label(self):
        return {
            MembershipRole.LEAD: _l("Lead organisation"),
            MembershipRole.MEMBER: _l("Member"),
            MembershipRole.OBSERVER: _l("Observer"),
        }[self]


class MembershipStatus(enum.Enum):
    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    LEFT = "left"

    @property
    def label(self):
        return {
            MembershipStatus.PENDING: _l("Pending"),
            MembershipStatus.ACTIVE: _l("Active"),
            MembershipStatus.REJECTED: _l("Rejected"),
            MembershipStatus.LEFT: _l("Left or withdrawn"),
        }[self]


class Alliance(Bilingual, db.Model):
    __tablename__ = "alliance"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(150))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list[Membership]] = relationship(back_populates="alliance")
    coordinatorships: Mapped[list[Coordinatorship]] = relationship(back_populates="alliance")

    @property
    def full_name(self) -> str:
        """The alliance's formal title, e.g. 生物化工产业知识产权联盟."""
        if _is_english():
            return f"{self.name_en} IP Alliance"
        return f"{self.name_zh}产业知识产权联盟"

    @property
    def description(self) -> str:
        if _is_english() and self.description_en:
            return self.description_en
        return self.description_zh

    def is_coordinated_by(self, user: User) -> bool:
        return any(c.user_id == user.id and c.active for c in self.coordinatorships)

    def can_manage(self, user: User) -> bool:
        """Approve members and see pending requests: its coordinators and platform admins."""
        if not user.is_authenticated or not user.active:
            return False
        return user.is_platform_admin or self.is_coordinated_by(user)

    def __repr__(self) -> str:
        return f"<Alliance {self.code}>"


OPEN_REGISTRATION = text("status IN ('pending', 'approved')")


class Organization(Bilingual, db.Model):
    """A university, institute, firm or agency. Its USCC and Chinese name are unique among
    pending and approved organisations, so a rejected registration blocks nobody."""

    __tablename__ = "organization"
    __table_args__ = (
        Index("uq_organization_open_uscc", "uscc", unique=True,
              sqlite_where=OPEN_REGISTRATION, postgresql_where=OPEN_REGISTRATION),
        Index("uq_organization_open_name_zh", "name_zh", unique=True,
              sqlite_where=OPEN_REGISTRATION, postgresql_where=OPEN_REGISTRATION),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200), index=True)
    name_sort: Mapped[str] = mapped_column(String(400), index=True, default="")
    name_en: Mapped[str | None] = mapped_column(String(300))
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    sector: Mapped[Sector] = mapped_column(enum_column(Sector))
    region: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[OrgStatus] = mapped_column(enum_column(OrgStatus), default=OrgStatus.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organization")
    users: Mapped[list[User]] = relationship(
        back_populates="organization", foreign_keys="User.organization_id"
    )

    @validates("name_zh")
    def _keep_sort_key(self, _key, value):
        self.name_sort = pinyin_sort_key(value)
        return value

    @property
    def is_approved(self) -> bool:
        return self.status is OrgStatus.APPROVED

    def active_memberships(self) -> list[Membership]:
        return [m for m in self.memberships if m.status is MembershipStatus.ACTIVE]

    def is_admin(self, user: User) -> bool:
        return user.is_authenticated and user.active and user.organization_id == self.id \
            and user.is_org_admin

    def can_view(self, user: User) -> bool:
        """Approved organisations are public; others only to their own people and admins."""
        if self.is_approved:
            return True
        if not user.is_authenticated:
            return False
        return user.is_platform_admin or user.organization_id == self.id

    def can_edit(self, user: User) -> bool:
        return user.is_authenticated and user.active and (
            user.is_platform_admin or self.is_admin(user)
        )

    def can_change_identity(self, user: User) -> bool:
        """The Chinese name and USCC are the legal identity: its admins correct them until
        approval (also after a rejection, to resubmit); then only a platform admin may."""
        if not self.can_edit(user):
            return False
        return user.is_platform_admin or self.status is not OrgStatus.APPROVED

    def can_resubmit(self, user: User) -> bool:
        return self.status is OrgStatus.REJECTED and self.is_admin(user)

    def can_invite(self, user: User) -> bool:
        return self.is_approved and self.can_edit(user)

    def can_request_membership(self, user: User) -> bool:
        return self.is_approved and self.is_admin(user)

    def can_decide_registration(self, user: User) -> bool:
        """Approving or rejecting a registration is the platform admins' (the provincial
        office's) work; whether it is still pending is the transition's check."""
        return user.is_authenticated and user.active and user.is_platform_admin

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name_zh}>"


class Membership(db.Model):
    """An organisation in an alliance. At most one pending or active row per pair."""

    __tablename__ = "membership"
    __table_args__ = (
        Index(
            "uq_membership_open_per_pair",
            "organization_id",
            "alliance_id",
            unique=True,
            sqlite_where=text("status IN ('pending', 'active')"),
            postgresql_where=text("status IN ('pending', 'active')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(
        enum_column(MembershipRole), default=MembershipRole.MEMBER
    )
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus), default=MembershipStatus.PENDING
    )
    message: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="memberships")
    alliance: Mapped[Alliance] = relationship(back_populates="memberships")
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        return self.status in (MembershipStatus.PENDING, MembershipStatus.ACTIVE)

    def can_view(self, user: User) -> bool:
        if self.status is MembershipStatus.ACTIVE:
            return True
        return self.alliance.can_manage(user) or self.organization.can_edit(user)

    def can_decide(self, user: User) -> bool:
        """The alliance's coordinators decide, but not on their own organisation's request
        (a conflict of interest: that goes to a platform admin)."""
        if self.status is not MembershipStatus.PENDING or not self.alliance.can_manage(user):
            return False
        return user.is_platform_admin or user.organization_id != self.organization_id

    def can_withdraw(self, user: User) -> bool:
        return self.status in (MembershipStatus.PENDING, MembershipStatus.ACTIVE) \
            and self.organization.is_admin(user)


class Coordinatorship(db.Model):
    """A user appointed by a platform admin to coordinate one alliance (its secretariat)."""

    __tablename__ = "coordinatorship"
    __table_args__ = (UniqueConstraint("user_id", "alliance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    appointed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], back_populates="coordinatorships")
    alliance: Mapped[Alliance] = relationship(back_populates="coordinatorships")
