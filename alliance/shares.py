"""Exact splits by the largest-remainder method (pure functions, no Flask).

A whole of ``total`` indivisible units (cents, hundredths of a percent) is divided in
proportion to weights: each part first gets the floor of its exact quota, then the units
left over go one by one to the parts with the largest remainders, ties broken in the order
the parts were given. The parts always add up to the whole.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

HUNDREDTH = Decimal("0.01")
HUNDRED = Decimal(100)


def largest_remainder(total: int, weights: Sequence[int | Decimal | Fraction]) -> list[int]:
    """Split ``total`` whole units in proportion to ``weights`` (non-negative, not all zero).

    Returns one integer per weight, in the same order, summing to ``total``.
    """
    if not weights:
        raise ValueError("at least one weight is needed")
    if all(type(w) is int for w in weights):
        units = list(weights)
    else:
        exact = [Fraction(w) for w in weights]
        common = math.lcm(*(w.denominator for w in exact))
        units = [w.numerator * (common // w.denominator) for w in exact]
    if any(w < 0 for w in units):
        raise ValueError("weights must not be negative")
    return largest_remainder_units(total, units)


def largest_remainder_units(total: int, units: Sequence[int]) -> list[int]:
    """``largest_remainder`` for integer weights already checked to be non-negative.

    Integer arithmetic only: part i first gets ``total * units[i] // sum(units)``, then the
    leftover goes one unit each to the largest remainders, ties to the earlier part.
    """
    whole = sum(units)
    if whole == 0:
        raise ValueError("the weights must not all be zero")
    parts = []
    remainders = []
    for weight in units:
        part, remainder = divmod(total * weight, whole)
        parts.append(part)
        remainders.append(remainder)
    leftover = total - sum(parts)
    if leftover:
        order = sorted(range(len(units)), key=lambda i: (-remainders[i], i))
        for i in order[:leftover]:
            parts[i] += 1
    return parts


def equal_shares(n: int) -> list[Decimal]:
    """``n`` equal shares in percent with two decimals summing to exactly 100.00.

    ``equal_shares(3)`` is ``[33.34, 33.33, 33.33]``: the extra hundredths go to the first
    parts.
    """
    if n < 1:
        raise ValueError("at least one share is needed")
    return [Decimal(units) * HUNDREDTH for units in largest_remainder(10_000, [1] * n)]


def split_percent(amount: Decimal, percents: Sequence[Decimal]) -> list[Decimal]:
    """Split ``amount`` (yuan, two decimals) by ``percents`` summing to 100.

    Returns the parts in yuan with two decimals, in the order of ``percents``, summing to
    exactly ``amount``.
    """
    if sum(percents, Decimal(0)) != HUNDRED:
        raise ValueError("the shares must sum to 100")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError("the amount has a fraction of a cent")
    units = int(cents)
    sign = -1 if units < 0 else 1
    parts = largest_remainder(abs(units), list(percents))
    return [(Decimal(sign * part) * HUNDREDTH) for part in parts]
