"""What the pool pages show: the counts n_ic of the declarations in force, a run's formula
with its numbers per member, and one member's own chain of a run (never another member's
internal split)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Organization
from ..models.pools import PatentPool, PoolDeclaration, PoolIncome, PoolRun
from .pool_runs import STEP_POOL, essential_counts, run_entries
from .pools import in_force


def org_names(ids) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    return {o.id: o.name for o in db.session.scalars(
        select(Organization).where(Organization.id.in_(ids)))}


@dataclass(frozen=True)
class CountTable:
    """n_ic per member (rows, by organisation id) and market (columns), with Σ_j n_jc."""

    members: list[tuple[int, str]]
    counts: dict[int, dict[int, int]]
    totals: dict[int, int]


def count_table(pool: PatentPool) -> CountTable:
    counts = essential_counts(pool)
    names = org_names(counts)
    totals = {m.id: sum(n.get(m.id, 0) for n in counts.values()) for m in pool.markets}
    return CountTable([(org, names.get(org, str(org))) for org in counts], counts, totals)


def declarations(pool: PatentPool) -> list[PoolDeclaration]:
    """The declarations in force, by organisation, patent and market."""
    return list(db.session.scalars(
        in_force(pool).options(selectinload(PoolDeclaration.patent),
                               selectinload(PoolDeclaration.organization),
                               selectinload(PoolDeclaration.market))
        .order_by(PoolDeclaration.organization_id, PoolDeclaration.patent_id,
                  PoolDeclaration.market_id)))


def incomes(pool: PatentPool) -> list[PoolIncome]:
    return list(db.session.scalars(
        select(PoolIncome).where(PoolIncome.pool_id == pool.id)
        .options(selectinload(PoolIncome.market))
        .order_by(PoolIncome.period.desc(), PoolIncome.id)))


def open_periods(pool: PatentPool) -> list[str]:
    """Periods with income not allocated yet, newest first."""
    return sorted({i.period for i in incomes(pool) if i.run_id is None}, reverse=True)


def runs(pool: PatentPool) -> list[PoolRun]:
    return list(db.session.scalars(select(PoolRun).where(PoolRun.pool_id == pool.id)
                                   .order_by(PoolRun.period.desc())))


@dataclass(frozen=True)
class Term:
    """R_c · n_ic / Σ_j n_jc of one market."""

    market: str
    income: Decimal
    count: int
    total: int


@dataclass(frozen=True)
class MemberShare:
    org_id: int
    name: str
    terms: list[Term]
    amount: Decimal
    version_id: int | None


def run_shares(run: PoolRun) -> list[MemberShare]:
    """Each member's allocation in ``run`` with the terms of the formula that gave it."""
    basis = run.basis or {}
    markets = basis.get("markets", [])
    allocations = basis.get("allocations", {})
    names = org_names(int(org) for org in allocations)
    shares = []
    for org, amount in allocations.items():
        terms = []
        for market in markets:
            count = int(market["counts"].get(org, 0))
            if count:
                terms.append(Term(market["name"], Decimal(market["income"]), count,
                                  sum(int(n) for n in market["counts"].values())))
        shares.append(MemberShare(int(org), names.get(int(org), org), terms, Decimal(amount),
                                  basis.get("versions", {}).get(org)))
    return shares


def run_total(run: PoolRun) -> Decimal:
    return sum((Decimal(m["income"]) for m in (run.basis or {}).get("markets", [])),
               Decimal("0.00"))


def own_chain(run: PoolRun, org_id: int | None) -> list:
    """The entries of ``run`` inside organisation ``org_id``'s chain (its costs, internal
    split and inventors), not the pool step."""
    if org_id is None:
        return []
    mine = f"org:{org_id}"
    return [e for e in run_entries(run) if e.step != STEP_POOL
            and (e.debit == mine or e.debit.startswith(mine + "/"))]
