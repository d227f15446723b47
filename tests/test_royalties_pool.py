"""Patent-pool allocation: share_i = Σ_c R_c · n_ic / Σ_j n_jc, exact to the cent."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.pool import MSG_COUNT, MSG_NO_ESSENTIAL, pool_allocation
from alliance.services.royalties import MSG_AMOUNT_CENTS, MSG_AMOUNT_NEGATIVE
from alliance.validators import ValidationError

D = Decimal


def test_worked_example_splits_each_market_by_its_essential_patents():
    income = {"CN": D("1000.00"), "EU": D("100.00")}
    counts = {"吉林大学": {"CN": 2, "EU": 1}, "一汽": {"CN": 1, "EU": 1}, "长光所": {"EU": 1}}
    # CN: 666.67 / 333.33 / 0; EU: 33.33 each and the leftover cent to the first member (a tie)
    assert pool_allocation(income, counts) == {
        "吉林大学": D("700.01"), "一汽": D("366.66"), "长光所": D("33.33")}


def test_a_member_without_essential_patents_gets_nothing_and_keeps_its_place():
    allocation = pool_allocation({"CN": D("10.00")}, {"A": {"CN": 0}, "B": {"CN": 3}})
    assert list(allocation) == ["A", "B"]
    assert allocation == {"A": D("0.00"), "B": D("10.00")}


def test_income_in_a_market_without_essential_patents_is_refused_not_lost():
    with pytest.raises(ValidationError) as caught:
        pool_allocation({"CN": D("5.00"), "US": D("1.00")}, {"A": {"CN": 1}})
    assert caught.value.template == MSG_NO_ESSENTIAL
    assert caught.value.params["market"] == "US"
    # no income there: nothing to allocate, nothing refused
    assert pool_allocation({"CN": D("5.00"), "US": D("0")}, {"A": {"CN": 1}}) == {"A": D("5.00")}


@pytest.mark.parametrize(("income", "counts", "template"), [
    ({"CN": D("-1.00")}, {"A": {"CN": 1}}, MSG_AMOUNT_NEGATIVE),
    ({"CN": D("1.001")}, {"A": {"CN": 1}}, MSG_AMOUNT_CENTS),
    ({"CN": D("1.00")}, {"A": {"CN": -1}, "B": {"CN": 2}}, MSG_COUNT),
    ({"CN": D("1.00")}, {"A": {"CN": 1.5}}, MSG_COUNT),
    ({"CN": D("1.00")}, {"A": {"CN": True}}, MSG_COUNT),
    ({"CN": D("1.00")}, {"A": {"CN": 1, "US": -2}}, MSG_COUNT),
])
def test_bad_income_or_counts_are_refused(income, counts, template):
    with pytest.raises(ValidationError) as caught:
        pool_allocation(income, counts)
    assert caught.value.template == template


MARKETS = ["CN", "US", "EU", "JP"]


@st.composite
def pools(draw):
    members = [f"m{i}" for i in range(draw(st.integers(min_value=1, max_value=6)))]
    counts = {m: {c: draw(st.integers(min_value=0, max_value=9)) for c in MARKETS}
              for m in members}
    income = {}
    for market in MARKETS:
        if any(counts[m][market] for m in members):
            cents = draw(st.integers(min_value=0, max_value=10**11))
            income[market] = Decimal(cents).scaleb(-2)
    return income, counts


@settings(database=None, max_examples=200)
@given(pools())
def test_allocations_sum_to_the_income_and_stay_within_a_cent_per_market(pool):
    income, counts = pool
    allocation = pool_allocation(income, counts)
    assert sum(allocation.values(), D(0)) == sum(income.values(), D(0))
    for member, amount in allocation.items():
        exact = sum((Fraction(r) * counts[member][c] / sum(n[c] for n in counts.values())
                     for c, r in income.items()), Fraction(0))
        assert abs(Fraction(amount) - exact) < Fraction(len(income) or 1, 100)
        assert amount >= 0 and amount.as_tuple().exponent == -2
