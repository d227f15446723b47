"""Every setting comes from the environment, with safe defaults."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance"))

LANGUAGES = {"zh_Hans_CN": "中文", "en": "English"}
DEFAULT_LOCALE = "zh_Hans_CN"


def normalize_database_url(url: str) -> str:
    """Point ``postgres://`` and ``postgresql://`` URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'alliance.db'}"


def load_secret_key(instance_dir: Path = INSTANCE_DIR) -> str:
    """Return SECRET_KEY from the environment, else from a file generated once under instance/.

    The file is shared by every worker process, so sessions survive any number of workers.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        # Write a complete file under a private name, then link it into place: link() fails
        # if another worker won the race, and nobody ever reads a half-written key.
        draft = instance_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            with contextlib.suppress(FileExistsError):  # another worker's key is in place
                os.link(draft, path)
        finally:
            draft.unlink()
    return path.read_text().strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def warning_settings() -> dict:
    """Early-warning thresholds (days, or months for patent expiry); the defaults are in
    alliance/warning_rules.py."""
    from .warning_rules import DEFAULTS

    return {name: int(os.environ.get(name, str(default))) for name, default in DEFAULTS.items()}


def mail_settings() -> dict:
    """Flask-Mailman's settings. With MAIL_SERVER set, mail goes out by SMTP; without it
    each message is written to the log (the backend is chosen in the app factory)."""
    return {
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "no-reply@localhost"),
        "MAIL_TIMEOUT": int(os.environ.get("MAIL_TIMEOUT", "10")),
    }


def build_config() -> dict:
    """Read the environment now (not at import time) and return the app's settings."""
    redis_url = os.environ.get("REDIS_URL") or None
    database_url = normalize_database_url(os.environ.get("DATABASE_URL") or _default_database_url())
    return {
        "SECRET_KEY": load_secret_key(),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # a server's connections can die between requests; an SQLite file's cannot, and
        # the ping would cost every request a query
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": not database_url.startswith("sqlite")},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # several workers must share the counts: no silent per-worker memory when Redis fails
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": redis_url is None,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "LOGIN_ATTEMPT_CEILING": os.environ.get("LOGIN_ATTEMPT_CEILING", "60 per minute"),
        "LOGIN_ACCOUNT_LIMIT": os.environ.get("LOGIN_ACCOUNT_LIMIT", "20 per hour"),
        "PASSWORD_CHANGE_LIMIT": os.environ.get("PASSWORD_CHANGE_LIMIT", "5 per 15 minutes"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE"),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": DEFAULT_LOCALE,
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("DISPLAY_TIMEZONE", "Asia/Shanghai"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": LANGUAGES,
        "BOOTSTRAP_SERVE_LOCAL": True,
        "TRUSTED_PROXY_COUNT": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("SESSION_LIFETIME_SECONDS",
                                                         str(12 * 3600))),
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS", "14")),
        "PASSWORD_RESET_MINUTES": int(os.environ.get("PASSWORD_RESET_MINUTES", "60")),
        "PASSWORD_RESET_RATE_LIMIT": os.environ.get("PASSWORD_RESET_RATE_LIMIT",
                                                    "5 per minute"),
        "PASSWORD_RESET_EMAIL_LIMIT": os.environ.get("PASSWORD_RESET_EMAIL_LIMIT",
                                                     "3 per hour"),
        **mail_settings(),
        # a patent file of 20,000 rows is a few megabytes; other forms are far smaller
        "MAX_UPLOAD_BYTES": int(os.environ.get("MAX_UPLOAD_MB", "10")) * 1024 * 1024,
        "MAX_CONTENT_LENGTH": (int(os.environ.get("MAX_UPLOAD_MB", "10")) + 1) * 1024 * 1024,
        "LICENCE_REQUEST_ANSWER_DAYS": int(os.environ.get("LICENCE_REQUEST_ANSWER_DAYS",
                                                          "30")),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        **warning_settings(),
    }
