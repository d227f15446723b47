"""Listings with co-owners' consent, and open licences with every refusal and its article."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask_babel import force_locale

from alliance.models import Licence, ListingStatus, RequestStatus
from alliance.models.listings import ConsentStatus, LicenceKind, RoyaltyKind, Visibility
from alliance.services import ServiceError, listings, open_licences
from alliance.services import licence_requests as flow
from alliance.services.royalty_terms import Royalty

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory
from .patent_helpers import make_listing, make_patent, make_request

OPEN_TERMS = open_licences.Declaration(
    fee_method="按年支付", fee_standard="每年人民币5万元",
    royalty=Royalty(kind=RoyaltyKind.LUMP_SUM, lump_sum=Decimal("50000")),
    term_start=date.today(), term_end=date.today() + timedelta(days=3 * 365))


def test_a_patent_owned_alone_is_listed_at_once(db):
    owner = OrgAdminFactory()
    item = make_listing(owner, [make_patent(owner)])
    assert item.status is ListingStatus.LISTED and item.consents == []


def test_co_owners_must_consent_before_listing(db):
    owner, partner = OrgAdminFactory(), OrgAdminFactory()
    patent = make_patent(owner, owners=f"{owner.organization.name_zh}:50;"
                                       f"{partner.organization.name_zh}:50")
    item = make_listing(owner, [patent])
    assert item.status is ListingStatus.AWAITING_CONSENT
    stranger = OrgAdminFactory()
    assert not item.can_view(stranger) and item.can_view(partner)
    with pytest.raises(ServiceError):
        listings.decide_consent(stranger, item, True)
    listings.decide_consent(partner, item, True)
    assert item.status is ListingStatus.LISTED and item.can_view(stranger)
    with pytest.raises(ServiceError) as error:
        listings.decide_consent(partner, item, True)
    assert error.value.status == 409


def test_a_refused_consent_keeps_the_listing_down(db):
    owner, partner = OrgAdminFactory(), OrgAdminFactory()
    patent = make_patent(owner, owners=f"{owner.organization.name_zh};"
                                       f"{partner.organization.name_zh}")
    item = make_listing(owner, [patent])
    listings.decide_consent(partner, item, False)
    assert item.consents[0].status is ConsentStatus.REFUSED
    assert item.status is ListingStatus.AWAITING_CONSENT


def test_an_unpublished_application_or_anothers_patent_cannot_be_listed(db):
    owner = OrgAdminFactory()
    with pytest.raises(ServiceError):
        make_listing(owner, [make_patent(owner, published=False, granted=False)])
    with pytest.raises(ServiceError) as error:
        make_listing(owner, [make_patent(OrgAdminFactory())])
    assert error.value.status == 403


def test_a_listing_for_alliance_members_hides_from_others(db):
    from alliance.models import MembershipStatus
    from alliance.services.directory import alliance_by_code
    from alliance.services.patent_tags import confirm_tags

    nev = alliance_by_code("nev")
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    confirm_tags(owner, patent, {nev.id})
    item = make_listing(owner, [patent], visibility=Visibility.ALLIANCE_MEMBERS)
    member, outsider = OrgAdminFactory(), OrgAdminFactory()
    MembershipFactory(organization=member.organization, alliance=nev,
                      status=MembershipStatus.ACTIVE)
    assert item.can_view(member) and item.can_request(member)
    assert not item.can_view(outsider)
    with pytest.raises(ServiceError):
        make_request(item, firm_admin=outsider)


def test_withdrawing_a_listing(db):
    owner = OrgAdminFactory()
    item = make_listing(owner, [make_patent(owner)])
    with pytest.raises(ServiceError):
        listings.withdraw_listing(OrgAdminFactory(), item)
    listings.withdraw_listing(owner, item)
    assert item.status is ListingStatus.WITHDRAWN


# Open licences -----------------------------------------------------------------------------

def _refusal(owner, patent):
    """The refusal in English, the language of the article references asserted below."""
    with force_locale("en"):
        with pytest.raises(ServiceError) as error:
            open_licences.declare(owner, patent, OPEN_TERMS)
        return str(error.value.message)


def test_open_licence_refusals_name_their_article(db):
    from alliance.services.patents import set_legal_details

    owner = OrgAdminFactory()
    pending = make_patent(owner, granted=False)
    assert "Art. 50" in _refusal(owner, pending)
    utility = make_patent(owner, kind_digit="2", ipc="B25B 11/00")
    assert "evaluation report" in _refusal(owner, utility)
    unpaid = make_patent(owner)
    set_legal_details(owner, unpaid, term_extension_days=0,
                      fees_paid_until=date.today() - timedelta(days=1), pledgee="",
                      pledgee_consents=False, evaluation_report="")
    assert "Art. 86" in _refusal(owner, unpaid) and "annual fees" in _refusal(owner, unpaid)
    pledged = make_patent(owner)
    set_legal_details(owner, pledged, term_extension_days=0, fees_paid_until=None,
                      pledgee="吉林银行", pledgee_consents=False, evaluation_report="")
    assert "吉林银行" in _refusal(owner, pledged)
    licensed = make_patent(owner)
    req, _ = make_request(make_listing(owner, [licensed]))
    flow.accept(owner, req)
    assert "exclusive or sole licence is in force" in _refusal(owner, licensed)


def test_anyone_obtains_a_non_exclusive_licence_by_notice(db):
    owner, firm, other = OrgAdminFactory(), OrgAdminFactory(), OrgAdminFactory()
    patent = make_patent(owner)
    offer = open_licences.declare(owner, patent, OPEN_TERMS)
    licence = open_licences.obtain(firm, offer, firm.organization)
    assert licence.kind is LicenceKind.NON_EXCLUSIVE and licence.open_licence_id == offer.id
    assert licence.registration_due > licence.effective_date
    assert [d.amount for d in licence.payments_due] == [Decimal("50000.00")]
    open_licences.obtain(other, offer, other.organization)
    with pytest.raises(ServiceError):  # the patentee needs no licence
        open_licences.obtain(owner, offer, owner.organization)
    open_licences.withdraw(owner, offer)
    with pytest.raises(ServiceError) as error:
        open_licences.obtain(OrgAdminFactory(), offer, OrganizationFactory())
    assert error.value.status in (403, 409)
    assert db.session.query(Licence).count() == 2  # licences obtained continue


def test_no_exclusive_licence_while_an_open_licence_is_declared(db):
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    item = make_listing(owner, [patent])
    req, _ = make_request(item)
    open_licences.declare(owner, patent, OPEN_TERMS)
    with pytest.raises(ServiceError) as error, force_locale("en"):
        flow.accept(owner, req)
    assert "Art. 51(3)" in str(error.value.message)
    assert req.status is not RequestStatus.LICENSED
    with pytest.raises(ServiceError):  # nor may a new listing offer one
        make_listing(owner, [patent])
