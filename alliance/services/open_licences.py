"""Open licences (开放许可): the patentee declares that anyone may practise a granted patent
on published terms; any organisation then obtains a non-exclusive licence at once by
written notice on the platform. Rules and articles: Patent Law (2020) Arts. 50–51,
Implementing Regulations (2023) Arts. 85–88 (DOMAIN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Organization, Patent, PatentKind, PatentStatus
from ..models.licensing import Licence, LicenceStatus
from ..models.listings import LicenceKind, OpenLicence, OpenLicenceStatus, RoyaltyKind
from ..models.types import utcnow
from . import Conflict, ServiceError
from .audit import record, snapshot
from .licences import grant_licence, lock_patents
from .patents import fees_unpaid
from .royalty_terms import Royalty, check_royalty
from .transitions import Move, Workflow

OPEN_FIELDS = ["status", "patent_id", "fee_method", "fee_standard", "royalty_kind",
               "term_start", "term_end"]


@dataclass(frozen=True)
class Declaration:
    fee_method: str
    fee_standard: str
    royalty: Royalty
    term_start: date
    term_end: date


def refusal(patent: Patent, on: date) -> str | None:
    """Why an open licence cannot be declared on ``patent`` now (with its article), or
    None when it can."""
    if patent.status is not PatentStatus.GRANTED:
        return _l("Only a granted patent can be put under an open licence (Patent Law 2020, "
                  "Art. 50).")
    if patent.kind is not PatentKind.INVENTION and not patent.evaluation_report:
        return _l("A utility model or design needs its patent evaluation report recorded "
                  "before an open licence is declared (Patent Law 2020, Art. 50).")
    if fees_unpaid(patent, on):
        return _l("The annual fees are unpaid, so no open licence can be declared "
                  "(Implementing Regulations 2023, Art. 86).")
    if patent.pledgee and not patent.pledgee_consents:
        return _l("The patent is pledged to %(pledgee)s without the pledgee's consent, so no "
                  "open licence can be declared (Implementing Regulations 2023, Art. 86).",
                  pledgee=patent.pledgee)
    exclusive = db.session.scalar(select(Licence.id).where(
        Licence.patents.any(Patent.id == patent.id), Licence.status == LicenceStatus.ACTIVE,
        Licence.kind.in_([LicenceKind.EXCLUSIVE, LicenceKind.SOLE]),
        Licence.end_date >= on))
    if exclusive is not None:
        return _l("An exclusive or sole licence is in force on this patent, so no open licence "
                  "can be declared (Implementing Regulations 2023, Art. 86).")
    return None


def declare(actor, patent: Patent, declaration: Declaration) -> OpenLicence:
    """Declare an open licence on ``patent`` (an admin of an owning organisation)."""
    if not patent.can_edit(actor) or actor.organization_id not in patent.owner_org_ids:
        raise ServiceError(_l("Only an administrator of the patentee declares an open "
                              "licence."), 403)
    lock_patents([patent])
    today = date.today()
    reason = refusal(patent, today)
    if reason is not None:
        raise Conflict(reason)
    if not declaration.fee_method or not declaration.fee_standard:
        raise ServiceError(_l("State the fee method and standard that will be published."),
                           field="fee_standard")
    if declaration.term_end <= declaration.term_start:
        raise ServiceError(_l("The licence term must end after it starts."), field="term_end")
    if patent.expiry_date and declaration.term_end > patent.expiry_date:
        raise ServiceError(_l("The licence term cannot run past the patent's term "
                              "(%(date)s).", date=patent.expiry_date.isoformat()),
                           field="term_end")
    check_royalty(declaration.royalty, required=True)
    if db.session.scalar(select(OpenLicence.id).where(
            OpenLicence.patent_id == patent.id,
            OpenLicence.status == OpenLicenceStatus.DECLARED)) is not None:
        raise Conflict(_l("An open licence is already declared on this patent."))
    offer = OpenLicence(
        patent_id=patent.id, organization_id=actor.organization_id, declared_by_id=actor.id,
        fee_method=declaration.fee_method, fee_standard=declaration.fee_standard,
        royalty_kind=declaration.royalty.kind, lump_sum=declaration.royalty.lump_sum,
        running_rate=declaration.royalty.running_rate, per_unit=declaration.royalty.per_unit,
        term_start=declaration.term_start, term_end=declaration.term_end,
        evaluation_report=patent.evaluation_report)
    db.session.add(offer)
    db.session.flush()
    record(actor, "open_licence.declared", offer, None, snapshot(offer, OPEN_FIELDS))
    return offer


def _may_withdraw(offer: OpenLicence, actor) -> bool:
    return offer.patent.can_edit(actor)


OPEN_LICENCE_WORKFLOW = Workflow(
    column=OpenLicence.status, fields=tuple(OPEN_FIELDS),
    moves={"withdraw": Move(
        action="open_licence.withdrawn", sources=(OpenLicenceStatus.DECLARED,),
        target=OpenLicenceStatus.WITHDRAWN, rule=_may_withdraw,
        refused=_l("Only an administrator of the patentee withdraws its open licence."),
        conflict=_l("This open licence is already withdrawn."))})


def withdraw(actor, offer: OpenLicence) -> OpenLicence:
    """Withdraw the declaration (published); licences already obtained continue."""
    return OPEN_LICENCE_WORKFLOW.run("withdraw", offer, actor, withdrawn_at=utcnow())


def obtain(actor, offer: OpenLicence, licensee: Organization) -> Licence:
    """Written notice by ``licensee``: it obtains a non-exclusive licence at once on the
    published terms, with its registration record (Patent Law 2020, Art. 51)."""
    if not (actor.is_org_admin and actor.organization_id == licensee.id):
        raise ServiceError(_l("Only an administrator of the organisation gives the notice."),
                           403)
    if licensee.id in offer.patent.owner_org_ids:
        raise ServiceError(_l("The patentee needs no licence on its own patent."), 403)
    lock_patents([offer.patent])
    db.session.refresh(offer)
    if offer.status is not OpenLicenceStatus.DECLARED:
        raise Conflict(_l("This open licence has been withdrawn."))
    today = date.today()
    if today > offer.term_end:
        raise Conflict(_l("This open licence's term has ended."))
    start = max(today, offer.term_start)
    royalty = Royalty(kind=offer.royalty_kind or RoyaltyKind.LUMP_SUM,
                      lump_sum=offer.lump_sum, running_rate=offer.running_rate,
                      per_unit=offer.per_unit)
    licence = grant_licence(
        actor, licensor=offer.organization, licensee=licensee, patents=[offer.patent],
        kind=LicenceKind.NON_EXCLUSIVE, field_of_use="", territory="", start=start,
        end=offer.term_end, royalty=royalty, effective=start, open_licence=offer,
        action="licence.obtained_by_open_licence")
    from .licensing_notices import open_licence_obtained

    open_licence_obtained(licence)
    return licence
