"""Server-side login sessions: started at login, checked on every request, ended by logout,
a password change (the others), a password reset or a deactivation (all)."""

from __future__ import annotations

from datetime import timedelta

from flask import request, session
from sqlalchemy import update

from ..extensions import db
from ..models import User, UserSession
from ..models.sessions import hash_session_token
from ..models.types import utcnow
from .audit import record

SESSION_KEY = "_sid"
SEEN_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often


def start(user: User) -> UserSession:
    """Record a new session for ``user`` and put its token in the (signed) cookie."""
    client = request.access_route[0] if request.access_route else (request.remote_addr or "")
    record_, token = UserSession.start(user, request.headers.get("User-Agent", ""), client)
    db.session.add(record_)
    db.session.flush()
    session[SESSION_KEY] = token
    return record_


def current() -> UserSession | None:
    """The live session record behind this request's cookie, if any."""
    token = session.get(SESSION_KEY)
    if not token or not isinstance(token, str):
        return None
    return db.session.scalar(db.select(UserSession).where(
        UserSession.token_hash == hash_session_token(token), UserSession.ended_at.is_(None)))


def check(user: User) -> bool:
    """Whether this request's cookie carries a live session of ``user``; notes that it was
    seen (at most once a minute, to keep writes rare)."""
    live = current()
    if live is None or live.user_id != user.id:
        return False
    now = utcnow()
    pending = db.session.new or db.session.dirty or db.session.deleted
    if now - live.last_seen_at >= SEEN_EVERY and not pending:
        # the user is loaded before the view changes anything; never commit its changes
        db.session.execute(update(UserSession).where(UserSession.id == live.id)
                           .values(last_seen_at=now))
        db.session.commit()
    return True


def end_current() -> None:
    live = current()
    if live is not None:
        live.ended_at = utcnow()
        db.session.flush()
    session.pop(SESSION_KEY, None)


def end_sessions(user: User, keep: UserSession | None = None) -> int:
    """End every live session of ``user`` but ``keep``; returns how many ended."""
    stmt = update(UserSession).where(UserSession.user_id == user.id,
                                     UserSession.ended_at.is_(None))
    if keep is not None:
        stmt = stmt.where(UserSession.id != keep.id)
    ended = db.session.execute(stmt.values(ended_at=utcnow())).rowcount
    db.session.flush()
    return ended


def sessions_of(user: User) -> list[UserSession]:
    """The user's live sessions, most recently seen first."""
    return list(db.session.scalars(
        db.select(UserSession).where(UserSession.user_id == user.id,
                                     UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())))


def end_other(actor: User, target: UserSession) -> bool:
    """End one of the actor's own sessions from the list; False if it had already ended."""
    ended = db.session.execute(
        update(UserSession).where(UserSession.id == target.id,
                                  UserSession.user_id == actor.id,
                                  UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())).rowcount
    if ended:
        record(actor, "user.session_ended", actor, None,
               {"session": target.id, "user_agent": target.user_agent})
    return bool(ended)
