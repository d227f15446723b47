"""The province's progress toward its targets for the strategic emerging industries.

The 2012 provincial opinions ask that by 2015 invention patents owned and international
(PCT) applications in the strategic emerging industries each 增长两倍 (grow by two times)
over 2010, usually read as three times the 2010 level. Baseline year, multiplier and target
year are settings (:mod:`alliance.services.province_targets`).

Definitions (patents count toward an alliance as in :mod:`alliance.services.dashboards`:
confirmed tags, else the stored suggestion; the total counts each patent once however many
alliances it serves):

* **Invention patents owned** at the end of year Y: invention patents granted on or before
  31 December Y and still in force then: now granted, or now expired with an expiry date
  after 31 December Y, or now lapsed with annual fees paid past 31 December Y. "Now" is the
  number of invention patents whose status is granted today.
* **PCT applications** of year Y: patents whose CN application number has kind digit 8 or 9
  (an international application under the PCT that entered the Chinese national phase),
  counted by the year of their filing date (for these the international filing date). A
  patent without a filing date is not counted.

Target = baseline value × multiplier. The measured year is the target year, or this year
while the target year has not come. Progress = measured ÷ target × 100, to one decimal; the
gap is what is missing to the target (0 once reached). A baseline of zero gives a target of
zero: progress is then undefined (None) and the gap is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, extract, func, or_, select

from ..extensions import db
from ..models import Patent, PatentKind, PatentStatus, PatentTag
from .dashboards import pct_clause, tag_counts_clause
from .province_targets import Targets

#: The original wording of the target, shown beside every computed target.
ORIGINAL_WORDING = "增长两倍"
METRICS = ("inventions", "pct")


@dataclass(frozen=True)
class Progress:
    """One metric of one alliance (or the total) against its target."""

    baseline: int
    target: Decimal
    measured: int
    now: int
    progress: Decimal | None  # percent of the target, None when the target is 0
    gap: Decimal


def progress_of(baseline: int, measured: int, now: int, multiplier: Decimal) -> Progress:
    """The target arithmetic: target = baseline × multiplier; progress in percent; gap."""
    target = (Decimal(baseline) * multiplier).quantize(Decimal("0.01"))
    target = target.quantize(Decimal(1)) if target == target.to_integral() else target
    if target == 0:
        percent = None
    else:
        percent = (Decimal(measured) * 100 / target).quantize(Decimal("0.1"), ROUND_HALF_UP)
    gap = max(target - measured, Decimal(0))
    return Progress(baseline, target, measured, now, percent, gap)


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def owned_clause(year: int):
    """An invention patent owned at the end of ``year`` (see the module docstring)."""
    end = _year_end(year)
    return and_(
        Patent.kind == PatentKind.INVENTION, Patent.grant_date.is_not(None),
        Patent.grant_date <= end,
        or_(and_(Patent.status == PatentStatus.GRANTED,
                 or_(Patent.expiry_date.is_(None), Patent.expiry_date > end)),
            and_(Patent.status == PatentStatus.EXPIRED, Patent.expiry_date > end),
            and_(Patent.status == PatentStatus.LAPSED, Patent.fees_paid_until > end)))


def _base(published_only: bool):
    """(alliance id, patent id) pairs of the patents counting toward each alliance."""
    stmt = select(PatentTag.alliance_id, Patent.id).join(Patent, Patent.id == PatentTag.patent_id) \
        .where(tag_counts_clause())
    if published_only:
        stmt = stmt.where(Patent.is_published.is_(True))
    return stmt


def _per_alliance(condition, published_only: bool) -> tuple[dict[int, int], int]:
    """Counts of patents meeting ``condition`` per alliance, and in total (distinct)."""
    pairs = _base(published_only).where(condition).subquery()
    per = dict(db.session.execute(
        select(pairs.c.alliance_id, func.count()).group_by(pairs.c.alliance_id)).all())
    total = db.session.scalar(select(func.count(func.distinct(pairs.c.id)))) or 0
    return per, total


def owned_at(year: int, published_only: bool) -> tuple[dict[int, int], int]:
    return _per_alliance(owned_clause(year), published_only)


def owned_now(published_only: bool) -> tuple[dict[int, int], int]:
    return _per_alliance(and_(Patent.kind == PatentKind.INVENTION,
                              Patent.status == PatentStatus.GRANTED), published_only)


def pct_in(year: int, published_only: bool) -> tuple[dict[int, int], int]:
    return _per_alliance(and_(pct_clause(), Patent.filing_date.is_not(None),
                              extract("year", Patent.filing_date) == year), published_only)


def province_progress(targets: Targets, alliance_ids: list[int], published_only: bool,
                      today: date | None = None) -> dict:
    """For each alliance id and the total (key None), both metrics against the targets,
    and the yearly totals from the baseline year to the measured year."""
    this_year = (today or date.today()).year
    measured_year = min(targets.target_year, this_year)
    counts = {
        "inventions": (owned_at(targets.baseline_year, published_only),
                       owned_at(measured_year, published_only), owned_now(published_only)),
        "pct": (pct_in(targets.baseline_year, published_only),
                pct_in(measured_year, published_only), pct_in(this_year, published_only)),
    }
    rows: dict[int | None, dict[str, Progress]] = {}
    for key in [*alliance_ids, None]:
        rows[key] = {}
        for metric, (baseline, measured, now) in counts.items():
            def pick(pair, key=key):
                return pair[1] if key is None else pair[0].get(key, 0)
            rows[key][metric] = progress_of(pick(baseline), pick(measured), pick(now),
                                            targets.multiplier)
    years = range(targets.baseline_year, max(measured_year, targets.baseline_year) + 1)
    series = {year: {"inventions": owned_at(year, published_only)[1],
                     "pct": pct_in(year, published_only)[1]} for year in years}
    return {"rows": rows, "series": series, "measured_year": measured_year,
            "this_year": this_year}
