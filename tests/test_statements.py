"""Statements: balances to the cent across two periods, income by source, periods, labels
and who may see which statement."""

from datetime import date
from decimal import Decimal

import pytest

from alliance.extensions import db
from alliance.models import Role
from alliance.services import ServiceError, distribution
from alliance.services import statement_access as access
from alliance.services.directory import alliance_by_code
from alliance.services.ledger_accounts import describe, parse
from alliance.services.statements import (
    Period,
    alliance_totals,
    load_sources,
    parse_period,
    source_key,
    statement,
)

from .factories import AdminFactory, OrgAdminFactory, UserFactory, make_coordinator
from .statement_helpers import make_ledger

D = Decimal
Y2025 = Period(date(2025, 1, 1), date(2025, 12, 31), 2025)
Y2026 = Period(date(2026, 1, 1), date(2026, 12, 31), 2026)

# Worked by hand (largest remainder on cents, ties in party order):
# ¥10,000.00 → university 6,000.00, firm 4,000.00; university: office 5% 300.00, fees
#   1,200.00, net 4,500.00 → inventors 2,700.00, school 450.00, office 450.00, institution
#   900.00; inventors → 张三 1,890.00, 李四 810.00.
# ¥3,456.79 → 345,679 cents × 60/40 = 207,407.4 / 138,271.6 → firm gets the spare cent:
#   university 2,074.07, firm 1,382.72; office 5% of 207,407 = 10,370.35 (its .65 beats
#   the rest's .35) → 103.70, 1,970.37 left; fees 1,200.00 → net 770.37 → 462.222 /
#   77.037 / 77.037 / 154.074 → school and office get the two spare cents (ties in order):
#   462.22, 77.04, 77.04, 154.07; inventors 462.22 → 323.554 / 138.666 → 323.55, 138.67.
# April 2026: 张三's 1,890.00 of the first payment reversed back to the inventors' part.
EXPECTED = {  # account suffix: (closing 2025, received 2026, passed on 2026, closing 2026)
    "U": (D("0.00"), D("2074.07"), D("-2074.07"), D("0.00")),
    "U/inventors": (D("0.00"), D("462.22"), D("-462.22"), D("1890.00")),
    "U/school": (D("450.00"), D("77.04"), D("0.00"), D("527.04")),
    "U/office": (D("450.00"), D("77.04"), D("0.00"), D("527.04")),
    "U/institution": (D("900.00"), D("154.07"), D("0.00"), D("1054.07")),
    "U/office_fee": (D("300.00"), D("103.70"), D("0.00"), D("403.70")),
    "U/patent_fees": (D("1200.00"), D("1200.00"), D("0.00"), D("2400.00")),
    "F": (D("4000.00"), D("1382.72"), D("0.00"), D("5382.72")),
    "张三": (D("1890.00"), D("323.55"), D("0.00"), D("323.55")),
    "李四": (D("810.00"), D("138.67"), D("0.00"), D("948.67")),
}


@pytest.fixture
def ledger(db):
    return make_ledger()


def _account(ledger, suffix: str) -> str:
    if suffix in ("张三", "李四"):
        return f"inventor:{ledger.u}/{suffix}"
    org, _slash, bucket = suffix.partition("/")
    org_id = ledger.u if org == "U" else ledger.f
    return f"org:{org_id}/{bucket}" if bucket else f"org:{org_id}"


@pytest.mark.parametrize("suffix", sorted(EXPECTED))
def test_balances_to_the_cent_across_two_periods(ledger, suffix):
    account = _account(ledger, suffix)
    closing_2025, received, passed_on, closing_2026 = EXPECTED[suffix]
    first, second = statement(account, Y2025), statement(account, Y2026)
    assert first.opening == D("0.00") and first.closing == closing_2025
    assert second.opening == first.closing  # the opening of a period is the last closing
    assert second.total("received") == received and second.total("passed_on") == passed_on
    assert second.closing == closing_2026
    assert second.closing == second.opening + sum(line.amount for line in second.lines)
    for amount in (first.opening, first.closing, second.closing):
        assert amount == amount.quantize(D("0.01"))


