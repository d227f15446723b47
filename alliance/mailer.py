"""Outgoing mail: written in the recipient's language, sent only once the change commits.

Services call ``queue()`` while they work. The messages wait in the database session and go
out when its outermost transaction commits; a rollback drops them, so a change that is
undone (a refused or lost concurrent decision, say) never announces itself. A failure to
send is logged and leaves the committed change as it is; ``delivered()``, ``undelivered()``
and ``logged()`` tell the view who was reached during this request.

Templates are plain text in templates/mail/: the first line is the subject, the rest is the
body. Without MAIL_SERVER, messages are written to the log (``LogEmailBackend``) instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from flask import current_app, g, has_app_context, has_request_context, render_template, url_for
from flask_babel import force_locale
from flask_mailman import EmailMessage
from flask_mailman.backends.base import BaseEmailBackend
from sqlalchemy import event

from .extensions import db, mail

log = logging.getLogger(__name__)

LOG_BACKEND = "alliance.mailer.LogEmailBackend"
OUTBOX = "alliance_outbox"


class LogEmailBackend(BaseEmailBackend):
    """Writes each message to the log (warning level, so it is never lost silently) when no
    MAIL_SERVER is configured."""

    def send_messages(self, email_messages):
        for message in email_messages:
            log.warning("Mail not sent (MAIL_SERVER is not set):\nTo: %s\nSubject: %s\n\n%s",
                        ", ".join(message.to), message.subject, message.body)
        return len(email_messages)


@dataclass(frozen=True)
class Outgoing:
    """A rendered message and the recipient's name, for telling the sender who was reached."""

    message: EmailMessage
    name: str

    @property
    def address(self) -> str:
        return self.message.to[0]


def language_of(recipient) -> str:
    """The recipient's preferred language if it is one we speak, else the default
    (Chinese)."""
    preferred = getattr(recipient, "preferred_language", None)
    if preferred in current_app.config["LANGUAGES"]:
        return preferred
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def external_url(endpoint: str, **values) -> str | None:
    """An absolute link for a mail, or None where no host is known (outside a request
    without SERVER_NAME); templates leave the link out then."""
    if not has_request_context() and not current_app.config.get("SERVER_NAME"):
        return None
    return url_for(endpoint, _external=True, **values)


def render(template: str, language: str, **context) -> tuple[str, str]:
    """(subject, body) of templates/mail/<template>.txt in ``language``."""
    with force_locale(language):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _newline, body = text.partition("\n")
    body = re.sub(r"\n{3,}", "\n\n", body.strip("\n"))  # one blank line between paragraphs
    return " ".join(subject.split()), body + "\n"


def queue(recipient, template: str, **context) -> Outgoing:
    """Render a message for ``recipient`` (a User, or a bare address, written in the default
    language) and hold it until the current transaction commits."""
    if isinstance(recipient, str):
        address, name, language = recipient, recipient, language_of(None)
    else:
        address, name, language = recipient.email, recipient.name, language_of(recipient)
    subject, body = render(template, language, recipient=recipient, **context)
    outgoing = Outgoing(EmailMessage(subject, body, to=[address]), name)
    db.session.info.setdefault(OUTBOX, []).append(outgoing)
    return outgoing


def _outcome() -> dict:
    if not hasattr(g, "mail_outcome"):
        g.mail_outcome = {"delivered": [], "failed": [], "logged": []}
    return g.mail_outcome


def delivered() -> list[Outgoing]:
    """Messages sent during this request (after its commit)."""
    return list(_outcome()["delivered"]) if has_app_context() else []


def undelivered() -> list[Outgoing]:
    """Messages whose sending failed during this request (the failure is logged)."""
    return list(_outcome()["failed"]) if has_app_context() else []


def logged() -> list[Outgoing]:
    """Messages written to the log during this request, as no mail server is configured."""
    return list(_outcome()["logged"]) if has_app_context() else []


def send(outbox: list[Outgoing]) -> None:
    """Send each message on one connection; a failure is logged and recorded, never
    raised."""
    outcome = _outcome()
    try:
        connection = mail.get_connection()
        connection.open()
    except Exception:
        log.exception("Could not connect to the mail server; %d message(s) not sent",
                      len(outbox))
        outcome["failed"].extend(outbox)
        return
    try:
        for outgoing in outbox:
            try:
                connection.send_messages([outgoing.message])
            except Exception:
                log.exception("Mail to %s could not be sent", outgoing.address)
                outcome["failed"].append(outgoing)
            else:
                sent = "logged" if isinstance(connection, LogEmailBackend) else "delivered"
                outcome[sent].append(outgoing)
    finally:
        try:
            connection.close()
        except Exception:
            log.exception("Closing the mail connection failed")


def _after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint was released; wait for the real commit
        return
    outbox = session.info.pop(OUTBOX, None)
    if outbox:
        send(outbox)


def _after_soft_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction was undone
        session.info.pop(OUTBOX, None)


def init_app(app) -> None:
    """Listen to the session's commits and rollbacks (once, however many apps are made)."""
    if not event.contains(db.session, "after_commit", _after_commit):
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", _after_soft_rollback)
