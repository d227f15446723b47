"""Observed collaboration ties between organisations (co-applied patents)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class CoApplicationTie(db.Model):
    """Two organisations that applied for patents together; ``weight`` counts the patents.

    Stored once per pair with ``organization_a_id < organization_b_id``.
    """

    __tablename__ = "co_application_tie"
    __table_args__ = (
        UniqueConstraint("organization_a_id", "organization_b_id"),
        CheckConstraint("organization_a_id < organization_b_id", name="ordered_pair"),
        CheckConstraint("weight > 0", name="positive_weight"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_a_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    organization_b_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    weight: Mapped[int]
    first_year: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(200), default="")

    organization_a = relationship("Organization", foreign_keys=[organization_a_id])
    organization_b = relationship("Organization", foreign_keys=[organization_b_id])
