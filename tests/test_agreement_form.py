"""The agreement form's full terms: agreed costs, the whole internal split, inventors linked
to their accounts, licences my organisation grants; every bad input answered next to its
field with nothing saved; the terms on the agreement page and its printable view."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from alliance.extensions import db
from alliance.models import Agreement, AgreementStatus, Sector
from alliance.models.listings import LicenceKind
from alliance.models.sharing import AgreementInventor, VersionStatus
from alliance.services import Conflict, ServiceError
from alliance.services import agreements as flow
from alliance.services.agreement_links import link_inventors, subject
from alliance.services.agreement_terms import Contributor, InternalSplit, PartyTerms, Terms
from alliance.services.licences import grant_licence

from .factories import OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import LUMP, make_patent

D = Decimal


@pytest.fixture(autouse=True)
def english(app, monkeypatch):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


@pytest.fixture
def owners(db):
    """A state-founded university and a firm co-owning a patent 60:40; the university has
    an account named 张三."""
    uni = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, state_funded=True))
    firm = OrgAdminFactory()
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{firm.organization.name_zh}:40")
    zhang = UserFactory(organization=uni.organization, name="张三")
    return uni, firm, patent, zhang


def licence_of(licensor, patent):
    licensee = OrgAdminFactory()
    licence = grant_licence(licensor, licensor=licensor.organization,
                            licensee=licensee.organization, patents=[patent],
                            kind=LicenceKind.NON_EXCLUSIVE, field_of_use="", territory="",
                            start=date(2025, 1, 1), end=date(2028, 1, 1), royalty=LUMP,
                            effective=date(2025, 1, 1))
    db.session.commit()
    return licence, licensee


def _form(uni, firm, patent, **changes):
    data = {"title": "锂电池专利利益分享协议", "patents": [patent.id], "submit": "1",
            "parties-0-organization": uni.organization_id, "parties-0-share": "60",
            "parties-0-patent_fees": "1200.50", "parties-0-office_percent": "5",
            "parties-0-inventors_part": "50", "parties-0-school_part": "20",
            "parties-0-office_part": "10", "parties-0-institution_part": "20",
            "parties-0-inventors": "张三:70\n李四:30",
            "parties-1-organization": firm.organization_id, "parties-1-share": "40"}
    return {**data, **changes}


def _agreements():
    return db.session.scalars(select(Agreement)).all()


def test_the_full_terms_are_saved_and_shown(client, login, owners):
    uni, firm, patent, zhang = owners
    login(uni)
    response = client.post("/sharing/new", data=_form(uni, firm, patent))
    assert response.status_code == 302, response.get_data(as_text=True)
    [agreement] = _agreements()
    party = agreement.latest_version.parties[0]
    assert party.patent_fees == D("1200.50") and party.office_percent == 5
    assert (party.split_inventors, party.split_school, party.split_office,
            party.split_institution) == (50, 20, 10, 20)
    assert [(i.name, i.share, i.user_id) for i in party.inventors] == [
        ("张三", 70, zhang.id), ("李四", 30, None)]
    content = agreement.latest_version.content["parties"][0]
    assert content["patent_fees"] == "1200.50" and content["office_percent"] == "5"
    assert content["inventors"][0] == {"name": "张三", "user": zhang.id, "share": "70"}
    for path in (f"/sharing/{agreement.id}", f"/sharing/{agreement.id}/versions/1"):
        page = client.get(path).get_data(as_text=True)
        assert "patent fees ¥1,200.50" in page and "transfer office 5%" in page
        assert "school or department 20" in page and "institution 20" in page
        assert "张三 70%" in page and ">account<" in page
        assert patent.application_number in page


def test_a_blank_institution_part_takes_the_rest(client, login, owners):
    uni, firm, patent, _zhang = owners
    login(uni)
    data = _form(uni, firm, patent, **{"parties-0-institution_part": "",
                                       "parties-0-school_part": ""})
    assert client.post("/sharing/new", data=data).status_code == 302
    party = _agreements()[0].latest_version.parties[0]
    assert (party.split_inventors, party.split_school, party.split_office,
            party.split_institution) == (50, 0, 10, 40)


@pytest.mark.parametrize("changes, field, message", [
    ({"parties-1-share": "30"}, None, "The shares add up to 90"),
    ({"parties-1-share": "-40", "parties-0-share": "140"}, "parties-1-share",
     "Number must be at least 0"),
    ({"parties-0-share": "sixty"}, "parties-0-share", "Not a valid decimal value"),
    ({"parties-0-patent_fees": "1200.505"}, "parties-0-patent_fees", "fraction of a cent"),
    ({"parties-0-patent_fees": "-1"}, "parties-0-patent_fees", "Number must be at least 0"),
    ({"parties-0-patent_fees": "一千"}, "parties-0-patent_fees", "Not a valid decimal value"),
    ({"parties-0-office_percent": "120"}, "parties-0-office_percent", "cannot exceed 100"),
    ({"parties-0-institution_part": "30"}, "split", "The internal split adds up to 110"),
    ({"parties-0-inventors": "张三:70\n李四:20"}, "parties-0-inventors",
     "The inventors&#39; shares add up to 90"),
    ({"parties-0-inventors": "张三 70"}, "parties-0-inventors", "Write each inventor as"),
    ({"patents": []}, "patents", "Choose at least one patent or licence"),
])
def test_bad_input_is_answered_next_to_its_field(client, login, owners, changes, field,
                                                 message):
    uni, firm, patent, _zhang = owners
    login(uni)
    response = client.post("/sharing/new", data=_form(uni, firm, patent, **changes))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    if field == "split":
        assert 'id="parties-0-institution_part-split-error"' in page
    elif field is not None:
        assert re.search(rf'id="{field}"[^>]*is-invalid|is-invalid[^>]*id="{field}"', page) \
            or re.search(rf'class="[^"]*is-invalid[^"]*"[^>]*name="{field}"', page), field
    assert _agreements() == []


def test_an_inventor_is_linked_only_to_an_account_of_the_party(client, login, owners):
    uni, firm, patent, _zhang = owners
    outsider = UserFactory(organization=firm.organization, name="王五")
    login(uni)
    data = _form(uni, firm, patent, **{"parties-0-inventors": f"张三:70\n王五:30:{outsider.email}"})
    response = client.post("/sharing/new", data=data)
    assert response.status_code == 400
    assert "No active account of this organisation has the email" in response.get_data(
        as_text=True)
    assert _agreements() == []
    # by name the other organisation's 王五 is not found: an inventor without an account
    data = _form(uni, firm, patent, **{"parties-0-inventors": "张三:70\n王五:30"})
    assert client.post("/sharing/new", data=data).status_code == 302
    inventors = db.session.scalars(select(AgreementInventor).order_by(
        AgreementInventor.position)).all()
    assert inventors[1].name == "王五" and inventors[1].user_id is None


def test_two_accounts_of_one_name_need_the_email(client, login, owners):
    uni, firm, patent, zhang = owners
    other = UserFactory(organization=uni.organization, name="张三")
    login(uni)
    response = client.post("/sharing/new", data=_form(uni, firm, patent))
    assert response.status_code == 400
    assert "Several accounts of this organisation are named 张三" in response.get_data(
        as_text=True)
    data = _form(uni, firm, patent, **{"parties-0-inventors": f"张三:70:{other.email}\n李四:30"})
    assert client.post("/sharing/new", data=data).status_code == 302
    [agreement] = _agreements()
    assert agreement.latest_version.parties[0].inventors[0].user_id == other.id
    # editing keeps the link the draft has, without the email
    page = client.get(f"/sharing/{agreement.id}/edit").get_data(as_text=True)
    assert "张三:70\n李四:30" in page and 'value="1200.50"' in page
    for name, value in (("share", "60"), ("office_percent", "5"), ("inventors_part", "50"),
                        ("institution_part", "20")):  # stored with ten decimals, shown plain
        assert re.search(rf'name="parties-0-{name}"[^>]*value="{value}"', page), name
    assert client.post(f"/sharing/{agreement.id}/edit", data=_form(uni, firm, patent)) \
        .status_code == 302
    db.session.refresh(agreement)
    assert agreement.latest_version.parties[0].inventors[0].user_id == other.id
    assert zhang.id != other.id


def test_the_service_refuses_an_inventor_account_of_another_organisation(owners):
    uni, firm, patent, zhang = owners
    split = InternalSplit(D(100), D(0), D(0), D(0))
    terms = Terms((PartyTerms(firm.organization_id, D(40), split=split,
                              inventors=(Contributor("张三", D(100), user_id=zhang.id),)),
                   PartyTerms(uni.organization_id, D(60))), patent_ids=(patent.id,))
    with pytest.raises(ServiceError) as refused:
        link_inventors(terms)
    assert refused.value.status == 400 and refused.value.field == "inventors"
    assert refused.value.party == 0
    with pytest.raises(ServiceError):
        flow.create_draft(uni, "协议", [patent], parties=terms.parties)
    db.session.rollback()
    assert _agreements() == []


def test_a_licence_my_organisation_grants_is_a_subject(client, login, owners):
    uni, firm, patent, _zhang = owners
    licence, licensee = licence_of(uni, patent)
    login(uni)
    page = client.get("/sharing/new").get_data(as_text=True)
    assert licence.reference in page
    data = {**_form(uni, firm, patent, patents=[]), "licences": [licence.id],
            "defaults": "1"}
    del data["submit"]
    page = client.post("/sharing/new", data=data).get_data(as_text=True)
    shares = re.findall(r'name="parties-(\d)-share"[^>]*value="([^"]*)"', page)
    assert shares[:2] == [("0", "60.00"), ("1", "40.00")]  # from the licence's patent
    data = {**_form(uni, firm, patent, patents=[]), "licences": [licence.id]}
    assert client.post("/sharing/new", data=data).status_code == 302
    [agreement] = _agreements()
    assert [lic.id for lic in agreement.latest_version.licences] == [licence.id]
    assert agreement.latest_version.patents == []
    assert agreement.latest_version.content["licences"] == [licence.reference]
    page = client.get(f"/sharing/{agreement.id}").get_data(as_text=True)
    assert f"Licence {licence.reference} to {licensee.organization.name_en}" in page


def test_a_licence_not_mine_is_refused(client, login, owners):
    uni, firm, patent, _zhang = owners
    licence, licensee = licence_of(uni, patent)  # the university grants it
    login(firm)
    assert licence.reference not in client.get("/sharing/new").get_data(as_text=True)
    data = {**_form(uni, firm, patent), "licences": [licence.id]}
    response = client.post("/sharing/new", data=data)
    assert response.status_code == 400 and "is not a valid choice" in response.get_data(
        as_text=True)
    assert _agreements() == []
    terms = Terms(_form_terms(uni, firm), licence_ids=(licence.id,))
    with pytest.raises(ServiceError) as refused:
        subject(licensee, terms)  # the licensee sees the licence but does not grant it
    assert refused.value.status == 403 and refused.value.field == "licences"
    with pytest.raises(ServiceError) as refused:
        subject(firm, terms)  # the firm does not even see it
    assert refused.value.status == 404


def _form_terms(uni, firm):
    return (PartyTerms(uni.organization_id, D(60)), PartyTerms(firm.organization_id, D(40)))


def test_a_sent_or_signed_version_cannot_be_edited(client, login, owners):
    uni, firm, patent, _zhang = owners
    login(uni)
    client.post("/sharing/new", data=_form(uni, firm, patent))
    [agreement] = _agreements()
    path = f"/sharing/{agreement.id}"
    assert client.post(f"{path}/send", data={"submit": "1"}).status_code == 302
    client.post(f"{path}/sign")
    login(firm)
    client.post(f"{path}/sign")
    db.session.refresh(agreement)
    version = agreement.latest_version
    assert version.status is VersionStatus.SIGNED
    sha = version.content_sha256
    changed = _form(uni, firm, patent, **{"parties-0-patent_fees": "99.00"})
    assert client.post(f"{path}/edit", data=changed).status_code == 409
    with pytest.raises(Conflict):
        flow.edit_draft(firm, version, Terms(_form_terms(uni, firm), patent_ids=(patent.id,)))
    db.session.rollback()
    db.session.refresh(version)
    assert version.content_sha256 == sha and version.parties[0].patent_fees == D("1200.50")
    assert agreement.status is AgreementStatus.IN_FORCE


def test_the_form_fits_a_phone_and_names_every_field(client, login, owners):
    uni, _firm, patent, _zhang = owners
    login(uni)
    page = client.get(f"/sharing/new?patent={patent.id}").get_data(as_text=True)
    for name in ("patent_fees", "office_percent", "inventors_part", "school_part",
                 "office_part", "institution_part", "inventors"):
        assert f'for="parties-0-{name}"' in page
    assert "<table" not in page.split('id="parties-heading"')[1]  # cards, not a wide table
