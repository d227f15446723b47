"""Journeys that go through the mailbox, in a real browser against a real SMTP server: a
forgotten password replaced by the mailed link, and a coordinator invited by email."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from alliance.models import User

from ..factories import AdminFactory, UserFactory
from .conftest import TIMEOUT_MS
from .test_join_journey import log_in, log_out, shot

pytestmark = pytest.mark.e2e

expect.set_options(timeout=TIMEOUT_MS)

NEW_PASSWORD = "a-brand-new-password"


def test_forgotten_password_is_replaced_by_the_mailed_link(page: Page, db, mailbox, artifacts):
    user = UserFactory(email="forgetful@example.org", name="健忘的老师")
    email = user.email

    page.goto("/auth/login")
    page.get_by_role("link", name="忘记密码？").click()
    expect(page).to_have_url(re.compile(r"/auth/forgot-password$"))
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_role("button", name="发送链接").click()
    expect(page).to_have_url(re.compile(r"/auth/login$"))
    expect(page.get_by_role("status")).to_contain_text("设置新密码的链接已发送至该邮箱")

    [mail] = mailbox.to(email)
    link = mail.link("/auth/reset-password/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="设置新密码")).to_be_visible()
    page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("确认新密码").fill(NEW_PASSWORD)
    shot(page, artifacts, "mail-01-reset-form")
    page.get_by_role("button", name="设置新密码").click()
    expect(page.get_by_role("status")).to_contain_text("新密码已设置")

    log_in(page, email, NEW_PASSWORD)  # (the spent link's 410 is checked in test_password_reset)


def test_coordinator_is_invited_by_email_and_accepts(page: Page, db, mailbox, artifacts):
    admin = AdminFactory(name="省办管理员")
    admin_email = admin.email

    page.goto("/")
    log_in(page, admin_email)
    page.get_by_role("link", name="管理后台", exact=True).click()
    page.get_by_role("link", name="协调员", exact=True).click()
    page.get_by_label("被任命人的电子邮箱").fill("secretariat@example.org")
    page.get_by_label("联盟", exact=True).select_option("biomedicine")
    page.get_by_role("button", name="任命或邀请").click()
    expect(page.get_by_role("status")).to_contain_text("已发送邮件通知：secretariat@example.org")
    shown = page.locator("#new-link").input_value()
    shot(page, artifacts, "mail-02-coordinator-invited")
    log_out(page)

    [mail] = mailbox.to("secretariat@example.org")
    assert mail.link("/auth/join/") == shown
    page.goto(shown)
    expect(page.get_by_role("heading", level=1)).to_have_text("担任生物医药产业知识产权联盟协调员")
    page.get_by_label("您的姓名").fill("刘秘书")
    page.get_by_label("密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("确认密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="创建账号").click()
    expect(page).to_have_url(re.compile(r"/alliances/biomedicine/requests$"))
    expect(page.get_by_role("status")).to_contain_text("您现已担任生物医药产业知识产权联盟协调员")
    db.session.expire_all()
    person = User.find_by_email("secretariat@example.org")
    assert person.organization_id is None
    assert [a.code for a in person.coordinated_alliances()] == ["biomedicine"]
    db.session.rollback()
