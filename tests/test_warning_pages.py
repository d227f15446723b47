"""The warnings pages: who sees and who acknowledges which warning, the home page's
section, and the IPC watch page (bad input: a message, 4xx, nothing changed)."""

import re
from datetime import date, timedelta

from sqlalchemy import select

from alliance.models import AuditEvent, EarlyWarning, IpcWatch, MembershipStatus, WarningKind
from alliance.models.types import utcnow

from .factories import (
    PASSWORD,
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    UserFactory,
    make_coordinator,
)


def _warning(db, org, kind=WarningKind.ANNUAL_FEE, days=5, **extra):
    extra.setdefault("params", {"number": "201910123456.7", "title": "一种锂电池正极材料"})
    row = EarlyWarning(kind=kind, subject_type="patent", subject_id=1,
                       due_date=date.today() + timedelta(days=days), organization_id=org.id,
                       **extra)
    db.session.add(row)
    db.session.commit()
    return row


def test_the_organisation_sees_its_warnings_grouped_with_their_dates(client, db, login):
    admin = OrgAdminFactory()
    _warning(db, admin.organization)
    _warning(db, admin.organization, WarningKind.REGISTRATION, days=-3)
    _warning(db, OrgAdminFactory().organization, params={"number": "X", "title": "别人的专利"})
    login(UserFactory(organization=admin.organization))  # a member sees them too
    text = client.get("/warnings/?lang=en").get_data(as_text=True)
    assert "201910123456.7" in text and "别人的专利" not in text
    assert "Annual fees due" in text and "备案 registration due" in text
    assert "In 5 days" in text and "Overdue by 3 days" in text
    assert text.index("Annual fees due") < text.index("备案 registration due")


def test_resolved_warnings_leave_the_page(client, db, login):
    admin = OrgAdminFactory()
    _warning(db, admin.organization, resolved_at=utcnow())
    login(admin)
    assert "201910123456.7" not in client.get("/warnings/").get_data(as_text=True)


def test_a_member_acknowledges_and_it_is_audited(client, db, login):
    admin = OrgAdminFactory()
    member = UserFactory(organization=admin.organization)
    row = _warning(db, admin.organization)
    login(member)
    response = client.post(f"/warnings/{row.id}/acknowledge?next=/warnings/")
    assert response.status_code == 302 and response.location.endswith("/warnings/")
    db.session.refresh(row)
    assert row.acknowledged_by_id == member.id and row.acknowledged_at is not None
    event = db.session.scalar(select(AuditEvent).filter_by(action="warning.acknowledged"))
    assert event.actor_id == member.id and event.object_id == row.id
    again = client.post(f"/warnings/{row.id}/acknowledge")
    assert again.status_code == 409
    text = client.get("/warnings/?lang=en").get_data(as_text=True)
    assert f"Acknowledged by {member.name}" in text


def test_another_organisation_cannot_acknowledge_or_see_it(client, db, login):
    row = _warning(db, OrgAdminFactory().organization)
    login(OrgAdminFactory())
    assert client.post(f"/warnings/{row.id}/acknowledge").status_code == 404
    db.session.refresh(row)
    assert row.acknowledged_at is None


def test_a_coordinator_reads_members_warnings_but_does_not_acknowledge_them(client, db,
                                                                           login, alliance):
    admin = OrgAdminFactory()
    MembershipFactory(organization=admin.organization, alliance=alliance,
                      status=MembershipStatus.ACTIVE)
    row = _warning(db, admin.organization)
    outsider_row = _warning(db, OrgAdminFactory().organization,
                            params={"number": "Y", "title": "非成员的专利"})
    coordinator = make_coordinator(alliance)
    login(coordinator)
    text = client.get(f"/warnings/alliances/{alliance.code}").get_data(as_text=True)
    assert "201910123456.7" in text and admin.organization.name_zh in text
    assert "非成员的专利" not in text and "Acknowledge" not in client.get(
        f"/warnings/alliances/{alliance.code}?lang=en").get_data(as_text=True)
    assert client.post(f"/warnings/{row.id}/acknowledge").status_code == 403
    assert client.post(f"/warnings/{outsider_row.id}/acknowledge").status_code == 404
    db.session.refresh(row)
    assert row.acknowledged_at is None
    home = client.get("/?lang=en").get_data(as_text=True)
    assert "Early warnings" in home and "201910123456.7" in home


def test_an_alliance_warning_is_acknowledged_by_its_coordinator(client, db, login, alliance):
    coordinator = make_coordinator(alliance)
    row = EarlyWarning(kind=WarningKind.IPC_WATCH, subject_type="patent", subject_id=3,
                       due_date=date.today(), alliance_id=alliance.id,
                       params={"number": "N", "title": "T", "subclass": "H01M", "owners": "O"})
    db.session.add(row)
    db.session.commit()
    login(OrgAdminFactory())
    assert client.post(f"/warnings/{row.id}/acknowledge").status_code == 404
    login(coordinator)
    assert client.post(f"/warnings/{row.id}/acknowledge").status_code == 302


