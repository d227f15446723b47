"""Read caches for what every public page shows and rarely changes: the ten alliances and
their member counts. Redis (shared by all workers) when REDIS_URL is set, else one process's
memory. A change drops the cached value only once its transaction has committed, so no
request can cache the old state again in between."""

from __future__ import annotations

from sqlalchemy import event

from .extensions import cache, db

PENDING = "alliance_cache_stale"
TTL_SECONDS = 300  # a safety net: changes drop their keys at once


def cached(key: str, compute, timeout: int = TTL_SECONDS):
    """The value cached under ``key``, computed and stored on a miss (for ``timeout``
    seconds)."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


def drop_after_commit(*keys: str) -> None:
    """Forget ``keys`` when the current transaction commits (a rollback keeps them)."""
    db.session.info.setdefault(PENDING, set()).update(keys)


def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return
    keys = session.info.pop(PENDING, None)
    if keys:
        cache.delete_many(*keys)


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def init_app(app) -> None:
    redis_url = app.config.get("REDIS_URL")
    app.config.setdefault("CACHE_TYPE", "RedisCache" if redis_url else "SimpleCache")
    app.config.setdefault("CACHE_REDIS_URL", redis_url)
    app.config.setdefault("CACHE_KEY_PREFIX", "alliance:")
    cache.init_app(app)
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", _after_soft_rollback)
