"""The chain licensee payment → licensors → inside each institution → inventors, as postings."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.royalty_chain import (
    INVENTORS,
    MSG_COST,
    MSG_COST_PERCENT,
    MSG_DUPLICATE,
    MSG_NO_INVENTOR_BUCKET,
    MSG_NO_INVENTOR_SHARES,
    MSG_UNKNOWN_PARTY,
    PAYMENT,
    STEP_COSTS,
    STEP_INTERNAL,
    STEP_INVENTORS,
    STEP_LICENSORS,
    Cost,
    Posting,
    balances,
    distribute,
)
from alliance.services.royalties import MSG_AMOUNT_CENTS, MSG_SHARE_TYPE, MSG_SHARES_SUM
from alliance.validators import ValidationError

D = Decimal
JLU = "吉林大学"
FAW = "一汽"


def test_worked_example_from_the_licensee_to_each_inventor():
    """¥100,000 to a university (60%) and a firm (40%); the university deducts a 10%
    transfer-office fee and ¥2,000 of patent fees, splits the net 70/10/10/10 and the
    inventors' 70% by contribution 50/30/20."""
    postings = distribute(
        D("100000.00"), [(JLU, D(60)), (FAW, D(40))],
        internal_splits={JLU: [(INVENTORS, D(70)), ("school", D(10)),
                               ("transfer_office", D(10)), ("institution", D(10))]},
        inventor_shares={JLU: [("张", D(50)), ("李", D(30)), ("王", D(20))]},
        costs={JLU: [Cost("patent_fees", amount=D("2000.00")),
                     Cost("office_fee", percent=D(10))]})
    assert postings == [
        Posting(PAYMENT, JLU, D("60000.00"), STEP_LICENSORS, D(60)),
        Posting(PAYMENT, FAW, D("40000.00"), STEP_LICENSORS, D(40)),
        Posting(JLU, (JLU, "office_fee"), D("6000.00"), STEP_COSTS, D(10)),
        Posting(JLU, (JLU, "patent_fees"), D("2000.00"), STEP_COSTS),
        Posting(JLU, (JLU, INVENTORS), D("36400.00"), STEP_INTERNAL, D(70)),
        Posting(JLU, (JLU, "school"), D("5200.00"), STEP_INTERNAL, D(10)),
        Posting(JLU, (JLU, "transfer_office"), D("5200.00"), STEP_INTERNAL, D(10)),
        Posting(JLU, (JLU, "institution"), D("5200.00"), STEP_INTERNAL, D(10)),
        Posting((JLU, INVENTORS), "张", D("18200.00"), STEP_INVENTORS, D(50)),
        Posting((JLU, INVENTORS), "李", D("10920.00"), STEP_INVENTORS, D(30)),
        Posting((JLU, INVENTORS), "王", D("7280.00"), STEP_INVENTORS, D(20)),
    ]
    final = balances(postings)
    assert final[PAYMENT] == D("-100000.00")
    assert final[JLU] == final[(JLU, INVENTORS)] == 0
    assert final[FAW] == D("40000.00") and final["张"] == D("18200.00")


def test_odd_cents_go_to_the_largest_remainders_at_every_step():
    postings = distribute(
        D("100.01"), [("A", D(50)), ("B", D(50))],
        internal_splits={"A": [(INVENTORS, D(70)), ("school", D(30))]},
        inventor_shares={"A": [("x", D("33.34")), ("y", D("33.33")), ("z", D("33.33"))]})
    final = balances(postings)
    # 100.01 halves: A gets the tie cent; A's 50.01 → 35.01 / 15.00 (35.007 and 15.003)
    assert (final["B"], final[("A", "school")]) == (D("50.00"), D("15.00"))
    # 35.01 by 33.34/33.33/33.33 = 11.672334 / 11.668833 / 11.668833 → 11.67 / 11.67 / 11.67
    assert [final[i] for i in "xyz"] == [D("11.67"), D("11.67"), D("11.67")]
    assert sum(p.amount for p in postings if p.step == STEP_INVENTORS) == D("35.01")


def test_costs_larger_than_the_income_are_recovered_only_up_to_it():
    postings = distribute(D("10.00"), [("A", D(100))],
                          internal_splits={"A": [("institution", D(100))]},
                          costs={"A": [Cost("office", percent=D(20)),
                                       Cost("fees", amount=D("5.00")),
                                       Cost("more_fees", amount=D("5.00"))]})
    final = balances(postings)
    assert final[("A", "office")] == D("2.00")
    assert final[("A", "fees")] == D("5.00")
    assert final[("A", "more_fees")] == D("3.00")
    assert ("A", "institution") not in final  # nothing left, and no 0.00 posting
    assert all(p.amount > 0 for p in postings)


def test_a_party_without_an_internal_split_keeps_its_net_and_zero_shares_post_nothing():
    postings = distribute(D("1.00"), [("A", D(100)), ("B", D(0))],
                          costs={"A": [Cost("fees", amount=D("0.40"))]})
    assert balances(postings) == {PAYMENT: D("-1.00"), "A": D("0.60"),
                                  ("A", "fees"): D("0.40")}


