"""Patents: the catalogue, a patent's page, recording, bulk import and export."""

from . import transfer  # noqa: F401  (registers the import and export views)
from .filters import selected
from .views import bp

bp.add_app_template_filter(selected, "selected")

__all__ = ["bp"]
