"""Listings: patents (one or a portfolio) offered for licence, and open-licence
declarations (开放许可, Patent Law 2020 Arts. 50–52)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import Money, RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .organisations import Organization
    from .patents import Patent
    from .users import User


class LicenceKind(RichEnum):
    __labels__ = {
        "exclusive": _l("Exclusive (独占)"),
        "sole": _l("Sole (排他)"),
        "non_exclusive": _l("Non-exclusive (普通)"),
    }

    EXCLUSIVE = "exclusive"
    SOLE = "sole"
    NON_EXCLUSIVE = "non_exclusive"

    @property
    def is_exclusive_or_sole(self) -> bool:
        return self is not LicenceKind.NON_EXCLUSIVE


class RoyaltyKind(RichEnum):
    __labels__ = {
        "lump_sum": _l("Lump sum"),
        "running_percent": _l("Running royalty, percentage of net sales"),
        "running_per_unit": _l("Running royalty per unit"),
        "entry_plus_running": _l("Entry fee plus running royalty"),
        "milestones": _l("Milestone payments"),
    }

    LUMP_SUM = "lump_sum"
    RUNNING_PERCENT = "running_percent"
    RUNNING_PER_UNIT = "running_per_unit"
    ENTRY_PLUS_RUNNING = "entry_plus_running"
    MILESTONES = "milestones"


class ListingStatus(RichEnum):
    __labels__ = {
        "awaiting_consent": _l("Awaiting co-owners' consent"),
        "listed": _l("Listed"),
        "withdrawn": _l("Withdrawn"),
    }

    AWAITING_CONSENT = "awaiting_consent"
    LISTED = "listed"
    WITHDRAWN = "withdrawn"


class Visibility(RichEnum):
    __labels__ = {
        "public": _l("Everyone"),
        "alliance_members": _l("Members of the patents' alliances"),
    }

    PUBLIC = "public"
    ALLIANCE_MEMBERS = "alliance_members"


class RoyaltyTerms:
    """Columns shared by a listing's offer, a request's proposal and a licence: the royalty
    structure and its amounts (yuan as Decimal; ``running_rate`` in percent)."""

    royalty_kind: Mapped[RoyaltyKind | None] = mapped_column(enum_column(RoyaltyKind))
    lump_sum: Mapped[Decimal | None] = mapped_column(Money)
    entry_fee: Mapped[Decimal | None] = mapped_column(Money)
    running_rate: Mapped[Decimal | None] = mapped_column(Numeric(7, 4))
    per_unit: Mapped[Decimal | None] = mapped_column(Money)
    minimum_annual: Mapped[Decimal | None] = mapped_column(Money)
    milestones: Mapped[str] = mapped_column(Text, default="")


class Listing(RoyaltyTerms, db.Model):
    """What an owner offers: the patents, licence kinds, field, territory, term and price."""

    __tablename__ = "listing"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ListingStatus] = mapped_column(enum_column(ListingStatus), index=True)
    offers_exclusive: Mapped[bool] = mapped_column(default=False)
    offers_sole: Mapped[bool] = mapped_column(default=False)
    offers_non_exclusive: Mapped[bool] = mapped_column(default=True)
    sublicensing_allowed: Mapped[bool] = mapped_column(default=False)
    #: Fields of use offered, separated by ";"; empty means every field.
    fields_of_use: Mapped[str] = mapped_column(Text, default="")
    #: Territory offered: region names separated by ";"; empty means all of China.
    territory: Mapped[str] = mapped_column(Text, default="")
    term_months: Mapped[int | None]
    price_shown: Mapped[bool] = mapped_column(default=True)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility),
                                                   default=Visibility.PUBLIC)
    contact: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    listed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)

    organization: Mapped[Organization] = relationship()
    patents: Mapped[list[Patent]] = relationship(secondary="listing_patent",
                                                 order_by="Patent.application_number")
    consents: Mapped[list[ListingConsent]] = relationship(
        back_populates="listing", cascade="all, delete-orphan")
    created_by: Mapped[User | None] = relationship()

    def owner_org_ids(self) -> set[int]:
        """Every organisation on the platform that owns one of the listed patents."""
        return set().union(*(p.owner_org_ids for p in self.patents)) | {self.organization_id}

    def alliance_ids(self) -> set[int]:
        return {t.alliance_id for p in self.patents for t in p.tags
                if t.source.value == "confirmed"}

    def can_manage(self, user) -> bool:
        """An admin of the listing organisation, or a platform admin."""
        if getattr(user, "is_platform_admin", False):
            return True
        return bool(getattr(user, "is_org_admin", False)) \
            and user.organization_id == self.organization_id

    def can_view(self, user) -> bool:
        """Owners and platform admins always; others once it is listed, and for a listing
        limited to alliance members only people of a member organisation of one of the
        patents' alliances."""
        org_id = getattr(user, "organization_id", None)
        if getattr(user, "is_platform_admin", False) or org_id in self.owner_org_ids():
            return True
        if self.status is not ListingStatus.LISTED:
            return False
        if self.visibility is Visibility.PUBLIC:
            return True
        if org_id is None:
            return False
        from .memberships import Membership, MembershipStatus

        return db.session.scalar(db.select(db.func.count()).select_from(Membership).where(
            Membership.organization_id == org_id,
            Membership.status == MembershipStatus.ACTIVE,
            Membership.alliance_id.in_(self.alliance_ids() or {-1}))) > 0

    def can_request(self, user) -> bool:
        """An admin of an organisation that owns none of the patents, on a listing it may
        see."""
        if not getattr(user, "is_org_admin", False) or user.organization_id is None:
            return False
        return user.organization_id not in self.owner_org_ids() \
            and self.status is ListingStatus.LISTED and self.can_view(user)

    @property
    def offered_kinds(self) -> list[LicenceKind]:
        flags = ((LicenceKind.EXCLUSIVE, self.offers_exclusive),
                 (LicenceKind.SOLE, self.offers_sole),
                 (LicenceKind.NON_EXCLUSIVE, self.offers_non_exclusive))
        return [kind for kind, offered in flags if offered]