@pytest.mark.parametrize(("kwargs", "template"), [
    ({"licensors": [("A", D(60)), ("B", D(30))]}, MSG_SHARES_SUM),
    ({"licensors": [("A", D(50)), ("A", D(50))]}, MSG_DUPLICATE),
    ({"amount": D("1.001")}, MSG_AMOUNT_CENTS),
    ({"internal_splits": {"Z": [("x", D(100))]}}, MSG_UNKNOWN_PARTY),
    ({"inventor_shares": {"Z": [("x", D(100))]}}, MSG_UNKNOWN_PARTY),
    ({"costs": {"Z": [Cost("fees", amount=D(1))]}}, MSG_UNKNOWN_PARTY),
    ({"internal_splits": {"A": [("school", D(100))]}, "inventor_shares": {"A": [("x", D(100))]}},
     MSG_NO_INVENTOR_BUCKET),
    ({"inventor_shares": {"A": [("x", D(100))]}}, MSG_NO_INVENTOR_BUCKET),
    ({"internal_splits": {"A": [(INVENTORS, D(100))]}}, MSG_NO_INVENTOR_SHARES),
    ({"internal_splits": {"A": [("s", D(50)), ("s", D(50))]}}, MSG_DUPLICATE),
    ({"internal_splits": {"A": [(INVENTORS, D(100))]},
      "inventor_shares": {"A": [("x", D(50)), ("x", D(50))]}}, MSG_DUPLICATE),
    ({"internal_splits": {"A": [("s", D(50)), ("t", D(40))]}}, MSG_SHARES_SUM),
    ({"costs": {"A": [Cost("fees")]}}, MSG_COST),
    ({"costs": {"A": [Cost("fees", amount=D(1), percent=D(1))]}}, MSG_COST),
    ({"costs": {"A": [Cost("a", percent=D(60)), Cost("b", percent=D(41))]}}, MSG_COST_PERCENT),
    ({"costs": {"A": [Cost("a", percent=0.5)]}}, MSG_SHARE_TYPE),
    ({"costs": {"A": [Cost("a", amount=D(1)), Cost("a", amount=D(2))]}}, MSG_DUPLICATE),
])
def test_bad_chains_are_refused(kwargs, template):
    arguments = {"amount": D("10.00"), "licensors": [("A", D(100))]} | kwargs
    with pytest.raises(ValidationError) as caught:
        distribute(**arguments)
    assert caught.value.template == template


def percent_lists(names):
    """(name, percent) pairs over ``names`` with two-decimal shares summing to 100."""
    n = len(names)
    return st.lists(st.integers(min_value=0, max_value=10_000), min_size=n - 1,
                    max_size=n - 1).map(lambda cuts: [
        (name, Decimal(b - a).scaleb(-2))
        for name, a, b in zip(names, [0, *sorted(cuts)], [*sorted(cuts), 10_000],
                              strict=True)])


@st.composite
def chains(draw):
    parties = [f"org{i}" for i in range(draw(st.integers(min_value=1, max_value=4)))]
    licensors = draw(percent_lists(parties))
    internal, inventors, costs = {}, {}, {}
    for party in parties:
        if draw(st.booleans()):
            internal[party] = draw(percent_lists([INVENTORS, "school", "office"]))
            people = [f"{party}-inv{i}" for i in range(draw(st.integers(1, 4)))]
            inventors[party] = draw(percent_lists(people))
        costs[party] = [Cost("office_fee", percent=Decimal(draw(st.integers(0, 30)))),
                        Cost("fees", amount=Decimal(draw(st.integers(0, 10**6))).scaleb(-2))]
    amount = Decimal(draw(st.integers(min_value=0, max_value=10**11))).scaleb(-2)
    return amount, licensors, internal, inventors, costs


@settings(database=None, max_examples=200)
@given(chains())
def test_postings_always_balance_and_carry_the_whole_payment_to_the_leaves(chain):
    amount, licensors, internal, inventors, costs = chain
    postings = distribute(amount, licensors, internal, inventors, costs)
    assert all(p.amount > 0 and p.amount.as_tuple().exponent == -2 for p in postings)
    assert all(p.debit != p.credit for p in postings)
    assert sum(p.amount for p in postings if p.step == STEP_LICENSORS) == amount
    final = balances(postings)
    assert sum(final.values(), D(0)) == 0  # every debit has its credit
    if amount:
        assert final[PAYMENT] == -amount
    # what passes through an institution or its inventors' part leaves it entirely
    for party in internal:
        assert final.get(party, 0) == 0
        assert final.get((party, INVENTORS), 0) == 0
    leaves = {account: value for account, value in final.items() if account != PAYMENT}
    assert all(value >= 0 for value in leaves.values())
    assert sum(leaves.values(), D(0)) == amount
