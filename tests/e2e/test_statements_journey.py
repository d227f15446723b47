"""In a browser: the inventor finds their statement from the navigation and reads the exact
cents; the university's administrator reads a bucket by dates; the coordinator reads the
members' totals. Screenshots in both languages, at desktop and phone width."""

from __future__ import annotations

import pytest

from alliance.services.directory import alliance_by_code

from ..factories import make_coordinator
from ..statement_helpers import make_ledger
from .conftest import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def allowed_errors() -> list[str]:
    return [r"statements/organisations/\d+\?from=2026-05-01.*status of 400"]


def _shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"statements-{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_statements_in_the_browser(new_page, db, artifacts, viewport):
    ledger = make_ledger()
    coordinator = make_coordinator(alliance_by_code("nev"), name="新能源汽车联盟秘书处")
    width = "phone" if viewport is PHONE else "desktop"

    inventor = new_page(viewport)
    log_in(inventor, ledger.zhang.email)
    inventor.goto("/?lang=en")
    if viewport is PHONE:
        inventor.locator(".navbar-toggler").click()
    inventor.get_by_role("button", name="Licensing").click()  # its dropdown
    inventor.get_by_role("link", name="My statements").click()
    inventor.get_by_role("link", name="张三").click()
    inventor.locator("#year").select_option("2026")
    inventor.locator("form:has(#year) [type=submit]").click()
    summary = inventor.locator(".statement-summary").inner_text()
    assert "¥1,890.00" in summary and "¥323.55" in summary
    lines = inventor.locator(".statement-lines").inner_text()
    assert "-¥1,890.00" in lines and "¥323.55" in lines
    _shot(inventor, artifacts, f"inventor-zh-{width}")  # the form keeps no ?lang=
    inventor.goto(inventor.url + "&lang=en")
    _shot(inventor, artifacts, f"inventor-en-{width}")

    admin = new_page(viewport)
    log_in(admin, ledger.uni.email)
    admin.goto(f"/statements/organisations/{ledger.u}?bucket=inventors&lang=en")
    admin.locator("#from").fill("2025-01-01")
    admin.locator("#to").fill("2026-12-31")
    admin.locator("form:has(#from) [type=submit]").click()
    assert "¥1,890.00" in admin.locator(".statement-summary").inner_text()
    admin.goto(admin.url + "&lang=en")
    _shot(admin, artifacts, f"bucket-en-{width}")
    admin.goto("/statements/")
    _shot(admin, artifacts, f"index-zh-{width}")
    admin.goto(f"/statements/organisations/{ledger.u}?from=2026-05-01&to=2026-01-01")
    _shot(admin, artifacts, f"bad-period-zh-{width}")

    secretariat = new_page(viewport)
    log_in(secretariat, coordinator.email)
    secretariat.goto("/statements/alliances/nev")
    table = secretariat.locator(".alliance-totals").inner_text()
    assert "¥2,074.07" in table and "¥3,456.79" in table and "张三" not in table
    _shot(secretariat, artifacts, f"alliance-zh-{width}")
    secretariat.goto("/statements/alliances/nev?lang=en")
    _shot(secretariat, artifacts, f"alliance-en-{width}")
