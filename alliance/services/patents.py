"""Record patents: create or update one from a validated record, with derived dates, owners
matched to organisations on the platform, the catalogue's search text and alliance tags.

The rules of a single record (number, kind, dates, IPC, shares) live in
alliance.patent_io.records, shared by the form and the bulk import; this module adds what
needs the database: who may record, which owners are on the platform, and the audit trail.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import (
    Organization,
    OrgStatus,
    Patent,
    PatentInventor,
    PatentIpc,
    PatentKind,
    PatentOwner,
    PatentStatus,
    User,
)
from ..patent_io.records import PatentRecord
from ..patent_terms import expiry_date
from ..validators import parse_ipc
from . import Conflict, ServiceError
from .audit import record as audit
from .audit import snapshot
from .patent_tags import suggest_tags

AUDITED_FIELDS = ["application_number", "title", "kind", "status", "legal_status",
                  "filing_date", "publication_date", "grant_date", "main_ipc"]


def owner_organisations(names: list[str]) -> dict[str, Organization]:
    """Approved organisations on the platform whose Chinese or English name is one of
    ``names`` (names as cleaned by the record parser)."""
    if not names:
        return {}
    rows = db.session.scalars(select(Organization).where(
        Organization.status == OrgStatus.APPROVED,
        (Organization.name_zh.in_(names)) | (Organization.name_en.in_(names)))).all()
    found: dict[str, Organization] = {}
    for org in rows:
        for name in (org.name_zh, org.name_en):
            if name in names:
                found.setdefault(name, org)
    return found


def inventor_accounts(names, org_ids: set[int]) -> dict[str, User]:
    """Inventors linked to the people they are: the active user of an owning organisation
    with exactly that name (a name two colleagues share stays unlinked)."""
    if not names or not org_ids:
        return {}
    users = db.session.scalars(select(User).where(
        User.organization_id.in_(org_ids), User.name.in_(list(names)), User.active)).all()
    by_name: dict[str, list[User]] = {}
    for user in users:
        by_name.setdefault(user.name, []).append(user)
    return {name: found[0] for name, found in by_name.items() if len(found) == 1}


def existing_patents(numbers: list[str]) -> dict[str, Patent]:
    """Recorded patents by canonical application number."""
    if not numbers:
        return {}
    rows = db.session.scalars(select(Patent).where(Patent.application_number.in_(numbers)))
    return {p.application_number: p for p in rows}


def check_may_record(actor, org: Organization, rec: PatentRecord,
                     owners: dict[str, Organization], existing: Patent | None) -> None:
    """Raise ServiceError unless ``actor`` may record ``rec`` for ``org``: an admin of the
    organisation (or a platform admin), the organisation among the owners, and an existing
    patent with that number already the organisation's."""
    if not (actor.is_platform_admin or (actor.is_org_admin and actor.organization_id == org.id)):
        raise ServiceError(_l("Only an administrator of the organisation records its patents."),
                           status=403)
    if org.id not in {o.id for o in owners.values()}:
        raise ServiceError(_l("%(org)s is not among the owners; name it in the owners, "
                              "exactly as it is registered.", org=org.name_zh), field="owners")
    if existing is not None and org.id not in existing.owner_org_ids:
        raise Conflict(_l("Patent %(number)s is already recorded by its other owners.",
                          number=rec.application_number), field="application_number")


def search_text_of(patent: Patent) -> str:
    """The lower-cased text the catalogue searches: number, title, abstract, owners, IPC."""
    return search_text_from(
        patent.application_number, patent.title, patent.abstract,
        [o.name for o in patent.owners],
        [o.organization.name_en for o in patent.owners if o.organization is not None],
        [s.symbol for s in patent.ipc_symbols])


def search_text_from(application_number: str, title: str, abstract: str,
                     owner_names: list[str], owner_names_en: list[str],
                     symbols: list[str]) -> str:
    """search_text_of from plain values (for bulk writers): number, ZL number, title,
    abstract, owner names, the linked organisations' English names, IPC symbols, lower-cased
    and one per line."""
    parts = [application_number, "ZL" + application_number, title, abstract,
             *owner_names, *owner_names_en, *symbols]
    return "\n".join(p for p in parts if p).lower()


def _apply(patent: Patent, rec: PatentRecord, owners: dict[str, Organization]) -> None:
    patent.application_number = rec.application_number
    patent.title = rec.title
    patent.abstract = rec.abstract
    patent.kind = PatentKind(rec.kind)
    patent.status = PatentStatus(rec.status)
    patent.legal_status = rec.legal_status
    patent.filing_date = rec.filing_date
    patent.publication_date = rec.publication_date
    patent.grant_date = rec.grant_date
    patent.is_published = rec.publication_date is not None or rec.grant_date is not None
    patent.expiry_date = (expiry_date(rec.kind, rec.filing_date, patent.term_extension_days or 0)
                          if rec.filing_date else None)
    patent.main_ipc = rec.ipc[0] if rec.ipc else ""
    _sync(patent.owners, PatentOwner, [
        dict(name=o.name, share=o.share, organization=owners.get(o.name)) for o in rec.owners])
    people = inventor_accounts(rec.inventors, {o.id for o in owners.values()})
    _sync(patent.inventors, PatentInventor, [dict(name=name, user=people.get(name))
                                             for name in rec.inventors])
    symbols = [parse_ipc(s) for s in rec.ipc]
    _sync(patent.ipc_symbols, PatentIpc, [
        dict(symbol=s.symbol, subclass=s.subclass, main_group=s.main_group) for s in symbols])


