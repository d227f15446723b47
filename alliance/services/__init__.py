"""Workflows that span models. They flush, never commit: the view commits once per request."""


class ServiceError(Exception):
    """A request that breaks a rule; ``message`` is translated, ``status`` the HTTP code to give."""

    status = 400

    def __init__(self, message, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class Conflict(ServiceError):
    """The object changed under the request (already decided, already a member, ...)."""

    status = 409
