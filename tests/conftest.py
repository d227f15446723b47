"""Fixtures: one migrated database per run (SQLite file, or TEST_DATABASE_URL), emptied after
each test; a client whose every request runs in its own app context, like a real server."""

from __future__ import annotations

import os

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from alliance import create_app
from alliance.extensions import cache, limiter
from alliance.extensions import db as _db

from . import factories

KEPT_TABLES = {"alliance", "alembic_version", "policy_rule"}


def _reset_postgres_schema(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class RequestContextClient(FlaskClient):
    """Each request gets a fresh app context (so a fresh db session and flask.g), then the
    test's own session is expired so it sees what the request committed."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        _db.session.expire_all()
        return response


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = database_url(tmp_path_factory)
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    if url.startswith("postgresql"):
        _reset_postgres_schema(url)
    app.test_client_class = RequestContextClient
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    yield app
    with app.app_context():
        for engine in _db.engines.values():
            engine.dispose()


def _empty_tables() -> None:
    tables = [t for t in _db.metadata.sorted_tables if t.name not in KEPT_TABLES]
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        _db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        _db.session.execute(text("UPDATE organization SET decided_by_id = NULL"))
        for table in reversed(tables):
            _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture(autouse=True)
def db(app):
    """The database, emptied (but for the ten alliances) after each test."""
    with app.app_context():
        limiter.reset()
        yield _db
        _db.session.rollback()
        _empty_tables()
        _db.session.remove()
        cache.clear()  # tables emptied under the cache: forget what it holds


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_enabled(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def login(client):
    """login(user) logs the test client in as ``user`` through the real form."""

    def _login(user, password: str = factories.PASSWORD):
        client.post("/auth/logout")  # whoever was logged in before
        response = client.post("/auth/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return _login


@pytest.fixture
def alliance(db):
    from alliance.services.directory import alliance_by_code

    return alliance_by_code("nev")


@pytest.fixture(scope="session")
def smtp_server():
    from .smtp import start

    controller = start()
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(app, smtp_server):
    """The app sends its mail by SMTP to a real local server (aiosmtpd); yields the server's
    collector of received messages."""
    from alliance.extensions import mail

    names = ("MAIL_SERVER", "MAIL_PORT", "MAIL_BACKEND")
    saved = {name: app.config.get(name) for name in names}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port, MAIL_BACKEND="smtp")
    mail.init_app(app)
    smtp_server.handler.clear()
    yield smtp_server.handler
    app.config.update(saved)
    mail.init_app(app)
