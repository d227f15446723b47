"""Statutory floors on rewards to those who made a result, which text applies, shortfalls."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance.models.organisations import Sector
from alliance.services.royalties import MSG_SHARE_TYPE
from alliance.sharing_rules import (
    DEFAULT_POLICY,
    DEFAULT_TEXT_RULE,
    MSG_DATE_NEEDED,
    MSG_SHORT_BONUS,
    MSG_SHORT_PERCENT,
    MSG_TEXT_BASIS,
    InventorTerms,
    TextRule,
    applicable_text,
    binds_against_agreement,
    check_inventor_share,
    may_sign,
    rules_for,
)
from alliance.validators import ValidationError

D = Decimal
RULES = {rule.key: rule for rule in DEFAULT_POLICY}


@pytest.mark.parametrize(("key", "kind", "value", "article", "start", "end"), [
    ("law2015_art45_licence", "licence_income_share", D(50), "Art. 45", date(2015, 10, 1), None),
    ("law2015_art45_equity", "equity_share", D(50), "Art. 45", date(2015, 10, 1), None),
    ("law2015_art45_profit", "profit_share", D(5), "Art. 45", date(2015, 10, 1), None),
    ("regs2023_art93_invention", "grant_bonus", D(4000), "Art. 93", date(2024, 1, 20), None),
    ("regs2023_art93_other", "grant_bonus", D(1500), "Art. 93", date(2024, 1, 20), None),
    ("regs2023_art94", "remuneration", None, "Art. 94", date(2024, 1, 20), None),
    ("regs2010_art77_invention", "grant_bonus", D(3000), "Art. 77", date(2010, 2, 1),
     date(2024, 1, 19)),
    ("regs2010_art77_other", "grant_bonus", D(1000), "Art. 77", date(2010, 2, 1),
     date(2024, 1, 19)),
    ("regs2010_art78_profit", "remuneration", D(2), "Art. 78", date(2010, 2, 1),
     date(2024, 1, 19)),
    ("regs2010_art78_design", "remuneration", D("0.2"), "Art. 78", date(2010, 2, 1),
     date(2024, 1, 19)),
    ("regs2010_art78_royalties", "remuneration", D(10), "Art. 78", date(2010, 2, 1),
     date(2024, 1, 19)),
])
def test_the_default_policy_has_the_statutory_floors_with_sources_and_dates(
        key, kind, value, article, start, end):
    rule = RULES[key]
    assert (rule.kind, rule.value, rule.article) == (kind, value, article)
    assert (rule.effective_from, rule.effective_to) == (start, end)
    assert rule.source.startswith("Law on Promoting" if key.startswith("law")
                                  else "Patent Law Implementing Regulations")


def test_policy_rows_are_consistent():
    assert len(RULES) == len(DEFAULT_POLICY)
    for rule in DEFAULT_POLICY:
        assert rule.text() and "%(" not in rule.text()
        assert not rule.refers_to or rule.refers_to in RULES
        assert rule.key.startswith("law") == (rule.text_version is None)
    assert RULES["regs2023_art94"].refers_to == "law2015_art45_licence"
    assert RULES["law2015_art45_licence"].text() == (
        "At least 50% of the net income from transferring or licensing the result")
    assert RULES["regs2023_art93_invention"].applies_to == {"invention"}
    assert RULES["regs2010_art78_design"].applies_to == {"design"}


@pytest.mark.parametrize(("filing", "text"), [
    (date(2010, 5, 1), "2010"), (date(2024, 1, 19), "2010"),
    (date(2024, 1, 20), "2023"), (date(2025, 6, 1), "2023"),
])
def test_by_default_the_filing_date_picks_the_text(filing, text):
    assert applicable_text(DEFAULT_TEXT_RULE, filing, None, None) == text
    assert applicable_text(DEFAULT_TEXT_RULE, filing, date(2030, 1, 1), date(2030, 1, 1)) == text


def test_the_rule_can_use_the_grant_or_payment_date_instead():
    filed, granted, paid = date(2022, 3, 1), date(2024, 3, 1), date(2023, 12, 1)
    assert applicable_text(TextRule("grant_date"), filed, granted, paid) == "2023"
    assert applicable_text(TextRule("payment_date"), filed, granted, paid) == "2010"
    assert applicable_text(TextRule("payment_date", date(2023, 1, 1)), filed, granted,
                           paid) == "2023"


def test_a_missing_date_or_an_unknown_basis_is_refused():
    with pytest.raises(ValidationError) as caught:
        applicable_text(TextRule("grant_date"), date(2024, 5, 1), None, None)
    assert caught.value.template == MSG_DATE_NEEDED
    assert "grant date" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        applicable_text(TextRule("priority_date"), date(2024, 5, 1), None, None)
    assert caught.value.template == MSG_TEXT_BASIS


def test_rules_for_a_patent_are_the_law_and_its_text_of_the_regulations():
    keys = [r.key for r in rules_for(DEFAULT_POLICY, "2023", "invention")]
    assert keys == ["law2015_art45_licence", "law2015_art45_equity", "law2015_art45_profit",
                    "regs2023_art93_invention", "regs2023_art94"]
    keys = [r.key for r in rules_for(DEFAULT_POLICY, "2010", "design")]
    assert keys == ["law2015_art45_licence", "law2015_art45_equity", "law2015_art45_profit",
                    "regs2010_art77_other", "regs2010_art78_design", "regs2010_art78_royalties"]
    keys = [r.key for r in rules_for(DEFAULT_POLICY, "2010", "utility_model",
                                     on=date(2014, 1, 1))]
    assert keys == ["regs2010_art77_other", "regs2010_art78_profit", "regs2010_art78_royalties"]


def test_thirty_percent_of_net_income_is_twenty_thousand_short_on_a_hundred_thousand():
    rules = rules_for(DEFAULT_POLICY, "2023", "invention")
    [short] = check_inventor_share(InventorTerms(licence_income=D(30)), rules, D("100000.00"))
    assert short.rule.key == "law2015_art45_licence" and short.article == "Art. 45"
    assert (short.agreed, short.floor, short.amount) == (D(30), D(50), D("20000.00"))
    assert short.template == MSG_SHORT_PERCENT
    assert short.text() == (
        "Law on Promoting the Transformation of Scientific and Technological Achievements "
        "(2015), Art. 45: at least 50% goes to those who made the result; the agreement gives "
        "30%. On ¥100000.00 that is ¥20000.00 short.")


def test_every_term_below_its_floor_is_reported_in_policy_order():
    rules = rules_for(DEFAULT_POLICY, "2010", "invention")
    terms = InventorTerms(licence_income=D(8), equity=D(50), operating_profit=D("1.5"),
                          grant_bonus=D("2000.00"))
    shorts = check_inventor_share(terms, rules, D("1000.00"))
    assert [(s.rule.key, s.amount) for s in shorts] == [
        ("law2015_art45_licence", D("420.00")),
        ("law2015_art45_profit", D("35.00")),
        ("regs2010_art77_invention", D("1000.00")),
        ("regs2010_art78_profit", D("5.00")),
        ("regs2010_art78_royalties", D("20.00")),
    ]
    assert shorts[2].template == MSG_SHORT_BONUS
    assert shorts[2].text().endswith("gives ¥2000.00, ¥1000.00 short.")


def test_terms_at_or_above_the_floor_or_silent_are_not_short():
    rules = rules_for(DEFAULT_POLICY, "2023", "design")
    assert check_inventor_share(InventorTerms(licence_income=D(50), equity=D(60),
                                              grant_bonus=D(1500)), rules, D(100)) == []
    assert check_inventor_share(InventorTerms(), rules, D(100)) == []
    # a mapping of terms works as well
    shorts = check_inventor_share({"grant_bonus": D(1000)}, rules, D(100))
    assert [(s.rule.key, s.amount) for s in shorts] == [("regs2023_art93_other", D("500.00"))]


def test_bad_terms_or_amounts_are_refused():
    with pytest.raises(ValidationError) as caught:
        check_inventor_share(InventorTerms(licence_income=30.0), DEFAULT_POLICY, D(100))
    assert caught.value.template == MSG_SHARE_TYPE
    with pytest.raises(ValidationError):
        check_inventor_share(InventorTerms(), DEFAULT_POLICY, D("-1"))


@settings(database=None, max_examples=200)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10**12))
def test_the_shortfall_is_the_missing_percentage_of_the_example(agreed_hundredths, cents):
    agreed, example = D(agreed_hundredths).scaleb(-2), D(cents).scaleb(-2)
    rule = RULES["law2015_art45_licence"]
    shorts = check_inventor_share(InventorTerms(licence_income=agreed), [rule], example)
    if agreed >= 50:
        assert shorts == []
    else:
        exact = Fraction(example) * (50 - Fraction(agreed)) / 100
        assert abs(Fraction(shorts[0].amount) - exact) <= Fraction(1, 200)


@pytest.mark.parametrize(("sector", "state", "binds"), [
    (Sector.UNIVERSITY, True, True), ("research_institute", True, True),
    (Sector.UNIVERSITY, False, False), ("research_institute", False, False),
    (Sector.ENTERPRISE, True, False), ("government", True, False),
])
def test_floors_bind_state_universities_and_institutes_against_their_agreements(
        sector, state, binds):
    assert binds_against_agreement(sector, state) is binds


def test_below_floor_agreements_are_signed_only_by_units_not_bound_and_with_acknowledgement():
    short = check_inventor_share(InventorTerms(licence_income=D(30)), DEFAULT_POLICY[:1], D(1))
    assert may_sign([], Sector.UNIVERSITY, True, acknowledged=False)
    assert not may_sign(short, Sector.UNIVERSITY, True, acknowledged=True)
    assert not may_sign(short, Sector.ENTERPRISE, False, acknowledged=False)
    assert may_sign(short, Sector.ENTERPRISE, False, acknowledged=True)
    assert may_sign(short, Sector.UNIVERSITY, False, acknowledged=True)
