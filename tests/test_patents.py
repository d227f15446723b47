"""Recording patents: derived dates, owners on the platform, tags, visibility, the pages."""

from datetime import date

import pytest

from alliance.models import AuditEvent, Patent, PatentStatus, TagSource
from alliance.patent_io.records import parse_patent
from alliance.services import ServiceError
from alliance.services.patents import save_patent, set_legal_details

from .factories import AdminFactory, OrgAdminFactory, OrganizationFactory, UserFactory
from .patent_helpers import app_number, make_patent


def test_a_patent_gets_its_derived_dates_owners_and_search_text(db):
    admin = OrgAdminFactory()
    patent = make_patent(admin)
    assert patent.expiry_date == date(2039, 3, 15)  # invention: 20 years from filing
    assert patent.owners[0].organization_id == admin.organization_id
    assert patent.owners[0].share == 100
    assert "锂电池正极" in patent.search_text and "h01m 4/13" in patent.search_text
    assert patent.is_published and patent.status is PatentStatus.GRANTED
    assert patent.next_annual_fee_date(date(2026, 3, 16)) == date(2027, 3, 15)


def test_a_design_filed_after_june_2021_runs_fifteen_years(db):
    admin = OrgAdminFactory()
    raw = {"application_number": app_number("3", 2022), "title": "汽车外观", "owners":
           admin.organization.name_zh, "filing_date": date(2022, 1, 5)}
    patent, _ = save_patent(admin, admin.organization, parse_patent(raw))
    assert patent.expiry_date == date(2037, 1, 5)


def test_a_text_about_batteries_is_tagged_for_new_energy_vehicles_or_materials(db):
    patent = make_patent(OrgAdminFactory(), abstract="本发明公开了一种锂离子动力电池正极材料")
    suggested = {t.alliance.code for t in patent.tags if t.source is TagSource.SUGGESTED}
    assert suggested & {"nev", "new-energy", "new-materials"}


def test_the_same_record_again_changes_nothing(db):
    admin = OrgAdminFactory()
    patent = make_patent(admin)
    events = db.session.query(AuditEvent).count()
    again, changed = save_patent(admin, admin.organization, _record_of(patent))
    assert (again.id, changed) == (patent.id, False)
    assert db.session.query(AuditEvent).count() == events


def _record_of(patent):
    from alliance.services.patents import record_of

    return record_of(patent)


def test_the_organisation_must_be_among_the_owners(db):
    admin = OrgAdminFactory()
    raw = {"application_number": app_number(), "title": "一种方法", "owners": "某外部公司"}
    with pytest.raises(ServiceError) as error:
        save_patent(admin, admin.organization, parse_patent(raw))
    assert error.value.field == "owners"


def test_a_number_recorded_by_another_owner_is_refused(db):
    first = make_patent(OrgAdminFactory())
    other = OrgAdminFactory()
    raw = {"application_number": first.application_number, "title": "抢注",
           "owners": other.organization.name_zh}
    with pytest.raises(ServiceError) as error:
        save_patent(other, other.organization, parse_patent(raw))
    assert error.value.status == 409


def test_co_owners_on_the_platform_are_linked_and_shares_kept(db):
    admin = OrgAdminFactory()
    partner = OrganizationFactory()
    patent = make_patent(admin, owners=f"{admin.organization.name_zh}:60;{partner.name_zh}:30;"
                                       "外部研究所:10")
    assert [o.organization_id for o in patent.owners] == [admin.organization_id, partner.id,
                                                         None]
    assert [o.share for o in patent.owners] == [60, 30, 10]


def test_only_an_invention_term_can_be_extended(db):
    admin = OrgAdminFactory()
    design = make_patent(admin, kind_digit="2", title="一种夹具", ipc="B25B 11/00")
    with pytest.raises(ServiceError):
        set_legal_details(admin, design, term_extension_days=30, fees_paid_until=None,
                          pledgee="", pledgee_consents=False, evaluation_report="")
    invention = make_patent(admin)
    set_legal_details(admin, invention, term_extension_days=100, fees_paid_until=None,
                      pledgee="", pledgee_consents=False, evaluation_report="")
    assert invention.expiry_date == date(2039, 6, 23)


def test_an_unpublished_application_is_seen_only_by_its_owners(client, db, login):
    admin = OrgAdminFactory()
    patent = make_patent(admin, published=False, granted=False)
    assert client.get(f"/patents/{patent.id}").status_code == 404
    login(OrgAdminFactory())
    assert client.get(f"/patents/{patent.id}").status_code == 404
    login(UserFactory(organization=admin.organization))
    assert client.get(f"/patents/{patent.id}").status_code == 200


def test_a_published_patent_is_public(client, db):
    patent = make_patent(OrgAdminFactory(), title="一种<script>alert(1)</script>电池")
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;电池" in page and "<script>alert" not in page


