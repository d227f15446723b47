"""Benefit-sharing agreements: my organisation's list, a new draft from its patents, an
agreement with its versions and floor check, sending, signing, amending, cancelling, and a
printable view of each version."""

import json
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ...extensions import db
from ...models import Organization, Patent
from ...models.licensing import Licence
from ...models.sharing import Agreement, AgreementParty, AgreementVersion, VersionStatus
from ...permissions import get_visible_or_404
from ...services import ServiceError
from ...services import agreements as flow
from ...services import patents as patent_service
from ...services.agreement_links import licences_to_name
from ...services.agreement_terms import EXAMPLE_AMOUNT, Terms, check_floors, default_shares
from ..views_util import confirmation_step, fail, form_status, run_service
from .forms import ActionForm, AgreementForm, SendForm

bp = Blueprint("sharing", __name__)

@bp.app_template_filter("percent")
def percent(value) -> str:
    """A percentage as plain text without trailing zeros (50.0000 → "50")."""
    return "" if value is None else format(Decimal(value).normalize(), "f")


def _org_admin() -> None:
    if not current_user.is_org_admin or current_user.organization_id is None:
        abort(403)


@bp.route("/")
@login_required
def index():
    org_id = current_user.organization_id
    stmt = select(Agreement).where(
        (Agreement.created_by_org_id == org_id)
        | Agreement.id.in_(select(AgreementVersion.agreement_id).join(AgreementParty).where(
            AgreementParty.organization_id == org_id))).order_by(Agreement.id.desc())
    agreements = [a for a in db.session.scalars(stmt) if a.can_view(current_user)]
    return render_template("sharing/agreements.html", agreements=agreements)


def _own_patents() -> list[Patent]:
    return patent_service.owned_by(current_user.organization_id)


def _org_choices(patents: list[Patent], version=None) -> list[tuple[int, str]]:
    """The organisations a party row may name: mine, the co-owners of ``patents`` and the
    parties of ``version``."""
    ids = {current_user.organization_id} | {o.organization_id for p in patents
                                             for o in p.owners if o.organization_id}
    ids |= {p.organization_id for p in version.parties} if version is not None else set()
    orgs = db.session.scalars(select(Organization).where(Organization.id.in_(ids))
                              .order_by(Organization.id))
    return [(o.id, o.name) for o in orgs]


def _choices(form: AgreementForm, patents: list[Patent], version=None) -> None:
    """The patents, licences and organisations the form offers."""
    form.patents.choices = [(p.id, f"{p.application_number} {p.title}") for p in patents]
    form.licences.choices = [
        (lic.id, _("%(ref)s to %(licensee)s", ref=lic.reference, licensee=lic.licensee.name))
        for lic in licences_to_name(current_user.organization_id, version)]
    form.set_org_choices(_org_choices(patents, version))


def _fill_defaults(form: AgreementForm, chosen: list[Patent]) -> None:
    try:
        shares = default_shares(chosen)
    except ServiceError as error:
        form.parties.errors = [str(error.message)]
        return
    for entry, (org_id, share) in zip(form.parties, shares, strict=False):
        entry.form.organization.data, entry.form.share.data = org_id, share
        entry.form.share.raw_data = []  # show the default, not what was posted


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    _org_admin()
    own = _own_patents()
    form = AgreementForm()
    _choices(form, own)
    chosen_ids = set(form.patents.data or [])
    if request.method == "GET" and request.args.get("patent", type=int):
        chosen_ids = {request.args.get("patent", type=int)}
        form.patents.data = list(chosen_ids)
    chosen = [p for p in own if p.id in chosen_ids]
    if request.method == "GET" and chosen or form.defaults.data:
        _fill_defaults(form, _subject_patents(form, own))
        return render_template("sharing/agreement_form.html", form=form)
    if form.validate_on_submit():
        agreement, error = run_service(flow.create_draft, current_user, form.title.data,
                                       chosen, _chosen_licences(form), form.party_terms())
        if error is not None:
            return _form_error(error, form)
        flash(_("The draft agreement is saved."), "success")
        return redirect(url_for("sharing.agreement", agreement_id=agreement.id))
    return render_template("sharing/agreement_form.html", form=form), form_status(form)


def _chosen_licences(form: AgreementForm) -> list[Licence]:
    """The ticked licences among those offered."""
    offered = {value for value, _label in form.licences.choices}
    return [db.session.get(Licence, lid) for lid in form.licences.data or []
            if lid in offered]


def _subject_patents(form: AgreementForm, patents: list[Patent]) -> list[Patent]:
    """The ticked patents and the patents of the ticked licences (for default shares)."""
    ticked = set(form.patents.data or [])
    return [p for p in patents if p.id in ticked] + [
        p for lic in _chosen_licences(form) for p in lic.patents]


