"""Who is told what by mail. Each function queues messages (in each recipient's language)
that go out only when the request's transaction commits; it returns what it queued."""

from __future__ import annotations

from ..mailer import Outgoing, external_url, queue
from ..models import Invitation, Membership, MembershipStatus, Organization, OrgStatus, User


def registration_decided(org: Organization) -> list[Outgoing]:
    """The organisation's administrators hear that it was approved, or rejected and why."""
    template = "registration_approved" if org.status is OrgStatus.APPROVED \
        else "registration_rejected"
    link = external_url("orgs.detail", org_id=org.id)
    return [queue(admin, template, org=org, link=link) for admin in org.active_admins()]


def join_request_filed(membership: Membership, deciders: list[User],
                       office: bool) -> list[Outgoing]:
    """Whoever decides the request hears of it: its coordinators, or (``office``) the
    platform administrators."""
    link = external_url("alliances.requests", code=membership.alliance.code)
    return [queue(person, "join_request_filed", membership=membership, office=office,
                  link=link) for person in deciders]


def join_request_decided(membership: Membership) -> list[Outgoing]:
    """The requesting organisation's administrators hear the decision (and the reason)."""
    if membership.status is MembershipStatus.ACTIVE:
        template = "join_request_approved"
        link = external_url("alliances.detail", code=membership.alliance.code)
    else:
        template = "join_request_rejected"
        link = external_url("orgs.detail", org_id=membership.organization_id)
    return [queue(admin, template, membership=membership, link=link)
            for admin in membership.organization.active_admins()]


def invitation_sent(invitation: Invitation, token: str) -> list[Outgoing]:
    """The invited address receives its link (an invitation without an address is only
    shown to its creator)."""
    if not invitation.email:
        return []
    link = external_url("auth.accept_invitation", token=token)
    if link is None:
        return []
    template = "coordinator_invitation" if invitation.is_for_coordination else "invitation"
    return [queue(invitation.email, template, invitation=invitation, link=link)]


def password_reset(user: User, link: str, minutes: int) -> list[Outgoing]:
    return [queue(user, "password_reset", link=link, minutes=minutes)]
