"""The whole join journey in a real browser, through the real forms with CSRF tokens:
register an organisation, have it approved, ask to join an alliance, have the request
approved, then switch the interface to English and see the choice remembered."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from alliance.models import Membership, MembershipStatus, Organization, OrgStatus, User
from alliance.services.directory import alliance_by_code

from ..factories import PASSWORD, AdminFactory, OrgAdminFactory, make_coordinator
from .conftest import PHONE, TIMEOUT_MS

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)

USCC = "91330100799655058B"
ORG_ZH = "吉林测试大学"
ORG_EN = "Jilin Test University"
ORG_ADMIN_EMAIL = "registrar@jltu.example.org"
HOME_HEADING_ZH = "吉林省战略性新兴产业知识产权联盟"
NEV_ZH = "新能源汽车产业知识产权联盟"


def log_in(page: Page, email: str, password: str = PASSWORD, *, button: str = "登录") -> None:
    page.get_by_role("link", name=button, exact=True).click()
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("form[action$='/auth/logout']")).to_be_attached()


def log_out(page: Page, *, button: str = "退出登录") -> None:
    page.locator(".navbar button.dropdown-toggle").click()  # the account menu
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("link", name="登录" if button == "退出登录" else "Log in",
                            exact=True)).to_be_visible()


def shot(page: Page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def test_register_approve_join_and_switch_language(page: Page, db, artifacts, new_page):
    nev = alliance_by_code("nev")
    admin = AdminFactory(name="平台管理员")
    coordinator = make_coordinator(nev, name="联盟协调员")
    admin_email, coordinator_email, coordinator_id = admin.email, coordinator.email, coordinator.id

    # An anonymous visitor sees the Chinese home page and registers an organisation.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans-CN")
    expect(page.get_by_role("heading", level=1, name=HOME_HEADING_ZH)).to_be_visible()
    page.get_by_role("link", name="注册", exact=True).click()
    expect(page).to_have_url(re.compile(r"/auth/register$"))
    page.get_by_label("机构名称（中文）").fill(ORG_ZH)
    page.get_by_label("机构名称（英文）").fill(ORG_EN)
    page.get_by_label("统一社会信用代码").fill(USCC)
    page.get_by_label("机构类别").select_option("university")
    page.get_by_label("所在地区").fill("长春市")
    page.get_by_label("网站").fill("https://www.jltu.example.org")
    page.get_by_label("您的姓名").fill("王老师")
    page.get_by_label("电子邮箱").fill(ORG_ADMIN_EMAIL)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_role("button", name="注册").click()

    expect(page).to_have_url(re.compile(r"/organisations/\d+$"))
    expect(page.get_by_role("heading", level=1, name=ORG_ZH)).to_be_visible()
    expect(page.locator(".alert-secondary")).to_contain_text("待审核")
    shot(page, artifacts, "01-registered-pending")
    db.session.expire_all()
    org = db.session.scalar(db.select(Organization).filter_by(uscc=USCC))
    assert org is not None and org.status is OrgStatus.PENDING
    org_id = org.id
    db.session.rollback()
    log_out(page)

    # The platform administrator approves the registration.
    log_in(page, admin_email)
    page.get_by_role("link", name="管理后台", exact=True).click()
    card = page.locator(".card", has=page.get_by_role("heading", name=ORG_ZH))
    expect(card).to_contain_text(USCC)
    expect(card).to_contain_text("高等院校")
    shot(page, artifacts, "02-admin-approvals")
    card.get_by_role("button", name="批准").click()
    expect(page.get_by_role("status")).to_contain_text(f"已批准：{ORG_ZH}。")
    expect(page.get_by_text("暂无待审核的注册申请")).to_be_visible()
    db.session.expire_all()
    assert db.session.get(Organization, org_id).status is OrgStatus.APPROVED
    db.session.rollback()
    log_out(page)

    # The new organisation's administrator asks to join the alliance.
    log_in(page, ORG_ADMIN_EMAIL)
    page.get_by_role("link", name="联盟", exact=True).click()
    page.get_by_role("link", name=re.compile("^新能源汽车")).click()
    expect(page).to_have_url(re.compile(r"/alliances/nev$"))
    expect(page.get_by_role("heading", level=1, name=NEV_ZH)).to_be_visible()
    join = page.locator("form[action$='/alliances/nev/join']")
    expect(join).to_be_hidden()
    page.get_by_text("申请加入本联盟").click()
    expect(join).to_be_visible()
    join.get_by_label("在联盟中的角色").select_option("member")
    join.get_by_label("给协调员的留言").fill("我校有多项新能源汽车电池专利，希望加入联盟。")
    join.get_by_role("button", name="申请入盟").click()
    expect(page.get_by_role("status")).to_contain_text("申请已提交给该联盟协调员")
    expect(page.get_by_text("您所在机构的入盟申请正在等待协调员审批。")).to_be_visible()
    expect(join).to_have_count(0)
    shot(page, artifacts, "03-join-requested")
    log_out(page)

    # The coordinator approves; the organisation is listed among the members.
    log_in(page, coordinator_email)
    page.get_by_role("link", name="入盟申请", exact=True).click()
    expect(page).to_have_url(re.compile(r"/alliances/nev/requests$"))
    request = page.locator(".card", has=page.get_by_role("heading", name=ORG_ZH))
    expect(request).to_contain_text("希望加入联盟")
    request.get_by_role("button", name="批准").click()
    expect(page.get_by_role("status")).to_contain_text(f"已批准：{ORG_ZH}现已成为联盟成员。")
    expect(page.get_by_text("暂无待处理的申请")).to_be_visible()
    page.goto("/alliances/nev")
    members = page.locator("ul.list-group")
    expect(members.get_by_role("link", name=ORG_ZH, exact=True)).to_be_visible()
    expect(members).to_contain_text("高等院校")
    shot(page, artifacts, "04-alliance-zh")
    db.session.expire_all()
    membership = db.session.scalar(db.select(Membership).filter_by(organization_id=org_id))
    assert membership.alliance_id == nev.id
    assert membership.status is MembershipStatus.ACTIVE
    assert db.session.get(Organization, org_id).status is OrgStatus.APPROVED
    db.session.rollback()

    # The coordinator switches to English; the choice holds on other pages and across logins.
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/alliances/nev$"))
    expect(page.get_by_role("link", name="Alliances", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("New-energy vehicles IP Alliance")
    expect(page.get_by_role("heading", name="Members")).to_be_visible()
    expect(page.get_by_role("button", name="中文", exact=True)).to_be_visible()
    shot(page, artifacts, "05-alliance-en")
    page.get_by_role("link", name="Organisations", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    log_out(page, button="Log out")
    log_in(page, coordinator_email, button="Log in")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Join requests", exact=True)).to_be_visible()
    db.session.expire_all()
    assert db.session.get(User, coordinator_id).preferred_language == "en"
    db.session.rollback()

    # A fresh browser (no session cookie) is Chinese until the coordinator logs in.
    other = new_page()
    other.goto("/")
    expect(other.locator("html")).to_have_attribute("lang", "zh-Hans-CN")
    log_in(other, coordinator_email)
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.get_by_role("heading", level=1)).to_have_text(
        "Jilin strategic-emerging-industry IP alliances")


def test_phone_width_alliance_page_and_join(new_page, db, artifacts):
    nev = alliance_by_code("nev")
    org_admin = OrgAdminFactory(organization__name_zh=ORG_ZH,
                                organization__name_en=ORG_EN)
    email, org_id = org_admin.email, org_admin.organization_id
    page = new_page(PHONE)

    page.goto("/alliances/nev")
    expect(page.get_by_role("heading", level=1, name=NEV_ZH)).to_be_visible()
    login_link = page.get_by_role("link", name="登录", exact=True)
    expect(login_link).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    login_link.click()
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=HOME_HEADING_ZH)).to_be_visible()

    page.goto("/alliances/nev")
    page.get_by_text("申请加入本联盟").click()
    page.get_by_role("button", name="申请入盟").click()
    expect(page.get_by_text("您所在机构的入盟申请正在等待协调员审批。")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 390px phone screen"
    shot(page, artifacts, "06-alliance-phone-zh")

    db.session.expire_all()
    membership = db.session.scalar(db.select(Membership).filter_by(organization_id=org_id))
    assert membership.alliance_id == nev.id and membership.status is MembershipStatus.PENDING
    db.session.rollback()
