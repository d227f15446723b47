"""Server-side sessions, and password-guess limits that hold in parallel and across workers."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from limits.storage import storage_from_string
from werkzeug.serving import make_server

from alliance.extensions import limiter
from alliance.models import AuditEvent, User, UserSession

from .factories import PASSWORD, AdminFactory, OrgAdminFactory, UserFactory

REDIS_URL = "redis://127.0.0.1:6379/9"

DEACTIVATE = {"active": "0", "confirm": "yes"}
DEMOTE = {"role": "member", "confirm": "yes"}


def _copy_cookie(app, client):
    """A second browser holding a copy of ``client``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _logged_in(client) -> bool:
    return client.get("/auth/password").status_code == 200


def test_a_copied_cookie_stops_working_after_logout(app, client, db, login):
    login(UserFactory())
    thief = _copy_cookie(app, client)
    assert _logged_in(thief)
    assert client.post("/auth/logout").status_code == 302
    assert not _logged_in(thief) and not _logged_in(client)
    assert db.session.scalar(db.select(UserSession)).ended_at is not None


def test_password_change_ends_the_other_sessions_and_keeps_this_one(app, client, db, login):
    user = UserFactory()
    login(user)
    other = app.test_client()
    assert other.post("/auth/login", data={"email": user.email,
                                           "password": PASSWORD}).status_code == 302
    response = client.post("/auth/password", data={
        "current": PASSWORD, "password": "a-brand-new-password",
        "confirm": "a-brand-new-password"})
    assert response.status_code == 302
    assert _logged_in(client) and not _logged_in(other)
    live = db.session.scalars(db.select(UserSession).filter_by(ended_at=None)).all()
    assert len(live) == 1


def test_deactivation_ends_every_session(app, client, db, login):
    person = UserFactory()
    browser = app.test_client()
    browser.post("/auth/login", data={"email": person.email, "password": PASSWORD})
    assert _logged_in(browser)
    login(AdminFactory())
    assert client.post(f"/admin/users/{person.id}/active", data=DEACTIVATE).status_code \
        == 302
    assert not _logged_in(browser)
    assert db.session.scalar(db.select(UserSession).filter_by(user_id=person.id)).ended_at


def test_a_user_sees_and_ends_their_other_sessions(app, client, db, login):
    user = UserFactory()
    login(user)
    laptop = app.test_client()
    laptop.post("/auth/login", data={"email": user.email, "password": PASSWORD},
                headers={"User-Agent": "Laptop Browser 1.0"})
    page = client.get("/auth/sessions").get_data(as_text=True)
    assert "Laptop Browser 1.0" in page and "当前会话" in page
    laptop_session = db.session.scalar(db.select(UserSession).filter_by(
        user_agent="Laptop Browser 1.0"))
    assert client.post(f"/auth/sessions/{laptop_session.id}/end").status_code == 302
    assert not _logged_in(laptop) and _logged_in(client)
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="user.session_ended"))
    assert event.actor_id == user.id


def test_another_users_session_is_404(app, client, db, login):
    victim = UserFactory()
    victims_browser = app.test_client()
    victims_browser.post("/auth/login", data={"email": victim.email, "password": PASSWORD})
    target = db.session.scalar(db.select(UserSession).filter_by(user_id=victim.id))
    login(UserFactory())
    assert client.post(f"/auth/sessions/{target.id}/end").status_code == 404
    assert client.post("/auth/sessions/999999/end").status_code == 404
    assert _logged_in(victims_browser)


def test_new_password_equal_to_the_old_is_refused_next_to_its_field(client, db, login):
    login(UserFactory())
    response = client.post("/auth/password", data={
        "current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "新密码不能与当前密码相同。" in page
    field = page[page.index('name="password"'):]
    assert field.index("新密码不能与当前密码相同。") < field.index('name="confirm"')


def test_wrong_current_passwords_are_limited(app, client, db, login, monkeypatch):
    user = UserFactory()
    login(user)
    checks = _count_password_checks(monkeypatch)
    limit = int(app.config["PASSWORD_CHANGE_LIMIT"].split()[0])
    codes = [client.post("/auth/password", data={
        "current": f"guess-{n}-wrong", "password": "a-brand-new-password",
        "confirm": "a-brand-new-password"}).status_code for n in range(limit + 5)]
    assert codes[:limit] == [400] * limit and set(codes[limit:]) == {429}
    assert checks["n"] == limit
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def _count_password_checks(monkeypatch):
    checks = {"n": 0}
    lock = threading.Lock()
    real = User.check_password

    def counting(self, password):
        with lock:
            checks["n"] += 1
        return real(self, password)

    monkeypatch.setattr(User, "check_password", counting)
    return checks


@pytest.fixture
def shared_limits(monkeypatch):
    """The limiter's counts in a real Redis (database 9), as several workers share them."""
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    connection.flushdb()
    monkeypatch.setattr(limiter, "_storage", storage_from_string(REDIS_URL))
    yield
    connection.flushdb()


@pytest.fixture
def server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def _post_login(base: str, email: str, password: str) -> int:
    body = urllib.parse.urlencode({"email": email, "password": password}).encode()
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(base + "/auth/login", data=body, timeout=20).status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_parallel_guesses_are_checked_at_most_limit_times(app, db, shared_limits, server,
                                                          monkeypatch):
    email = UserFactory().email
    checks = _count_password_checks(monkeypatch)
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(lambda n: _post_login(server, email, f"wrong-{n}"),
                              range(60)))
    assert checks["n"] <= limit
    assert codes.count(401) == checks["n"] and codes.count(429) == 60 - checks["n"]


def test_sequential_guesses_are_limited_and_a_right_password_still_works(
        app, db, shared_limits, server, monkeypatch):
    user = UserFactory()
    checks = _count_password_checks(monkeypatch)
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    assert [_post_login(server, user.email, "wrong") for _ in range(3)] == [401] * 3
    assert _post_login(server, user.email, PASSWORD) == 302  # gives its own count back
    codes = [_post_login(server, user.email, "wrong") for _ in range(limit)]
    assert codes[:limit - 3] == [401] * (limit - 3) and set(codes[limit - 3:]) == {429}
    assert checks["n"] == limit + 1


def test_guesses_at_one_account_from_many_addresses_are_limited(app, client, db,
                                                                monkeypatch):
    user = OrgAdminFactory()
    checks = _count_password_checks(monkeypatch)
    account_limit = int(app.config["LOGIN_ACCOUNT_LIMIT"].split()[0])
    codes = [client.post("/auth/login", data={"email": user.email, "password": "wrong"},
                         environ_base={"REMOTE_ADDR": f"10.0.{n // 200}.{n % 200}"}).status_code
             for n in range(account_limit + 3)]
    assert codes[-1] == 429 and checks["n"] == account_limit


def test_check_redis_command(app):
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["check-redis", "--url", REDIS_URL])
    assert ok.exit_code == 0, ok.output
    down = runner.invoke(args=["check-redis", "--url", "redis://127.0.0.1:1/0"])
    assert down.exit_code != 0 and "Redis" in down.output


def test_an_unreachable_counter_pauses_logins_instead_of_guessing(client, db, monkeypatch):
    user = UserFactory()
    monkeypatch.setattr(limiter, "_storage", storage_from_string("redis://127.0.0.1:1/0"))
    checks = _count_password_checks(monkeypatch)
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 503
    assert "暂停" in response.get_data(as_text=True)
    assert checks["n"] == 0
