"""The royalty due for a report period from a licence's terms, and underpayment."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.models.listings import RoyaltyKind
from alliance.royalty_calc import (
    LINE_MINIMUM_MET,
    LINE_MINIMUM_TOP_UP,
    MSG_PERIOD_BACKWARDS,
    MSG_SALES_NEEDED,
    MSG_SALES_NEGATIVE,
    MSG_UNITS_NEEDED,
    MSG_UNITS_NEGATIVE,
    MSG_UNITS_NOT_WHOLE,
    Milestone,
    pro_rata_minimum,
    royalty_due,
    underpaid,
)
from alliance.services.royalties import MSG_AMOUNT_CENTS, MSG_AMOUNT_FINITE, MSG_AMOUNT_TYPE
from alliance.validators import ValidationError

D = Decimal
Q1 = (date(2025, 1, 1), date(2025, 3, 31))


def terms(kind=None, **amounts):
    fields = dict.fromkeys(("lump_sum", "entry_fee", "running_rate", "per_unit",
                            "minimum_annual"))
    return SimpleNamespace(royalty_kind=kind, milestones="", **(fields | amounts))


def due(t, net_sales=None, units=None, paid=True, milestones=(), period=Q1):
    return royalty_due(t, *period, net_sales, units, paid, list(milestones))


def test_running_royalty_is_a_percentage_of_net_sales_rounded_half_up():
    calc = due(terms(RoyaltyKind.RUNNING_PERCENT, running_rate=D("5")), D("123456.78"))
    assert calc.total == D("6172.84")  # 6172.839
    [line] = calc.lines
    assert line.key == "running" and line.params["net_sales"] == D("123456.78")
    assert line.text() == ("Running royalty: 5% of net sales of ¥123456.78 = ¥6172.84 "
                           "(rounded to the cent)")
    # half a cent rounds up, not to the even cent
    assert due(terms("running_percent", running_rate=D("2.5")), D("0.20")).total == D("0.01")
    assert due(terms("running_percent", running_rate=D("2.5")), D("0.19")).total == D("0.00")


def test_royalty_per_unit_multiplies_exactly():
    calc = due(terms(RoyaltyKind.RUNNING_PER_UNIT, per_unit=D("12.50")), units=1001)
    assert calc.total == D("12512.50")
    assert calc.lines[0].text() == "Royalty per unit: 1001 units × ¥12.50 = ¥12512.50"
    assert due(terms("running_per_unit", per_unit=D("3")), units=D("4")).total == D("12.00")


def test_entry_fee_is_due_until_paid_then_only_the_running_royalty():
    t = terms(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=D("50000"), running_rate=D(3),
              per_unit=D("0.50"))
    first = due(t, D("10000.00"), 100, paid=False)
    assert [line.key for line in first.lines] == ["entry_fee", "running", "per_unit"]
    assert first.total == D("50000.00") + D("300.00") + D("50.00")
    assert due(t, D("10000.00"), 100, paid=True).total == D("350.00")


def test_lump_sum_is_due_once():
    t = terms(RoyaltyKind.LUMP_SUM, lump_sum=D("80000.00"), running_rate=D(5))
    assert due(t, paid=False).total == D("80000.00")
    # a rate left over from another structure does not apply to a lump sum
    assert due(t, D("1000.00"), paid=True).lines == ()


def test_milestones_reached_add_their_amounts():
    calc = due(terms(RoyaltyKind.MILESTONES), milestones=[
        Milestone("临床批件", D("200000.00")), ("首批量产", D("50000"))])
    assert calc.total == D("250000.00")
    assert calc.lines[1].text() == "Milestone reached, 首批量产: ¥50000.00"


def test_a_structure_uses_only_its_own_parts_and_without_one_everything_given_applies():
    t = terms(RoyaltyKind.RUNNING_PERCENT, running_rate=D(10), per_unit=D(1))
    assert due(t, D("100.00"), 5).total == D("10.00")
    t = terms(None, running_rate=D(10), per_unit=D(1), entry_fee=D(7))
    assert due(t, D("100.00"), 5, paid=False).total == D("22.00")


def test_minimum_annual_royalty_is_pro_rated_by_day_and_topped_up():
    t = terms(RoyaltyKind.RUNNING_PERCENT, running_rate=D(5), minimum_annual=D("36500.00"))
    calc = due(t, D("100000.00"))  # running 5,000; Q1 2025 is 90/365 of the year: 9,000
    minimum = calc.lines[-1]
    assert minimum.template == LINE_MINIMUM_TOP_UP
    assert (minimum.params["pro_rata"], minimum.params["days"]) == (D("9000.00"), 90)
    assert minimum.amount == D("4000.00") and calc.total == D("9000.00")
    met = due(t, D("200000.00")).lines[-1]
    assert met.template == LINE_MINIMUM_MET and met.amount == 0


def test_a_whole_calendar_year_gives_exactly_the_minimum_even_in_a_leap_year():
    assert pro_rata_minimum(D("100000.00"), date(2024, 1, 1), date(2024, 12, 31)) == (
        D("100000.00"), 366)
    # across a year end each year's days count against that year's length
    amount, days = pro_rata_minimum(D("36600.00"), date(2024, 12, 1), date(2025, 1, 31))
    exact = Fraction(36600) * (Fraction(31, 366) + Fraction(31, 365))
    assert days == 62 and abs(Fraction(amount) - exact) <= Fraction(1, 200)


def test_the_minimum_does_not_apply_without_a_running_royalty():
    t = terms(RoyaltyKind.LUMP_SUM, lump_sum=D(10), minimum_annual=D(1000))
    assert due(t, paid=False).total == D("10.00")


@pytest.mark.parametrize(("kwargs", "template"), [
    ({"period": (date(2025, 3, 31), date(2025, 1, 1))}, MSG_PERIOD_BACKWARDS),
    ({"net_sales": D("-1.00")}, MSG_SALES_NEGATIVE),
    ({"net_sales": -5}, MSG_SALES_NEGATIVE),
    ({"net_sales": D("1.005")}, MSG_AMOUNT_CENTS),
    ({"net_sales": 100.0}, MSG_AMOUNT_TYPE),
    ({"net_sales": D("NaN")}, MSG_AMOUNT_FINITE),
    ({"net_sales": D("-Infinity")}, MSG_AMOUNT_FINITE),
    ({"units": 1.5}, MSG_UNITS_NOT_WHOLE),
    ({"units": 2.0}, MSG_UNITS_NOT_WHOLE),
    ({"units": D("2.5")}, MSG_UNITS_NOT_WHOLE),
    ({"units": D("NaN")}, MSG_UNITS_NOT_WHOLE),
    ({"units": True}, MSG_UNITS_NOT_WHOLE),
    ({"units": "3"}, MSG_UNITS_NOT_WHOLE),
    ({"units": -1}, MSG_UNITS_NEGATIVE),
    ({"net_sales": None}, MSG_SALES_NEEDED),
    ({"units": None}, MSG_UNITS_NEEDED),
])
def test_bad_reports_are_refused(kwargs, template):
    t = terms(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=D(1), running_rate=D(1),
              per_unit=D(1))
    arguments = {"net_sales": D("1.00"), "units": 1} | kwargs
    with pytest.raises(ValidationError) as caught:
        due(t, **arguments)
    assert caught.value.template == template


def test_underpaid_is_what_the_payments_leave_unpaid():
    calc = due(terms(RoyaltyKind.RUNNING_PER_UNIT, per_unit=D(1)), units=100)
    assert underpaid(calc, [D("60.00"), D("30.00")]) == D("10.00")
    assert underpaid(calc, D("100.00")) == D("0.00")
    assert underpaid(calc, D("150.00")) == D("0.00")
    assert underpaid(calc, []) == D("100.00")
    with pytest.raises(ValidationError):
        underpaid(calc, [D("-5.00")])
    with pytest.raises(ValidationError):
        underpaid(calc, 99.5)


@settings(database=None, max_examples=200)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=2000, max_value=2100),
       st.integers(min_value=0, max_value=364))
def test_two_periods_that_make_a_year_pro_rate_to_the_minimum_within_a_cent(cents, year, cut):
    minimum = D(cents).scaleb(-2)
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    middle = min(first_day + timedelta(days=cut), last_day - timedelta(days=1))
    a, days_a = pro_rata_minimum(minimum, first_day, middle)
    b, days_b = pro_rata_minimum(minimum, middle + timedelta(days=1), last_day)
    assert days_a + days_b == (last_day - first_day).days + 1
    assert abs(a + b - minimum) <= D("0.01")
    assert pro_rata_minimum(minimum, first_day, last_day)[0] == minimum


@settings(database=None, max_examples=200)
@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=0, max_value=10**6),
       st.integers(min_value=0, max_value=1000), st.integers(min_value=0, max_value=10**7))
def test_total_is_the_sum_of_the_lines_and_never_below_the_pro_rated_minimum(
        sales, rate, units, minimum):
    t = terms(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=D(1),
              running_rate=D(rate).scaleb(-4), per_unit=D("0.37"),
              minimum_annual=D(minimum).scaleb(-2))
    calc = due(t, D(sales).scaleb(-2), units)
    assert calc.total == sum(line.amount for line in calc.lines)
    assert calc.total >= pro_rata_minimum(t.minimum_annual, *Q1)[0]
    running = sum(line.amount for line in calc.lines if line.key in ("running", "per_unit"))
    exact = Fraction(sales, 100) * Fraction(rate, 10**6)
    assert abs(Fraction(calc.lines[0].amount) - exact) <= Fraction(1, 200)
    assert running <= calc.total
