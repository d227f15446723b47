"""Patents: the application, its owners and inventors, IPC symbols and alliance tags.

Expiry and the next annual-fee date are derived from the kind and filing date (see
alliance.patent_terms); ``search_text`` is the lower-cased text the catalogue searches,
rebuilt by the service whenever the patent, its owners or its symbols change.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..patent_terms import next_annual_fee_date
from .types import RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .organisations import Organization
    from .users import User


class PatentKind(RichEnum):
    __labels__ = {
        "invention": _l("Invention"),
        "utility_model": _l("Utility model"),
        "design": _l("Design"),
    }

    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


class PatentStatus(RichEnum):
    __labels__ = {
        "pending": _l("Under examination"),
        "granted": _l("Granted"),
        "lapsed": _l("Lapsed"),
        "expired": _l("Expired"),
        "invalidated": _l("Invalidated"),
        "rejected": _l("Rejected"),
        "withdrawn": _l("Withdrawn"),
    }

    PENDING = "pending"
    GRANTED = "granted"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    INVALIDATED = "invalidated"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class TagSource(RichEnum):
    __labels__ = {"suggested": _l("Suggested"), "confirmed": _l("Confirmed")}

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"


class Patent(db.Model):
    """A Chinese patent or application, recorded by one of its owners."""

    __tablename__ = "patent"
    __table_args__ = (
        Index("ix_patent_published_kind_status", "is_published", "kind", "status"),
        CheckConstraint("term_extension_days >= 0", name="extension_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_number: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    abstract: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[PatentKind] = mapped_column(enum_column(PatentKind), index=True)
    status: Mapped[PatentStatus] = mapped_column(enum_column(PatentStatus), index=True)
    legal_status: Mapped[str] = mapped_column(String(60), default="")
    filing_date: Mapped[date | None] = mapped_column(Date, index=True)
    publication_date: Mapped[date | None] = mapped_column(Date)
    grant_date: Mapped[date | None] = mapped_column(Date)
    term_extension_days: Mapped[int] = mapped_column(default=0)
    expiry_date: Mapped[date | None] = mapped_column(Date, index=True)
    #: Published (a publication or grant date): public record, shown to everyone.
    is_published: Mapped[bool] = mapped_column(default=False)
    main_ipc: Mapped[str] = mapped_column(String(20), default="", index=True)
    #: Annual fees are paid up to (not including) this date; None when unknown.
    fees_paid_until: Mapped[date | None] = mapped_column(Date)
    pledgee: Mapped[str] = mapped_column(String(200), default="")
    pledgee_consents: Mapped[bool] = mapped_column(default=False)
    evaluation_report: Mapped[str] = mapped_column(String(100), default="")
    tags_confirmed: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    owners: Mapped[list[PatentOwner]] = relationship(
        back_populates="patent", order_by="PatentOwner.position", cascade="all, delete-orphan")
    inventors: Mapped[list[PatentInventor]] = relationship(
        back_populates="patent", order_by="PatentInventor.position",
        cascade="all, delete-orphan")
    ipc_symbols: Mapped[list[PatentIpc]] = relationship(
        back_populates="patent", order_by="PatentIpc.position", cascade="all, delete-orphan")
    tags: Mapped[list[PatentTag]] = relationship(
        back_populates="patent", cascade="all, delete-orphan")
    recorded_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Patent {self.application_number}>"

    @property
    def patent_number(self) -> str:
        return "ZL" + self.application_number

    @property
    def ipc(self) -> list[str]:
        return [row.symbol for row in self.ipc_symbols]

    @property
    def owner_org_ids(self) -> set[int]:
        return {o.organization_id for o in self.owners if o.organization_id is not None}

    def is_owned_by(self, user) -> bool:
        """Whether ``user`` belongs to one of the organisations that own the patent."""
        org_id = getattr(user, "organization_id", None)
        return org_id is not None and org_id in self.owner_org_ids

    def can_view(self, user) -> bool:
        """Published patents are public record; an unpublished application is seen only by
        people of its owning organisations."""
        return self.is_published or self.is_owned_by(user)

    def can_edit(self, user) -> bool:
        """An active organisation admin of an owning organisation, or a platform admin."""
        if getattr(user, "is_platform_admin", False):
            return True
        return bool(getattr(user, "is_org_admin", False)) and self.is_owned_by(user)

    def next_annual_fee_date(self, on: date | None = None) -> date | None:
        """The next filing anniversary on or after ``on`` (today) while a granted patent's
        term runs (annual fees are paid from the grant on)."""
        if self.filing_date is None or self.status is not PatentStatus.GRANTED:
            return None
        return next_annual_fee_date(self.filing_date, self.kind.value, on or date.today(),
                                    self.term_extension_days or 0)

    @property
    def confirmed_alliances(self) -> list[Alliance]:
        return [t.alliance for t in self.tags if t.source is TagSource.CONFIRMED]


class PatentOwner(db.Model):
    """An owner (applicant or patentee): an organisation on the platform or an outside
    owner named in ``name``; ``share`` is a percentage, the shares of a patent sum to 100."""

    __tablename__ = "patent_owner"
    __table_args__ = (
        UniqueConstraint("patent_id", "position"),
        CheckConstraint("share > 0 AND share <= 100", name="share_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int]
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"),
                                                        index=True)
    name: Mapped[str] = mapped_column(String(200))
    share: Mapped[Decimal] = mapped_column(Numeric(5, 2))

    patent: Mapped[Patent] = relationship(back_populates="owners")
    organization: Mapped[Organization | None] = relationship()


class PatentInventor(db.Model):
    """A named inventor (designer), optionally linked to the user who is that person."""

    __tablename__ = "patent_inventor"
    __table_args__ = (UniqueConstraint("patent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)

    patent: Mapped[Patent] = relationship(back_populates="inventors")
    user: Mapped[User | None] = relationship()


class PatentIpc(db.Model):
    """One IPC symbol of a patent; position 0 is the main symbol. ``subclass`` (H01M) and
    ``main_group`` (H01M 10/00) are kept for filtering."""

    __tablename__ = "patent_ipc"
    __table_args__ = (
        UniqueConstraint("patent_id", "position"),
        Index("ix_patent_ipc_subclass_patent", "subclass", "patent_id"),
        Index("ix_patent_ipc_main_group_patent", "main_group", "patent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(20))
    subclass: Mapped[str] = mapped_column(String(4))
    main_group: Mapped[str] = mapped_column(String(20))

    patent: Mapped[Patent] = relationship(back_populates="ipc_symbols")


class PatentTag(db.Model):
    """An alliance a patent serves: suggested from its IPC symbols and text, or confirmed by
    its owner."""

    __tablename__ = "patent_tag"
    __table_args__ = (
        UniqueConstraint("patent_id", "alliance_id"),
        Index("ix_patent_tag_alliance_patent", "alliance_id", "patent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"),
                                           index=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"))
    source: Mapped[TagSource] = mapped_column(enum_column(TagSource))
    score: Mapped[Decimal | None] = mapped_column(Numeric(4, 3))
    reasons: Mapped[str] = mapped_column(Text, default="")

    patent: Mapped[Patent] = relationship(back_populates="tags")
    alliance: Mapped[Alliance] = relationship()

    def reason_texts(self) -> list[str]:
        """Why the tag was suggested, in the reader's language."""
        from flask_babel import gettext

        return [gettext(template) % params for template, params in json.loads(self.reasons or "[]")]


class ClassificationMapping(db.Model):
    """Editable reference data: which alliance a strategic-emerging-industry category
    (``scheme`` "sei", key such as "5.1") or WIPO technology field ("wipo", "16") serves."""

    __tablename__ = "classification_mapping"
    __table_args__ = (UniqueConstraint("scheme", "key", "alliance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(10))
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"))
    note: Mapped[str] = mapped_column(String(300), default="")

    alliance: Mapped[Alliance] = relationship()
