"""Royalty reports filed by the licensee, payments recorded by the licensor, and the flags
they raise: reports not filed by their due date and periods paid short.

Amounts are Decimal yuan with two decimals. Flags are plain data (dicts) for pages and mail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models.ledger import Payment, RoyaltyReport
from ..models.licensing import Licence, LicenceStatus, PaymentDue
from ..royalty_calc import royalty_due
from ..validators import ValidationError
from . import Conflict, ServiceError
from .audit import record, snapshot
from .royalties import as_amount

ZERO = Decimal("0.00")
REPORT_FIELDS = ["licence_id", "period_start", "period_end", "net_sales", "units", "due"]
PAYMENT_FIELDS = ["licence_id", "amount", "received_on", "reference"]

LICENSEE_ONLY = _l("Only an administrator of the licensee may file its royalty reports.")
LICENSOR_ONLY = _l("Only an administrator of the licensor may record payments received.")
NOT_ACTIVE = _l("This licence is no longer in force.")


def is_admin_of(actor, organization_id: int) -> bool:
    """An active administrator of organisation ``organization_id``."""
    return bool(getattr(actor, "is_org_admin", False)) and getattr(actor, "active", False) \
        and actor.organization_id == organization_id


def _invalid(error: ValidationError, field: str) -> ServiceError:
    return ServiceError(_l(error.template, **error.params), field=field)


def reports_of(licence: Licence) -> list[RoyaltyReport]:
    """The licence's reports, oldest period first."""
    return list(db.session.scalars(select(RoyaltyReport)
                                   .where(RoyaltyReport.licence_id == licence.id)
                                   .order_by(RoyaltyReport.period_start, RoyaltyReport.id)))


def payments_of(licence: Licence) -> list[Payment]:
    """The payments received under the licence, oldest first."""
    return list(db.session.scalars(select(Payment).where(Payment.licence_id == licence.id)
                                   .order_by(Payment.received_on, Payment.id)))


def file_report(actor, licence: Licence, period_start: date, period_end: date,
                net_sales: Decimal | None, units: int | None,
                milestones: Sequence = ()) -> RoyaltyReport:
    """File the licensee's report for ``period_start``..``period_end`` (inclusive) with the
    royalty due computed from the licence's terms (yuan) and its calculation lines. 403 for
    anyone but the licensee's admin, 409 on a licence not in force or a period overlapping
    an earlier report, 400 for bad figures."""
    if not is_admin_of(actor, licence.licensee_id):
        raise ServiceError(LICENSEE_ONLY, status=403)
    if licence.status is not LicenceStatus.ACTIVE:
        raise Conflict(NOT_ACTIVE)
    earlier = reports_of(licence)
    for report in earlier:
        if report.period_start <= period_end and report.period_end >= period_start:
            raise Conflict(_l("A report of this licence already covers part of this period "
                              "(%(start)s to %(end)s).", start=report.period_start,
                              end=report.period_end))
    paid_entry_fee = any(line["key"] in ("entry_fee", "lump_sum")
                         for report in earlier for line in report.lines)
    try:
        calculation = royalty_due(licence, period_start, period_end, net_sales, units,
                                  paid_entry_fee, milestones)
    except ValidationError as error:
        raise _invalid(error, "net_sales") from None
    report = RoyaltyReport(
        licence_id=licence.id, period_start=period_start, period_end=period_end,
        net_sales=None if net_sales is None else as_amount(net_sales),
        units=None if units is None else int(units), filed_by_id=actor.id,
        due=calculation.total,
        lines=[{"key": line.key, "template": line.template,
                "params": {k: str(v) for k, v in line.params.items()},
                "amount": str(line.amount)} for line in calculation.lines])
    db.session.add(report)
    db.session.flush()
    record(actor, "royalty_report.filed", report, None, snapshot(report, REPORT_FIELDS))
    return report


def record_payment(actor, licence: Licence, amount: Decimal, received_on: date,
                   reference: str = "") -> Payment:
    """Record a payment of ``amount`` yuan received on ``received_on``. 403 for anyone but
    the licensor's admin, 409 on a licence not in force, 400 for a bad amount."""
    if not is_admin_of(actor, licence.licensor_id):
        raise ServiceError(LICENSOR_ONLY, status=403)
    if licence.status is not LicenceStatus.ACTIVE:
        raise Conflict(NOT_ACTIVE)
    try:
        amount = as_amount(amount)
    except ValidationError as error:
        raise _invalid(error, "amount") from None
    if not amount:
        raise ServiceError(_l("A payment must be more than ¥0.00."), field="amount")
    payment = Payment(licence_id=licence.id, amount=amount, received_on=received_on,
                      reference=reference.strip(), recorded_by_id=actor.id)
    db.session.add(payment)
    db.session.flush()
    record(actor, "payment.recorded", payment, None, snapshot(payment, PAYMENT_FIELDS))
    return payment


def late_reports(today: date, licence_id: int | None = None) -> list[dict]:
    """Reports due before ``today`` and not filed: a 'royalty_report' entry of a licence in
    force whose due date has passed while no report covers the day before it (of one
    licence when ``licence_id`` is given). [{"licence_id", "due_date", "days_late"}],
    oldest first."""
    stmt = select(PaymentDue.licence_id, PaymentDue.due_date) \
        .join(Licence, Licence.id == PaymentDue.licence_id) \
        .where(PaymentDue.what == "royalty_report", PaymentDue.due_date < today,
               Licence.status == LicenceStatus.ACTIVE)
    if licence_id is not None:
        stmt = stmt.where(PaymentDue.licence_id == licence_id)
    dues = db.session.execute(stmt.order_by(PaymentDue.due_date, PaymentDue.licence_id)).all()
    late = []
    for licence_id, due_date in dues:
        day = due_date - timedelta(days=1)
        covered = db.session.scalar(
            select(RoyaltyReport.id).where(RoyaltyReport.licence_id == licence_id,
                                           RoyaltyReport.period_start <= day,
                                           RoyaltyReport.period_end >= day).limit(1))
        if covered is None:
            late.append({"licence_id": licence_id, "due_date": due_date,
                         "days_late": (today - due_date).days})
    return late


def underpayments(licence: Licence) -> list[dict]:
    """The licence's reported periods paid short. Payments settle reports oldest first (an
    excess carries to the next report). [{"report_id", "period_start", "period_end",
    "due", "paid", "short"}] in yuan, only periods with ``short`` > 0."""
    available = sum((p.amount for p in payments_of(licence)), ZERO)
    flags = []
    for report in reports_of(licence):
        paid = min(available, report.due)
        available -= paid
        if paid < report.due:
            flags.append({"report_id": report.id, "period_start": report.period_start,
                          "period_end": report.period_end, "due": report.due,
                          "paid": paid, "short": report.due - paid})
    return flags
