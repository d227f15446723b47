"""Translated error pages (HTML) and JSON errors for the API."""

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db
from .request_log import request_id

ERROR_TEXT = {
    400: (_l("Bad request"), _l("The request could not be understood. Check what you entered.")),
    403: (_l("Forbidden"), _l("You do not have permission to do this.")),
    404: (_l("Not found"), _l("There is nothing at this address.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    409: (_l("Conflict"), _l("Someone changed this first. Reload the page and try again.")),
    410: (_l("Gone"), _l("This link is no longer valid.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    429: (_l("Too many requests"), _l("Too many attempts. Wait a minute and try again.")),
    500: (_l("Server error"), _l("Something went wrong on our side. Nothing was changed.")),
    503: (_l("Unavailable"), _l("The service is paused for a moment. Try again in a minute.")),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(status: int, detail=None, headers=None):
    title, text = ERROR_TEXT.get(status, ERROR_TEXT[500] if status >= 500 else ERROR_TEXT[400])
    message = detail or text
    if wants_json():
        body = {"error": str(title), "message": str(message), "status": status,
                "request_id": request_id()}
        return body, status, headers or []
    return render_template("errors/error.html", status=status, title=title,
                           message=message, back_url=_same_site_referrer()), status, \
        headers or []


def _same_site_referrer() -> str | None:
    """The page the user came from, when it is on this site (for a "back" link)."""
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and referrer != request.url:
        return referrer
    return None


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_error(400, _l("The form expired or was not sent from this site. "
                                    "Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(error):
        db.session.rollback()
        own_text = error.description != type(error).description and error.code != 429
        # keep what the exception says in its headers (Allow on a 405, Retry-After...)
        headers = [(name, value) for name, value in error.get_headers()
                   if name.lower() != "content-type"]
        return render_error(error.code or 500, error.description if own_text else None,
                            headers)

    @app.errorhandler(500)
    def server_error(error):
        # Flask has already logged the traceback once (app.logger, "Exception on ..."),
        # with the request id added by the log filter: nothing more to log here.
        db.session.rollback()
        return render_error(500)
