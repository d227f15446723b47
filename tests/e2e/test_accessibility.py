"""Every page, for every role, in both languages, at desktop and phone width, passes axe-core
(run in chromium) with no "serious" or "critical" violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from alliance.models import MembershipStatus, OrgStatus, Role
from alliance.services import notifications
from alliance.services.directory import alliance_by_code
from alliance.services.invitations import invite

from ..factories import (
    PASSWORD,
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    UserFactory,
    make_coordinator,
)
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

AXE = Axe()
SERIOUS = {"serious", "critical"}


def _data(db):
    """Records in every badge state, a demo organisation, and one account per role."""
    nev = alliance_by_code("nev")
    admin = AdminFactory(name="省局管理员")
    coordinator = make_coordinator(nev, name="新能源汽车联盟秘书处")
    org_admin = OrgAdminFactory(name="技术转移中心", organization__name_zh="吉林测试大学")
    org = org_admin.organization
    UserFactory(organization=org, name="研究员", active=False)
    demo = OrganizationFactory(name_zh="演示机构", is_demo=True)
    for status, alliance in [(MembershipStatus.ACTIVE, "nev"),
                             (MembershipStatus.PENDING, "culture"),
                             (MembershipStatus.REJECTED, "tourism"),
                             (MembershipStatus.LEFT, "new-energy")]:
        MembershipFactory(organization=org, alliance=alliance_by_code(alliance), status=status,
                          decision_reason="理由" if status is MembershipStatus.REJECTED else "")
    MembershipFactory(organization=demo, alliance=nev, status=MembershipStatus.ACTIVE)
    MembershipFactory(alliance=nev)  # pending, for the coordinator
    OrganizationFactory(status=OrgStatus.PENDING, name_zh="待审机构")
    _invitation, token = invite(org_admin, org, Role.MEMBER, "guest@example.org", 7)
    for _ in range(2):  # one read, then one unread: both looks of the list
        notifications.mark_all_read(org_admin)
        notifications.notify([org_admin], "registration.approved",
                             notifications.link_to("orgs.detail", org_id=org.id),
                             mail_context={"org": org}, org_id=org.id,
                             org={"zh_Hans_CN": org.name_zh, "en": org.name_zh})
    db.session.commit()
    return {"admin": admin.email, "coordinator": coordinator.email,
            "org_admin": org_admin.email, "org": org.id, "demo": demo.id, "token": token,
            **_licensing_data(org_admin)}


def _licensing_data(org_admin) -> dict:
    """A listed patent with a request and a licence, an open licence, a firm."""
    from decimal import Decimal

    from alliance.models.listings import RoyaltyKind
    from alliance.services import open_licences
    from alliance.services.licence_requests import accept
    from alliance.services.royalty_terms import Royalty

    from ..patent_helpers import make_listing, make_patent, make_request

    patent = make_patent(org_admin)
    listing = make_listing(org_admin, [patent])
    firm = OrgAdminFactory(name="企业知识产权经理")
    req, _ = make_request(listing, firm_admin=firm, territory="吉林省")
    licensed, _ = make_request(listing, firm_admin=firm, territory="辽宁省")
    licence = accept(org_admin, licensed)
    free = make_patent(org_admin, "一种图像识别方法", ipc="G06V 10/82")
    offer = open_licences.declare(org_admin, free, open_licences.Declaration(
        "按年支付", "每年5万元", Royalty(kind=RoyaltyKind.LUMP_SUM, lump_sum=Decimal(50000)),
        req.start_date, req.end_date))
    from alliance.extensions import db
    from alliance.services.agreements import create_draft

    agreement = create_draft(org_admin, "锂电池专利利益分享协议", [patent])
    db.session.commit()
    return {"firm": firm.email, "patent": patent.id, "listing": listing.id,
            "request": req.id, "licence": licence.id, "offer": offer.id,
            "agreement": agreement.id}


def _pages(data) -> dict[str | None, list[str]]:
    """The paths each role visits (None: anonymous)."""
    org = data["org"]
    return {
        None: ["/", "/alliances/", "/alliances/nev", "/organisations/", "/network/",
               "/network/alliances/nev",
               f"/organisations/{data['demo']}", "/auth/login", "/auth/register",
               f"/auth/join/{data['token']}", "/auth/forgot-password",
               "/organisations/?page=9999", "/alliances/nev/dashboard", "/province/",
               "/province/?show=table"],
        "org_admin": [f"/organisations/{org}", f"/organisations/{org}/edit",
                      "/network/alliances/nev",
                      f"/organisations/{org}/invitations", "/auth/password", "/auth/sessions",
                      "/notifications/", "/notifications/preferences", "/"],
        "coordinator": ["/alliances/nev/requests", "/", "/network/alliances/nev",
                        "/network/alliances/nev?from=1990&to=1991",
                        "/alliances/nev/dashboard", "/alliances/nev/dashboard?show=table"],
        "admin": ["/admin/", "/admin/coordinators", "/admin/users", "/admin/audit",
                  "/admin/audit?who=nobody", "/admin/classification/sei", "/network/",
                "/network/province", "/province/", "/admin/targets"],
        "firm": ["/patents/?q=电池", f"/patents/{data['patent']}", "/licensing/listings/",
                 f"/licensing/listings/{data['listing']}",
                 f"/licensing/listings/{data['listing']}/request",
                 f"/licensing/requests/{data['request']}", "/licensing/requests/",
                 "/licensing/licences/", f"/licensing/licences/{data['licence']}",
                 "/licensing/open-licences/", f"/licensing/open-licences/{data['offer']}"],
        "org_admin_licensing": ["/patents/mine", "/patents/new", "/patents/import",
                                f"/patents/{data['patent']}/edit",
                                f"/patents/{data['patent']}/alliances",
                                f"/licensing/requests/{data['request']}",
                                "/licensing/listings/new",
                                f"/licensing/patents/{data['patent']}/open-licence",
                                "/sharing/", f"/sharing/new?patent={data['patent']}",
                                f"/sharing/{data['agreement']}",
                                f"/sharing/{data['agreement']}/versions/1"],
    }


def _serious(page) -> list[str]:
    results = AXE.run(page)
    return [f"{page.url} [{v['impact']}] {v['id']}: {v['help']} "
            f"({len(v['nodes'])}: {v['nodes'][0]['target']})"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


def _log_in(page, email):
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_passes_axe_in_both_languages(new_page, db, viewport):
    data = _data(db)
    found: list[str] = []
    for role, paths in _pages(data).items():
        page = new_page(viewport)
        if role is not None:
            _log_in(page, data[role.removesuffix("_licensing")])
        for language in ("zh_Hans_CN", "en"):
            for path in paths:
                joiner = "&" if "?" in path else "?"
                page.goto(f"{path}{joiner}lang={language}")
                found += _serious(page)
    assert found == [], "\n".join(found)
