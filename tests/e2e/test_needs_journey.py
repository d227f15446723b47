"""The technology-need journey in a real browser, through the real forms with CSRF tokens:
a firm posts a need, the platform suggests a university's matching listing and tells its
owner, who answers with that listing; the firm sees the answer and marks the need solved
by it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from alliance.models import Sector
from alliance.models.needs import Need, NeedAnswer, NeedStatus

from ..factories import OrgAdminFactory, OrganizationFactory
from ..patent_helpers import make_listing, make_patent
from .conftest import PHONE, TIMEOUT_MS, log_in

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)

LISTING = "锂电池正极材料专利许可"


def test_post_a_need_answer_it_with_a_listing_and_mark_it_solved(new_page, db, artifacts):
    university = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, name_zh="吉林测试理工大学"))
    patent = make_patent(university, "一种锂电池正极材料及其制备方法", ipc="H01M 4/13",
                         abstract="提高锂离子电池的能量密度。")
    make_listing(university, [patent], title=LISTING)
    other = OrgAdminFactory()
    make_listing(other, [make_patent(other, "一种图像识别方法", ipc="G06V 10/82")],
                 title="图像识别专利许可")
    firm = OrgAdminFactory(organization=OrganizationFactory(name_zh="吉林测试汽车公司"))
    uni_email, firm_email = university.email, firm.email

    # The firm posts its need; the matching listing is suggested first, with its reasons.
    buyer = new_page()
    log_in(buyer, firm_email)
    buyer.goto("/needs/")
    buyer.locator("a[href$='/needs/new']").click()
    form = buyer.locator("form:has(input[name=title])")
    form.locator("input[name=title]").fill("需要高能量密度的锂电池正极材料")
    form.locator("textarea[name=description]").fill("用于新能源汽车动力电池。")
    form.locator("input[name=ipc]").fill("H01M 4/36")
    form.locator("input[name=keywords]").fill("锂电池 正极材料")
    form.locator("input[name=budget_min]").fill("100000")
    form.locator("input[name=budget_max]").fill("500000")
    form.locator("input[name=deadline]").fill((date.today() + timedelta(days=30)).isoformat())
    form.locator("[type=submit]").click()
    expect(buyer).to_have_url(re.compile(r"/needs/\d+$"))
    need_url = buyer.url
    first = buyer.locator(".need-matches ol").first.locator("li").first
    expect(first).to_contain_text(LISTING)
    expect(first).to_contain_text("H01M 4/00")
    buyer.screenshot(path=str(artifacts / "needs-01-posted.png"), full_page=True)

    # The listing's owner was told; from the notification it answers with the listing.
    owner = new_page(PHONE)
    log_in(owner, uni_email)
    owner.goto("/notifications/")
    owner.locator(".notification-link").first.click()
    expect(owner).to_have_url(need_url)
    answer = owner.locator(".answer-box form")
    answer.locator("select[name=listing]").select_option(label=LISTING)
    answer.locator("textarea[name=message]").fill("可提供普通许可和技术指导。")
    answer.locator("[type=submit]").click()
    expect(owner.locator(".need-answers")).to_contain_text(LISTING)
    owner.screenshot(path=str(artifacts / "needs-02-answered.png"), full_page=True)

    # The firm sees the answer and marks the need solved by it.
    buyer.goto(need_url)
    expect(buyer.locator(".need-answers")).to_contain_text("可提供普通许可和技术指导。")
    solve = buyer.locator("form[action$='/solve']")
    solve.locator("select[name=answer]").select_option(index=1)
    solve.locator("[type=submit]").click()
    expect(buyer.locator(".need-answers .badge")).to_be_visible()
    buyer.screenshot(path=str(artifacts / "needs-03-solved.png"), full_page=True)
    db.session.expire_all()
    need = db.session.scalar(db.select(Need))
    assert need.status is NeedStatus.SOLVED
    chosen = db.session.scalar(db.select(NeedAnswer))
    assert chosen.chosen and chosen.listing.title == LISTING
