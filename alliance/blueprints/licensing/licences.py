"""Licences (both parties' dashboard, a licence's page, its 备案 registration sheet) and
open licences (declare, obtain by written notice, withdraw)."""

import csv
import io
from datetime import date

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Organization, Patent
from ...models.licensing import Licence, LicenceStatus
from ...models.listings import OpenLicence, OpenLicenceStatus, RoyaltyKind
from ...permissions import get_visible_or_404
from ...services import licences as licence_service
from ...services import open_licences
from ..views_util import confirmation_step, fail, form_status, run_service
from .forms import OpenLicenceForm, RegistrationForm
from .views import bp


@bp.route("/licences/")
@login_required
def licences_index():
    org_id = current_user.organization_id
    if org_id is None and not current_user.is_platform_admin:
        abort(404)
    stmt = select(Licence).options(selectinload(Licence.licensor), selectinload(
        Licence.licensee)).order_by(Licence.effective_date.desc(), Licence.id.desc())
    if not current_user.is_platform_admin:
        stmt = stmt.where(or_(Licence.licensor_id == org_id, Licence.licensee_id == org_id))
    rows = db.session.scalars(stmt.limit(500)).all()
    return render_template("licensing/licences.html", licences=rows, org_id=org_id,
                           today=date.today())


@bp.route("/licences/<int:licence_id>", methods=["GET", "POST"])
@login_required
def licence(licence_id: int):
    item = get_visible_or_404(Licence, licence_id)
    form = RegistrationForm()
    if form.validate_on_submit():
        _result, error = run_service(licence_service.register, current_user, item,
                                     form.number.data, form.registered_on.data)
        if error is None:
            flash(_("The registration is recorded."), "success")
            return redirect(url_for("licensing.licence", licence_id=item.id))
        return fail(error, "licensing/licence.html", form=form, licence=item,
                    **_due_context(item))
    return render_template("licensing/licence.html", form=form, licence=item,
                           **_due_context(item)), form_status(form)


def _due_context(item: Licence) -> dict:
    return {"registration": item.registration_state(date.today())}


def registration_rows(item: Licence) -> list[tuple[str, str]]:
    """The fields the 备案 filing requires (registration rules, CNIPA Order No. 62, Art. 9):
    the parties' names and addresses; per patent its title, number, filing and grant dates;
    the licence kind and term; optionally the fee and territory."""
    rows = [(_("Licensor"), item.licensor.name_zh), (_("Licensor's address"),
                                                     item.licensor.region or ""),
            (_("Licensee"), item.licensee.name_zh), (_("Licensee's address"),
                                                     item.licensee.region or "")]
    for patent in item.patents:
        rows += [(_("Patent title"), patent.title),
                 (_("Patent number"), patent.patent_number),
                 (_("Filing date"), patent.filing_date.isoformat() if patent.filing_date else ""),
                 (_("Grant date"), patent.grant_date.isoformat() if patent.grant_date else "")]
    rows += [(_("Licence kind"), str(item.kind.label)),
             (_("Term"), f"{item.start_date.isoformat()} – {item.end_date.isoformat()}"),
             (_("Territory"), item.territory or _("All of China")),
             (_("Royalty structure"), str(item.royalty_kind.label) if item.royalty_kind else ""),
             (_("Takes effect"), item.effective_date.isoformat()),
             (_("Registration due by"), item.registration_due.isoformat())]
    return rows


@bp.route("/licences/<int:licence_id>/registration.csv")
@login_required
def registration_sheet(licence_id: int):
    item = get_visible_or_404(Licence, licence_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_("Field"), _("Value")])
    for label, value in registration_rows(item):
        writer.writerow([label, value.lstrip("=+-@") if value[:1] in "=+-@" else value])
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return send_file(io.BytesIO(data), mimetype="text/csv; charset=utf-8", as_attachment=True,
                     download_name=f"licence-{item.reference}-registration.csv")


