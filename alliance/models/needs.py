"""Technology needs (技术需求) posted by organisations, and the answers of patent owners.

A need is open until its organisation marks it solved or withdraws it, or its deadline
passes (expired; a need whose deadline has passed counts as expired even before
``flask --app wsgi needs expire`` records it).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import Money, RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .listings import Listing
    from .organisations import Organization
    from .users import User


class NeedStatus(RichEnum):
    __labels__ = {
        "open": _l("Open for answers"),
        "solved": _l("Solved"),
        "withdrawn": _l("Withdrawn"),
        "expired": _l("Expired"),
    }

    OPEN = "open"
    SOLVED = "solved"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class NeedVisibility(RichEnum):
    __labels__ = {
        "public": _l("Everyone"),
        "alliances": _l("Members of the chosen alliances of my organisation"),
    }

    PUBLIC = "public"
    ALLIANCES = "alliances"


need_alliance = db.Table(
    "need_alliance",
    db.Column("need_id", ForeignKey("need.id", ondelete="CASCADE"), primary_key=True),
    db.Column("alliance_id", ForeignKey("alliance.id"), primary_key=True, index=True),
)


def today() -> date:
    return date.today()


class Need(db.Model):
    """What an organisation looks for: text, IPC symbols, keywords, budget (yuan) and the
    last day it waits for answers (``deadline``)."""

    __tablename__ = "need"
    __table_args__ = (
        CheckConstraint("budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max",
                        name="budget_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Full IPC symbols, normalised, separated by ";".
    ipc: Mapped[str] = mapped_column(String(500), default="")
    keywords: Mapped[str] = mapped_column(String(500), default="")
    budget_min: Mapped[Decimal | None] = mapped_column(Money)
    budget_max: Mapped[Decimal | None] = mapped_column(Money)
    deadline: Mapped[date] = mapped_column(Date, index=True)
    visibility: Mapped[NeedVisibility] = mapped_column(enum_column(NeedVisibility),
                                                       default=NeedVisibility.PUBLIC)
    status: Mapped[NeedStatus] = mapped_column(enum_column(NeedStatus), index=True,
                                               default=NeedStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()
    alliances: Mapped[list[Alliance]] = relationship(secondary=need_alliance,
                                                     order_by="Alliance.position")
    answers: Mapped[list[NeedAnswer]] = relationship(
        back_populates="need", order_by="NeedAnswer.id", cascade="all, delete-orphan")

    @property
    def symbols(self) -> list[str]:
        return [s for s in self.ipc.split(";") if s]

    @property
    def is_past_deadline(self) -> bool:
        """The deadline is the last day: a need is past it from the next day on."""
        return self.deadline < today()

    @property
    def shown_status(self) -> NeedStatus:
        """The status to show: an open need past its deadline is expired already."""
        if self.status is NeedStatus.OPEN and self.is_past_deadline:
            return NeedStatus.EXPIRED
        return self.status

    @property
    def is_open(self) -> bool:
        return self.shown_status is NeedStatus.OPEN

    def is_own(self, user) -> bool:
        org_id = getattr(user, "organization_id", None)
        return org_id is not None and org_id == self.organization_id

    def can_manage(self, user) -> bool:
        """Edit, solve, withdraw: an active administrator of the posting organisation."""
        return bool(getattr(user, "is_authenticated", False)) and user.active \
            and user.is_org_admin and self.is_own(user)

    def visible_to_org(self, org_id: int | None) -> bool:
        """Whether people of organisation ``org_id`` (None: the public) may see it."""
        if org_id is None:
            return self.status is not NeedStatus.WITHDRAWN \
                and self.visibility is NeedVisibility.PUBLIC
        return org_id in self.visible_to_orgs({org_id})

    def visible_to_orgs(self, org_ids: set[int]) -> set[int]:
        """Those of ``org_ids`` whose people may see it (one query at most)."""
        own = org_ids & {self.organization_id}
        if self.status is NeedStatus.WITHDRAWN:
            return own
        if self.visibility is NeedVisibility.PUBLIC:
            return set(org_ids)
        from .memberships import Membership, MembershipStatus

        ids = [a.id for a in self.alliances] or [-1]
        return own | set(db.session.scalars(db.select(Membership.organization_id).where(
            Membership.organization_id.in_(org_ids),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.alliance_id.in_(ids))))

    def can_view(self, user) -> bool:
        """Its own organisation and platform admins always; others while it is not
        withdrawn, everyone for a public need, members of its alliances otherwise."""
        if getattr(user, "is_platform_admin", False):
            return True
        return self.visible_to_org(getattr(user, "organization_id", None))

    def can_see_matches(self, user) -> bool:
        return self.is_own(user) or bool(getattr(user, "is_platform_admin", False))

    def can_answer(self, user) -> bool:
        """An administrator of another approved organisation that may see the open need."""
        if not getattr(user, "is_authenticated", False) or not user.active \
                or not user.is_org_admin or user.organization_id is None:
            return False
        org = user.organization
        return not self.is_own(user) and org is not None and org.is_approved \
            and self.is_open and self.can_view(user)


class NeedAnswer(db.Model):
    """An owner's answer to a need: one of its listings, a message, or both."""

    __tablename__ = "need_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"),
                                         index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listing.id"))
    message: Mapped[str] = mapped_column(Text, default="")
    chosen: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need: Mapped[Need] = relationship(back_populates="answers")
    organization: Mapped[Organization] = relationship()
    listing: Mapped[Listing | None] = relationship()
    created_by: Mapped[User | None] = relationship()