def test_the_reversal_is_a_negative_line_of_its_payment(ledger):
    account = f"inventor:{ledger.u}/张三"
    lines = statement(account, Y2026).lines
    reversal = next(line for line in lines if line.kind == "reversal")
    assert reversal.amount == D("-1890.00") and reversal.entries == 1
    assert reversal.source.key == ("payment", ledger.payments[0].id)
    assert reversal.source.received_on == date(2025, 3, 1)
    assert reversal.source.reference == "银行回单 0001"
    assert reversal.first_posted == date(2026, 4, 1)
    assert reversal.counterparts == [f"org:{ledger.u}/inventors"]
    income = next(line for line in lines if line.kind == "received")
    assert income.source.key == ("payment", ledger.payments[1].id)
    assert income.source.licence_reference == ledger.licence.reference
    assert income.source.licensor == ledger.uni.organization.name
    assert income.source.amount == D("3456.79") and len(income.source.patents) == 1


def test_a_period_of_days_and_the_beijing_day(ledger):
    account = f"org:{ledger.f}"
    # posted 31 Dec 2025 16:30 UTC = 1 Jan 2026 00:30 in Beijing
    assert statement(account, Period(date(2025, 12, 31), date(2025, 12, 31))).closing \
        == D("4000.00")
    new_year = statement(account, Period(date(2026, 1, 1), date(2026, 1, 1)))
    assert new_year.opening == D("4000.00") and new_year.closing == D("5382.72")
    before = statement(account, Period(date(2024, 1, 1), date(2025, 3, 4)))
    assert before.opening == before.closing == D("0.00") and before.lines == []


def test_the_whole_ledger_still_balances(ledger):
    from sqlalchemy import select

    from alliance.models import LedgerEntry

    balances = distribution.balances(db.session.scalars(select(LedgerEntry)))
    assert sum(balances.values()) == D("0.00")
    for suffix, expected in EXPECTED.items():
        assert balances[_account(ledger, suffix)] == expected[3]


def test_source_of_an_entry_is_its_payment(ledger):
    entry = ledger.reversed_entry
    assert source_key(entry) == ("payment", entry.payment_id)
    sources = load_sources([("payment", entry.payment_id), ("payment", 2_000_000_000)])
    assert sources[("payment", entry.payment_id)].reference == "银行回单 0001"
    assert sources[("payment", 2_000_000_000)].licence_reference == ""


@pytest.mark.parametrize("args", [
    {"year": "abc"}, {"year": "1999"}, {"year": "²"}, {"year": "２０２６"}, {"year": "20260"},
    {"year": "-2026"},
    {"from": "2026-01-01"}, {"to": "2026-01-01"}, {"from": "2026-13-01", "to": "2026-12-31"},
    {"from": "2026-05-01", "to": "2026-04-30"}, {"from": "yesterday", "to": "today"},
    {"from": "9999-01-01", "to": "9999-12-31"},
])
def test_bad_periods_are_refused(args):
    with pytest.raises(ServiceError) as raised:
        parse_period(args, today=date(2026, 6, 1))
    assert raised.value.status == 400 and str(raised.value.message)


def test_good_periods(app):
    with app.test_request_context():
        assert parse_period({}, today=date(2026, 6, 1)) == Period(date(2026, 1, 1),
                                                                 date(2026, 12, 31), 2026)
        assert parse_period({"year": "2025"}).year == 2025
        one_day = parse_period({"from": "2026-02-28", "to": "2026-02-28", "year": "2020"})
        assert one_day == Period(date(2026, 2, 28), date(2026, 2, 28))


def test_labels(ledger):
    u = ledger.u
    labels = describe([f"org:{u}", f"org:{u}/office_fee", f"inventor:{u}/张三", "x"])
    assert labels[f"org:{u}"] == ledger.uni.organization.name
    assert labels[f"org:{u}/office_fee"].endswith("技术转移机构服务费")
    assert "张三" in labels[f"inventor:{u}/张三"]
    assert labels["x"] == "x"
    assert parse(f"inventor:{u}/张三").part == "张三" and parse("org:x").kind == "other"
    assert parse("org:²").kind == "other" and parse("payment:²").kind == "other"


# -- who sees what --------------------------------------------------------------------------

def _all_accounts(ledger) -> list[str]:
    return [_account(ledger, suffix) for suffix in EXPECTED]


def test_an_organisations_admins_see_it_its_buckets_and_inventors(ledger):
    mine = [a for a in _all_accounts(ledger) if parse(a).org_id == ledger.u]
    assert all(access.may_view_account(ledger.uni, a) for a in mine)
    assert not access.may_view_account(ledger.uni, f"org:{ledger.f}")
    assert not any(access.may_view_account(ledger.firm, a) for a in mine)
    assert access.organisation_accounts(ledger.u)[0] == f"org:{ledger.u}"
    assert set(access.organisation_accounts(ledger.u)) == set(mine)
    ledger.uni.active = False
    assert not access.may_view_account(ledger.uni, f"org:{ledger.u}")


