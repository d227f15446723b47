"""The licensing pages: listing, requesting, negotiating, licences and open licences, with
the right and the wrong user and bad input."""

from datetime import date, timedelta

from alliance.models import Licence, LicenceRequest, Listing, ListingStatus, RequestStatus

from .factories import AdminFactory, OrgAdminFactory, UserFactory
from .patent_helpers import make_listing, make_patent, make_request

TERMS = {"kind": "exclusive", "royalty_kind": "lump_sum", "lump_sum": "200000",
         "start_date": date.today().isoformat(),
         "end_date": (date.today() + timedelta(days=1000)).isoformat(),
         "intended_use": "量产", "message": "请考虑"}


def test_listing_through_the_form(client, db, login):
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    login(owner)
    assert client.get(f"/licensing/listings/new?patent={patent.id}").status_code == 200
    response = client.post("/licensing/listings/new", data={
        "patents": [patent.id], "title": "正极材料专利", "kinds": ["exclusive", "non_exclusive"],
        "royalty_kind": "running_percent", "running_rate": "3.5", "visibility": "public",
        "price_shown": "y"})
    assert response.status_code == 302
    listing = db.session.scalar(db.select(Listing))
    assert listing.status is ListingStatus.LISTED and listing.running_rate == 3.5
    assert client.get(f"/patents/{patent.id}").get_data(as_text=True).count("正极材料专利") >= 1


def test_a_listing_missing_its_rate_is_refused(client, db, login):
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    login(owner)
    response = client.post("/licensing/listings/new", data={
        "patents": [patent.id], "title": "x", "kinds": ["exclusive"],
        "royalty_kind": "running_percent", "visibility": "public"})
    assert response.status_code == 400
    assert db.session.query(Listing).count() == 0


def test_a_member_may_not_list(client, db, login):
    owner = OrgAdminFactory()
    login(UserFactory(organization=owner.organization))
    assert client.get("/licensing/listings/new").status_code == 403


def test_requesting_and_negotiating_through_the_pages(client, db, login):
    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner)])
    firm = OrgAdminFactory()
    login(firm)
    response = client.post(f"/licensing/listings/{listing.id}/request", data=TERMS)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    req = db.session.scalar(db.select(LicenceRequest))
    page = client.get(f"/licensing/requests/{req.id}").get_data(as_text=True)
    assert "请考虑" in page
    login(owner)
    assert client.post(f"/licensing/requests/{req.id}/counter",
                       data={**TERMS, "lump_sum": "300000", "message": "报价"}).status_code \
        == 302
    login(firm)
    assert client.post(f"/licensing/requests/{req.id}/accept").status_code == 302
    db.session.refresh(req)
    assert req.status is RequestStatus.LICENSED
    licence = db.session.scalar(db.select(Licence))
    assert client.get(f"/licensing/licences/{licence.id}").status_code == 200
    sheet = client.get(f"/licensing/licences/{licence.id}/registration.csv")
    assert sheet.data.startswith("\ufeff".encode()) and owner.organization.name_zh in \
        sheet.get_data(as_text=True)
    assert client.get("/licensing/licences/").status_code == 200


def test_a_second_overlapping_exclusive_acceptance_is_refused_with_the_reason(client, db,
                                                                               login):
    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner)])
    first, _ = make_request(listing)
    second, _ = make_request(listing)
    login(owner)
    assert client.post(f"/licensing/requests/{first.id}/accept").status_code == 302
    refused = client.post(f"/licensing/requests/{second.id}/accept")
    assert refused.status_code == 409
    assert first.licence.reference in refused.get_data(as_text=True)
    db.session.refresh(second)
    assert second.status is RequestStatus.SUBMITTED


def test_the_negotiation_is_private_to_the_parties(client, db, login):
    owner = OrgAdminFactory()
    req, firm = make_request(make_listing(owner, [make_patent(owner)]))
    login(OrgAdminFactory())
    assert client.get(f"/licensing/requests/{req.id}").status_code == 404
    login(UserFactory(organization=firm.organization))  # a colleague reads, cannot move
    assert client.get(f"/licensing/requests/{req.id}").status_code == 200
    assert client.post(f"/licensing/requests/{req.id}/withdraw").status_code == 403
    login(AdminFactory())
    assert client.get(f"/licensing/requests/{req.id}").status_code == 200


def test_a_bad_counter_offer_shows_the_form_again(client, db, login):
    owner = OrgAdminFactory()
    req, _firm = make_request(make_listing(owner, [make_patent(owner)]))
    login(owner)
    response = client.post(f"/licensing/requests/{req.id}/counter",
                           data={**TERMS, "end_date": "2001-01-01"})
    assert response.status_code == 400
    db.session.refresh(req)
    assert req.status is RequestStatus.SUBMITTED


def test_declaring_and_obtaining_an_open_licence_through_the_pages(client, db, login):
    owner = OrgAdminFactory()
    patent = make_patent(owner)
    login(owner)
    response = client.post(f"/licensing/patents/{patent.id}/open-licence", data={
        "fee_method": "按年支付", "fee_standard": "每年5万元", "royalty_kind": "lump_sum",
        "lump_sum": "50000", "term_start": date.today().isoformat(),
        "term_end": (date.today() + timedelta(days=700)).isoformat()})
    assert response.status_code == 302
    offer_url = response.headers["Location"]
    assert client.get(offer_url).status_code == 200
    firm = OrgAdminFactory()
    login(firm)
    assert client.get(offer_url + "/withdraw").status_code == 403
    assert client.get(offer_url + "/obtain").status_code == 200
    assert client.post(offer_url + "/obtain", data={"confirm": "yes"}).status_code == 302
    assert db.session.scalar(db.select(Licence)).licensee_id == firm.organization_id
    assert client.get("/licensing/open-licences/").status_code == 200
    assert client.get("/patents/?open_licence=1").get_data(as_text=True).count(
        patent.title) == 1


def test_recording_the_registration(client, db, login):
    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner)])
    req, firm = make_request(listing)
    from alliance.services.licence_requests import accept

    licence = accept(owner, req)
    db.session.commit()
    login(firm)
    url = f"/licensing/licences/{licence.id}"
    assert client.post(url, data={"number": "2026220000123",
                                  "registered_on": "2001-01-01"}).status_code == 400
    assert client.post(url, data={"number": "2026220000123",
                                  "registered_on": date.today().isoformat()}).status_code == 302
    db.session.refresh(licence)
    assert licence.registration_number == "2026220000123"


def test_pages_for_lists(client, db, login):
    owner = OrgAdminFactory()
    make_request(make_listing(owner, [make_patent(owner)]))
    assert client.get("/licensing/listings/").status_code == 200
    login(owner)
    assert "锂电池正极材料专利许可" in client.get("/licensing/requests/").get_data(as_text=True)


def test_the_owner_is_mailed_a_new_request_unless_they_opted_out(client, db, login, mailbox):
    from alliance.services import notifications

    owner = OrgAdminFactory(preferred_language="en")
    quiet = UserFactory(organization=owner.organization, role=owner.role)
    notifications.set_preferences(quiet, {"licence_request_submitted": False})
    listing = make_listing(owner, [make_patent(owner)])
    login(OrgAdminFactory())
    response = client.post(f"/licensing/listings/{listing.id}/request", data=TERMS)
    assert response.status_code == 302
    assert [m.recipients for m in mailbox.messages] == [[owner.email]]
    [mail] = mailbox.messages
    assert listing.title in mail.body and "/licensing/requests/" in mail.body
    assert notifications.unread_count(quiet) == 1  # still told on the platform
