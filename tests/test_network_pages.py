"""The network pages, their JSON and exports: who sees what, escaping, bad input."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest

from alliance.services import network

from .factories import AdminFactory
from .network_helpers import SCRIPT_NAME, make_network

NEV = "/network/alliances/nev"


@pytest.fixture
def net(db):
    return make_network()


def _computed():
    network.compute("nev")


def test_coordinator_sees_the_whole_network_with_measures(client, login, net):
    _computed()
    login(net["coordinator"])
    page = client.get(f"{NEV}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in ("吉林网络大学", "长春网络汽车公司", "吉林网络研究院"):
        assert name in html
    assert "Measures computed" in html and "Betweenness is exact." in html
    assert 'class="table table-sm table-striped network-brokers"' in html
    assert 'network-communities' in html
    html = client.get(f"{NEV}?org={net['ids']['uni']}&lang=en").get_data(as_text=True)
    suggested = html[html.index("network-suggestions"):html.index("measures-heading")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;公司" in suggested
    assert "Partners in common: 2" in suggested
    assert 'src="/static/vendor/vis-network/vis-network.min.js"' in html
    assert 'src="/static/js/network.js"' in html
    assert "cdn" not in html.lower()
    data = client.get(f"{NEV}/graph.json").get_json()
    assert len(data["nodes"]) == 4 and len(data["edges"]) == 5


def test_measures_not_computed_yet_show_the_summary_only(client, login, net):
    login(net["coordinator"])
    html = client.get(f"{NEV}?lang=en").get_data(as_text=True)
    assert "The measures have not been computed yet" in html
    assert "network-brokers" not in html and "network-measures" not in html
    assert 'id="summary-nodes">4<' in html


def test_page_sorts_the_measures_table(client, login, net):
    _computed()
    login(net["coordinator"])
    html = client.get(f"{NEV}?sort=name&dir=asc").get_data(as_text=True)
    table = html[html.index("network-measures"):]
    positions = [table.index(name) for name in sorted(net["names"][i] for i in (
        net["ids"]["uni"], net["ids"]["firm"], net["ids"]["inst"]))]
    assert positions == sorted(positions)
    assert 'aria-sort="descending"' in client.get(f"{NEV}?sort=degree").get_data(as_text=True)


def test_another_coordinator_and_the_public_see_an_anonymous_summary(client, login, net):
    _computed()
    for who in (None, net["other"], net["outsider"]):
        if who is not None:
            login(who)
        page = client.get(f"{NEV}?lang=en")
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "anonymised summary" in html and 'id="summary-ties">5<' in html
        assert "Triple Helix" in html
        for name in net["names"].values():
            assert name not in html and "网络" not in html.split("<main")[1]
        assert client.get(f"{NEV}/graph.json").status_code == 403
        assert client.get(f"{NEV}/export/graphml").status_code in (302, 403)
        assert client.get(f"{NEV}/export/graphml").status_code != 200
        client.post("/auth/logout")


def test_export_is_refused_to_anyone_but_coordinators(client, login, net):
    _computed()
    login(net["other"])
    assert client.get(f"{NEV}/export/graphml").status_code == 403
    login(net["member"])
    assert client.get(f"{NEV}/export/json").status_code == 403


def test_member_sees_only_their_own_ego_network(client, login, net):
    _computed()
    ids = net["ids"]
    login(net["member"])  # a user of the university
    html = client.get(NEV).get_data(as_text=True)
    data = client.get(f"{NEV}/graph.json").get_json()
    assert {node["id"] for node in data["nodes"]} == {ids["uni"], ids["firm"], ids["inst"]}
    measures = html[html.index("network-measures"):]
    assert net["names"][ids["firm"]] in measures
    assert "&lt;script&gt;" not in measures  # not a partner: not in the member's tables
    assert "network-communities" not in html
    own = client.get(f"{NEV}/organisations/{ids['uni']}")
    assert own.status_code == 200
    assert client.get(f"{NEV}/organisations/{ids['odd']}").status_code == 403
    assert client.get(f"{NEV}/organisations/2000000000").status_code == 403
    assert client.get(f"{NEV}/graph.json?org={ids['odd']}").status_code == 403


def test_coordinator_opens_any_member_s_ego_network(client, login, net):
    ids = net["ids"]
    login(net["coordinator"])
    page = client.get(f"{NEV}/organisations/{ids['odd']}?depth=1")
    assert page.status_code == 200
    data = client.get(f"{NEV}/graph.json?org={ids['odd']}").get_json()
    assert {node["id"] for node in data["nodes"]} == {ids["odd"], ids["firm"], ids["inst"]}
    assert client.get(f"{NEV}/organisations/{ids['outsider']}").status_code == 404


def test_names_stay_text_in_the_json_and_are_never_inlined(client, login, net):
    _computed()
    login(net["coordinator"])
    response = client.get(f"{NEV}/graph.json")
    raw = response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert "<script>" not in raw and "\\u003cscript>" in raw
    labels = {node["label"] for node in json.loads(raw)["nodes"]}
    assert SCRIPT_NAME in labels
    html = client.get(NEV).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;公司" in html
    assert "<script>" not in html.replace('<script src="', "")
    assert "Content-Security-Policy" in client.get(NEV).headers


def test_filters_edge_types_years_and_top_k(client, login, net):
    login(net["coordinator"])
    licences = client.get(f"{NEV}/graph.json?edge=licence").get_json()
    assert len(licences["edges"]) == 1 and len(licences["nodes"]) == 2
    old = client.get(f"{NEV}/graph.json?from=2018&to=2019&edge=co_ownership").get_json()
    assert len(old["edges"]) == 2
    top = client.get(f"{NEV}/graph.json?top=2&size=strength").get_json()
    assert top["shown"] == 2 and top["size_by"] == "strength"
    html = client.get(f"{NEV}?edge=licence&from=2018").get_data(as_text=True)
    assert 'value="licence" id="edge-licence" checked' in html
    assert 'value="co_ownership" id="edge-co_ownership" checked' not in html


def test_a_filter_that_leaves_nothing_shows_an_empty_state(client, login, net):
    login(net["coordinator"])
    page = client.get(f"{NEV}?from=1990&to=1991&lang=en")
    assert page.status_code == 200
    assert "No ties match these filters" in page.get_data(as_text=True)
    assert "network-view" not in page.get_data(as_text=True).split("network-empty")[1][:200]
    assert client.get(f"{NEV}/graph.json?from=1990&to=1991").get_json()["nodes"] == []


@pytest.mark.parametrize("query, message", [
    ("from=2022&to=2019", "is after the last year"),
    ("edge=friendship", "is not an edge type"),
    ("size=shoe", "is not a measure to size nodes by"),
    ("top=0", "must be a whole number"),
    ("from=abc", "must be a whole number"),
    ("sort=colour", "cannot be sorted by"),
    ("depth=3", "must be a whole number"),
])
def test_bad_input_is_a_400_with_a_message(client, login, net, query, message):
    login(net["coordinator"])
    page = client.get(f"{NEV}?{query}&lang=en")
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    if not query.startswith("sort"):
        assert client.get(f"{NEV}/graph.json?{query}&lang=en").status_code == 400


def test_unknown_alliance_or_format_is_404(client, login, net):
    _computed()
    login(net["coordinator"])
    assert client.get("/network/alliances/atlantis").status_code == 404
    assert client.get("/network/alliances/atlantis/graph.json").status_code == 404
    missing = client.get(f"{NEV}/export/xlsx?lang=en")
    assert missing.status_code == 404 and "is not an export format" in missing.get_data(
        as_text=True)
    assert client.get(f"{NEV}?org=2000000000").status_code == 404


def test_export_waits_for_the_measures(client, login, net):
    login(net["coordinator"])
    response = client.get(f"{NEV}/export/graphml")
    assert response.status_code == 302 and response.location.endswith(NEV)


def _read(fmt: str, content: bytes) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(content))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(content))
    return nx.node_link_graph(json.loads(content), edges="edges")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_parse_back_with_networkx(client, login, net, fmt):
    _computed()
    login(net["coordinator"])
    response = client.get(f"{NEV}/export/{fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    graph = _read(fmt, response.data)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 5
    labels = {data["label"] for _n, data in graph.nodes(data=True)}
    assert SCRIPT_NAME in labels
    for _node, data in graph.nodes(data=True):
        assert {"sector", "degree", "strength", "betweenness", "pagerank",
                "community"} <= set(data)


def test_csv_export_is_a_zip_of_nodes_and_edges(client, login, net):
    _computed()
    login(net["coordinator"])
    response = client.get(f"{NEV}/export/csv?edge=licence")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    nodes = archive.read("nodes.csv").decode("utf-8-sig").splitlines()
    edges = archive.read("edges.csv").decode("utf-8-sig").splitlines()
    assert nodes[0].startswith("id,label,sector") and len(nodes) == 5
    assert len(edges) == 2  # the licence only: the page's filters carry into the export


def test_province_network_is_for_platform_admins(client, login, net):
    _computed()
    login(net["coordinator"])
    assert client.get("/network/province").status_code == 403
    assert client.get("/network/province/graph.json").status_code == 403
    login(AdminFactory())
    page = client.get("/network/province")
    assert page.status_code == 200 and "域外网络公司" in page.get_data(as_text=True)
    assert len(client.get("/network/province/graph.json").get_json()["nodes"]) == 4
    assert client.get("/network/alliances/nev").status_code == 200


def test_navigation_links_coordinators_and_admins_to_the_network(client, login, net):
    login(net["coordinator"])
    assert f'href="{NEV}"' in client.get("/").get_data(as_text=True)
    login(net["member"])
    assert 'href="/network/' not in client.get("/").get_data(as_text=True)
    index = client.get("/network/")
    assert index.status_code == 200 and f'href="{NEV}"' in index.get_data(as_text=True)


def test_partner_list_offers_the_best_connected_and_the_chosen(client, login, net,
                                                               monkeypatch):
    from alliance.blueprints.network import views

    monkeypatch.setattr(views, "ORG_CHOICES", 1)
    login(net["coordinator"])
    ids = net["ids"]
    html = client.get(f"{NEV}?org={ids['uni']}").get_data(as_text=True)
    select = html[html.index('id="suggest-org"'):]
    select = select[:select.index("</select>")]
    options = select.count("<option")
    assert options == 2  # the best connected (the firm) and the one asked for
    assert f'value="{ids["uni"]}" selected' in select and f'value="{ids["firm"]}"' in select
