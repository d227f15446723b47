"""A coordinator studies their alliance's network in a real browser: opens it from the
navigation, filters it, finds the brokers and the suggested partners, searches a node and
downloads a GraphML that networkx reads with the same measures as the page."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from alliance.services import network
from alliance.services.network_records import graph_version

from ..factories import PASSWORD
from ..network_helpers import SCRIPT_NAME, make_network
from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)


def test_coordinator_filters_finds_brokers_and_partners_and_exports(page: Page, db, tmp_path,
                                                                    artifacts):
    net = make_network()
    network.compute("nev")
    ids, names = net["ids"], net["names"]
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/auth/login")
    page.locator("input[name=email]").fill(net["coordinator"].email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page.locator("form[action$='/auth/logout']")).to_be_attached()
    page.get_by_role("button", name="English", exact=True).click()  # English from here on
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Network", exact=True).click()
    expect(page).to_have_url(re.compile(r"/network/alliances/nev$"))
    view = page.locator("#network-view")
    expect(view).to_have_attribute("data-ready", "true")
    expect(view).to_have_attribute("data-nodes", "4")
    expect(view.locator("canvas")).to_be_visible()
    expect(page.locator(".network-legend")).to_contain_text("University")

    # Filter: co-owned patents only, filed 2019 to 2021 -> two ties drop out.
    page.get_by_label("Licences").uncheck()
    page.get_by_label("From year").fill("2019")
    page.get_by_label("To year").fill("2021")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"from=2019"))
    expect(view).to_have_attribute("data-ready", "true")
    expect(view).to_have_attribute("data-nodes", "4")
    expect(page.locator("#network-shown")).to_contain_text("4 of 4")
    expect(page.get_by_label("Licences")).not_to_be_checked()

    # Search a node: the name is found, and shown as text.
    page.get_by_label("Find an organisation").fill("script")
    page.get_by_label("Find an organisation").press("Enter")
    expect(page.locator("#network-search-result")).to_contain_text(SCRIPT_NAME)

    # The brokers: the firm links the university to the script-named firm.
    brokers = page.locator("table.network-brokers")
    expect(brokers).to_contain_text(names[ids["firm"]])
    representative = brokers.get_by_role("button", name="Representative")
    representative.click()  # sorted in the page: the institute (0) before the firm (1)
    expect(brokers.locator("tbody tr").first).to_contain_text(names[ids["inst"]])
    representative.click()
    expect(brokers.locator("th[aria-sort=descending]")).to_contain_text("Representative")
    expect(brokers.locator("tbody tr").first).to_contain_text(names[ids["firm"]])

    # Suggested partners for the university: the script-named firm, through two partners.
    page.get_by_label("Suggest partners for").select_option(str(ids["uni"]))
    page.get_by_role("button", name="Suggest", exact=True).click()
    suggestions = page.locator("table.network-suggestions")
    expect(suggestions).to_contain_text(SCRIPT_NAME)
    expect(suggestions).to_contain_text("Partners in common: 2")
    expect(page).to_have_url(re.compile(r"from=2019.*org=|org=.*from=2019"))
    page.screenshot(path=str(artifacts / "network.png"), full_page=True)

    # Download the GraphML of the filtered network and read it back.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="GRAPHML").click()
    download = download_info.value
    assert download.suggested_filename == "network-nev.graphml"
    path = tmp_path / "nev.graphml"
    download.save_as(path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 3
    panel = {str(row["id"]): row for row in network.measures(
        "nev", graph_version())["panel"]["nodes"]}
    for node, data in graph.nodes(data=True):
        assert data["sector"] == panel[node]["sector"]
        for key in ("degree", "strength", "community"):
            assert data[key] == panel[node][key]
        for key in ("betweenness", "pagerank"):
            assert abs(data[key] - panel[node][key]) < 1e-12
    assert dialogs == []  # the script-like name never ran
