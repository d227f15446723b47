"""Small helpers the views share: committing a service call, safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _

from .. import mailer
from ..extensions import db
from ..services import ServiceError, notifications


def run_service(call, *args, **kwargs):
    """Run a service, commit on success; on a rule break roll back and return the error."""
    try:
        result = call(*args, **kwargs)
    except ServiceError as error:
        db.session.rollback()
        return None, error
    db.session.commit()
    return result, None


def _people(outgoing: list) -> str:
    """The recipients by name (a bare address for someone without an account)."""
    return _(", ").join(dict.fromkeys(item.name for item in outgoing))


def flash_with_mail_outcome(message, nobody=None) -> None:
    """Flash ``message`` followed by who was sent an email by this request, else who was
    told on the platform only, or, with ``nobody``, that no one could be told; emails that
    failed (the change stands) or only went to the log (no mail server) get a warning of
    their own."""
    from ..models.bilingual import is_english

    sent, failed, logged = mailer.delivered(), mailer.undelivered(), mailer.logged()
    parts = [str(message)]
    if sent:
        parts.append(_("Sent by email to: %(people)s.", people=_people(sent)))
    elif not failed and not logged:
        told = notifications.told()
        if told:  # told on the platform, and none of them gets this event by email
            parts.append(_("Told on the platform, not by email (as they chose): "
                           "%(people)s.", people=_people(told)))
        elif nobody:
            parts.append(str(nobody))
    flash((" " if is_english() else "").join(parts), "success")
    if failed:
        flash(_("The email to %(people)s could not be sent; the change is saved. Tell them "
                "another way.", people=_people(failed)), "warning")
    if logged:
        flash(_("No mail server is configured: the email to %(people)s was written to the "
                "server log instead. Tell them another way.", people=_people(logged)),
              "warning")


def form_status(form) -> int:
    """200 for a form shown for the first time, 400 for one sent back with errors."""
    return 400 if form.is_submitted() else 200


def fail(error: ServiceError, template: str | None = None, form=None, **context):
    """Answer a refused service call with its status: re-render ``template`` with the message
    next to its field of ``form`` (or flashed), or show the error page with the message."""
    if template is None:
        abort(error.status, description=error.message)
    field = getattr(form, error.field, None) if form is not None and error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "danger")
    return render_template(template, form=form, **context), error.status


def is_safe_local_path(target: str) -> bool:
    """A path on this site: starts with one slash, no scheme or host, no backslash, and no
    control character (a CR or LF would split the Location header)."""
    if not target or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return False
    if any(ord(char) < 32 or 127 <= ord(char) < 160 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(default_endpoint: str = "main.index") -> str:
    """The ``next`` target if it stays on this site, else the default page."""
    target = request.args.get("next") or request.form.get("next")
    return target if target and is_safe_local_path(target) else url_for(default_endpoint)



def first_error(form) -> str | None:
    """The first message of a form that failed validation (for one-button posts, whose
    answer is the error page)."""
    for errors in [form.form_errors, *form.errors.values()]:
        for message in errors:
            return str(message)
    return None


def sector_filter():
    """The ``?sector=`` filter as a Sector, None when absent; 400 when unknown."""
    from ..models import Sector

    value = request.args.get("sector", "")
    if not value:
        return None
    try:
        return Sector(value)
    except ValueError:
        abort(400, description=_("Unknown sector."))


def confirmation_step(*, title, question, confirm_label, cancel_url: str, consequence=None,
                      fields: dict | None = None):
    """The guard of a destructive action (one URL, GET and POST): a GET answers with the
    page that names the object and asks; a POST that does not carry that page's
    confirmation answers 400 and changes nothing. Returns None when the POST is confirmed,
    and the view goes on to do the action."""
    from .shared_forms import ConfirmForm

    if request.method == "GET":
        return render_template("confirm.html", title=title, question=question,
                               consequence=consequence, confirm_label=confirm_label,
                               cancel_url=cancel_url, fields=fields or {})
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400, description=first_error(form))
    return None


def deactivation_step(person, cancel_url: str):
    """``confirmation_step`` for taking an account's access away (GET, or a POST of
    ``active=0``); reactivating needs no second step."""
    if request.method == "POST" and request.form.get("active") != "0":
        return None
    return confirmation_step(
        title=_("Deactivate the account"),
        question=_("Deactivate the account of %(name)s (%(email)s)?", name=person.name,
                   email=person.email),
        consequence=_("They are logged out everywhere at once and can no longer log in; "
                      "their open invitation links stop working. You can reactivate the "
                      "account later."),
        confirm_label=_("Deactivate"), fields={"active": "0"}, cancel_url=cancel_url)
