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

from sqlalchemy import or_, select

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


def _owned(row, year: int) -> bool:
    """An invention patent owned at the end of ``year`` (see the module docstring)."""
    end = _year_end(year)
    if row.kind is not PatentKind.INVENTION or row.grant_date is None or row.grant_date > end:
        return False
    if row.status is PatentStatus.GRANTED:
        return row.expiry_date is None or row.expiry_date > end
    if row.status is PatentStatus.EXPIRED:
        return row.expiry_date is not None and row.expiry_date > end
    if row.status is PatentStatus.LAPSED:
        return row.fees_paid_until is not None and row.fees_paid_until > end
    return False


def _rows(published_only: bool) -> list:
    """One row per (alliance, patent) that may count: invention patents and PCT
    applications counting toward an alliance, with the dates the rules read. One query;
    the years are counted from these rows."""
    stmt = select(PatentTag.alliance_id, Patent.id, Patent.kind, Patent.status,
                  Patent.grant_date, Patent.expiry_date, Patent.fees_paid_until,
                  Patent.filing_date, pct_clause().label("pct")) \
        .join(Patent, Patent.id == PatentTag.patent_id) \
        .where(tag_counts_clause(), or_(Patent.kind == PatentKind.INVENTION, pct_clause()))
    if published_only:
        stmt = stmt.where(Patent.is_published.is_(True))
    return db.session.execute(stmt).all()


class _Tally:
    """Patents per alliance and in total (each patent once) for one figure."""

    def __init__(self) -> None:
        self.per: dict[int, set[int]] = {}
        self.total: set[int] = set()

    def add(self, alliance_id: int, patent_id: int) -> None:
        self.per.setdefault(alliance_id, set()).add(patent_id)
        self.total.add(patent_id)

    def count(self, key: int | None) -> int:
        return len(self.total) if key is None else len(self.per.get(key, ()))


def _tallies(rows, years: list[int], this_year: int) -> dict:
    """{(metric, year or "now"): _Tally} from the rows."""
    tallies = {(m, y): _Tally() for m in METRICS for y in [*years, "now"]}
    for row in rows:
        for year in years:
            if _owned(row, year):
                tallies["inventions", year].add(row.alliance_id, row.id)
        if row.kind is PatentKind.INVENTION and row.status is PatentStatus.GRANTED:
            tallies["inventions", "now"].add(row.alliance_id, row.id)
        if row.pct and row.filing_date is not None:
            filed = row.filing_date.year
            if ("pct", filed) in tallies:
                tallies["pct", filed].add(row.alliance_id, row.id)
            if filed == this_year:
                tallies["pct", "now"].add(row.alliance_id, row.id)
    return tallies


def province_progress(targets: Targets, alliance_ids: list[int], published_only: bool,
                      today: date | None = None) -> dict:
    """For each alliance id and the total (key None), both metrics against the targets,
    and the yearly totals from the baseline year to the measured year."""
    this_year = (today or date.today()).year
    measured_year = min(targets.target_year, this_year)
    years = list(range(targets.baseline_year, max(measured_year, targets.baseline_year) + 1))
    tallies = _tallies(_rows(published_only), years, this_year)
    rows: dict[int | None, dict[str, Progress]] = {}
    for key in [*alliance_ids, None]:
        rows[key] = {metric: progress_of(
            tallies[metric, targets.baseline_year].count(key),
            tallies[metric, measured_year].count(key), tallies[metric, "now"].count(key),
            targets.multiplier) for metric in METRICS}
    series = {year: {metric: tallies[metric, year].count(None) for metric in METRICS}
              for year in years}
    return {"rows": rows, "series": series, "measured_year": measured_year,
            "this_year": this_year}
