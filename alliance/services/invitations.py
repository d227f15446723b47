"""Invitation links: an organisation's admin brings colleagues onto the platform, and a
platform admin brings an alliance's coordinator (secretariat) on without an organisation.

Only the SHA-256 of a link's token is stored; a link given an email is mailed to it. A link
works while its creator may still make it; when the creator loses that right, their open
links are revoked for good (so restoring the right later does not revive them).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Alliance, Invitation, Organization, Role, User
from ..models.types import utcnow
from ..text import clean_text, is_lookalike_email
from . import Conflict, ServiceError, notifications
from .accounts import LOOKALIKE_EMAIL, USER_FIELDS, create_user, email_taken
from .audit import record, snapshot
from .coordinators import appoint_coordinator
from .transitions import compare_and_set


def _checked_email(email: str) -> str:
    """The address cleaned like form input; a look-alike one is refused."""
    email = clean_text(email or "")
    if is_lookalike_email(email):
        raise ServiceError(LOOKALIKE_EMAIL, field="email")
    return email


def invite(actor: User, org: Organization, role: Role, email: str, days: int):
    """Return (invitation, token); the token is shown once and only its hash is kept."""
    if not org.can_invite(actor):
        raise ServiceError(_l("You may not invite people to this organisation."), 403)
    if role not in (Role.MEMBER, Role.ORG_ADMIN):
        raise ServiceError(_l("Choose a role for the invited person."))
    email = _checked_email(email)
    if email and email_taken(email):
        raise Conflict(_l("An account with this email already exists."))
    if email and _open_invitation_for(Invitation.organization_id == org.id, email):
        raise Conflict(_OPEN_EXISTS)
    invitation, token = Invitation.issue(org, actor, role, email, days)
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation.created", invitation, None,
           {"organization_id": org.id, "role": role.value, "email": invitation.email})
    notifications.invitation_sent(invitation, token)
    return invitation, token


_OPEN_EXISTS = _l("An open invitation for this email exists; revoke it to send a new one.")


def _open_invitation_for(target, email: str) -> bool:
    """Whether a usable invitation for ``email`` exists among those matching ``target``."""
    candidates = db.session.scalars(db.select(Invitation).where(
        target, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
        db.func.lower(Invitation.email) == email.strip().lower(),
    ))
    return any(invitation.is_usable for invitation in candidates)


def appoint_or_invite_coordinator(actor: User, email: str, alliance: Alliance, days: int):
    """A platform admin makes the person with ``email`` a coordinator of ``alliance``: an
    existing account is appointed at once, returned as (appointment, None); for an address
    without an account, an invitation bound to it is mailed, returned as (invitation,
    token), and the appointment follows when the account is created."""
    if not actor.can_administer_platform():
        raise ServiceError(_l("Only a platform administrator may appoint coordinators."), 403)
    user = User.find_by_email(email)
    if user is not None:
        return appoint_coordinator(actor, user, alliance), None
    return invite_coordinator(actor, email, alliance, days)


def invite_coordinator(actor: User, email: str, alliance: Alliance, days: int):
    """An invitation (account without organisation) to coordinate ``alliance``, bound to
    ``email`` and mailed to it. Returns (invitation, token)."""
    if not actor.can_administer_platform():
        raise ServiceError(_l("Only a platform administrator may appoint coordinators."), 403)
    email = _checked_email(email)
    if not email:
        raise ServiceError(_l("Give the email of the person to invite."), field="email")
    if email_taken(email):
        raise Conflict(_l("An account with this email already exists."))
    if _open_invitation_for(Invitation.alliance_id == alliance.id, email):
        raise Conflict(_OPEN_EXISTS)
    invitation, token = Invitation.issue(None, actor, Role.MEMBER, email, days, alliance=alliance)
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation.created", invitation, None,
           {"alliance_id": alliance.id, "role": Role.MEMBER.value, "email": invitation.email})
    notifications.invitation_sent(invitation, token)
    return invitation, token


def coordinator_invitations(limit: int = 50) -> list[Invitation]:
    """The latest invitations to coordinate an alliance, newest first."""
    return list(db.session.scalars(
        db.select(Invitation).where(Invitation.alliance_id.is_not(None))
        .order_by(Invitation.id.desc()).limit(limit)
    ))


def invitations_of(org: Organization) -> list[Invitation]:
    """The organisation's invitations, newest first."""
    return list(db.session.scalars(
        db.select(Invitation).filter_by(organization_id=org.id).order_by(Invitation.id.desc())
    ))


def revoke_invitation(actor: User, invitation: Invitation) -> None:
    """Kill an open link (409 once it is accepted or revoked)."""
    if not invitation.can_view(actor):
        raise ServiceError(_l("You may not revoke this invitation."), 403)
    if invitation.accepted_at is not None:
        raise Conflict(_l("This invitation has already been used."))
    if not compare_and_set(invitation, Invitation.revoked_at, None, revoked_at=utcnow()):
        raise Conflict(_l("This invitation has already been revoked."))
    record(actor, "invitation.revoked", invitation, None, {"revoked": True})


def accept_invitation(invitation: Invitation, *, email: str, name: str, password: str,
                      language: str | None = None) -> User:
    """Create the invited person's account, in the inviting organisation or (a coordinator's
    invitation) without one and appointed to coordinate the alliance; the link is spent."""
    if not invitation.is_usable:
        raise Conflict(_l("This invitation link is no longer valid."), 410)
    if invitation.email and invitation.email.lower() != email.strip().lower():
        raise ServiceError(_l("This invitation was sent to another email address."))
    user = create_user(email, name, password, invitation.role, invitation.organization, language)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:  # the same email registered a moment ago
        raise Conflict(_l("An account with this email already exists.")) from exc
    if not compare_and_set(invitation, Invitation.accepted_at, None, accepted_at=utcnow(),
                           accepted_by_id=user.id):
        # spent by a concurrent request; the view rolls back the new user
        raise Conflict(_l("This invitation link is no longer valid."), 410)
    record(user, "invitation.accepted", invitation, None, {"user_id": user.id})
    record(user, "user.registered", user, None, snapshot(user, USER_FIELDS))
    if invitation.is_for_coordination:  # appointed by whoever invited them
        appoint_coordinator(invitation.created_by, user, invitation.alliance)
    return user


def revoke_open_invitations_of(creator: User, actor: User | None) -> int:
    """Revoke every open link ``creator`` made (they lost the right to invite)."""
    open_links = db.session.scalars(db.select(Invitation).where(
        Invitation.created_by_id == creator.id, Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
    )).all()
    for invitation in open_links:
        invitation.revoked_at = utcnow()
        db.session.flush()
        record(actor, "invitation.revoked", invitation, None,
               {"revoked": True, "reason": "creator lost the right to invite"})
    return len(open_links)
