"""Organisations: universities, institutes, firms and agencies, and their registration."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from ..sorting import pinyin_sort_key
from .bilingual import Bilingual
from .types import RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .memberships import Membership
    from .users import User


class Sector(RichEnum):
    __labels__ = {
        "university": _l("University"),
        "research_institute": _l("Research institute"),
        "enterprise": _l("Enterprise"),
        "government": _l("Government"),
        "service_agency": _l("Service agency"),
        "financial_institution": _l("Financial institution"),
    }

    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ENTERPRISE = "enterprise"
    GOVERNMENT = "government"
    SERVICE_AGENCY = "service_agency"
    FINANCIAL_INSTITUTION = "financial_institution"


class OrgStatus(RichEnum):
    __labels__ = {
        "pending": _l("Awaiting approval"),
        "approved": _l("Approved"),
        "rejected": _l("Rejected"),
    }

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


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
    #: Set up by the state (国家设立的研究开发机构、高等院校): the statutory floors on rewards
    #: bind it even against its own agreements (2015 transformation law, Art. 45).
    state_funded: Mapped[bool] = mapped_column(default=False, server_default=false())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organization")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
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
        return [m for m in self.memberships if m.is_active]

    def active_admins(self) -> list[User]:
        """Its administrators who may still log in (who hear of its registration and
        requests)."""
        return [u for u in self.users if u.is_org_admin and u.active]

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
