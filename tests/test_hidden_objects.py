"""Every object route answers a hidden object exactly as it answers a missing one (404), so
ids of other organisations' records reveal nothing. The test walks the app's URL map: a new
route with an id must be listed here."""

import pytest

from alliance.models import Invitation, MembershipStatus, Notification, OrgStatus
from alliance.models.types import utcnow
from alliance.services.directory import alliance_by_code

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory, UserFactory

MISSING = 2_000_000_000


def _records(db):
    """Records of organisation A that an administrator of organisation B may not see."""
    nev = alliance_by_code("nev")
    owner = OrgAdminFactory()
    org = owner.organization
    pending_org = OrgAdminFactory(organization=OrganizationFactory(status=OrgStatus.PENDING))
    colleague = UserFactory(organization=org)
    invitation, _token = Invitation.issue(org, owner, colleague.role, "", 14)
    db.session.add(invitation)
    request = MembershipFactory(organization=org, alliance=nev, status=MembershipStatus.PENDING)
    notification = Notification(user_id=owner.id, event="membership.requested", params={},
                                link_endpoint="orgs.detail", link_values={"org_id": org.id})
    db.session.add(notification)
    db.session.commit()
    return {"org": org.id, "pending_org": pending_org.organization_id, "person": colleague.id,
            "invitation": invitation.id, "membership": request.id,
            "notification": notification.id, **_licensing_records(owner),
            **_warning_records(owner), **_pool_records()}


def _warning_records(owner) -> dict:
    """A warning of organisation A and the IPC subclass it watches."""
    from datetime import date

    from alliance.extensions import db
    from alliance.models import EarlyWarning, WarningKind
    from alliance.services.ipc_watches import add_watch

    warning = EarlyWarning(kind=WarningKind.ANNUAL_FEE, subject_type="patent", subject_id=1,
                           due_date=date.today(), organization_id=owner.organization_id,
                           params={"number": "N", "title": "T"})
    db.session.add(warning)
    watch = add_watch(owner, owner.organization, "H01M")
    db.session.commit()
    return {"warning": warning.id, "watch": watch.id}


def _pool_records() -> dict:
    """A pool of an alliance the probing organisation is not a member of, a declaration
    and an allocation run."""
    from alliance.extensions import db
    from alliance.models.pools import PoolDeclaration
    from alliance.services.pool_runs import run_allocation

    from .pool_helpers import make_world

    world = make_world(agreement=False)
    run = run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    declaration = db.session.scalars(db.select(PoolDeclaration)).first()
    return {"pool": world.pool.id, "declaration": declaration.id, "run": run.id}


def _licensing_records(owner) -> dict:
    """An unpublished application, a listing awaiting a co-owner's consent, a licence
    request and a licence, all between organisation A and a partner."""
    from alliance.services.licence_requests import accept

    from .patent_helpers import make_listing, make_patent, make_request

    partner = OrgAdminFactory()
    secret = make_patent(owner, published=False, granted=False)
    shared = make_patent(owner, owners=f"{owner.organization.name_zh};"
                                       f"{partner.organization.name_zh}")
    waiting = make_listing(owner, [shared])
    listed = make_listing(owner, [make_patent(owner)])
    request, _firm = make_request(listed, firm_admin=partner)
    granted, _firm = make_request(listed, firm_admin=partner, territory="吉林省")
    licence = accept(owner, granted)
    from alliance.extensions import db
    from alliance.services.agreements import create_draft

    agreement = create_draft(owner, "利益分享协议", [shared])
    db.session.commit()
    from datetime import date
    from decimal import Decimal

    from alliance.services.distribution import run_distribution
    from alliance.services.royalty_reports import record_payment

    payment = record_payment(owner, licence, Decimal("100.00"), date(2026, 1, 15))
    waiting_payment = record_payment(owner, licence, Decimal("50.00"), date(2026, 2, 15))
    entry = run_distribution(owner, payment).entries[0]
    db.session.commit()
    return {"patent": secret.id, "listing": waiting.id, "request": request.id,
            "licence": licence.id, "agreement": agreement.id, "payment": payment.id,
            "waiting_payment": waiting_payment.id, "entry": entry.id,
            **_workspace_records(owner)}


