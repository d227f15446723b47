"""Royalty pages of a licence: reports with their calculation, payments, flags, filing a
report, recording a payment, distributing it, its trail and reversals; who may do what."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from alliance.extensions import db
from alliance.models import DistributionRun, LedgerEntry, LicenceStatus
from alliance.models.ledger import Payment, RoyaltyReport
from alliance.models.licensing import PaymentDue
from alliance.services import distribution

from .factories import AdminFactory, OrgAdminFactory, UserFactory
from .royalty_helpers import make_agreement, make_deal, pay

D = Decimal


@pytest.fixture(autouse=True)
def english(app, monkeypatch):
    """These tests read the pages' English wording."""
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


@pytest.fixture
def deal(db):
    return make_deal()


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _counts():
    return tuple(_count(m) for m in (RoyaltyReport, Payment, DistributionRun, LedgerEntry))


REPORT = {"period_start": "2025-01-01", "period_end": "2025-12-31", "net_sales": "300000.00",
          "units": "", "file_report": "1"}
PAYMENT = {"amount": "10000.00", "received_on": "2026-01-15", "reference": "回单 0001",
           "record_payment": "1"}


# --- the page --------------------------------------------------------------------------

def test_the_licence_page_links_to_its_royalties(client, login, deal):
    uni, _firm, _licensee, _patent, licence = deal
    login(uni)
    page = client.get(f"/licensing/licences/{licence.id}").get_data(as_text=True)
    assert f"/licensing/licences/{licence.id}/royalties" in page


def test_both_parties_and_platform_admins_see_the_page_others_get_404(client, login, deal):
    uni, firm, licensee, _patent, licence = deal
    path = f"/licensing/licences/{licence.id}/royalties"
    for user in (uni, licensee, UserFactory(organization=licensee.organization)):
        login(user)
        assert client.get(path).status_code == 200
    login(AdminFactory())
    page = client.get(path).get_data(as_text=True)
    assert 'id="report-form"' not in page and 'id="payment-form"' not in page  # read-only
    for outsider in (firm, OrgAdminFactory()):  # the co-owner is no party to the licence
        login(outsider)
        assert client.get(path).status_code == 404
    assert client.get("/licensing/licences/2000000000/royalties").status_code == 404


def test_each_party_gets_its_own_form(client, login, deal):
    uni, _firm, licensee, _patent, licence = deal
    path = f"/licensing/licences/{licence.id}/royalties"
    login(licensee)
    page = client.get(path).get_data(as_text=True)
    assert 'id="report-form"' in page and 'id="payment-form"' not in page
    login(uni)
    page = client.get(path).get_data(as_text=True)
    assert 'id="payment-form"' in page and 'id="report-form"' not in page
    login(UserFactory(organization=licensee.organization))  # a member, not an admin
    page = client.get(path).get_data(as_text=True)
    assert 'id="report-form"' not in page


def test_filing_a_report_shows_its_calculation_lines_translated(client, login, deal):
    _uni, _firm, licensee, _patent, licence = deal
    login(licensee)
    response = client.post(f"/licensing/licences/{licence.id}/royalties/report", data=REPORT)
    assert response.status_code == 302
    report = db.session.scalars(select(RoyaltyReport)).one()
    assert report.due == D("15000.00") and report.filed_by_id == licensee.id
    page = client.get(f"/licensing/licences/{licence.id}/royalties").get_data(as_text=True)
    assert "Running royalty: 5% of net sales of ¥300,000.00 = ¥15,000.00" in page
    assert "¥15,000.00" in page


def test_milestones_are_added_to_the_report(client, login, deal):
    _uni, _firm, licensee, _patent, licence = deal
    login(licensee)
    data = {**REPORT, "milestones": "首次量产：50000.00\n"}
    assert client.post(f"/licensing/licences/{licence.id}/royalties/report",
                       data=data).status_code == 302
    assert db.session.scalars(select(RoyaltyReport)).one().due == D("65000.00")


