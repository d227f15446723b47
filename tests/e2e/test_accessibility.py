"""Every page, for every role, in both languages, at desktop and phone width, passes axe-core
(run in chromium) with no "serious" or "critical" violation.

The walk runs on SQLite only: what axe checks (templates, markup, contrast) does not depend
on the database, and every page is also rendered on PostgreSQL by its own tests."""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from alliance.models import MembershipStatus, OrgStatus, Role
from alliance.services import notifications
from alliance.services.directory import alliance_by_code
from alliance.services.invitations import invite

from ..factories import (
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    OrganizationFactory,
    UserFactory,
    make_coordinator,
)
from .conftest import DESKTOP, PHONE, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="the axe walk runs on SQLite only")]

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
            **(licensing := _licensing_data(org_admin)),
            **_pool_data(coordinator, org_admin, licensing["patent"])}


def _pool_data(coordinator, org_admin, patent_id) -> dict:
    """A pool of the alliance with a declaration, an allocated period and one to allocate."""
    from datetime import date
    from decimal import Decimal

    from alliance.extensions import db
    from alliance.models import Patent
    from alliance.services import pool_runs, pools

    pool = pools.create_pool(coordinator, alliance_by_code("nev"), "动力电池专利池", "",
                             "动力电池\n越南")
    pools.declare(org_admin, pool, db.session.get(Patent, patent_id),
                  [m.id for m in pool.markets])
    for period in ("2026", "2026-Q1"):
        pools.record_income(coordinator, pool, pool.markets[0].id, period,
                            Decimal("1000.00"), date(2026, 3, 31), "回单")
    run = pool_runs.run_allocation(coordinator, pool, "2026")
    db.session.commit()
    return {"pool": pool.id, "pool_run": run.id}


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
    from alliance.models import PolicyRule
    from alliance.services.agreements import create_draft

    agreement = create_draft(org_admin, "锂电池专利利益分享协议", [patent])
    _warnings(org_admin, licence, patent)
    _distributed_payment(org_admin, licence)
    db.session.commit()
    rule = db.session.scalars(db.select(PolicyRule).order_by(PolicyRule.id)).first()
    return {"policy_rule": rule.id, "firm": firm.email, "patent": patent.id, "listing": listing.id,
            "request": req.id, "licence": licence.id, "offer": offer.id,
            "agreement": agreement.id, **_royalty_data(org_admin, firm, licence),
            **_workspace_data(org_admin, firm, listing)}


def _royalty_data(org_admin, firm, licence) -> dict:
    """A report, a distributed payment with a reversed entry and one not distributed."""
    from datetime import date
    from decimal import Decimal

    from alliance.extensions import db
    from alliance.services.distribution import reverse, run_distribution
    from alliance.services.royalty_reports import file_report, record_payment

    file_report(firm, licence, licence.start_date, licence.start_date, Decimal("1000.00"),
                10)
    paid = record_payment(org_admin, licence, Decimal("100.00"), date(2026, 1, 15), "回单")
    reverse(org_admin, run_distribution(org_admin, paid).entries[0])
    waiting = record_payment(org_admin, licence, Decimal("50.00"), date(2026, 2, 15))
    db.session.commit()
    return {"payment": paid.id, "waiting_payment": waiting.id}


def _workspace_data(org_admin, firm, listing) -> dict:
    """A firm's need answered by the listing's owner, and a notice of the owner's alliance."""
    from alliance.extensions import db
    from alliance.models.notices import NoticeKind
    from alliance.services import needs, notices

    from ..need_helpers import make_need

    need = make_need(firm)
    needs.answer(org_admin, need, listing, "可提供许可")
    nev = alliance_by_code("nev")
    notice = notices.publish(nev.active_coordinators()[0], nev, NoticeKind.POLICY,
                             "专利导航政策解读", "**重点**：[详情](https://example.org)")
    db.session.commit()
    return {"need": need.id, "notice": notice.id}


def _warnings(org_admin, licence, patent) -> None:
    """Warnings in each look (due soon, due today, overdue, acknowledged, a watch's new
    patent) for the organisation, and a watch of the organisation and of the alliance."""
    from datetime import date, timedelta

    from alliance.extensions import db
    from alliance.models import EarlyWarning, WarningKind
    from alliance.services.ipc_watches import add_watch
    from alliance.services.warning_lists import acknowledge

    today = date.today()
    rows = [EarlyWarning(kind=kind, subject_type=subject, subject_id=subject_id,
                         due_date=today + timedelta(days=days),
                         organization_id=org_admin.organization_id,
                         params={"number": patent.application_number, "title": patent.title,
                                 "reference": licence.reference, "subclass": "H01M",
                                 "owners": "某公司"})
            for kind, subject, subject_id, days in [
                (WarningKind.ANNUAL_FEE, "patent", patent.id, 12),
                (WarningKind.REGISTRATION, "licence", licence.id, -3),
                (WarningKind.LICENCE_EXPIRY, "licence", licence.id, 0),
                (WarningKind.IPC_WATCH, "patent", patent.id, -1)]]
    db.session.add_all(rows)
    db.session.flush()
    acknowledge(org_admin, rows[-1])
    add_watch(org_admin, org_admin.organization, "H01M")


