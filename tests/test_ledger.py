"""Royalty reports, payments, late and short flags, the distribution run and the ledger."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from alliance.extensions import db
from alliance.models import AuditEvent, DistributionRun, LedgerEntry, LicenceStatus
from alliance.services import Conflict, ServiceError, distribution
from alliance.services.royalty_reports import (
    file_report,
    late_reports,
    record_payment,
    underpayments,
)

from .royalty_helpers import make_agreement, make_deal

D = Decimal


@pytest.fixture
def deal(db):
    """A state-founded university and a firm co-owning a patent 60:40, licensed by the
    university to a third firm at 5% of net sales, minimum ¥12,000 a year."""
    return make_deal()


_agreement = make_agreement  # university 60 (fees, office 5%, 60/10/10/20, 张三 70, 李四 30)


def _paid(deal, amount="10000.00"):
    uni, _firm, _licensee, _patent, licence = deal
    payment = record_payment(uni, licence, D(amount), date(2026, 1, 15), "银行回单 0001")
    db.session.commit()
    return payment


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_run_carries_the_payment_to_every_inventor_to_the_cent(deal):
    uni, firm, _licensee, patent, _licence = deal
    version = _agreement(uni, firm, patent)
    payment = _paid(deal)
    run = distribution.run_distribution(uni, payment)
    db.session.commit()
    entries = run.entries
    assert run.agreement_version_id == version.id and payment.distributed
    assert all(entry.payment_id == payment.id for entry in entries)
    assert sum(e.amount for e in entries if e.step == "licensors") == payment.amount
    balances = distribution.balances(entries)
    assert sum(balances.values()) == D("0.00")  # every debit has its credit
    org = uni.organization_id
    assert balances[f"payment:{payment.id}"] == -payment.amount
    # 6000 to the university: office 5% 300, fees 1200, net 4500; inventors 60% = 2700
    assert balances[f"org:{org}/office_fee"] == D("300.00")
    assert balances[f"org:{org}/patent_fees"] == D("1200.00")
    assert balances[f"inventor:{org}/张三"] == D("1890.00")
    assert balances[f"inventor:{org}/李四"] == D("810.00")
    assert balances[f"org:{firm.organization_id}"] == D("4000.00")
    leaves = [v for v in balances.values() if v > 0]
    assert sum(leaves) == payment.amount
    assert "payment.distributed" in db.session.scalars(select(AuditEvent.action)).all()


def test_without_an_agreement_licensors_share_by_co_ownership(deal):
    uni, firm, _licensee, _patent, _licence = deal
    payment = _paid(deal, "100.01")
    run = distribution.run_distribution(uni, payment)
    balances = distribution.balances(run.entries)
    assert run.agreement_version_id is None
    assert balances[f"org:{uni.organization_id}"] == D("60.01")  # largest remainder
    assert balances[f"org:{firm.organization_id}"] == D("40.00")


def test_a_second_run_posts_nothing(deal):
    uni, *_ = deal
    payment = _paid(deal)
    distribution.run_distribution(uni, payment)
    db.session.commit()
    entries = _count(LedgerEntry)
    with pytest.raises(Conflict) as raised:
        distribution.run_distribution(uni, payment)
    assert raised.value.status == 409
    db.session.commit()
    assert _count(LedgerEntry) == entries and _count(DistributionRun) == 1


def test_a_run_stopped_midway_leaves_nothing_posted(deal, monkeypatch):
    uni, firm, _licensee, patent, _licence = deal
    _agreement(uni, firm, patent)
    payment = _paid(deal)
    post = distribution._post
    calls = []

    def failing(run, posting, actor):
        calls.append(posting)
        if len(calls) == 4:
            raise RuntimeError("stopped")
        return post(run, posting, actor)

    monkeypatch.setattr(distribution, "_post", failing)
    with pytest.raises(RuntimeError):
        distribution.run_distribution(uni, payment)
    assert len(calls) == 4 and _count(LedgerEntry) == 0  # the savepoint is gone
    db.session.rollback()
    assert _count(LedgerEntry) == 0 and _count(DistributionRun) == 0
    assert not db.session.get(type(payment), payment.id).distributed
    monkeypatch.setattr(distribution, "_post", post)
    run = distribution.run_distribution(uni, payment)  # a later run goes through
    assert len(run.entries) > 4


def test_a_correction_is_a_reversal_and_the_ledger_still_balances(deal):
    uni, *_ = deal
    payment = _paid(deal)
    run = distribution.run_distribution(uni, payment)
    entry = run.entries[0]
    reversal = distribution.reverse(uni, entry)
    db.session.commit()
    assert (reversal.debit, reversal.credit, reversal.amount, reversal.reverses_id) == (
        entry.credit, entry.debit, entry.amount, entry.id)
    everything = db.session.scalars(select(LedgerEntry)).all()
    balances = distribution.balances(everything)
    assert sum(balances.values()) == D("0.00")
    assert balances[entry.credit] == D("0.00")
    with pytest.raises(Conflict):
        distribution.reverse(uni, entry)
    assert _count(LedgerEntry) == len(everything)


def test_the_report_computes_the_royalty_due_from_the_licence(deal):
    uni, _firm, licensee, _patent, licence = deal
    report = file_report(licensee, licence, date(2025, 1, 1), date(2025, 12, 31),
                         D("100000.00"), None)
    db.session.commit()
    # 5% of 100,000 = 5,000, short of the ¥12,000 minimum for a whole year: top-up 7,000
    assert report.due == D("12000.00")
    assert [(line["key"], line["amount"]) for line in report.lines] == [
        ("running", "5000.00"), ("minimum", "7000.00")]
    assert "royalty_report.filed" in db.session.scalars(select(AuditEvent.action)).all()
    with pytest.raises(Conflict):  # overlaps the period already reported
        file_report(licensee, licence, date(2025, 12, 1), date(2026, 3, 31), D("1.00"), None)
    with pytest.raises(ServiceError) as raised:
        file_report(licensee, licence, date(2026, 1, 1), date(2026, 3, 31), D("-1.00"), None)
    assert raised.value.status == 400


def test_a_report_not_filed_by_its_date_is_flagged_late(deal):
    _uni, _firm, licensee, _patent, licence = deal
    assert late_reports(date(2026, 1, 1)) == []  # due on 2026-01-01, not yet late
    assert late_reports(date(2026, 2, 1)) == [
        {"licence_id": licence.id, "due_date": date(2026, 1, 1), "days_late": 31}]
    file_report(licensee, licence, date(2025, 1, 1), date(2025, 12, 31), D("0.00"), None)
    assert late_reports(date(2026, 2, 1)) == []


def test_a_period_paid_short_is_flagged(deal):
    uni, _firm, licensee, _patent, licence = deal
    file_report(licensee, licence, date(2025, 1, 1), date(2025, 12, 31), D("300000.00"), None)
    _paid(deal, "10000.00")
    [flag] = underpayments(licence)
    assert (flag["due"], flag["paid"], flag["short"]) == (
        D("15000.00"), D("10000.00"), D("5000.00"))
    record_payment(uni, licence, D("5000.00"), date(2026, 2, 1))
    assert underpayments(licence) == []


def test_only_the_right_party_may_act(deal):
    uni, firm, licensee, _patent, licence = deal
    with pytest.raises(ServiceError) as raised:
        file_report(uni, licence, date(2025, 1, 1), date(2025, 12, 31), D("1.00"), None)
    assert raised.value.status == 403
    with pytest.raises(ServiceError) as raised:
        record_payment(licensee, licence, D("1.00"), date(2026, 1, 1))
    assert raised.value.status == 403
    payment = _paid(deal)
    for outsider in (licensee, firm):
        with pytest.raises(ServiceError) as raised:
            distribution.run_distribution(outsider, payment)
        assert raised.value.status == 403
    run = distribution.run_distribution(uni, payment)
    with pytest.raises(ServiceError) as raised:
        distribution.reverse(licensee, run.entries[0])
    assert raised.value.status == 403
    assert _count(LedgerEntry) == len(run.entries)


def test_no_payment_on_a_terminated_licence_nor_a_bad_amount(deal):
    uni, *_, licence = deal
    with pytest.raises(ServiceError) as raised:
        record_payment(uni, licence, D("-5.00"), date(2026, 1, 1))
    assert raised.value.status == 400
    with pytest.raises(ServiceError):
        record_payment(uni, licence, D("5.001"), date(2026, 1, 1))
    licence.status = LicenceStatus.TERMINATED
    with pytest.raises(Conflict):
        record_payment(uni, licence, D("5.00"), date(2026, 1, 1))
