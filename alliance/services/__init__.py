"""Workflows that span models. They flush, never commit: the view commits once per request."""


class ServiceError(Exception):
    """A request that breaks a rule; ``message`` is translated, ``status`` the HTTP code to
    give, ``field`` the name of the form field the message belongs next to, if any."""

    status = 400

    def __init__(self, message, status: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status


class Conflict(ServiceError):
    """The object changed under the request (already decided, already a member, ...)."""

    status = 409