@pytest.mark.parametrize("field,value,message", [
    ("net_sales", "-5.00", "cannot be negative"),
    ("net_sales", "abc", "Write an amount in yuan"),
    ("net_sales", "1e5", "Write an amount in yuan"),
    ("net_sales", "100.005", "fraction of a cent"),
    ("net_sales", "NaN", "Write an amount in yuan"),
    ("units", "1.5", "whole number"),
    ("units", "-3", "cannot be negative"),
    ("units", "٣", "whole number"),
    ("net_sales", "١٠٠", "Write an amount in yuan"),
    ("period_end", "2024-12-31", "ends before it starts"),
    ("period_start", "", "first day of the period"),
    ("milestones", "no amount here", "on its own line"),
    ("milestones", "量产: 1.001", "fraction of a cent"),
])
def test_a_bad_report_is_refused_and_nothing_changes(client, login, deal, field, value,
                                                     message):
    _uni, _firm, licensee, _patent, licence = deal
    login(licensee)
    before = _counts()
    response = client.post(f"/licensing/licences/{licence.id}/royalties/report",
                           data={**REPORT, field: value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _counts() == before


def test_an_overlapping_period_is_refused_with_409(client, login, deal):
    _uni, _firm, licensee, _patent, licence = deal
    login(licensee)
    path = f"/licensing/licences/{licence.id}/royalties/report"
    assert client.post(path, data=REPORT).status_code == 302
    before = _counts()
    response = client.post(path, data={**REPORT, "period_start": "2025-12-01",
                                       "period_end": "2026-03-31"})
    assert response.status_code == 409
    assert "already covers part of this period" in response.get_data(as_text=True)
    assert _counts() == before


def test_a_report_on_a_terminated_licence_is_refused(client, login, deal):
    uni, _firm, licensee, _patent, licence = deal
    licence.status = LicenceStatus.TERMINATED
    db.session.commit()
    login(licensee)
    before = _counts()
    response = client.post(f"/licensing/licences/{licence.id}/royalties/report", data=REPORT)
    assert response.status_code == 409 and "no longer in force" in response.get_data(
        as_text=True)
    login(uni)
    response = client.post(f"/licensing/licences/{licence.id}/royalties/payment",
                           data=PAYMENT)
    assert response.status_code == 409
    assert _counts() == before


def test_the_wrong_party_cannot_file_or_record(client, login, deal):
    uni, firm, licensee, _patent, licence = deal
    report = f"/licensing/licences/{licence.id}/royalties/report"
    payment = f"/licensing/licences/{licence.id}/royalties/payment"
    before = _counts()
    login(uni)
    assert client.post(report, data=REPORT).status_code == 403
    login(licensee)
    assert client.post(payment, data=PAYMENT).status_code == 403
    login(UserFactory(organization=licensee.organization))
    assert client.post(report, data=REPORT).status_code == 403
    assert client.post(report, data={**REPORT, "net_sales": "bad"}).status_code == 403
    login(AdminFactory())
    assert client.post(report, data=REPORT).status_code == 403
    assert client.post(payment, data=PAYMENT).status_code == 403
    login(firm)
    assert client.post(report, data=REPORT).status_code == 404
    assert client.post(payment, data=PAYMENT).status_code == 404
    assert _counts() == before


def test_recording_a_payment(client, login, deal):
    uni, _firm, _licensee, _patent, licence = deal
    login(uni)
    response = client.post(f"/licensing/licences/{licence.id}/royalties/payment",
                           data={**PAYMENT, "amount": "¥10,000.5"})
    assert response.status_code == 302
    payment = db.session.scalars(select(Payment)).one()
    assert payment.amount == D("10000.50") and payment.reference == "回单 0001"
    assert not payment.distributed
    page = client.get(f"/licensing/licences/{licence.id}/royalties").get_data(as_text=True)
    assert "¥10,000.50" in page and "Not distributed" in page


@pytest.mark.parametrize("value,status,message", [
    ("-1.00", 400, "cannot be negative"),
    ("12.345", 400, "fraction of a cent"),
    ("twelve", 400, "Write an amount in yuan"),
    ("0.1e2", 400, "Write an amount in yuan"),
    ("inf", 400, "Write an amount in yuan"),
    ("", 400, "Give the amount received"),
    ("0", 400, "more than ¥0.00"),
    ("1000000000000", 400, "beyond the largest amount"),
])
def test_a_bad_payment_is_refused_and_nothing_changes(client, login, deal, value, status,
                                                      message):
    uni, _firm, _licensee, _patent, licence = deal
    login(uni)
    before = _counts()
    response = client.post(f"/licensing/licences/{licence.id}/royalties/payment",
                           data={**PAYMENT, "amount": value})
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert _counts() == before


def test_late_reports_and_underpaid_periods_are_flagged(client, login, deal):
    uni, _firm, licensee, _patent, licence = deal
    db.session.add(PaymentDue(licence_id=licence.id, what="royalty_report",
                              due_date=date.today() - timedelta(days=10)))
    db.session.commit()
    login(licensee)
    client.post(f"/licensing/licences/{licence.id}/royalties/report",
                data={**REPORT, "period_start": "2025-01-01", "period_end": "2025-06-30"})
    pay(uni, licence, "1000.00")
    page = client.get(f"/licensing/licences/{licence.id}/royalties").get_data(as_text=True)
    assert 'class="flag-late"' in page and "10 days late" in page
    assert 'class="flag-short"' in page and "short ¥14,000.00" in page


# --- distribution and the trail -----------------------------------------------------------

def test_distribute_asks_first_then_runs_once(client, login, deal):
    uni, firm, _licensee, patent, licence = deal
    make_agreement(uni, firm, patent)
    payment = pay(uni, licence)
    login(uni)
    path = f"/licensing/payments/{payment.id}/distribute"
    confirm = client.get(path)
    assert confirm.status_code == 200 and "¥10,000.00" in confirm.get_data(as_text=True)
    assert client.post(path).status_code == 400  # not confirmed
    assert _count(LedgerEntry) == 0
    response = client.post(path, data={"confirm": "yes"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/licensing/payments/{payment.id}")
    entries = _count(LedgerEntry)
    assert entries > 0 and db.session.get(Payment, payment.id).distributed
    again = client.post(path, data={"confirm": "yes"})
    assert again.status_code == 409
    assert "already been distributed" in again.get_data(as_text=True)
    assert _count(LedgerEntry) == entries and _count(DistributionRun) == 1


def test_a_second_run_through_the_service_answers_409(client, login, deal, monkeypatch):
    """Even when the page still thinks the payment undistributed, the run's key holds."""
    uni, _firm, _licensee, _patent, licence = deal
    payment = pay(uni, licence)
    distribution.run_distribution(uni, payment)
    db.session.commit()
    db.session.execute(db.update(Payment).values(distributed=False))
    db.session.commit()
    entries = _count(LedgerEntry)
    login(uni)
    response = client.post(f"/licensing/payments/{payment.id}/distribute",
                           data={"confirm": "yes"})
    assert response.status_code == 409 and _count(LedgerEntry) == entries


def test_only_the_licensor_or_a_platform_admin_distributes(client, login, deal):
    uni, firm, licensee, _patent, licence = deal
    payment = pay(uni, licence)
    path = f"/licensing/payments/{payment.id}/distribute"
    login(licensee)
    assert client.post(path, data={"confirm": "yes"}).status_code == 403
    login(firm)  # a co-owner, no party to the licence
    assert client.post(path, data={"confirm": "yes"}).status_code == 404
    login(OrgAdminFactory())
    assert client.post(path, data={"confirm": "yes"}).status_code == 404
    assert _count(LedgerEntry) == 0
    login(AdminFactory())
    assert client.post(path, data={"confirm": "yes"}).status_code == 302
    assert _count(DistributionRun) == 1


def _distributed(deal, **agreement):
    uni, firm, _licensee, patent, licence = deal
    version = make_agreement(uni, firm, patent, **agreement)
    payment = pay(uni, licence)
    distribution.run_distribution(uni, payment)
    db.session.commit()
    return payment, version


def test_the_trail_shows_every_step_with_names_shares_and_totals(client, login, deal):
    uni, _firm, _licensee, _patent, _licence = deal
    payment, version = _distributed(deal)
    login(uni)
    page = client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)
    for step in ("licensors", "costs", "internal", "inventors"):
        assert f'id="step-{step}"' in page
    assert f"/sharing/{version.agreement_id}/versions/{version.number}" in page
    assert f"张三 (inventor, {uni.organization.name_en})" in page
    assert "¥1,890.00" in page and "¥810.00" in page
    assert f"{uni.organization.name_en} · Transfer-office fee" in page
    assert "60%" in page and "70%" in page  # the shares that decided the steps
    assert "balanced" in page


def test_without_an_agreement_the_trail_names_the_co_ownership_shares(client, login, deal):
    uni, _firm, _licensee, _patent, licence = deal
    payment = pay(uni, licence, "100.01")
    distribution.run_distribution(uni, payment)
    db.session.commit()
    login(uni)
    page = client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)
    assert "co-ownership shares of the licensed patents" in page
    assert "¥60.01" in page and "¥40.00" in page


def test_the_licensee_sees_the_payment_but_not_the_inside(client, login, deal):
    _uni, _firm, licensee, _patent, _licence = deal
    payment, _version = _distributed(deal)
    login(licensee)
    response = client.get(f"/licensing/payments/{payment.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Distributed" in page
    assert 'id="step-' not in page and "张三" not in page


def test_a_co_licensor_sees_the_licensors_step_and_only_its_own_inside(client, login, deal):
    uni, firm, _licensee, _patent, _licence = deal
    payment, _version = _distributed(deal, firm_inventors=True)
    login(firm)
    page = client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)
    assert 'id="step-licensors"' in page and "王五" in page
    assert "张三" not in page and "Transfer-office fee" not in page
    login(uni)
    page = client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)
    assert "张三" in page and "王五" not in page


def test_members_and_outsiders_do_not_see_the_trail(client, login, deal):
    uni, _firm, _licensee, _patent, _licence = deal
    payment, _version = _distributed(deal)
    login(UserFactory(organization=uni.organization))
    assert client.get(f"/licensing/payments/{payment.id}").status_code == 403
    login(OrgAdminFactory())
    assert client.get(f"/licensing/payments/{payment.id}").status_code == 404
    login(AdminFactory())
    assert "张三" in client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)


