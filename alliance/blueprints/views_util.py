"""Small helpers the views share: committing a service call, safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, render_template, request, url_for

from ..extensions import db
from ..services import ServiceError


def run_service(call, *args, **kwargs):
    """Run a service, commit on success; on a rule break roll back and return the error."""
    try:
        result = call(*args, **kwargs)
    except ServiceError as error:
        db.session.rollback()
        return None, error
    db.session.commit()
    return result, None


def fail(error: ServiceError, template: str | None = None, **context):
    """Answer a refused service call with its status: re-render ``template`` with the message
    flashed, or show the error page with the message."""
    if template is None:
        abort(error.status, description=error.message)
    flash(str(error.message), "danger")
    return render_template(template, **context), error.status


def safe_next(default_endpoint: str = "main.index") -> str:
    """The ``next`` target if it stays on this site, else the default page."""
    target = request.args.get("next") or request.form.get("next")
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//") and "\\" not in target:
            return target
    return url_for(default_endpoint)