def test_only_coordinators_open_an_alliance_page(client, db, login, alliance):
    login(OrgAdminFactory())
    assert client.get(f"/warnings/alliances/{alliance.code}").status_code == 403
    assert client.get(f"/warnings/alliances/{alliance.code}/watches").status_code == 403
    assert client.get("/warnings/alliances/nowhere").status_code == 404
    login(AdminFactory())
    assert client.get(f"/warnings/alliances/{alliance.code}").status_code == 200


def test_acknowledging_needs_the_csrf_token(client, db, csrf_enabled):
    admin = OrgAdminFactory()
    row = _warning(db, admin.organization)
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/auth/login", data={"email": admin.email, "password": PASSWORD,
                                     "csrf_token": token})
    assert client.post(f"/warnings/{row.id}/acknowledge").status_code == 400
    db.session.refresh(row)
    assert row.acknowledged_at is None
    page = client.get("/warnings/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/warnings/{row.id}/acknowledge", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.refresh(row)
    assert row.acknowledged_by_id == admin.id


def test_the_home_page_lists_open_warnings(client, db, login):
    admin = OrgAdminFactory()
    _warning(db, admin.organization)
    _warning(db, admin.organization, WarningKind.PATENT_EXPIRY,
             acknowledged_at=utcnow(), params={"number": "Z", "title": "已确认的专利"})
    login(admin)
    text = client.get("/?lang=en").get_data(as_text=True)
    assert "Early warnings" in text and "201910123456.7" in text
    assert "已确认的专利" not in text
    login(UserFactory())  # no organisation, coordinates nothing: no section
    assert "home-warnings" not in client.get("/").get_data(as_text=True)


def _watches(db):
    return [w.subclass for w in db.session.scalars(select(IpcWatch).order_by(IpcWatch.id))]


def test_adding_and_removing_a_watch(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    response = client.post("/warnings/watches", data={"subclass": " h01m "})
    assert response.status_code == 302 and _watches(db) == ["H01M"]
    assert db.session.scalar(select(AuditEvent).filter_by(action="ipc_watch.added"))
    text = client.get("/warnings/watches").get_data(as_text=True)
    assert "H01M" in text
    watch = db.session.scalar(select(IpcWatch))
    login(OrgAdminFactory())
    assert client.post(f"/warnings/watches/{watch.id}/remove").status_code == 404
    login(admin)
    assert client.post(f"/warnings/watches/{watch.id}/remove").status_code == 302
    assert _watches(db) == []
    assert db.session.scalar(select(AuditEvent).filter_by(action="ipc_watch.removed"))


def test_a_subclass_that_does_not_parse_changes_nothing(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    for bad in ("H01", "Z01M", "H01M 10/05", "电池", ""):
        response = client.post("/warnings/watches?lang=en", data={"subclass": bad})
        assert response.status_code == 400, bad
        text = response.get_data(as_text=True)
        assert "is-invalid" in text and ("H01M" in text), bad
    assert _watches(db) == []
    client.post("/warnings/watches", data={"subclass": "H01M"})
    duplicate = client.post("/warnings/watches?lang=en", data={"subclass": "h01m"})
    assert duplicate.status_code == 409 and "already watched" in duplicate.get_data(
        as_text=True)
    assert _watches(db) == ["H01M"]


def test_members_see_the_watches_and_only_admins_change_them(client, db, login):
    admin = OrgAdminFactory()
    login(admin)
    client.post("/warnings/watches", data={"subclass": "H01M"})
    login(UserFactory(organization=admin.organization))
    page = client.get("/warnings/watches?lang=en")
    assert page.status_code == 200 and "H01M" in page.get_data(as_text=True)
    assert 'name="subclass"' not in page.get_data(as_text=True)
    assert client.post("/warnings/watches", data={"subclass": "G06V"}).status_code == 403
    watch = db.session.scalar(select(IpcWatch))
    assert client.post(f"/warnings/watches/{watch.id}/remove").status_code == 403
    assert _watches(db) == ["H01M"]


def test_a_coordinator_manages_the_alliance_watches(client, db, login, alliance):
    login(make_coordinator(alliance))
    url = f"/warnings/alliances/{alliance.code}/watches"
    assert client.post(url, data={"subclass": "H01M"}).status_code == 302
    assert client.post(url, data={"subclass": "H1M"}).status_code == 400
    watch = db.session.scalar(select(IpcWatch))
    assert watch.alliance_id == alliance.id and watch.organization_id is None
    assert "H01M" in client.get(url).get_data(as_text=True)
    assert client.get(f"/warnings/alliances/{alliance.code}").status_code == 200


def test_pages_without_an_organisation(client, db, login):
    login(UserFactory())
    assert client.get("/warnings/").status_code == 200
    assert client.get("/warnings/watches").status_code == 404
