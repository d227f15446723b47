"""The allocation run of a pool's incomes of one period (DOMAIN.md: share_i =
Σ_c R_c · n_ic / Σ_j n_jc, computed by alliance.pool.pool_allocation).

R_c is the sum of the period's incomes for market c; n_ic counts member i's patents
declared essential to c and in force when the run is made. Each market's part of a member
is posted from the pool's market account ``pool:<pool id>/market:<market id>`` to the
member's account ``org:<id>`` (step "pool"). Then each member's share flows on through its
own chain: the agreement in force over the patents it declared, in which it is a party
(the newest), gives its agreed costs, internal split and inventors (steps as in
distribution.py); without one the member keeps its share.

A run is one savepoint keyed by (pool, period) (``PoolRun`` unique): an error midway leaves
nothing posted, and a second run of the period answers 409 with nothing posted.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Membership, MembershipStatus
from ..models.ledger import LedgerEntry
from ..models.pools import PatentPool, PoolDeclaration, PoolIncome, PoolRun
from ..models.sharing import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    agreement_version_patent,
)
from ..pool import pool_allocation
from ..royalty_chain import STEP_LICENSORS, distribute
from ..validators import ValidationError
from . import Conflict, ServiceError
from .audit import record
from .distribution import account, chain_terms
from .pools import MANAGERS_ONLY, check_period, in_force, lock

STEP_POOL = "pool"
ZERO = Decimal("0.00")


def _already(period: str) -> Conflict:
    return Conflict(_l("The income of %(period)s has already been allocated.", period=period))


def market_account(pool_id: int, market_id: int) -> str:
    return f"pool:{pool_id}/market:{market_id}"


def essential_counts(pool: PatentPool) -> dict[int, dict[int, int]]:
    """n_ic from the declarations in force of the organisations that are still active
    members of the alliance: {organisation id: {market id: patents}}, in id order."""
    counts: dict[int, dict[int, int]] = {}
    members = select(Membership.organization_id).where(
        Membership.alliance_id == pool.alliance_id, Membership.status == MembershipStatus.ACTIVE)
    rows = db.session.execute(
        in_force(pool).where(PoolDeclaration.organization_id.in_(members))
        .with_only_columns(PoolDeclaration.organization_id, PoolDeclaration.market_id)
        .order_by(PoolDeclaration.organization_id, PoolDeclaration.market_id)).all()
    for org_id, market_id in rows:
        per_org = counts.setdefault(org_id, {})
        per_org[market_id] = per_org.get(market_id, 0) + 1
    return counts


def member_agreement(pool: PatentPool, org_id: int) -> AgreementVersion | None:
    """The newest version in force of an agreement over a patent ``org_id`` declared to
    the pool, in which ``org_id`` is a party."""
    declared = in_force(pool).where(PoolDeclaration.organization_id == org_id) \
        .with_only_columns(PoolDeclaration.patent_id)
    over = select(agreement_version_patent.c.version_id).where(
        agreement_version_patent.c.patent_id.in_(declared))
    return db.session.scalars(
        select(AgreementVersion)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .join(AgreementParty, AgreementParty.version_id == AgreementVersion.id)
        .where(Agreement.status == AgreementStatus.IN_FORCE, AgreementVersion.id.in_(over),
               AgreementParty.organization_id == org_id)
        .order_by(AgreementVersion.id.desc()).limit(1)).first()


def member_chain(org_id: int, amount: Decimal, version: AgreementVersion | None) -> list:
    """The postings carrying ``amount`` received by ``org_id`` through its own costs,
    internal split and inventors under ``version`` (none without one)."""
    if version is None or not amount:
        return []
    terms = chain_terms(version)
    own = {key: {org_id: table[org_id]} if org_id in table else {}
           for key, table in terms.items() if key != "licensors"}
    postings = distribute(amount, licensors=[(org_id, Decimal(100))], source=org_id, **own)
    return [p for p in postings if p.step != STEP_LICENSORS]


def plan(pool: PatentPool, incomes: list[PoolIncome]) -> tuple[list, dict]:
    """The postings of a run over ``incomes`` and its basis (incomes and counts per market,
    allocations and agreement versions per member). ServiceError for a market with income
    and no essential patent (the message pool_allocation gives)."""
    totals: dict[int, Decimal] = {}
    for income in incomes:
        totals[income.market_id] = totals.get(income.market_id, ZERO) + income.amount
    markets = [m for m in pool.markets if m.id in totals]
    counts = essential_counts(pool)
    by_name = {org: {m.name: n.get(m.id, 0) for m in markets} for org, n in counts.items()}
    postings, allocations = [], dict.fromkeys(counts, ZERO)
    try:
        for market in markets:
            parts = pool_allocation({market.name: totals[market.id]}, by_name)
            for org_id, part in parts.items():
                if part:
                    postings.append((STEP_POOL, market_account(pool.id, market.id),
                                     account(org_id), part))
                    allocations[org_id] += part
        versions = {}
        for org_id, amount in allocations.items():
            version = member_agreement(pool, org_id)
            versions[org_id] = getattr(version, "id", None)
            postings += [(p.step, account(p.debit), account(p.credit), p.amount)
                         for p in member_chain(org_id, amount, version)]
    except ValidationError as error:
        raise ServiceError(_l(error.template, **error.params)) from None
    basis = {
        "markets": [{"id": m.id, "name": m.name, "income": str(totals[m.id]),
                     "counts": {str(org): n.get(m.id, 0) for org, n in counts.items()}}
                    for m in markets],
        "allocations": {str(org): str(amount) for org, amount in allocations.items()},
        "versions": {str(org): v for org, v in versions.items()},
    }
    return postings, basis


def unallocated(pool: PatentPool, period: str) -> list[PoolIncome]:
    return list(db.session.scalars(
        select(PoolIncome).where(PoolIncome.pool_id == pool.id, PoolIncome.period == period,
                                 PoolIncome.run_id.is_(None)).order_by(PoolIncome.id)))


def run_allocation(actor, pool: PatentPool, period: str) -> PoolRun:
    """Allocate the pool's incomes of ``period`` and post them through each member's chain
    in one savepoint. 403 for anyone but the pool's administrators; 409 if the period was
    already allocated; 400 (nothing posted) for no income or a market without essential
    patents."""
    if not pool.can_manage(actor):
        raise ServiceError(MANAGERS_ONLY, status=403)
    period = check_period(period)
    lock(pool)
    if db.session.scalar(select(PoolRun.id).where(PoolRun.pool_id == pool.id,
                                                  PoolRun.period == period)):
        raise _already(period)
    incomes = unallocated(pool, period)
    if not incomes:
        raise ServiceError(_l("No income is recorded for %(period)s.", period=period),
                           field="period")
    postings, basis = plan(pool, incomes)
    try:
        with db.session.begin_nested():
            run = PoolRun(pool_id=pool.id, period=period, basis=basis,
                          actor_id=getattr(actor, "id", None))
            db.session.add(run)
            db.session.flush()
            db.session.add_all(
                LedgerEntry(pool_run_id=run.id, step=step, debit=debit, credit=credit,
                            amount=amount, created_by_id=getattr(actor, "id", None))
                for step, debit, credit, amount in postings)
            for income in incomes:
                income.run_id = run.id
            db.session.flush()
    except IntegrityError:
        raise _already(period) from None
    record(actor, "pool.allocated", run, None,
           {"pool_id": pool.id, "period": period, "entries": len(postings),
            "amount": str(sum((i.amount for i in incomes), ZERO))})
    return run


def run_entries(run: PoolRun) -> list[LedgerEntry]:
    return list(db.session.scalars(select(LedgerEntry).where(LedgerEntry.pool_run_id == run.id)
                                   .order_by(LedgerEntry.id)))
