"""split(): an amount divided by percent shares to the cent, largest remainder, ties in order."""

import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.models.types import MONEY_LIMIT as COLUMN_LIMIT
from alliance.services.royalties import (
    MONEY_LIMIT,
    MSG_AMOUNT_CENTS,
    MSG_AMOUNT_FINITE,
    MSG_AMOUNT_LIMIT,
    MSG_AMOUNT_NEGATIVE,
    MSG_AMOUNT_TYPE,
    MSG_SHARE_FINITE,
    MSG_SHARE_NEGATIVE,
    MSG_SHARE_PRECISION,
    MSG_SHARE_TYPE,
    MSG_SHARES_EMPTY,
    MSG_SHARES_LIST,
    MSG_SHARES_SUM,
    as_amount,
    split,
)
from alliance.validators import ValidationError

D = Decimal
CENT = Fraction(1, 100)


@pytest.mark.parametrize(("amount", "shares", "parts"), [
    ("100.00", ["33.33", "33.33", "33.34"], ["33.33", "33.33", "33.34"]),
    ("0.01", ["50", "50"], ["0.01", "0.00"]),          # a tie: the first party gets the cent
    ("0.01", ["40", "60"], ["0.00", "0.01"]),          # the larger remainder wins, not the first
    ("100.00", ["33.333", "33.333", "33.334"], ["33.33", "33.33", "33.34"]),
    ("10.00", ["100"], ["10.00"]),
    ("10.00", ["0", "100", "0"], ["0.00", "10.00", "0.00"]),
    ("0", ["60", "40"], ["0.00", "0.00"]),
    ("1", ["33.3333333333", "33.3333333333", "33.3333333334"], ["0.33", "0.33", "0.34"]),
    ("5", ["12.5", "87.5"], ["0.63", "4.37"]),         # remainders 0.5 and 0.5: party order
    ("0.02", ["1", "1", "98"], ["0.00", "0.00", "0.02"]),
    ("999999999999.99", ["50", "50"], ["500000000000.00", "499999999999.99"]),
])
def test_worked_examples(amount, shares, parts):
    assert split(D(amount), [D(s) for s in shares]) == [D(p) for p in parts]


def test_parts_always_have_two_decimals_and_int_input_is_exact():
    parts = split(7, [50, 50])
    assert parts == [D("3.50"), D("3.50")]
    assert all(part.as_tuple().exponent == -2 for part in parts)
    assert str(split(D("0"), [D(100)])[0]) == "0.00"


def test_the_money_limit_is_the_column_limit():
    assert MONEY_LIMIT == COLUMN_LIMIT


@pytest.mark.parametrize(("amount", "template"), [
    (D("-0.01"), MSG_AMOUNT_NEGATIVE),
    (-1, MSG_AMOUNT_NEGATIVE),
    (D("NaN"), MSG_AMOUNT_FINITE),
    (D("Infinity"), MSG_AMOUNT_FINITE),
    (D("sNaN"), MSG_AMOUNT_FINITE),
    (D("10.005"), MSG_AMOUNT_CENTS),
    (D("1E-3"), MSG_AMOUNT_CENTS),
    (10.0, MSG_AMOUNT_TYPE),
    (True, MSG_AMOUNT_TYPE),
    ("10.00", MSG_AMOUNT_TYPE),
    (None, MSG_AMOUNT_TYPE),
    (Fraction(1, 2), MSG_AMOUNT_TYPE),
    (MONEY_LIMIT, MSG_AMOUNT_LIMIT),
])
def test_bad_amounts_are_refused_with_a_message(amount, template):
    with pytest.raises(ValidationError) as caught:
        split(amount, [D(100)])
    assert caught.value.template == template
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("shares", "template"), [
    ([], MSG_SHARES_EMPTY),
    ((), MSG_SHARES_EMPTY),
    ("100", MSG_SHARES_LIST),
    ({D(100)}, MSG_SHARES_LIST),
    (None, MSG_SHARES_LIST),
    ([D(110), D(-10)], MSG_SHARE_NEGATIVE),
    ([D(60), D(30)], MSG_SHARES_SUM),
    ([D("33.33"), D("33.33"), D("33.33")], MSG_SHARES_SUM),
    ([D("100.0000000001")], MSG_SHARES_SUM),
    ([50.0, 50.0], MSG_SHARE_TYPE),
    ([D(50), 50.0], MSG_SHARE_TYPE),
    (["50", "50"], MSG_SHARE_TYPE),
    ([True, D(99)], MSG_SHARE_TYPE),
    ([D("NaN"), D(100)], MSG_SHARE_FINITE),
    ([D("Infinity")], MSG_SHARE_FINITE),
    ([D("1E-11"), D(100)], MSG_SHARE_PRECISION),
])
def test_bad_shares_are_refused_with_a_message(shares, template):
    with pytest.raises(ValidationError) as caught:
        split(D("10.00"), shares)
    assert caught.value.template == template


