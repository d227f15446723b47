"""Statements of the royalty ledger: my statements, an account's statement and its CSV, and
an alliance's income per member and year."""

from .views import bp

__all__ = ["bp"]
