"""The tags that load the app's own styles and scripts, built once per script root: they
are the same on every page, and url_for costs more than the rest of the page head."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, request, url_for
from markupsafe import Markup


@lru_cache(maxsize=8)
def _tags(script_root: str, app_id: int) -> tuple[Markup, Markup]:
    bootstrap = current_app.extensions["bootstrap"]
    head = Markup("\n  ").join([
        bootstrap.load_css(),
        Markup('<link rel="stylesheet" href="{}">').format(
            url_for("static", filename="css/app.css")),
        Markup('<link rel="icon" href="{}" type="image/svg+xml">').format(
            url_for("static", filename="favicon.svg")),
    ])
    foot = Markup("\n").join([
        bootstrap.load_js(),
        Markup('<script src="{}"></script>').format(url_for("static", filename="js/app.js")),
    ])
    return head, foot


def asset_tags() -> tuple[Markup, Markup]:
    """(tags for <head>, tags for the end of <body>)."""
    return _tags(request.script_root, id(current_app._get_current_object()))


def init_app(app) -> None:
    app.jinja_env.globals["asset_tags"] = asset_tags
