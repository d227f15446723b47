"""In a browser, at phone width: a university's administrator fills in an agreement's full
terms (costs, internal split, inventors), sees them on the agreement page, and a platform
administrator edits a statutory floor; the pages pass axe in both languages and fit 390px."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from alliance.models import Sector

from ..factories import AdminFactory, OrgAdminFactory, OrganizationFactory, UserFactory
from ..patent_helpers import make_patent
from .conftest import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.e2e

AXE = Axe()


def _check(page, artifacts, name: str, found: list[str]) -> None:
    """axe's serious findings, horizontal overflow, and a screenshot of the whole page."""
    results = AXE.run(page)
    found += [f"{page.url} [{v['impact']}] {v['id']}: {v['help']} ({v['nodes'][0]['target']})"
              for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport:
        found.append(f"{page.url} is {width}px wide at {viewport}px")
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


@pytest.fixture
def allowed_errors() -> list[str]:
    return [r"status of 400"]  # the refused inventors' shares and floor value


@pytest.fixture
def parties(db):
    uni = OrgAdminFactory(name="技术转移中心", organization=OrganizationFactory(
        name_zh="吉林测试大学", sector=Sector.UNIVERSITY, state_funded=True))
    firm = OrgAdminFactory(organization__name_zh="长春测试电池有限公司")
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{firm.organization.name_zh}:40")
    UserFactory(organization=uni.organization, name="张三")
    admin = AdminFactory(name="省局管理员")
    db.session.commit()
    return uni, firm, patent, admin


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_full_terms_on_the_form_the_page_and_the_policy_table(new_page, parties, artifacts,
                                                              viewport):
    uni, _firm, patent, admin = parties
    tag = "phone" if viewport is PHONE else "desktop"
    found: list[str] = []
    page = new_page(viewport)
    log_in(page, uni.email)
    page.goto(f"/sharing/new?patent={patent.id}&lang=en")
    page.locator("#title").fill("锂电池专利利益分享协议")
    page.locator("#parties-0-patent_fees").fill("1200.50")
    page.locator("#parties-0-office_percent").fill("5")
    page.locator("#parties-0-inventors_part").fill("50")
    page.locator("#parties-0-school_part").fill("20")
    page.locator("#parties-0-office_part").fill("10")
    page.locator("#parties-0-inventors").fill("张三:70\n李四:40")
    _check(page, artifacts, f"agreement-form-en-{tag}", found)
    page.locator("form [type=submit][name=submit]").click()
    page.wait_for_load_state()
    assert "The inventors' shares add up to 110%, not 100%." in page.locator(
        "#parties-0-inventors ~ .invalid-feedback").inner_text()
    _check(page, artifacts, f"agreement-form-error-en-{tag}", found)
    page.locator("#parties-0-inventors").fill("张三:70\n李四:30")
    page.locator("form [type=submit][name=submit]").click()
    page.wait_for_url(lambda url: "/new" not in url)
    page.goto(page.url.split("?")[0] + "?lang=en")
    body = page.locator("main").inner_text()
    assert "patent fees ¥1,200.50" in body and "institution 20" in body
    _check(page, artifacts, f"agreement-en-{tag}", found)
    agreement_url = page.url.split("?")[0]
    for suffix, name in (("", "agreement-zh"), ("/edit", "agreement-edit-zh"),
                         ("/versions/1", "agreement-print-zh")):
        page.goto(f"{agreement_url}{suffix}?lang=zh_Hans_CN")
        _check(page, artifacts, f"{name}-{tag}", found)

    page = new_page(viewport)
    log_in(page, admin.email)
    for lang in ("en", "zh_Hans_CN"):
        page.goto(f"/admin/policy?lang={lang}")
        _check(page, artifacts, f"policy-{lang}-{tag}", found)
    page.goto("/admin/policy?lang=en")
    href = page.locator("a[href^='/admin/policy/']").first.get_attribute("href")
    page.goto(f"{href}?lang=en")
    page.locator("#value").fill("101")
    page.locator("main #submit").click()
    page.wait_for_load_state()
    assert "cannot exceed 100" in page.locator("main").inner_text()
    _check(page, artifacts, f"policy-rule-error-en-{tag}", found)
    assert found == [], "\n".join(found)
