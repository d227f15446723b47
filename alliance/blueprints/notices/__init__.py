"""Alliance notices: published by coordinators, read by members."""

from .views import bp

__all__ = ["bp"]
