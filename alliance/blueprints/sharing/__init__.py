"""Benefit sharing: agreements among patent co-owners and their inventors."""

from .views import bp

__all__ = ["bp"]
