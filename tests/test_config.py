"""Settings come from the environment with safe defaults."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from alliance.config import build_config, load_secret_key, normalize_database_url


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_database_url_normalised(given, expected):
    assert normalize_database_url(given) == expected


def test_secret_key_generated_once_and_shared(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _: load_secret_key(tmp_path), range(16)))
    assert len(keys) == 1
    key = keys.pop()
    assert len(key) == 64
    assert load_secret_key(tmp_path) == key
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_secret_key_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert load_secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_environment_settings(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://x@y/z")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("SECRET_KEY", "k")
    config = build_config()
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://x@y/z"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"
    assert config["SESSION_COOKIE_SECURE"] is True


def test_defaults(monkeypatch):
    for name in ("DATABASE_URL", "REDIS_URL", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "k")
    config = build_config()
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["BABEL_DEFAULT_LOCALE"] == "zh_Hans_CN"
