"""Notifications: what people are told on the platform (list, unread count, marking read),
and which events also reach them by email, sent to a real local SMTP server (aiosmtpd)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event

from alliance.models import Notification, NotificationPreference, OrgStatus
from alliance.models.types import utcnow
from alliance.services import notifications
from alliance.services.notification_events import EVENTS, Event, _registry, in_languages

from .factories import (
    PASSWORD,
    AdminFactory,
    MembershipFactory,
    OrgAdminFactory,
    UserFactory,
    make_coordinator,
)
from .test_admin import decision


def page_text(response) -> str:
    return response.get_data(as_text=True)


def _notice(user, key="membership.requested", link=("orgs.index", {}), minutes_ago=0,
            read=False, **params):
    """A stored notification for ``user``."""
    from alliance.extensions import db

    created = utcnow() - timedelta(minutes=minutes_ago)
    row = Notification(user_id=user.id, event=key, params=params, link_endpoint=link[0],
                       link_values=link[1], created_at=created, read_at=created if read else None)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def generic_event(monkeypatch):
    """An event registered with one entry and no mail template of its own; its message is
    a string the catalogue already translates."""
    entry = Event("test.generic", "Generic test event", "Registration not approved: %(org)s",
                  email_by_default=False)
    monkeypatch.setitem(EVENTS, entry.key, entry)
    return entry


# Service ----------------------------------------------------------------------------------

def test_notify_creates_one_row_per_recipient(app, db, generic_event):
    first, second = UserFactory(), UserFactory()
    with app.test_request_context("/"):
        rows = notifications.notify([first, second, first], generic_event.key,
                                    notifications.link_to("alliances.requests", code="nev"),
                                    org={"zh_Hans_CN": "甲", "en": "A"}, alliance="X")
        db.session.commit()
        assert notifications.told() == [first, second]
    stored = db.session.scalars(db.select(Notification).order_by(Notification.user_id)).all()
    assert [n.id for n in rows] == [n.id for n in stored] and len(stored) == 2
    assert {n.user_id for n in stored} == {first.id, second.id}
    assert stored[0].params == {"org": {"zh_Hans_CN": "甲", "en": "A"}, "alliance": "X"}
    assert (stored[0].link_endpoint, stored[0].link_values) == ("alliances.requests",
                                                                {"code": "nev"})
    assert stored[0].read_at is None and stored[0].created_at.tzinfo is not None


def test_unknown_event_is_refused(app, db):
    with app.test_request_context("/"), pytest.raises(KeyError):
        notifications.notify([UserFactory()], "no.such.event", None)


def test_an_event_cannot_be_registered_twice():
    entry = Event("x", "x", "x")
    with pytest.raises(ValueError, match="twice"):
        _registry(entry, entry)


def test_unread_count_and_marking_read(app, db):
    me, other = UserFactory(), UserFactory()
    first = _notice(me)
    _notice(me)
    _notice(me, read=True)
    _notice(other)
    assert notifications.unread_count(me) == 2
    assert notifications.mark_read(me, first) is True
    assert notifications.mark_read(me, first) is False  # already read: nothing changes
    assert notifications.mark_read(other, _notice(me)) is False  # not theirs
    assert notifications.unread_count(me) == 2
    assert notifications.mark_all_read(me) == 2
    assert notifications.unread_count(me) == 0 and notifications.unread_count(other) == 1


def test_bilingual_names_are_kept_in_both_languages(app, db):
    org_admin = OrgAdminFactory(organization__name_zh="吉林某大学",
                                organization__name_en="Some Jilin University")
    with app.test_request_context("/"):
        assert in_languages(lambda: org_admin.organization.name) == {
            "zh_Hans_CN": "吉林某大学", "en": "Some Jilin University"}


# Pages ------------------------------------------------------------------------------------

def test_navigation_shows_the_unread_count_with_text_for_screen_readers(client, db, login):
    me = UserFactory()
    login(me)
    assert "unread notification" not in page_text(client.get("/?lang=en"))
    for _ in range(3):
        _notice(me)
    _notice(me, read=True)
    _notice(UserFactory())
    text = page_text(client.get("/?lang=en"))
    assert re.search(r'<span class="badge[^"]*" aria-hidden="true">3</span>', text)
    assert '<span class="visually-hidden">(3 unread notifications)</span>' in text


def test_unread_count_costs_one_query_per_page(client, db, login):
    me = UserFactory()
    login(me)
    for _ in range(5):
        _notice(me)
    statements = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", keep)
    try:
        assert client.get("/notifications/").status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", keep)
    counts = [s for s in statements if "count(" in s.lower() and "notification" in s]
    assert len(counts) == 2  # the badge (once, though the page asks twice) and the pager


def test_list_is_newest_first_paginated_and_shows_only_mine(client, db, login):
    me = UserFactory()
    for n in range(25):
        _notice(me, key="registration.rejected", minutes_ago=n, org=f"机构{n}", reason="r")
    _notice(UserFactory(), key="registration.rejected", org="别人的机构", reason="r")
    login(me)
    first = page_text(client.get("/notifications/?lang=en"))
    assert first.count('class="btn btn-link') == 20 and "别人的机构" not in first
    assert first.index("机构0 has") < first.index("机构1 has") < first.index("机构19 has")
    second = page_text(client.get("/notifications/?page=2&lang=en"))
    assert second.count('class="btn btn-link') == 5 and "机构24" in second
    assert "机构19 has" not in second


def test_unread_ones_are_marked(client, db, login):
    me = UserFactory()
    _notice(me, key="registration.approved", org="未读机构")
    _notice(me, key="registration.approved", org="已读机构", read=True, minutes_ago=1)
    login(me)
    text = page_text(client.get("/notifications/?lang=en"))
    unread_item, read_item = text.split("未读机构")[0], text.split("未读机构")[1]
    assert "notification-unread" in unread_item.rsplit("<li", 1)[1]
    assert ">Unread</span>" in unread_item.rsplit("<li", 1)[1]
    assert "notification-unread" not in read_item.split("已读机构")[0].rsplit("<li", 1)[1]


def test_opening_marks_read_and_goes_to_the_object(client, db, login):
    me = OrgAdminFactory()
    row = _notice(me, link=("orgs.detail", {"org_id": me.organization_id}))
    login(me)
    response = client.post(f"/notifications/{row.id}/read")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organisations/{me.organization_id}"
    assert db.session.get(Notification, row.id).read_at is not None


def test_a_link_that_no_longer_builds_leads_to_the_list(client, db, login):
    me = UserFactory()
    row = _notice(me, link=("gone.endpoint", {"x": 1}))
    login(me)
    response = client.post(f"/notifications/{row.id}/read")
    assert response.headers["Location"] == "/notifications/"


def test_opening_needs_the_csrf_token(client, db, login, csrf_enabled):
    me = UserFactory()
    row = _notice(me)
    login_page = page_text(client.get("/auth/login"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/auth/login", data={"email": me.email, "password": PASSWORD,
                                     "csrf_token": token})
    assert client.post(f"/notifications/{row.id}/read").status_code == 400
    assert db.session.get(Notification, row.id).read_at is None
    listing = page_text(client.get("/notifications/"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', listing).group(1)
    response = client.post(f"/notifications/{row.id}/read", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.get(Notification, row.id).read_at is not None


def test_another_users_notification_is_not_found(client, db, login):
    theirs = _notice(UserFactory())
    login(UserFactory())
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    assert client.post("/notifications/2000000000/read").status_code == 404
    assert db.session.get(Notification, theirs.id).read_at is None


def test_mark_all_read_marks_only_mine(client, db, login):
    me, other = UserFactory(), UserFactory()
    mine = [_notice(me), _notice(me)]
    theirs = _notice(other)
    login(me)
    response = client.post("/notifications/read-all", follow_redirects=True)
    assert response.status_code == 200
    assert all(db.session.get(Notification, n.id).read_at for n in mine)
    assert db.session.get(Notification, theirs.id).read_at is None


def test_pages_need_login(client, db):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/preferences").status_code == 302
    assert client.post("/notifications/read-all").status_code == 302


def test_names_are_escaped_in_the_list(client, db, login):
    me = UserFactory()
    _notice(me, key="registration.rejected", org="<script>alert(1)</script>",
            reason="<b>bold</b>")
    login(me)
    text = page_text(client.get("/notifications/"))
    assert "<script>alert(1)</script>" not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_messages_render_in_the_readers_current_language(client, db, login, generic_event):
    me = UserFactory()
    _notice(me, key=generic_event.key, org={"zh_Hans_CN": "吉林某大学", "en": "Jilin U."})
    login(me)
    chinese = page_text(client.get("/notifications/?lang=zh_Hans_CN"))
    assert "注册未获批准：吉林某大学" in chinese and "Jilin U." not in chinese
    english = page_text(client.get("/notifications/?lang=en"))
    assert "Registration not approved: Jilin U." in english and "吉林某大学" not in english


# Email preferences ------------------------------------------------------------------------

def test_preferences_page_has_a_checkbox_per_event(client, db, login):
    login(UserFactory())
    text = page_text(client.get("/notifications/preferences?lang=en"))
    assert text.count('type="checkbox"') == len(EVENTS)
    assert text.count("checked") == sum(e.email_by_default for e in EVENTS.values())
    assert "My organisation's join request is approved</label>" in text


def test_preferences_are_saved_and_read_back(client, db, login):
    me = UserFactory()
    login(me)
    kept = {"email_membership_requested": "y", "email_registration_approved": "y"}
    response = client.post("/notifications/preferences", data=kept)
    assert response.status_code == 302
    chosen = notifications.preferences_of(me)
    assert chosen["membership.requested"] and chosen["registration.approved"]
    assert not chosen["membership.rejected"] and not chosen["registration.rejected"]
    assert db.session.scalar(db.select(db.func.count()).select_from(
        NotificationPreference)) == len(EVENTS)
    client.post("/notifications/preferences", data={})  # every box cleared
    assert not any(notifications.preferences_of(me).values())


def test_set_preferences_ignores_unknown_events(app, db):
    me = UserFactory()
    assert notifications.set_preferences(me, {"no.such": True, "membership.approved": False}) \
        == ["membership.approved"]
    assert notifications.preferences_of(me)["membership.approved"] is False


def test_simultaneous_first_saves_keep_one_row_per_event(app, db):
    from alliance.extensions import db as session_db
    from alliance.models import User
    from alliance.services import Conflict

    from .test_concurrency import run_concurrently

    me = UserFactory()

    def save():
        person = session_db.session.get(User, me.id)
        return notifications.set_preferences(person, {"membership.approved": False})

    results = run_concurrently(app, save)
    assert all(isinstance(r, list | Conflict) for r in results), results
    assert db.session.scalar(db.select(db.func.count()).select_from(
        NotificationPreference)) == 1
    assert notifications.preferences_of(me)["membership.approved"] is False


def test_email_follows_each_recipients_preference(app, db, mailbox):
    wants, declined = UserFactory(), UserFactory()
    notifications.set_preferences(declined, {"membership.approved": False})
    db.session.commit()
    with app.test_request_context("/"):
        notifications.notify([wants, declined], "membership.approved", None,
                             mail_context={"membership": MembershipFactory(
                                 alliance=_nev())}, org="甲", alliance="乙")
        db.session.commit()
    assert [m.recipients for m in mailbox.messages] == [[wants.email]]
    assert notifications.unread_count(declined) == 1  # still told on the platform


def test_event_off_by_default_mails_only_who_asked(app, db, mailbox, generic_event):
    default, asked = UserFactory(), UserFactory(preferred_language="en")
    notifications.set_preferences(asked, {generic_event.key: True})
    db.session.commit()
    with app.test_request_context("/"):
        notifications.notify([default, asked], generic_event.key,
                             notifications.link_to("notifications.index"),
                             org={"zh_Hans_CN": "某所", "en": "Some Institute"})
        db.session.commit()
    [mail] = mailbox.messages
    assert mail.recipients == [asked.email]
    assert mail.subject == "Registration not approved: Some Institute"  # generic template
    assert "http://localhost/notifications/" in mail.body


def test_nothing_is_told_when_the_change_is_rolled_back(app, db, mailbox):
    person = UserFactory()
    with app.test_request_context("/"):
        notifications.notify([person], "membership.requested", None, org="甲", alliance="乙",
                             mail_context={"membership": MembershipFactory(alliance=_nev()),
                                           "office": False})
        db.session.rollback()
        db.session.commit()
    assert notifications.unread_count(person) == 0 and mailbox.messages == []


def _nev():
    from alliance.services.directory import alliance_by_code

    return alliance_by_code("nev")


# The platform's decisions -----------------------------------------------------------------

def test_registration_decision_is_told_in_app(client, db, login, mailbox):
    applicant = OrgAdminFactory(organization__status=OrgStatus.PENDING,
                                organization__name_zh="长春某研究所",
                                organization__name_en="Changchun Institute")
    login(AdminFactory())
    client.post(f"/admin/organisations/{applicant.organization_id}/decide",
                data=decision(applicant.organization, {"reject": "y", "reason": "材料不全"}))
    [row] = db.session.scalars(db.select(Notification)).all()
    assert (row.user_id, row.event) == (applicant.id, "registration.rejected")
    assert row.params["org"] == {"zh_Hans_CN": "长春某研究所", "en": "Changchun Institute"}
    assert len(mailbox.to(applicant.email)) == 1
    client.post("/auth/logout")
    login(applicant)
    english = page_text(client.get("/notifications/?lang=en"))
    assert "The registration of Changchun Institute has not been approved: 材料不全" in english
    chinese = page_text(client.get("/notifications/?lang=zh_Hans_CN"))
    assert "长春某研究所" in chinese and "Changchun Institute" not in chinese
    response = client.post(f"/notifications/{row.id}/read")
    assert response.headers["Location"] == f"/organisations/{applicant.organization_id}"


def test_join_request_and_its_decision_are_told_in_app(client, db, login, alliance):
    coordinator = make_coordinator(alliance)
    org_admin = OrgAdminFactory(organization__name_zh="吉林某企业")
    login(org_admin)
    client.post("/alliances/nev/join", data={"role": "member"})
    [filed] = db.session.scalars(db.select(Notification)).all()
    assert (filed.user_id, filed.event) == (coordinator.id, "membership.requested")
    assert filed.link_endpoint == "alliances.requests"
    client.post("/auth/logout")
    login(coordinator)
    assert "(1 unread notification)" in page_text(client.get("/?lang=en"))
    membership_id = filed.params["membership_id"]
    client.post(f"/alliances/memberships/{membership_id}/decide", data={"approve": "y"})
    decided = db.session.scalars(db.select(Notification).where(
        Notification.user_id == org_admin.id)).all()
    assert [(n.event, n.link_values) for n in decided] == [("membership.approved",
                                                            {"code": "nev"})]


def test_decider_hears_who_was_told_on_the_platform_only(client, db, login, alliance,
                                                         mailbox):
    org_admin = OrgAdminFactory()
    notifications.set_preferences(org_admin, {"membership.rejected": False})
    db.session.commit()
    membership = MembershipFactory(alliance=alliance, organization=org_admin.organization)
    login(make_coordinator(alliance))
    response = client.post(f"/alliances/memberships/{membership.id}/decide?lang=en",
                           data={"reject": "y", "reason": "不符"}, follow_redirects=True)
    assert mailbox.messages == []
    text = page_text(response)
    assert f"not by email (as they chose): {org_admin.name}." in text
    assert "no active administrator" not in text
    assert notifications.unread_count(org_admin) == 1
