"""Who is told what. ``notify()`` leaves each recipient a notification on the platform and
queues an email (in the recipient's language, sent only when the request's transaction
commits) to those whose preference for the event says so. The events are registered in
``notification_events.EVENTS``.

Invitations and password resets are mail only: the invited person has no account yet, and
a reset link is security mail that nobody may switch off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..mailer import Outgoing, external_url, queue
from ..models import (
    Invitation,
    Membership,
    MembershipStatus,
    Notification,
    NotificationPreference,
    Organization,
    OrgStatus,
    User,
)
from ..models.types import utcnow
from . import Conflict
from .notification_events import EVENTS, event, in_languages, render_message

GENERIC_MAIL = "notification"


class Link(NamedTuple):
    """Where a notification leads: an endpoint and its URL values (JSON-able)."""

    endpoint: str
    values: dict


def link_to(endpoint: str, **values) -> Link:
    """The link of a notification to ``url_for(endpoint, **values)``."""
    return Link(endpoint, values)


def notify(recipients: Iterable[User], key: str, link: Link | None, *,
           mail_context: Mapping | None = None, **params) -> list[Notification]:
    """Tell each of ``recipients`` (once each) of event ``key``: a notification on the
    platform for everyone, and an email for those whose preference says so. ``params`` are
    kept with the notification (JSON: ids, texts, and bilingual names as {locale: text},
    see ``in_languages``); ``mail_context`` gives the event's mail template the objects it
    needs and is not kept. Returns the new notifications (flushed)."""
    registered = event(key)
    people = list({person.id: person for person in recipients}.values())
    notifications = [
        Notification(user_id=person.id, event=key, params=dict(params),
                     link_endpoint=link.endpoint if link else None,
                     link_values=dict(link.values) if link else {})
        for person in people
    ]
    db.session.add_all(notifications)
    db.session.flush()
    url = external_url(link.endpoint, **link.values) if link else None
    wanted = email_wanted(people, key)
    for person in people:
        if person.id in wanted:
            queue(person, registered.mail_template or GENERIC_MAIL, link=url,
                  message=lambda: render_message(key, params), **dict(mail_context or {}))
    if has_app_context():
        g.setdefault("notified", []).extend(people)
    return notifications


def told() -> list[User]:
    """Everyone given a notification on the platform during this request."""
    return list(g.get("notified", [])) if has_app_context() else []


# Preferences ------------------------------------------------------------------------------

def email_wanted(people: list[User], key: str) -> set[int]:
    """Ids of ``people`` who get event ``key`` by email: their own choice, else the
    event's default."""
    if not people:
        return set()
    chosen = dict(db.session.execute(
        db.select(NotificationPreference.user_id, NotificationPreference.email).where(
            NotificationPreference.event == key,
            NotificationPreference.user_id.in_([person.id for person in people]))).all())
    default = event(key).email_by_default
    return {person.id for person in people if chosen.get(person.id, default)}


def preferences_of(user: User) -> dict[str, bool]:
    """{event key: email on} for every registered event, the user's choice or the
    default."""
    chosen = dict(db.session.execute(
        db.select(NotificationPreference.event, NotificationPreference.email).where(
            NotificationPreference.user_id == user.id)).all())
    return {key: chosen.get(key, item.email_by_default) for key, item in EVENTS.items()}


