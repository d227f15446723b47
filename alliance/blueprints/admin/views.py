"""Platform administration: registrations, coordinators, accounts and the audit trail."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import AuditEvent, Coordinatorship, Organization, Role, User
from ...permissions import get_or_404, platform_admin_required
from ...services import accounts, directory, people
from ...services import coordinators as coordination
from ..paging import paginate
from ..views_util import fail, run_service
from . import labels
from .forms import AppointCoordinatorForm, RegistrationDecisionForm

bp = Blueprint("admin", __name__)


@bp.app_context_processor
def audit_labels():
    return {"audit_action_label": labels.action_label,
            "audit_object_label": labels.object_label,
            "audit_changes": labels.readable_changes}


@bp.route("/")
@platform_admin_required
def index():
    return _dashboard(RegistrationDecisionForm())


def _dashboard(form, status=200, failed_id=None):
    return render_template(
        "admin/index.html", form=form, failed_id=failed_id,
        pending_orgs=directory.pending_organisations(),
        pending_memberships=directory.pending_memberships(),
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
    _result, error = run_service(accounts.decide_registration, current_user, org, approve,
                                 form.reason.data or "")
    if error:
        flash(str(error.message), "danger")
        return _dashboard(form, error.status, failed_id=org.id)
    flash(_("Approved: %(org)s.", org=org.name) if approve
          else _("Rejected: %(org)s.", org=org.name), "success")
    return redirect(url_for("admin.index"))


def _coordinators_page(form, status=200):
    rows = db.session.scalars(
        db.select(Coordinatorship).where(Coordinatorship.active.is_(True))
        .options(selectinload(Coordinatorship.user), selectinload(Coordinatorship.alliance))
        .order_by(Coordinatorship.alliance_id)
    )
    return render_template("admin/coordinators.html", form=form,
                           coordinatorships=list(rows)), status


@bp.route("/coordinators", methods=["GET", "POST"])
@platform_admin_required
def coordinators():
    form = AppointCoordinatorForm()
    if form.validate_on_submit():
        alliance = directory.alliance_by_code(form.alliance.data)
        _result, error = run_service(coordination.appoint_coordinator, current_user, form.user,
                                     alliance)
        if error:
            flash(str(error.message), "danger")
            return _coordinators_page(form, error.status)
        flash(_("%(name)s now coordinates %(alliance)s.", name=form.user.name,
                alliance=alliance.full_name), "success")
        return redirect(url_for("admin.coordinators"))
    return _coordinators_page(form, 400 if form.is_submitted() else 200)


@bp.route("/coordinators/<int:coordinatorship_id>/revoke", methods=["POST"])
@platform_admin_required
def revoke_coordinator(coordinatorship_id: int):
    coordinatorship = get_or_404(Coordinatorship, coordinatorship_id)
    _result, error = run_service(coordination.revoke_coordinator, current_user, coordinatorship)
    if error:
        return fail(error)
    flash(_("The appointment has ended."), "success")
    return redirect(url_for("admin.coordinators"))


@bp.route("/users")
@platform_admin_required
def users():
    query = request.args.get("q", "").strip()[:100]
    stmt = db.select(User).options(selectinload(User.organization)).order_by(User.id)
    if query:
        like = f"%{query}%"
        stmt = stmt.where(User.email.ilike(like) | User.name.ilike(like))
    page = paginate(stmt, per_page=50)
    return render_template("admin/users.html", page=page, query=query, roles=list(Role))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@platform_admin_required
def set_active(user_id: int):
    user = get_or_404(User, user_id)
    flag = request.form.get("active")
    if flag not in ("0", "1"):
        abort(400)
    active = flag == "1"
    was_last_admin, error = run_service(people.set_user_active, current_user, user, active)
    if error:
        return fail(error)
    if was_last_admin:
        flash(_("%(org)s has no active administrator now: invite one from its page.",
                org=user.organization.name), "warning")
    flash(_("Account %(email)s reactivated.", email=user.email) if active
          else _("Account %(email)s deactivated.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@bp.route("/audit")
@platform_admin_required
def audit():
    stmt = db.select(AuditEvent).options(selectinload(AuditEvent.actor)) \
        .order_by(AuditEvent.id.desc())
    object_type = request.args.get("type", "")[:60]
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    page = paginate(stmt, per_page=100)
    return render_template("admin/audit.html", page=page, object_type=object_type)
