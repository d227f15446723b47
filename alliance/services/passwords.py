"""Setting a new password by email when the old one is forgotten.

The link carries a token signed with the app's SECRET_KEY (itsdangerous, its own salt) that
names the account and a fingerprint of its current password hash. It expires after
PASSWORD_RESET_MINUTES, and it is single-use: setting a password (by this link or any other
way) changes the hash, so the fingerprint no longer matches. Nothing is stored.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..mailer import external_url
from ..models import User
from . import Conflict, ServiceError, notifications
from .accounts import check_password_rules
from .audit import record
from .sessions import end_sessions
from .transitions import compare_and_set

SALT = "alliance.password-reset"

EXPIRED = _l("This link has expired. Ask for a new one below.")
INVALID = _l("This link is not valid. Check that you copied all of it, or ask for a new one "
             "below.")
SPENT = _l("This link has already been used, or the password was changed since it was sent. "
           "Ask for a new one below.")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(f"{SALT}:{password_hash}".encode()).hexdigest()[:32]


def minutes_valid() -> int:
    return current_app.config["PASSWORD_RESET_MINUTES"]


def make_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "hash": _fingerprint(user.password_hash)})


def request_reset(email: str) -> None:
    """Mail a reset link when an active account has ``email``; do nothing otherwise. The
    caller answers the same either way, so the form reveals no account."""
    user = User.find_by_email(email)
    if user is None or not user.active:
        return
    link = external_url("auth.reset_password", token=make_token(user))
    if link is not None:
        notifications.password_reset(user, link, minutes_valid())


def user_for_token(token: str) -> User:
    """The account a reset link is for; ServiceError when the link is forged or damaged
    (400), expired, spent, or its account deactivated (410)."""
    try:
        data = _serializer().loads(token, max_age=minutes_valid() * 60)
    except SignatureExpired as exc:
        raise ServiceError(EXPIRED, 410) from exc
    except BadSignature as exc:
        raise ServiceError(INVALID, 400) from exc
    user_id = data.get("user") if isinstance(data, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise ServiceError(INVALID, 400)
    if not user.active or data.get("hash") != _fingerprint(user.password_hash):
        raise ServiceError(SPENT, 410)
    return user


def reset_password(token: str, new: str) -> User:
    """Set the password of the link's account. The hash is replaced by compare-and-set, so
    of two uses of one link at the same moment only one succeeds; every session of the
    account ends."""
    user = user_for_token(token)
    check_password_rules(new)
    if not compare_and_set(user, User.password_hash, user.password_hash,
                           password_hash=User.hash_password(new)):
        raise Conflict(SPENT, 410)
    ended = end_sessions(user)
    record(user, "user.password_reset", user, None, {"sessions_ended": ended})
    return user