def test_the_sum_of_shares_is_checked_exactly_not_in_a_rounding_context():
    # 28 significant digits would round this sum to 100; the integers do not.
    shares = [D("99.9999999999"), D("0.0000000001"), D("0.0000000001")]
    with pytest.raises(ValidationError) as caught:
        split(D("1.00"), shares)
    assert caught.value.params["total"] == D("100.0000000001")


def test_message_renders_its_params():
    with pytest.raises(ValidationError, match=r"add up to 90%, not 100%"):
        split(D(1), [D(60), D(30)])


@st.composite
def shares_strategy(draw):
    """1-12 non-negative percentages with 0-4 decimals summing to exactly 100."""
    decimals = draw(st.integers(min_value=0, max_value=4))
    whole = 100 * 10**decimals
    n = draw(st.integers(min_value=1, max_value=12))
    cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=whole),
                                min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, whole]
    return [Decimal(bounds[i + 1] - bounds[i]).scaleb(-decimals) for i in range(n)]


amounts = st.integers(min_value=0, max_value=10**14 - 1).map(lambda c: Decimal(c).scaleb(-2))


@settings(database=None, max_examples=300)
@given(amounts, shares_strategy())
def test_parts_sum_to_the_amount_within_a_cent_of_their_share_in_order(amount, shares):
    parts = split(amount, shares)
    assert len(parts) == len(shares)
    assert sum(parts) == amount
    exact = [Fraction(amount) * Fraction(share) / 100 for share in shares]
    for part, quota, share in zip(parts, exact, shares, strict=True):
        assert abs(Fraction(part) - quota) < CENT
        assert part >= 0 and part.as_tuple().exponent == -2
        if share == 0:
            assert part == 0
    # the extra cents went to the largest remainders, ties to the earlier party
    remainders = [quota / CENT - int(quota / CENT) for quota in exact]
    extra = [Fraction(part) > quota for part, quota in zip(parts, exact, strict=True)]
    for i, got in enumerate(extra):
        for j, missed in enumerate(extra):
            if got and not missed:
                assert (remainders[i], -i) > (remainders[j], -j)


@settings(database=None, max_examples=100)
@given(amounts, shares_strategy(), st.randoms(use_true_random=False))
def test_parties_with_distinct_remainders_get_the_same_cents_in_any_order(amount, shares,
                                                                           rng):
    order = list(range(len(shares)))
    rng.shuffle(order)
    cents = [Fraction(amount) * Fraction(share) for share in shares]
    remainders = [c - int(c) for c in cents]
    parts = split(amount, shares)
    shuffled = split(amount, [shares[i] for i in order])
    if len(set(remainders)) == len(remainders):
        assert shuffled == [parts[i] for i in order]
    assert sum(shuffled) == amount


def test_as_amount_quantises_checked_amounts():
    assert str(as_amount(D("12.3"))) == "12.30"
    assert str(as_amount(5)) == "5.00"
    with pytest.raises(ValidationError):
        as_amount(D("-1"))


def test_the_arithmetic_modules_import_no_database_or_web_layer():
    code = ("import sys; import alliance.services.royalties, alliance.royalty_calc, "
            "alliance.royalty_chain, alliance.pool, alliance.sharing_rules; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'flask_sqlalchemy', 'flask_babel', 'flask_login') "
            "or m.startswith('alliance.models')))")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=root, env=os.environ | {"PYTHONPATH": str(root)})
    assert out.stdout.strip() == "[]"
