"""Organisations: public profiles, editing by their admins, invitations."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ...caching import cached
from ...extensions import db
from ...i18n import current_locale
from ...models import Invitation, Organization, Role, Sector, User
from ...permissions import ensure, get_visible_or_404
from ...services import directory, organisations, people
from ...services import invitations as invitation_service
from ..paging import paginate
from ..shared_forms import ActiveForm, RoleForm
from ..views_util import (
    confirmation_step,
    deactivation_step,
    fail,
    first_error,
    flash_with_mail_outcome,
    form_status,
    run_service,
    sector_filter,
)
from .forms import InvitationForm, OrganisationForm

bp = Blueprint("orgs", __name__)

PER_PAGE = 50


@bp.route("/")
def index():
    query = request.args.get("q", "").strip()[:100]
    sector = sector_filter()
    page = paginate(organisations.search_organisations(query, sector), per_page=PER_PAGE)
    return render_template("orgs/index.html", page=page, query=query,
                           sector=sector.value if sector else "", sectors=list(Sector))


@bp.route("/mine")
@login_required
def mine():
    if current_user.organization_id is None:
        abort(404)
    return redirect(url_for("orgs.detail", org_id=current_user.organization_id))


@bp.route("/<int:org_id>")
def detail(org_id: int):
    org = get_visible_or_404(Organization, org_id)
    if not current_user.is_authenticated:  # the public page, the same for every visitor
        return render_template("orgs/public.html", org=org, profile=public_profile(org))
    can_edit = org.can_edit(current_user)
    all_memberships = directory.memberships_of(org) if can_edit \
        else directory.active_memberships_of(org)
    current = [m for m in all_memberships if m.is_open]
    people_list = sorted(org.users, key=lambda u: (not u.active, u.role.value, u.name)) \
        if can_edit else []
    return render_template(
        "orgs/detail.html", org=org, can_edit=can_edit, memberships=current,
        history=[m for m in all_memberships if not m.is_open], people=people_list,
        changeable_ids=people.changeable_ids(current_user, org),
    )


def public_profile(org: Organization) -> Markup:
    """The profile as anonymous visitors see it, rendered once per organisation, language
    and state of the directory (any change to organisations or memberships makes a new
    state when it commits)."""
    key = f"org-profile:{org.id}:{current_locale()}:{directory.directory_state()}"
    return cached(key, lambda: Markup(render_template(
        "orgs/_profile.html", org=org, can_edit=False,
        memberships=directory.active_memberships_of(org))))


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
@login_required
def edit(org_id: int):
    org = get_visible_or_404(Organization, org_id)
    ensure(org.can_edit(current_user))
    form = OrganisationForm(obj=org)
    can_change_identity = org.can_change_identity(current_user)
    _describe_identity_fields(form, org, can_change_identity)
    if not form.is_submitted():
        form.sector.data = org.sector.value
        form.description.data = org.description
    if form.validate_on_submit():
        changes = {
            "name_en": form.name_en.data or None,
            "sector": Sector(form.sector.data), "region": form.region.data or "",
            "website": form.website.data or "", "description": form.description.data or "",
        }
        if can_change_identity:
            changes["name_zh"] = form.name_zh.data
            changes["uscc"] = form.uscc.data or None
        _org, error = run_service(organisations.update_organisation, current_user, org,
                                  **changes)
        if error:
            return fail(error, "orgs/edit.html", form=form, org=org)
        flash(_("Saved."), "success")
        return redirect(url_for("orgs.detail", org_id=org.id))
    status = form_status(form)
    return render_template("orgs/edit.html", form=form, org=org), status


def _describe_identity_fields(form, org, can_change_identity: bool) -> None:
    """Say on the page what the server does with the Chinese name and USCC."""
    if not can_change_identity:
        note = _("Fixed once the registration is approved: ask a platform administrator to "
                 "change the Chinese name or USCC.")
        for field in (form.name_zh, form.uscc):
            field.render_kw = {"readonly": True, "aria-readonly": "true"}
    elif current_user.is_platform_admin and org.is_approved:
        note = _("As a platform administrator you may correct the Chinese name and USCC of "
                 "an approved organisation; the change is recorded in the audit trail.")
    else:
        note = _("You can correct the Chinese name and USCC until the registration is "
                 "approved; a registration must keep a valid USCC.")
    form.name_zh.description = form.uscc.description = note


def _invitations_page(org, form, new_link=None, status=200):
    return render_template("orgs/invitations.html", org=org, form=form, new_link=new_link,
                           invitations=invitation_service.invitations_of(org)), status


@bp.route("/<int:org_id>/invitations", methods=["GET", "POST"])
@login_required
def invitations(org_id: int):
    org = get_visible_or_404(Organization, org_id)
    ensure(org.can_invite(current_user),
           _("Only an administrator of an approved organisation may invite people."))
    form = InvitationForm()
    if form.validate_on_submit():
        result, error = run_service(
            invitation_service.invite, current_user, org, Role(form.role.data),
            form.email.data or "", current_app.config["INVITATION_DAYS"],
        )
        if error:
            flash(str(error.message), "danger")
            return _invitations_page(org, form, status=error.status)
        _invitation, token = result
        link = url_for("auth.accept_invitation", token=token, _external=True)
        flash_with_mail_outcome(_("Invitation created. Copy the link now: it is shown only "
                                  "once."))
        return _invitations_page(org, InvitationForm(formdata=None), new_link=link)
    return _invitations_page(org, form, status=form_status(form))


@bp.route("/<int:org_id>/resubmit", methods=["POST"])
@login_required
def resubmit(org_id: int):
    org = get_visible_or_404(Organization, org_id)
    ensure(org.can_resubmit(current_user))
    _result, error = run_service(organisations.resubmit_registration, current_user, org)
    if error:
        return fail(error)
    flash(_("Your registration was sent for review again."), "success")
    return redirect(url_for("orgs.detail", org_id=org.id))


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["GET", "POST"])
@login_required
def revoke_invitation(invitation_id: int):
    invitation = get_visible_or_404(Invitation, invitation_id)
    page = confirmation_step(
        title=_("Revoke the invitation"),
        question=_("Revoke the invitation for %(who)s to join %(org)s as %(role)s?",
                   who=invitation.email or _("anyone with the link"),
                   org=invitation.organization.name, role=invitation.role.label),
        consequence=_("The link stops working at once; you can create a new one later."),
        confirm_label=_("Revoke"),
        cancel_url=url_for("orgs.invitations", org_id=invitation.organization_id))
    if page is not None:
        return page
    if invitation.is_for_coordination:  # revoked from the coordinators' page
        abort(404)
    _result, error = run_service(invitation_service.revoke_invitation, current_user, invitation)
    if error:
        return fail(error)
    flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("orgs.invitations", org_id=invitation.organization_id))


def _person_in(org_id: int, user_id: int) -> User:
    """A person of organisation ``org_id`` whom the current user may manage; else 404 (the
    people of an organisation are hidden from everyone but its admins)."""
    org = get_visible_or_404(Organization, org_id)
    person = db.session.get(User, user_id)
    if person is None or person.organization_id != org.id or not org.can_edit(current_user):
        abort(404)
    return person


@bp.route("/<int:org_id>/people/<int:user_id>/role", methods=["GET", "POST"])
@login_required
def set_person_role(org_id: int, user_id: int):
    person = _person_in(org_id, user_id)
    if request.method == "GET" or request.form.get("role") == Role.MEMBER.value:
        page = confirmation_step(  # taking administration away needs a second step
            title=_("Make member"),
            question=_("Make %(name)s a member instead of an administrator of %(org)s?",
                       name=person.name, org=person.organization.name),
            consequence=_("They can no longer edit the organisation, invite people or manage "
                          "accounts; their open invitation links stop working."),
            confirm_label=_("Make member"), fields={"role": Role.MEMBER.value},
            cancel_url=url_for("orgs.detail", org_id=org_id))
        if page is not None:
            return page
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    _result, error = run_service(people.set_role, current_user, person, form.chosen)
    if error:
        return fail(error)
    flash(_("%(name)s is now: %(role)s.", name=person.name, role=person.role_label), "success")
    return redirect(url_for("orgs.detail", org_id=org_id))


@bp.route("/<int:org_id>/people/<int:user_id>/active", methods=["GET", "POST"])
@login_required
def set_person_active(org_id: int, user_id: int):
    person = _person_in(org_id, user_id)
    page = deactivation_step(person, url_for("orgs.detail", org_id=org_id))
    if page is not None:
        return page
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    _result, error = run_service(people.set_active, current_user, person, form.chosen)
    if error:
        return fail(error)
    flash(_("Account %(email)s reactivated.", email=person.email) if person.active
          else _("Account %(email)s deactivated.", email=person.email), "success")
    return redirect(url_for("orgs.detail", org_id=org_id))
