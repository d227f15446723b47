"""Role checks for views. The rules themselves are the models' ``can_*`` methods."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def ensure(allowed: bool, message=None) -> None:
    """Stop the request with 403 unless ``allowed`` (the result of a ``can_*`` method)."""
    if not allowed:
        abort(403, description=message) if message else abort(403)


def platform_admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        ensure(current_user.can_administer_platform())
        return view(*args, **kwargs)

    return wrapped


def get_or_404(model, object_id):
    from .extensions import db

    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    return obj


def get_visible_or_404(model, object_id, user=None):
    """Load an object and check the user may see it; unknown and hidden both give 404,
    so ids of other organisations' objects reveal nothing."""
    obj = get_or_404(model, object_id)
    if not obj.can_view(user or current_user):
        abort(404)
    return obj
