"""Patents: the catalogue, a patent's page, recording, bulk import and export."""

from . import transfer  # noqa: F401  (registers the import and export views)
from .views import bp

__all__ = ["bp"]
