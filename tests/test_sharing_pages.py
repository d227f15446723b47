"""Pages of benefit-sharing agreements: a draft from co-owned patents, sending (with the
acknowledgement of a floor shortfall), signing by every party, and who may see and act."""

import re
from decimal import Decimal

import pytest

from alliance.extensions import db
from alliance.models import Agreement, AgreementStatus, FloorAcknowledgement, Sector
from alliance.models.sharing import VersionStatus

from .factories import OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import make_patent


@pytest.fixture(autouse=True)
def english(app, monkeypatch):
    """These tests read the pages' English wording."""
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


@pytest.fixture
def owners(db):
    """A state-founded university and a firm co-owning a patent 60:40."""
    uni = OrgAdminFactory(organization=OrganizationFactory(
        sector=Sector.UNIVERSITY, state_funded=True))
    firm = OrgAdminFactory()
    patent = make_patent(uni, owners=f"{uni.organization.name_zh}:60;"
                                     f"{firm.organization.name_zh}:40")
    return uni, firm, patent


def _form(uni, firm, patent, uni_share="60", firm_share="40", firm_part=""):
    return {"title": "锂电池专利利益分享协议", "patents": [patent.id], "submit": "1",
            "parties-0-organization": uni.organization_id, "parties-0-share": uni_share,
            "parties-0-inventors_part": "60", "parties-0-inventors": "张三:70\n李四:30",
            "parties-1-organization": firm.organization_id, "parties-1-share": firm_share,
            "parties-1-inventors_part": firm_part,
            "parties-1-inventors": "王五:100" if firm_part else ""}


def _create(client, login, uni, firm, patent, **kwargs) -> Agreement:
    login(uni)
    response = client.post("/sharing/new", data=_form(uni, firm, patent, **kwargs))
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalars(db.select(Agreement)).one()


def test_the_form_shows_the_default_shares_from_co_ownership(client, login, owners):
    uni, firm, patent = owners
    login(uni)
    page = client.get(f"/sharing/new?patent={patent.id}").get_data(as_text=True)
    shares = re.findall(r'name="parties-(\d)-share"[^>]*value="([^"]*)"', page)
    assert shares[:2] == [("0", "60.00"), ("1", "40.00")]


def test_create_send_sign_by_both_parties_brings_it_in_force(client, login, owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent)
    path = f"/sharing/{agreement.id}"
    assert "张三 70%" in client.get(path).get_data(as_text=True)
    assert client.post(f"{path}/send", data={"submit": "1"}).status_code == 302
    assert client.post(f"{path}/sign").status_code == 302
    assert agreement.status is AgreementStatus.SENT
    login(firm)
    assert client.post(f"{path}/sign").status_code == 302
    db.session.refresh(agreement)
    assert agreement.status is AgreementStatus.IN_FORCE
    assert agreement.latest_version.status is VersionStatus.SIGNED
    assert "In force" in client.get(path).get_data(as_text=True)
    printed = client.get(f"{path}/versions/1").get_data(as_text=True)
    assert agreement.latest_version.content_sha256 in printed
    assert uni.organization.name_en in printed and firm.organization.name_en in printed
    assert "/sharing/" in client.get("/").get_data(as_text=True)  # the menu entry


def test_an_outsider_gets_404_and_a_party_member_403(client, login, owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent)
    login(OrgAdminFactory())
    for path in ("", "/versions/1", "/cancel"):
        assert client.get(f"/sharing/{agreement.id}{path}").status_code == 404
    assert client.post(f"/sharing/{agreement.id}/send", data={"submit": "1"}).status_code \
        == 404
    assert agreement.title not in client.get("/sharing/").get_data(as_text=True)
    login(UserFactory(organization=firm.organization))  # a member, not an admin
    assert client.get(f"/sharing/{agreement.id}").status_code == 200
    assert client.post(f"/sharing/{agreement.id}/send", data={"submit": "1"}).status_code \
        == 403
    assert client.get(f"/sharing/{agreement.id}/cancel").status_code == 403
    assert client.get("/sharing/new").status_code == 403
    assert agreement.status is AgreementStatus.DRAFT


