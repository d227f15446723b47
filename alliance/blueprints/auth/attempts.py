"""Limits on password guesses that hold under parallel requests and several workers.

An attempt is counted BEFORE the password is checked, with one atomic increment in the
limiter's shared storage (Redis INCRBY when REDIS_URL is set; a locked counter in memory
with one process), so 60 parallel guesses cannot all pass the check before any is
counted. Once over a limit the password is not checked at all. A right password gives its
count back, so an office behind one address is limited only by its failures.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app
from flask_babel import gettext as _
from limits import parse
from limits.strategies import FixedWindowRateLimiter

from ...extensions import limiter


@dataclass(frozen=True)
class Attempt:
    """One counted attempt: the (limit, key) pairs it was counted against."""

    counted: tuple
    allowed: bool

    def succeeded(self) -> None:
        """The password was right: give the counts back."""
        for item, key in self.counted:
            limiter.storage.incr(item.key_for("password-guess", key), item.get_expiry(),
                                 amount=-1)


def guard(pairs: list[tuple[str, str]]) -> Attempt:
    """Count one attempt against each (config setting of a limit, key) pair; ``allowed``
    is False when any limit is exceeded (the password must then not be checked)."""
    strategy = FixedWindowRateLimiter(limiter.storage)
    counted, allowed = [], True
    for setting, key in pairs:
        item = parse(current_app.config[setting])
        try:
            within = strategy.hit(item, "password-guess", f"{setting}:{key}")
        except Exception as error:  # the shared counter is down: refuse rather than guess
            current_app.logger.error("Login limit storage unreachable: %s", error)
            abort(503, description=_("Logging in is paused for a moment: try again in a "
                                     "minute."))
        if not within:
            allowed = False
        counted.append((item, f"{setting}:{key}"))
    return Attempt(tuple(counted), allowed)