def _workspace_records(owner) -> dict:
    """A need shown to one alliance only and a notice of that alliance: organisation B is
    not a member of it."""
    from alliance.extensions import db
    from alliance.models import Membership
    from alliance.models.needs import NeedVisibility
    from alliance.models.notices import NoticeKind
    from alliance.services import notices

    from .factories import make_coordinator
    from .need_helpers import make_need

    culture = alliance_by_code("culture")
    db.session.add(Membership(organization=owner.organization, alliance=culture,
                              status=MembershipStatus.ACTIVE))
    db.session.commit()
    need = make_need(owner, visibility=NeedVisibility.ALLIANCES, alliance_ids=(culture.id,))
    notice = notices.publish(make_coordinator(culture), culture, NoticeKind.EVENT, "活动", "")
    db.session.commit()
    return {"need": need.id, "notice": notice.id}


# route -> (method, the id it is given from _records, or a template using several)
HIDDEN = {
    "/alliances/memberships/{membership}/decide": "POST",
    "/alliances/memberships/{membership}/withdraw": "POST",
    "/organisations/{pending_org}": "GET",
    "/organisations/{pending_org}/edit": "GET",
    "/organisations/{pending_org}/invitations": "GET",
    "/organisations/{pending_org}/resubmit": "POST",
    "/organisations/invitations/{invitation}/revoke": "POST",
    "/organisations/{org}/people/{person}/role": "POST",
    "/organisations/{org}/people/{person}/active": "POST",
    "/notifications/{notification}/read": "POST",
    "/patents/{patent}": "GET",
    "/patents/{patent}/edit": "GET",
    "/patents/{patent}/delete": "GET",
    "/patents/{patent}/alliances": "GET",
    "/licensing/patents/{patent}/open-licence": "GET",
    "/licensing/listings/{listing}": "GET",
    "/licensing/listings/{listing}/consent": "POST",
    "/licensing/listings/{listing}/request": "GET",
    "/licensing/listings/{listing}/withdraw": "GET",
    "/licensing/requests/{request}": "GET",
    **{f"/licensing/requests/{{request}}/{move}": "POST" for move in
       ("accept", "counter", "reject", "review", "revise", "submit", "withdraw")},
    "/licensing/licences/{licence}": "GET",
    "/licensing/licences/{licence}/registration.csv": "GET",
    "/licensing/licences/{licence}/royalties": "GET",
    "/licensing/licences/{licence}/royalties/report": "POST",
    "/licensing/licences/{licence}/royalties/payment": "POST",
    "/licensing/payments/{payment}": "GET",
    "/licensing/payments/{waiting_payment}/distribute": "POST",
    "/licensing/payments/{payment}/entries/{entry}/reverse": "POST",
    "/sharing/{agreement}": "GET",
    "/sharing/{agreement}/versions/1": "GET",
    "/sharing/{agreement}/cancel": "GET",
    "/sharing/{agreement}/edit": "GET",
    **{f"/sharing/{{agreement}}/{move}": "POST" for move in ("send", "sign", "amend")},
    "/needs/{need}": "GET",
    "/needs/{need}/edit": "GET",
    "/needs/{need}/withdraw": "GET",
    **{f"/needs/{{need}}/{move}": "POST" for move in ("answer", "solve", "withdraw")},
    "/notices/{notice}": "GET",
    "/notices/{notice}/withdraw": "POST",
    "/warnings/{warning}/acknowledge": "POST",
    "/warnings/watches/{watch}/remove": "POST",
    "/statements/organisations/{org}": "GET",
    "/statements/organisations/{org}/statement.csv": "GET",
    "/pools/{pool}": "GET",
    "/pools/{pool}/declare": "POST",
    "/pools/{pool}/incomes/new": "POST",
    "/pools/{pool}/allocate": "POST",
    "/pools/declarations/{declaration}/withdraw": "POST",
    "/pools/runs/{run}": "GET",
}
# routes whose object is public, or which only platform admins reach at all (403 to anyone
# else before any lookup, so existence is not revealed either)
NOT_HIDDEN = {
    "/organisations/<int:org_id>", "/organisations/<int:org_id>/edit",
    "/organisations/<int:org_id>/invitations", "/admin/organisations/<int:org_id>/decide",
    "/admin/coordinators/<int:coordinatorship_id>/revoke", "/admin/users/<int:user_id>/active",
    "/admin/coordinators/invitations/<int:invitation_id>/revoke",
    "/admin/policy/<int:rule_id>",  # the policy table is public law; 403 to non-admins
    "/auth/sessions/<int:session_id>/end",  # tested in test_sessions: 404 for others
    # an open licence is declared on a granted, hence published, patent: public record
    "/licensing/open-licences/<int:offer_id>", "/licensing/open-licences/<int:offer_id>/obtain",
    "/licensing/open-licences/<int:offer_id>/withdraw",
    # an organisation's network in an alliance: 403 for a hidden and a missing organisation
    # alike, so the answer reveals nothing (test_network_pages)
    "/network/alliances/<code>/organisations/<int:org_id>",
}