def _distributed_payment(org_admin, licence) -> None:
    """A payment received under ``licence`` and distributed: statements to show."""
    from datetime import date
    from decimal import Decimal

    from alliance.services.distribution import run_distribution
    from alliance.services.royalty_reports import record_payment

    run_distribution(org_admin, record_payment(org_admin, licence, Decimal("12345.67"),
                                               date.today(), "银行回单 0001"))


def _pages(data) -> dict[str | None, list[str]]:
    """The paths each role visits (None: anonymous)."""
    org = data["org"]
    return {
        None: ["/", "/alliances/", "/alliances/nev", "/organisations/", "/network/",
               "/network/alliances/nev",
               f"/organisations/{data['demo']}", "/auth/login", "/auth/register",
               f"/auth/join/{data['token']}", "/auth/forgot-password",
               "/organisations/?page=9999", "/needs/", f"/needs/{data['need']}",
               "/alliances/nev/dashboard", "/province/", "/province/?show=table"],
        "org_admin": [f"/organisations/{org}", f"/organisations/{org}/edit",
                      "/network/alliances/nev",
                      f"/organisations/{org}/invitations", "/auth/password", "/auth/sessions",
                      "/notifications/", "/notifications/preferences", "/",
                      f"/needs/{data['need']}", "/notices/", f"/notices/{data['notice']}",
                      "/warnings/", "/warnings/watches",
                      "/statements/", f"/statements/organisations/{org}"],
        "coordinator": ["/alliances/nev/requests", "/", "/notices/", "/notices/new",
                        "/network/alliances/nev",
                        "/warnings/alliances/nev", "/warnings/alliances/nev/watches",
                        "/statements/", "/statements/alliances/nev",
                        "/network/alliances/nev?from=1990&to=1991", "/pools/alliances/nev",
                        "/pools/alliances/nev/new", f"/pools/{data['pool']}",
                        f"/pools/{data['pool']}/incomes/new",
                        f"/pools/{data['pool']}/allocate?period=2026-Q1",
                        "/alliances/nev/dashboard", "/alliances/nev/dashboard?show=table"],
        "admin": ["/admin/", "/admin/coordinators", "/admin/users", "/admin/audit",
                  "/admin/audit?who=nobody", "/admin/classification/sei", "/network/",
                  "/admin/policy", f"/admin/policy/{data['policy_rule']}",
                "/network/province", "/province/", "/admin/targets"],
        "firm": ["/patents/?q=电池", f"/patents/{data['patent']}", "/licensing/listings/",
                 f"/licensing/listings/{data['listing']}",
                 f"/licensing/listings/{data['listing']}/request",
                 f"/licensing/requests/{data['request']}", "/licensing/requests/",
                 "/licensing/licences/", f"/licensing/licences/{data['licence']}",
                 f"/licensing/licences/{data['licence']}/royalties",
                 f"/licensing/payments/{data['payment']}",
                 "/licensing/open-licences/", f"/licensing/open-licences/{data['offer']}",
                 "/needs/", "/needs/new", f"/needs/{data['need']}",
                 f"/needs/{data['need']}/edit"],
        "org_admin_licensing": ["/patents/mine", "/patents/new", "/patents/import",
                                f"/patents/{data['patent']}/edit",
                                f"/patents/{data['patent']}/alliances",
                                f"/licensing/requests/{data['request']}",
                                "/licensing/listings/new",
                                f"/licensing/patents/{data['patent']}/open-licence",
                                "/sharing/", f"/sharing/new?patent={data['patent']}",
                                f"/sharing/{data['agreement']}",
                                f"/sharing/{data['agreement']}/edit",
                                f"/sharing/{data['agreement']}/versions/1",
                                f"/licensing/licences/{data['licence']}/royalties",
                                f"/licensing/payments/{data['payment']}",
                                f"/licensing/payments/{data['waiting_payment']}/distribute",
                                f"/pools/{data['pool']}", f"/pools/{data['pool']}/declare",
                                f"/pools/runs/{data['pool_run']}"],
    }


def _serious(page) -> list[str]:
    results = AXE.run(page)
    return [f"{page.url} [{v['impact']}] {v['id']}: {v['help']} "
            f"({len(v['nodes'])}: {v['nodes'][0]['target']})"
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_passes_axe_in_both_languages(new_page, db, viewport):
    data = _data(db)
    found: list[str] = []
    for role, paths in _pages(data).items():
        page = new_page(viewport)
        if role is not None:
            log_in(page, data[role.removesuffix("_licensing")])
        for language in ("zh_Hans_CN", "en"):
            for path in paths:
                joiner = "&" if "?" in path else "?"
                page.goto(f"{path}{joiner}lang={language}")
                found += _serious(page)
    assert found == [], "\n".join(found)
