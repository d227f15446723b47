"""Listings: licensable patents offered by their owners, co-owners' consent, withdrawal."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Organization, Patent
from ...models.listings import LicenceKind, Listing, ListingStatus, Visibility
from ...permissions import get_visible_or_404
from ...services import listings
from ...services import patents as patent_service
from ..paging import paginate
from ..views_util import confirmation_step, fail, form_status, run_service
from .forms import ListingForm

bp = Blueprint("licensing", __name__)

PER_PAGE = 20


@bp.route("/listings/")
def listings_index():
    stmt = select(Listing).where(Listing.status == ListingStatus.LISTED,
                                 Listing.visibility == Visibility.PUBLIC)
    if current_user.is_authenticated and current_user.organization_id:
        stmt = select(Listing).where(
            (Listing.status == ListingStatus.LISTED)
            | (Listing.organization_id == current_user.organization_id))
    stmt = stmt.options(selectinload(Listing.organization),
                        selectinload(Listing.patents).selectinload(Patent.owners),
                        selectinload(Listing.patents).selectinload(Patent.tags))
    page = paginate(stmt.order_by(Listing.listed_at.desc(), Listing.id.desc()), PER_PAGE)
    visible = [row for row in page.items if row.can_view(current_user)]
    return render_template("licensing/listings.html", page=page, listings=visible)


def _org_patents(org_id: int) -> list[Patent]:
    return patent_service.owned_by(org_id, Patent.is_published,
                                   order_by=Patent.filing_date.desc())


@bp.route("/listings/new", methods=["GET", "POST"])
@login_required
def create_listing():
    if not current_user.is_org_admin or current_user.organization_id is None:
        abort(403)
    org = db.session.get(Organization, current_user.organization_id)
    form = ListingForm()
    own = _org_patents(org.id)
    form.patents.choices = [(p.id, f"{p.application_number} {p.title}") for p in own]
    if request.method == "GET" and request.args.get("patent", type=int):
        form.patents.data = [request.args.get("patent", type=int)]
    if form.validate_on_submit():
        chosen = [p for p in own if p.id in set(form.patents.data)]
        offer = listings.Offer(
            title=form.title.data, description=form.description.data or "",
            kinds=frozenset(LicenceKind(k) for k in form.kinds.data),
            sublicensing_allowed=form.sublicensing_allowed.data,
            fields_of_use=form.fields_of_use.data or "", territory=form.territory.data or "",
            term_months=form.term_months.data, price_shown=form.price_shown.data,
            visibility=Visibility(form.visibility.data), contact=form.contact.data or "")
        listing, error = run_service(listings.create_listing, current_user, org, chosen, offer,
                                     form.royalty())
        if error is not None:
            return fail(error, "licensing/listing_form.html", form=form)
        if listing.status is ListingStatus.AWAITING_CONSENT:
            flash(_("Saved. It is listed once every co-owner has consented."), "info")
        else:
            flash(_("The patent is listed."), "success")
        return redirect(url_for("licensing.listing", listing_id=listing.id))
    return render_template("licensing/listing_form.html", form=form), form_status(form)


@bp.route("/listings/<int:listing_id>")
def listing(listing_id: int):
    item = get_visible_or_404(Listing, listing_id)
    return render_template(
        "licensing/listing.html", listing=item, can_manage=item.can_manage(current_user),
        can_request=current_user.is_authenticated and item.can_request(current_user),
        consent=listings.pending_consent(item, current_user))


@bp.route("/listings/<int:listing_id>/consent", methods=["POST"])
@login_required
def consent(listing_id: int):
    item = get_visible_or_404(Listing, listing_id)
    give = request.form.get("decision") == "give"
    if request.form.get("decision") not in ("give", "refuse"):
        abort(400, description=_("Choose to give or refuse consent."))
    _result, error = run_service(listings.decide_consent, current_user, item, give)
    if error is not None:
        return fail(error)
    flash(_("Your consent is recorded.") if give else _("Your refusal is recorded."), "success")
    return redirect(url_for("licensing.listing", listing_id=item.id))


@bp.route("/listings/<int:listing_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw_listing(listing_id: int):
    item = get_visible_or_404(Listing, listing_id)
    if not item.can_manage(current_user):
        abort(403)
    answer = confirmation_step(
        title=_("Withdraw listing"), question=_("Withdraw the listing %(title)s?",
                                                title=item.title),
        consequence=_("Nobody can request a licence on it any more. Open requests stay "
                      "until their parties end them; licences granted continue."),
        confirm_label=_("Withdraw"),
        cancel_url=url_for("licensing.listing", listing_id=item.id))
    if answer is not None:
        return answer
    _result, error = run_service(listings.withdraw_listing, current_user, item)
    if error is not None:
        return fail(error)
    flash(_("The listing is withdrawn."), "success")
    return redirect(url_for("licensing.listing", listing_id=item.id))

