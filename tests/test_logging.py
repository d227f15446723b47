"""Logging: one line per request with its id, one traceback per unhandled error, the id on
the error page; error answers keep their headers."""

import logging

import pytest

from alliance import create_app

from .factories import UserFactory


@pytest.fixture
def fresh_app(tmp_path):
    """An app of its own, so the test can add a failing route before its first request."""
    app = create_app({"TESTING": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
                      "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "LOG_LEVEL": "INFO"})

    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    return app


def test_each_request_logs_one_line_with_method_path_status_time_and_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="alliance.requests"):
        response = client.get("/alliances/", headers={"X-Request-ID": "proxy-id-12345"})
    assert response.headers["X-Request-ID"] == "proxy-id-12345"
    [line] = [r.getMessage() for r in caplog.records if r.name == "alliance.requests"]
    method, path, status, elapsed, rid = line.split()
    assert (method, path, status, rid) == ("GET", "/alliances/", "200", "id=proxy-id-12345")
    assert elapsed.endswith("ms") and float(elapsed[:-2]) >= 0


def test_unsafe_incoming_ids_are_replaced(client):
    for bad in ("short", "x" * 65, "has space in it", "semi;colon;value", "é-accented-id"):
        given = client.get("/", headers={"X-Request-ID": bad})
        assert given.headers["X-Request-ID"] != bad
        assert len(given.headers["X-Request-ID"]) == 16
    first, second = client.get("/"), client.get("/")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_unhandled_error_logged_once_and_id_on_the_page(fresh_app, caplog):
    client = fresh_app.test_client()
    with caplog.at_level(logging.INFO):
        response = client.get("/boom", headers={"X-Request-ID": "trace-me-0001"})
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "trace-me-0001" in page and "服务器" in page  # translated error page with the id
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert len(tracebacks) == 1
    assert "kaboom" in str(tracebacks[0].exc_info[1])
    assert getattr(tracebacks[0], "request_id", None) == "trace-me-0001"


def test_405_says_which_methods_are_allowed(client):
    response = client.get("/language")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"POST"}
    assert "GET" not in response.headers["Allow"].split(", ")
    json_answer = client.put("/api/alliances")
    assert json_answer.status_code == 405 and "GET" in json_answer.headers["Allow"]
    assert json_answer.json["status"] == 405


@pytest.mark.parametrize("target", [
    "/%0d%0aSet-Cookie:%20x=1", "/orgs%0aLocation:%20https://evil.example",
    "/%09/evil.example", "/\x7f", "//evil.example", "/\\evil.example",
])
def test_control_characters_in_next_fall_back_to_a_local_page(client, db, target):
    language = client.post(f"/language?next={target}", data={"language": "en"})
    assert language.status_code == 302
    assert language.headers["Location"] == "/"
    user = UserFactory()
    login = client.post(f"/auth/login?next={target}",
                        data={"email": user.email, "password": "correct-horse-battery"})
    assert login.status_code == 302 and login.headers["Location"] == "/"


def test_a_plain_local_next_is_kept(client, db):
    response = client.post("/language?next=/alliances/nev%3Fq%3D%E5%A4%A7", data={
        "language": "en"})
    assert response.headers["Location"] == "/alliances/nev?q=%E5%A4%A7"