def test_every_route_with_an_id_is_checked_here(app):
    with_ids = {rule.rule for rule in app.url_map.iter_rules() if "<int:" in rule.rule}
    checked = {path.replace("{membership}", "<int:membership_id>")
               .replace("{pending_org}", "<int:org_id>").replace("{org}", "<int:org_id>")
               .replace("{invitation}", "<int:invitation_id>")
               .replace("{person}", "<int:user_id>")
               .replace("{notification}", "<int:notification_id>")
               .replace("{patent}", "<int:patent_id>").replace("{listing}", "<int:listing_id>")
               .replace("{request}", "<int:request_id>").replace("{licence}", "<int:licence_id>")
               .replace("{agreement}", "<int:agreement_id>")
               .replace("{payment}", "<int:payment_id>")
               .replace("{waiting_payment}", "<int:payment_id>")
               .replace("{entry}", "<int:entry_id>")
               .replace("{need}", "<int:need_id>").replace("{notice}", "<int:notice_id>")
               .replace("{warning}", "<int:warning_id>").replace("{watch}", "<int:watch_id>")
               .replace("{pool}", "<int:pool_id>").replace("{run}", "<int:run_id>")
               .replace("{declaration}", "<int:declaration_id>")
               .replace("/versions/1", "/versions/<int:number>")
               for path in HIDDEN}
    assert with_ids <= checked | NOT_HIDDEN, sorted(with_ids - checked - NOT_HIDDEN)


@pytest.mark.parametrize("path", sorted(HIDDEN))
def test_hidden_object_answers_like_a_missing_one(client, db, login, path):
    ids = _records(db)
    login(OrgAdminFactory())  # an administrator of another organisation
    method = HIDDEN[path]
    hidden = client.open(path.format(**ids), method=method, data={"confirm": "yes"})
    missing = client.open(path.format(**{key: MISSING for key in ids}), method=method,
                          data={"confirm": "yes"})
    assert hidden.status_code == missing.status_code == 404, (hidden.status_code,
                                                              missing.status_code)


def test_nothing_changed_by_the_probes(client, db, login):
    ids = _records(db)
    login(OrgAdminFactory())
    for path, method in HIDDEN.items():
        client.open(path.format(**ids), method=method,
                    data={"confirm": "yes", "role": "org_admin", "active": "0",
                          "approve": "1"})
    invitation = db.session.get(Invitation, ids["invitation"])
    assert invitation.revoked_at is None and invitation.expires_at > utcnow()
    from alliance.models import Membership, User

    assert db.session.get(Membership, ids["membership"]).status is MembershipStatus.PENDING
    person = db.session.get(User, ids["person"])
    assert person.active and person.role.value == "member"
    assert db.session.get(Notification, ids["notification"]).read_at is None
    from sqlalchemy import func, select

    from alliance.models import LedgerEntry
    from alliance.models.ledger import Payment, RoyaltyReport

    assert db.session.scalar(select(func.count()).select_from(LedgerEntry)
                             .where(LedgerEntry.payment_id.is_not(None))) == 1
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 2
    assert db.session.scalar(select(func.count()).select_from(RoyaltyReport)) == 0
    assert not db.session.get(Payment, ids["waiting_payment"]).distributed
    from alliance.models import EarlyWarning, IpcWatch

    assert db.session.get(EarlyWarning, ids["warning"]).acknowledged_at is None
    assert db.session.get(IpcWatch, ids["watch"]) is not None
    from alliance.models import Agreement, AgreementStatus

    assert db.session.get(Agreement, ids["agreement"]).status is AgreementStatus.DRAFT
    from alliance.models.needs import Need, NeedStatus
    from alliance.models.notices import Notice, NoticeStatus

    assert db.session.get(Need, ids["need"]).status is NeedStatus.OPEN
    assert db.session.get(Notice, ids["notice"]).status is NoticeStatus.PUBLISHED
    from alliance.models.pools import PoolDeclaration, PoolIncome, PoolRun

    assert db.session.get(PoolDeclaration, ids["declaration"]).withdrawn_at is None
    assert db.session.scalar(db.select(db.func.count()).select_from(PoolRun)) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(PoolIncome)) == 3
