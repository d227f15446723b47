"""Notices an alliance's coordinators publish to its members: policy news, events, calls
for cooperation. The body is Markdown, rendered safely (alliance.markdown)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .users import User


class NoticeKind(RichEnum):
    __labels__ = {
        "policy": _l("Policy news"),
        "event": _l("Event"),
        "cooperation": _l("Call for cooperation"),
    }

    POLICY = "policy"
    EVENT = "event"
    COOPERATION = "cooperation"


class NoticeStatus(RichEnum):
    __labels__ = {"published": _l("Published"), "withdrawn": _l("Withdrawn")}

    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


def member_alliance_ids(user) -> set[int]:
    """The alliances whose notices ``user`` reads: those of their organisation's active
    memberships and those they coordinate."""
    from .memberships import Membership, MembershipStatus

    ids = {a.id for a in user.coordinated_alliances()} if user.is_authenticated else set()
    org_id = getattr(user, "organization_id", None)
    if org_id is not None:
        ids |= set(db.session.scalars(db.select(Membership.alliance_id).where(
            Membership.organization_id == org_id,
            Membership.status == MembershipStatus.ACTIVE)))
    return ids


class Notice(db.Model):
    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"), index=True)
    kind: Mapped[NoticeKind] = mapped_column(enum_column(NoticeKind))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NoticeStatus] = mapped_column(enum_column(NoticeStatus), index=True,
                                                 default=NoticeStatus.PUBLISHED)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    alliance: Mapped[Alliance] = relationship()
    created_by: Mapped[User | None] = relationship()

    def can_manage(self, user) -> bool:
        """Its alliance's coordinators and platform admins."""
        return self.alliance.can_manage(user)

    def can_view(self, user) -> bool:
        """Members of its alliance (people of member organisations), its coordinators and
        platform admins; a withdrawn notice only those who may manage it."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.can_manage(user):
            return True
        return self.status is NoticeStatus.PUBLISHED \
            and self.alliance_id in member_alliance_ids(user)
