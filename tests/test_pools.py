"""Patent pools: declarations, incomes and the allocation run, from database rows to ledger
entries, exact to the cent and through each member's own chain."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from alliance.extensions import db
from alliance.models import AuditEvent, LedgerEntry
from alliance.models.pools import PoolDeclaration, PoolIncome, PoolRun
from alliance.pool import MSG_NO_ESSENTIAL, pool_allocation
from alliance.services import Conflict, ServiceError, distribution, pool_runs, pools
from alliance.services.directory import alliance_by_code

from .factories import OrgAdminFactory, make_coordinator
from .patent_helpers import make_patent
from .pool_helpers import BATTERY, VIETNAM, make_world

D = Decimal


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _nothing_posted():
    return _count(PoolRun) == 0 and _count(LedgerEntry) == 0 \
        and db.session.scalar(select(func.count(PoolIncome.run_id))) == 0


def test_a_run_allocates_what_pool_allocation_gives_for_independently_counted_n(db):
    world = make_world(agreement=False)
    counts = {}
    for org, market in world.declared:  # n_ic counted from what was declared
        counts.setdefault(org, Counter())[market] += 1
    expected = pool_allocation({BATTERY: D("10000.01"), VIETNAM: D("100.00")},
                               {org: dict(c) for org, c in counts.items()})
    run = pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    entries = pool_runs.run_entries(run)
    got = Counter()
    for entry in entries:
        if entry.step == "pool":
            got[entry.credit] += entry.amount
    assert got == {f"org:{org}": amount for org, amount in expected.items()}
    assert expected == {world.uni.organization_id: D("5033.34"),
                        world.firm.organization_id: D("2566.67"),
                        world.small.organization_id: D("2500.00")}
    assert sum(got.values()) == D("10100.01")  # Σ posted = Σ income exactly
    balances = distribution.balances(entries)
    assert sum(balances.values()) == D("0.00")
    assert all(e.pool_run_id == run.id and e.payment_id is None for e in entries)
    incomes = db.session.scalars(select(PoolIncome)).all()
    assert {i.run_id for i in incomes} == {run.id}
    assert "pool.allocated" in db.session.scalars(select(AuditEvent.action)).all()


def test_a_members_share_flows_on_to_its_inventors_under_its_agreement(db):
    world = make_world()
    run = pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    balances = distribution.balances(pool_runs.run_entries(run))
    uni, firm = world.uni.organization_id, world.firm.organization_id
    # ¥5,033.34: office 5% ¥251.67, fees ¥1,200, net ¥3,581.67, inventors 60% ¥2,149.00
    assert balances[f"org:{uni}/office_fee"] == D("251.67")
    assert balances[f"org:{uni}/patent_fees"] == D("1200.00")
    assert balances[f"org:{uni}/school"] == D("358.17")
    assert balances[f"inventor:{uni}/张三"] == D("1504.30")
    assert balances[f"inventor:{uni}/李四"] == D("644.70")
    assert balances[f"org:{uni}"] == D("0.00")
    # the firm is a party of that agreement but declared none of its patents: it keeps
    assert balances[f"org:{firm}"] == D("2566.67")
    assert run.basis["versions"][str(uni)] is not None
    assert run.basis["versions"][str(firm)] is None
    leaves = sum(v for v in balances.values() if v > 0)
    assert leaves == D("10100.01")


def test_a_second_run_posts_nothing_and_answers_409(db):
    world = make_world()
    pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    entries = _count(LedgerEntry)
    with pytest.raises(Conflict):
        pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.rollback()
    assert _count(LedgerEntry) == entries and _count(PoolRun) == 1


def test_income_for_an_allocated_period_is_refused(db):
    world = make_world()
    pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    with pytest.raises(Conflict):
        pools.record_income(world.coordinator, world.pool, world.market(BATTERY).id, "2026",
                            D("5.00"), date(2026, 7, 1))


def test_an_error_midway_leaves_nothing_posted(db, monkeypatch):
    world = make_world()
    made = []

    def failing_entry(**values):
        if len(made) == 3:
            raise RuntimeError("the database went away")
        made.append(values)
        return LedgerEntry(**values)

    monkeypatch.setattr(pool_runs, "LedgerEntry", failing_entry)
    with pytest.raises(RuntimeError):
        pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.rollback()
    assert made and _nothing_posted()


def test_a_market_with_income_and_no_essential_patent_is_refused(db):
    world = make_world(incomes=False)
    for row in db.session.scalars(select(PoolDeclaration)):
        if row.market.name == VIETNAM:
            pools.withdraw(world.coordinator, row)
    pools.record_income(world.coordinator, world.pool, world.market(VIETNAM).id, "2026-Q1",
                        D("100.00"), date(2026, 3, 31))
    db.session.commit()
    with pytest.raises(ServiceError) as raised:
        pool_runs.run_allocation(world.coordinator, world.pool, "2026-Q1")
    db.session.rollback()
    assert raised.value.status == 400
    assert str(raised.value.message) == gettext(MSG_NO_ESSENTIAL) % {"market": VIETNAM,
                                                                     "amount": D("100.00")}
    assert _nothing_posted()


def test_withdrawn_declarations_do_not_count_and_withdraw_once(db):
    world = make_world(incomes=False)
    row = db.session.scalars(select(PoolDeclaration).where(
        PoolDeclaration.organization_id == world.small.organization_id)).one()
    pools.withdraw(world.small, row)
    db.session.commit()
    assert world.small.organization_id not in pool_runs.essential_counts(world.pool)
    with pytest.raises(Conflict):
        pools.withdraw(world.small, row)
    other = db.session.scalars(select(PoolDeclaration).where(
        PoolDeclaration.organization_id == world.uni.organization_id)).first()
    with pytest.raises(ServiceError) as raised:
        pools.withdraw(world.firm, other)
    assert raised.value.status == 403


@pytest.mark.parametrize("amount", [D("-5.00"), D("1.005"), D("0.00")])
def test_bad_income_amounts_are_refused(db, amount):
    world = make_world(incomes=False)
    with pytest.raises(ServiceError) as raised:
        pools.record_income(world.coordinator, world.pool, world.market(BATTERY).id, "2026",
                            amount, date(2026, 1, 1))
    assert raised.value.status == 400 and raised.value.field == "amount"


def test_unknown_market_and_bad_period_are_refused(db):
    world = make_world(incomes=False)
    for market_id, period, field in [(10**9, "2026", "market"),
                                     (world.market(BATTERY).id, "2026-13", "period")]:
        with pytest.raises(ServiceError) as raised:
            pools.record_income(world.coordinator, world.pool, market_id, period, D("1.00"),
                                date(2026, 1, 1))
        assert raised.value.field == field


def test_declarations_need_a_member_its_own_patent_and_a_market_of_the_pool(db):
    world = make_world(incomes=False)
    before = _count(PoolDeclaration)
    outsider = OrgAdminFactory()
    foreign = make_patent(outsider, "一种外来专利")
    battery = [world.market(BATTERY).id]
    secret = make_patent(world.firm, "一种未公开的申请", published=False, granted=False)
    cases = [(outsider, foreign, battery, 403), (world.firm, foreign, battery, 400),
             (world.firm, secret, battery, 400),
             (world.firm, world.patents["一种电解液"], battery, 400),  # the university's
             (world.firm, world.patents["一种充电桩"], [10**9], 400),
             (world.firm, world.patents["一种充电桩"], [], 400),
             (world.firm, world.patents["一种充电桩"], [world.market(VIETNAM).id], 409)]
    for actor, patent, markets, status in cases:
        with pytest.raises(ServiceError) as raised:
            pools.declare(actor, world.pool, patent, markets)
        assert raised.value.status == status, (actor, patent.title, markets)
    assert _count(PoolDeclaration) == before


def test_only_the_pool_administrators_create_record_and_run(db):
    world = make_world()
    other_coordinator = make_coordinator(alliance_by_code("culture"))
    for actor in (world.uni, other_coordinator):
        with pytest.raises(ServiceError) as raised:
            pool_runs.run_allocation(actor, world.pool, "2026")
        assert raised.value.status == 403
        with pytest.raises(ServiceError) as raised:
            pools.record_income(actor, world.pool, world.market(BATTERY).id, "2026",
                                D("1.00"), date(2026, 1, 1))
        assert raised.value.status == 403
        with pytest.raises(ServiceError) as raised:
            pools.create_pool(actor, world.alliance, "另一个池", "", "越南")
        assert raised.value.status == 403
    assert _nothing_posted()


def test_a_ledger_entry_has_exactly_one_source(db):
    with pytest.raises(IntegrityError):
        with db.session.begin_nested():
            db.session.add(LedgerEntry(step="pool", debit="a", credit="b", amount=D("1.00")))
            db.session.flush()


def test_a_pool_entry_is_reversed_by_the_pool_administrators_only(db):
    world = make_world(agreement=False)
    run = pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    entry = pool_runs.run_entries(run)[0]
    with pytest.raises(ServiceError):
        distribution.reverse(world.uni, entry)
    reversal = distribution.reverse(world.coordinator, entry)
    assert reversal.pool_run_id == run.id and reversal.payment_id is None
    assert sum(distribution.balances([entry, reversal]).values()) == D("0.00")


def test_the_audit_trail_shows_the_pool_events(client, login, db):
    world = make_world()
    pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    from .factories import AdminFactory

    login(AdminFactory())
    page = client.get("/admin/audit").get_data(as_text=True)
    assert client.get("/admin/audit").status_code == 200
    assert "10100.01" in page or "10,100.01" in page


def test_an_organisation_that_left_the_alliance_no_longer_counts(db):
    world = make_world(agreement=False, incomes=False)
    from alliance.models import Membership, MembershipStatus

    membership = db.session.scalars(select(Membership).where(
        Membership.organization_id == world.small.organization_id)).one()
    membership.status = MembershipStatus.LEFT
    db.session.commit()
    assert world.small.organization_id not in pool_runs.essential_counts(world.pool)
    assert world.uni.organization_id in pool_runs.essential_counts(world.pool)


def test_pool_income_on_a_members_statement_and_in_the_alliance_totals(db):
    """A member's share of a pool run is a line of its statement, named by the pool and the
    period, and counts in the alliance's members' income of the year."""
    from alliance.services.statements import alliance_totals, local_today, parse_period
    from alliance.services.statements import statement as statement_of

    world = make_world(agreement=False)
    run = pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    account = f"org:{world.firm.organization_id}"
    item = statement_of(account, parse_period({"year": str(local_today().year)}))
    (line,) = [line for line in item.lines if line.source.key == ("pool_run", run.id)]
    assert line.source.pool == world.pool.name and line.source.period == "2026"
    assert line.amount == item.closing == D("2566.67")
    totals = dict(alliance_totals(world.alliance).rows)
    assert totals[world.firm.organization][local_today().year] == D("2566.67")