@bp.route("/patents/<int:patent_id>/open-licence", methods=["GET", "POST"])
@login_required
def declare_open_licence(patent_id: int):
    patent = get_visible_or_404(Patent, patent_id)
    if not patent.can_edit(current_user):
        abort(403)
    form = OpenLicenceForm()
    reason = open_licences.refusal(patent, date.today())
    if form.validate_on_submit():
        declaration = open_licences.Declaration(
            fee_method=form.fee_method.data, fee_standard=form.fee_standard.data,
            royalty=form.royalty(), term_start=form.term_start.data,
            term_end=form.term_end.data)
        offer, error = run_service(open_licences.declare, current_user, patent, declaration)
        if error is not None:
            return fail(error, "licensing/open_licence_form.html", form=form, patent=patent,
                        reason=reason)
        flash(_("The open licence is declared and published."), "success")
        return redirect(url_for("licensing.open_licence", offer_id=offer.id))
    return render_template("licensing/open_licence_form.html", form=form, patent=patent,
                           reason=reason), form_status(form)


@bp.route("/open-licences/")
def open_licences_index():
    rows = db.session.scalars(select(OpenLicence).join(Patent).options(
        selectinload(OpenLicence.patent), selectinload(OpenLicence.organization)).where(
        OpenLicence.status == OpenLicenceStatus.DECLARED, Patent.is_published)
        .order_by(OpenLicence.declared_at.desc()).limit(500)).all()
    return render_template("licensing/open_licences.html", offers=rows)


@bp.route("/open-licences/<int:offer_id>")
def open_licence(offer_id: int):
    offer = _offer_or_404(offer_id)
    user_org = current_user.organization_id if current_user.is_authenticated else None
    return render_template(
        "licensing/open_licence.html", offer=offer, can_withdraw=offer.patent.can_edit(
            current_user) and offer.status is OpenLicenceStatus.DECLARED,
        can_obtain=bool(current_user.is_authenticated and current_user.is_org_admin
                        and user_org not in offer.patent.owner_org_ids
                        and offer.status is OpenLicenceStatus.DECLARED),
        royalty_kinds=RoyaltyKind.labels(), active=LicenceStatus.ACTIVE)


def _offer_or_404(offer_id: int) -> OpenLicence:
    offer = db.get_or_404(OpenLicence, offer_id)
    if not offer.patent.can_view(current_user):
        abort(404)
    return offer


@bp.route("/open-licences/<int:offer_id>/obtain", methods=["GET", "POST"])
@login_required
def obtain_open_licence(offer_id: int):
    offer = _offer_or_404(offer_id)
    org = db.session.get(Organization, current_user.organization_id) \
        if current_user.organization_id else None
    if org is None:
        abort(403)
    answer = confirmation_step(
        title=_("Obtain an open licence"),
        question=_("Give written notice that %(org)s takes a non-exclusive licence on "
                   "%(number)s on the published terms?", org=org.name,
                   number=offer.patent.application_number),
        consequence=_("The licence takes effect at once; pay as published: %(fee)s",
                      fee=offer.fee_standard),
        confirm_label=_("Give notice"),
        cancel_url=url_for("licensing.open_licence", offer_id=offer.id))
    if answer is not None:
        return answer
    item, error = run_service(open_licences.obtain, current_user, offer, org)
    if error is not None:
        return fail(error)
    flash(_("You hold a non-exclusive licence. Register it with CNIPA by %(date)s.",
            date=item.registration_due.isoformat()), "success")
    return redirect(url_for("licensing.licence", licence_id=item.id))


@bp.route("/open-licences/<int:offer_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_open_licence(offer_id: int):
    offer = _offer_or_404(offer_id)
    if not offer.patent.can_edit(current_user):
        abort(403)
    answer = confirmation_step(
        title=_("Withdraw the open licence"),
        question=_("Withdraw the open licence on %(number)s?",
                   number=offer.patent.application_number),
        consequence=_("The withdrawal is published. Licences already obtained continue."),
        confirm_label=_("Withdraw"),
        cancel_url=url_for("licensing.open_licence", offer_id=offer.id))
    if answer is not None:
        return answer
    _result, error = run_service(open_licences.withdraw, current_user, offer)
    if error is not None:
        return fail(error)
    flash(_("The open licence is withdrawn."), "success")
    return redirect(url_for("licensing.open_licence", offer_id=offer.id))

