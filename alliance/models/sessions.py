"""Login sessions kept on the server, so that logging out (or a password change, or a
deactivation) really ends them: the cookie carries only a random token whose SHA-256 is
stored here."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


def hash_session_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UserSession(db.Model):
    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    ip_address: Mapped[str] = mapped_column(String(45), default="")

    user = relationship("User")

    @classmethod
    def start(cls, user, user_agent: str, ip_address: str) -> tuple[UserSession, str]:
        """A new session record and its token (only the hash is kept)."""
        token = secrets.token_urlsafe(32)
        record = cls(user_id=user.id, token_hash=hash_session_token(token),
                     user_agent=(user_agent or "")[:200], ip_address=(ip_address or "")[:45])
        return record, token

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def can_view(self, user) -> bool:
        return user.is_authenticated and user.id == self.user_id
