"""The dashboards' counting at 100,000 patents: how long one alliance dashboard and the
province dashboard take to count, on SQLite (a temporary folder) and PostgreSQL (database
``bench_dashboards``, created and dropped here). It prints milliseconds; it is not a
pass/fail test.

    python -m bench.dashboards [--count 100000] [--rounds 5] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from .catalogue import build_database, for_each_database

PG_NAME = "bench_dashboards"


def _ms(call, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def run(database: str, url: str, folder: Path, args) -> None:
    seconds = build_database(url, folder, args.count)
    print(f"{database}: {args.count} patents written in {seconds:.1f} s")
    from alliance import create_app
    from alliance.services import dashboards, directory, province
    from alliance.services.province_targets import Targets

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(folder)})
    with app.test_request_context():
        ids = [a.id for a in directory.all_alliances()]
        nev = directory.alliance_by_code("nev").id
        for name, call in [
            ("alliance dashboard (full)", lambda: dashboards.alliance_dashboard(nev, True)),
            ("alliance dashboard (public)", lambda: dashboards.alliance_dashboard(nev, False)),
            ("province (full)", lambda: province.province_progress(Targets(), ids, False)),
            ("province (public)", lambda: province.province_progress(Targets(), ids, True)),
        ]:
            p50, worst = _ms(call, args.rounds)
            print(f"  {name:30} p50 {p50:8.1f} ms   max {worst:8.1f} ms")
        from alliance.extensions import db

        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    for_each_database(args.databases, "dashboards", PG_NAME,
                      lambda database, url, folder: run(database, url, folder, args))


if __name__ == "__main__":
    main()
