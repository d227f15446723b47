"""Alliance notices: Markdown rendered safely, who publishes and who reads."""

from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from alliance.markdown import render
from alliance.models import MembershipStatus
from alliance.models.notices import Notice, NoticeKind, NoticeStatus
from alliance.services import ServiceError, notices
from alliance.services.directory import alliance_by_code

from .factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    UserFactory,
    make_coordinator,
)

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<svg onload="alert(1)"></svg>',
    "<iframe src='https://example.org'></iframe>",
    '[x](https://example.org "t" onmouseover=alert(1))',
]


class _Elements(HTMLParser):
    """The tags and attributes of a piece of HTML, as a browser would build them."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("text", XSS)
def test_markdown_never_yields_scripts_handlers_or_javascript_links(text):
    elements = _Elements(str(render(text))).elements
    for tag, attrs in elements:
        assert tag in {"p", "a", "strong", "em", "code", "pre", "blockquote"}, tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("https:", "http:", "mailto:")), href
        if tag == "a":
            assert attrs.get("rel") == "noopener nofollow"


def test_markdown_keeps_formatting_and_safe_links():
    html = str(render("# 通知\n\n**重要** *活动*\n\n- 一\n- 二\n\n[联盟](https://example.org) "
                      "[信](mailto:a@example.org)"))
    assert "<h1>通知</h1>" in html and "<strong>重要</strong>" in html and "<li>一</li>" in html
    assert '<a href="https://example.org" rel="noopener nofollow">联盟</a>' in html
    assert 'href="mailto:a@example.org"' in html


def test_script_typed_in_a_notice_shows_as_text_on_the_page(client, db, login):
    nev = alliance_by_code("nev")
    coordinator = make_coordinator(nev)
    login(coordinator)
    response = client.post("/notices/new", data={
        "alliance": str(nev.id), "kind": "policy", "title": "政策<b>解读</b>",
        "body": "<script>alert(1)</script>\n\n[x](javascript:alert(1))"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert "政策&lt;b&gt;解读&lt;/b&gt;" in page


def _setup():
    nev, culture = alliance_by_code("nev"), alliance_by_code("culture")
    coordinator = make_coordinator(nev)
    notice = notices.publish(coordinator, nev, NoticeKind.EVENT, "新能源汽车知识产权沙龙",
                             "时间：**下周三**")
    member = OrgAdminFactory()
    MembershipFactory(organization=member.organization, alliance=nev,
                      status=MembershipStatus.ACTIVE)
    colleague = UserFactory(organization=member.organization)
    pending = OrgAdminFactory()
    MembershipFactory(organization=pending.organization, alliance=nev,
                      status=MembershipStatus.PENDING)
    other = OrgAdminFactory()
    MembershipFactory(organization=other.organization, alliance=culture,
                      status=MembershipStatus.ACTIVE)
    from alliance.extensions import db

    db.session.commit()
    return nev, coordinator, notice, member, colleague, pending, other


def test_members_see_notices_in_their_workspace_and_list_others_do_not(client, db, login):
    nev, coordinator, notice, member, colleague, pending, other = _setup()
    for reader in (member, colleague, coordinator):
        login(reader)
        assert notice.title in client.get("/").get_data(as_text=True)
        assert notice.title in client.get("/notices/").get_data(as_text=True)
        page = client.get(f"/notices/{notice.id}")
        assert page.status_code == 200 and "<strong>下周三</strong>" in page.get_data(
            as_text=True)
    for outsider in (pending, other):
        login(outsider)
        assert notice.title not in client.get("/").get_data(as_text=True)
        assert notice.title not in client.get("/notices/").get_data(as_text=True)
        assert client.get(f"/notices/{notice.id}").status_code == 404
    client.post("/auth/logout")
    assert client.get(f"/notices/{notice.id}").status_code == 302  # to the login page


def test_only_coordinators_publish_and_withdraw(client, db, login):
    nev, coordinator, notice, member, _colleague, _pending, _other = _setup()
    culture_coordinator = make_coordinator(alliance_by_code("culture"))
    login(member)
    assert client.get("/notices/new").status_code == 403
    assert client.post(f"/notices/{notice.id}/withdraw", data={"confirm": "yes"}).status_code \
        == 403
    with pytest.raises(ServiceError) as refused:
        notices.publish(culture_coordinator, nev, NoticeKind.POLICY, "x", "y")
    assert refused.value.status == 403
    login(culture_coordinator)
    response = client.post("/notices/new", data={"alliance": str(nev.id), "kind": "policy",
                                                  "title": "越权", "body": ""})
    assert response.status_code == 400  # not one of the coordinator's alliances
    assert db.session.scalar(select(func.count()).select_from(Notice)) == 1
    login(coordinator)
    assert client.post(f"/notices/{notice.id}/withdraw", data={"confirm": "yes"}).status_code \
        == 302
    assert db.session.get(Notice, notice.id).status is NoticeStatus.WITHDRAWN
    login(member)
    assert client.get(f"/notices/{notice.id}").status_code == 404
    assert notice.title not in client.get("/").get_data(as_text=True)


def test_platform_admin_may_publish_to_any_alliance(client, db, login):
    admin = AdminFactory()
    login(admin)
    culture = alliance_by_code("culture")
    assert client.post("/notices/new", data={"alliance": str(culture.id), "kind": "cooperation",
                                              "title": "合作征集", "body": "欢迎"}).status_code \
        == 302
    assert client.post("/notices/new", data={"alliance": str(culture.id), "kind": "nope",
                                              "title": "x"}).status_code == 400
