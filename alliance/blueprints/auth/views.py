"""Log in and out, register an organisation, accept an invitation, change or reset the
password."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from ...extensions import db, limiter
from ...i18n import select_locale
from ...models import Invitation, Sector, User, UserSession
from ...models.users import normalize_email
from ...permissions import get_visible_or_404
from ...services import ServiceError, accounts, invitations, organisations, passwords, sessions
from ..views_util import fail, form_status, run_service, safe_next
from .attempts import guard
from .forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)

bp = Blueprint("auth", __name__)


def _login_ceiling():
    """All login posts per client address, counted before they run."""
    return current_app.config["LOGIN_ATTEMPT_CEILING"]


def _deactivated_message(user: User) -> str:
    if user.locked_by_platform or user.organization_id is None:
        return _("This account is deactivated. Ask the provincial office (the platform "
                 "administrators) to reactivate it.")
    return _("This account is deactivated. Ask your organisation's administrator to "
             "reactivate it.")


def _log_in(user: User) -> None:
    """Start a server-side session for ``user`` and log them in on this browser."""
    session.permanent = True  # expires after SESSION_LIFETIME_SECONDS
    sessions.start(user)
    login_user(user)
    db.session.commit()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_ceiling, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = guard([("LOGIN_RATE_LIMIT", get_remote_address()),
                         ("LOGIN_ACCOUNT_LIMIT", normalize_email(form.email.data))])
        if not attempt.allowed:
            abort(429)
        user = User.find_by_email(form.email.data)
        if user is not None and user.check_password(form.password.data):
            attempt.succeeded()
            if not user.active:
                form.password.errors.append(_deactivated_message(user))
                return render_template("auth/login.html", form=form), 403
            _log_in(user)
            return redirect(safe_next())
        form.password.errors.append(_("Wrong email or password."))
        return render_template("auth/login.html", form=form), 401
    status = form_status(form)
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End this session on the server too: a copy of the cookie no longer works."""
    sessions.end_current()
    logout_user()
    db.session.commit()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/sessions")
@login_required
def list_sessions():
    live = sessions.current()
    return render_template("auth/sessions.html", this_session_id=live.id if live else None,
                           live_sessions=sessions.sessions_of(current_user))


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    """End another of one's own sessions (its cookie stops working at once)."""
    target = get_visible_or_404(UserSession, session_id)
    if sessions.end_other(current_user, target):
        flash(_("The session has ended."), "success")
    else:
        flash(_("That session had already ended."), "info")
    db.session.commit()
    return redirect(url_for("auth.list_sessions"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        user, error = run_service(
            organisations.register_organisation,
            org_name_zh=form.org_name_zh.data, org_name_en=form.org_name_en.data,
            uscc=form.uscc.data, sector=Sector(form.sector.data), region=form.region.data or "",
            website=form.website.data or "", email=form.email.data, name=form.name.data,
            password=form.password.data, language=select_locale(),
        )
        if error:
            return fail(error, "auth/register.html", form=form)
        _log_in(user)
        flash(_("Your organisation is registered. A platform administrator will review it; "
                "until then you can edit its details."), "success")
        return redirect(url_for("orgs.detail", org_id=user.organization_id))
    status = form_status(form)
    return render_template("auth/register.html", form=form), status


@bp.route("/join/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = Invitation.find_by_token(token)
    if invitation is None or not invitation.is_usable:
        return render_template("auth/invitation_invalid.html"), 410
    if current_user.is_authenticated:
        flash(_("Log out first to accept an invitation for a new account."), "warning")
        return redirect(url_for("main.index"))
    form = AcceptInvitationForm()
    if invitation.email:  # bound to an address: shown fixed, and that address is used
        form.email.data = invitation.email
        form.email.render_kw = {"readonly": True, "aria-readonly": "true"}
        form.email.description = _("This invitation was sent to this address; the account "
                                   "will use it.")
    if form.validate_on_submit():
        user, error = run_service(
            invitations.accept_invitation, invitation, email=form.email.data, name=form.name.data,
            password=form.password.data, language=select_locale(),
        )
        if error:
            return fail(error, "auth/accept_invitation.html", form=form,
                        invitation=invitation)
        _log_in(user)
        if invitation.is_for_coordination:
            flash(_("Welcome! You now coordinate %(alliance)s.",
                    alliance=invitation.alliance.full_name), "success")
            return redirect(url_for("alliances.requests", code=invitation.alliance.code))
        flash(_("Welcome! You have joined %(org)s.", org=user.organization.name), "success")
        return redirect(url_for("main.index"))
    status = form_status(form)
    return render_template("auth/accept_invitation.html", form=form,
                           invitation=invitation), status


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        attempt = guard([("PASSWORD_CHANGE_LIMIT", str(current_user.id))])
        if not attempt.allowed:
            abort(429)
        user = current_user._get_current_object()
        _result, error = run_service(accounts.change_password, user, form.current.data,
                                     form.password.data, keep=sessions.current())
        if error:
            if error.field != "current":  # the current password was right
                attempt.succeeded()
            return fail(error, "auth/password.html", form=form)
        attempt.succeeded()
        login_user(user)  # this session carries the new identity; the others have ended
        flash(_("Your password has been changed."), "success")
        return redirect(url_for("main.index"))
    status = form_status(form)
    return render_template("auth/password.html", form=form), status


def _reset_limit():
    """Reset requests per client address, like the login limit."""
    return current_app.config["PASSWORD_RESET_RATE_LIMIT"]


def _reset_email_limit():
    """Reset requests per email address asked for, so nobody's mailbox can be flooded."""
    return current_app.config["PASSWORD_RESET_EMAIL_LIMIT"]


def _reset_email_key() -> str:
    return "password-reset:" + normalize_email(request.form.get("email", ""))[:254]


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
@limiter.limit(_reset_email_limit, methods=["POST"], key_func=_reset_email_key)
def forgot_password():
    if current_user.is_authenticated:
        return redirect(url_for("auth.change_password"))
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        run_service(passwords.request_reset, form.email.data)
        flash(_("If an account exists for %(email)s, a link to set a new password has been "
                "sent to it. The link works for %(minutes)d minutes.", email=form.email.data,
                minutes=passwords.minutes_valid()), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form), form_status(form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if len(token) > 500:
        abort(404)
    try:
        user = passwords.user_for_token(token)
    except ServiceError as error:
        flash(str(error.message), "danger")
        return render_template("auth/forgot_password.html",
                               form=ForgotPasswordForm(formdata=None)), error.status
    form = ResetPasswordForm()
    if form.validate_on_submit():
        _user, error = run_service(passwords.reset_password, token, form.password.data)
        if error:
            return fail(error, "auth/reset_password.html", form=form, user=user)
        if current_user.is_authenticated:
            logout_user()
        flash(_("Your new password is set, and every other session of your account has "
                "ended. Log in with the new password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, user=user), form_status(form)
