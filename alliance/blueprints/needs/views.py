"""Technology needs: the list, post and edit, the need page with its matches and answers,
answer, solve and withdraw."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models.listings import Listing
from ...models.needs import Need, NeedAnswer, NeedVisibility
from ...permissions import get_visible_or_404
from ...services import need_matches, needs
from ..paging import paginate
from ..views_util import (
    confirmation_step,
    fail,
    first_error,
    flash_with_mail_outcome,
    form_status,
    run_service,
)
from .forms import AnswerForm, NeedForm, SolveForm

bp = Blueprint("needs", __name__)

PER_PAGE = 20


@bp.route("/")
def index():
    stmt = needs.open_needs_query(current_user).options(selectinload(Need.organization))
    page = paginate(stmt, PER_PAGE)
    own = needs.own_needs(current_user.organization_id) \
        if current_user.is_authenticated and current_user.organization_id else []
    return render_template("needs/index.html", page=page, own=own,
                           can_post=current_user.is_authenticated and current_user.is_org_admin)


def _need_input(form: NeedForm) -> needs.NeedInput:
    return needs.NeedInput(
        title=form.title.data or "", description=form.description.data or "",
        ipc=form.ipc.data or "", keywords=form.keywords.data or "",
        budget_min=form.budget_min.data, budget_max=form.budget_max.data,
        deadline=form.deadline.data, visibility=NeedVisibility(form.visibility.data),
        alliance_ids=tuple(form.alliances.data or ()) if "alliances" in form else ())


def _alliance_choices(form: NeedForm, org) -> None:
    """The organisation's alliances to show the need to; without any, only "everyone"."""
    form.alliances.choices = [(a.id, a.full_name) for a in needs.member_alliances(org)]
    if not form.alliances.choices:
        form.visibility.choices = NeedVisibility.choices([NeedVisibility.PUBLIC])
        del form.alliances


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    org = current_user.organization
    if not current_user.is_org_admin or org is None or not org.is_approved:
        abort(403)
    form = NeedForm()
    _alliance_choices(form, org)
    if form.validate_on_submit():
        need, error = run_service(needs.post_need, current_user, org, _need_input(form))
        if error is not None:
            return fail(error, "needs/form.html", form=form, need=None)
        flash_with_mail_outcome(_("The need is posted."),
                                nobody=_("No listing matches it yet: its owners will find it "
                                         "on the needs page."))
        return redirect(url_for("needs.detail", need_id=need.id))
    return render_template("needs/form.html", form=form, need=None), form_status(form)


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
def edit(need_id: int):
    need = get_visible_or_404(Need, need_id)
    if not need.can_manage(current_user):
        abort(403)
    form = NeedForm(obj=need if request.method == "GET" else None)
    _alliance_choices(form, need.organization)
    if request.method == "GET":
        form.ipc.data = "; ".join(need.symbols)
        form.visibility.data = need.visibility.value
        if "alliances" in form:
            form.alliances.data = [a.id for a in need.alliances]
    if form.validate_on_submit():
        _result, error = run_service(needs.edit_need, current_user, need, _need_input(form))
        if error is not None:
            return fail(error, "needs/form.html", form=form, need=need)
        flash(_("The need is saved."), "success")
        return redirect(url_for("needs.detail", need_id=need.id))
    return render_template("needs/form.html", form=form, need=need), form_status(form)


def _answer_form(need: Need) -> AnswerForm | None:
    if not need.can_answer(current_user):
        return None
    form = AnswerForm()
    form.listing.choices = [(0, _("No listing, only a message"))] + [
        (x.id, x.title) for x in needs.answerable_listings(current_user.organization_id)]
    return form


def _solve_form(need: Need) -> SolveForm:
    form = SolveForm()
    form.answer.choices = [(0, _("Not by an answer here"))] + [
        (a.id, _("%(org)s: %(what)s", org=a.organization.name,
                 what=a.listing.title if a.listing else a.message[:60]))
        for a in need.answers]
    return form


def _detail(need: Need, answer_form=None, solve_form=None, status: int = 200):
    own = need.can_see_matches(current_user)
    listed, orgs = need_matches.suggestions(need) if own and need.is_open else ([], [])
    visible_answers = need.answers if own else [
        a for a in need.answers if a.organization_id == current_user.organization_id]
    return render_template(
        "needs/detail.html", need=need, listed=listed, orgs=orgs, answers=visible_answers,
        own=own, can_manage=need.can_manage(current_user) and need.is_open,
        answer_form=answer_form or _answer_form(need),
        solve_form=solve_form or (_solve_form(need) if need.can_manage(current_user) else None),
    ), status


@bp.route("/<int:need_id>")
def detail(need_id: int):
    need = get_visible_or_404(Need, need_id)
    return _detail(need)


@bp.route("/<int:need_id>/answer", methods=["POST"])
@login_required
def answer(need_id: int):
    need = get_visible_or_404(Need, need_id)
    form = _answer_form(need)
    if form is None:  # the service says why: not open (409) or not for this user (403)
        _result, error = run_service(needs.answer, current_user, need, None, "")
        return fail(error)
    if not form.validate_on_submit():
        return _detail(need, answer_form=form, status=400)
    listing = db.session.get(Listing, form.listing.data) if form.listing.data else None
    _result, error = run_service(needs.answer, current_user, need, listing,
                                 form.message.data or "")
    if error is not None:
        field = getattr(form, error.field or "", None)
        if field is not None:
            field.errors = [*field.errors, str(error.message)]
        else:
            flash(str(error.message), "danger")
        return _detail(need, answer_form=form, status=error.status)
    flash(_("Your answer is sent."), "success")
    return redirect(url_for("needs.detail", need_id=need.id))


@bp.route("/<int:need_id>/solve", methods=["POST"])
@login_required
def solve(need_id: int):
    need = get_visible_or_404(Need, need_id)
    if not need.can_manage(current_user):
        abort(403)
    form = _solve_form(need)
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    chosen = db.session.get(NeedAnswer, form.answer.data) if form.answer.data else None
    _result, error = run_service(needs.solve, current_user, need, chosen)
    if error is not None:
        return fail(error)
    flash(_("The need is marked solved."), "success")
    return redirect(url_for("needs.detail", need_id=need.id))


@bp.route("/<int:need_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(need_id: int):
    need = get_visible_or_404(Need, need_id)
    if not need.can_manage(current_user):
        abort(403)
    step = confirmation_step(
        title=_("Withdraw the need"), question=_("Withdraw the need %(title)s?",
                                                 title=need.title),
        consequence=_("Nobody else sees it any more and no answer can be sent."),
        confirm_label=_("Withdraw"), cancel_url=url_for("needs.detail", need_id=need.id))
    if step is not None:
        return step
    _result, error = run_service(needs.withdraw, current_user, need)
    if error is not None:
        return fail(error)
    flash(_("The need is withdrawn."), "success")
    return redirect(url_for("needs.detail", need_id=need.id))
