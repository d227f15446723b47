"""The province's targets for the strategic emerging industries (one row; defaults when
absent): the baseline year, the multiplier and the target year of the 2012 opinions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

DEFAULT_BASELINE_YEAR = 2010
DEFAULT_MULTIPLIER = Decimal("3")
DEFAULT_TARGET_YEAR = 2015


class ProvinceTarget(db.Model):
    """Targets: by ``target_year`` the baseline year's level × ``multiplier``."""

    __tablename__ = "province_target"
    __table_args__ = (
        CheckConstraint("multiplier > 0", name="multiplier_positive"),
        CheckConstraint("target_year > baseline_year", name="target_after_baseline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_year: Mapped[int] = mapped_column(default=DEFAULT_BASELINE_YEAR)
    multiplier: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=DEFAULT_MULTIPLIER)
    target_year: Mapped[int] = mapped_column(default=DEFAULT_TARGET_YEAR)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
