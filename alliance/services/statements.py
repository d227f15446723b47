"""Statements of ledger accounts: per account and period, the opening balance, what came in
and went out per source, and the closing balance; an alliance's income per member and year.

A balance is credits less debits on the account, in yuan to the cent. An entry belongs to
the day it was posted (``created_at``) in the display time zone; a period runs from its
first to its last day inclusive, and its opening balance is every entry posted before it.
Each entry comes from a source: :func:`source_key` is the one place that says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from ..extensions import db
from ..models import Alliance, Membership, MembershipStatus, Organization
from ..models.ledger import LedgerEntry
from ..royalty_chain import STEP_LICENSORS
from . import ServiceError
from .pool_runs import STEP_POOL
from .statement_sources import Source, load_sources, source_key

ZERO = Decimal("0.00")
FIRST_YEAR, LAST_YEAR = 2000, 2100
RECEIVED, PASSED_ON, REVERSAL = "received", "passed_on", "reversal"

BAD_YEAR = _l("The year must be a whole number from %(first)s to %(last)s.",
              first=FIRST_YEAR, last=LAST_YEAR)
BOTH_DATES = _l("Give both the first and the last day of the period.")
BAD_ORDER = _l("The period must start on or before its last day.")


@dataclass(frozen=True)
class Period:
    """The days ``start``..``end`` inclusive; ``year`` when it is a calendar year."""

    start: date
    end: date
    year: int | None = None

    def bounds(self) -> tuple[datetime, datetime]:
        """The UTC instants of the period's first midnight and of the midnight after it."""
        zone = get_timezone()
        return (datetime.combine(self.start, time(), zone).astimezone(UTC),
                datetime.combine(self.end + timedelta(days=1), time(), zone).astimezone(UTC))


def local_today() -> date:
    return datetime.now(get_timezone()).date()


def posted_on(entry: LedgerEntry) -> date:
    """The day ``entry`` was posted, in the display time zone."""
    return entry.created_at.astimezone(get_timezone()).date()


def _parse_date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise ServiceError(_l("“%(value)s” is not a date; write it as YYYY-MM-DD.",
                              value=text[:40]), field="start") from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ServiceError(BAD_YEAR, field="start")
    return value


def parse_period(args: Mapping[str, str], today: date | None = None) -> Period:
    """The period asked for by ``from`` and ``to`` (ISO dates, both or neither), else by
    ``year``, else the current year. ServiceError (400) for anything else."""
    start, end = (args.get("from") or "").strip(), (args.get("to") or "").strip()
    if start or end:
        if not (start and end):
            raise ServiceError(BOTH_DATES, field="start")
        period = Period(_parse_date(start), _parse_date(end))
        if period.start > period.end:
            raise ServiceError(BAD_ORDER, field="end")
        return period
    text = (args.get("year") or "").strip()
    year = (today or local_today()).year
    if text:
        if not (text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
            raise ServiceError(BAD_YEAR, field="year")
        year = int(text)
    return Period(date(year, 1, 1), date(year, 12, 31), year)


# -- statements -----------------------------------------------------------------------------

def effect(entry: LedgerEntry, account: str) -> Decimal:
    """What ``entry`` does to ``account``'s balance: + when credited, - when debited."""
    return (entry.amount if entry.credit == account else ZERO) - \
        (entry.amount if entry.debit == account else ZERO)


@dataclass
class Line:
    """What one source did to the account in the period, by kind: ``received`` (credits),
    ``passed_on`` (debits, negative) or ``reversal`` (corrections, signed)."""

    source: Source
    kind: str
    amount: Decimal = ZERO
    first_posted: date | None = None
    entries: int = 0
    counterparts: list[str] = field(default_factory=list)


@dataclass
class Statement:
    account: str
    period: Period
    opening: Decimal
    lines: list[Line]
    closing: Decimal

    def total(self, kind: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind == kind), ZERO)


def entries_of(account: str, before: datetime | None = None) -> list[LedgerEntry]:
    """The entries debiting or crediting ``account`` (posted before ``before``), in order."""
    stmt = select(LedgerEntry).where(or_(LedgerEntry.debit == account,
                                         LedgerEntry.credit == account))
    if before is not None:
        stmt = stmt.where(LedgerEntry.created_at < before)
    return list(db.session.scalars(stmt.order_by(LedgerEntry.created_at, LedgerEntry.id)))


