"""The ten alliances: public pages, join requests and the coordinator's decisions."""

import hashlib

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ...caching import cached
from ...i18n import current_locale
from ...models import Membership, MembershipRole, MembershipStatus, Sector
from ...models.pools import may_see_pools
from ...permissions import ensure, get_visible_or_404
from ...services import directory, memberships
from ..paging import paginate
from ..shared_forms import DecisionForm
from ..views_util import (
    confirmation_step,
    fail,
    flash_with_mail_outcome,
    run_service,
    sector_filter,
)
from .forms import JoinRequestForm

bp = Blueprint("alliances", __name__)

PER_PAGE = 50
HISTORY_PER_PAGE = 20


def _alliance_or_404(code: str):
    alliance = directory.alliance_by_code(code)
    if alliance is None:
        abort(404)
    return alliance


@bp.route("/")
def index():
    return render_template(
        "alliances/index.html",
        alliances=directory.all_alliances(),
        counts=directory.member_counts_by_sector(),
        sectors=list(Sector),
    )


def _members(alliance, counts: dict):
    """The member list (search form, rows, pager): the same for every visitor, rendered once
    per alliance, language, filter, page and directory state."""
    sector = sector_filter()
    query = request.args.get("q", "")[:100]
    asked = hashlib.sha256(f"{sector}|{query}|{request.args.get('page', '')[:12]}".encode())

    def render():
        known = None if query else (counts.get(sector, 0) if sector else sum(counts.values()))
        page = paginate(directory.active_members(alliance, sector, query), per_page=PER_PAGE,
                        total=known)
        return Markup(render_template("alliances/_members.html", alliance=alliance, page=page,
                                      sector=sector, query=query, sectors=list(Sector)))

    key = (f"alliance-members:{alliance.id}:{current_locale()}:{asked.hexdigest()[:24]}:"
           f"{directory.directory_state()}")
    return cached(key, render)


def _render_detail(alliance, join_form=None, status=200):
    counts = directory.member_counts_by_sector(alliance).get(alliance.id, {})
    members = _members(alliance, counts)
    can_manage = alliance.can_manage(current_user)
    org = current_user.organization if current_user.is_authenticated else None
    own = memberships.open_membership(org, alliance) if org is not None else None
    can_join = org is not None and org.can_request_membership(current_user) and own is None
    return render_template(
        "alliances/detail.html", alliance=alliance, members=members, sectors=list(Sector),
        counts=counts,
        own_membership=own, join_form=join_form or (JoinRequestForm() if can_join else None),
        can_manage=can_manage, can_see_pools=may_see_pools(alliance, current_user),
        pending_count=directory.count_pending_memberships(alliance) if can_manage else 0,
    ), status


@bp.route("/<code>")
def detail(code: str):
    return _render_detail(_alliance_or_404(code))


@bp.route("/<code>/join", methods=["POST"])
@login_required
def join(code: str):
    alliance = _alliance_or_404(code)
    org = current_user.organization
    ensure(org is not None and org.can_request_membership(current_user),
           _("Only an administrator of an approved organisation may ask to join."))
    form = JoinRequestForm()
    if not form.validate_on_submit():
        return _render_detail(alliance, join_form=form, status=400)
    membership, error = run_service(
        memberships.request_membership, current_user, org, alliance,
        MembershipRole(form.role.data), form.message.data or "",
    )
    if error:
        flash(str(error.message), "danger")
        return _render_detail(alliance, join_form=form, status=error.status)
    deciders, office = memberships.who_decides(membership)
    if office:
        flash(_("Your request to join %(alliance)s was sent. The alliance has no coordinator "
                "who can decide it, so the provincial office (platform administrators) will "
                "decide.", alliance=alliance.full_name), "success")
    else:
        flash(_("Your request to join %(alliance)s was sent. It will be decided by its "
                "coordinator: %(names)s.", alliance=alliance.full_name,
                names=_(", ").join(person.name for person in deciders)), "success")
    return redirect(url_for("alliances.detail", code=alliance.code))


@bp.route("/<code>/requests")
@login_required
def requests(code: str):
    alliance = _alliance_or_404(code)
    ensure(alliance.can_manage(current_user))
    return _requests_page(alliance, DecisionForm(), 200)


@bp.route("/memberships/<int:membership_id>/decide", methods=["POST"])
@login_required
def decide(membership_id: int):
    membership = get_visible_or_404(Membership, membership_id)
    alliance = membership.alliance
    ensure(alliance.can_manage(current_user))
    form = DecisionForm()
    if not form.validate_on_submit():
        return _requests_page(alliance, form, 400, failed_id=membership.id)
    _result, error = run_service(memberships.decide_membership, current_user, membership,
                                 form.approved, form.reason.data or "")
    if error:
        flash(str(error.message), "danger")
        return _requests_page(alliance, form, error.status, failed_id=membership.id)
    org_name = membership.organization.name
    message = _("Approved: %(org)s is now a member.", org=org_name) if form.approved \
        else _("Rejected: %(org)s.", org=org_name)
    flash_with_mail_outcome(message, nobody=_("Nobody was told by email: the organisation "
                                              "has no active administrator."))
    return redirect(url_for("alliances.requests", code=alliance.code))


def _requests_page(alliance, form, status, failed_id=None):
    return render_template("alliances/requests.html", alliance=alliance, form=form,
                           pending=directory.pending_memberships(alliance),
                           decided=paginate(directory.decided_memberships(alliance),
                                            per_page=HISTORY_PER_PAGE),
                           failed_id=failed_id), status


@bp.route("/memberships/<int:membership_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(membership_id: int):
    membership = get_visible_or_404(Membership, membership_id)
    ensure(membership.can_withdraw(current_user))
    was_pending = membership.status is MembershipStatus.PENDING
    names = {"org": membership.organization.name, "alliance": membership.alliance.full_name}
    page = confirmation_step(
        title=_("Withdraw the request") if was_pending else _("Leave the alliance"),
        question=_("Withdraw the request of %(org)s to join %(alliance)s?", **names)
        if was_pending else _("Should %(org)s leave %(alliance)s?", **names),
        consequence=None if was_pending else _(
            "The organisation is no longer listed as a member; to return it must ask to "
            "join again and be approved."),
        confirm_label=_("Withdraw request") if was_pending else _("Leave alliance"),
        cancel_url=url_for("orgs.detail", org_id=membership.organization_id))
    if page is not None:
        return page
    _result, error = run_service(memberships.withdraw_membership, current_user, membership)
    if error:
        return fail(error)
    flash(_("The request of %(org)s to join %(alliance)s was withdrawn.", **names) if was_pending
          else _("%(org)s has left %(alliance)s.", **names), "success")
    return redirect(url_for("orgs.detail", org_id=membership.organization_id))
