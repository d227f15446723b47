"""When a date deserves an early warning (预警): pure functions on dates and plain facts, no
Flask, no database.

Boundaries, the same for every rule:

* "due within N days" (``due_within``): due today, or in 1..N days. Due in exactly N days
  warns; due in N + 1 days does not; due yesterday is no longer "within" (see overdue).
* "within N months" (``due_within_months``): on or after today and on or before
  ``add_months(today, N)`` (the same day of the month N months on, clamped to the month's
  end); one day later does not warn.
* "overdue" (``is_overdue``): the due date is before today. Due today is not overdue.

The thresholds are configuration (``DEFAULTS`` gives each key and its default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .patent_terms import add_months, annual_fee_grace_end, next_annual_fee_date

#: config key → default. Registration reuses the licence page's own warning window.
DEFAULTS = {
    "WARNING_ANNUAL_FEE_DAYS": 30,
    "WARNING_PATENT_EXPIRY_MONTHS": 6,
    "WARNING_LICENCE_EXPIRY_DAYS": 60,
    "WARNING_REGISTRATION_DAYS": 30,  # models.licensing.REGISTRATION_WARNING_DAYS
    "WARNING_OPEN_LICENCE_DAYS": 30,
}


def due_within(due: date, today: date, days: int) -> bool:
    """Due today or in at most ``days`` days (both ends included)."""
    return 0 <= (due - today).days <= days


def due_within_months(due: date, today: date, months: int) -> bool:
    """Due from today up to and including the same day ``months`` months on."""
    return today <= due <= add_months(today, months)


def is_overdue(due: date, today: date) -> bool:
    """The due date has passed: it is before ``today``."""
    return due < today


@dataclass(frozen=True)
class PatentFacts:
    """What the patent rules read: ``kind`` is a patent_terms kind ("invention", ...),
    ``granted`` whether the right is in force, ``fees_paid_until`` the day up to which
    (not including) annual fees are paid, None when unknown."""

    kind: str
    granted: bool
    filing_date: date | None
    expiry_date: date | None
    fees_paid_until: date | None = None
    extension_days: int = 0


def annual_fee_due(patent: PatentFacts, today: date, days: int) -> date | None:
    """The annual fee date to warn of, or None.

    A fee already due and unpaid (``fees_paid_until`` on or before today) warns from its
    due date until the six-month grace period ends (overdue; afterwards the patent has
    lapsed). Otherwise the next filing anniversary on or after today warns when it is due
    within ``days`` days and the fees are not known to be paid beyond it. Only granted
    patents owe annual fees.
    """
    if not patent.granted or patent.filing_date is None:
        return None
    paid = patent.fees_paid_until
    if paid is not None and paid <= today:
        return paid if today <= annual_fee_grace_end(paid) else None
    due = next_annual_fee_date(patent.filing_date, patent.kind, today, patent.extension_days)
    if due is None or (paid is not None and paid > due):
        return None
    return due if due_within(due, today, days) else None


def expiry_due(patent: PatentFacts, today: date, months: int) -> date | None:
    """The expiry date of a granted patent expiring within ``months`` months, or None
    (an expiry before today is past: the patent has expired, nothing to warn of)."""
    if not patent.granted or patent.expiry_date is None:
        return None
    return patent.expiry_date if due_within_months(patent.expiry_date, today, months) \
        else None


def licence_end_due(active: bool, end_date: date, today: date, days: int) -> date | None:
    """The end date of a licence in force ending within ``days`` days, or None."""
    return end_date if active and due_within(end_date, today, days) else None


def registration_due(active: bool, registered: bool, due: date, today: date,
                     days: int) -> date | None:
    """The 备案 deadline of an unregistered licence in force when it is due within ``days``
    days or overdue (three months after taking effect), else None."""
    if not active or registered:
        return None
    return due if is_overdue(due, today) or due_within(due, today, days) else None


def open_licence_lapse_due(declared: bool, term_end: date, today: date,
                           days: int) -> date | None:
    """The end of a declared open licence's term when it lapses within ``days`` days."""
    return term_end if declared and due_within(term_end, today, days) else None


def royalty_report_overdue(due: date, filed: bool, today: date) -> date | None:
    """The due date of a royalty report not filed and overdue (due before today)."""
    return due if not filed and is_overdue(due, today) else None


def outsiders_only(owner_ids: set[int | None], inside: set[int]) -> bool:
    """Whether a patent with owners ``owner_ids`` (None: an owner not on the platform)
    belongs to nobody ``inside``: the IPC watch flags only such patents."""
    return not (owner_ids & inside)
