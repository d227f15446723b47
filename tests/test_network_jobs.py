"""Background computation of the network measures: an RQ job on the real Redis (db 10, run
by rq's SimpleWorker in burst mode), the in-process thread without Redis, and what the page
says meanwhile."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from alliance.services import network, network_jobs
from alliance.services.network_records import graph_version

from .network_helpers import make_network
from .patent_helpers import make_patent

REDIS_URL = "redis://127.0.0.1:6379/10"
NEV = "/network/alliances/nev"


@pytest.fixture
def rq_redis(app):
    """The app sends its jobs to Redis db 10, emptied before and after the test."""
    conn = redis.Redis.from_url(REDIS_URL)
    try:
        conn.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    conn.flushdb()
    saved = app.config.get("REDIS_URL")
    app.config["REDIS_URL"] = REDIS_URL
    yield conn
    app.config["REDIS_URL"] = saved
    conn.flushdb()


def _work(conn) -> None:
    from rq import SimpleWorker

    worker = SimpleWorker([network_jobs.queue(conn)], connection=conn)
    assert worker.work(burst=True)


def test_page_enqueues_a_job_that_a_worker_runs(client, login, db, rq_redis):
    net = make_network()
    login(net["coordinator"])
    first = client.get(f"{NEV}?lang=en").get_data(as_text=True)
    assert "The measures are being computed" in first
    assert "network-measures" not in first
    queue = network_jobs.queue(rq_redis)
    assert queue.count == 1
    job = queue.jobs[0]
    assert job.func_name == "alliance.services.network_jobs.run_job" and job.args == ("nev",)
    client.get(NEV)  # the same version is already being computed: no second job
    assert queue.count == 1
    _work(rq_redis)
    assert job.get_status(refresh=True).value == "finished"
    assert job.return_value()["nodes"] == 4
    assert network_jobs.running("nev") is None
    done = client.get(f"{NEV}?lang=en").get_data(as_text=True)
    assert "Measures computed" in done and "network-measures" in done
    assert queue.count == 0


def test_a_change_shows_the_old_measures_while_a_newer_job_runs(client, login, db, rq_redis):
    net = make_network()
    login(net["coordinator"])
    client.get(NEV)
    _work(rq_redis)
    make_patent(net["uni"], "一种电池极片涂布方法")
    html = client.get(f"{NEV}?lang=en").get_data(as_text=True)
    assert "before the latest changes to the records" in html
    assert "A newer computation is running." in html
    assert "network-measures" in html  # the earlier measures stay on the page meanwhile
    assert network_jobs.queue(rq_redis).count == 1
    _work(rq_redis)
    assert network.measures("nev", graph_version()) is not None


def test_without_redis_a_thread_computes_in_the_web_process(client, login, db, app):
    net = make_network()
    app.config["NETWORK_BACKGROUND"] = True
    try:
        login(net["coordinator"])
        client.get(NEV)
        deadline = time.monotonic() + 30
        while network.measures("nev", graph_version()) is None:
            assert time.monotonic() < deadline, "the thread did not compute the measures"
            time.sleep(0.05)
        for thread in threading.enumerate():
            if thread.name.startswith("network-"):
                thread.join(timeout=30)
    finally:
        app.config.pop("NETWORK_BACKGROUND")
    assert network_jobs.running("nev") is None
    assert "Measures computed" in client.get(f"{NEV}?lang=en").get_data(as_text=True)


def test_without_redis_or_background_nothing_starts(db, app):
    make_network()
    assert network_jobs.request_compute("nev", graph_version()) is None
    assert network_jobs.running("nev") is None


def test_the_job_without_an_app_creates_one(monkeypatch, db):
    made = []

    class FakeApp:
        def app_context(self):
            made.append("context")
            return _Context()

    class _Context:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    import alliance

    monkeypatch.setattr(alliance, "create_app", lambda: made.append("app") or FakeApp())
    monkeypatch.setattr(network_jobs, "has_app_context", lambda: False)
    monkeypatch.setattr(network_jobs, "_compute", lambda scope: {"scope": scope})
    assert network_jobs.run_job("nev") == {"scope": "nev"}
    assert made == ["app", "context"]


def test_an_unreachable_queue_leaves_the_page_working(client, login, db, app, caplog):
    net = make_network()
    saved = app.config.get("REDIS_URL")
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    try:
        login(net["coordinator"])
        page = client.get(f"{NEV}?lang=en")
    finally:
        app.config["REDIS_URL"] = saved
    assert page.status_code == 200
    assert "The measures have not been computed yet" in page.get_data(as_text=True)
    assert network_jobs.running("nev") is None
    assert "network job for alliance-nev not queued" in caplog.text
