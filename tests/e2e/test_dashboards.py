"""A coordinator reads the alliance dashboard in a real browser: the charts, the table view,
the CSV download, then the province dashboard; at desktop and phone width, in Chinese and
English (screenshots kept in test-artifacts/e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..dashboard_data import build
from .conftest import DESKTOP, PHONE, TIMEOUT_MS, log_in

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_coordinator_reads_the_dashboards(new_page, db, artifacts, viewport):
    data = build()
    page = new_page(viewport)
    name = "phone" if viewport is PHONE else "desktop"
    log_in(page, data["coordinator"].email)
    page.goto("/alliances/nev")
    page.locator("a[href='/alliances/nev/dashboard']").first.click()
    expect(page.locator("h1")).to_contain_text("新能源汽车")
    charts = page.locator("svg.dash-chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 6
    expect(page.locator("#fig-royalties")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / f"dashboard-alliance-zh-{name}.png"), full_page=True)
    for key in ("members", "patents"):
        page.locator(f"#fig-{key}").screenshot(
            path=str(artifacts / f"dashboard-figure-{key}-{name}.png"))

    page.locator(".dash-tools a[href*='show=table']").click()
    table = page.locator("#table-royalties")
    expect(table).to_be_visible()
    expect(table).to_contain_text("1,250.75")
    expect(page.locator("svg.dash-chart")).to_have_count(0)

    with page.expect_download() as info:
        page.locator(".dash-tools a[href*='dashboard.csv']").click()
    body = Path(info.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "新能源汽车产业知识产权联盟" in text and "1250.75" in text

    page.goto("/alliances/nev/dashboard?lang=en")
    expect(page.locator("h1")).to_contain_text("New-energy vehicles")
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / f"dashboard-alliance-en-{name}.png"), full_page=True)

    page.locator("a[href='/province/']").first.click()
    expect(page.locator("#target-wording")).to_contain_text("增长两倍")
    expect(page.locator("#fig-inventions svg.dash-chart")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / f"dashboard-province-en-{name}.png"), full_page=True)
    page.locator("#fig-inventions").screenshot(
        path=str(artifacts / f"dashboard-figure-province-{name}.png"))
    page.screenshot(path=str(artifacts / f"dashboard-province-top-{name}.png"))
    page.goto("/province/?lang=zh_Hans_CN&show=table")
    expect(page.locator("#table-inventions")).to_be_visible()
    page.screenshot(path=str(artifacts / f"dashboard-province-zh-{name}.png"), full_page=True)
    page.locator("#fig-inventions").screenshot(
        path=str(artifacts / f"dashboard-figure-province-table-{name}.png"))
