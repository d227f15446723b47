"""Ledger data for the statement tests, made through the real services: a licence, an
agreement in force, two payments distributed in two years and a reversal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select, update

from alliance.extensions import db
from alliance.models import LedgerEntry, MembershipStatus, Sector, User
from alliance.models.listings import LicenceKind, RoyaltyKind
from alliance.services import agreements as flow
from alliance.services import distribution
from alliance.services.agreement_terms import Contributor, InternalSplit, PartyTerms, Terms
from alliance.services.directory import alliance_by_code
from alliance.services.licences import grant_licence
from alliance.services.royalty_reports import record_payment
from alliance.services.royalty_terms import Royalty

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import make_patent

D = Decimal
#: posting instants (UTC): 5 March 2025; 31 Dec 2025 16:30 UTC, already 1 Jan 2026 in
#: Beijing; 1 April 2026
POSTED_1 = datetime(2025, 3, 5, 2, 0, tzinfo=UTC)
POSTED_2 = datetime(2025, 12, 31, 16, 30, tzinfo=UTC)
POSTED_REVERSAL = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)


@dataclass
class Ledger:
    uni: User  # the university's administrator
    firm: User  # the co-owner's administrator
    zhang: User  # the inventor 张三, linked to the agreement
    li: User  # 李四, a member of the university, not linked: matched by name
    licence: object
    payments: list
    reversed_entry: LedgerEntry

    @property
    def u(self) -> int:
        return self.uni.organization_id

    @property
    def f(self) -> int:
        return self.firm.organization_id


def _back_date(entry_ids, moment: datetime) -> None:
    """Entries posted at ``moment`` (the clock of the test)."""
    db.session.execute(update(LedgerEntry).where(LedgerEntry.id.in_(entry_ids))
                       .values(created_at=moment))
    db.session.commit()


def _agreement(uni, firm, patent, zhang) -> None:
    """University 60 (patent fees ¥1,200, office 5%, split 60/10/10/20, inventors 张三 70
    linked to ``zhang`` and 李四 30), firm 40."""
    agreement = flow.create_draft(uni, "锂电池专利利益分享协议", [patent])
    version = agreement.latest_version
    split = InternalSplit(D("60"), D("10"), D("10"), D("20"))
    terms = Terms((PartyTerms(uni.organization_id, D("60"), D("1200.00"), D("5"), split,
                              (Contributor("张三", D("70"), zhang.id),
                               Contributor("李四", D("30")))),
                   PartyTerms(firm.organization_id, D("40"))), patent_ids=(patent.id,))
    flow.edit_draft(uni, version, terms)
    flow.send_for_signature(uni, version)
    flow.sign(uni, version)
    flow.sign(firm, version)
    db.session.commit()


def _pay_and_run(uni, licence, amount: str, received_on: date, reference: str,
                 posted: datetime):
    payment = record_payment(uni, licence, D(amount), received_on, reference)
    run = distribution.run_distribution(uni, payment)
    db.session.commit()
    _back_date([entry.id for entry in run.entries], posted)
    return payment


def make_ledger(members_of: str | None = "nev") -> Ledger:
    """Two payments (¥10,000.00 posted in 2025, ¥3,456.79 posted on 1 Jan 2026 Beijing
    time) and, in April 2026, the reversal of 张三's part of the first. Both licensors are
    active members of the alliance ``members_of``."""
    uni = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, state_funded=True, name_zh="吉林测试大学", name_en=None))
    firm = OrgAdminFactory()
    licensee = OrgAdminFactory()
    zhang = UserFactory(organization=uni.organization, name="Zhang San")
    li = UserFactory(organization=uni.organization, name="李四")
    if members_of:
        for admin in (uni, firm):
            MembershipFactory(organization=admin.organization,
                              alliance=alliance_by_code(members_of),
                              status=MembershipStatus.ACTIVE)
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{firm.organization.name_zh}:40")
    licence = grant_licence(uni, licensor=uni.organization, licensee=licensee.organization,
                            patents=[patent], kind=LicenceKind.NON_EXCLUSIVE, field_of_use="",
                            territory="", start=date(2025, 1, 1), end=date(2028, 1, 1),
                            royalty=Royalty(kind=RoyaltyKind.RUNNING_PERCENT,
                                            running_rate=D("5")),
                            effective=date(2025, 1, 1))
    db.session.commit()
    _agreement(uni, firm, patent, zhang)
    first = _pay_and_run(uni, licence, "10000.00", date(2025, 3, 1), "银行回单 0001",
                         POSTED_1)
    second = _pay_and_run(uni, licence, "3456.79", date(2025, 12, 30),
                          "=HYPERLINK(\"http://x\")", POSTED_2)
    entry = db.session.scalar(select(LedgerEntry).where(
        LedgerEntry.payment_id == first.id,
        LedgerEntry.credit == f"inventor:{uni.organization_id}/张三"))
    reversal = distribution.reverse(uni, entry)
    db.session.commit()
    _back_date([reversal.id], POSTED_REVERSAL)
    return Ledger(uni, firm, zhang, li, licence, [first, second], entry)
