"""Patents: the public catalogue, a patent's page, and recording by its owners."""

from dataclasses import replace
from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import db
from ...models import (
    Alliance,
    Organization,
    Patent,
)
from ...patent_io.records import RowErrors, parse_patent
from ...permissions import get_visible_or_404
from ...services import listings, patent_tags, patents
from ...services.catalogue import search
from ...services.patent_cards import load_cards
from ..paging import ResultPage
from ..views_util import confirmation_step, fail, form_status, run_service
from .filters import filter_form
from .forms import PatentForm, TagsForm
from .params import catalogue_query, page_args

bp = Blueprint("patents", __name__)

PER_PAGE = 20


@bp.route("/")
def index():
    query = catalogue_query(request.args)
    page, per_page = page_args(request.args, PER_PAGE, PER_PAGE)
    found = search(query, current_user, page, per_page)
    listed = listings.listings_for([p.id for p in found.items], current_user)
    return render_template(
        "patents/index.html", query=query, total=found.total, exact=found.exact,
        listed=listed,
        page=ResultPage(found.items, found.total, page, per_page), form=filter_form())


@bp.route("/<int:patent_id>")
def detail(patent_id: int):
    patent = get_visible_or_404(Patent, patent_id)
    return render_template(
        "patents/detail.html", patent=patent, can_edit=patent.can_edit(current_user),
        listing=listings.listings_for([patent.id], current_user).get(patent.id),
        open_licence=listings.declared_open_licence(patent))


def _own_organisation() -> Organization:
    """The organisation whose patents the current user records (404 if none)."""
    if not current_user.is_authenticated or current_user.organization_id is None:
        abort(404)
    return db.get_or_404(Organization, current_user.organization_id)


@bp.route("/mine")
@login_required
def mine():
    org = _own_organisation()
    ids = db.session.scalars(db.select(Patent.id).where(
        Patent.owners.any(organization_id=org.id))
        .order_by(Patent.filing_date.desc(), Patent.id.desc())).all()
    rows = load_cards(list(ids))
    return render_template("patents/mine.html", org=org, patents=rows,
                           listed=listings.listings_for(list(ids), current_user),
                           filed_on=_("filed on %(date)s"),
                           can_record=current_user.is_org_admin)


def _save(form: PatentForm, org: Organization, patent: Patent | None):
    """Validate the record with the shared parser, then save it; (patent, None) or
    (None, response)."""
    try:
        rec = parse_patent(form.raw_record())
    except RowErrors as errors:
        for error in errors.errors:
            field = getattr(form, getattr(error, "field", "") or "", None)
            message = _(error.template) % error.params
            if field is not None:
                field.errors = [*field.errors, message]
            else:
                form.form_errors.append(message)
        return None, None
    if form.legal_status.data:
        rec = replace(rec, legal_status=form.legal_status.data)
    result, error = run_service(_save_with_details, form, org, rec, patent)
    if error is not None:
        return None, error
    return result, None


def _save_with_details(form: PatentForm, org: Organization, rec, patent: Patent | None):
    saved, _changed = patents.save_patent(current_user, org, rec, patent)
    patents.set_legal_details(
        current_user, saved, term_extension_days=form.term_extension_days.data or 0,
        fees_paid_until=form.fees_paid_until.data, pledgee=form.pledgee.data or "",
        pledgee_consents=form.pledgee_consents.data,
        evaluation_report=form.evaluation_report.data or "")
    return saved


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    org = _own_organisation()
    if not current_user.is_org_admin:
        abort(403)
    form = PatentForm()
    if form.validate_on_submit():
        saved, error = _save(form, org, None)
        if error is not None:
            return fail(error, "patents/edit.html", form=form, patent=None)
        if saved is not None:
            flash(_("The patent is recorded."), "success")
            return redirect(url_for("patents.detail", patent_id=saved.id))
    return render_template("patents/edit.html", form=form, patent=None), form_status(form)


@bp.route("/<int:patent_id>/edit", methods=["GET", "POST"])
@login_required
def edit(patent_id: int):
    patent = get_visible_or_404(Patent, patent_id)
    if not patent.can_edit(current_user):
        abort(404 if not patent.is_owned_by(current_user) else 403)
    org = _recording_organisation(patent)
    form = PatentForm(obj=None if request.method == "POST" else _form_data(patent))
    if form.validate_on_submit():
        saved, error = _save(form, org, patent)
        if error is not None:
            return fail(error, "patents/edit.html", form=form, patent=patent)
        if saved is not None:
            flash(_("The patent is saved."), "success")
            return redirect(url_for("patents.detail", patent_id=saved.id))
    return render_template("patents/edit.html", form=form, patent=patent), form_status(form)


def _recording_organisation(patent: Patent) -> Organization:
    """The owner the change is recorded for: the user's own organisation, or (for a
    platform administrator) the first owner on the platform."""
    if current_user.organization_id in patent.owner_org_ids:
        return db.session.get(Organization, current_user.organization_id)
    org = next((o.organization for o in patent.owners if o.organization is not None), None)
    if org is None:
        abort(409, description=_("No owner of this patent is on the platform."))
    return org


def _form_data(patent: Patent):
    """An object whose attributes fill the form with the stored patent."""
    data = SimpleNamespace()
    for name in ("application_number", "title", "abstract", "legal_status", "filing_date",
                 "publication_date", "grant_date", "term_extension_days", "fees_paid_until",
                 "pledgee", "pledgee_consents", "evaluation_report"):
        setattr(data, name, getattr(patent, name))
    data.kind, data.status = patent.kind.value, patent.status.value
    data.ipc = "; ".join(patent.ipc)
    data.owners = "\n".join(f"{o.name}:{o.share.normalize():f}" for o in patent.owners)
    data.inventors = "; ".join(i.name for i in patent.inventors)
    return data


@bp.route("/<int:patent_id>/delete", methods=["GET", "POST"])
@login_required
def delete(patent_id: int):
    patent = get_visible_or_404(Patent, patent_id)
    if not patent.can_edit(current_user):
        abort(403)
    answer = confirmation_step(
        title=_("Delete patent"),
        question=_("Delete patent %(number)s, %(title)s?", number=patent.application_number,
                   title=patent.title),
        consequence=_("Use this only for a patent recorded in error. The audit trail keeps "
                      "what it was."),
        confirm_label=_("Delete"), cancel_url=url_for("patents.detail", patent_id=patent.id))
    if answer is not None:
        return answer
    _result, error = run_service(patents.delete_patent, current_user, patent)
    if error is not None:
        return fail(error)
    flash(_("The patent is deleted."), "success")
    return redirect(url_for("patents.mine"))


@bp.route("/<int:patent_id>/alliances", methods=["GET", "POST"])
@login_required
def tags(patent_id: int):
    patent = get_visible_or_404(Patent, patent_id)
    if not patent.can_edit(current_user):
        abort(403)
    alliances = db.session.scalars(db.select(Alliance).order_by(Alliance.position)).all()
    form = TagsForm()
    form.alliances.choices = [(a.id, a.name) for a in alliances]
    if request.method == "GET":
        form.alliances.data = [t.alliance_id for t in patent.tags]
    if form.validate_on_submit():
        _result, error = run_service(patent_tags.confirm_tags, current_user, patent,
                                     set(form.alliances.data or []))
        if error is None:
            flash(_("The alliances are confirmed."), "success")
            return redirect(url_for("patents.detail", patent_id=patent.id))
        return fail(error, "patents/tags.html", form=form, patent=patent)
    return render_template("patents/tags.html", form=form, patent=patent), form_status(form)