def _sync(rows: list, model, wanted: list[dict]) -> None:
    """Make the ordered child rows match ``wanted``, updating rows in place by position (a
    delete-then-insert of the same position would trip its unique constraint)."""
    for position, values in enumerate(wanted):
        if position < len(rows):
            for name, value in values.items():
                setattr(rows[position], name, value)
        else:
            rows.append(model(position=position, **values))
    del rows[len(wanted):]


def record_of(patent: Patent) -> PatentRecord:
    """The patent as a plain record, the form the import and export speak."""
    from ..patent_io.records import OwnerShare

    return PatentRecord(
        application_number=patent.application_number, title=patent.title,
        abstract=patent.abstract, kind=patent.kind.value, status=patent.status.value,
        legal_status=patent.legal_status, filing_date=patent.filing_date,
        publication_date=patent.publication_date, grant_date=patent.grant_date,
        ipc=tuple(patent.ipc),
        owners=tuple(OwnerShare(o.name, Decimal(o.share)) for o in patent.owners),
        inventors=tuple(i.name for i in patent.inventors))


def save_patent(actor, org: Organization, rec: PatentRecord,
                patent: Patent | None = None) -> tuple[Patent, bool]:
    """Create the patent ``rec`` describes, or update ``patent`` (or the one already
    recorded with that number) to match it. Returns (patent, changed): a record equal to
    what is stored changes nothing and writes no audit event."""
    existing = existing_patents([rec.application_number]).get(rec.application_number)
    if patent is not None and existing is not None and existing.id != patent.id:
        raise Conflict(_l("Patent %(number)s is already recorded.",
                          number=rec.application_number), field="application_number")
    patent = patent or existing
    owners = owner_organisations([o.name for o in rec.owners])
    check_may_record(actor, org, rec, owners, patent)
    if patent is not None and record_of(patent) == rec \
            and _owner_links(patent) == _owner_links_for(rec, owners):
        return patent, False
    before = snapshot(patent, AUDITED_FIELDS) if patent is not None else None
    if patent is None:
        patent = Patent(recorded_by_id=actor.id, term_extension_days=0)
        db.session.add(patent)
    _apply(patent, rec, owners)
    db.session.flush()
    patent.search_text = search_text_of(patent)
    if not patent.tags_confirmed:
        suggest_tags(patent)
    audit(actor, "patent.updated" if before else "patent.recorded", patent, before=before,
          after=snapshot(patent, AUDITED_FIELDS))
    return patent, True


def _owner_links(patent: Patent) -> list[int | None]:
    return [o.organization_id for o in patent.owners]


def _owner_links_for(rec: PatentRecord, owners: dict[str, Organization]) -> list[int | None]:
    return [owners[o.name].id if o.name in owners else None for o in rec.owners]


def delete_patent(actor, patent: Patent) -> None:
    """Remove a patent recorded in error (audited with what it was)."""
    if not patent.can_edit(actor):
        raise ServiceError(_l("Only an administrator of an owning organisation may do this."),
                           status=403)
    audit(actor, "patent.deleted", patent, before=snapshot(patent, AUDITED_FIELDS))
    db.session.delete(patent)
    db.session.flush()


def fees_unpaid(patent: Patent, on: date) -> bool:
    """Whether annual fees are known to be unpaid on ``on`` (paid-until date passed)."""
    return patent.fees_paid_until is not None and patent.fees_paid_until <= on


LEGAL_DETAILS = ["term_extension_days", "fees_paid_until", "pledgee", "pledgee_consents",
                 "evaluation_report"]


def set_legal_details(actor, patent: Patent, *, term_extension_days: int,
                      fees_paid_until: date | None, pledgee: str, pledgee_consents: bool,
                      evaluation_report: str) -> bool:
    """Record the facts the licensing rules read: a term extension (inventions only; it
    moves the expiry date), annual fees paid up to a date, a pledge and whether the pledgee
    consents, the patent evaluation report. Returns whether anything changed."""
    if not patent.can_edit(actor):
        raise ServiceError(_l("Only an administrator of an owning organisation may do this."),
                           status=403)
    if term_extension_days and patent.kind is not PatentKind.INVENTION:
        raise ServiceError(_l("Only an invention's term can be extended."),
                           field="term_extension_days")
    if term_extension_days < 0:
        raise ServiceError(_l("A term extension cannot be negative."),
                           field="term_extension_days")
    before = snapshot(patent, LEGAL_DETAILS)
    patent.term_extension_days = term_extension_days
    patent.fees_paid_until = fees_paid_until
    patent.pledgee = pledgee
    patent.pledgee_consents = bool(pledgee) and pledgee_consents
    patent.evaluation_report = evaluation_report
    after = snapshot(patent, LEGAL_DETAILS)
    if after == before:
        return False
    if patent.filing_date is not None:
        patent.expiry_date = expiry_date(patent.kind.value, patent.filing_date,
                                         term_extension_days)
    audit(actor, "patent.details_changed", patent, before=before, after=after)
    return True


def owned_by(org_id: int, *conditions, order_by=Patent.application_number) -> list[Patent]:
    """The patents ``org_id`` owns or co-owns that meet ``conditions``, in ``order_by``."""
    return list(db.session.scalars(select(Patent).where(
        Patent.id.in_(select(PatentOwner.patent_id).where(PatentOwner.organization_id == org_id)),
        *conditions).order_by(order_by)))
