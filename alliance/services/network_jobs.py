"""Background computation of the network measures, so no request waits for them.

With REDIS_URL set the job goes to the RQ queue ``network`` (``make worker`` starts a worker;
the job creates the app itself). Without Redis the web process runs it in a thread of its
own (its memory cache is where the page reads it), unless NETWORK_BACKGROUND is off (the
default under TESTING), in which case ``flask graph compute`` computes inline.
A *running* marker, cached with the version being computed, tells the page that a newer
computation is under way.
"""

from __future__ import annotations

import threading

from flask import current_app, has_app_context

from ..extensions import cache
from ..models.types import utcnow
from . import network

QUEUE = "network"
JOB_TIMEOUT = 3600  # seconds
RUNNING_TIMEOUT = 1800  # seconds after which a silent job no longer counts as running


def _running_key(scope: str | None) -> str:
    return f"network:running:{network.scope_key(scope)}"


def running(scope: str | None) -> dict | None:
    """``{"version", "since"}`` of the computation under way for a scope, or None."""
    return cache.get(_running_key(scope))


def connection():
    """The Redis connection of the queue (REDIS_URL)."""
    import redis

    return redis.Redis.from_url(current_app.config["REDIS_URL"])


def queue(conn=None):
    """The RQ queue the network jobs go to."""
    from rq import Queue

    return Queue(QUEUE, connection=conn or connection())


def request_compute(scope: str | None, version: str) -> str | None:
    """Start computing the measures of a scope unless a computation of ``version`` is
    already running; returns how: "rq", "thread", or None (nothing started)."""
    under_way = running(scope)
    if under_way is not None and under_way["version"] == version:
        return None
    config = current_app.config
    if config.get("REDIS_URL"):
        how = "rq"
    elif config.get("NETWORK_BACKGROUND", not current_app.testing):
        how = "thread"
    else:
        return None
    cache.set(_running_key(scope), {"version": version, "since": utcnow()},
              timeout=RUNNING_TIMEOUT)
    if how == "rq":
        import redis

        try:
            queue().enqueue(run_job, scope,
                            job_id=f"network-{network.scope_key(scope)}-{version}",
                            job_timeout=JOB_TIMEOUT, result_ttl=3600, failure_ttl=24 * 3600)
        except redis.exceptions.RedisError as error:
            current_app.logger.warning("network job for %s not queued: %s",
                                       network.scope_key(scope), error)
            cache.delete(_running_key(scope))
            return None
    else:
        app = current_app._get_current_object()
        threading.Thread(target=_in_app, args=(app, scope), daemon=True,
                         name=f"network-{network.scope_key(scope)}").start()
    return how


def _in_app(app, scope: str | None) -> dict:
    with app.app_context():
        return _compute(scope)


def _compute(scope: str | None) -> dict:
    try:
        result = network.compute(scope)
    finally:
        cache.delete(_running_key(scope))
    return {"scope": scope, "version": result["version"], "seconds": result["seconds"],
            "nodes": result["panel"]["network"].get("nodes", 0)}


def run_job(scope: str | None) -> dict:
    """The RQ job: compute and cache the measures of a scope; returns a short summary.
    A worker has no app: it creates one (settings from the environment)."""
    if has_app_context():
        return _compute(scope)
    from .. import create_app

    return _in_app(create_app(), scope)
