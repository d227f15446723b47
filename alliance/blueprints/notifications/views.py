"""A person's notifications: the list (newest first), opening one (marks it read, then
goes to its object), marking all read, and which events also come by email."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.routing import BuildError

from ...extensions import db
from ...models import Notification
from ...permissions import get_visible_or_404
from ...services import notifications
from ..paging import paginate
from ..views_util import fail, first_error, form_status, is_safe_local_path, run_service
from .forms import PreferencesForm

bp = Blueprint("notifications", __name__)

PER_PAGE = 20


@bp.app_template_global()
def unread_notifications() -> int:
    """The current user's unread count for the navigation bar (one query per request)."""
    from flask import g

    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = notifications.unread_count(current_user)
    return g.unread_notifications


@bp.route("/")
@login_required
def index():
    """The user's notifications, newest first, unread ones marked."""
    page = paginate(notifications.notifications_query(current_user), per_page=PER_PAGE)
    return render_template("notifications/index.html", page=page,
                           message=notifications.message)


def _target(notification: Notification) -> str:
    """Where the notification leads, if that is a page of this site; else the list."""
    if notification.link_endpoint:
        try:
            url = url_for(notification.link_endpoint, **(notification.link_values or {}))
        except (BuildError, ValueError, TypeError):  # an endpoint renamed since
            url = None
        if url and is_safe_local_path(url):
            return url
    return url_for("notifications.index")


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id: int):
    """Mark the notification read and follow its link (CSRF-protected POST)."""
    notification = get_visible_or_404(Notification, notification_id)
    notifications.mark_read(current_user, notification)
    db.session.commit()
    return redirect(_target(notification))


@bp.route("/read-all", methods=["POST"])
@login_required
def read_all():
    """Mark every notification of the user read."""
    count = notifications.mark_all_read(current_user)
    db.session.commit()
    if count:
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Which events also come by email: a checkbox per registered event."""
    form = PreferencesForm.for_events(notifications.preferences_of(current_user))
    if form.validate_on_submit():
        _changed, error = run_service(notifications.set_preferences, current_user,
                                      form.choices)
        if error:
            return fail(error, "notifications/preferences.html", form)
        flash(_("Your email preferences are saved."), "success")
        return redirect(url_for("notifications.preferences"))
    if form.is_submitted():
        flash(first_error(form) or _("The form could not be saved."), "danger")
    return render_template("notifications/preferences.html", form=form), form_status(form)
