"""A licence's royalties: reports with their calculation, payments, late and short flags,
filing a report, recording a payment, distributing it, and its distribution trail with
reversals."""

from datetime import date
from decimal import Decimal, InvalidOperation

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import db
from ...formatting import YUAN, format_money
from ...models.ledger import LedgerEntry, Payment
from ...models.licensing import Licence, LicenceStatus
from ...models.sharing import Agreement, AgreementVersion
from ...permissions import get_visible_or_404
from ...services import distribution, ledger_trail
from ...services import royalty_reports as reports
from ...services.ledger_accounts import describe
from ..views_util import confirmation_step, fail, form_status, run_service
from .royalty_forms import PaymentForm, ReportForm
from .views import bp

#: parameters of calculation lines that are yuan (their templates write the ¥ sign)
MONEY_PARAMS = {"amount", "net_sales", "per_unit", "minimum", "pro_rata", "running"}


def _param(key: str, value: str) -> str:
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        return value
    if key in MONEY_PARAMS and number.is_finite():
        return format_money(number).removeprefix(YUAN)
    if key == "rate" and number.is_finite():
        return format(number.normalize(), "f")
    return value


def line_text(line: dict) -> str:
    """A calculation line in the current language: its template translated, then filled
    (amounts with the language's separators, the rate without trailing zeros)."""
    params = {key: _param(key, value) for key, value in line["params"].items()}
    try:
        return _(line["template"]) % params
    except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
        return line["template"] % params


def _show(form, error) -> None:
    """The service's message next to its field of ``form``, else flashed."""
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "danger")


def _admin_of(org_id: int) -> bool:
    return reports.is_admin_of(current_user, org_id)


def _page(item: Licence, report_form=None, payment_form=None, status: int = 200):
    active = item.status is LicenceStatus.ACTIVE
    payments = reports.payments_of(item)
    return render_template(
        "licensing/royalties.html", licence=item, reports=reports.reports_of(item),
        payments=payments, late=reports.late_reports(date.today(), item.id),
        short=reports.underpayments(item), line_text=line_text,
        report_form=report_form or ReportForm(), payment_form=payment_form or PaymentForm(),
        may_file=active and _admin_of(item.licensee_id),
        may_record=active and _admin_of(item.licensor_id),
        may_distribute=bool(payments) and distribution.may_distribute(current_user,
                                                                        payments[0]),
        may_trace=current_user.is_platform_admin or ledger_trail.active_admin(current_user),
    ), status


@bp.route("/licences/<int:licence_id>/royalties")
@login_required
def royalties(licence_id: int):
    return _page(get_visible_or_404(Licence, licence_id))


@bp.route("/licences/<int:licence_id>/royalties/report", methods=["POST"])
@login_required
def file_report(licence_id: int):
    item = get_visible_or_404(Licence, licence_id)
    if not _admin_of(item.licensee_id):
        abort(403, description=str(reports.LICENSEE_ONLY))
    form = ReportForm()
    if not form.validate_on_submit():
        return _page(item, report_form=form, status=form_status(form))
    _report, error = run_service(reports.file_report, current_user, item,
                                 form.period_start.data, form.period_end.data,
                                 form.net_sales.amount, form.unit_count, form.reached)
    if error is not None:
        if error.status == 403:
            return fail(error)
        _show(form, error)
        return _page(item, report_form=form, status=error.status)
    flash(_("The report is filed."), "success")
    return redirect(url_for("licensing.royalties", licence_id=item.id))


@bp.route("/licences/<int:licence_id>/royalties/payment", methods=["POST"])
@login_required
def record_payment(licence_id: int):
    item = get_visible_or_404(Licence, licence_id)
    if not _admin_of(item.licensor_id):
        abort(403, description=str(reports.LICENSOR_ONLY))
    form = PaymentForm()
    if not form.validate_on_submit():
        return _page(item, payment_form=form, status=form_status(form))
    _payment, error = run_service(reports.record_payment, current_user, item,
                                  form.amount.amount, form.received_on.data,
                                  form.reference.data or "")
    if error is not None:
        if error.status == 403:
            return fail(error)
        _show(form, error)
        return _page(item, payment_form=form, status=error.status)
    flash(_("The payment is recorded."), "success")
    return redirect(url_for("licensing.royalties", licence_id=item.id))


