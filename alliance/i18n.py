"""Language choice: the user's saved preference, else the session's, else Chinese."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user

from .extensions import babel
from .formatting import format_money


def supported_languages() -> dict[str, str]:
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    languages = supported_languages()
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if current_user and current_user.is_authenticated and \
            current_user.preferred_language in languages:
        return current_user.preferred_language
    if session.get("lang") in languages:
        return session["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def html_lang() -> str:
    """BCP 47 tag for the <html lang> attribute."""
    locale = get_locale()
    if locale is None or locale.language == "zh":
        return "zh-Hans-CN"
    return str(locale).replace("_", "-")


def return_url() -> str:
    """Where the language switch sends the user back to: this page, or, when this page
    answered a POST, the page the form was on (the POST address has no GET)."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    rule = request.url_rule
    if rule is not None and "GET" in rule.methods:
        return request.path
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return "/" + referrer[len(request.host_url):]
    return url_for("main.index")


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        html_lang=html_lang,
        language_return_url=return_url,
        supported_languages=supported_languages,
        get_locale=get_locale,
    )
    app.jinja_env.filters.update(
        datetime=lambda value, fmt="medium": format_datetime(value, fmt) if value else "",
        date=lambda value, fmt="medium": format_date(value, fmt) if value else "",
        number=lambda value: format_decimal(value),
    )
    app.jinja_env.filters["money"] = format_money
