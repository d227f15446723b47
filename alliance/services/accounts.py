"""Accounts: creating one (by registration, invitation or the command line), its password
and its owner's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Organization, Role, User
from ..text import clean_text, is_lookalike_email
from . import Conflict, ServiceError
from .audit import record, snapshot

USER_FIELDS = ["email", "name", "organization_id", "role", "active", "preferred_language"]
LOOKALIKE_EMAIL = _l("This address mixes letters of different scripts (for example a Cyrillic "
                     "а for a Latin a). Type it again in one script.")
PASSWORD_MIN = 10
PASSWORD_MAX = 200


def email_taken(email: str) -> bool:
    return User.find_by_email(email) is not None


def platform_admins() -> list[User]:
    """The active platform administrators (the provincial office)."""
    return list(db.session.scalars(
        db.select(User).where(User.role == Role.PLATFORM_ADMIN, User.active.is_(True))
        .order_by(User.id)
    ))


def check_password_rules(password: str) -> None:
    """The one password rule, for every way an account gets a password."""
    if not PASSWORD_MIN <= len(password or "") <= PASSWORD_MAX:
        raise ServiceError(_l("Use at least %(min)d characters (at most %(max)d).",
                              min=PASSWORD_MIN, max=PASSWORD_MAX))


def create_user(email: str, name: str, password: str, role: Role,
                organization: Organization | None = None, language: str | None = None) -> User:
    """A new account (added to the session, not flushed). Names are cleaned like form
    input (``alliance.text``); a look-alike address is refused."""
    email, name = clean_text(email), clean_text(name)
    if is_lookalike_email(email):
        raise ServiceError(LOOKALIKE_EMAIL, field="email")
    check_password_rules(password)
    if email_taken(email):
        raise Conflict(_l("An account with this email already exists."))
    user = User(email=email, name=name, role=role, organization=organization,
                preferred_language=language)
    user.set_password(password)
    db.session.add(user)
    return user


def create_platform_admin(email: str, name: str, password: str, *,
                          reset_password: bool = False) -> tuple[User, bool]:
    """Create a platform administrator, or make an existing account one. The password of an
    existing account is replaced only when ``reset_password`` is asked. Returns (user,
    created)."""
    user = User.find_by_email(email)
    if user is None:
        user = create_user(email, name, password, Role.PLATFORM_ADMIN)
        db.session.flush()
        record(None, "user.created_admin", user, None, snapshot(user, USER_FIELDS))
        return user, True
    if not reset_password and not user.check_password(password):
        raise Conflict(_l("An account with this email already exists; its password is kept "
                          "unless you ask to reset it (--reset-password)."))
    before = snapshot(user, USER_FIELDS)
    user.role = Role.PLATFORM_ADMIN
    if reset_password:
        check_password_rules(password)
        user.set_password(password)
    db.session.flush()
    record(None, "user.promoted_admin", user, before, snapshot(user, USER_FIELDS))
    return user, False


def change_password(user: User, current: str, new: str, keep=None) -> None:
    """Replace the password; every session of the user but ``keep`` (this one) ends."""
    from .sessions import end_sessions

    if not user.check_password(current):
        raise ServiceError(_l("Your current password is not correct."), field="current")
    if new == current:
        raise ServiceError(_l("Choose a new password that differs from the current one."),
                           field="password")
    check_password_rules(new)
    user.set_password(new)
    db.session.flush()
    ended = end_sessions(user, keep=keep)
    record(user, "user.password_changed", user, None, {"other_sessions_ended": ended})


def set_language(user: User, language: str) -> None:
    """Remember the user's language; choosing the one already set changes nothing."""
    if user.preferred_language == language:
        return
    before = {"preferred_language": user.preferred_language}
    user.preferred_language = language
    db.session.flush()
    record(user, "user.language_changed", user, before, {"preferred_language": language})
