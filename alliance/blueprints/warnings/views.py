"""Early warnings (预警): the organisation's list and each coordinated alliance's, grouped
by kind; acknowledging one; the IPC watches of an organisation or an alliance."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...models import EarlyWarning, IpcWatch
from ...permissions import ensure, get_visible_or_404
from ...services import directory, ipc_watches, warning_lists
from ..views_util import fail, first_error, form_status, run_service, safe_next
from .forms import PostForm, WatchForm

bp = Blueprint("warnings", __name__)


def _alliance_managed(code: str):
    alliance = directory.alliance_by_code(code)
    if alliance is None:
        abort(404)
    ensure(alliance.can_manage(current_user))
    return alliance


def _page(warnings, **context):
    return render_template(
        "warnings/index.html", groups=warning_lists.grouped(warnings), today=date.today(),
        text=warning_lists.text, days_left=warning_lists.days_left,
        coordinated=current_user.coordinated_alliances(), **context)


@bp.route("/")
@login_required
def index():
    """The warnings of the user's organisation (admins and members)."""
    org = current_user.organization
    if org is None:
        return _page([], org=None)
    return _page(warning_lists.of_organisation(org), org=org)


@bp.route("/alliances/<code>")
@login_required
def alliance(code: str):
    """An alliance's watch warnings and its members' warnings (coordinators)."""
    managed = _alliance_managed(code)
    return _page(warning_lists.of_alliance(managed), alliance=managed)


@bp.route("/<int:warning_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(warning_id: int):
    """Acknowledge a warning (people of its organisation; an alliance's: coordinators)."""
    warning = get_visible_or_404(EarlyWarning, warning_id)
    form = PostForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    _done, error = run_service(warning_lists.acknowledge, current_user, warning)
    if error:
        return fail(error)
    flash(_("The warning is acknowledged."), "success")
    return redirect(safe_next("warnings.index"))


def _watches_page(watcher, endpoint: str, **values):
    """List the watcher's IPC watches; its managers add one (bad input: 4xx, nothing
    added)."""
    may_manage = ipc_watches.may_manage(current_user, watcher)
    form = WatchForm()
    context = {"watcher": watcher, "may_manage": may_manage, "endpoint": endpoint,
               "values": values, "remove_form": PostForm()}
    if form.is_submitted():
        ensure(may_manage)
        if form.validate():
            _watch, error = run_service(ipc_watches.add_watch, current_user, watcher,
                                        form.subclass.data)
            if error:
                return fail(error, "warnings/watches.html", form,
                            watches=ipc_watches.watches_of(watcher), **context)
            flash(_("%(subclass)s is watched: new patents of non-members in it will be "
                    "flagged.", subclass=_watch.subclass), "success")
            return redirect(url_for(endpoint, **values))
    return render_template("warnings/watches.html", form=form,
                           watches=ipc_watches.watches_of(watcher),
                           **context), form_status(form)


@bp.route("/watches", methods=["GET", "POST"])
@login_required
def watches():
    """The IPC watches of the user's organisation."""
    if current_user.organization is None:
        abort(404)
    return _watches_page(current_user.organization, "warnings.watches")


@bp.route("/alliances/<code>/watches", methods=["GET", "POST"])
@login_required
def alliance_watches(code: str):
    """An alliance's IPC watches (coordinators)."""
    managed = _alliance_managed(code)
    return _watches_page(managed, "warnings.alliance_watches", code=managed.code)


@bp.route("/watches/<int:watch_id>/remove", methods=["POST"])
@login_required
def remove_watch(watch_id: int):
    """Stop watching a subclass (the warnings it raised stay)."""
    watch = get_visible_or_404(IpcWatch, watch_id)
    form = PostForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    subclass, alliance = watch.subclass, watch.alliance
    _done, error = run_service(ipc_watches.remove_watch, current_user, watch)
    if error:
        return fail(error)
    flash(_("%(subclass)s is no longer watched.", subclass=subclass), "success")
    if alliance is not None:
        return redirect(url_for("warnings.alliance_watches", code=alliance.code))
    return redirect(url_for("warnings.watches"))
