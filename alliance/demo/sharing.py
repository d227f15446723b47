"""A demo benefit-sharing agreement, royalty report, payment and distribution run, made
through the platform's own services on the demo licence whose 备案 falls due this month.

The story: the top university (university-admin) draws up an agreement over that licence:
it keeps 100 % as sole licensor; agreed costs are the patent's annual fees and a 5 %
transfer-office fee; its internal split gives the people who made the invention 70 % (the
2015 law's floor is 50 %), its school 10 %, the transfer office 10 % and the university
10 %; the inventors share by contribution: the patent's named inventors and the demo
researcher (researcher@example.org), who contributed to its transfer. The university signs,
the firm (firm-admin) files its royalty report, the university records a first payment of
part of the lump sum and distributes it, so the ledger holds every cent down to each
inventor, and the rest shows as an underpayment.

Created once: nothing is done when the licence already has a report.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ..extensions import db
from ..models.ledger import RoyaltyReport
from ..models.licensing import Licence
from ..services import agreements, distribution, royalty_reports
from ..services.agreement_terms import Contributor, InternalSplit, PartyTerms
from ..shares import largest_remainder

RESEARCHER_LOGIN = "researcher@example.org"
RESEARCHER_SHARE = Decimal("40")
ANNUAL_FEES = Decimal("1200.00")  # CNIPA's annual fee of an invention in years 4–6
OFFICE_PERCENT = Decimal("5")
SPLIT = InternalSplit(Decimal("70"), Decimal("10"), Decimal("10"), Decimal("10"))
FIRST_PAYMENT_PART = Decimal("2") / Decimal("3")
TITLE = "{number} 专利许可收益分配协议（演示数据）"


def _contributors(licence: Licence, researcher) -> tuple[Contributor, ...]:
    """The licensed patents' named inventors sharing 60 % equally (largest remainder on
    0.01 %), then the researcher with 40 %."""
    names = list(dict.fromkeys(i.name for p in licence.patents for i in p.inventors))
    rest_units = int((Decimal("100") - RESEARCHER_SHARE) * 100)
    units = largest_remainder(rest_units, [1] * len(names)) if names else []
    people = [Contributor(name, Decimal(unit) / 100) for name, unit in zip(names, units,
                                                                           strict=True)]
    people.append(Contributor(researcher.name, RESEARCHER_SHARE if names else Decimal("100"),
                              researcher.id))
    return tuple(people)


def _signed_agreement(university_admin, licence: Licence, researcher) -> None:
    party = PartyTerms(licence.licensor_id, Decimal("100"), ANNUAL_FEES, OFFICE_PERCENT, SPLIT,
                       _contributors(licence, researcher))
    agreement = agreements.create_draft(
        university_admin, TITLE.format(number=licence.patents[0].application_number),
        licences=[licence], parties=[party])
    agreement.is_demo = True
    version = agreement.versions[0]
    agreements.send_for_signature(university_admin, version)
    agreements.sign(university_admin, version)


def _demo_licence(university, firm) -> Licence | None:
    """The university's licence to the firm that started longest ago (the one recorded as
    signed ten weeks ago)."""
    return db.session.scalar(
        select(Licence).where(Licence.is_demo.is_(True), Licence.licensor_id == university.id,
                              Licence.licensee_id == firm.id)
        .order_by(Licence.start_date, Licence.id).limit(1))


def load_sharing(university, firm, users: dict) -> bool:
    """Create the demo agreement, report, payment and distribution (see the module doc);
    False when they exist already or their actors are missing."""
    u, f = users.get("university-admin@example.org"), users.get("firm-admin@example.org")
    researcher = users.get(RESEARCHER_LOGIN)
    if u is None or f is None or researcher is None \
            or researcher.organization_id != university.id:
        return False
    licence = _demo_licence(university, firm)
    if licence is None or licence.start_date >= date.today() or db.session.scalar(
            select(RoyaltyReport.id).where(RoyaltyReport.licence_id == licence.id)):
        return False
    _signed_agreement(u, licence, researcher)
    report = royalty_reports.file_report(f, licence, licence.start_date,
                                         date.today() - timedelta(days=1), None, None)
    first = (report.due * FIRST_PAYMENT_PART).quantize(Decimal("0.01"))
    payment = royalty_reports.record_payment(u, licence, first, date.today(), "DEMO-0001")
    distribution.run_distribution(u, payment)
    return True
