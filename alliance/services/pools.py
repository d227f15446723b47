"""Patent pools of an alliance: creating one with its markets, members declaring their own
patents essential to markets (and withdrawing them), and the pool administrator recording
the income collected per market and period. The allocation is pool_runs.py.

Who may: a pool is created and its income recorded by the alliance's coordinators and
platform admins; declarations are made by an active admin of an organisation that is an
active member of the alliance, over patents it owns or co-owns.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Patent, PatentStatus
from ..models.pools import PatentPool, PoolDeclaration, PoolIncome, PoolMarket, PoolRun
from ..models.types import utcnow
from ..validators import ValidationError
from . import Conflict, ServiceError
from .audit import record
from .royalties import as_amount

MAX_MARKETS = 30
#: a declared patent is public record (the pool's members see it) and alive
DECLARABLE = (PatentStatus.GRANTED, PatentStatus.PENDING)
PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$")
MSG_PERIOD = _l("Write the period as a year (2026), a half (2026-H1), a quarter (2026-Q1) or "
                "a month (2026-03).")
MANAGERS_ONLY = _l("Only the alliance's coordinators and platform administrators may do "
                   "this.")
MEMBERS_ONLY = _l("Only an administrator of a member organisation of the alliance may "
                  "declare patents to its pool.")
NOT_OWNED = _l("Your organisation does not own this patent, so it cannot declare it.")
UNKNOWN_MARKET = _l("The pool does not license this market.")
NO_MARKET = _l("Choose at least one market.")
ALREADY_WITHDRAWN = _l("This declaration has already been withdrawn.")


def _declared(market: PoolMarket) -> Conflict:
    return Conflict(_l("This patent is already declared essential to %(market)s.",
                       market=market.name), field="markets")


def parse_markets(text: str) -> list[str]:
    """Market names from one-a-line text, blanks dropped; ServiceError when none, more
    than MAX_MARKETS, a name over 100 characters or a name twice."""
    names = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not names:
        raise ServiceError(_l("Name at least one product or country."), field="markets")
    if len(names) > MAX_MARKETS:
        raise ServiceError(_l("A pool licenses at most %(n)d markets.", n=MAX_MARKETS),
                           field="markets")
    for name in names:
        if len(name) > 100:
            raise ServiceError(_l("A market name has at most 100 characters: %(name)s",
                                  name=name[:100]), field="markets")
        if names.count(name) > 1:
            raise ServiceError(_l("%(name)s is named twice.", name=name), field="markets")
    return names


def create_pool(actor, alliance, name: str, description: str, markets_text: str
                ) -> PatentPool:
    """A new open pool of ``alliance`` licensing the markets named one a line."""
    if not alliance.can_manage(actor):
        raise ServiceError(MANAGERS_ONLY, status=403)
    name = (name or "").strip()
    if not name:
        raise ServiceError(_l("Give the pool a name."), field="name")
    markets = parse_markets(markets_text)
    if db.session.scalar(select(PatentPool.id).where(PatentPool.alliance_id == alliance.id,
                                                     PatentPool.name == name)):
        raise Conflict(_l("The alliance already has a pool named %(name)s.", name=name),
                       field="name")
    pool = PatentPool(alliance_id=alliance.id, name=name, description=description or "",
                      created_by_id=actor.id,
                      markets=[PoolMarket(position=i, name=m) for i, m in enumerate(markets)])
    db.session.add(pool)
    db.session.flush()
    record(actor, "pool.created", pool, None, {"name": name, "markets": "; ".join(markets)})
    return pool


def market_of(pool: PatentPool, market_id, field: str = "market") -> PoolMarket:
    """The pool's market with that id; ServiceError (400) for any other."""
    market = next((m for m in pool.markets if m.id == market_id), None)
    if market is None:
        raise ServiceError(UNKNOWN_MARKET, field=field)
    return market


def in_force(pool: PatentPool):
    """The select of the pool's declarations in force."""
    return select(PoolDeclaration).where(PoolDeclaration.pool_id == pool.id,
                                         PoolDeclaration.withdrawn_at.is_(None))


