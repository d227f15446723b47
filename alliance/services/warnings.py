"""Compute the early warnings of a day and store the new ones (``flask --app wsgi warnings
run``). The date rules are in alliance/warning_rules.py; this module reads the records,
applies them for each organisation concerned and keeps the table in step:

* a warning found and not yet stored is inserted once (the unique key makes a second or
  concurrent run skip it) and its organisation's administrators (an alliance's
  coordinators) are notified;
* a stored warning no longer found (fee paid, licence registered, report filed, licence
  ended, declaration withdrawn, or a reminder's date passed) gets ``resolved_at`` and
  leaves the pages; the row is kept. Found again later, it is reopened without a new
  notification. Watch warnings (new patents) are events: they are never resolved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import warning_rules as rules
from ..extensions import db
from ..models import (
    Alliance,
    EarlyWarning,
    Licence,
    LicenceStatus,
    OpenLicence,
    OpenLicenceStatus,
    Organization,
    Patent,
    PatentOwner,
    PatentStatus,
    WarningKind,
)
from ..models.types import utcnow
from .notifications import link_to, notify
from .royalty_reports import late_reports


@dataclass(frozen=True)
class Found:
    """A warning a run finds: ``recipient`` is ("org", id) or ("alliance", id)."""

    kind: WarningKind
    subject_type: str
    subject_id: int
    due_date: date
    recipient: tuple[str, int]
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple:
        return (self.kind.value, self.subject_type, self.subject_id, self.due_date,
                self.recipient)


def threshold(name: str) -> int:
    """A configured threshold (days or months), else its default from warning_rules."""
    return int(current_app.config.get(name, rules.DEFAULTS[name]))


def _patent_params(patent: Patent) -> dict:
    return {"number": patent.application_number, "title": patent.title}


def _licence_params(licence: Licence) -> dict:
    titles = [p.title for p in licence.patents]
    return {"reference": licence.reference, "title": titles[0] if titles else ""}


def _patent_warnings(today: date) -> list[Found]:
    fee_days = threshold("WARNING_ANNUAL_FEE_DAYS")
    months = threshold("WARNING_PATENT_EXPIRY_MONTHS")
    patents = db.session.scalars(
        select(Patent).where(Patent.status == PatentStatus.GRANTED,
                             Patent.owners.any(PatentOwner.organization_id.is_not(None)))
        .options(selectinload(Patent.owners)))
    found = []
    for patent in patents:
        facts = rules.PatentFacts(
            kind=patent.kind.value, granted=True, filing_date=patent.filing_date,
            expiry_date=patent.expiry_date, fees_paid_until=patent.fees_paid_until,
            extension_days=patent.term_extension_days or 0)
        dues = ((WarningKind.ANNUAL_FEE, rules.annual_fee_due(facts, today, fee_days)),
                (WarningKind.PATENT_EXPIRY, rules.expiry_due(facts, today, months)))
        for kind, due in dues:
            if due is not None:
                found += [Found(kind, "patent", patent.id, due, ("org", org_id),
                                _patent_params(patent))
                          for org_id in sorted(patent.owner_org_ids)]
    return found


def _licence_warnings(today: date) -> list[Found]:
    end_days = threshold("WARNING_LICENCE_EXPIRY_DAYS")
    registration_days = threshold("WARNING_REGISTRATION_DAYS")
    licences = {lic.id: lic for lic in db.session.scalars(
        select(Licence).where(Licence.status == LicenceStatus.ACTIVE)
        .options(selectinload(Licence.patents)))}
    found = []

    def add(kind, licence, due):
        found.extend(Found(kind, "licence", licence.id, due, ("org", org_id),
                           _licence_params(licence))
                     for org_id in (licence.licensor_id, licence.licensee_id))

    for licence in licences.values():
        due = rules.licence_end_due(True, licence.end_date, today, end_days)
        if due is not None:
            add(WarningKind.LICENCE_EXPIRY, licence, due)
        due = rules.registration_due(True, bool(licence.registration_number),
                                     licence.registration_due, today, registration_days)
        if due is not None:
            add(WarningKind.REGISTRATION, licence, due)
    for late in late_reports(today):
        if late["licence_id"] in licences:
            add(WarningKind.ROYALTY_REPORT, licences[late["licence_id"]], late["due_date"])
    return found


def _open_licence_warnings(today: date) -> list[Found]:
    days = threshold("WARNING_OPEN_LICENCE_DAYS")
    offers = db.session.scalars(
        select(OpenLicence).where(OpenLicence.status == OpenLicenceStatus.DECLARED)
        .options(selectinload(OpenLicence.patent)))
    found = []
    for offer in offers:
        due = rules.open_licence_lapse_due(True, offer.term_end, today, days)
        if due is not None:
            found.append(Found(WarningKind.OPEN_LICENCE, "open_licence", offer.id, due,
                               ("org", offer.organization_id), _patent_params(offer.patent)))
    return found


def compute(today: date) -> list[Found]:
    """Every date warning that holds on ``today`` (not the watches, see ipc_watches)."""
    return _patent_warnings(today) + _licence_warnings(today) + _open_licence_warnings(today)


def _key_of(row: EarlyWarning) -> tuple:
    recipient = ("org", row.organization_id) if row.organization_id is not None \
        else ("alliance", row.alliance_id)
    return (row.kind.value, row.subject_type, row.subject_id, row.due_date, recipient)


def store(found: list[Found], *, resolve: bool) -> tuple[list[EarlyWarning], Counter]:
    """Insert the warnings not stored yet (each in a savepoint: a row inserted meanwhile by
    a concurrent run is skipped); with ``resolve``, resolve the open date warnings not in
    ``found`` and reopen resolved ones found again. Returns (new rows, counts)."""
    counts: Counter = Counter()
    watch = EarlyWarning.kind == WarningKind.IPC_WATCH
    stored = {_key_of(row): row for row in db.session.scalars(  # one order for every run
        select(EarlyWarning).where(~watch if resolve else watch).order_by(EarlyWarning.id))}
    wanted = {item.key: item for item in found}
    for key, row in stored.items():
        if key in wanted and row.resolved_at is not None:
            row.resolved_at = None
            counts["reopened"] += 1
    db.session.flush()  # before the savepoints, so that none of them holds these changes
    new = []
    for key in sorted(wanted):  # one order for every run: simultaneous runs cannot deadlock
        item = wanted[key]
        if key in stored:
            continue
        kind_of, recipient_id = item.recipient
        row = EarlyWarning(kind=item.kind, subject_type=item.subject_type,
                           subject_id=item.subject_id, due_date=item.due_date,
                           params=item.params,
                           organization_id=recipient_id if kind_of == "org" else None,
                           alliance_id=recipient_id if kind_of == "alliance" else None)
        try:
            with db.session.begin_nested():
                db.session.add(row)
                db.session.flush()
        except IntegrityError:  # stored by a concurrent run since we looked
            continue
        new.append(row)
        counts["new"] += 1
        counts[f"new.{item.kind.value}"] += 1
    if resolve:
        now = utcnow()
        for key, row in stored.items():
            if key not in wanted and row.resolved_at is None:
                row.resolved_at = now
                counts["resolved"] += 1
    db.session.flush()
    return new, counts


def tell(rows: list[EarlyWarning]) -> int:
    """Notify each new warning to its organisation's administrators (an alliance's
    coordinators); returns how many notifications were left."""
    told = 0
    for row in rows:
        if row.organization_id is not None:
            people = db.session.get(Organization, row.organization_id).active_admins()
        else:
            people = db.session.get(Alliance, row.alliance_id).active_coordinators()
        endpoint, values = row.subject_link(_Reader(row.organization_id))
        params = {**row.params, "due": row.due_date.isoformat()}
        told += len(notify(people, f"warning.{row.kind.value}", link_to(endpoint, **values),
                           **params))
    return told


class _Reader:
    """Someone of the warning's organisation: every subject link is open to them."""

    is_platform_admin = False

    def __init__(self, organization_id):
        self.organization_id = organization_id


def run(today: date) -> Counter:
    """Compute, store, resolve and notify for ``today`` (the watches included); flushes,
    the caller commits. Counts: new (and new.<kind>), resolved, reopened, notified."""
    from .ipc_watches import flag_new_patents

    new, counts = store(compute(today), resolve=True)
    watch_new, watch_counts = store(flag_new_patents(), resolve=False)
    counts.update(watch_counts)
    counts["notified"] = tell(new + watch_new)
    return counts
