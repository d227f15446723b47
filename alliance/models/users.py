"""People who log in, their roles, and invitations to join an organisation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .alliances import Alliance, Coordinatorship
from .organisations import Organization
from .types import RichEnum, UTCDateTime, enum_column, utcnow


class Role(RichEnum):
    """The stored role: a platform administrator, or an organisation's administrator or
    member. Coordinating an alliance is not a role but a fact of active Coordinatorship rows
    (``User.coordinated_alliances``)."""

    __labels__ = {
        "platform_admin": _l("Platform administrator"),
        "org_admin": _l("Organisation administrator"),
        "member": _l("Member"),
    }

    PLATFORM_ADMIN = "platform_admin"
    ORG_ADMIN = "org_admin"
    MEMBER = "member"


COORDINATOR_LABEL = _l("Alliance coordinator")


def normalize_email(email: str) -> str:
    return email.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    email_normalized: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id"), index=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.MEMBER)
    active: Mapped[bool] = mapped_column(default=True)
    locked_by_platform: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[str | None] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization | None] = relationship(
        back_populates="users", foreign_keys=[organization_id]
    )
    coordinatorships: Mapped[list[Coordinatorship]] = relationship(
        back_populates="user", foreign_keys="Coordinatorship.user_id"
    )

    @validates("email")
    def _keep_normalized(self, key, value):
        self.email_normalized = normalize_email(value)
        return value.strip()

    @staticmethod
    def hash_password(password: str) -> str:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        return generate_password_hash(password, method=method)

    def set_password(self, password: str) -> None:
        self.password_hash = self.hash_password(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Session identity: the id plus a fingerprint of the password hash, so changing the
        password ends every other session of this account."""
        fingerprint = hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]
        return f"{self.id}:{fingerprint}"

    @classmethod
    def from_session_id(cls, session_id: str) -> User | None:
        user_id, _sep, fingerprint = session_id.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(cls, int(user_id))
        if user is None or user.get_id() != session_id:
            return None
        return user

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_platform_admin(self) -> bool:
        return self.role is Role.PLATFORM_ADMIN

    @property
    def is_org_admin(self) -> bool:
        return self.role is Role.ORG_ADMIN

    def coordinated_alliances(self):
        return [c.alliance for c in self.coordinatorships if c.active]

    @property
    def role_label(self):
        """What the person is, in words: a plain member who coordinates an alliance is shown
        as its coordinator."""
        if self.role is Role.MEMBER and self.coordinated_alliances():
            return COORDINATOR_LABEL
        return self.role.label

    def can_administer_platform(self) -> bool:
        return self.active and self.is_platform_admin

    @classmethod
    def find_by_email(cls, email: str) -> User | None:
        return db.session.scalar(
            db.select(cls).where(cls.email_normalized == normalize_email(email))
        )

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class AnonymousUser(AnonymousUserMixin):
    id = None
    organization_id = None
    active = False
    role = None
    is_platform_admin = False
    is_org_admin = False
    coordinatorships: list = []

    def coordinated_alliances(self):
        return []

    def can_administer_platform(self) -> bool:
        return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(db.Model):
    """A one-time link that brings a person onto the platform: either into an organisation
    (made by its admin, ``organization_id``) or, without an organisation, as coordinator of
    an alliance (made by a platform admin, ``alliance_id``, always bound to an email).

    Only the SHA-256 of the token is stored; the link itself is shown once to its creator
    (and mailed to the address, if one is given).
    """

    __tablename__ = "invitation"
    __table_args__ = (
        CheckConstraint(
            "(organization_id IS NOT NULL AND alliance_id IS NULL) OR "
            "(organization_id IS NULL AND alliance_id IS NOT NULL AND email <> '')",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"),
                                                        index=True)
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliance.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.MEMBER)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship()
    alliance: Mapped[Alliance | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    @classmethod
    def issue(cls, organization, created_by, role: Role, email: str, days: int,
              alliance=None):
        """Make an invitation and return it with its plain token (never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls(
            organization=organization,
            alliance=alliance,
            created_by=created_by,
            role=role,
            email=email.strip(),
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(days=days),
        )
        return invitation, token

    @classmethod
    def find_by_token(cls, token: str) -> Invitation | None:
        return db.session.scalar(db.select(cls).where(cls.token_hash == hash_token(token)))

    @property
    def is_for_coordination(self) -> bool:
        return self.alliance_id is not None

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def creator_may_invite(self) -> bool:
        """An organisation's link needs a creator who may still invite for it; a
        coordinator's link needs a creator who is still a platform administrator."""
        if self.is_for_coordination:
            return self.created_by.can_administer_platform()
        return self.organization.can_invite(self.created_by)

    @property
    def is_usable(self) -> bool:
        """Open, unexpired, and its creator still has the right to make it (a link dies
        with its creator's rights)."""
        return self.is_open and self.expires_at > utcnow() and self.creator_may_invite()

    def can_view(self, user) -> bool:
        """An organisation's invitations are its admins' (and platform admins') business;
        coordinators' invitations are the platform admins' only."""
        if self.is_for_coordination:
            return user.is_authenticated and user.can_administer_platform()
        return self.organization.can_edit(user)

    def can_revoke(self, user) -> bool:
        return self.is_open and self.can_view(user)
