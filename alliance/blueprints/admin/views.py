"""Platform administration: registrations, coordinators, accounts and the audit trail."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...models import Coordinatorship, Invitation, Organization, Role, User
from ...permissions import get_or_404, get_visible_or_404, platform_admin_required
from ...services import coordinators as coordination
from ...services import directory, organisations, people
from ...services import invitations as invitation_service
from ..paging import paginate
from ..shared_forms import ActiveForm
from ..views_util import (
    confirmation_step,
    deactivation_step,
    fail,
    first_error,
    flash_with_mail_outcome,
    form_status,
    run_service,
)
from .forms import AppointCoordinatorForm, RegistrationDecisionForm

bp = Blueprint("admin", __name__)


@bp.route("/")
@platform_admin_required
def index():
    return _dashboard(RegistrationDecisionForm())


def _dashboard(form, status=200, failed_id=None):
    return render_template(
        "admin/index.html", form=form, failed_id=failed_id,
        pending_orgs=organisations.pending_organisations(),
        pending_memberships=directory.pending_memberships(),
        decided=paginate(organisations.decided_registrations(), per_page=20),
    ), status


@bp.route("/organisations/<int:org_id>/decide", methods=["POST"])
@platform_admin_required
def decide_registration(org_id: int):
    org = get_or_404(Organization, org_id)
    form = RegistrationDecisionForm()
    if not form.validate_on_submit():
        return _dashboard(form, 400, failed_id=org.id)
    if not form.matches(org):
        flash(_("The registration changed while you were reviewing it. Check it again."),
              "danger")
        return _dashboard(RegistrationDecisionForm(formdata=None), 409)
    approve = form.approved
    _result, error = run_service(organisations.decide_registration, current_user, org, approve,
                                 form.reason.data or "")
    if error:
        flash(str(error.message), "danger")
        return _dashboard(form, error.status, failed_id=org.id)
    flash_with_mail_outcome(
        _("Approved: %(org)s.", org=org.name) if approve
        else _("Rejected: %(org)s.", org=org.name),
        nobody=_("Nobody was told by email: the organisation has no active administrator."))
    return redirect(url_for("admin.index"))


def _coordinators_page(form, status=200, new_link=None):
    return render_template("admin/coordinators.html", form=form, new_link=new_link,
                           coordinatorships=coordination.active_appointments(),
                           invitations=invitation_service.coordinator_invitations()), status


@bp.route("/coordinators", methods=["GET", "POST"])
@platform_admin_required
def coordinators():
    form = AppointCoordinatorForm()
    if form.validate_on_submit():
        alliance = directory.alliance_by_code(form.alliance.data)
        result, error = run_service(invitation_service.appoint_or_invite_coordinator,
                                    current_user, form.email.data, alliance,
                                    current_app.config["INVITATION_DAYS"])
        if error:
            flash(str(error.message), "danger")
            return _coordinators_page(form, error.status)
        appointment, token = result
        if token is None:
            flash(_("%(name)s now coordinates %(alliance)s.", name=appointment.user.name,
                    alliance=alliance.full_name), "success")
            return redirect(url_for("admin.coordinators"))
        flash_with_mail_outcome(_("No account has this email: an invitation to coordinate "
                                  "%(alliance)s was created. Its link is shown once below.",
                                  alliance=alliance.full_name))
        link = url_for("auth.accept_invitation", token=token, _external=True)
        return _coordinators_page(AppointCoordinatorForm(formdata=None), new_link=link)
    return _coordinators_page(form, form_status(form))


@bp.route("/coordinators/invitations/<int:invitation_id>/revoke", methods=["GET", "POST"])
@platform_admin_required
def revoke_coordinator_invitation(invitation_id: int):
    invitation = get_visible_or_404(Invitation, invitation_id)
    if not invitation.is_for_coordination:
        abort(404)
    page = confirmation_step(
        title=_("Revoke the invitation"),
        question=_("Revoke the invitation of %(email)s to coordinate %(alliance)s?",
                   email=invitation.email, alliance=invitation.alliance.full_name),
        consequence=_("The link stops working at once; you can create a new one later."),
        confirm_label=_("Revoke"), cancel_url=url_for("admin.coordinators"))
    if page is not None:
        return page
    _result, error = run_service(invitation_service.revoke_invitation, current_user,
                                 invitation)
    if error:
        return fail(error)
    flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("admin.coordinators"))


@bp.route("/coordinators/<int:coordinatorship_id>/revoke", methods=["GET", "POST"])
@platform_admin_required
def revoke_coordinator(coordinatorship_id: int):
    coordinatorship = get_or_404(Coordinatorship, coordinatorship_id)
    page = confirmation_step(
        title=_("End the appointment"),
        question=_("End the appointment of %(name)s as coordinator of %(alliance)s?",
                   name=coordinatorship.user.name,
                   alliance=coordinatorship.alliance.full_name),
        consequence=_("They can no longer decide on the alliance's join requests."),
        confirm_label=_("End appointment"), cancel_url=url_for("admin.coordinators"))
    if page is not None:
        return page
    _result, error = run_service(coordination.revoke_coordinator, current_user, coordinatorship)
    if error:
        return fail(error)
    flash(_("The appointment has ended."), "success")
    return redirect(url_for("admin.coordinators"))


@bp.route("/users")
@platform_admin_required
def users():
    query = request.args.get("q", "").strip()[:100]
    page = paginate(people.search_people(query), per_page=50)
    return render_template("admin/users.html", page=page, query=query, roles=list(Role))


@bp.route("/users/<int:user_id>/active", methods=["GET", "POST"])
@platform_admin_required
def set_active(user_id: int):
    user = get_or_404(User, user_id)
    page = deactivation_step(user, url_for("admin.users"))
    if page is not None:
        return page
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    active = form.chosen
    was_last_admin, error = run_service(people.set_user_active, current_user, user, active)
    if error:
        return fail(error)
    if was_last_admin:
        flash(_("%(org)s has no active administrator now: invite one from its page.",
                org=user.organization.name), "warning")
    flash(_("Account %(email)s reactivated.", email=user.email) if active
          else _("Account %(email)s deactivated.", email=user.email), "success")
    return redirect(url_for("admin.users"))


# the audit trail, the classification mapping and the policy table pages, on this blueprint
from . import audit_views, classification_views, policy_views  # noqa: E402,F401