listing_patent = db.Table(
    "listing_patent",
    db.Column("listing_id", ForeignKey("listing.id", ondelete="CASCADE"), primary_key=True),
    db.Column("patent_id", ForeignKey("patent.id"), primary_key=True, index=True),
)


class ConsentStatus(RichEnum):
    __labels__ = {"pending": _l("Awaiting answer"), "given": _l("Given"), "refused": _l("Refused")}

    PENDING = "pending"
    GIVEN = "given"
    REFUSED = "refused"


class ListingConsent(db.Model):
    """A co-owning organisation's consent to a listing of a patent it shares."""

    __tablename__ = "listing_consent"
    __table_args__ = (UniqueConstraint("listing_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listing.id", ondelete="CASCADE"),
                                            index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    status: Mapped[ConsentStatus] = mapped_column(enum_column(ConsentStatus),
                                                  default=ConsentStatus.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    listing: Mapped[Listing] = relationship(back_populates="consents")
    organization: Mapped[Organization] = relationship()


class OpenLicenceStatus(RichEnum):
    __labels__ = {"declared": _l("Declared"), "withdrawn": _l("Withdrawn")}

    DECLARED = "declared"
    WITHDRAWN = "withdrawn"


DECLARED = text("status = 'declared'")


class OpenLicence(db.Model):
    """An open-licence declaration on a granted patent: the published fee method and
    standard and the licence term. At most one declared at a time per patent."""

    __tablename__ = "open_licence"
    __table_args__ = (
        Index("uq_open_licence_declared_per_patent", "patent_id", unique=True,
              sqlite_where=DECLARED, postgresql_where=DECLARED),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    status: Mapped[OpenLicenceStatus] = mapped_column(enum_column(OpenLicenceStatus),
                                                      default=OpenLicenceStatus.DECLARED)
    fee_method: Mapped[str] = mapped_column(Text)
    fee_standard: Mapped[str] = mapped_column(Text)
    royalty_kind: Mapped[RoyaltyKind] = mapped_column(enum_column(RoyaltyKind))
    lump_sum: Mapped[Decimal | None] = mapped_column(Money)
    running_rate: Mapped[Decimal | None] = mapped_column(Numeric(7, 4))
    per_unit: Mapped[Decimal | None] = mapped_column(Money)
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    evaluation_report: Mapped[str] = mapped_column(String(100), default="")
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    patent: Mapped[Patent] = relationship()
    organization: Mapped[Organization] = relationship()
