"""Dashboards: each alliance's figures and the province's progress toward its targets."""

from flask import Blueprint

bp = Blueprint("dashboards", __name__)

from . import views  # noqa: E402,F401  (registers the views)

__all__ = ["bp"]
