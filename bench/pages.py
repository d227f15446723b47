"""Page speed: the app's public pages against bare Flask views of the same rows.

``make bench`` builds a fresh SQLite database with the demo data in a temporary folder and
serves it twice at once, each under gunicorn with 2 sync workers: the app, and the bare
views of bench/bare.py (the same rows from the same database, plain SQLAlchemy, a minimal
template). For each page it loads both in interleaved rounds with ``wrk`` (Debian's package;
a small threaded Python client when wrk is missing) and prints requests per second and the
ratio bare / app: how many times longer the app takes per request. Lower is better; the
target is 2.0 or less. It prints numbers; it is not a pass/fail test. The load browses as a
returning visitor: it sends the session cookie the app gave it on a first visit. The app
runs with LOG_LEVEL=WARNING, as the bare views log nothing either, and without Redis: each
worker keeps its read caches in memory, which a read-only load cannot make stale (with
Redis, as `make serve` requires for several workers, each cached read is one round trip).

    python -m bench.pages [--rounds 3] [--seconds 3] [--connections 4]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session


def build_database(folder: Path) -> str:
    """A migrated SQLite database with the demo data; returns its URL."""
    from flask_migrate import upgrade

    from alliance import create_app
    from alliance.demo import load
    from alliance.extensions import db

    url = f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        load()
        db.session.commit()
        db.engine.dispose()
    return url


def pages(url: str) -> dict[str, str]:
    """The paths to compare: home, the alliance index, the alliance with most members (its
    first page of 50) and that alliance's lead organisation."""
    from alliance.models import Alliance, Membership, MembershipRole, MembershipStatus

    engine = create_engine(url)
    with Session(engine) as session:
        code, alliance_id = session.execute(
            select(Alliance.code, Alliance.id).join(Membership)
            .where(Membership.status == MembershipStatus.ACTIVE)
            .group_by(Alliance.id).order_by(func.count(Membership.id).desc()).limit(1)).one()
        org_id = session.scalar(select(Membership.organization_id).where(
            Membership.alliance_id == alliance_id, Membership.role == MembershipRole.LEAD))
    engine.dispose()
    return {"home": "/", "alliance index": "/alliances/",
            f"alliance detail ({code}, 50 rows)": f"/alliances/{code}",
            "organisation": f"/organisations/{org_id}"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(target: str, env: dict[str, str], workers: int = 2, options: tuple[str, ...] = (),
          startup: float = 30):
    """gunicorn serving ``target`` on a free local port (more gunicorn ``options`` if
    given, ``startup`` seconds to answer); yields the base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
               f"127.0.0.1:{port}", "--log-level", "warning", *options, target]
    process = subprocess.Popen(command, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{target} did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def visitor_cookie(base: str) -> str:
    """The session cookie the app gives a first-time visitor: the load then browses as a
    returning visitor does (the bare views ignore it)."""
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                return header.split(";", 1)[0]
    return ""


COOKIE = {"value": ""}


def _wrk(url: str, seconds: float, connections: int) -> float:
    headers = ["-H", f"Cookie: {COOKIE['value']}"] if COOKIE["value"] else []
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds:g}s", *headers, url],
        check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{url} answered errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _python_client(url: str, seconds: float, connections: int) -> float:
    done = [0] * connections
    stop = time.monotonic() + seconds
    headers = {"Cookie": COOKIE["value"]} if COOKIE["value"] else {}

    def worker(index: int) -> None:
        while time.monotonic() < stop:
            request = urllib.request.Request(url, headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
            done[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    load = _wrk if shutil.which("wrk") else _python_client
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as folder, ExitStack() as stack:
        url = build_database(Path(folder))
        app = stack.enter_context(serve("alliance:create_app()", {
            "DATABASE_URL": url, "INSTANCE_PATH": folder, "REDIS_URL": "",
            "LOG_LEVEL": "WARNING"}))  # the request log is measured apart: see README
        bare = stack.enter_context(serve("bench.bare:create_app()", {
            "BENCH_DATABASE_URL": url}))
        COOKIE["value"] = visitor_cookie(app)
        print(f"gunicorn, 2 workers each; load: {load.__name__.strip('_')}, "
              f"{args.connections} connections, {args.rounds} x {args.seconds:g} s each")
        print(f"{'page':<38}{'app req/s':>11}{'bare req/s':>12}{'ratio':>8}")
        for name, path in pages(url).items():
            for base in (app, bare):
                load(base + path, 1, args.connections)  # warm up every worker
            runs = {app: [], bare: []}
            for _ in range(args.rounds):
                for base in (app, bare):
                    runs[base].append(load(base + path, args.seconds, args.connections))
            app_rate, bare_rate = statistics.median(runs[app]), statistics.median(runs[bare])
            print(f"{name:<38}{app_rate:>11.0f}{bare_rate:>12.0f}{bare_rate / app_rate:>8.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
