"""Licensing: listings, licence requests, licences and open licences."""

from . import licences, requests, royalties  # noqa: F401  (register their views on the blueprint)
from .views import bp

__all__ = ["bp"]
