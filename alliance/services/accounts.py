"""Registration, approval of new organisations, invitations and account settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Organization, OrgStatus, Role, Sector, User
from ..models.types import utcnow
from ..validators import normalize_uscc
from . import Conflict, ServiceError
from .audit import record, snapshot
from .transitions import compare_and_set

ORG_FIELDS = ["name_zh", "name_en", "uscc", "sector", "region", "website", "status"]
USER_FIELDS = ["email", "name", "organization_id", "role", "active", "preferred_language"]


def email_taken(email: str) -> bool:
    return User.find_by_email(email) is not None


OPEN_STATUSES = (OrgStatus.PENDING, OrgStatus.APPROVED)


def _open_organisation_with(column, value, except_id: int | None = None) -> bool:
    """Whether a pending or approved organisation other than ``except_id`` has this value."""
    query = db.select(Organization.id).where(column == value,
                                             Organization.status.in_(OPEN_STATUSES))
    if except_id is not None:
        query = query.where(Organization.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def uscc_taken(uscc: str, except_id: int | None = None) -> bool:
    return _open_organisation_with(Organization.uscc, uscc, except_id)


def org_name_taken(name_zh: str, except_id: int | None = None) -> bool:
    return _open_organisation_with(Organization.name_zh, name_zh.strip(), except_id)


def _check_identity_free(name_zh: str, uscc: str | None, org_id: int) -> None:
    """No other pending or approved organisation may have this name or USCC."""
    if org_name_taken(name_zh, except_id=org_id):
        raise Conflict(_l("An organisation with this name is already registered."))
    if uscc and uscc_taken(uscc, except_id=org_id):
        raise Conflict(_l("An organisation with this USCC is already registered."))


def create_user(email: str, name: str, password: str, role: Role,
                organization: Organization | None = None, language: str | None = None) -> User:
    if email_taken(email):
        raise Conflict(_l("An account with this email already exists."))
    user = User(email=email, name=name.strip(), role=role, organization=organization,
                preferred_language=language)
    user.set_password(password)
    db.session.add(user)
    return user


def register_organisation(*, org_name_zh: str, org_name_en: str, uscc: str, sector: Sector,
                          region: str, website: str, email: str, name: str, password: str,
                          language: str | None = None) -> User:
    """A new organisation (pending approval) and its first administrator."""
    uscc = normalize_uscc(uscc)
    if uscc_taken(uscc):
        raise Conflict(_l("An organisation with this USCC is already registered."))
    if org_name_taken(org_name_zh):
        raise Conflict(_l("An organisation with this name is already registered."))
    org = Organization(
        name_zh=org_name_zh.strip(), name_en=(org_name_en or "").strip() or None, uscc=uscc,
        sector=sector, region=region.strip(), website=website.strip(), status=OrgStatus.PENDING,
    )
    db.session.add(org)
    user = create_user(email, name, password, Role.ORG_ADMIN, org, language)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:  # a concurrent registration took the name, USCC or email
        raise Conflict(_l("This organisation or email was registered a moment ago.")) from exc
    record(user, "organization.registered", org, None, snapshot(org, ORG_FIELDS))
    record(user, "user.registered", user, None, snapshot(user, USER_FIELDS))
    return user


def decide_registration(actor: User, org: Organization, approve: bool, reason: str = ""):
    """A platform admin approves or rejects a newly registered organisation."""
    if not org.can_decide_registration(actor):
        raise ServiceError(_l("Only a platform administrator may decide registrations."), 403)
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError(_l("Give a reason for the rejection."))
    before = snapshot(org, ORG_FIELDS)
    new_status = OrgStatus.APPROVED if approve else OrgStatus.REJECTED
    if not compare_and_set(org, "status", OrgStatus.PENDING, status=new_status,
                           decided_by_id=actor.id, decided_at=utcnow(), decision_reason=reason):
        raise Conflict(_l("This registration has already been decided."))
    action = "organization.approved" if approve else "organization.rejected"
    record(actor, action, org, before, snapshot(org, ORG_FIELDS))
    return org


def resubmit_registration(actor: User, org: Organization) -> Organization:
    """A rejected organisation, corrected by its admin, goes back to the review queue."""
    if not org.can_resubmit(actor):
        raise ServiceError(_l("Only a rejected registration can be resubmitted."), 403)
    _check_identity_free(org.name_zh, org.uscc, org.id)
    before = snapshot(org, ORG_FIELDS)
    try:
        with db.session.begin_nested():
            won = compare_and_set(org, "status", OrgStatus.REJECTED, status=OrgStatus.PENDING,
                                  decided_by_id=None, decided_at=None)
    except IntegrityError as exc:  # the name or USCC was registered a moment ago
        raise Conflict(_l("This organisation or email was registered a moment ago.")) from exc
    if not won:
        raise Conflict(_l("This registration has already been decided."))
    record(actor, "organization.resubmitted", org, before, snapshot(org, ORG_FIELDS))
    return org


def update_organisation(actor: User, org: Organization, **changes) -> Organization:
    """Edit an organisation's profile. The Chinese name changes only while pending (or by a
    platform admin) and must stay unique among open registrations."""
    if not org.can_edit(actor):
        raise ServiceError(_l("You may not edit this organisation."), 403)
    identity_changes = {field for field in ("name_zh", "uscc")
                        if field in changes and changes[field] != getattr(org, field)}
    if identity_changes and not org.can_change_identity(actor):
        raise ServiceError(_l("The Chinese name and USCC of an approved organisation can only "
                              "be changed by a platform administrator."), 403)
    if org.status is not OrgStatus.REJECTED:
        _check_identity_free(changes.get("name_zh", org.name_zh), changes.get("uscc", org.uscc),
                             org.id)
    before = snapshot(org, ORG_FIELDS + ["description"])
    for field, value in changes.items():
        setattr(org, field, value)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise Conflict(_l("An organisation with this name is already registered.")) from exc
    record(actor, "organization.updated", org, before, snapshot(org, ORG_FIELDS + ["description"]))
    return org


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise ServiceError(_l("Your current password is not correct."))
    user.set_password(new)
    db.session.flush()
    record(user, "user.password_changed", user, None, None)


def set_language(user: User, language: str) -> None:
    before = {"preferred_language": user.preferred_language}
    user.preferred_language = language
    db.session.flush()
    record(user, "user.language_changed", user, before, {"preferred_language": language})
