"""Licences with royalty terms, agreements in force and payments, for the royalty tests."""

from datetime import date
from decimal import Decimal

from alliance.extensions import db
from alliance.models import Sector
from alliance.models.listings import LicenceKind, RoyaltyKind
from alliance.services import agreements as flow
from alliance.services.agreement_terms import Contributor, InternalSplit, PartyTerms, Terms
from alliance.services.licences import grant_licence
from alliance.services.royalty_reports import record_payment
from alliance.services.royalty_terms import Royalty

from .factories import OrgAdminFactory, OrganizationFactory
from .patent_helpers import make_patent

D = Decimal
RUNNING = Royalty(kind=RoyaltyKind.RUNNING_PERCENT, running_rate=D("5"),
                  minimum_annual=D("12000.00"))


def make_deal(uni_share=60, royalty=RUNNING):
    """A state-founded university and a firm co-owning a patent (60:40 by default), licensed
    by the university to a third firm at 5% of net sales, minimum ¥12,000 a year.
    Returns (university admin, co-owner admin, licensee admin, patent, licence)."""
    uni = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, state_funded=True))
    firm = OrgAdminFactory()
    licensee = OrgAdminFactory()
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:{uni_share};"
                                     f"{firm.organization.name_zh}:{100 - uni_share}")
    licence = grant_licence(uni, licensor=uni.organization, licensee=licensee.organization,
                            patents=[patent], kind=LicenceKind.NON_EXCLUSIVE, field_of_use="",
                            territory="", start=date(2025, 1, 1), end=date(2028, 1, 1),
                            royalty=royalty, effective=date(2025, 1, 1))
    db.session.commit()
    return uni, firm, licensee, patent, licence


def make_agreement(uni, firm, patent, uni_share="60", split=None, inventors=None,
                   patent_fees="1200.00", office="5", firm_inventors=False):
    """An agreement in force: the university (patent fees, office %, split 60/10/10/20,
    inventors 张三 70 and 李四 30 by default) and the firm (its own 王五 when asked)."""
    uni_share, patent_fees, office = D(uni_share), D(patent_fees), D(office)
    agreement = flow.create_draft(uni, "锂电池专利利益分享协议", [patent])
    version = agreement.latest_version
    split = split or InternalSplit(D("60"), D("10"), D("10"), D("20"))
    inventors = inventors or (Contributor("张三", D("70")), Contributor("李四", D("30")))
    firm_terms = PartyTerms(firm.organization_id, 100 - uni_share, None, None,
                            InternalSplit(D("50"), D("0"), D("0"), D("50")),
                            (Contributor("王五", D("100")),)) if firm_inventors \
        else PartyTerms(firm.organization_id, 100 - uni_share)
    terms = Terms((PartyTerms(uni.organization_id, uni_share, patent_fees, office, split,
                              inventors), firm_terms), patent_ids=(patent.id,))
    flow.edit_draft(uni, version, terms)
    flow.send_for_signature(uni, version)
    flow.sign(uni, version)
    flow.sign(firm, version)
    db.session.commit()
    return version


def pay(uni, licence, amount="10000.00", on=date(2026, 1, 15)):
    payment = record_payment(uni, licence, D(amount), on, "银行回单 0001")
    db.session.commit()
    return payment
