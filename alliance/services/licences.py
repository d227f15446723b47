"""Granting licences under the conflict rules, the payment schedule and the 备案
registration.

Concurrency: every grant first locks the rows of its patents (a no-op UPDATE, in id order),
then reads the licences in force. Two grants on the same patent therefore run one after the
other, and the second sees the first's licence: simultaneous acceptances of overlapping
exclusive requests end with exactly one licence, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import calendar
from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..extensions import db
from ..licence_rules import Existing, Terms, conflicts
from ..models import Organization, Patent
from ..models.licensing import Licence, LicenceStatus, PaymentDue
from ..models.listings import LicenceKind, OpenLicence, OpenLicenceStatus, RoyaltyKind
from . import Conflict, ServiceError
from .audit import record, snapshot
from .royalty_terms import Royalty, check_royalty

LICENCE_FIELDS = ["status", "licensor_id", "licensee_id", "kind", "field_of_use", "territory",
                  "start_date", "end_date", "effective_date", "registration_due",
                  "registration_number", "registered_on"]
REGISTRATION_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def registration_due(effective: date) -> date:
    """备案 is due within three months of the contract taking effect (Implementing
    Regulations 2023, Art. 15)."""
    return add_months(effective, REGISTRATION_MONTHS)


def lock_patents(patents: list[Patent]) -> None:
    """Take the patents' row locks (held to the end of the transaction), in id order so two
    transactions never wait on each other crosswise."""
    ids = sorted(p.id for p in patents)
    if ids:
        db.session.execute(update(Patent).where(Patent.id.in_(ids)).values(id=Patent.id)
                           .execution_options(synchronize_session=False))


def in_force(patent: Patent, exclude_licence: int | None = None) -> list[Licence]:
    """Licences in force on the patent (active), read after the lock."""
    stmt = select(Licence).where(Licence.patents.any(Patent.id == patent.id),
                                 Licence.status == LicenceStatus.ACTIVE)
    if exclude_licence is not None:
        stmt = stmt.where(Licence.id != exclude_licence)
    return list(db.session.scalars(stmt.execution_options(populate_existing=True)))


def open_licence_declared(patent: Patent) -> bool:
    return db.session.scalar(select(OpenLicence.id).where(
        OpenLicence.patent_id == patent.id,
        OpenLicence.status == OpenLicenceStatus.DECLARED)) is not None


def conflict_reasons(patents: list[Patent], terms: Terms) -> list[str]:
    """Why a licence with ``terms`` cannot be granted on ``patents`` (translated), empty
    when it can. Call after lock_patents."""
    labels = LicenceKind.labels()
    messages = []
    for patent in patents:
        existing = [Existing(Terms(lic.kind.value, lic.field_of_use, lic.territory,
                                   lic.start_date, lic.end_date),
                             lic.reference, lic.licensee.name, patent.application_number)
                    for lic in in_force(patent)]
        for template, params in conflicts(terms, patent.application_number, existing,
                                          open_licence_declared(patent)):
            if "kind" in params:
                params = {**params, "kind": labels[params["kind"]]}
            messages.append(gettext(template) % params)
    return messages


def payment_schedule(royalty: Royalty, start: date, end: date) -> list[PaymentDue]:
    """What falls due: a lump sum or entry fee 30 days after the start; for a running
    royalty (or a minimum annual royalty) a report and payment at each anniversary of the
    start and at the end."""
    dues: list[PaymentDue] = []
    first = add_months(start, 1)
    if royalty.kind is RoyaltyKind.LUMP_SUM and royalty.lump_sum is not None:
        dues.append(PaymentDue(due_date=first, what="lump_sum", amount=royalty.lump_sum))
    if royalty.kind is RoyaltyKind.ENTRY_PLUS_RUNNING and royalty.entry_fee is not None:
        dues.append(PaymentDue(due_date=first, what="entry_fee", amount=royalty.entry_fee))
    running = royalty.kind in (RoyaltyKind.RUNNING_PERCENT, RoyaltyKind.RUNNING_PER_UNIT,
                               RoyaltyKind.ENTRY_PLUS_RUNNING) or royalty.minimum_annual
    if running:
        year = 1
        while (due := add_months(start, 12 * year)) < end:
            dues.append(PaymentDue(due_date=due, what="royalty_report", amount=None))
            year += 1
        dues.append(PaymentDue(due_date=end, what="royalty_report", amount=None))
    return dues


def grant_licence(actor, *, licensor: Organization, licensee: Organization,
                  patents: list[Patent], kind: LicenceKind, field_of_use: str, territory: str,
                  start: date, end: date, royalty: Royalty, effective: date,
                  sublicensing: bool = False, request=None,
                  open_licence: OpenLicence | None = None,
                  action: str = "licence.granted") -> Licence:
    """Create a licence in force, unless it conflicts with one in force (Conflict with
    every reason). The caller has checked who may grant it."""
    if end < start:
        raise ServiceError(_l("The licence term must end after it starts."), field="end_date")
    check_royalty(royalty, required=True)
    lock_patents(patents)
    reasons = conflict_reasons(patents, Terms(kind.value, field_of_use, territory, start, end))
    if reasons:
        raise Conflict(" ".join(reasons))
    licence = Licence(
        licensor_id=licensor.id, licensee_id=licensee.id, patents=list(patents), kind=kind,
        sublicensing=sublicensing, field_of_use=field_of_use, territory=territory,
        start_date=start, end_date=end, effective_date=effective,
        registration_due=registration_due(effective), created_by_id=actor.id,
        request=request, open_licence=open_licence)
    royalty.apply_to(licence)
    licence.payments_due = payment_schedule(royalty, start, end)
    db.session.add(licence)
    db.session.flush()
    record(actor, action, licence, None, snapshot(licence, LICENCE_FIELDS))
    return licence


def register(actor, licence: Licence, number: str, on: date) -> Licence:
    """Record the 备案 registration number CNIPA gave and its date."""
    if not licence.can_register(actor):
        raise ServiceError(_l("Only an administrator of either party records the "
                              "registration."), 403)
    number = (number or "").strip()
    if not number:
        raise ServiceError(_l("Give the registration number."), field="number")
    if on < licence.effective_date or on > date.today():
        raise ServiceError(_l("The registration date must lie between the licence taking "
                              "effect and today."), field="registered_on")
    before = snapshot(licence, LICENCE_FIELDS)
    licence.registration_number, licence.registered_on = number, on
    record(actor, "licence.registered", licence, before, snapshot(licence, LICENCE_FIELDS))
    return licence
