"""Catalogue search at 100,000 patents: the page and the API against bare SQL.

``make bench-catalogue`` builds, for each database (SQLite in a temporary folder, then the
PostgreSQL database ``bench_catalogue``, created and dropped here), the migrated schema
with the demo organisations, and writes 100,000 generated patents in bulk
(bench/catalogue_data.py). It serves the app and the bare SQL view of
bench/catalogue_bare.py under gunicorn (2 sync workers each) and, for each query, times
sequential requests to the page (/patents/), the API (/api/patents) and the bare view in
interleaved rounds, as an anonymous returning visitor. It prints p50 and p95 in
milliseconds and the ratio page p50 / bare p50 (target 2.0 or less; page p95 under 200 ms
on PostgreSQL). It prints numbers; it is not a pass/fail test. The bare view counts every
match; the app counts a text search only up to alliance.services.catalogue.COUNT_CAP, so
on a common term (电池) the app is faster than the bare query: that is the point of the cap.

    python -m bench.catalogue [--count 100000] [--requests 30] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import unicodedata
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import create_engine, text

from .catalogue_data import insert_patents
from .pages import serve, visitor_cookie

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_NAME = "bench_catalogue"

QUERIES = {
    "blank": "",
    "电池 (2 chars)": "q=电池",
    "锂离子电池": "q=锂离子电池",
    "图像识别": "q=图像识别",
    "lithium": "q=lithium",
    "solar cell (2 terms)": "q=solar+cell",
    "ipc H01M": "ipc=H01M",
    "alliance nev": "alliance=nev",
    "kind+status": "kind=invention&status=granted",
    "电池 + alliance nev": "q=电池&alliance=nev",
    "no result 钠离子电池正极": "q=钠离子电池正极",
    "blank, page 50": "page=50",
}


def build_database(url: str, instance: Path, count: int) -> float:
    """Migrate ``url``, load the demo organisations and write ``count`` patents; returns
    the seconds the patents took."""
    from flask_migrate import upgrade

    from alliance import create_app
    from alliance.demo import load
    from alliance.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(instance),
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load()
        db.session.commit()
        db.engine.dispose()
    engine = create_engine(url)
    started = time.perf_counter()
    insert_patents(engine, count)
    engine.dispose()
    return time.perf_counter() - started


def _pg_admin(statement: str) -> None:
    engine = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()


def for_each_database(names: str, stem: str, pg_name: str, work) -> None:
    """``work(database, url, folder)`` on a fresh SQLite file and on a fresh PostgreSQL
    database ``pg_name`` (created, then dropped), as ``names`` ("sqlite,postgresql")
    asks; each gets its own temporary folder."""
    for database in names.split(","):
        with tempfile.TemporaryDirectory(prefix=f"alliance-{stem}-") as folder:
            if database == "sqlite":
                work(database, f"sqlite:///{folder}/{stem}.db", Path(folder))
                continue
            _pg_admin(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
            _pg_admin(f"CREATE DATABASE {pg_name}")
            try:
                work(database, f"{PG_SERVER}/{pg_name}", Path(folder))
            finally:
                _pg_admin(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")


def _get_ms(url: str, headers: dict) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure(app: str, bare: str, requests: int) -> list[tuple]:
    """Per query: (name, page p50, p95, API p50, p95, bare p50, p95) in milliseconds."""
    cookie = visitor_cookie(app)
    app_headers = {"Cookie": cookie} if cookie else {}
    results = []
    for name, args in QUERIES.items():
        urls = {"page": (f"{app}/patents/?{args}", app_headers),
                "api": (f"{app}/api/patents?{args}", app_headers),
                "bare": (f"{bare}/patents/?{args}", {})}
        urls = {k: (urllib.request.quote(u, safe=":/?=&+%"), h) for k, (u, h) in urls.items()}
        times: dict[str, list[float]] = {k: [] for k in urls}
        for round_ in range(requests + 2):  # two rounds warm every worker up
            for key, (url, headers) in urls.items():
                elapsed = _get_ms(url, headers)
                if round_ >= 2:
                    times[key].append(elapsed)
        row = [name]
        for key in ("page", "api", "bare"):
            row += [statistics.median(times[key]), _p95(times[key])]
        results.append(tuple(row))
    return results


def _pad(name: str, width: int) -> str:
    """``name`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name)
    return name + " " * max(1, width - used)


def report(database: str, results: list[tuple]) -> None:
    """Print the table of one database."""
    print(f"\n{database}")
    print(f"{'query':<26}{'page p50':>9}{'p95':>7}{'API p50':>9}{'p95':>7}"
          f"{'bare p50':>9}{'p95':>7}{'page/bare':>10}")
    for name, pp50, pp95, ap50, ap95, bp50, bp95 in results:
        print(f"{_pad(name, 26)}{pp50:>9.1f}{pp95:>7.1f}{ap50:>9.1f}{ap95:>7.1f}"
              f"{bp50:>9.1f}{bp95:>7.1f}{pp50 / bp50:>10.2f}", flush=True)


def run(database: str, url: str, folder: Path, args) -> None:
    """Build one database, serve it twice and print its table."""
    seconds = build_database(url, folder, args.count)
    print(f"{database}: {args.count} patents written in {seconds:.1f} s", flush=True)
    with ExitStack() as stack:
        app = stack.enter_context(serve("alliance:create_app()", {
            "DATABASE_URL": url, "INSTANCE_PATH": str(folder), "REDIS_URL": "",
            "LOG_LEVEL": "WARNING"}))
        bare = stack.enter_context(serve("bench.catalogue_bare:create_app()", {
            "BENCH_DATABASE_URL": url}))
        report(database, measure(app, bare, args.requests))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"gunicorn, 2 workers each; {args.requests} sequential requests per query and "
          "target, interleaved; times in ms")
    for_each_database(args.databases, "catalogue", PG_NAME,
                      lambda database, url, folder: run(database, url, folder, args))

if __name__ == "__main__":
    main()
