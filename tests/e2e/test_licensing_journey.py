"""The licensing journey in a real browser, through the real forms with CSRF tokens: a
university lists a patent, a firm finds it with a Chinese query and requests an exclusive
licence, the university counters, the firm accepts and the licence exists; a second
overlapping exclusive request is then refused with the reason."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from alliance.models import Licence, LicenceRequest, RequestStatus, Sector

from ..factories import OrgAdminFactory, OrganizationFactory
from ..patent_helpers import make_patent
from .conftest import PHONE, TIMEOUT_MS, log_in

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)

TITLE = "一种锂电池正极材料及其制备方法"


def fill_terms(page: Page, form, lump_sum: str) -> None:
    start = date.today()
    form.locator("select[name=kind]").select_option("exclusive")
    form.locator("input[name=start_date]").fill(start.isoformat())
    form.locator("input[name=end_date]").fill((start + timedelta(days=3 * 365)).isoformat())
    form.locator("select[name=royalty_kind]").select_option("lump_sum")
    form.locator("input[name=lump_sum]").fill(lump_sum)


def request_licence(page: Page, lump_sum: str, message: str) -> None:
    page.goto("/patents/")
    page.locator("input[name=q]").fill("锂电池正极")
    page.locator("form[role=search] button[type=submit]").click()
    page.get_by_role("link", name=TITLE).click()
    page.locator(".licensing-box a[href*='/licensing/listings/']").click()
    page.locator("a[href$='/request']").click()
    form = page.locator("form:has(select[name=kind])")
    fill_terms(page, form, lump_sum)
    form.locator("textarea[name=message]").fill(message)
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/licensing/requests/\d+$"))


def test_list_find_request_counter_accept_and_refuse_an_overlap(new_page, db, artifacts,
                                                                 allowed_errors):
    # the refused acceptance answers 409, which the browser logs as a failed load
    allowed_errors.append(r"/accept .*status of 409")
    university = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, name_zh="吉林测试理工大学"))
    patent = make_patent(university, TITLE)
    firm, rival = OrgAdminFactory(), OrgAdminFactory()
    uni_email, firm_email, rival_email = university.email, firm.email, rival.email
    patent_id = patent.id

    # The university lists the patent for licensing.
    owner = new_page()
    log_in(owner, uni_email)
    owner.goto(f"/licensing/listings/new?patent={patent_id}")
    owner.locator("input[name=title]").fill("锂电池正极材料专利许可")
    owner.locator("input[name=kinds][value=exclusive]").check()
    owner.locator("input[name=kinds][value=non_exclusive]").check()
    owner.locator("select[name=royalty_kind]").select_option("lump_sum")
    owner.locator("input[name=lump_sum]").fill("200000")
    owner.locator("form:has(input[name=title]) [type=submit]").click()
    expect(owner).to_have_url(re.compile(r"/licensing/listings/\d+$"))
    owner.screenshot(path=str(artifacts / "licensing-01-listed.png"), full_page=True)

    # A firm finds it with a Chinese query and requests an exclusive licence (on a phone).
    buyer = new_page(PHONE)
    log_in(buyer, firm_email)
    request_licence(buyer, "150000", "我们计划用于动力电池量产。")
    request_url = buyer.url
    buyer.screenshot(path=str(artifacts / "licensing-02-requested.png"), full_page=True)

    # The university counters with a higher price.
    owner.goto(request_url)
    owner.locator("details:has(form[action$='/counter']) summary").click()
    counter = owner.locator("form[action$='/counter']")
    fill_terms(owner, counter, "260000")
    counter.locator("textarea[name=message]").fill("独占许可的价格需要提高。")
    counter.locator("[type=submit]").click()
    expect(owner.locator(".request-history")).to_contain_text("独占许可的价格需要提高。")

    # The firm accepts the counter-offer: the licence exists.
    buyer.goto(request_url)
    expect(buyer.locator(".request-history")).to_contain_text("独占许可的价格需要提高。")
    buyer.locator("form[action$='/accept'] button").click()
    expect(buyer.locator("main a[href*='/licensing/licences/']").first).to_be_visible()
    buyer.screenshot(path=str(artifacts / "licensing-03-licensed.png"), full_page=True)
    db.session.expire_all()
    licence = db.session.scalar(db.select(Licence))
    assert licence is not None and licence.lump_sum == 260000
    assert licence.licensee_id == firm.organization_id

    # A second firm asks for an overlapping exclusive licence; accepting it is refused.
    other = new_page()
    log_in(other, rival_email)
    request_licence(other, "300000", "我们也需要独占许可。")
    second_url = other.url
    owner.goto(second_url)
    owner.locator("form[action$='/accept'] button").click()
    refusal = owner.locator(".alert-danger")
    expect(refusal).to_contain_text(licence.reference)
    owner.screenshot(path=str(artifacts / "licensing-04-refused.png"), full_page=True)
    db.session.expire_all()
    second = db.session.scalar(db.select(LicenceRequest).order_by(LicenceRequest.id.desc()))
    assert second.status is RequestStatus.SUBMITTED
    assert db.session.query(Licence).count() == 1
