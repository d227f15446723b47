"""The audit trail for platform admins: filtered, in words, and as a CSV download."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Response, current_app, render_template, request, stream_with_context, url_for
from flask_babel import format_datetime

from ...extensions import db
from ...permissions import platform_admin_required
from ...services import audit as audit_service
from ...services import directory
from ...services.audit_names import NameBook, object_url
from ..paging import paginate
from . import labels
from .forms import AuditFilterForm
from .views import bp

PER_PAGE = 100
CSV_CHUNK = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _filters(form: AuditFilterForm) -> audit_service.AuditFilter:
    """The form's values as a filter; dates are whole days in the display time zone."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def start_of(day):
        return datetime.combine(day, time.min, zone) if day else None

    alliance = directory.alliance_by_code(form.alliance.data) if form.alliance.data else None
    return audit_service.AuditFilter(
        object_type=form.type.data or "", actor_query=form.who.data or "",
        alliance_id=alliance.id if alliance else None, since=start_of(form.since.data),
        until=start_of(form.until.data + timedelta(days=1)) if form.until.data else None)


def _filter_args(form) -> dict:
    return {name: request.args[name] for name in ("who", "since", "until", "alliance", "type")
            if request.args.get(name)}


@bp.route("/audit")
@platform_admin_required
def audit():
    form = AuditFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("admin/audit.html", form=form, page=None, names=None,
                               filter_args={}), 400
    page = paginate(audit_service.events(_filters(form)), per_page=PER_PAGE)
    return render_template("admin/audit.html", form=form, page=page,
                           names=NameBook(page.items), filter_args=_filter_args(form),
                           object_url=object_url)


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_rows(stmt):
    yield "\ufeff"  # a BOM, so that Excel reads the Chinese as UTF-8
    header = [labels.CSV_HEADERS[key] for key in labels.CSV_COLUMNS]
    yield _csv_line(header)
    offset = 0
    while True:
        chunk = list(db.session.scalars(stmt.offset(offset).limit(CSV_CHUNK)))
        if not chunk:
            return
        names = NameBook(chunk)
        for event in chunk:
            changes = "; ".join(
                f"{field}: {old} → {new}" if old is not None else f"{field}: {new}"
                for field, old, new in labels.readable_changes(event, names))
            yield _csv_line([
                format_datetime(event.created_at, "yyyy-MM-dd HH:mm:ss"),
                event.actor.name if event.actor else labels.SYSTEM,
                labels.action_label(event.action), labels.object_label(event.object_type),
                names.object_name(event) or f"#{event.object_id}", changes])
        offset += CSV_CHUNK


def _csv_line(cells) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_cell(cell) for cell in cells])
    return buffer.getvalue()


@bp.route("/audit.csv")
@platform_admin_required
def audit_csv():
    form = AuditFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("admin/audit.html", form=form, page=None, names=None,
                               filter_args={}), 400
    stmt = audit_service.events(_filters(form))
    stamp = datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    filename = f"audit-{stamp:%Y%m%d-%H%M}.csv"
    return Response(stream_with_context(_csv_rows(stmt)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.app_template_global()
def audit_csv_url(filter_args: dict) -> str:
    return url_for("admin.audit_csv", **filter_args)


@bp.app_context_processor
def audit_labels():
    return {"audit_action_label": labels.action_label,
            "audit_object_label": labels.object_label,
            "audit_changes": labels.readable_changes}
