"""The benefit-sharing journey in a real browser, through the real forms with CSRF tokens:
two co-owners draw up and sign an agreement over their patent, the licensee files its
royalty report, the licensor records the payment and distributes it, and an inventor's
statement shows the exact cents that reached them.

The cents are worked out here by hand (largest remainder on cents, ties in party order):
¥3,333.37 shared 60/40 gives the university 200,002.2 → 200,002 cents and the institute
133,334.8 → 133,334 cents, and the one cent left goes to the larger remainder (the
institute): ¥2,000.02 and ¥1,333.35. The university's internal split 60/10/10/20 of
200,002 cents gives 120,001.2 / 20,000.2 / 20,000.2 / 40,000.4 → 120,001 / 20,000 /
20,000 / 40,000, and the one cent left goes to the institution: the inventors' part is
¥1,200.01. By contribution 40/35/25 that is 48,000.4 / 42,000.35 / 30,000.25 → the cent
left goes to the researcher: ¥480.01.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from alliance.models import Sector
from alliance.models.listings import LicenceKind, RoyaltyKind
from alliance.services.licences import add_months, grant_licence
from alliance.services.royalty_terms import Royalty

from ..factories import OrgAdminFactory, OrganizationFactory, UserFactory
from ..patent_helpers import make_patent
from .conftest import TIMEOUT_MS, log_in

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)

PAYMENT = "3333.37"
RESEARCHER_GETS = "480.01"


def signed_in(new_page, email: str) -> Page:
    """A fresh browser context logged in as ``email``."""
    page = new_page()
    log_in(page, email)
    return page


@pytest.fixture
def parties(db):
    """A state-founded university and an institute co-owning a patent 60/40, the
    university's researcher, and a firm holding a running-royalty licence from the
    university that started three months ago."""
    uni = OrgAdminFactory(name="技术转移中心", organization=OrganizationFactory(
        name_zh="吉林测试大学", sector=Sector.UNIVERSITY, state_funded=True))
    institute = OrgAdminFactory(name="研究所管理员", organization=OrganizationFactory(
        name_zh="吉林测试研究所", sector=Sector.RESEARCH_INSTITUTE))
    firm = OrgAdminFactory(name="企业知识产权经理", organization=OrganizationFactory(
        name_zh="长春测试电池有限公司", sector=Sector.ENTERPRISE))
    researcher = UserFactory(organization=uni.organization, name="李研究员")
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{institute.organization.name_zh}:40")
    start = date.today() - timedelta(days=92)
    licence = grant_licence(
        uni, licensor=uni.organization, licensee=firm.organization, patents=[patent],
        kind=LicenceKind.NON_EXCLUSIVE, field_of_use="", territory="吉林省", start=start,
        end=add_months(start, 36), effective=start,
        royalty=Royalty(RoyaltyKind.RUNNING_PERCENT, running_rate=Decimal("3.5")))
    db.session.commit()
    return uni, institute, firm, researcher, patent, licence


def draw_up_and_sign(new_page, uni, institute, patent) -> None:
    page = signed_in(new_page, uni.email)
    page.goto(f"/sharing/new?patent={patent.id}")
    expect(page.locator("#parties-0-share")).to_have_value(re.compile(r"^60"))
    page.locator("#title").fill("锂电池专利利益分享协议")
    page.locator("#parties-0-inventors_part").fill("60")
    page.locator("#parties-0-school_part").fill("10")
    page.locator("#parties-0-office_part").fill("10")
    page.locator("#parties-0-institution_part").fill("20")
    page.locator("#parties-0-inventors").fill("李研究员:40\n张三:35\n李四:25")
    page.locator("form [type=submit][name=submit]").click()
    expect(page).to_have_url(re.compile(r"/sharing/\d+$"))
    agreement_url = page.url
    page.locator("form[action$='/send'] [type=submit]").click()
    page.locator("form[action$='/sign'] [type=submit]").click()
    page = signed_in(new_page, institute.email)
    page.goto(agreement_url)
    page.locator("form[action$='/sign'] [type=submit]").click()
    expect(page.locator("h1 .badge.text-bg-success")).to_be_visible()


def file_report(new_page, firm, licence) -> None:
    page = signed_in(new_page, firm.email)
    page.goto(f"/licensing/licences/{licence.id}/royalties")
    form = page.locator("#report-form")
    form.locator("input[name=period_start]").fill(licence.start_date.isoformat())
    form.locator("input[name=period_end]").fill((date.today() - timedelta(days=1)).isoformat())
    form.locator("input[name=net_sales]").fill("95239.14")
    form.locator("[type=submit]").click()
    # 3.5% of ¥95,239.14 = ¥3,333.3699 → ¥3,333.37 due
    expect(page.locator("article.report").first).to_contain_text("3,333.37")


def record_and_distribute(new_page, uni, licence) -> None:
    page = signed_in(new_page, uni.email)
    page.goto(f"/licensing/licences/{licence.id}/royalties")
    form = page.locator("#payment-form")
    form.locator("input[name=amount]").fill(PAYMENT)
    form.locator("input[name=received_on]").fill(date.today().isoformat())
    form.locator("input[name=reference]").fill("工行回单 0001")
    form.locator("[type=submit]").click()
    page.locator("#payments a[href$='/distribute']").first.click()
    page.locator("form:has(input[name=confirm]) [type=submit]").click()
    expect(page.locator("main")).to_contain_text("2,000.02")
    expect(page.locator("main")).to_contain_text("1,333.35")


def test_sign_report_pay_distribute_and_the_inventor_reads_the_cents(new_page, parties,
                                                                    artifacts):
    uni, institute, firm, researcher, patent, licence = parties
    draw_up_and_sign(new_page, uni, institute, patent)
    file_report(new_page, firm, licence)
    record_and_distribute(new_page, uni, licence)

    page = signed_in(new_page, researcher.email)
    page.goto("/statements/")
    page.locator("main a[href*='inventor=']").first.click()
    expect(page.locator("main")).to_contain_text(f"¥{RESEARCHER_GETS}")
    page.screenshot(path=str(artifacts / "sharing-inventor-statement.png"), full_page=True)
