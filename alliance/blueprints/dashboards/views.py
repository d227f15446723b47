"""The alliance dashboard, the province dashboard and the settings of the targets.

An alliance's coordinators and platform administrators see its full dashboard; everyone
else its public summary (``?scope=public`` shows it to them too; asking for
``?scope=full`` without the right answers 403). The province dashboard is full for platform
administrators and a public summary for everyone else. ``?show=table`` shows the tables
instead of the charts; the ``.csv`` addresses give the same numbers. The counts are cached
for DASHBOARD_TTL seconds."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...caching import cached
from ...formatting import format_money
from ...permissions import platform_admin_required
from ...services import dashboards, directory, province, province_targets
from ..views_util import fail, form_status, run_service
from . import bp
from .export import csv_response, figures_csv
from .figures import alliance_figures
from .forms import TargetsForm
from .province_figures import province_figures

#: The counts are kept this long (seconds): at 100,000 patents the province's take a
#: second or more to count (python -m bench.dashboards), and dashboards may lag a little.
DASHBOARD_TTL = 120


def _alliance_or_404(code: str):
    alliance = directory.alliance_by_code(code)
    if alliance is None:
        abort(404)
    return alliance


def _full(can_see_full: bool) -> bool:
    """Whether to show the full figures: by right unless ``?scope=public``; 403 for
    ``?scope=full`` without the right; 400 for any other scope."""
    scope = request.args.get("scope", "")
    if scope not in ("", "public", "full"):
        abort(400, description=_("Choose the full dashboard or the public summary."))
    if scope == "full" and not can_see_full:
        abort(403)
    return can_see_full and scope != "public"


def _show() -> str:
    show = request.args.get("show", "chart")
    if show not in ("chart", "table"):
        abort(400, description=_("Choose charts or tables."))
    return show


def _alliance_page(code: str):
    alliance = _alliance_or_404(code)
    can_full = alliance.can_manage(current_user)
    full = _full(can_full)
    data = cached(f"dashboard:alliance:{alliance.id}:{full}:{date.today()}",
                  lambda: dashboards.alliance_dashboard(alliance.id, full), DASHBOARD_TTL)
    return alliance, can_full, full, alliance_figures(alliance, data, format_money)


@bp.route("/alliances/<code>/dashboard")
def alliance(code: str):
    alliance, can_full, full, figures = _alliance_page(code)
    return render_template("dashboards/alliance.html", alliance=alliance, figures=figures,
                           full=full, can_full=can_full, show=_show())


@bp.route("/alliances/<code>/dashboard.csv")
def alliance_csv(code: str):
    alliance, _can_full, full, figures = _alliance_page(code)
    heading = [alliance.full_name, _("Full dashboard") if full else _("Public summary"),
               date.today().isoformat()]
    return csv_response(figures_csv(heading, figures),
                        f"dashboard-{alliance.code}-{date.today():%Y%m%d}.csv")


def _province_page():
    can_full = current_user.is_authenticated and current_user.can_administer_platform()
    full = _full(can_full)
    targets = province_targets.current_targets()
    alliances = directory.all_alliances()
    data = cached(f"dashboard:province:{full}:{targets.baseline_year}-{targets.multiplier}-"
                  f"{targets.target_year}:{date.today()}",
                  lambda: province.province_progress(targets, [a.id for a in alliances],
                                                     published_only=not full), DASHBOARD_TTL)
    return can_full, full, targets, data, province_figures(alliances, data, targets)


@bp.route("/province/")
def province_page():
    can_full, full, targets, data, figures = _province_page()
    return render_template("dashboards/province.html", figures=figures, full=full,
                           can_full=can_full, targets=targets, data=data, show=_show(),
                           wording=province.ORIGINAL_WORDING)


@bp.route("/province.csv")
def province_csv():
    _can_full, full, targets, _data, figures = _province_page()
    heading = [_("Province dashboard"), _("Full dashboard") if full else _("Public summary"),
               date.today().isoformat(), province.ORIGINAL_WORDING]
    return csv_response(figures_csv(heading, figures), f"province-{date.today():%Y%m%d}.csv")


@bp.route("/admin/targets", methods=["GET", "POST"])
@platform_admin_required
def targets():
    current = province_targets.current_targets()
    form = TargetsForm(data={"baseline_year": current.baseline_year,
                             "multiplier": current.multiplier,
                             "target_year": current.target_year}
                       if request.method == "GET" else None)
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("dashboards/targets.html", form=form,
                               wording=province.ORIGINAL_WORDING), form_status(form)
    changed, error = run_service(province_targets.save_targets, current_user,
                                 form.baseline_year.data, form.multiplier.data,
                                 form.target_year.data)
    if error is not None:
        return fail(error, "dashboards/targets.html", form=form,
                    wording=province.ORIGINAL_WORDING)
    flash(_("The targets are saved.") if changed else _("Nothing changed."),
          "success" if changed else "info")
    return redirect(url_for("dashboards.targets"))
