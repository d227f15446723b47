"""Licence requests (a negotiation between a firm and a listing's owner) and licences (the
rights granted, with their 备案 registration)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .listings import LicenceKind, RoyaltyTerms
from .types import Money, RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .listings import Listing, OpenLicence
    from .organisations import Organization
    from .patents import Patent
    from .users import User


class RequestStatus(RichEnum):
    __labels__ = {
        "draft": _l("Draft"),
        "submitted": _l("Submitted"),
        "under_review": _l("Under review"),
        "countered": _l("Counter-offer made"),
        "revised": _l("Revised by the requester"),
        "accepted": _l("Accepted"),
        "licensed": _l("Licensed"),
        "rejected": _l("Rejected"),
        "withdrawn": _l("Withdrawn"),
        "expired": _l("Expired"),
    }

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    COUNTERED = "countered"
    REVISED = "revised"
    ACCEPTED = "accepted"
    LICENSED = "licensed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class LicenceTerms(RoyaltyTerms):
    """What is licensed: kind, sublicensing, field of use, territory and term."""

    kind: Mapped[LicenceKind] = mapped_column(enum_column(LicenceKind))
    sublicensing: Mapped[bool] = mapped_column(default=False)
    #: Fields of use separated by ";"; empty means every field.
    field_of_use: Mapped[str] = mapped_column(Text, default="")
    #: Regions separated by ";"; empty means all of China.
    territory: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class LicenceRequest(LicenceTerms, db.Model):
    """A firm's request for a licence on a listing; its terms are the latest proposal
    (the request, a counter-offer or a revision)."""

    __tablename__ = "licence_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listing.id"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    status: Mapped[RequestStatus] = mapped_column(enum_column(RequestStatus), index=True)
    intended_use: Mapped[str] = mapped_column(Text, default="")
    #: Who moved last ("requester" or "owner"); the other side answers.
    last_move_by: Mapped[str] = mapped_column(String(10), default="requester")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Expires unless answered by then (set on every move that waits for an answer).
    answer_due: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)

    listing: Mapped[Listing] = relationship()
    requester: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()
    def side_of(self, user) -> str | None:
        """"requester" or "owner" for an admin of either party, else None."""
        if not getattr(user, "is_org_admin", False):
            return None
        if user.organization_id == self.requester_id:
            return "requester"
        if user.organization_id == self.listing.organization_id:
            return "owner"
        return None

    def can_view(self, user) -> bool:
        """The two parties' people and platform admins; nobody else sees the messages."""
        if getattr(user, "is_platform_admin", False):
            return True
        return getattr(user, "organization_id", None) in (self.requester_id,
                                                          self.listing.organization_id)

    messages: Mapped[list[RequestMessage]] = relationship(
        back_populates="request", order_by="RequestMessage.id", cascade="all, delete-orphan")
    licence: Mapped[Licence | None] = relationship(back_populates="request")


class RequestMessage(db.Model):
    """One step of the negotiation: who did what, the message, the terms proposed."""

    __tablename__ = "licence_request_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("licence_request.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[LicenceRequest] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()


#: days before the 备案 deadline from which a licence warns its parties
REGISTRATION_WARNING_DAYS = 30


class LicenceStatus(RichEnum):
    __labels__ = {"active": _l("In force"), "terminated": _l("Terminated"),
                  "expired": _l("Expired")}

    ACTIVE = "active"
    TERMINATED = "terminated"
    EXPIRED = "expired"


class Licence(LicenceTerms, db.Model):
    """Rights granted on patents by a licensor to a licensee, from an accepted request or
    an open licence; registered (备案) with CNIPA within three months of taking effect."""

    __tablename__ = "licence"

    id: Mapped[int] = mapped_column(primary_key=True)
    licensor_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    licensee_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("licence_request.id"),
                                                   unique=True)
    open_licence_id: Mapped[int | None] = mapped_column(ForeignKey("open_licence.id"),
                                                        index=True)
    status: Mapped[LicenceStatus] = mapped_column(enum_column(LicenceStatus),
                                                  default=LicenceStatus.ACTIVE, index=True)
    effective_date: Mapped[date] = mapped_column(Date)
    registration_due: Mapped[date] = mapped_column(Date, index=True)
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    registered_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)

    licensor: Mapped[Organization] = relationship(foreign_keys=[licensor_id])
    licensee: Mapped[Organization] = relationship(foreign_keys=[licensee_id])
    request: Mapped[LicenceRequest | None] = relationship(back_populates="licence")
    open_licence: Mapped[OpenLicence | None] = relationship()
    patents: Mapped[list[Patent]] = relationship(secondary="licence_patent",
                                                 order_by="Patent.application_number")
    payments_due: Mapped[list[PaymentDue]] = relationship(
        back_populates="licence", order_by="PaymentDue.due_date", cascade="all, delete-orphan")

    def can_view(self, user) -> bool:
        """The two parties and platform admins."""
        if getattr(user, "is_platform_admin", False):
            return True
        return getattr(user, "organization_id", None) in (self.licensor_id, self.licensee_id)

    def can_register(self, user) -> bool:
        """Either party's admin records the 备案 registration."""
        return getattr(user, "is_platform_admin", False) or (
            getattr(user, "is_org_admin", False)
            and user.organization_id in (self.licensor_id, self.licensee_id))

    def registration_state(self, today: date) -> str:
        """"registered", "overdue", "due_soon" (within REGISTRATION_WARNING_DAYS) or "due":
        how the 备案 registration stands on ``today``."""
        if self.registration_number:
            return "registered"
        if self.registration_due < today:
            return "overdue"
        if (self.registration_due - today).days <= REGISTRATION_WARNING_DAYS:
            return "due_soon"
        return "due"

    @property
    def reference(self) -> str:
        return f"L{self.id:06d}"


class PaymentDue(db.Model):
    """One entry of a licence's payment schedule: a fixed amount, or a royalty report
    (``amount`` None) whose sum follows from the licensee's figures."""

    __tablename__ = "licence_payment_due"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licence.id", ondelete="CASCADE"),
                                            index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    what: Mapped[str] = mapped_column(String(40))  # lump_sum, entry_fee, royalty_report, ...
    amount: Mapped[Decimal | None] = mapped_column(Money)

    licence: Mapped[Licence] = relationship(back_populates="payments_due")


licence_patent = db.Table(
    "licence_patent",
    db.Column("licence_id", ForeignKey("licence.id", ondelete="CASCADE"), primary_key=True),
    db.Column("patent_id", ForeignKey("patent.id"), primary_key=True, index=True),
)
