"""The ten alliances and their coordinators (secretariats)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .bilingual import Bilingual, is_english
from .types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .memberships import Membership
    from .users import User


class AllianceNames(Bilingual):
    """The names of an alliance in the current language (the model and its cached view)."""

    @property
    def full_name(self) -> str:
        """The alliance's formal title, e.g. 生物化工产业知识产权联盟."""
        if is_english():
            return f"{self.name_en} IP Alliance"
        return f"{self.name_zh}产业知识产权联盟"


@dataclass(frozen=True)
class AllianceView(AllianceNames):
    """An alliance as lists show it: plain data, safe to cache and share between requests."""

    id: int
    code: str
    name_zh: str
    name_en: str
    position: int


class Alliance(AllianceNames, db.Model):
    __tablename__ = "alliance"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(150))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list[Membership]] = relationship(back_populates="alliance")
    coordinatorships: Mapped[list[Coordinatorship]] = relationship(back_populates="alliance")

    def view(self) -> AllianceView:
        return AllianceView(self.id, self.code, self.name_zh, self.name_en, self.position)

    @property
    def description(self) -> str:
        if is_english() and self.description_en:
            return self.description_en
        return self.description_zh

    def active_coordinators(self) -> list[User]:
        return [c.user for c in self.coordinatorships if c.active and c.user.active]

    def is_coordinated_by(self, user: User) -> bool:
        return any(c.user_id == user.id and c.active for c in self.coordinatorships)

    def can_manage(self, user: User) -> bool:
        """Approve members and see requests: its coordinators and platform admins."""
        if not user.is_authenticated or not user.active:
            return False
        return user.is_platform_admin or self.is_coordinated_by(user)

    def __repr__(self) -> str:
        return f"<Alliance {self.code}>"


class Coordinatorship(db.Model):
    """A user appointed by a platform admin to coordinate one alliance (its secretariat).
    Being a coordinator is nothing but having an active row here."""

    __tablename__ = "coordinatorship"
    __table_args__ = (UniqueConstraint("user_id", "alliance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliance.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    appointed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], back_populates="coordinatorships")
    alliance: Mapped[Alliance] = relationship(back_populates="coordinatorships")
