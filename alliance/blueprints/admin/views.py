"""Platform administration: registrations, coordinators, accounts and the audit trail."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import AuditEvent, Coordinatorship, Organization, Role, User
from ...permissions import get_or_404, platform_admin_required
from ...services import accounts, directory, memberships
from ..views_util import fail, read_decision, run_service
from .forms import AppointCoordinatorForm, RegistrationDecisionForm

bp = Blueprint("admin", __name__)


@bp.route("/")
@platform_admin_required
def index():
    return render_template(
        "admin/index.html",
        pending_orgs=directory.pending_organisations(),
        pending_memberships=directory.pending_memberships(),
        form=RegistrationDecisionForm(),
    )


@bp.route("/organisations/<int:org_id>/decide", methods=["POST"])
@platform_admin_required
def decide_registration(org_id: int):
    org = get_or_404(Organization, org_id)
    form = RegistrationDecisionForm()
    if not form.validate_on_submit():
        flash(_("The decision could not be read. Try again."), "danger")
        return redirect(url_for("admin.index")), 303
    approve = read_decision(form)
    _result, error = run_service(accounts.decide_registration, current_user, org, approve,
                                 form.reason.data or "")
    if error:
        return fail(error, "admin/index.html", pending_orgs=directory.pending_organisations(),
                    pending_memberships=directory.pending_memberships(), form=form)
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
        _result, error = run_service(memberships.appoint_coordinator, current_user, form.user,
                                     alliance)
        if error:
            flash(str(error.message), "danger")
            return _coordinators_page(form, error.status)
        flash(_("%(name)s now coordinates %(alliance)s.", name=form.user.name,
                alliance=alliance.name), "success")
        return redirect(url_for("admin.coordinators"))
    return _coordinators_page(form, 400 if form.is_submitted() else 200)


@bp.route("/coordinators/<int:coordinatorship_id>/revoke", methods=["POST"])
@platform_admin_required
def revoke_coordinator(coordinatorship_id: int):
    coordinatorship = get_or_404(Coordinatorship, coordinatorship_id)
    _result, error = run_service(memberships.revoke_coordinator, current_user, coordinatorship)
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
    page = db.paginate(stmt, per_page=50, error_out=False)
    return render_template("admin/users.html", page=page, query=query, roles=list(Role))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@platform_admin_required
def set_active(user_id: int):
    user = get_or_404(User, user_id)
    flag = request.form.get("active")
    if flag not in ("0", "1"):
        abort(400)
    active = flag == "1"
    _result, error = run_service(accounts.set_user_active, current_user, user, active)
    if error:
        return fail(error)
    flash(_("Saved."), "success")
    return redirect(url_for("admin.users"))


@bp.route("/audit")
@platform_admin_required
def audit():
    stmt = db.select(AuditEvent).options(selectinload(AuditEvent.actor)) \
        .order_by(AuditEvent.id.desc())
    object_type = request.args.get("type", "")[:60]
    if object_type:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    page = db.paginate(stmt, per_page=100, error_out=False)
    return render_template("admin/audit.html", page=page, object_type=object_type)
