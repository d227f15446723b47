"""Tests for alliance.patent_terms: terms, expiry, annual fees, legal-status words."""

from datetime import date
from decimal import Decimal

import pytest

from alliance import patent_terms as pt
from alliance.patent_terms import (
    annual_fee_grace_end,
    annual_fee_surcharge,
    expiry_date,
    next_annual_fee_date,
    status_from_legal_text,
    term_years,
)
from alliance.validators import ValidationError


@pytest.mark.parametrize(
    ("kind", "filed", "years"),
    [
        ("invention", date(2010, 3, 1), 20),
        ("utility_model", date(2022, 3, 1), 10),
        ("design", date(2021, 5, 31), 10),
        ("design", date(2021, 6, 1), 15),
        ("design", date(2024, 1, 1), 15),
    ],
)
def test_term_years(kind, filed, years):
    assert term_years(kind, filed) == years


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError) as info:
        term_years("pct_invention", date(2020, 1, 1))
    assert info.value.template == pt.MSG_KIND
    with pytest.raises(ValueError):
        expiry_date("patent", date(2020, 1, 1))


def test_expiry_same_day_after_term():
    assert expiry_date("invention", date(2003, 5, 10)) == date(2023, 5, 10)
    assert expiry_date("utility_model", date(2015, 12, 31)) == date(2025, 12, 31)
    assert expiry_date("design", date(2021, 5, 31)) == date(2031, 5, 31)
    assert expiry_date("design", date(2021, 6, 1)) == date(2036, 6, 1)


def test_leap_day_filing_falls_back_to_28_february():
    assert expiry_date("invention", date(2004, 2, 29)) == date(2024, 2, 29)  # leap again
    assert expiry_date("utility_model", date(2012, 2, 29)) == date(2022, 2, 28)
    assert expiry_date("design", date(2024, 2, 29)) == date(2039, 2, 28)


def test_invention_extension_adds_days():
    assert expiry_date("invention", date(2010, 1, 10), 0) == date(2030, 1, 10)
    assert expiry_date("invention", date(2010, 1, 10), 30) == date(2030, 2, 9)
    assert expiry_date("invention", date(2010, 1, 10), 5 * 365) == date(2035, 1, 9)


@pytest.mark.parametrize("kind", ["utility_model", "design"])
def test_extension_only_for_inventions(kind):
    with pytest.raises(ValidationError) as info:
        expiry_date(kind, date(2022, 1, 1), 1)
    assert info.value.template == pt.MSG_EXTENSION_KIND


def test_negative_extension_refused():
    with pytest.raises(ValueError) as info:
        expiry_date("invention", date(2022, 1, 1), -1)
    assert info.value.template == pt.MSG_EXTENSION_NEGATIVE


def test_next_annual_fee_date():
    filed = date(2018, 4, 15)
    # before the first anniversary (even before filing) the first anniversary is due
    assert next_annual_fee_date(filed, "invention", date(2018, 1, 1)) == date(2019, 4, 15)
    assert next_annual_fee_date(filed, "invention", date(2018, 4, 15)) == date(2019, 4, 15)
    # the anniversary itself is still that year's due date; the day after moves on
    assert next_annual_fee_date(filed, "invention", date(2024, 4, 15)) == date(2024, 4, 15)
    assert next_annual_fee_date(filed, "invention", date(2024, 4, 16)) == date(2025, 4, 15)
    assert next_annual_fee_date(filed, "invention", date(2024, 4, 14)) == date(2024, 4, 15)


def test_no_annual_fee_from_expiry_on():
    filed = date(2015, 7, 1)  # utility model expires 2025-07-01
    assert next_annual_fee_date(filed, "utility_model", date(2024, 7, 2)) is None
    assert next_annual_fee_date(filed, "utility_model", date(2024, 7, 1)) == date(2024, 7, 1)
    assert next_annual_fee_date(filed, "utility_model", date(2030, 1, 1)) is None
    # an extension keeps the invention's fees running into the extra year
    assert next_annual_fee_date(date(2005, 3, 1), "invention", date(2025, 1, 1)) is None
    got = next_annual_fee_date(date(2005, 3, 1), "invention", date(2025, 1, 1), 400)
    assert got == date(2025, 3, 1)


