"""The demo load's generated patents, listings, open licences, requests and licences: loaded
once for the module (the load takes seconds), then only read, and loaded a second time to
show that nothing changes."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from alliance.demo import DEMO_PASSWORD, load
from alliance.demo.patent_rules import AS_OF, GENERATED_NOTE
from alliance.demo.patents import CO_OWNED_PATENTS, PAIR_PATENTS, SOLO_PATENTS
from alliance.extensions import db as _db
from alliance.models import (
    AuditEvent,
    CoApplicationTie,
    Notification,
    Organization,
    Patent,
    PatentKind,
    PatentStatus,
    User,
)
from alliance.models.ledger import LedgerEntry, Payment, RoyaltyReport
from alliance.models.licensing import (
    REGISTRATION_WARNING_DAYS,
    Licence,
    LicenceRequest,
    RequestMessage,
    RequestStatus,
)
from alliance.models.listings import (
    ConsentStatus,
    Listing,
    ListingConsent,
    ListingStatus,
    OpenLicence,
)
from alliance.models.sharing import Agreement, AgreementStatus
from alliance.patent_io.fields import KIND_BY_DIGIT, cell_text
from alliance.services.distribution import balances
from alliance.services.royalty_reports import underpayments
from alliance.validators import cn_check_char, normalize_cn_application_number

from . import demo_load

S = RequestStatus
db, loaded = demo_load.db, demo_load.loaded  # one load for the module
MODELS = (Patent, Listing, ListingConsent, OpenLicence, LicenceRequest, RequestMessage, Licence,
          AuditEvent, Notification, Organization, User, Agreement, RoyaltyReport, Payment,
          LedgerEntry)


def _count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def _patents() -> list[Patent]:
    return list(_db.session.scalars(select(Patent)))


def _user(email: str) -> User:
    return User.find_by_email(email)


def test_counts_per_kind_of_record(db, loaded):
    assert loaded.patents == _count(Patent) == CO_OWNED_PATENTS + PAIR_PATENTS + SOLO_PATENTS
    assert (loaded.listings, loaded.open_licences, loaded.licence_requests, loaded.licences) \
        == (10, 3, 8, 4)
    assert (_count(Listing), _count(OpenLicence), _count(LicenceRequest), _count(Licence)) \
        == (10, 3, 8, 4)
    assert all(p.is_demo for p in _patents())
    for model in (Listing, LicenceRequest, Licence):
        assert all(row.is_demo for row in _db.session.scalars(select(model)))
    text = loaded.describe()
    assert re.search(rf"generated patents +{loaded.patents}\n", text)
    assert re.search(r"licence requests +8\n", text)


def test_patents_in_several_kinds_and_states(db, loaded):
    by_kind = Counter(p.kind for p in _patents())
    by_status = Counter(p.status for p in _patents())
    assert set(by_kind) == set(PatentKind)
    assert by_kind[PatentKind.INVENTION] > by_kind[PatentKind.UTILITY_MODEL] \
        > by_kind[PatentKind.DESIGN]
    assert set(by_status) == set(PatentStatus) - {PatentStatus.INVALIDATED}
    assert by_status[PatentStatus.GRANTED] > 300 and by_status[PatentStatus.PENDING] > 100


def test_every_application_number_is_valid_and_agrees_with_kind_and_year(db, loaded):
    for patent in _patents():
        number = patent.application_number
        assert normalize_cn_application_number(number) == number
        assert number[-1] == cn_check_char(number[:12])
        assert KIND_BY_DIGIT[number[4]] == patent.kind.value
        assert int(number[:4]) == patent.filing_date.year
    assert len({p.application_number for p in _patents()}) == _count(Patent)


def test_shares_sum_to_100_and_owners_are_tied_demo_organisations(db, loaded):
    ties = {(t.organization_a_id, t.organization_b_id)
            for t in _db.session.scalars(select(CoApplicationTie))}
    university = _user("university-admin@example.org").organization_id
    for patent in _patents():
        assert sum(o.share for o in patent.owners) == Decimal(100)
        assert all(o.organization is not None and o.organization.is_demo for o in patent.owners)
        ids = [o.organization_id for o in patent.owners]
        if len(ids) == 2:
            assert tuple(sorted(ids)) in ties
        else:
            assert ids == [university]


def test_dates_statuses_and_classification_follow_the_rules(db, loaded):
    note = cell_text(GENERATED_NOTE, multiline=True)
    for patent in _patents():
        assert date(2004, 1, 1) <= patent.filing_date <= AS_OF
        if patent.publication_date:
            assert patent.filing_date <= patent.publication_date <= AS_OF
        granted = patent.status in (PatentStatus.GRANTED, PatentStatus.LAPSED,
                                    PatentStatus.EXPIRED)
        assert (patent.grant_date is not None) == granted
        if granted:  # expired exactly when the term has run out
            assert (patent.status is PatentStatus.EXPIRED) == (patent.expiry_date <= AS_OF)
        assert patent.is_published == (patent.publication_date is not None)
        assert (patent.ipc == []) == (patent.kind is PatentKind.DESIGN)
        assert patent.abstract.endswith(note)  # stored as the import cleans text (NFKC)
        assert len(patent.inventors) >= 2 and patent.tags
        assert patent.search_text and patent.title.lower() in patent.search_text


def test_requests_end_in_each_intended_state(db, loaded):
    requests = list(_db.session.scalars(select(LicenceRequest)))
    assert Counter(r.status for r in requests) == {
        S.SUBMITTED: 1, S.UNDER_REVIEW: 1, S.COUNTERED: 1, S.REVISED: 1, S.REJECTED: 1,
        S.WITHDRAWN: 1, S.LICENSED: 2}
    firm = _user("firm-admin@example.org").organization_id
    university = _user("university-admin@example.org").organization_id
    assert {(r.requester_id, r.listing.organization_id) for r in requests} == {(firm, university)}
    steps = {r.status: [m.action for m in r.messages] for r in requests
             if r.status is not S.LICENSED}
    assert steps[S.SUBMITTED] == ["created"]
    assert steps[S.UNDER_REVIEW] == ["created", "under_review"]
    assert steps[S.COUNTERED] == ["created", "under_review", "countered"]
    assert steps[S.REVISED] == ["created", "under_review", "countered", "revised"]
    assert steps[S.REJECTED] == ["created", "rejected"]
    assert steps[S.WITHDRAWN] == ["created", "withdrawn"]
    assert all(m.body.startswith("（演示数据）") for r in requests for m in r.messages
               if m.body)
    assert all(r.licence is not None for r in requests if r.status is S.LICENSED)


def test_audit_trail_and_notifications_come_from_the_demo_users(db, loaded):
    actions = Counter(_db.session.scalars(select(AuditEvent.action)))
    assert actions["patent.recorded"] == loaded.patents
    for action in ("licence_request.countered", "licence_request.revised",
                   "licence_request.rejected", "licence_request.withdrawn",
                   "licence.obtained_by_open_licence", "licence.registered",
                   "open_licence.declared", "listing.consent_given"):
        assert actions[action] >= 1, action
    firm, university = _user("firm-admin@example.org"), _user("university-admin@example.org")
    received = Counter(_db.session.scalars(select(Notification.user_id)))
    assert received[firm.id] > 0 and received[university.id] > 0


def test_listings_with_consent_pending_and_given(db, loaded):
    rows = list(_db.session.scalars(select(Listing)))
    waiting = [row for row in rows if row.status is ListingStatus.AWAITING_CONSENT]
    assert len(waiting) == 1
    assert waiting[0].consents
    assert all(c.status is ConsentStatus.PENDING for c in waiting[0].consents)
    given = [row for row in rows if row.consents and row.status is ListingStatus.LISTED]
    assert len(given) == 1 and given[0].consents[0].status is ConsentStatus.GIVEN
    assert given[0].consents[0].organization_id == _user("firm-admin@example.org").organization_id
    assert any(len(row.patents) == 3 for row in rows)  # a portfolio


def test_licences_open_registered_and_due_soon(db, loaded):
    licences = list(_db.session.scalars(select(Licence)))
    today = date.today()
    assert sum(1 for lic in licences if lic.open_licence_id is not None) == 1
    registered = [lic for lic in licences if lic.registration_number]
    assert len(registered) == 1 and registered[0].registration_number.startswith("DEMO-")
    due_soon = [lic for lic in licences if not lic.registration_number
                and today <= lic.registration_due <= today + timedelta(REGISTRATION_WARNING_DAYS)]
    assert len(due_soon) == 1
    for offer in _db.session.scalars(select(OpenLicence)):
        patent = offer.patent
        assert patent.status is PatentStatus.GRANTED and patent.kind is PatentKind.INVENTION
        assert offer.term_end <= patent.expiry_date


def test_sharing_agreement_report_and_payment_carried_to_the_inventors(db, loaded):
    """One agreement in force over the licence due for 备案; its report, a first payment of
    two thirds of the lump sum, distributed to the cent, the rest flagged as short."""
    assert (loaded.agreements, loaded.payments) == (1, 1)
    (agreement,) = _db.session.scalars(select(Agreement))
    assert agreement.status is AgreementStatus.IN_FORCE and agreement.is_demo
    (licence,) = agreement.current_version.licences
    (report,) = _db.session.scalars(select(RoyaltyReport))
    (payment,) = _db.session.scalars(select(Payment))
    assert report.licence_id == payment.licence_id == licence.id
    assert payment.amount == (report.due * 2 / 3).quantize(Decimal("0.01")) and payment.distributed
    entries = list(_db.session.scalars(select(LedgerEntry)))
    assert balances(entries)[f"payment:{payment.id}"] == -payment.amount
    assert sum(balances(entries).values()) == 0
    researcher = _db.session.scalar(select(User).where(User.email == "researcher@example.org"))
    inventor_total = sum(e.amount for e in entries if e.step == "inventors")
    account = f"inventor:{licence.licensor_id}/{researcher.name}"
    (mine,) = [e.amount for e in entries if e.credit == account]
    assert abs(mine - inventor_total * Decimal("0.4")) < Decimal("0.01")
    (short,) = underpayments(licence)
    assert short["short"] == report.due - payment.amount


def test_second_load_changes_nothing(app, db, loaded):
    before = {model: _count(model) for model in MODELS}
    again = load()
    _db.session.commit()
    assert again.total == 0
    assert {model: _count(model) for model in MODELS} == before

    result = app.test_cli_runner().invoke(args=["demo", "load"])  # flask --app wsgi demo load
    assert result.exit_code == 0, result.output
    assert "nothing new" in result.output and re.search(r"generated patents +0\n", result.output)
    _db.session.expire_all()
    assert {model: _count(model) for model in MODELS} == before


def test_pages_mark_generated_records(client, login, loaded):
    pages = ["/patents/?lang=en", "/licensing/listings/?lang=en", "/licensing/open-licences/"]
    listing = _db.session.scalar(select(Listing).where(Listing.status == ListingStatus.LISTED))
    pages.append(f"/licensing/listings/{listing.id}?lang=en")
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert "demo-badge" in html and "demo-note" in html, url
    assert "keyword rules" in client.get("/patents/?lang=en").get_data(as_text=True)
    login(_user("firm-admin@example.org"), DEMO_PASSWORD)
    req = _db.session.scalar(select(LicenceRequest).where(LicenceRequest.status == S.COUNTERED))
    lic = _db.session.scalar(select(Licence).where(Licence.registration_number != ""))
    for url in ("/licensing/requests/", f"/licensing/requests/{req.id}",
                "/licensing/licences/", f"/licensing/licences/{lic.id}"):
        response = client.get(url + "?lang=en")
        assert response.status_code == 200, url
        assert "demo-badge" in response.get_data(as_text=True), url
