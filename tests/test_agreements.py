"""Benefit-sharing agreements: terms, floors, sending, signing, versions and amendments."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from alliance.extensions import db
from alliance.models import (
    Agreement,
    AgreementStatus,
    AuditEvent,
    FloorAcknowledgement,
    PolicyRule,
    Sector,
    Signature,
    VersionStatus,
)
from alliance.models.listings import LicenceKind
from alliance.services import Conflict, ServiceError
from alliance.services import agreements as flow
from alliance.services.agreement_terms import (
    Contributor,
    InternalSplit,
    PartyTerms,
    Terms,
    canonical_content,
    check_floors,
    content_hash,
)
from alliance.services.licences import grant_licence
from alliance.sharing_rules import DEFAULT_POLICY

from .factories import OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import LUMP, make_patent

D = Decimal


@pytest.fixture
def owners(db):
    """A state-founded university and a firm co-owning a patent 60:40."""
    uni = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, state_funded=True))
    firm = OrgAdminFactory()
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{firm.organization.name_zh}:40")
    return uni, firm, patent


def _split(inventors="60", school="10", office="10", institution="20"):
    return InternalSplit(D(inventors), D(school), D(office), D(institution))


def _terms(uni, firm, patent, uni_share="60", split=None, inventors=None):
    split = split or _split()
    inventors = inventors or (Contributor("张三", D("70")), Contributor("李四", D("30")))
    return Terms((PartyTerms(uni.organization_id, D(uni_share), D("1200.00"), D("5"), split,
                             inventors),
                  PartyTerms(firm.organization_id, D(100) - D(uni_share))),
                 patent_ids=(patent.id,))


def make_licence_for(licensor, patent):
    licensee = OrgAdminFactory()
    licence = grant_licence(licensor, licensor=licensor.organization,
                            licensee=licensee.organization, patents=[patent],
                            kind=LicenceKind.NON_EXCLUSIVE, field_of_use="", territory="",
                            start=date(2025, 1, 1), end=date(2028, 1, 1), royalty=LUMP,
                            effective=date(2025, 1, 1))
    db.session.commit()
    return licence


def _in_force(uni, firm, patent):
    agreement = flow.create_draft(uni, "锂电池专利利益分享协议", [patent])
    version = agreement.latest_version
    flow.edit_draft(uni, version, _terms(uni, firm, patent))
    flow.send_for_signature(uni, version)
    flow.sign(uni, version)
    flow.sign(firm, version)
    return agreement


def _actions(obj_type=None):
    stmt = select(AuditEvent.action)
    if obj_type:
        stmt = stmt.where(AuditEvent.object_type == obj_type)
    return db.session.scalars(stmt).all()


def test_the_policy_table_is_seeded_with_the_defaults(db):
    rows = db.session.scalars(select(PolicyRule).order_by(PolicyRule.id)).all()
    assert [row.as_rule() for row in rows] == list(DEFAULT_POLICY)


def test_default_shares_come_from_co_ownership(owners):
    uni, firm, patent = owners
    agreement = flow.create_draft(uni, "协议", [patent])
    version = agreement.latest_version
    assert [(p.organization_id, p.share) for p in version.parties] == [
        (uni.organization_id, D("60")), (firm.organization_id, D("40"))]
    assert agreement.status is AgreementStatus.DRAFT and version.status is VersionStatus.DRAFT
    assert "agreement.created" in _actions()


def test_default_shares_over_several_patents_sum_to_100(owners):
    uni, firm, patent = owners
    other = make_patent(uni, "一种电池管理系统")  # the university's alone
    third = make_patent(uni, "一种隔膜", owners=f"{uni.organization.name_zh}:50;"
                                            f"{firm.organization.name_zh}:50")
    version = flow.create_draft(uni, "协议", [patent, other, third]).latest_version
    shares = [p.share for p in version.parties]
    assert shares == [D("70"), D("30")]  # (60+100+50)/3 and (40+0+50)/3
    lopsided = make_patent(uni, "一种电解液", owners=f"{uni.organization.name_zh}:33.33;"
                                              f"{firm.organization.name_zh}:66.67")
    version = flow.create_draft(uni, "协议", [lopsided, other, third]).latest_version
    assert sum(p.share for p in version.parties) == D(100)


@pytest.mark.parametrize("uni_share, firm_share", [("60", "30"), ("60", "40.01")])
def test_shares_not_summing_to_100_are_refused(owners, uni_share, firm_share):
    uni, firm, patent = owners
    parties = [PartyTerms(uni.organization_id, D(uni_share)),
               PartyTerms(firm.organization_id, D(firm_share))]
    with pytest.raises(ServiceError) as refused:
        flow.create_draft(uni, "协议", [patent], parties=parties)
    assert refused.value.status == 400 and refused.value.field == "parties"
    db.session.rollback()
    assert db.session.scalars(select(Agreement)).all() == []


def test_internal_split_and_inventor_shares_must_sum_to_100(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    bad_split = _terms(uni, firm, patent, split=_split(institution="19.99"))
    with pytest.raises(ServiceError) as refused:
        flow.edit_draft(uni, version, bad_split)
    assert refused.value.field == "internal_split"
    bad_inventors = _terms(uni, firm, patent, inventors=(Contributor("张三", D("70")),))
    with pytest.raises(ServiceError) as refused:
        flow.edit_draft(uni, version, bad_inventors)
    assert refused.value.field == "inventors"


def test_floor_check_gives_the_rule_and_the_shortfall(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.edit_draft(uni, version, _terms(uni, firm, patent, split=_split("30", "30", "20",
                                                                         "20")))
    [check] = check_floors(version, D("100000.00"))
    assert check.party.organization_id == uni.organization_id and check.binding
    [shortfall] = check.shortfalls  # filed 2019: the 2010 text's 10% is met, the law's 50% not
    assert shortfall.rule.key == "law2015_art45_licence" and shortfall.article == "Art. 45"
    assert shortfall.amount == D("20000.00")
    assert "¥20000.00 short" in shortfall.text()


def test_state_founded_university_below_the_floor_cannot_send(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.edit_draft(uni, version, _terms(uni, firm, patent, split=_split("40", "30", "10",
                                                                         "20")))
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        flow.send_for_signature(uni, version, acknowledge=True)
    assert refused.value.status == 400 and "Art. 45" in str(refused.value.message)
    db.session.rollback()
    assert version.status is VersionStatus.DRAFT
    assert db.session.scalars(select(FloorAcknowledgement)).all() == []


def test_other_units_below_the_floor_send_only_with_an_acknowledgement(db):
    firm = OrgAdminFactory()
    private = OrgAdminFactory(organization=OrganizationFactory(sector=Sector.UNIVERSITY))
    patent = make_patent(private, owners=f"{private.organization.name_zh}:60;"
                                         f"{firm.organization.name_zh}:40")
    version = flow.create_draft(private, "协议", [patent]).latest_version
    flow.edit_draft(private, version, _terms(private, firm, patent,
                                             split=_split("40", "30", "10", "20")))
    with pytest.raises(ServiceError) as refused:
        flow.send_for_signature(private, version)
    assert refused.value.field == "acknowledge"
    checks = flow.send_for_signature(private, version, acknowledge=True)
    assert [c.binding for c in checks] == [False]
    assert version.status is VersionStatus.SENT
    ack = db.session.scalars(select(FloorAcknowledgement)).one()
    assert ack.organization_id == private.organization_id and ack.user_id == private.id
    assert ack.shortfalls[0]["shortfall"] == "10000.00"
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "agreement.floor_acknowledged")).one()
    assert event.actor_id == private.id and event.after["shortfalls"] == ack.shortfalls


def test_signing_in_any_order_puts_the_agreement_in_force_at_the_last_signature(owners):
    uni, firm, patent = owners
    agreement = flow.create_draft(uni, "协议", [patent])
    version = agreement.latest_version
    flow.edit_draft(uni, version, _terms(uni, firm, patent))
    with pytest.raises(Conflict):
        flow.sign(firm, version)  # not sent yet
    flow.send_for_signature(uni, version)
    assert agreement.status is AgreementStatus.SENT
    first = flow.sign(firm, version)
    assert first.content_sha256 == version.content_sha256 and first.user_id == firm.id
    assert first.signed_at is not None
    assert agreement.status is AgreementStatus.SENT and version.status is VersionStatus.SENT
    flow.sign(uni, version)
    assert version.status is VersionStatus.SIGNED and version.signed_at is not None
    assert agreement.status is AgreementStatus.IN_FORCE
    assert agreement.current_version_id == version.id
    assert {"agreement.signed", "agreement.in_force", "agreement_version.signed"} \
        <= set(_actions())


def test_a_signature_by_someone_not_authorised_is_refused(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.send_for_signature(uni, version)
    outsider = OrgAdminFactory()
    member = UserFactory(organization=firm.organization)  # of a party, but no admin
    for user in (outsider, member):
        with pytest.raises(ServiceError) as refused:
            flow.sign(user, version)
        assert refused.value.status == 403
    assert db.session.scalars(select(Signature)).all() == []


def test_a_second_signature_by_the_same_party_is_refused(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.send_for_signature(uni, version)
    flow.sign(firm, version)
    colleague = OrgAdminFactory(organization=firm.organization)
    with pytest.raises(Conflict):
        flow.sign(colleague, version)
    assert len(db.session.scalars(select(Signature)).all()) == 1


@pytest.mark.parametrize("stage", ["sent", "signed"])
def test_a_sent_or_signed_version_cannot_be_edited(owners, stage):
    uni, firm, patent = owners
    agreement = flow.create_draft(uni, "协议", [patent])
    version = agreement.latest_version
    flow.send_for_signature(uni, version)
    if stage == "signed":
        flow.sign(uni, version)
        flow.sign(firm, version)
    db.session.commit()
    digest, shares = version.content_sha256, [p.share for p in version.parties]
    with pytest.raises(Conflict) as refused:
        flow.edit_draft(uni, version, _terms(uni, firm, patent, uni_share="70"))
    assert refused.value.status == 409
    db.session.rollback()
    assert version.content_sha256 == digest and [p.share for p in version.parties] == shares


def test_an_amendment_is_signed_again_and_supersedes_the_version_in_force(owners):
    uni, firm, patent = owners
    agreement = _in_force(uni, firm, patent)
    first = agreement.current_version
    amendment = flow.amend(firm, agreement)
    assert amendment.number == 2 and amendment.status is VersionStatus.DRAFT
    assert [p.share for p in amendment.parties] == [p.share for p in first.parties]
    with pytest.raises(Conflict):
        flow.amend(uni, agreement)  # one amendment at a time
    flow.edit_draft(firm, amendment, _terms(uni, firm, patent, uni_share="55"))
    assert amendment.content_sha256 != first.content_sha256
    flow.send_for_signature(firm, amendment)
    flow.sign(firm, amendment)
    assert agreement.current_version_id == first.id and first.status is VersionStatus.SIGNED
    flow.sign(uni, amendment)
    assert agreement.current_version_id == amendment.id
    assert first.status is VersionStatus.SUPERSEDED
    assert amendment.status is VersionStatus.SIGNED
    assert agreement.status is AgreementStatus.IN_FORCE
    assert [s.version_id for s in db.session.scalars(select(Signature))].count(
        amendment.id) == 2


def test_only_an_agreement_in_force_is_amended_and_only_by_a_party(owners):
    uni, firm, patent = owners
    agreement = flow.create_draft(uni, "协议", [patent])
    with pytest.raises(Conflict):
        flow.amend(uni, agreement)
    agreement = _in_force(uni, firm, patent)
    with pytest.raises(ServiceError) as refused:
        flow.amend(OrgAdminFactory(), agreement)
    assert refused.value.status == 403


def test_canonical_hash_is_stable_for_equal_content_and_changes_with_it(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.edit_draft(uni, version, _terms(uni, firm, patent))
    digest = version.content_sha256
    assert len(digest) == 64
    db.session.commit()
    db.session.expire_all()
    assert content_hash(canonical_content(version, "协议")) == digest  # after the round trip
    flow.edit_draft(uni, version, _terms(uni, firm, patent, uni_share="60.00"))
    assert version.content_sha256 == digest  # 60 and 60.00 are the same share
    flow.edit_draft(uni, version, _terms(uni, firm, patent, uni_share="60.01"))
    assert version.content_sha256 != digest
    content = dict(version.content)
    assert content_hash(dict(reversed(list(content.items())))) == content_hash(content)


def test_a_licence_can_be_the_subject(owners):
    uni, firm, patent = owners
    licence = make_licence_for(uni, patent)
    agreement = flow.create_draft(uni, "许可收益分享", licences=[licence])
    version = agreement.latest_version
    assert version.content["licences"] == [licence.reference]
    assert sum(p.share for p in version.parties) == D(100)


def test_the_drafting_organisation_must_be_a_party(owners):
    uni, firm, patent = owners
    third = OrgAdminFactory()
    with pytest.raises(ServiceError) as refused:
        flow.create_draft(third, "协议", [patent])
    assert refused.value.status in (403, 404)
    with pytest.raises(ServiceError) as refused:
        flow.create_draft(uni, "协议", [patent],
                          parties=[PartyTerms(firm.organization_id, D(100))])
    assert refused.value.status == 403


def test_only_a_party_admin_edits_or_sends_a_draft(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    digest = version.content_sha256
    member = UserFactory(organization=uni.organization)
    for user in (OrgAdminFactory(), member):
        with pytest.raises(ServiceError) as refused:
            flow.edit_draft(user, version, _terms(uni, firm, patent, uni_share="90"))
        assert refused.value.status == 403
        with pytest.raises(ServiceError) as refused:
            flow.send_for_signature(user, version)
        assert refused.value.status == 403
    assert version.content_sha256 == digest and version.status is VersionStatus.DRAFT


def test_terms_changed_behind_the_service_cannot_be_signed(owners):
    uni, firm, patent = owners
    version = flow.create_draft(uni, "协议", [patent]).latest_version
    flow.send_for_signature(uni, version)
    version.parties[0].share = D("59")  # a write that bypassed the service
    with pytest.raises(Conflict):
        flow.sign(uni, version)


def test_an_agreement_not_in_force_can_be_cancelled_but_not_one_in_force(owners):
    uni, firm, patent = owners
    agreement = flow.create_draft(uni, "协议", [patent])
    flow.send_for_signature(uni, agreement.latest_version)
    flow.cancel(firm, agreement)
    assert agreement.status is AgreementStatus.CANCELLED
    assert "agreement.cancelled" in _actions("agreement")
    with pytest.raises(Conflict):
        flow.cancel(uni, agreement)
    with pytest.raises(Conflict):
        flow.sign(uni, agreement.latest_version)
    in_force = _in_force(uni, firm, patent)
    with pytest.raises(Conflict):
        flow.cancel(uni, in_force)
