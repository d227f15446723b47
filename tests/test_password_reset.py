"""A forgotten password is replaced through a signed, expiring, single-use link sent by mail
(to a real local SMTP server)."""

import time

import itsdangerous.timed

from alliance.models import AuditEvent, User

from .factories import PASSWORD, UserFactory

NEW_PASSWORD = "a-brand-new-password"


def path_of(link: str) -> str:
    return link.replace("http://localhost", "")


def ask_for_link(client, email: str):
    return client.post("/auth/forgot-password", data={"email": email}, follow_redirects=True)


def reset_link(client, mailbox, user) -> str:
    ask_for_link(client, user.email)
    [mail] = mailbox.to(user.email)
    return path_of(mail.link("/auth/reset-password/"))


def test_login_page_links_to_reset(client, db):
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'href="/auth/forgot-password"' in page and "忘记密码？" in page
    form = client.get("/auth/forgot-password")
    assert form.status_code == 200 and 'name="email"' in form.get_data(as_text=True)


def test_reset_journey_end_to_end(client, db, mailbox):
    user = UserFactory(email="wang@example.org", name="王老师")
    response = ask_for_link(client, "Wang@Example.org")
    assert response.status_code == 200
    assert "设置新密码的链接已发送至该邮箱" in response.get_data(as_text=True)
    [mail] = mailbox.to("wang@example.org")
    assert mail.subject == "设置新密码"
    assert "王老师，您好" in mail.body and "60分钟内有效" in mail.body
    link = path_of(mail.link("/auth/reset-password/"))

    form = client.get(link)
    assert form.status_code == 200 and "wang@example.org" in form.get_data(as_text=True)
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                       follow_redirects=True)
    assert done.status_code == 200 and "新密码已设置" in done.get_data(as_text=True)

    assert client.post("/auth/login", data={"email": user.email,
                                            "password": PASSWORD}).status_code == 401
    assert client.post("/auth/login", data={"email": user.email,
                                            "password": NEW_PASSWORD}).status_code == 302
    client.post("/auth/logout")

    again = client.get(link)
    assert again.status_code == 410
    assert "该链接已被使用" in again.get_data(as_text=True)
    assert client.post(link, data={"password": "yet-another-password",
                                   "confirm": "yet-another-password"}).status_code == 410
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.password_reset"))
    assert event.object_id == user.id and event.actor_id == user.id


def test_unknown_address_gets_the_same_answer_and_no_mail(client, db, mailbox):
    UserFactory(email="known@example.org")
    known = ask_for_link(client, "known@example.org").get_data(as_text=True)
    unknown = ask_for_link(client, "unknown@example.org").get_data(as_text=True)
    assert [m.recipients for m in mailbox.messages] == [["known@example.org"]]
    assert unknown.replace("unknown@example.org", "X") == known.replace("known@example.org", "X")


def test_deactivated_account_gets_no_link(client, db, mailbox):
    UserFactory(email="gone@example.org", active=False)
    response = ask_for_link(client, "gone@example.org")
    assert "如gone@example.org已注册账号" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_expired_link_is_refused_with_a_clear_message(client, db, mailbox, monkeypatch):
    user = UserFactory()
    real = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                        lambda self: int(time.time()) - 61 * 60)
    link = reset_link(client, mailbox, user)
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", real)
    response = client.get(link)
    assert response.status_code == 410
    assert "该链接已过期，请在下方重新申请。" in response.get_data(as_text=True)
    assert 'action="/auth/forgot-password"' in response.get_data(as_text=True)
    posted = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert posted.status_code == 410
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_forged_or_damaged_link_is_refused(client, db, mailbox):
    user = UserFactory()
    link = reset_link(client, mailbox, user)
    response = client.get(link[:-3] + "abc")
    assert response.status_code == 400
    assert "该链接无效" in response.get_data(as_text=True)
    assert client.get("/auth/reset-password/" + "x" * 600).status_code == 404


def test_token_signed_with_another_key_is_refused(app, client, db):
    from itsdangerous import URLSafeTimedSerializer

    from alliance.services.passwords import SALT, _fingerprint

    user = UserFactory()
    forged = URLSafeTimedSerializer("another-key", salt=SALT).dumps(
        {"user": user.id, "hash": _fingerprint(user.password_hash)})
    assert client.get(f"/auth/reset-password/{forged}").status_code == 400


def test_link_dies_when_the_password_changes_otherwise(client, db, mailbox, login):
    user = UserFactory()
    link = reset_link(client, mailbox, user)
    login(user)
    client.post("/auth/password", data={"current": PASSWORD, "password": NEW_PASSWORD,
                                        "confirm": NEW_PASSWORD})
    client.post("/auth/logout")
    assert client.get(link).status_code == 410


def test_new_password_follows_the_registration_rules(client, db, mailbox):
    user = UserFactory()
    link = reset_link(client, mailbox, user)
    short = client.post(link, data={"password": "short", "confirm": "short"})
    assert short.status_code == 400 and "至少" in short.get_data(as_text=True)
    differ = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert differ.status_code == 400
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
    assert client.get(link).status_code == 200  # still usable after refused attempts


def test_reset_ends_other_sessions(app, client, db, mailbox, login):
    user = UserFactory()
    login(user)
    assert client.get("/auth/password").status_code == 200
    other = app.test_client()
    other.post("/auth/forgot-password", data={"email": user.email})
    link = path_of(mailbox.to(user.email)[0].link("/auth/reset-password/"))
    assert other.post(link, data={"password": NEW_PASSWORD,
                                  "confirm": NEW_PASSWORD}).status_code == 302
    assert client.get("/auth/password").status_code == 302  # sent to log in again


def test_reset_request_is_rate_limited_per_client_and_per_address(app, client, db, mailbox):
    UserFactory(email="target@example.org")
    app.config["PASSWORD_RESET_EMAIL_LIMIT"] = "2 per hour"
    try:
        for _ in range(2):
            assert client.post("/auth/forgot-password",
                               data={"email": "target@example.org"}).status_code == 302
        blocked = client.post("/auth/forgot-password", data={"email": "TARGET@example.org"})
        assert blocked.status_code == 429
        assert len(mailbox.to("target@example.org")) == 2
        # every post counts against the client address (5 per minute by default)
        statuses = [client.post("/auth/forgot-password",
                                data={"email": f"n{i}@example.org"}).status_code
                    for i in range(3)]
        assert statuses == [302, 302, 429]
    finally:
        app.config["PASSWORD_RESET_EMAIL_LIMIT"] = "3 per hour"


def test_bad_email_is_refused_next_to_the_field(client, db, mailbox):
    response = client.post("/auth/forgot-password", data={"email": "not-an-email"})
    assert response.status_code == 400
    assert "is-invalid" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_logged_in_user_is_sent_to_change_password(client, db, login):
    login(UserFactory())
    response = client.get("/auth/forgot-password")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/password")


def test_two_uses_of_one_link_at_once_set_one_password(app, db):
    from alliance.services import ServiceError
    from alliance.services.passwords import make_token, reset_password

    from .test_concurrency import run_concurrently

    user = UserFactory()
    token = make_token(user)
    passwords = iter(["first-new-password", "second-new-password"])

    def use():
        return reset_password(token, next(passwords)).id

    results = run_concurrently(app, use)
    assert sum(isinstance(r, int) for r in results) == 1
    assert [r.status for r in results if isinstance(r, ServiceError)] == [410]
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert sum(stored.check_password(p) for p in ("first-new-password",
                                                  "second-new-password")) == 1
