"""Patent pools of an alliance: the markets a pool licenses, members' patents declared
essential to them, the income collected per market and period, and allocation runs.

A member is an organisation with a declaration in force (not withdrawn). A run allocates
one period's incomes of a pool and is unique per (pool, period): a second run of the same
period hits the unique key. ``PoolRun.basis`` keeps the numbers the run used (incomes and
counts n_ic per market, the agreement version of each member's chain).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .memberships import Membership, MembershipStatus
from .types import Money, RichEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .alliances import Alliance
    from .organisations import Organization
    from .patents import Patent
    from .users import User


def is_member(alliance_id: int, org_id: int | None) -> bool:
    """Whether the organisation is an active member of the alliance."""
    if org_id is None:
        return False
    return db.session.query(Membership.id).filter_by(
        organization_id=org_id, alliance_id=alliance_id,
        status=MembershipStatus.ACTIVE).first() is not None


def may_see_pools(alliance: Alliance, user) -> bool:
    """An alliance's pools are seen by people of its member organisations, its
    coordinators and platform admins."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return alliance.can_manage(user) or is_member(alliance.id, user.organization_id)


class PoolStatus(RichEnum):
    __labels__ = {"open": _l("Open for contributions"), "closed": _l("Closed")}

    OPEN = "open"
    CLOSED = "closed"


class PatentPool(db.Model):
    """A patent pool run by an alliance; its administrators are the alliance's
    coordinators and the platform administrators."""

    __tablename__ = "patent_pool"
    __table_args__ = (UniqueConstraint("alliance_id", "name", name="uq_patent_pool_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PoolStatus] = mapped_column(enum_column(PoolStatus),
                                               default=PoolStatus.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    alliance: Mapped[Alliance] = relationship()
    markets: Mapped[list[PoolMarket]] = relationship(
        back_populates="pool", order_by="PoolMarket.position", cascade="all, delete-orphan")

    def is_member_org(self, org_id: int | None) -> bool:
        """Whether the organisation is an active member of the pool's alliance."""
        return is_member(self.alliance_id, org_id)

    def can_manage(self, user) -> bool:
        """Create, record income and run allocations: the alliance's coordinators and
        platform admins."""
        return getattr(user, "is_authenticated", False) and self.alliance.can_manage(user)

    def can_view(self, user) -> bool:
        return may_see_pools(self.alliance, user)

    def can_declare(self, user) -> bool:
        """An active admin of a member organisation, while the pool is open."""
        return self.status is PoolStatus.OPEN and getattr(user, "is_org_admin", False) \
            and user.active and self.is_member_org(user.organization_id)


class PoolMarket(db.Model):
    """A product or country the pool licenses (a market c of the formula)."""

    __tablename__ = "pool_market"
    __table_args__ = (UniqueConstraint("pool_id", "name", name="uq_pool_market_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("patent_pool.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))

    pool: Mapped[PatentPool] = relationship(back_populates="markets")


class PoolDeclaration(db.Model):
    """A member organisation's patent declared essential to one market; in force until
    withdrawn. At most one declaration in force per organisation, patent and market."""

    __tablename__ = "pool_declaration"
    __table_args__ = (
        Index("uq_pool_declaration_in_force", "market_id", "patent_id", "organization_id",
              unique=True, sqlite_where=text("withdrawn_at IS NULL"),
              postgresql_where=text("withdrawn_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("patent_pool.id", ondelete="CASCADE"),
                                         index=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("pool_market.id", ondelete="CASCADE"),
                                           index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id"), index=True)
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pool: Mapped[PatentPool] = relationship()
    market: Mapped[PoolMarket] = relationship()
    organization: Mapped[Organization] = relationship()
    patent: Mapped[Patent] = relationship()

    def can_view(self, user) -> bool:
        return self.pool.can_view(user)

    def can_withdraw(self, user) -> bool:
        """An active admin of the declaring organisation, or the pool's administrators."""
        if self.withdrawn_at is not None:
            return False
        own = getattr(user, "is_org_admin", False) and user.active \
            and user.organization_id == self.organization_id
        return bool(own) or self.pool.can_manage(user)


class PoolRun(db.Model):
    """The one allocation of a pool's incomes of a period."""

    __tablename__ = "pool_run"
    __table_args__ = (UniqueConstraint("pool_id", "period", name="uq_pool_run_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("patent_pool.id"), index=True)
    period: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: {"markets": [{"id", "name", "income", "counts": {org id: n}}],
    #:  "allocations": {org id: yuan}, "versions": {org id: agreement version id}}
    basis: Mapped[dict] = mapped_column(JSON, default=dict)

    pool: Mapped[PatentPool] = relationship()
    actor: Mapped[User | None] = relationship()

    def can_view(self, user) -> bool:
        return self.pool.can_view(user)


class PoolIncome(db.Model):
    """Income the pool collected for one market and period, in yuan; ``run_id`` is set
    once a run allocated it."""

    __tablename__ = "pool_income"

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("patent_pool.id", ondelete="CASCADE"),
                                         index=True)
    market_id: Mapped[int] = mapped_column(ForeignKey("pool_market.id"), index=True)
    period: Mapped[str] = mapped_column(String(20), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    received_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pool_run.id"), index=True)

    pool: Mapped[PatentPool] = relationship()
    market: Mapped[PoolMarket] = relationship()
