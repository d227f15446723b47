"""An organisation's administrator meets a warning on the home page, acknowledges it on the
warnings page and watches an IPC subclass (a bad one first); the alliance's coordinator
reads the member's warnings. At phone width, in Chinese and in English."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from alliance.models import EarlyWarning, MembershipStatus, WarningKind
from alliance.services.directory import alliance_by_code
from alliance.services.warnings import run

from ..factories import MembershipFactory, OrgAdminFactory, make_coordinator
from ..patent_helpers import make_patent
from .conftest import PHONE, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def allowed_errors() -> list[str]:
    """The refused subclass answers 400, which the browser logs."""
    return [r"/warnings/watches.*status of 400"]


def _data(db):
    nev = alliance_by_code("nev")
    admin = OrgAdminFactory(name="技术转移中心", organization__name_zh="吉林测试大学")
    MembershipFactory(organization=admin.organization, alliance=nev,
                      status=MembershipStatus.ACTIVE)
    patent = make_patent(admin)
    # the annual fee of the patent (filed on 15 March) falls due within 30 days
    anniversary = date(date.today().year, 3, 15)
    if anniversary < date.today():
        anniversary = date(date.today().year + 1, 3, 15)
    run(anniversary - timedelta(days=10))
    db.session.add(EarlyWarning(kind=WarningKind.PATENT_EXPIRY, subject_type="patent",
                                subject_id=patent.id, due_date=date.today() - timedelta(days=2),
                                organization_id=admin.organization_id,
                                params={"number": patent.application_number,
                                        "title": patent.title}))
    coordinator = make_coordinator(nev, name="新能源汽车联盟秘书处")
    db.session.commit()
    return admin, coordinator


def test_a_warning_is_seen_acknowledged_and_a_field_watched(new_page, db, artifacts):
    admin, coordinator = _data(db)
    page = new_page(PHONE)
    log_in(page, admin.email)
    page.goto("/")
    box = page.locator(".home-warnings")
    assert box.locator("li").count() == 2
    page.screenshot(path=str(artifacts / "warnings-home-zh-phone.png"), full_page=True)
    box.locator("a[href='/warnings/']").click()
    page.wait_for_url("**/warnings/")
    page.screenshot(path=str(artifacts / "warnings-zh-phone.png"), full_page=True)
    page.goto("/warnings/?lang=en")
    page.screenshot(path=str(artifacts / "warnings-en-phone.png"), full_page=True)
    items = page.locator(".warnings-list li")
    assert items.count() == 2
    items.first.get_by_role("button", name="Acknowledge").click()
    page.wait_for_selector(".alert-success")
    assert page.locator(".warnings-list li").first.get_by_role(
        "button", name="Acknowledge").count() == 0
    page.get_by_role("link", name="IPC watches").click()
    page.locator("input[name=subclass]").fill("H01")
    page.locator("form:has(input[name=subclass]) [type=submit]").click()
    assert page.locator("#subclass-error").is_visible()
    page.screenshot(path=str(artifacts / "warnings-watch-error-en-phone.png"), full_page=True)
    page.locator("input[name=subclass]").fill("h01m")
    page.locator("form:has(input[name=subclass]) [type=submit]").click()
    page.wait_for_selector(".ipc-watches li:has-text('H01M')")
    page.goto("/warnings/watches")
    page.screenshot(path=str(artifacts / "warnings-watches-zh-phone.png"), full_page=True)

    page = new_page(PHONE)
    log_in(page, coordinator.email)
    page.goto("/warnings/alliances/nev")
    assert page.locator(".warnings-list li").count() == 2
    page.screenshot(path=str(artifacts / "warnings-alliance-zh-phone.png"), full_page=True)
    page.goto("/warnings/alliances/nev?lang=en")
    assert page.get_by_role("button", name="Acknowledge").count() == 0
    page.screenshot(path=str(artifacts / "warnings-alliance-en-phone.png"), full_page=True)
