"""Versioned network results remembered per worker (alliance.services.network_cache), the
served JSON encoded once, and cached network pages that rebuild nothing and read no big
result from the shared cache."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from alliance import create_app
from alliance.blueprints.network import tables
from alliance.extensions import cache
from alliance.graph import render
from alliance.graph.records import NetworkFilter
from alliance.graph.render import payload_bytes
from alliance.services import network, network_cache
from alliance.services.network import ViewRequest
from alliance.services.network_records import graph_version

from .network_helpers import make_network

NEV = "/network/alliances/nev"
BIG = ("network:graph:", "network:records:", "network:view:", "network:measures:",
       "network:payload:", "network:tables:")


def test_remembered_keeps_the_most_recently_used():
    kept = network_cache.Remembered(size=2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recent
    kept.put("c", 3)
    assert kept.get("b") is None and kept.get("a") == 1 and kept.get("c") == 3
    assert len(kept) == 2
    kept.clear()
    assert kept.get("a") is None and len(kept) == 0


def test_remembered_is_safe_across_threads():
    kept = network_cache.Remembered(size=50)

    def fill(start: int) -> None:
        for i in range(start, start + 500):
            kept.put(str(i), i)
            kept.get(str(i - 1))

    threads = [threading.Thread(target=fill, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(kept) == 50


def test_a_result_is_computed_once_and_then_read_from_memory(app):
    calls = []

    def compute():
        calls.append(1)
        return {"value": 1}

    first = network_cache.remembered("network:test:v1", compute, 60)
    cache.delete("network:test:v1")  # gone from the shared cache: memory still has it
    again = network_cache.remembered("network:test:v1", compute, 60)
    assert again is first and calls == [1]


def test_a_result_from_another_worker_is_read_from_the_shared_cache(app):
    cache.set("network:test:v2", {"from": "elsewhere"})
    found = network_cache.remembered("network:test:v2", lambda: pytest.fail("computed"), 60)
    assert found == {"from": "elsewhere"}


def test_a_missing_stored_result_is_seen_as_soon_as_a_job_stores_it(app):
    assert network_cache.stored("network:test:job") is None
    cache.set("network:test:job", {"done": True})  # the job, in another process
    assert network_cache.stored("network:test:job") == {"done": True}


def test_each_app_remembers_its_own_results(app):
    network_cache.store("network:test:mine", {"app": 1}, 60)
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with other.app_context():
        assert network_cache.local().get("network:test:mine") is None
    assert network_cache.local().get("network:test:mine") == {"app": 1}


def test_payload_and_facts_match_the_view(db):
    make_network()
    version = graph_version()
    options = {"title_template": "%(name)s", "sector_labels": {}, "locale": "en",
               "panel": None}
    asked = ViewRequest(NetworkFilter())
    data = network.view("nev", version, asked, **options)
    payload = network.view_payload("nev", version, asked, **options)
    assert payload == payload_bytes(data)
    assert network.view_payload("nev", version, asked, **options) is payload  # encoded once
    facts = network.view_facts("nev", version, asked, **options)
    assert facts == {"nodes": len(data["nodes"]), "edges": len(data["edges"]),
                     "groups": data["groups"], "shown": data["shown"],
                     "total": data["total"], "physics": data["physics"]}


def test_best_connected_most_ties_first_then_smaller_id(db):
    net = make_network()
    version = graph_version()
    g = network.graph("nev", version)
    best = network.best_connected("nev", version, 10)
    assert [n for n, _name in best] == sorted(g, key=lambda n: (-g.degree(n), n))
    assert dict(best)[net["ids"]["uni"]] == g.nodes[net["ids"]["uni"]]["name"]
    assert [n for n, _name in network.best_connected("nev", version, 1)] == [best[0][0]]


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys the page reads from the shared cache, recorded."""
    keys: list[str] = []
    real = cache.get

    def get(key):
        keys.append(key)
        return real(key)

    monkeypatch.setattr(cache, "get", get)
    return keys


@pytest.mark.parametrize("path", ["", "/graph.json", "?sort=degree&dir=asc"])
def test_a_cached_page_rebuilds_nothing_and_reads_no_big_result(
        client, login, db, monkeypatch, shared_reads, path):
    net = make_network()
    network.compute("nev")
    login(net["coordinator"])
    first = client.get(f"{NEV}{path}")
    assert first.status_code == 200
    shared_reads.clear()

    def fail(*_args, **_kwargs):
        raise AssertionError("rebuilt on a cache hit")

    for name in ("build", "vis_data", "payload_bytes", "measures_panel", "load_records"):
        monkeypatch.setattr(network, name, fail)
    monkeypatch.setattr(render, "json", SimpleNamespace(dumps=fail))  # no JSON encoded again
    for name in ("measure_rows", "broker_rows", "community_rows"):  # no table sorted again
        monkeypatch.setattr(tables, name, fail)
    second = client.get(f"{NEV}{path}")
    assert second.status_code == 200
    if path == "/graph.json":
        assert second.data == first.data
    assert not [key for key in shared_reads if key.startswith(BIG)]


def test_a_new_computation_of_the_same_version_replaces_the_remembered_one(db):
    make_network()
    version = graph_version()
    first = network.compute("nev")
    assert network.measures("nev", version) is first
    second = network.compute("nev")
    assert network.measures("nev", version) is second


def test_tables_follow_a_new_computation(client, login, db, monkeypatch):
    net = make_network()
    network.compute("nev")
    login(net["coordinator"])
    client.get(f"{NEV}?lang=en")
    real = network.measures_panel

    def renamed(graph):
        panel = real(graph)
        for row in panel["nodes"]:
            row["name"] = f"重算-{row['name']}"
        return panel

    monkeypatch.setattr(network, "measures_panel", renamed)
    network.compute("nev")
    html = client.get(f"{NEV}?lang=en").get_data(as_text=True)
    table = html[html.index("measures-heading"):]
    assert "重算-" in table
