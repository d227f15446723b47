"""Logging: the level from LOG_LEVEL, one line per request, and a request id.

Every request gets an id: the incoming ``X-Request-ID`` when it is a short safe token (a
proxy's), else a new one. It is returned in the ``X-Request-ID`` header, written on the
request's log line and shown on error pages, so a user can quote it and an operator find the
line (and, for a 500, the one traceback logged for it).
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, g, request

SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"

request_logger = logging.getLogger("alliance.requests")


def request_id() -> str:
    """This request's id ("-" outside a request)."""
    return g.get("request_id", "-") if g else "-"


class RequestIdFilter(logging.Filter):
    """Puts the request id on every record, for the format's %(request_id)s."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


def configure(app: Flask) -> None:
    level = (app.config.get("LOG_LEVEL") or "INFO").upper()
    root = logging.getLogger("alliance")
    root.setLevel(level)
    if not any(getattr(handler, "_alliance", False) for handler in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(RequestIdFilter())
        handler._alliance = True
        root.addHandler(handler)
    app.logger.setLevel(level)

    @app.before_request
    def start_request():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) \
            else secrets.token_hex(8)
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.get("request_started")
        elapsed_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        response.headers["X-Request-ID"] = request_id()
        request_logger.info("%s %s %s %.1fms id=%s", request.method, request.path,
                            response.status_code, elapsed_ms, request_id())
        return response

    app.jinja_env.globals["request_id"] = request_id