def test_shares_not_summing_to_100_answer_400_next_to_the_parties(client, login, owners):
    uni, firm, patent = owners
    login(uni)
    response = client.post("/sharing/new", data=_form(uni, firm, patent, firm_share="30"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="parties-error">The shares add up to 90' in page
    assert db.session.scalars(db.select(Agreement)).first() is None


def test_a_bad_inventor_line_is_shown_at_its_field(client, login, owners):
    uni, firm, patent = owners
    login(uni)
    data = {**_form(uni, firm, patent), "parties-0-inventors": "张三 70"}
    response = client.post("/sharing/new", data=data)
    assert response.status_code == 400
    assert 'is-invalid' in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Agreement)).first() is None


def test_a_shortfall_needs_the_acknowledgement(client, login, owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent, firm_part="30")
    path = f"/sharing/{agreement.id}"
    assert "Statutory floors" in client.get(path).get_data(as_text=True)
    response = client.post(f"{path}/send", data={"submit": "1"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Acknowledge this explicitly" in page and 'name="acknowledge"' in page
    assert agreement.status is AgreementStatus.DRAFT
    assert client.post(f"{path}/send", data={"submit": "1", "acknowledge": "y"}).status_code \
        == 302
    db.session.refresh(agreement)
    assert agreement.status is AgreementStatus.SENT
    ack = db.session.scalars(db.select(FloorAcknowledgement)).one()
    assert ack.organization_id == firm.organization_id
    assert Decimal(ack.example_amount) == Decimal("100000.00")


def test_cancel_takes_a_confirmation_step(client, login, owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent)
    path = f"/sharing/{agreement.id}/cancel"
    assert "Cancel the agreement" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 400
    assert agreement.status is AgreementStatus.DRAFT
    assert client.post(path, data={"confirm": "yes"}).status_code == 302
    db.session.refresh(agreement)
    assert agreement.status is AgreementStatus.CANCELLED


def test_a_draft_is_edited_and_an_amendment_is_a_new_version(client, login, owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent)
    path = f"/sharing/{agreement.id}"
    page = client.get(f"{path}/edit").get_data(as_text=True)
    assert "张三:70\n李四:30" in page and "Edit version 1" in page
    data = {**_form(uni, firm, patent, uni_share="55", firm_share="45"), "title": "新标题"}
    assert client.post(f"{path}/edit", data=data).status_code == 302
    db.session.refresh(agreement)
    assert agreement.title == "新标题" and agreement.latest_version.parties[0].share == 55
    bad = client.post(f"{path}/edit", data={**data, "parties-1-share": "50"})
    assert bad.status_code == 400 and "The shares add up to 105" in bad.get_data(as_text=True)
    client.post(f"{path}/send", data={"submit": "1"})
    assert client.get(f"{path}/edit").status_code == 409  # a sent version is frozen
    client.post(f"{path}/sign")
    login(firm)
    client.post(f"{path}/sign")
    assert client.post(f"{path}/amend").status_code == 302
    db.session.refresh(agreement)
    assert [v.status for v in agreement.versions] == [VersionStatus.SIGNED, VersionStatus.DRAFT]
    page = client.get(path).get_data(as_text=True)
    assert "Version 2" in page and f"{path}/versions/1" in page
    assert client.post(f"{path}/amend").status_code == 409  # one amendment at a time


def test_a_state_university_below_the_floor_cannot_send_even_acknowledging(client, login,
                                                                           owners):
    uni, firm, patent = owners
    agreement = _create(client, login, uni, firm, patent)
    data = {**_form(uni, firm, patent), "parties-0-inventors_part": "30"}
    assert client.post(f"/sharing/{agreement.id}/edit", data=data).status_code == 302
    assert "binding: cannot be signed" in client.get(f"/sharing/{agreement.id}").get_data(
        as_text=True)
    response = client.post(f"/sharing/{agreement.id}/send",
                           data={"submit": "1", "acknowledge": "y"})
    assert response.status_code == 400
    assert "set up by the state" in response.get_data(as_text=True)
    db.session.refresh(agreement)
    assert agreement.status is AgreementStatus.DRAFT