def test_an_inventor_sees_only_their_own(ledger):
    zhang, li = f"inventor:{ledger.u}/张三", f"inventor:{ledger.u}/李四"
    visible = {user: [a for a in _all_accounts(ledger) if access.may_view_account(user, a)]
               for user in (ledger.zhang, ledger.li)}
    assert visible[ledger.zhang] == [zhang]  # linked by the agreement
    assert visible[ledger.li] == [li]  # same organisation and name
    assert access.visible_statements(ledger.zhang).inventor_accounts == [zhang]
    assert not access.visible_statements(ledger.zhang).organisations


def test_a_name_linked_to_someone_else_or_in_another_organisation_is_not_yours(ledger):
    namesake = UserFactory(organization=ledger.uni.organization, name="张三")
    elsewhere = UserFactory(organization=ledger.firm.organization, name="李四")
    assert not any(access.may_view_account(namesake, a) for a in _all_accounts(ledger))
    assert not any(access.may_view_account(elsewhere, a) for a in _all_accounts(ledger))
    assert not access.visible_statements(namesake)


def test_a_coordinator_sees_member_totals_never_buckets_or_inventors(ledger):
    coordinator = make_coordinator(alliance_by_code("nev"))
    assert not any(access.may_view_account(coordinator, a) for a in _all_accounts(ledger))
    assert access.may_view_alliance_totals(coordinator, alliance_by_code("nev"))
    assert not access.may_view_alliance_totals(coordinator, alliance_by_code("culture"))
    assert not access.may_view_alliance_totals(ledger.uni, alliance_by_code("nev"))
    totals = alliance_totals(alliance_by_code("nev"))
    assert totals.years == [2026, 2025]
    rows = {org.id: amounts for org, amounts in totals.rows}
    # org-level income only: the reversal of an inventor's part changes nothing here
    assert rows == {ledger.u: {2025: D("6000.00"), 2026: D("2074.07")},
                    ledger.f: {2025: D("4000.00"), 2026: D("1382.72")}}
    assert totals.year_total(2026) == D("3456.79")
    assert access.visible_statements(coordinator).alliances == [alliance_by_code("nev")]


def test_a_reversed_licensor_share_leaves_the_alliance_totals(ledger):
    from sqlalchemy import select

    from alliance.models import LedgerEntry

    entry = db.session.scalar(select(LedgerEntry).where(
        LedgerEntry.payment_id == ledger.payments[1].id, LedgerEntry.step == "licensors",
        LedgerEntry.credit == f"org:{ledger.f}"))
    again = distribution.reverse(ledger.uni, distribution.reverse(ledger.uni, entry))
    db.session.commit()
    rows = {org.id: amounts for org, amounts in alliance_totals(alliance_by_code("nev")).rows}
    assert sum(rows[ledger.f].values()) == D("5382.72")  # reversed, then reversed back
    distribution.reverse(ledger.uni, again)
    db.session.commit()
    rows = {org.id: amounts for org, amounts in alliance_totals(alliance_by_code("nev")).rows}
    assert sum(rows[ledger.f].values()) == D("4000.00")


def test_members_who_left_are_not_in_the_totals(ledger):
    from alliance.models import Membership, MembershipStatus

    membership = db.session.scalar(db.select(Membership).filter_by(
        organization_id=ledger.f, alliance_id=alliance_by_code("nev").id))
    membership.status = MembershipStatus.LEFT
    db.session.commit()
    assert [org.id for org, _ in alliance_totals(alliance_by_code("nev")).rows] == [ledger.u]


def test_platform_admins_see_everything_others_nothing(ledger):
    admin = AdminFactory()
    assert admin.role is Role.PLATFORM_ADMIN
    assert all(access.may_view_account(admin, a) for a in _all_accounts(ledger))
    assert access.may_view_alliance_totals(admin, alliance_by_code("culture"))
    assert {o.id for o in access.visible_statements(admin).organisations} == {ledger.u,
                                                                               ledger.f}
    stranger = OrgAdminFactory()
    assert not any(access.may_view_account(stranger, a) for a in _all_accounts(ledger))
    assert not access.visible_statements(stranger).inventor_accounts


def test_an_admin_of_an_organisation_without_entries_has_no_statements(ledger):
    assert access.visible_statements(ledger.uni).organisations == [ledger.uni.organization]
    assert not access.visible_statements(OrgAdminFactory())
