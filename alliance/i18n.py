"""Language choice: the user's saved preference, else the session's, else Chinese."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import dates
from babel.numbers import get_group_symbol
from flask import current_app, g, has_request_context, request, session, url_for
from flask_babel import format_decimal, get_locale, get_timezone, get_translations
from flask_login import current_user

from .extensions import babel
from .formatting import format_money


def supported_languages() -> dict[str, str]:
    return current_app.config["LANGUAGES"]


def current_locale():
    """flask_babel.get_locale() on its fast path: the locale already chosen (or forced with
    force_locale) for this request, read where Flask-Babel keeps it; the first call of a
    request, and calls outside one, go through Flask-Babel."""
    try:
        namespace = g.get("_flask_babel")
    except RuntimeError:  # no application context
        return None
    locale = getattr(namespace, "babel_locale", None)
    return locale if locale is not None else get_locale()


#: the catalogue for each language, as Flask-Babel loaded it (it caches them per process too)
_catalogues: dict[str, object] = {}


def current_translations():
    """The gettext catalogue of the current language. Templates call gettext dozens of times
    a page; Flask-Babel's own path looks the context up three times per call."""
    locale = current_locale()
    if locale is None:
        return get_translations()
    key = str(locale)
    catalogue = _catalogues.get(key)
    if catalogue is None:
        catalogue = _catalogues[key] = get_translations()
    return catalogue


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
    locale = current_locale()
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


@lru_cache(maxsize=16)
def _group_symbol(locale_id: str) -> str:
    return get_group_symbol(locale_id)


def format_number(value) -> str:
    """A number as the current language writes it. Whole numbers (the counts on most pages)
    take a fast path: both languages group digits by three, so only the separator is
    looked up, once per language."""
    if isinstance(value, int) and not isinstance(value, bool):
        locale = current_locale()
        return f"{value:,}".replace(",", _group_symbol(str(locale))) if locale else str(value)
    return format_decimal(value)


def _formatting_locale():
    """The locale dates are written in: English in the British order the interface is
    spelt in (28 Nov 2026, 28/11/2026), Chinese as Chinese writes them."""
    locale = current_locale()
    if locale is None or locale.language == "en":
        return "en_GB"
    return locale


def format_datetime_for_page(value, fmt: str = "medium") -> str:
    """A UTC timestamp in the display time zone and the current language."""
    if not value:
        return ""
    return dates.format_datetime(value, fmt, tzinfo=get_timezone(), locale=_formatting_locale())


def format_date_for_page(value, fmt: str = "medium") -> str:
    """A date (or the date of a UTC timestamp, in the display time zone)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(get_timezone()).date()
    return dates.format_date(value, fmt, locale=_formatting_locale())


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it is translated where it is shown."""
    return text


#: the layout's words, on every page: translated once per language (see layout_texts)
LAYOUT_TEXTS = (
    N_("Jilin IP Alliance Platform"), N_("Jilin IP Alliances"), N_("Skip to content"),
    N_("Menu"), N_("Alliances"),
    N_("Organisations"), N_("Patents"), N_("Licensing"), N_("Our patents"),
    N_("Licensable patents"), N_("Open licences"), N_("Licence requests"), N_("Licences"),
    N_("Benefit sharing"), N_("Technology needs"), N_("Needs"), N_("Alliance notices"),
    N_("My statements"),
    N_("My organisation"), N_("Join requests"), N_("Network"), N_("Administration"),
    N_("Notifications"), N_("Change password"), N_("Your sessions"), N_("Log out"),
    N_("Register"), N_("Log in"),
    N_("Platform of the ten strategic-emerging-industry IP alliances of Jilin Province."),
)
_layout: dict[str, dict[str, str]] = {}


def layout_texts() -> dict[str, str]:
    """{English source: translation} of the layout's words in the current language."""
    key = str(current_locale())
    texts = _layout.get(key)
    if texts is None:
        catalogue = current_translations()
        texts = _layout[key] = {text: catalogue.ugettext(text) for text in LAYOUT_TEXTS}
    return texts


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: current_translations().ugettext(s),
        ngettext=lambda s, p, n: current_translations().ungettext(s, p, n),
        pgettext=lambda c, s: current_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: current_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals.update(
        layout_texts=layout_texts,
        html_lang=html_lang,
        language_return_url=return_url,
        supported_languages=supported_languages,
        get_locale=get_locale,
    )
    app.jinja_env.filters.update(
        datetime=format_datetime_for_page,
        date=format_date_for_page,
        number=format_number,
    )
    app.jinja_env.filters["money"] = format_money
    # labelled enums, for pages that translate their labels once ({{ Sector.labels() }})
    from .models import (
        LicenceKind,
        MembershipRole,
        MembershipStatus,
        OrgStatus,
        PatentKind,
        PatentStatus,
        Role,
        Sector,
    )

    app.jinja_env.globals.update(Sector=Sector, MembershipRole=MembershipRole,
                                 MembershipStatus=MembershipStatus, OrgStatus=OrgStatus,
                                 Role=Role, PatentKind=PatentKind, PatentStatus=PatentStatus,
                                 LicenceKind=LicenceKind)
