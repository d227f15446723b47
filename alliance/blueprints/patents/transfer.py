"""Bulk import (upload, preview of every row, then commit) and export of an organisation's
patents. The uploaded file waits in the cache between preview and commit, under a random
token bound to the uploader."""

import secrets
from io import BytesIO

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...extensions import cache, db
from ...models import Patent, PatentOwner
from ...patent_io.exporter import to_csv, to_xlsx
from ...services.patent_import import ImportRefused, check_file, import_file
from ...services.patents import record_of
from ..views_util import form_status
from .forms import ImportForm
from .views import _own_organisation, bp

UPLOAD_SECONDS = 30 * 60


def _upload_key(token: str) -> str:
    return f"patent-upload:{current_user.id}:{token}"


def _may_import():
    org = _own_organisation()
    if not current_user.is_org_admin:
        abort(403)
    return org


@bp.route("/import", methods=["GET", "POST"], endpoint="import_file")
@login_required
def import_file_view():
    org = _may_import()
    form = ImportForm()
    if form.validate_on_submit():
        limit = current_app.config["MAX_UPLOAD_BYTES"]
        data = form.file.data.read(limit + 1)
        if len(data) > limit:
            form.file.errors = [_("The file is larger than %(mb)s MB.", mb=limit // 2 ** 20)]
            return render_template("patents/import.html", form=form, check=None), 413
        filename = form.file.data.filename or "upload.csv"
        check = check_file(current_user, org, data, filename)
        token = secrets.token_urlsafe(16)
        if check.ok:
            cache.set(_upload_key(token), (filename, data), timeout=UPLOAD_SECONDS)
        return render_template("patents/import.html", form=form, check=check, token=token,
                               filename=filename), 200 if check.ok else 400
    return render_template("patents/import.html", form=form, check=None), form_status(form)


@bp.route("/import/commit", methods=["POST"])
@login_required
def import_commit():
    org = _may_import()
    token = request.form.get("token", "")
    upload = cache.get(_upload_key(token)) if token else None
    if upload is None:
        flash(_("The checked file is no longer held (it is kept for 30 minutes). Upload it "
                "again."), "warning")
        return redirect(url_for("patents.import_file")), 303
    filename, data = upload
    try:
        check = import_file(current_user, org, data, filename)
    except ImportRefused as refused:
        db.session.rollback()
        return render_template("patents/import.html", form=ImportForm(), check=refused.check,
                               token=None, filename=filename), 409
    db.session.commit()
    cache.delete(_upload_key(token))
    flash(_("Imported: %(new)s new, %(changed)s updated, %(same)s unchanged.",
            new=check.count("new"), changed=check.count("changed"),
            same=check.count("unchanged")), "success")
    return redirect(url_for("patents.mine"))


@bp.route("/export.<fmt>")
@login_required
def export(fmt: str):
    org = _own_organisation()
    if fmt not in ("csv", "xlsx"):
        abort(404)
    rows = db.session.scalars(db.select(Patent).where(Patent.id.in_(
        db.select(PatentOwner.patent_id).where(PatentOwner.organization_id == org.id)))
        .order_by(Patent.filing_date, Patent.id)).all()
    records = [record_of(p) for p in rows]
    data = to_csv(records) if fmt == "csv" else to_xlsx(records)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return send_file(BytesIO(data), mimetype=mimetype, as_attachment=True,
                     download_name=f"patents-{org.id}.{fmt}")
