"""Largest-remainder splits: equal owner shares and amounts divided by shares."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.shares import equal_shares, largest_remainder, split_percent

D = Decimal


@pytest.mark.parametrize(("n", "shares"), [
    (1, ["100.00"]),
    (2, ["50.00", "50.00"]),
    (3, ["33.34", "33.33", "33.33"]),
    (6, ["16.67", "16.67", "16.67", "16.67", "16.66", "16.66"]),
    (7, ["14.29", "14.29", "14.29", "14.29", "14.28", "14.28", "14.28"]),
])
def test_equal_shares_give_the_extra_hundredths_to_the_first_owners(n, shares):
    assert equal_shares(n) == [D(s) for s in shares]
    assert all(share.as_tuple().exponent == -2 for share in equal_shares(n))


@settings(database=None, max_examples=100)
@given(st.integers(min_value=1, max_value=500))
def test_equal_shares_sum_to_100_and_differ_by_at_most_a_hundredth(n):
    shares = equal_shares(n)
    assert len(shares) == n
    assert sum(shares) == D(100)
    assert max(shares) - min(shares) <= D("0.01")
    assert shares == sorted(shares, reverse=True)


def test_leftover_units_go_to_the_largest_remainders_not_the_first_parts():
    # quotas 3.33 and 6.67: the single leftover unit goes to the second part
    assert largest_remainder(10, [1, 2]) == [3, 7]
    # ties (three remainders of 1/3) are broken in the order given
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(0, [1, 1]) == [0, 0]


@pytest.mark.parametrize("weights", [[], [-1, 2], [0, 0]])
def test_largest_remainder_refuses_meaningless_weights(weights):
    with pytest.raises(ValueError):
        largest_remainder(10, weights)


def test_equal_shares_of_nobody_is_an_error():
    with pytest.raises(ValueError):
        equal_shares(0)


def test_split_percent_divides_an_amount_to_the_cent():
    assert split_percent(D("100.00"), [D("33.34"), D("33.33"), D("33.33")]) == [
        D("33.34"), D("33.33"), D("33.33")]
    assert split_percent(D("0.01"), [D(50), D(50)]) == [D("0.01"), D("0.00")]
    assert split_percent(D("10.00"), [D(60), D(40)]) == [D("6.00"), D("4.00")]
    assert split_percent(D("-0.03"), [D(50), D(50)]) == [D("-0.02"), D("-0.01")]


def test_split_percent_refuses_shares_not_summing_to_100_and_fractions_of_a_cent():
    with pytest.raises(ValueError, match="100"):
        split_percent(D("10.00"), [D(60), D(30)])
    with pytest.raises(ValueError, match="cent"):
        split_percent(D("10.005"), [D(100)])


@settings(database=None, max_examples=100)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=12))
def test_split_percent_parts_always_add_up_to_the_amount(cents, owners):
    amount = D(cents) / 100
    parts = split_percent(amount, equal_shares(owners))
    assert sum(parts) == amount
    assert all(part >= 0 for part in parts)
