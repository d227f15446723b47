"""``flask --app wsgi warnings run``: each rule fires on the right day for the right
organisations, a second (or simultaneous) run adds and notifies nothing, and a warning whose
condition has gone is resolved, not deleted."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from alliance.models import EarlyWarning, Notification, PaymentDue, RoyaltyReport, WarningKind
from alliance.models.listings import RoyaltyKind
from alliance.services import open_licences
from alliance.services.licence_requests import accept
from alliance.services.royalty_terms import Royalty
from alliance.services.warnings import run

from .factories import OrgAdminFactory, UserFactory
from .patent_helpers import make_listing, make_patent, make_request

ANNIVERSARY = date(2027, 3, 15)  # make_patent files on 2019-03-15
DAY = timedelta(days=1)


def _rows(db, kind=None, open_only=False):
    stmt = select(EarlyWarning).order_by(EarlyWarning.id)
    if kind is not None:
        stmt = stmt.where(EarlyWarning.kind == kind)
    if open_only:
        stmt = stmt.where(EarlyWarning.resolved_at.is_(None))
    return list(db.session.scalars(stmt))


def _told(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.event.like("warning.%")))


def _run(db, today):
    counts = run(today)
    db.session.commit()
    return counts


@pytest.mark.parametrize("before, warns", [(31, False), (30, True), (1, True), (0, True)])
def test_the_annual_fee_warns_from_thirty_days_ahead(db, before, warns):
    owner = OrgAdminFactory()
    make_patent(owner)
    _run(db, ANNIVERSARY - before * DAY)
    rows = _rows(db, WarningKind.ANNUAL_FEE)
    assert [(r.due_date, r.organization_id) for r in rows] == (
        [(ANNIVERSARY, owner.organization_id)] if warns else [])


def test_thresholds_come_from_the_configuration(db, app, monkeypatch):
    monkeypatch.setitem(app.config, "WARNING_ANNUAL_FEE_DAYS", 10)
    make_patent(OrgAdminFactory())
    _run(db, ANNIVERSARY - 11 * DAY)
    assert _rows(db, WarningKind.ANNUAL_FEE) == []
    _run(db, ANNIVERSARY - 10 * DAY)
    assert len(_rows(db, WarningKind.ANNUAL_FEE)) == 1


def test_each_owning_organisation_gets_its_own_warning(db):
    owner, partner = OrgAdminFactory(), OrgAdminFactory()
    make_patent(owner, owners=f"{owner.organization.name_zh};{partner.organization.name_zh}")
    _run(db, ANNIVERSARY)
    assert {r.organization_id for r in _rows(db)} == {owner.organization_id,
                                                      partner.organization_id}


def test_running_twice_stores_and_notifies_once(app, db):
    owner = OrgAdminFactory()
    UserFactory(organization=owner.organization)  # a member: not notified
    make_patent(owner)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["warnings", "run", "--today", "2027-03-01"])
    assert first.exit_code == 0, first.output
    assert "new 1 (annual_fee 1," in first.output and "notifications 1" in first.output
    rows = [(r.id, r.kind, r.due_date) for r in _rows(db)]
    second = runner.invoke(args=["warnings", "run", "--today", "2027-03-01"])
    assert second.exit_code == 0 and "new 0 " in second.output
    assert [(r.id, r.kind, r.due_date) for r in _rows(db)] == rows
    assert _told(db) == 1
    notification = db.session.scalar(select(Notification))
    assert notification.user_id == owner.id and notification.event == "warning.annual_fee"
    assert notification.link_endpoint == "patents.detail"


def test_a_bad_date_is_refused(app, db):
    result = app.test_cli_runner().invoke(args=["warnings", "run", "--today", "2027-02-30"])
    assert result.exit_code == 2 and _rows(db) == []


def test_simultaneous_runs_store_and_notify_each_warning_once(app, db):
    for _ in range(3):
        make_patent(OrgAdminFactory())
    barrier = threading.Barrier(2)
    outcomes = []

    def work():
        from alliance.extensions import db as thread_db

        with app.app_context():
            barrier.wait()
            try:
                run(ANNIVERSARY)
                thread_db.session.commit()
                outcomes.append("done")
            except Exception as error:  # SQLite may refuse the second writer: it retries
                thread_db.session.rollback()
                outcomes.append(error)
            finally:
                thread_db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert "done" in outcomes
    if db.engine.dialect.name == "postgresql":  # the second waits for the first, then skips
        assert outcomes == ["done", "done"], outcomes
    assert len(_rows(db)) == 3 and _told(db) == 3
    _run(db, ANNIVERSARY)
    assert len(_rows(db)) == 3 and _told(db) == 3


def test_a_paid_fee_resolves_the_warning_which_is_kept(db):
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    _run(db, ANNIVERSARY - 5 * DAY)
    patent.fees_paid_until = date(2028, 3, 15)
    db.session.commit()
    counts = _run(db, ANNIVERSARY - 4 * DAY)
    assert counts["resolved"] == 1
    (row,) = _rows(db)
    assert row.resolved_at is not None
    patent.fees_paid_until = None  # recorded wrongly: the warning comes back, not told again
    db.session.commit()
    counts = _run(db, ANNIVERSARY - 3 * DAY)
    assert counts["reopened"] == 1 and _rows(db)[0].resolved_at is None and _told(db) == 1


def test_an_unpaid_fee_stays_until_the_grace_period_ends(db):
    patent = make_patent(OrgAdminFactory())
    patent.fees_paid_until = ANNIVERSARY
    db.session.commit()
    _run(db, ANNIVERSARY + 100 * DAY)
    assert [r.due_date for r in _rows(db, WarningKind.ANNUAL_FEE, True)] == [ANNIVERSARY]
    _run(db, date(2027, 9, 16))  # six months after the due date, plus one day
    assert _rows(db, WarningKind.ANNUAL_FEE, True) == []


@pytest.mark.parametrize("offset, warns", [(-1, False), (0, True), (1, True)])
def test_patent_expiry_six_months_ahead(db, offset, warns):
    """Expiry in six months and one day, exactly six months, six months less a day."""
    patent = make_patent(OrgAdminFactory())
    assert patent.expiry_date == date(2039, 3, 15)
    _run(db, date(2038, 9, 15) + offset * DAY)
    assert len(_rows(db, WarningKind.PATENT_EXPIRY)) == (1 if warns else 0)


def _licence(**terms):
    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner)])
    req, firm = make_request(listing, **terms)
    licence = accept(owner, req)
    from alliance.extensions import db

    db.session.commit()
    return licence, owner, firm


@pytest.mark.parametrize("before, warns", [(31, False), (30, True), (0, True), (-1, True)])
def test_registration_due_warns_both_parties_and_stays_when_overdue(db, before, warns):
    licence, owner, firm = _licence()
    _run(db, licence.registration_due - before * DAY)
    rows = _rows(db, WarningKind.REGISTRATION)
    assert {r.organization_id for r in rows} == (
        {owner.organization_id, firm.organization_id} if warns else set())


def test_recording_the_registration_resolves_its_warnings(db):
    licence, _owner, _firm = _licence()
    _run(db, licence.registration_due)
    licence.registration_number = "2026220000123"
    db.session.commit()
    counts = _run(db, licence.registration_due)
    assert counts["resolved"] == 2 and _rows(db, WarningKind.REGISTRATION, True) == []
    assert len(_rows(db, WarningKind.REGISTRATION)) == 2


@pytest.mark.parametrize("before, warns", [(61, False), (60, True), (1, True), (0, True),
                                           (-1, False)])
def test_licence_end_sixty_days_ahead(db, before, warns):
    licence, _owner, _firm = _licence()
    _run(db, licence.end_date - before * DAY)
    assert len(_rows(db, WarningKind.LICENCE_EXPIRY)) == (2 if warns else 0)


@pytest.mark.parametrize("after, warns", [(-1, False), (0, False), (1, True)])
def test_a_royalty_report_warns_the_day_after_it_was_due(db, after, warns):
    licence, _owner, _firm = _licence()
    due = licence.start_date + 90 * DAY
    db.session.add(PaymentDue(licence_id=licence.id, due_date=due, what="royalty_report"))
    db.session.commit()
    _run(db, due + after * DAY)
    rows = _rows(db, WarningKind.ROYALTY_REPORT)
    assert len(rows) == (2 if warns else 0)
    if warns:  # the report is filed: the warning is resolved
        db.session.add(RoyaltyReport(licence_id=licence.id, period_start=licence.start_date,
                                     period_end=due - DAY, due=Decimal("0.00"), lines=[]))
        db.session.commit()
        _run(db, due + 2 * DAY)
        assert _rows(db, WarningKind.ROYALTY_REPORT, True) == []


@pytest.mark.parametrize("before, warns", [(31, False), (30, True), (0, True), (-1, False)])
def test_an_open_licence_lapsing_within_thirty_days(db, before, warns):
    owner = OrgAdminFactory()
    patent = make_patent(owner, "一种图像识别方法", ipc="G06V 10/82")
    start = date.today()
    offer = open_licences.declare(owner, patent, open_licences.Declaration(
        "按年支付", "每年5万元", Royalty(kind=RoyaltyKind.LUMP_SUM, lump_sum=Decimal(50000)),
        start, start + 400 * DAY))
    db.session.commit()
    _run(db, offer.term_end - before * DAY)
    rows = _rows(db, WarningKind.OPEN_LICENCE)
    assert [(r.subject_type, r.organization_id) for r in rows] == (
        [("open_licence", owner.organization_id)] if warns else [])