def declare(actor, pool: PatentPool, patent: Patent | None, market_ids) -> list[PoolDeclaration]:
    """Declare ``patent`` of the actor's organisation essential to the chosen markets."""
    if not pool.can_declare(actor):
        raise ServiceError(MEMBERS_ONLY, status=403)
    org_id = actor.organization_id
    if patent is None or org_id not in patent.owner_org_ids:
        raise ServiceError(NOT_OWNED, field="patent")
    if not patent.is_published or patent.status not in DECLARABLE:
        raise ServiceError(_l("Only a published patent that is granted or under examination "
                              "can be declared essential."), field="patent")
    if not market_ids:
        raise ServiceError(NO_MARKET, field="markets")
    markets = [market_of(pool, market_id, "markets") for market_id in dict.fromkeys(market_ids)]
    existing = set(db.session.scalars(
        in_force(pool).where(PoolDeclaration.organization_id == org_id,
                             PoolDeclaration.patent_id == patent.id)
        .with_only_columns(PoolDeclaration.market_id)))
    taken = [m for m in markets if m.id in existing]
    if taken:
        raise _declared(taken[0])
    rows = [PoolDeclaration(pool_id=pool.id, market_id=m.id, organization_id=org_id,
                            patent_id=patent.id, declared_by_id=actor.id) for m in markets]
    try:
        with db.session.begin_nested():
            db.session.add_all(rows)
            db.session.flush()
    except IntegrityError:
        raise _declared(markets[0]) from None
    for row in rows:
        record(actor, "pool.declared", row, None,
               {"pool_id": pool.id, "patent_id": patent.id, "market": row.market.name,
                "organization_id": org_id})
    return rows


def withdraw(actor, declaration: PoolDeclaration) -> None:
    """Withdraw a declaration in force (compare-and-set: a second withdrawal is 409)."""
    if declaration.withdrawn_at is None and not declaration.can_withdraw(actor):
        raise ServiceError(_l("Only the declaring organisation's administrators and the "
                              "pool's administrators may withdraw it."), status=403)
    now = utcnow()
    done = db.session.execute(
        update(PoolDeclaration)
        .where(PoolDeclaration.id == declaration.id, PoolDeclaration.withdrawn_at.is_(None))
        .values(withdrawn_at=now, withdrawn_by_id=actor.id)
        .execution_options(synchronize_session=False)).rowcount
    if not done:
        raise Conflict(ALREADY_WITHDRAWN)
    db.session.refresh(declaration)
    record(actor, "pool.declaration_withdrawn", declaration, {"withdrawn_at": None},
           {"withdrawn_at": now.isoformat()})


def lock(pool: PatentPool) -> None:
    """Lock the pool's row (PostgreSQL) so recording income and running an allocation of
    the same pool take turns; SQLite serialises writers anyway."""
    db.session.execute(select(PatentPool.id).where(PatentPool.id == pool.id).with_for_update())


def check_period(period: str) -> str:
    period = (period or "").strip().upper()
    if not PERIOD.match(period):
        raise ServiceError(MSG_PERIOD, field="period")
    return period


def record_income(actor, pool: PatentPool, market_id, period: str, amount,
                  received_on: date, reference: str = "") -> PoolIncome:
    """Record income collected for one market and period (yuan, more than 0, whole
    cents); refused (409) for a period already allocated."""
    if not pool.can_manage(actor):
        raise ServiceError(MANAGERS_ONLY, status=403)
    market = market_of(pool, market_id)
    period = check_period(period)
    try:
        amount = as_amount(amount)
    except ValidationError as error:
        raise ServiceError(_l(error.template, **error.params), field="amount") from None
    if not amount:
        raise ServiceError(_l("Income must be more than ¥0.00."), field="amount")
    if received_on is None:
        raise ServiceError(_l("Give the date the income was received."), field="received_on")
    lock(pool)
    if db.session.scalar(select(PoolRun.id).where(PoolRun.pool_id == pool.id,
                                                  PoolRun.period == period)):
        raise Conflict(_l("The income of %(period)s has already been allocated; record it "
                          "under another period.", period=period), field="period")
    income = PoolIncome(pool_id=pool.id, market_id=market.id, period=period, amount=amount,
                        received_on=received_on, reference=(reference or "").strip(),
                        recorded_by_id=actor.id)
    db.session.add(income)
    db.session.flush()
    record(actor, "pool.income_recorded", income, None,
           {"market": market.name, "period": period, "amount": str(amount),
            "received_on": received_on.isoformat()})
    return income
