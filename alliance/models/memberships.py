"""Organisations' memberships of alliances: asked for, decided by a coordinator, ended."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .organisations import Organization
    from .users import User


class MembershipRole(RichEnum):
    __labels__ = {
        "lead": _l("Lead organisation"),
        "member": _l("Member"),
        "observer": _l("Observer"),
    }

    LEAD = "lead"
    MEMBER = "member"
    OBSERVER = "observer"


class MembershipStatus(RichEnum):
    __labels__ = {
        "pending": _l("Pending"),
        "active": _l("Active"),
        "rejected": _l("Rejected"),
        "left": _l("Left or withdrawn"),
    }

    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    LEFT = "left"


OPEN_STATUSES = (MembershipStatus.PENDING, MembershipStatus.ACTIVE)


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
        return self.status in OPEN_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status is MembershipStatus.ACTIVE

    def can_view(self, user: User) -> bool:
        if self.is_active:
            return True
        return self.alliance.can_manage(user) or self.organization.can_edit(user)

    def is_decider(self, user: User) -> bool:
        """Whoever decides this request, whatever its state: the alliance's coordinators, but
        not on their own organisation's request (a conflict of interest: that goes to a
        platform administrator), and platform administrators."""
        if not self.alliance.can_manage(user):
            return False
        return user.is_platform_admin or user.organization_id != self.organization_id

    def deciding_coordinators(self) -> list[User]:
        """The alliance's active coordinators who may decide this request (not those of the
        requesting organisation); when there is none, the platform administrators decide."""
        return [u for u in self.alliance.active_coordinators()
                if u.organization_id != self.organization_id]

    def can_decide(self, user: User) -> bool:
        return self.status is MembershipStatus.PENDING and self.is_decider(user)

    def can_withdraw(self, user: User) -> bool:
        return self.is_open and self.organization.is_admin(user)
