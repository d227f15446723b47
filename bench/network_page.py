"""Cached network page time on the real co-applicant network (target < 100 ms).

``make bench-network`` builds, for each database (SQLite in a temporary folder, then the
PostgreSQL database ``bench_network``, created and dropped here), the migrated schema with
all 11,630 organisations and 23,467 co-application ties of alliance/data written in bulk,
alliance memberships by the demo's rules and a platform admin (bench/network_data.py). For
each cache (``memory``: REDIS_URL unset; ``redis``: REDIS_URL set, when Redis answers at
BENCH_REDIS_URL, under a key prefix of its own that is deleted afterwards) it serves the app
under gunicorn (2 sync workers, ``--preload``) through bench/network_app.py, which computes
the measures of the province and of the largest alliance once, inline, with the service
``flask graph compute`` runs, before the workers fork. Logged in as the platform admin, it
times sequential requests to the province page, its graph.json, the alliance's page and its
graph.json, in interleaved rounds after two warm-up rounds, and prints p50 and p95 in
milliseconds against the target. It checks that every page shows measures of the current
version (so the cached path is what is timed). It prints numbers; it is not a pass/fail test.

    python -m bench.network_page [--requests 30] [--databases sqlite,postgresql]
                                 [--caches memory,redis]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import statistics
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from .catalogue import for_each_database
from .network_data import ADMIN_EMAIL, ADMIN_PASSWORD, load_network
from .pages import serve

PG_NAME = "bench_network"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
TARGET_MS = 100
READY = b"alert alert-secondary network-status"  # marker of measures of the current version


def build_database(url: str, instance: Path) -> tuple[dict, float]:
    """Migrate ``url`` and load the real network; returns the counts and the seconds."""
    from flask_migrate import upgrade

    from alliance import create_app
    from alliance.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(instance),
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        started = time.perf_counter()
        counts = load_network()
        db.session.commit()
        seconds = time.perf_counter() - started
        db.engine.dispose()
    return counts, seconds


def largest_alliance(url: str) -> tuple[str, int]:
    """The code of the alliance with most active members, and how many."""
    from alliance.models import Alliance, Membership, MembershipStatus

    engine = create_engine(url)
    with Session(engine) as session:
        code, members = session.execute(
            select(Alliance.code, func.count(Membership.id)).join(Membership)
            .where(Membership.status == MembershipStatus.ACTIVE)
            .group_by(Alliance.code).order_by(func.count(Membership.id).desc()).limit(1)).one()
    engine.dispose()
    return code, members


def log_in(base: str) -> urllib.request.OpenerDirector:
    """An opener holding the session of the platform admin, logged in through the form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(base + "/auth/login", timeout=30).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": ADMIN_EMAIL,
                                   "password": ADMIN_PASSWORD}).encode()
    opener.open(base + "/auth/login", data=data, timeout=30).read()
    check = opener.open(base + "/network/province", timeout=120)
    if check.url.endswith("/auth/login") or "/auth/login" in check.url:
        raise RuntimeError("the benchmark's platform admin could not log in")
    return opener


def _get(opener, url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with opener.open(url, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure(base: str, code: str, requests: int) -> list[tuple]:
    """Per path: (name, p50 ms, p95 ms, bytes) of ``requests`` sequential cached requests."""
    opener = log_in(base)
    paths = {"province page": "/network/province",
             "province graph.json": "/network/province/graph.json",
             f"alliance page ({code})": f"/network/alliances/{code}",
             f"alliance graph.json ({code})": f"/network/alliances/{code}/graph.json"}
    times: dict[str, list[float]] = {name: [] for name in paths}
    size = {}
    for round_ in range(requests + 2):  # two rounds warm every worker up
        for name, path in paths.items():
            elapsed, body = _get(opener, base + path)
            if round_ == 0 and not path.endswith(".json") and READY not in body:
                raise RuntimeError(f"{path} shows no measures of the current version")
            size[name] = len(body)
            if round_ >= 2:
                times[name].append(elapsed)
    return [(name, statistics.median(values), _p95(values), size[name])
            for name, values in times.items()]


def _drop_keys(prefix: str) -> None:
    import redis

    conn = redis.Redis.from_url(REDIS_URL)
    keys = list(conn.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        conn.delete(*keys)
    conn.close()


def _redis_ready() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.exceptions.RedisError:
        return False


@contextmanager
def served(url: str, folder: Path, cache: str, code: str):
    """The app on ``url`` with the measures computed, cached in memory or in Redis."""
    prefix = f"bench-network-{secrets.token_hex(4)}:"
    env = {"DATABASE_URL": url, "INSTANCE_PATH": str(folder), "LOG_LEVEL": "WARNING",
           "REDIS_URL": REDIS_URL if cache == "redis" else "", "BENCH_CACHE_PREFIX": prefix,
           "BENCH_NETWORK_COMPUTE": f"province,{code}"}
    try:
        with serve("bench.network_app:create_app()", env, options=("--preload",),
                   startup=900) as base:
            yield base
    finally:
        if cache == "redis":
            _drop_keys(prefix)


def run(database: str, url: str, folder: Path, args) -> None:
    """Build one database, serve it with each cache and print its tables."""
    counts, seconds = build_database(url, folder)
    code, members = largest_alliance(url)
    print(f"\n{database}: {counts['organisations']:,} organisations, {counts['ties']:,} ties, "
          f"{counts['memberships']:,} memberships written in {seconds:.1f} s; largest "
          f"alliance {code} ({members:,} members)", flush=True)
    for cache in args.caches.split(","):
        if cache == "redis" and not _redis_ready():
            print(f"Redis not reachable at {REDIS_URL}: the redis cache is skipped")
            continue
        with served(url, folder, cache, code) as base:
            results = measure(base, code, args.requests)
        print(f"\n{database}, cache {cache}: {args.requests} requests each, times in ms")
        print(f"{'cached path':<34}{'p50':>8}{'p95':>8}{'KiB':>8}  target < {TARGET_MS} ms")
        for name, p50, p95, size in results:
            verdict = "met" if p95 < TARGET_MS else ("p50 met" if p50 < TARGET_MS else "over")
            print(f"{name:<34}{p50:>8.1f}{p95:>8.1f}{size / 1024:>8.0f}  {verdict}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--caches", default="memory,redis")
    args = parser.parse_args()
    print("gunicorn, 2 workers, --preload; measures computed once before serving; logged "
          "in as the platform admin")
    for_each_database(args.databases, "network", PG_NAME,
                      lambda database, url, folder: run(database, url, folder, args))

if __name__ == "__main__":
    main()