def _form(admin, **changes):
    data = {"application_number": "201710601862.3", "title": "一种图像识别方法",
            "kind": "", "status": "", "filing_date": "2017-07-26",
            "publication_date": "2018-01-05", "grant_date": "", "ipc": "G06V 10/82",
            "owners": admin.organization.name_zh, "inventors": "王五", "term_extension_days": "0"}
    data.update(changes)
    return data


def test_recording_through_the_form(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post("/patents/new", data=_form(admin))
    assert response.status_code == 302
    patent = db.session.scalar(db.select(Patent))
    assert patent.application_number == "201710601862.3"
    assert patent.status is PatentStatus.PENDING


@pytest.mark.parametrize("changes, field_text", [
    ({"application_number": "201710601862.4"}, "201710601862"),
    ({"kind": "design"}, ""),
    ({"ipc": "H01M10"}, "H01M10"),
    ({"owners": "吉林大学:60\n某公司:30"}, ""),
    ({"publication_date": "2016-01-01"}, ""),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, db, login, changes,
                                                                  field_text):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post("/patents/new", data=_form(admin, **changes))
    assert response.status_code == 400
    assert "invalid-feedback" in response.get_data(as_text=True)
    assert db.session.query(Patent).count() == 0


def test_a_member_cannot_record_and_another_admin_cannot_edit(client, db, login):
    admin = OrgAdminFactory()
    patent = make_patent(admin)
    login(UserFactory(organization=admin.organization))
    assert client.get("/patents/new").status_code == 403
    assert client.get(f"/patents/{patent.id}/edit").status_code == 403
    login(OrgAdminFactory())
    assert client.get(f"/patents/{patent.id}/edit").status_code == 404
    assert client.post(f"/patents/{patent.id}/delete", data={"confirm": "yes"}).status_code \
        == 403


def test_editing_keeps_the_number_and_audits(client, db, login):
    admin = OrgAdminFactory()
    patent = make_patent(admin)
    login(admin)
    page = client.get(f"/patents/{patent.id}/edit").get_data(as_text=True)
    assert patent.application_number in page
    data = _form(admin, application_number=patent.application_number, title="改进的标题",
                 grant_date="2021-05-07", publication_date="2019-09-20",
                 filing_date="2019-03-15", ipc="H01M 4/13")
    assert client.post(f"/patents/{patent.id}/edit", data=data).status_code == 302
    db.session.refresh(patent)
    assert patent.title == "改进的标题"
    assert db.session.query(AuditEvent).filter_by(action="patent.updated").count() == 1


def test_the_owner_confirms_the_alliances(client, db, login):
    from alliance.services.directory import alliance_by_code

    admin = OrgAdminFactory()
    patent = make_patent(admin)
    login(admin)
    nev = alliance_by_code("nev")
    assert client.post(f"/patents/{patent.id}/alliances",
                       data={"alliances": [nev.id]}).status_code == 302
    db.session.refresh(patent)
    assert patent.tags_confirmed and [t.alliance.code for t in patent.tags] == ["nev"]
    assert client.post(f"/patents/{patent.id}/alliances",
                       data={"alliances": [999999]}).status_code == 400


def test_deleting_asks_first(client, db, login):
    admin = OrgAdminFactory()
    patent_id = make_patent(admin).id
    login(admin)
    assert client.get(f"/patents/{patent_id}/delete").status_code == 200
    assert client.post(f"/patents/{patent_id}/delete").status_code == 400
    assert client.post(f"/patents/{patent_id}/delete", data={"confirm": "yes"}).status_code \
        == 302
    assert db.session.query(Patent).filter_by(id=patent_id).count() == 0


def test_a_platform_admin_may_edit(db):
    patent = make_patent(OrgAdminFactory())
    assert patent.can_edit(AdminFactory())


def test_an_inventor_is_linked_to_the_colleague_of_that_name(db):
    admin = OrgAdminFactory()
    colleague = UserFactory(organization=admin.organization, name="张三")
    UserFactory(organization=admin.organization, name="李四")
    UserFactory(organization=admin.organization, name="李四")  # two of them: left unlinked
    UserFactory(name="王五")  # someone elsewhere
    patent = make_patent(admin, inventors="张三;李四;王五")
    assert [i.user_id for i in patent.inventors] == [colleague.id, None, None]


def test_a_platform_admin_edits_for_the_first_owner_on_the_platform(client, db, login):
    admin = OrgAdminFactory()
    patent = make_patent(admin, owners=f"外部公司:50;{admin.organization.name_zh}:50")
    login(AdminFactory())
    data = _form(admin, application_number=patent.application_number, title="管理员修改",
                 owners=f"外部公司:50\n{admin.organization.name_zh}:50",
                 filing_date="2019-03-15", publication_date="2019-09-20")
    assert client.post(f"/patents/{patent.id}/edit", data=data).status_code == 302
    db.session.refresh(patent)
    assert patent.title == "管理员修改"