def test_reversing_an_entry_marks_it_and_nets_to_zero(client, login, deal):
    uni, _firm, _licensee, _patent, _licence = deal
    payment, _version = _distributed(deal)
    entry = db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.step == "inventors")).first()
    path = f"/licensing/payments/{payment.id}/entries/{entry.id}/reverse"
    login(uni)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 400
    before = _count(LedgerEntry)
    assert client.post(path, data={"confirm": "yes"}).status_code == 302
    assert _count(LedgerEntry) == before + 1
    reversal = db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.reverses_id == entry.id)).one()
    assert (reversal.debit, reversal.credit, reversal.amount) == (entry.credit, entry.debit,
                                                                 entry.amount)
    page = client.get(f"/licensing/payments/{payment.id}").get_data(as_text=True)
    assert f'id="entry-{entry.id}" class="table-secondary reversed"' in page
    assert 'id="step-reversal"' in page
    again = client.post(path, data={"confirm": "yes"})
    assert again.status_code == 409 and _count(LedgerEntry) == before + 1


def test_who_may_not_reverse(client, login, deal):
    uni, firm, licensee, _patent, _licence = deal
    payment, _version = _distributed(deal, firm_inventors=True)
    uni_entry = db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.credit.like(f"inventor:{uni.organization_id}/%"))).first()
    firm_entry = db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.credit.like(f"inventor:{firm.organization_id}/%"))).first()
    before = _count(LedgerEntry)
    login(licensee)  # sees no entry
    assert client.post(f"/licensing/payments/{payment.id}/entries/{uni_entry.id}/reverse",
                       data={"confirm": "yes"}).status_code == 404
    login(firm)  # sees its own entry, but is not the licensor
    assert client.post(f"/licensing/payments/{payment.id}/entries/{firm_entry.id}/reverse",
                       data={"confirm": "yes"}).status_code == 403
    assert client.post(f"/licensing/payments/{payment.id}/entries/{uni_entry.id}/reverse",
                       data={"confirm": "yes"}).status_code == 404
    other = pay(uni, _licence, "5.00")
    login(uni)  # an entry of another payment under this payment's address
    assert client.post(f"/licensing/payments/{other.id}/entries/{uni_entry.id}/reverse",
                       data={"confirm": "yes"}).status_code == 404
    assert _count(LedgerEntry) == before


def test_csrf_guards_the_forms(app, client, login, deal, monkeypatch):
    uni, _firm, licensee, _patent, licence = deal
    payment = pay(uni, licence)
    before = _counts()
    login(licensee)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(f"/licensing/licences/{licence.id}/royalties/report",
                       data=REPORT).status_code == 400
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    login(uni)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(f"/licensing/licences/{licence.id}/royalties/payment",
                       data=PAYMENT).status_code == 400
    assert client.post(f"/licensing/payments/{payment.id}/distribute",
                       data={"confirm": "yes"}).status_code == 400
    assert _counts() == before
