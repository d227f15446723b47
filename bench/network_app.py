"""The app as the network page benchmark serves it: ``create_app()`` of alliance, with the
cache keys under BENCH_CACHE_PREFIX (a Redis shared with other work keeps them apart), and
the measures of the scopes in BENCH_NETWORK_COMPUTE (comma-separated: ``province`` or
alliance codes) computed once, inline, by the service the CLI runs
(alliance.services.network.compute). Served with ``gunicorn --preload`` the factory runs
once, in the master: with Redis the results go to Redis, without it they are in the
master's memory cache, which every forked worker inherits.
"""

from __future__ import annotations

import os
import sys

import alliance


def create_app():
    """The app, with the measures of BENCH_NETWORK_COMPUTE cached before it serves."""
    app = alliance.create_app({
        "CACHE_KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "alliance:"),
        "NETWORK_BACKGROUND": False})
    scopes = [s for s in os.environ.get("BENCH_NETWORK_COMPUTE", "").split(",") if s]
    if scopes:
        from alliance.extensions import db
        from alliance.services import network

        with app.app_context():
            for scope in scopes:
                result = network.compute(None if scope == "province" else scope)
                figures = result["panel"]["network"]
                print(f"  measures of {scope}: {figures['nodes']:,} organisations, "
                      f"{figures['ties']:,} ties, computed in {result['seconds']:.1f} s",
                      file=sys.stderr, flush=True)
            db.session.remove()
            db.engine.dispose()  # the forked workers open their own connections
    return app
