"""Home page, language switch, health check."""

from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from flask_login import current_user

from ...extensions import db
from ...services import accounts, directory, notices, organisations, todo, warning_lists
from ..views_util import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    context = {
        "alliances": directory.all_alliances(),
        "counts": directory.member_counts_by_sector(),
    }
    if current_user.is_authenticated:
        context["coordinated"] = current_user.coordinated_alliances()
        context["pending_by_alliance"] = {
            a.id: directory.count_pending_memberships(a) for a in context["coordinated"]
        }
        if current_user.is_platform_admin:
            context["pending_orgs"] = organisations.pending_organisations()
        context["todo"] = todo.todo_for(current_user)
        context["notices"] = notices.latest_for(current_user)
        context.update(warning_summary=warning_lists.home_summary(current_user),
                       warning_text=warning_lists.text, today=date.today())
    return render_template("main/index.html", **context)


@bp.route("/language", methods=["POST"])
def set_language():
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        abort(400)
    session["lang"] = language
    if current_user.is_authenticated:
        accounts.set_language(current_user, language)
        db.session.commit()
    return redirect(safe_next())


@bp.route("/healthz")
def healthz():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}
