"""Where a ledger entry came from, as a statement shows it: the payment received under a
licence (its licence, parties and patents), or the patent-pool allocation run that posted
it. :func:`source_key` is the one place that tells them apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import get_timezone
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models.ledger import LedgerEntry, Payment
from ..models.licensing import Licence
from ..models.pools import PoolRun


def posted_on_day(moment: datetime) -> date:
    """The day of ``moment`` in the display time zone."""
    return moment.astimezone(get_timezone()).date()


def source_key(entry: LedgerEntry) -> tuple[str, int]:
    """Where ``entry`` came from, as (kind, id) with a loader in SOURCE_LOADERS: the payment
    it carries, else the patent-pool allocation run that posted it."""
    if entry.payment_id is None:
        return ("pool_run", entry.pool_run_id)
    return ("payment", entry.payment_id)


@dataclass(frozen=True)
class Source:
    """A source of income as a statement shows it: the payment received, its licence, the
    licence's parties and patents."""

    key: tuple[str, int]
    received_on: date | None = None
    reference: str = ""
    amount: Decimal | None = None
    licence_id: int | None = None
    licence_reference: str = ""
    licensor: str = ""
    licensee: str = ""
    patents: tuple[str, ...] = ()
    pool: str = ""  # a pool allocation: the pool's name and the period allocated
    period: str = ""


def _payment_sources(ids: Iterable[int]) -> dict[tuple[str, int], Source]:
    payments = db.session.scalars(
        select(Payment).where(Payment.id.in_(set(ids))).options(
            selectinload(Payment.licence).selectinload(Licence.patents),
            selectinload(Payment.licence).selectinload(Licence.licensor),
            selectinload(Payment.licence).selectinload(Licence.licensee)))
    return {("payment", p.id): Source(
        ("payment", p.id), p.received_on, p.reference, p.amount, p.licence_id,
        p.licence.reference, p.licence.licensor.name, p.licence.licensee.name,
        tuple(patent.patent_number for patent in p.licence.patents)) for p in payments}


def _pool_run_sources(ids: Iterable[int]) -> dict[tuple[str, int], Source]:
    runs = db.session.scalars(select(PoolRun).where(PoolRun.id.in_(set(ids)))
                              .options(selectinload(PoolRun.pool)))
    return {("pool_run", run.id): Source(
        ("pool_run", run.id), posted_on_day(run.created_at), pool=run.pool.name,
        period=run.period) for run in runs}


#: kind of source -> the function loading such sources by id
SOURCE_LOADERS = {"payment": _payment_sources, "pool_run": _pool_run_sources}


def load_sources(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Source]:
    """The sources of ``keys``, one query per kind; an unknown one keeps its bare key."""
    wanted = list(dict.fromkeys(keys))
    by_kind: dict[str, set[int]] = {}
    for kind, ident in wanted:
        by_kind.setdefault(kind, set()).add(ident)
    found: dict[tuple[str, int], Source] = {}
    for kind, ids in by_kind.items():
        found.update(SOURCE_LOADERS[kind](ids) if kind in SOURCE_LOADERS else {})
    return {key: found.get(key, Source(key)) for key in wanted}
