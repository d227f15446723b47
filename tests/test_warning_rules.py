"""The early-warning date rules at their boundaries: due tomorrow, due today, overdue,
exactly N days (or months) ahead and one day more."""

from datetime import date, timedelta

import pytest

from alliance import warning_rules as rules
from alliance.models.licensing import REGISTRATION_WARNING_DAYS
from alliance.patent_terms import add_months, add_years

TODAY = date(2026, 11, 29)
DAY = timedelta(days=1)


def _patent(**facts) -> rules.PatentFacts:
    base = {"kind": "invention", "granted": True, "filing_date": date(2015, 3, 10),
            "expiry_date": date(2035, 3, 10)}
    return rules.PatentFacts(**{**base, **facts})


def test_defaults_and_the_registration_window_of_the_licence_page():
    assert rules.DEFAULTS == {"WARNING_ANNUAL_FEE_DAYS": 30, "WARNING_PATENT_EXPIRY_MONTHS": 6,
                              "WARNING_LICENCE_EXPIRY_DAYS": 60,
                              "WARNING_REGISTRATION_DAYS": 30, "WARNING_OPEN_LICENCE_DAYS": 30}
    assert rules.DEFAULTS["WARNING_REGISTRATION_DAYS"] == REGISTRATION_WARNING_DAYS


@pytest.mark.parametrize("offset, warns", [(-1, False), (0, True), (1, True), (30, True),
                                           (31, False)])
def test_due_within_includes_today_and_the_last_day(offset, warns):
    assert rules.due_within(TODAY + offset * DAY, TODAY, 30) is warns


@pytest.mark.parametrize("offset, overdue", [(-1, True), (0, False), (1, False)])
def test_overdue_means_before_today(offset, overdue):
    assert rules.is_overdue(TODAY + offset * DAY, TODAY) is overdue


@pytest.mark.parametrize("offset, warns", [(-1, False), (0, True), (1, True), (30, True),
                                           (31, False)])
def test_annual_fee_due_within_thirty_days(offset, warns):
    due = TODAY + offset * DAY
    patent = _patent(filing_date=due.replace(year=due.year - 5),
                     expiry_date=due.replace(year=due.year + 15))
    expected = due if warns else None
    if offset == -1:  # yesterday's anniversary, payment unknown: the next one is a year off
        expected = None
    assert rules.annual_fee_due(patent, TODAY, 30) == expected


def test_annual_fee_known_paid_beyond_the_anniversary_does_not_warn():
    due = TODAY + 10 * DAY
    filed = due.replace(year=2016)
    assert rules.annual_fee_due(_patent(filing_date=filed, fees_paid_until=due), TODAY,
                                30) == due  # paid up to (not including) the due date
    assert rules.annual_fee_due(_patent(filing_date=filed,
                                        fees_paid_until=add_years(due, 1)), TODAY, 30) is None


@pytest.mark.parametrize("offset, warns", [(0, True), (-1, True), (-180, True)])
def test_an_unpaid_fee_stays_overdue_through_the_grace_period(offset, warns):
    due = TODAY + offset * DAY
    patent = _patent(filing_date=due.replace(year=2016), fees_paid_until=due)
    assert rules.annual_fee_due(patent, TODAY, 30) == (due if warns else None)


def test_after_the_grace_period_the_patent_has_lapsed_and_the_fee_no_longer_warns():
    due = add_months(TODAY, -6) - DAY
    patent = _patent(filing_date=due.replace(year=2016), fees_paid_until=due)
    assert rules.annual_fee_due(patent, TODAY, 30) is None
    last_day = add_months(TODAY, -6)
    patent = _patent(filing_date=last_day.replace(year=2016), fees_paid_until=last_day)
    assert rules.annual_fee_due(patent, TODAY, 30) == last_day


def test_no_annual_fee_warning_without_a_grant_or_from_expiry_on():
    due = TODAY + 5 * DAY
    assert rules.annual_fee_due(_patent(granted=False, filing_date=due.replace(year=2020)),
                                TODAY, 30) is None
    # the 20th anniversary is the expiry date: no fee is owed for it
    assert rules.annual_fee_due(_patent(filing_date=due.replace(year=2006),
                                        expiry_date=due), TODAY, 30) is None


@pytest.mark.parametrize("expiry, warns", [
    (TODAY - DAY, False), (TODAY, True), (TODAY + DAY, True),
    (add_months(TODAY, 6), True), (add_months(TODAY, 6) + DAY, False)])
def test_patent_expiry_within_six_months(expiry, warns):
    assert rules.expiry_due(_patent(expiry_date=expiry), TODAY, 6) == (expiry if warns
                                                                        else None)
    assert rules.expiry_due(_patent(expiry_date=expiry, granted=False), TODAY, 6) is None


def test_six_months_from_the_end_of_august_ends_in_february():
    today = date(2026, 8, 31)
    assert rules.due_within_months(date(2027, 2, 28), today, 6)
    assert not rules.due_within_months(date(2027, 3, 1), today, 6)


@pytest.mark.parametrize("offset, warns", [(-1, False), (0, True), (1, True), (60, True),
                                           (61, False)])
def test_licence_end_within_sixty_days(offset, warns):
    end = TODAY + offset * DAY
    assert rules.licence_end_due(True, end, TODAY, 60) == (end if warns else None)
    assert rules.licence_end_due(False, end, TODAY, 60) is None


@pytest.mark.parametrize("offset, warns", [(-30, True), (-1, True), (0, True), (1, True),
                                           (30, True), (31, False)])
def test_registration_due_within_thirty_days_or_overdue(offset, warns):
    due = TODAY + offset * DAY
    assert rules.registration_due(True, False, due, TODAY, 30) == (due if warns else None)
    assert rules.registration_due(True, True, due, TODAY, 30) is None  # registered
    assert rules.registration_due(False, False, due, TODAY, 30) is None  # not in force


@pytest.mark.parametrize("offset, warns", [(-1, True), (0, False), (1, False)])
def test_royalty_report_overdue_only_after_its_due_date(offset, warns):
    due = TODAY + offset * DAY
    assert rules.royalty_report_overdue(due, False, TODAY) == (due if warns else None)
    assert rules.royalty_report_overdue(due, True, TODAY) is None


@pytest.mark.parametrize("offset, warns", [(-1, False), (0, True), (1, True), (30, True),
                                           (31, False)])
def test_open_licence_lapsing_within_thirty_days(offset, warns):
    end = TODAY + offset * DAY
    assert rules.open_licence_lapse_due(True, end, TODAY, 30) == (end if warns else None)
    assert rules.open_licence_lapse_due(False, end, TODAY, 30) is None


def test_outsiders_only():
    assert rules.outsiders_only({None, 7}, {1, 2})
    assert not rules.outsiders_only({None, 2}, {1, 2})
    assert rules.outsiders_only({None}, set())
