"""Exact royalty splits to the cent (DOMAIN.md, "Benefit sharing and royalty arithmetic").

Pure functions, no Flask and no database: the distribution run, the pool and the royalty
calculation build on them. An amount of yuan is a ``Decimal`` (or an ``int``) with at most
two decimals; floats are refused because they are already rounded in binary. A split of an
amount A by percentages s_i summing to exactly 100 gives each party floor(A·s_i/100) cents,
then hands the leftover cents one by one to the largest remainders, ties in party order, so
the parts always add up to A.

Bad input raises :class:`alliance.validators.ValidationError` (a ``ValueError``) whose
``template`` is marked for translation and whose ``params`` fill it in.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..shares import largest_remainder_units
from ..validators import N_, ValidationError

HUNDRED = Decimal(100)
#: The largest amount a ``Money`` column (Numeric(14, 2)) holds, plus a cent.
MONEY_LIMIT = Decimal("1000000000000")
#: Shares are percentages with at most this many decimals.
SHARE_DECIMALS = 10

MSG_AMOUNT_TYPE = N_("An amount must be an exact decimal number, not %(type)s.")
MSG_AMOUNT_FINITE = N_("An amount must be a finite number.")
MSG_AMOUNT_NEGATIVE = N_("An amount cannot be negative: %(amount)s.")
MSG_AMOUNT_CENTS = N_("The amount %(amount)s has a fraction of a cent.")
MSG_AMOUNT_LIMIT = N_("The amount %(amount)s is beyond the largest amount handled.")
MSG_SHARES_LIST = N_("The shares must be given as a list of percentages.")
MSG_SHARES_EMPTY = N_("At least one share is needed.")
MSG_SHARE_TYPE = N_("A share must be an exact decimal number of percent, not %(type)s.")
MSG_SHARE_FINITE = N_("A share must be a finite number of percent.")
MSG_SHARE_NEGATIVE = N_("A share cannot be negative: %(share)s%%.")
MSG_SHARE_PRECISION = N_("The share %(share)s%% has more than %(decimals)d decimals.")
MSG_SHARES_SUM = N_("The shares add up to %(total)s%%, not 100%%.")


def _exact(value, type_template: str, finite_template: str) -> Decimal:
    """``value`` as a finite Decimal; ints are exact, bools, floats and text are not."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValidationError(type_template, {"type": type(value).__name__})
    if isinstance(value, int):
        return Decimal(value)
    if not value.is_finite():
        raise ValidationError(finite_template)
    return value


def to_cents(amount: Decimal | int) -> int:
    """A non-negative amount of yuan (Decimal or int, at most two decimals) in whole cents."""
    value = _exact(amount, MSG_AMOUNT_TYPE, MSG_AMOUNT_FINITE)
    if value < 0:
        raise ValidationError(MSG_AMOUNT_NEGATIVE, {"amount": value})
    if value >= MONEY_LIMIT:
        raise ValidationError(MSG_AMOUNT_LIMIT, {"amount": value})
    cents = value.scaleb(2)
    if cents != cents.to_integral_value():
        raise ValidationError(MSG_AMOUNT_CENTS, {"amount": value})
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """Whole cents as yuan with exactly two decimals (``Decimal('12.30')``)."""
    return Decimal(cents).scaleb(-2)


def as_amount(amount: Decimal | int) -> Decimal:
    """A checked non-negative amount of yuan, quantised to two decimals."""
    return from_cents(to_cents(amount))


def as_share(share: Decimal | int) -> Decimal:
    """A checked percentage: an exact Decimal or int, at least 0, at most 10 decimals."""
    value = _exact(share, MSG_SHARE_TYPE, MSG_SHARE_FINITE)
    if value < 0:
        raise ValidationError(MSG_SHARE_NEGATIVE, {"share": value})
    if value.as_tuple().exponent < -SHARE_DECIMALS:
        raise ValidationError(MSG_SHARE_PRECISION, {"share": value, "decimals": SHARE_DECIMALS})
    return value


def share_units(shares: Sequence[Decimal | int]) -> tuple[list[int], int]:
    """Percent shares as integers in a common unit: ``(units, hundred)`` where
    ``units[i] / hundred`` is share i as a fraction of the whole and ``sum(units) ==
    hundred``. Raises ValidationError unless the shares are exact, non-negative and sum to
    exactly 100 (computed in integers, so no decimal context can round the sum)."""
    if isinstance(shares, str | bytes) or not isinstance(shares, Sequence):
        raise ValidationError(MSG_SHARES_LIST)
    if not shares:
        raise ValidationError(MSG_SHARES_EMPTY)
    values = [as_share(share) for share in shares]
    scale = max(0, *(-value.as_tuple().exponent for value in values))
    units = [int(value.scaleb(scale)) for value in values]
    hundred = 100 * 10**scale
    if sum(units) != hundred:
        total = Decimal(sum(units)).scaleb(-scale)
        raise ValidationError(MSG_SHARES_SUM, {"total": total})
    return units, hundred


def split_cents(cents: int, shares: Sequence[Decimal | int]) -> list[int]:
    """``split`` in whole cents: ``cents`` (a non-negative int) divided by percent shares."""
    units, _ = share_units(shares)
    return largest_remainder_units(cents, units)


def split(amount: Decimal, shares: Sequence[Decimal]) -> list[Decimal]:
    """Split ``amount`` (yuan, at most two decimals, not negative) by ``shares``
    (percentages, each ≥ 0, summing to exactly 100) with the largest remainder method on
    cents, ties in party order.

    Returns the parts in yuan with two decimals, in the order of ``shares``; they sum to
    ``amount`` exactly, each is within one cent of its exact proportion and a zero share
    gets 0.00. Raises ValidationError (a ValueError) for bad input.
    """
    cents = to_cents(amount)
    return [from_cents(part) for part in split_cents(cents, shares)]
