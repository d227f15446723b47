"""Royalty reports, payments received, and the ledger a distribution run posts.

Ledger entries are never updated: a correction is a reversal entry (``reverses_id``) plus a
new entry. A payment is distributed at most once: ``DistributionRun.payment_id`` is unique.
Each entry comes from exactly one source: a licence payment (``payment_id``) or a patent-pool
allocation run (``pool_run_id``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import Money, UTCDateTime, utcnow

if TYPE_CHECKING:
    from .licensing import Licence


class RoyaltyReport(db.Model):
    """A licensee's report for a period (dates inclusive) and the royalty due it computes;
    ``lines`` keeps each step of the calculation (template, params, amount)."""

    __tablename__ = "royalty_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licence.id", ondelete="CASCADE"),
                                            index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    net_sales: Mapped[Decimal | None] = mapped_column(Money)
    units: Mapped[int | None]
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due: Mapped[Decimal] = mapped_column(Money)
    lines: Mapped[list] = mapped_column(JSON, default=list)

    licence: Mapped[Licence] = relationship()


class Payment(db.Model):
    """A payment the licensor received from the licensee, in yuan."""

    __tablename__ = "royalty_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licence.id", ondelete="CASCADE"),
                                            index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    distributed: Mapped[bool] = mapped_column(default=False)

    licence: Mapped[Licence] = relationship()
    run: Mapped[DistributionRun | None] = relationship(back_populates="payment")


class DistributionRun(db.Model):
    """The one distribution of a payment; ``agreement_version_id`` is the version that
    decided the licensors' shares (None: co-ownership shares of the licensed patents)."""

    __tablename__ = "distribution_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("royalty_payment.id"), unique=True)
    agreement_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement_version.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="run")
    entries: Mapped[list[LedgerEntry]] = relationship(back_populates="run",
                                                      order_by="LedgerEntry.id")


class LedgerEntry(db.Model):
    """``amount`` yuan moved from the ``debit`` account to the ``credit`` account at ``step``
    of the chain, for the payment or the pool allocation run it came from (exactly one).
    Never updated."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        CheckConstraint("(payment_id IS NULL) <> (pool_run_id IS NULL)", name="one_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("royalty_payment.id"),
                                                   index=True)
    pool_run_id: Mapped[int | None] = mapped_column(ForeignKey("pool_run.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("distribution_run.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    debit: Mapped[str] = mapped_column(String(200), index=True)
    credit: Mapped[str] = mapped_column(String(200), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"),
                                                    unique=True)

    run: Mapped[DistributionRun | None] = relationship(back_populates="entries")
