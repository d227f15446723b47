"""Licence requests: filing one on a listing, the negotiation page of both parties, and the
moves (review, counter, revise, accept, reject, withdraw)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models.licensing import LicenceRequest
from ...models.listings import LicenceKind, Listing
from ...permissions import get_visible_or_404
from ...services import licence_requests as flow
from ..paging import paginate
from ..views_util import fail, form_status, run_service
from .forms import MessageForm, ProposalForm
from .views import bp


def proposal_of(form: ProposalForm) -> flow.Proposal:
    return flow.Proposal(
        kind=LicenceKind(form.kind.data), field_of_use=form.field_of_use.data or "",
        territory=form.territory.data or "", start_date=form.start_date.data,
        end_date=form.end_date.data, royalty=form.royalty(),
        sublicensing=form.sublicensing.data)


@bp.route("/listings/<int:listing_id>/request", methods=["GET", "POST"])
@login_required
def new_request(listing_id: int):
    listing = get_visible_or_404(Listing, listing_id)
    form = ProposalForm()
    if request.method == "GET":
        form.kind.data = listing.offered_kinds[0].value
        form.royalty_kind.data = listing.royalty_kind.value if listing.royalty_kind else None
        form.field_of_use.data, form.territory.data = listing.fields_of_use, listing.territory
    if form.validate_on_submit():
        req, error = run_service(flow.create_request, current_user, listing,
                                 proposal_of(form), form.intended_use.data or "",
                                 form.message.data or "")
        if error is not None:
            return fail(error, "licensing/request_form.html", form=form, listing=listing)
        flash(_("Your request is sent."), "success")
        return redirect(url_for("licensing.request", request_id=req.id))
    return render_template("licensing/request_form.html", form=form, listing=listing), \
        form_status(form)


@bp.route("/requests/")
@login_required
def requests_index():
    org_id = current_user.organization_id
    if current_user.is_platform_admin:
        stmt = select(LicenceRequest)
    elif org_id is None:
        abort(404)
    else:
        stmt = select(LicenceRequest).join(Listing).where(or_(
            LicenceRequest.requester_id == org_id, Listing.organization_id == org_id))
    page = paginate(stmt.options(selectinload(LicenceRequest.listing),
                                 selectinload(LicenceRequest.requester))
                    .order_by(LicenceRequest.id.desc()), per_page=30)
    return render_template("licensing/requests.html", page=page)


def _load(request_id: int) -> LicenceRequest:
    return get_visible_or_404(LicenceRequest, request_id)


@bp.route("/requests/<int:request_id>", endpoint="request")
@login_required
def request_page(request_id: int):
    req = _load(request_id)
    side = req.side_of(current_user)
    proposal = ProposalForm(formdata=None, obj=req)
    proposal.royalty_kind.data = req.royalty_kind.value if req.royalty_kind else None
    proposal.kind.data = req.kind.value
    return render_template("licensing/request.html", req=req, side=side, proposal=proposal,
                           message_form=MessageForm(formdata=None))


ACTIONS = {
    "review": lambda req, form: flow.start_review(current_user, req),
    "accept": lambda req, form: flow.accept(current_user, req, form.message.data or ""),
    "reject": lambda req, form: flow.reject(current_user, req, form.message.data or ""),
    "withdraw": lambda req, form: flow.withdraw(current_user, req, form.message.data or ""),
    "submit": lambda req, form: flow.submit_request(current_user, req),
}
DONE = {
    "review": _l("The request is under review."),
    "accept": _l("Accepted: the licence is granted."),
    "reject": _l("The request is rejected."),
    "withdraw": _l("The request is withdrawn."),
    "submit": _l("The request is sent."),
}


@login_required
def move(request_id: int, action: str):
    req = _load(request_id)
    form = MessageForm()
    if not form.validate():
        abort(400)
    _result, error = run_service(ACTIONS[action], req, form)
    if error is not None:
        return _refused(req, error)
    flash(str(DONE[action]), "success")
    return redirect(url_for("licensing.request", request_id=req.id))


@login_required
def propose(request_id: int, action: str):
    req = _load(request_id)
    form = ProposalForm()
    if not form.validate():
        return render_template("licensing/request.html", req=req, side=req.side_of(current_user),
                               proposal=form, message_form=MessageForm(formdata=None),
                               open_form=action), 400
    call = flow.counter if action == "counter" else flow.revise
    _result, error = run_service(call, current_user, req, proposal_of(form),
                                 form.message.data or "")
    if error is not None:
        return _refused(req, error, proposal=form, open_form=action)
    flash(_("Your terms are sent."), "success")
    return redirect(url_for("licensing.request", request_id=req.id))


for _name in ACTIONS:
    bp.add_url_rule(f"/requests/<int:request_id>/{_name}", endpoint="move", view_func=move,
                    defaults={"action": _name}, methods=["POST"])
for _name in ("counter", "revise"):
    bp.add_url_rule(f"/requests/<int:request_id>/{_name}", endpoint="propose",
                    view_func=propose, defaults={"action": _name}, methods=["POST"])


def _refused(req: LicenceRequest, error, proposal=None, open_form=None):
    db.session.refresh(req)
    flash(str(error.message), "danger")
    form = proposal or ProposalForm(formdata=None, obj=req)
    return render_template("licensing/request.html", req=req, side=req.side_of(current_user),
                           proposal=form, message_form=MessageForm(formdata=None),
                           open_form=open_form), error.status

