"""Patent pools of an alliance: markets, essential-patent declarations, income, allocation
runs."""

from .views import bp

__all__ = ["bp"]
