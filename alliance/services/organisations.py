"""Organisations: registration and its review by the provincial office, resubmission after
a rejection, profile edits, and the public directory search."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Organization, OrgStatus, Role, Sector, User
from ..models.types import utcnow
from ..text import clean_text, compact
from ..validators import normalize_uscc
from . import Conflict, ServiceError, notifications
from .accounts import USER_FIELDS, create_user
from .audit import record, snapshot
from .transitions import Move, Workflow

ORG_FIELDS = ["name_zh", "name_en", "uscc", "sector", "region", "website", "status"]
PROFILE_FIELDS = ORG_FIELDS + ["description"]
OPEN_STATUSES = (OrgStatus.PENDING, OrgStatus.APPROVED)
MULTILINE_FIELDS = {"description"}

_DECIDED = _l("This registration has already been decided.")
_ONLY_ADMINS = _l("Only a platform administrator may decide registrations.")

#: The registration state machine: pending -> approved | rejected -> (resubmitted) pending.
REGISTRATION_WORKFLOW = Workflow(
    column=Organization.status,
    fields=tuple(ORG_FIELDS + ["decision_reason"]),
    moves={
        "approve": Move("organization.approved", (OrgStatus.PENDING,), OrgStatus.APPROVED,
                        Organization.can_decide_registration, _ONLY_ADMINS, _DECIDED),
        "reject": Move("organization.rejected", (OrgStatus.PENDING,), OrgStatus.REJECTED,
                       Organization.can_decide_registration, _ONLY_ADMINS, _DECIDED),
        "resubmit": Move("organization.resubmitted", (OrgStatus.REJECTED,), OrgStatus.PENDING,
                         Organization.is_admin,
                         _l("Only a rejected registration can be resubmitted."), _DECIDED),
    },
)


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
    """Names are compared as stored: cleaned (``alliance.text``), so an invisible character
    or full-width letters do not make a look-alike a new name."""
    return _open_organisation_with(Organization.name_zh, clean_text(name_zh), except_id)


def _check_identity_free(name_zh: str, uscc: str | None, org_id: int) -> None:
    """No other pending or approved organisation may have this name or USCC."""
    if org_name_taken(name_zh, except_id=org_id):
        raise Conflict(_l("An organisation with this name is already registered."))
    if uscc and uscc_taken(uscc, except_id=org_id):
        raise Conflict(_l("An organisation with this USCC is already registered."))


def register_organisation(*, org_name_zh: str, org_name_en: str, uscc: str, sector: Sector,
                          region: str, website: str, email: str, name: str, password: str,
                          language: str | None = None) -> User:
    """A new organisation (pending approval) and its first administrator."""
    org_name_zh, org_name_en = clean_text(org_name_zh), clean_text(org_name_en or "")
    region, website = clean_text(region), clean_text(website)
    uscc = normalize_uscc(compact(uscc))
    if uscc_taken(uscc):
        raise Conflict(_l("An organisation with this USCC is already registered."))
    if org_name_taken(org_name_zh):
        raise Conflict(_l("An organisation with this name is already registered."))
    org = Organization(
        name_zh=org_name_zh, name_en=org_name_en or None, uscc=uscc,
        sector=sector, region=region, website=website, status=OrgStatus.PENDING,
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
    """A platform admin approves or rejects a newly registered organisation; a rejection
    needs a reason, which is kept, audited and mailed to the organisation's admins."""
    move = "approve" if approve else "reject"
    REGISTRATION_WORKFLOW.permit(move, org, actor)
    reason = reason.strip()
    if not approve and not reason:
        raise ServiceError(_l("Give a reason for the rejection."))
    REGISTRATION_WORKFLOW.run(move, org, actor, decided_by_id=actor.id, decided_at=utcnow(),
                              decision_reason=reason)
    notifications.registration_decided(org)
    return org


def resubmit_registration(actor: User, org: Organization) -> Organization:
    """A rejected organisation, corrected by its admin, goes back to the review queue."""
    REGISTRATION_WORKFLOW.permit("resubmit", org, actor)
    _check_identity_free(org.name_zh, org.uscc, org.id)
    try:
        with db.session.begin_nested():
            REGISTRATION_WORKFLOW.run("resubmit", org, actor, decided_by_id=None,
                                      decided_at=None)
    except IntegrityError as exc:  # the name or USCC was registered a moment ago
        raise Conflict(_l("This organisation or email was registered a moment ago.")) from exc
    return org


def update_organisation(actor: User, org: Organization, **changes) -> Organization:
    """Edit an organisation's profile. The Chinese name and USCC change only before approval
    (or by a platform admin), stay unique among open registrations, and a registration keeps
    its USCC (imported records may have none)."""
    if not org.can_edit(actor):
        raise ServiceError(_l("You may not edit this organisation."), 403)
    changes = {field: clean_text(value, multiline=field in MULTILINE_FIELDS)
               for field, value in changes.items()}
    identity_changes = {field for field in ("name_zh", "uscc")
                        if field in changes and changes[field] != getattr(org, field)}
    if identity_changes and not org.can_change_identity(actor):
        raise ServiceError(_l("The Chinese name and USCC of an approved organisation can only "
                              "be changed by a platform administrator."), 403)
    if "uscc" in identity_changes and not changes["uscc"] and org.status is not OrgStatus.APPROVED:
        raise ServiceError(_l("A registration needs its Unified Social Credit Code."),
                           field="uscc")
    if org.status is not OrgStatus.REJECTED:
        _check_identity_free(changes.get("name_zh", org.name_zh), changes.get("uscc", org.uscc),
                             org.id)
    before = snapshot(org, PROFILE_FIELDS)
    for field, value in changes.items():
        setattr(org, field, value)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise Conflict(_l("An organisation with this name is already registered.")) from exc
    after = snapshot(org, PROFILE_FIELDS)
    if after != before:
        record(actor, "organization.updated", org, before, after)
    return org


def search_organisations(query: str = "", sector: Sector | None = None):
    """The public directory: approved organisations, filtered, in pinyin order (a select)."""
    stmt = db.select(Organization).where(Organization.status == OrgStatus.APPROVED)
    if sector is not None:
        stmt = stmt.where(Organization.sector == sector)
    if query:
        like = f"%{query}%"
        stmt = stmt.where(Organization.name_zh.ilike(like) | Organization.name_en.ilike(like))
    return stmt.order_by(Organization.name_sort)


def pending_organisations() -> list[Organization]:
    return list(db.session.scalars(
        db.select(Organization).where(Organization.status == OrgStatus.PENDING)
        .order_by(Organization.created_at)
    ))


def decided_registrations():
    """Registrations approved or rejected, latest decision first (a select, for paging)."""
    return (
        db.select(Organization)
        .where(Organization.status.in_([OrgStatus.APPROVED, OrgStatus.REJECTED]),
               Organization.decided_at.is_not(None))
        .options(selectinload(Organization.decided_by))
        .order_by(Organization.decided_at.desc(), Organization.id.desc())
    )
