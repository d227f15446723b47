"""Words and looks: dates in the order the language writes them, visible badges, the current
page marked, pages past the last and empty filters that say what to do."""

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale

from alliance.i18n import format_date_for_page, format_datetime_for_page
from alliance.models import MembershipStatus

from .factories import AdminFactory, MembershipFactory, OrgAdminFactory, OrganizationFactory

MOMENT = datetime(2026, 11, 28, 7, 4, tzinfo=UTC)  # 15:04 in Changchun


@pytest.mark.parametrize(("locale", "medium_date", "short_datetime"), [
    ("en", "28 Nov 2026", "28/11/2026, 15:04"),
    ("zh_Hans_CN", "2026年11月28日", "2026/11/28 15:04"),
])
def test_dates_in_the_order_each_language_writes_them(app, locale, medium_date,
                                                      short_datetime):
    with app.test_request_context(), force_locale(locale):
        assert format_date_for_page(MOMENT) == medium_date
        assert format_datetime_for_page(MOMENT, "short") == short_datetime
        assert format_date_for_page(None) == ""


def test_english_pages_show_british_dates(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    client.post("/language", data={"language": "en"})
    client.post(f"/organisations/{admin.organization_id}/invitations",
                data={"email": "x@example.org", "role": "member"})
    page = client.get(f"/organisations/{admin.organization_id}/invitations").get_data(
        as_text=True)
    today = format_today_british()
    assert today in page


def format_today_british():
    from zoneinfo import ZoneInfo

    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    return f"{now.day} {now:%b} {now.year}"


def test_the_left_badge_is_readable(client, db, login):
    admin = OrgAdminFactory()
    from alliance.services.directory import alliance_by_code

    MembershipFactory(organization=admin.organization, alliance=alliance_by_code("nev"),
                      status=MembershipStatus.LEFT, decided_at=MOMENT)
    login(admin)
    page = client.get(f"/organisations/{admin.organization_id}").get_data(as_text=True)
    assert '<span class="badge text-bg-dark">已退出/已撤回</span>' in page
    assert "text-bg-light" not in page


@pytest.mark.parametrize(("path", "label"), [("/alliances/", "联盟"),
                                             ("/alliances/nev", "联盟"),
                                             ("/organisations/", "机构")])
def test_the_navigation_marks_the_current_page(client, path, label):
    page = client.get(path).get_data(as_text=True)
    nav = page[page.index('<ul class="navbar-nav'):page.index("</ul>", page.index(
        '<ul class="navbar-nav'))]
    assert nav.count('aria-current="page"') == 1
    current = nav[:nav.index('aria-current="page"')]
    assert 'class="nav-link active"' in current[current.rindex("<a "):]


def test_the_home_page_marks_nothing_current(client):
    page = client.get("/").get_data(as_text=True)
    nav = page[page.index('<ul class="navbar-nav'):page.index("</ul>", page.index(
        '<ul class="navbar-nav'))]
    assert 'aria-current="page"' not in nav and "nav-link" in nav


def test_a_page_past_the_last_says_so_and_links_back(client, db):
    for _ in range(3):
        OrganizationFactory()
    response = client.get("/organisations/?page=9999")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "没有第 9999 页：共 1 页。" in page
    assert 'href="/organisations/?page=1&' in page and "前往最后一页" in page
    assert "此页没有内容。" in page


def test_empty_filter_results_offer_to_clear_the_filter(client, db, login):
    OrganizationFactory()
    organisations = client.get("/organisations/?q=不存在的名字").get_data(as_text=True)
    assert "没有符合条件的机构。" in organisations
    assert '<a href="/organisations/">清除筛选条件</a>' in organisations
    alliance = client.get("/alliances/nev?q=不存在的名字").get_data(as_text=True)
    assert '<a href="/alliances/nev">清除筛选条件</a>' in alliance
    login(AdminFactory())
    users = client.get("/admin/users?q=nobody-at-all").get_data(as_text=True)
    assert "没有符合条件的账号。" in users and '<a href="/admin/users">清除筛选条件</a>' in users


def test_an_account_is_not_said_to_have_joined_an_alliance(client, db, login):
    admin = AdminFactory()
    person = OrgAdminFactory()
    login(admin)
    client.get(f"/admin/users/{person.id}/active")
    client.post(f"/admin/users/{person.id}/active", data={"active": "0", "confirm": "yes"})
    page = client.get("/admin/audit?type=user").get_data(as_text=True)
    assert "账号可登录：</span> 是 → 否" in page and "已入盟" not in page
