"""The kinds of event people are told of: one ``Event`` entry each in ``EVENTS``.

An entry gives the label shown on the email preferences page, the message shown in the
list (an English source string with ``%(name)s`` placeholders, translated when it is read),
the mail template (``templates/mail/<name>.txt``; None uses ``notification.txt``, which
mails the message and its link), and whether email is on for someone who never chose.

Email is on by default for events that ask the recipient to act (a request waiting for
their decision) and for decisions on what the recipient applied for and is waiting on;
events that only inform are off by default and stay in the list on the platform.

Adding an event is one entry below (plus, if it wants a mail of its own, its template).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

from ..i18n import current_locale
from ..validators import N_


@dataclass(frozen=True)
class Event:
    """One kind of event: ``message`` is an N_-marked source string rendered with the
    notification's params; ``label`` a lazy string for the preferences page."""

    key: str
    label: object
    message: str
    mail_template: str | None = None
    email_by_default: bool = True


def _registry(*events: Event) -> dict[str, Event]:
    registry = {}
    for event in events:
        if event.key in registry:
            raise ValueError(f"event {event.key!r} is registered twice")
        registry[event.key] = event
    return registry


#: every event, in the order of the preferences page
EVENTS: dict[str, Event] = _registry(
    Event("registration.approved", _l("My organisation's registration is approved"),
          N_("The registration of %(org)s has been approved."),
          "registration_approved"),
    Event("registration.rejected", _l("My organisation's registration is not approved"),
          N_("The registration of %(org)s has not been approved: %(reason)s"),
          "registration_rejected"),
    Event("membership.requested", _l("An organisation asks to join an alliance I decide for"),
          N_("%(org)s asks to join %(alliance)s."),
          "join_request_filed"),
    Event("membership.approved", _l("My organisation's join request is approved"),
          N_("The request of %(org)s to join %(alliance)s has been approved."),
          "join_request_approved"),
    Event("membership.rejected", _l("My organisation's join request is not approved"),
          N_("The request of %(org)s to join %(alliance)s has not been approved: "
             "%(reason)s"),
          "join_request_rejected"),
    Event("licence_request_submitted", _l("A licence is requested on my organisation's listing"),
          N_("%(org)s requests a licence on %(listing)s.")),
    Event("licence_request_under_review", _l("My licence request is under review"),
          N_("%(owner)s is reviewing the request of %(org)s on %(listing)s."),
          email_by_default=False),
    Event("licence_request_countered", _l("A counter-offer on my licence request"),
          N_("%(owner)s made a counter-offer on the request of %(org)s on %(listing)s.")),
    Event("licence_request_revised", _l("A licence request is revised after my counter-offer"),
          N_("%(org)s revised its request on %(listing)s.")),
    Event("licence_request_rejected", _l("My licence request is rejected"),
          N_("%(owner)s rejected the request of %(org)s on %(listing)s.")),
    Event("licence_request_withdrawn", _l("A licence request on my listing is withdrawn"),
          N_("%(org)s withdrew its request on %(listing)s."), email_by_default=False),
    Event("licence_request_expired", _l("A licence request expired unanswered"),
          N_("The request of %(org)s on %(listing)s expired without an answer.")),
    Event("licence_granted", _l("A licence is granted"),
          N_("The licence from %(owner)s to %(org)s on %(listing)s is granted; register it "
             "with CNIPA by %(due)s.")),
    Event("listing_consent_asked", _l("A co-owner asks my consent to list a shared patent"),
          N_("%(owner)s asks your consent to list %(listing)s.")),
    Event("open_licence_obtained", _l("A licence is obtained under my open licence"),
          N_("%(org)s obtained a licence on %(listing)s under your open licence; register "
             "it with CNIPA by %(due)s.")),
    Event("need_matched", _l("A technology need matches my organisation's listing"),
          N_("%(org)s needs “%(need)s”, which matches your listing %(listing)s.")),
    Event("need_answered", _l("My organisation's technology need is answered"),
          N_("%(org)s answered your need “%(need)s”.")),
    Event("need_solved", _l("A technology need I answered is solved"),
          N_("%(org)s marked its need “%(need)s” solved."), email_by_default=False),
    Event("warning.annual_fee", _l("Warning: an annual fee of my organisation's patent is due"),
          N_("The annual fee of patent %(number)s (%(title)s) is due on %(due)s.")),
    Event("warning.patent_expiry", _l("Warning: a patent of my organisation expires soon"),
          N_("Patent %(number)s (%(title)s) expires on %(due)s."), email_by_default=False),
    Event("warning.licence_expiry", _l("Warning: a licence of my organisation ends soon"),
          N_("Licence %(reference)s (%(title)s) ends on %(due)s."), email_by_default=False),
    Event("warning.registration", _l("Warning: a licence must be registered (备案)"),
          N_("Licence %(reference)s (%(title)s) must be registered (备案) with CNIPA by "
             "%(due)s.")),
    Event("warning.royalty_report", _l("Warning: a royalty report is overdue"),
          N_("The royalty report of licence %(reference)s (%(title)s) due on %(due)s has not "
             "been filed.")),
    Event("warning.open_licence", _l("Warning: an open-licence declaration lapses soon"),
          N_("The open licence on patent %(number)s (%(title)s) lapses on %(due)s.")),
    Event("warning.ipc_watch", _l("Warning: a non-member's new patent in a watched field"),
          N_("New patent %(number)s (%(title)s) of %(owners)s in the watched field "
             "%(subclass)s, published %(due)s."), email_by_default=False),
)


def event(key: str) -> Event:
    """The registered event ``key``; KeyError for an unknown one (a typo in a caller)."""
    return EVENTS[key]


def in_languages(read) -> dict[str, str]:
    """``read()`` evaluated in each language of the platform, as {locale: text}: how a
    bilingual name (``lambda: org.name``) is kept in a notification's params."""
    texts = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            texts[language] = str(read())
    return texts


def _in_current_language(value, language: str, default: str):
    if isinstance(value, dict):
        return value.get(language) or value.get(default) or next(iter(value.values()), "")
    return value


def render_message(key: str, params: dict) -> str:
    """The message of event ``key`` in the current language, with ``params`` (bilingual
    values read in that language). An event no longer registered shows its key."""
    registered = EVENTS.get(key)
    if registered is None:
        return key
    locale = current_locale()
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    language = str(locale) if locale is not None else default
    values = {name: _in_current_language(value, language, default)
              for name, value in params.items()}
    try:
        return gettext(registered.message, **values)
    except (KeyError, TypeError, ValueError):  # a translation or params that do not fit
        return str(registered.message)
