"""Technology needs: post, match, answer, solve."""

from .views import bp

__all__ = ["bp"]
