"""Demo data built from real public sources and marked as such: the loader
(``flask --app wsgi demo load``) and its rules (which organisations join which alliance)."""

from .loader import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SOURCE, DemoSummary, load

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "DEMO_SOURCE", "DemoSummary", "load"]