def test_annual_fee_on_leap_day_filing():
    filed = date(2020, 2, 29)
    assert next_annual_fee_date(filed, "invention", date(2021, 2, 28)) == date(2021, 2, 28)
    assert next_annual_fee_date(filed, "invention", date(2021, 3, 1)) == date(2022, 2, 28)
    assert next_annual_fee_date(filed, "invention", date(2024, 2, 29)) == date(2024, 2, 29)


def test_grace_end_six_months_clamped():
    assert annual_fee_grace_end(date(2024, 4, 15)) == date(2024, 10, 15)
    assert annual_fee_grace_end(date(2024, 8, 31)) == date(2025, 2, 28)
    assert annual_fee_grace_end(date(2023, 12, 31)) == date(2024, 6, 30)


@pytest.mark.parametrize(
    ("paid", "surcharge"),
    [
        (date(2024, 4, 15), "0.00"),  # on the due date
        (date(2024, 5, 15), "0.00"),  # one full month late: no surcharge yet
        (date(2024, 5, 16), "45.00"),  # into the second month: 5%
        (date(2024, 6, 15), "45.00"),
        (date(2024, 6, 16), "90.00"),  # 10%
        (date(2024, 10, 15), "225.00"),  # last day of grace: 25%
    ],
)
def test_annual_fee_surcharge(paid, surcharge):
    assert annual_fee_surcharge(Decimal("900"), date(2024, 4, 15), paid) == Decimal(surcharge)


def test_surcharge_rounds_to_fen_and_refuses_out_of_range():
    assert annual_fee_surcharge(Decimal("333.33"), date(2024, 1, 1), date(2024, 2, 2)) == Decimal(
        "16.67"
    )
    with pytest.raises(ValidationError) as info:
        annual_fee_surcharge(Decimal("900"), date(2024, 4, 15), date(2024, 10, 16))
    assert info.value.template == pt.MSG_GRACE_OVER
    with pytest.raises(ValidationError) as info:
        annual_fee_surcharge(Decimal("900"), date(2024, 4, 15), date(2024, 4, 14))
    assert info.value.template == pt.MSG_PAID_BEFORE_DUE


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("granted", "granted"),
        (" Pending ", "pending"),
        ("In force", "granted"),
        ("deemed withdrawn", "withdrawn"),
        ("有效", "granted"),
        ("授权", "granted"),
        ("专利权维持", "granted"),
        ("有效-授权", "granted"),
        ("有效；授权", "granted"),
        ("有效-部分无效", "granted"),
        ("有权", "granted"),
        ("实质审查", "pending"),
        ("审中-实审", "pending"),
        ("审中 - 公开", "pending"),
        ("公开", "pending"),
        ("待审", "pending"),
        ("实质审查的生效", "pending"),
        ("失效", "lapsed"),
        ("失效-未缴年费", "lapsed"),
        ("未缴年费专利权终止", "lapsed"),
        ("专利权终止", "lapsed"),
        ("失效-放弃专利权", "lapsed"),
        ("失效-期限届满", "expired"),
        ("届满", "expired"),
        ("专利权有效期届满", "expired"),
        ("无效", "invalidated"),
        ("失效-全部无效", "invalidated"),
        ("驳回", "rejected"),
        ("失效-驳回", "rejected"),
        ("撤回", "withdrawn"),
        ("失效（视为撤回）", "withdrawn"),
        ("发明专利申请公布后的视为撤回", "withdrawn"),
        ("放弃", "withdrawn"),
        ("实质审查;驳回", "rejected"),  # an event list: the last specific word decides
    ],
)
def test_status_from_legal_text(text, status):
    assert status_from_legal_text(text) == status


@pytest.mark.parametrize("text", ["", "  ", "好", "有效-某某", "licensed"])
def test_unknown_status_words_raise(text):
    with pytest.raises(ValidationError) as info:
        status_from_legal_text(text)
    assert info.value.template == pt.MSG_STATUS_UNKNOWN


@pytest.mark.parametrize("text", ["有效-驳回", "失效-授权", "审中-未缴年费"])
def test_contradictory_status_raises(text):
    with pytest.raises(ValidationError) as info:
        status_from_legal_text(text)
    assert info.value.template == pt.MSG_STATUS_CONFLICT
    assert info.value.params == {"text": text}


def test_every_status_word_maps_to_a_known_status():
    assert set(pt._WORDS.values()) == set(pt.STATUSES)
    assert set(pt._GENERIC.values()) <= set(pt.STATUSES)
