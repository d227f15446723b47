"""Amounts of money shown to people, in the current language."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from flask_babel import get_locale

from .models.types import to_money

YUAN = "¥"


def format_money(value, locale=None) -> str:
    """An amount of yuan as the current language writes it, always with two decimals:
    ``¥1,234.50``, ``-¥0.05``. None and "" give an empty string; floats are refused."""
    if value is None or value == "":
        return ""
    amount: Decimal = to_money(value)
    locale = locale or get_locale() or "zh_Hans_CN"
    digits = format_decimal(abs(amount), format="#,##0.00", locale=locale)
    return f"-{YUAN}{digits}" if amount < 0 else f"{YUAN}{digits}"