def _form_error(error: ServiceError, form: AgreementForm, **context):
    """The form again with the service's message next to its field."""
    if form.place_error(error):
        return render_template("sharing/agreement_form.html", form=form,
                               **context), error.status
    return fail(error, "sharing/agreement_form.html", form=form, **context)


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
@login_required
def edit(agreement_id: int):
    item = get_visible_or_404(Agreement, agreement_id)
    if not item.can_edit(current_user):
        abort(403)
    version = item.latest_version
    if version.status is not VersionStatus.DRAFT:
        abort(409, description=str(flow.FROZEN))
    patents = list({p.id: p for p in [*_own_patents(), *version.patents]}.values())
    form = AgreementForm()
    _choices(form, patents, version)
    context = {"agreement": item, "version": version}
    if request.method == "GET":
        terms = Terms.of(version)
        form.title.data, form.patents.data = item.title, list(terms.patent_ids)
        form.licences.data = list(terms.licence_ids)
        form.fill(terms.parties)
    elif form.defaults.data:
        _fill_defaults(form, _subject_patents(form, patents))
        return render_template("sharing/agreement_form.html", form=form, **context)
    elif form.validate_on_submit():
        terms = Terms(tuple(form.party_terms()), tuple(form.patents.data or ()),
                      tuple(form.licences.data or ()))
        _result, error = run_service(flow.edit_draft, current_user, version, terms,
                                     title=form.title.data)
        if error is not None:
            return _form_error(error, form, **context)
        flash(_("The draft is saved."), "success")
        return redirect(url_for("sharing.agreement", agreement_id=item.id))
    return render_template("sharing/agreement_form.html", form=form,
                           **context), form_status(form)


def _page(item: Agreement, send_form=None, status: int = 200):
    version = item.latest_version
    checks = check_floors(version) if version.status is VersionStatus.DRAFT else []
    may_act = item.can_edit(current_user)
    signed = {s.organization_id for s in version.signatures}
    return render_template(
        "sharing/agreement.html", agreement=item, version=version, checks=checks,
        example_amount=EXAMPLE_AMOUNT, may_act=may_act, send_form=send_form or SendForm(),
        action_form=ActionForm(),
        may_sign=may_act and version.status is VersionStatus.SENT
        and current_user.organization_id not in signed), status


@bp.route("/<int:agreement_id>")
@login_required
def agreement(agreement_id: int):
    return _page(get_visible_or_404(Agreement, agreement_id))


@bp.route("/<int:agreement_id>/send", methods=["POST"])
@login_required
def send(agreement_id: int):
    item = get_visible_or_404(Agreement, agreement_id)
    form = SendForm()
    if not form.validate_on_submit():
        abort(400)
    _checks, error = run_service(flow.send_for_signature, current_user, item.latest_version,
                                 acknowledge=bool(form.acknowledge.data))
    if error is not None:
        if error.status != 400:
            return fail(error)
        if error.field == "acknowledge":
            form.acknowledge.errors = [str(error.message)]
        else:
            flash(str(error.message), "danger")
        return _page(item, form, error.status)
    flash(_("The version is sent for signature."), "success")
    return redirect(url_for("sharing.agreement", agreement_id=item.id))


def _one_button(agreement_id: int, call, done: str):
    item = get_visible_or_404(Agreement, agreement_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    _result, error = run_service(call, current_user, item)
    if error is not None:
        return fail(error)
    flash(done, "success")
    return redirect(url_for("sharing.agreement", agreement_id=item.id))


@bp.route("/<int:agreement_id>/sign", methods=["POST"])
@login_required
def sign(agreement_id: int):
    return _one_button(agreement_id, lambda user, item: flow.sign(user, item.latest_version),
                       _("Your organisation's signature is recorded."))


@bp.route("/<int:agreement_id>/amend", methods=["POST"])
@login_required
def amend(agreement_id: int):
    return _one_button(agreement_id, flow.amend,
                       _("An amendment is drawn up as a new draft version."))


@bp.route("/<int:agreement_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(agreement_id: int):
    item = get_visible_or_404(Agreement, agreement_id)
    if not item.can_edit(current_user):
        abort(403)
    answer = confirmation_step(
        title=_("Cancel the agreement"),
        question=_("Cancel the agreement %(title)s?", title=item.title),
        consequence=_("Nobody can sign it any more; its versions stay in the history."),
        confirm_label=_("Cancel the agreement"),
        cancel_url=url_for("sharing.agreement", agreement_id=item.id))
    if answer is not None:
        return answer
    _result, error = run_service(flow.cancel, current_user, item)
    if error is not None:
        return fail(error)
    flash(_("The agreement is cancelled."), "success")
    return redirect(url_for("sharing.agreement", agreement_id=item.id))


@bp.route("/<int:agreement_id>/versions/<int:number>")
@login_required
def printable(agreement_id: int, number: int):
    item = get_visible_or_404(Agreement, agreement_id)
    version = next((v for v in item.versions if v.number == number), None)
    if version is None:
        abort(404)
    content = json.dumps(version.content, indent=2, sort_keys=True, ensure_ascii=False)
    return render_template("sharing/print.html", agreement=item, version=version,
                           content=content)
