"""What a person is told on the platform (in-app notifications), and whether each kind of
event also reaches them by email.

A notification keeps its event key and the parameters of its message, not the message: the
text is rendered when it is read, in the reader's language at that moment (see
alliance/services/notification_events.py). Its link is an endpoint and its values, built into
a URL when it is followed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_user_id_read_at", "user_id", "read_at"),
        Index("ix_notification_user_id_created_at", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    event: Mapped[str] = mapped_column(String(64))
    #: ids and names of the message; a name given in several languages is a dict
    #: {locale: text} and is read in the reader's language
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link_endpoint: Mapped[str | None] = mapped_column(String(100))
    link_values: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def can_view(self, user) -> bool:
        """A notification is its recipient's alone."""
        return user.is_authenticated and user.id == self.user_id

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.event} to {self.user_id}>"


class NotificationPreference(db.Model):
    """A person's own choice for one kind of event; without a row, the event's default
    applies."""

    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "event", name="uq_notification_preference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    event: Mapped[str] = mapped_column(String(64))
    email: Mapped[bool]