def set_preferences(user: User, choices: Mapping[str, bool]) -> list[str]:
    """Keep the user's email choice for each event in ``choices`` (registered keys only);
    returns the keys whose effective setting changed. A concurrent first save of the same
    choices is refused (409) rather than failing on the unique row."""
    current = preferences_of(user)
    rows = {row.event: row for row in db.session.scalars(
        db.select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    changed = []
    try:
        with db.session.begin_nested():
            for key, email in choices.items():
                if key not in current:
                    continue
                row = rows.get(key)
                if row is None:
                    db.session.add(NotificationPreference(user_id=user.id, event=key,
                                                          email=bool(email)))
                else:
                    row.email = bool(email)
                if current[key] != bool(email):
                    changed.append(key)
            db.session.flush()
    except IntegrityError as exc:  # the same choices saved from another window just now
        raise Conflict(_l("Your preferences were saved from another window a moment ago. "
                          "Check them and save again.")) from exc
    return changed


# Reading ----------------------------------------------------------------------------------

def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one indexed count query)."""
    return db.session.scalar(
        db.select(db.func.count()).select_from(Notification).where(
            Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def notifications_query(user: User):
    """The user's notifications, newest first (a select statement, to paginate)."""
    return db.select(Notification).where(Notification.user_id == user.id).order_by(
        Notification.created_at.desc(), Notification.id.desc())


def message(notification: Notification) -> str:
    """The notification's text in the current language (plain text; templates escape
    it)."""
    return render_message(notification.event, notification.params or {})


def mark_read(user: User, notification: Notification) -> bool:
    """Mark one of the user's own notifications read; True if it was unread until now."""
    result = db.session.execute(
        db.update(Notification).where(
            Notification.id == notification.id, Notification.user_id == user.id,
            Notification.read_at.is_(None)).values(read_at=utcnow())
        .execution_options(synchronize_session=False))
    db.session.refresh(notification)
    return result.rowcount == 1


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user read; returns how many."""
    result = db.session.execute(
        db.update(Notification).where(
            Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount


# The platform's events --------------------------------------------------------------------

def _org_params(org: Organization) -> dict:
    return {"org_id": org.id, "org": in_languages(lambda: org.name)}


def _membership_params(membership: Membership) -> dict:
    alliance = membership.alliance
    return {"membership_id": membership.id, "alliance_code": alliance.code,
            "alliance": in_languages(lambda: alliance.full_name),
            **_org_params(membership.organization)}


def registration_decided(org: Organization) -> list[Notification]:
    """The organisation's administrators hear that it was approved, or rejected and why."""
    approved = org.status is OrgStatus.APPROVED
    params = _org_params(org) if approved else {**_org_params(org),
                                                "reason": org.decision_reason}
    return notify(org.active_admins(),
                  "registration.approved" if approved else "registration.rejected",
                  link_to("orgs.detail", org_id=org.id), mail_context={"org": org}, **params)


def join_request_filed(membership: Membership, deciders: list[User],
                       office: bool) -> list[Notification]:
    """Whoever decides the request hears of it: its coordinators, or (``office``) the
    platform administrators."""
    return notify(deciders, "membership.requested",
                  link_to("alliances.requests", code=membership.alliance.code),
                  mail_context={"membership": membership, "office": office},
                  **_membership_params(membership))


def join_request_decided(membership: Membership) -> list[Notification]:
    """The requesting organisation's administrators hear the decision (and the reason)."""
    params = _membership_params(membership)
    if membership.status is MembershipStatus.ACTIVE:
        key, link = "membership.approved", link_to("alliances.detail",
                                                    code=membership.alliance.code)
    else:
        key, link = "membership.rejected", link_to("orgs.detail",
                                                    org_id=membership.organization_id)
        params["reason"] = membership.decision_reason
    return notify(membership.organization.active_admins(), key, link,
                  mail_context={"membership": membership}, **params)


def invitation_sent(invitation: Invitation, token: str) -> list[Outgoing]:
    """The invited address receives its link (an invitation without an address is only
    shown to its creator). Mail only: the invited person has no account yet."""
    if not invitation.email:
        return []
    link = external_url("auth.accept_invitation", token=token)
    if link is None:
        return []
    template = "coordinator_invitation" if invitation.is_for_coordination else "invitation"
    return [queue(invitation.email, template, invitation=invitation, link=link)]


def password_reset(user: User, link: str, minutes: int) -> list[Outgoing]:
    """The reset link, by mail only (security mail, never switched off)."""
    return [queue(user, "password_reset", link=link, minutes=minutes)]
