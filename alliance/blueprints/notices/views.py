"""Notices: the list of the user's alliances' notices, one notice, publish, withdraw."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import db
from ...models import Alliance
from ...models.notices import Notice, NoticeKind
from ...permissions import get_visible_or_404
from ...services import notices
from ..paging import paginate
from ..views_util import confirmation_step, fail, form_status, run_service
from .forms import NoticeForm

bp = Blueprint("notices", __name__)

PER_PAGE = 20


def _managed() -> list[Alliance]:
    if current_user.is_platform_admin:
        return list(db.session.scalars(db.select(Alliance).order_by(Alliance.position)))
    return current_user.coordinated_alliances()


@bp.route("/")
@login_required
def index():
    page = paginate(notices.visible_query(current_user), PER_PAGE)
    return render_template("notices/index.html", page=page, can_publish=bool(_managed()))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    managed = _managed()
    if not managed:
        abort(403)
    form = NoticeForm()
    form.alliance.choices = [(a.id, a.full_name) for a in managed]
    if form.validate_on_submit():
        alliance = db.session.get(Alliance, form.alliance.data)
        notice, error = run_service(notices.publish, current_user, alliance,
                                    NoticeKind(form.kind.data), form.title.data,
                                    form.body.data or "")
        if error is not None:
            return fail(error, "notices/form.html", form=form)
        flash(_("The notice is published to the members of the alliance."), "success")
        return redirect(url_for("notices.detail", notice_id=notice.id))
    return render_template("notices/form.html", form=form), form_status(form)


@bp.route("/<int:notice_id>")
@login_required
def detail(notice_id: int):
    notice = get_visible_or_404(Notice, notice_id)
    return render_template("notices/detail.html", notice=notice,
                           can_manage=notice.can_manage(current_user))


@bp.route("/<int:notice_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(notice_id: int):
    notice = get_visible_or_404(Notice, notice_id)
    if not notice.can_manage(current_user):
        abort(403)
    step = confirmation_step(
        title=_("Withdraw the notice"),
        question=_("Withdraw the notice %(title)s?", title=notice.title),
        consequence=_("Members no longer see it."), confirm_label=_("Withdraw"),
        cancel_url=url_for("notices.detail", notice_id=notice.id))
    if step is not None:
        return step
    _result, error = run_service(notices.withdraw, current_user, notice)
    if error is not None:
        return fail(error)
    flash(_("The notice is withdrawn."), "success")
    return redirect(url_for("notices.index"))


@bp.app_template_filter("markdown")
def markdown_filter(text: str):
    """Markdown as sanitised HTML (alliance.markdown)."""
    from ...markdown import render

    return render(text)