def _payment_or_404(payment_id: int) -> Payment:
    """A payment the user may know of: one of a licence they see, or one whose trail they
    see (a co-licensor credited at its licensors' step); 404 otherwise."""
    payment = db.get_or_404(Payment, payment_id)
    if not payment.licence.can_view(current_user) \
            and ledger_trail.scope_for(current_user, payment) is None:
        abort(404)
    return payment


@bp.route("/payments/<int:payment_id>")
@login_required
def payment_trail(payment_id: int):
    payment = _payment_or_404(payment_id)
    scope = ledger_trail.scope_for(current_user, payment)
    if scope is None:
        abort(403)
    run = payment.run
    version = db.session.get(AgreementVersion, run.agreement_version_id) \
        if run is not None and run.agreement_version_id else None
    agreement = db.session.get(Agreement, version.agreement_id) if version else None
    may_correct = distribution.may_distribute(current_user, payment)
    return render_template(
        "licensing/payment.html", payment=payment, licence=payment.licence, scope=scope,
        steps=ledger_trail.trail(payment, scope), run=run, version=version,
        agreement=agreement, may_link=agreement is not None and agreement.can_view(
            current_user), may_correct=may_correct)


@bp.route("/payments/<int:payment_id>/distribute", methods=["GET", "POST"])
@login_required
def distribute(payment_id: int):
    payment = _payment_or_404(payment_id)
    if not distribution.may_distribute(current_user, payment):
        abort(403, description=str(distribution.LICENSOR_ONLY))
    if payment.distributed:
        abort(409, description=str(distribution.ALREADY_RUN))
    back = url_for("licensing.royalties", licence_id=payment.licence_id)
    answer = confirmation_step(
        title=_("Distribute the payment"),
        question=_("Distribute the payment of %(amount)s received on %(date)s through the "
                   "benefit-sharing chain?", amount=format_money(payment.amount),
                   date=payment.received_on.isoformat()),
        consequence=_("Ledger entries are posted to every licensor, its agreed costs, its "
                      "internal split and its inventors. They are never edited; a mistake "
                      "is corrected by reversing an entry."),
        confirm_label=_("Distribute"), cancel_url=back)
    if answer is not None:
        return answer
    _run, error = run_service(distribution.run_distribution, current_user, payment)
    if error is not None:
        return fail(error)
    flash(_("The payment is distributed."), "success")
    return redirect(url_for("licensing.payment_trail", payment_id=payment.id))


@bp.route("/payments/<int:payment_id>/entries/<int:entry_id>/reverse",
          methods=["GET", "POST"])
@login_required
def reverse_entry(payment_id: int, entry_id: int):
    payment = _payment_or_404(payment_id)
    entry = db.session.get(LedgerEntry, entry_id)
    scope = ledger_trail.scope_for(current_user, payment)
    if entry is None or entry.payment_id != payment.id or scope is None \
            or entry not in ledger_trail.visible(scope, ledger_trail.entries_of(payment)):
        abort(404)
    if not distribution.may_distribute(current_user, payment):
        abort(403, description=str(distribution.LICENSOR_ONLY))
    labels = describe([entry.debit, entry.credit])
    answer = confirmation_step(
        title=_("Reverse a ledger entry"),
        question=_("Reverse the entry of %(amount)s from %(debit)s to %(credit)s?",
                   amount=format_money(entry.amount), debit=labels[entry.debit],
                   credit=labels[entry.credit]),
        consequence=_("An opposite entry is posted; the entry itself stays in the ledger, "
                      "marked as reversed."),
        confirm_label=_("Reverse"),
        cancel_url=url_for("licensing.payment_trail", payment_id=payment.id))
    if answer is not None:
        return answer
    _reversal, error = run_service(distribution.reverse, current_user, entry)
    if error is not None:
        return fail(error)
    flash(_("The entry is reversed."), "success")
    return redirect(url_for("licensing.payment_trail", payment_id=payment.id))