def _kind(entry: LedgerEntry, account: str) -> str:
    if entry.reverses_id is not None:
        return REVERSAL
    return RECEIVED if entry.credit == account else PASSED_ON


def statement(account: str, period: Period) -> Statement:
    """The statement of ``account`` for ``period``: opening balance, one line per source
    and kind (in order of first posting), closing balance = opening + Σ lines."""
    start, end = period.bounds()
    opening = ZERO
    lines: dict[tuple, Line] = {}
    within = []
    for entry in entries_of(account, before=end):
        if entry.created_at < start:
            opening += effect(entry, account)
        else:
            within.append(entry)
    sources = load_sources(source_key(entry) for entry in within)
    for entry in within:
        key = (source_key(entry), _kind(entry, account))
        line = lines.get(key)
        if line is None:
            line = lines[key] = Line(sources[key[0]], key[1], first_posted=posted_on(entry))
        line.amount += effect(entry, account)
        line.entries += 1
        other = entry.debit if entry.credit == account else entry.credit
        if other not in line.counterparts:
            line.counterparts.append(other)
    rows = list(lines.values())
    closing = opening + sum((line.amount for line in rows), ZERO)
    return Statement(account, period, opening, rows, closing)


def balances_of(accounts: Iterable[str]) -> dict[str, Decimal]:
    """The balance today of each of ``accounts`` (credits less debits, every entry)."""
    names = list(dict.fromkeys(accounts))
    result = dict.fromkeys(names, ZERO)
    if names:
        for entry in db.session.scalars(select(LedgerEntry).where(
                or_(LedgerEntry.debit.in_(names), LedgerEntry.credit.in_(names)))):
            for account in {entry.debit, entry.credit} & result.keys():
                result[account] += effect(entry, account)
    return result


def entry_years(accounts: Iterable[str]) -> list[int]:
    """The years in which any of ``accounts`` had an entry posted, newest first."""
    names = list(accounts)
    if not names:
        return []
    moments = db.session.scalars(select(LedgerEntry.created_at).where(
        or_(LedgerEntry.debit.in_(names), LedgerEntry.credit.in_(names))))
    zone = get_timezone()
    return sorted({moment.astimezone(zone).year for moment in moments}, reverse=True)


# -- an alliance's members ------------------------------------------------------------------

def member_organisations(alliance: Alliance) -> list[Organization]:
    """The alliance's members (active memberships), by name."""
    return list(db.session.scalars(select(Organization).join(
        Membership, Membership.organization_id == Organization.id).where(
        Membership.alliance_id == alliance.id, Membership.status == MembershipStatus.ACTIVE)
        .order_by(Organization.name_zh, Organization.id)).unique())


@dataclass
class AllianceTotals:
    """Each member's licence income per year (yuan): credits to its organisation account at
    the licensors' step or from a patent pool, less their reversals."""

    years: list[int]
    rows: list[tuple[Organization, dict[int, Decimal]]]

    def year_total(self, year: int) -> Decimal:
        return sum((amounts.get(year, ZERO) for _org, amounts in self.rows), ZERO)


def _root(entry: LedgerEntry, entries: Mapping[int, LedgerEntry]) -> LedgerEntry:
    """The entry a chain of reversals started from (a reversal swaps debit and credit, so
    every entry of the chain touches the same accounts)."""
    while entry.reverses_id is not None and entry.reverses_id in entries:
        entry = entries[entry.reverses_id]
    return entry


def alliance_totals(alliance: Alliance) -> AllianceTotals:
    """The members' organisation-level income per year (as licensors and from patent pools);
    never their internal buckets or inventors' accounts."""
    members = member_organisations(alliance)
    accounts = {f"org:{org.id}": org.id for org in members}
    per_org: dict[int, dict[int, Decimal]] = {org.id: {} for org in members}
    if accounts:
        entries = {entry.id: entry for entry in db.session.scalars(select(LedgerEntry).where(
            or_(LedgerEntry.credit.in_(accounts), LedgerEntry.debit.in_(accounts))))}
        for entry in entries.values():
            if _root(entry, entries).step not in (STEP_LICENSORS, STEP_POOL):
                continue
            account = entry.credit if entry.credit in accounts else entry.debit
            year = posted_on(entry).year
            amounts = per_org[accounts[account]]
            amounts[year] = amounts.get(year, ZERO) + effect(entry, account)
    years = sorted({year for amounts in per_org.values() for year in amounts}, reverse=True)
    return AllianceTotals(years, [(org, per_org[org.id]) for org in members])
