"""Patent-pool income allocated to members by their essential patents (DOMAIN.md).

share_i = Σ_c R_c · n_ic / Σ_j n_jc, where R_c is the royalty income collected for product
or country c (a "market") and n_ic the number of member i's patents declared essential
there. Pure functions, no Flask and no database.

Exact to the cent: each market's income is split on its own by the largest remainder method
over the members with essential patents there (weights n_ic, ties in the order the members
are given), and a member's allocation is the sum of its parts. So Σ allocations = Σ R_c
exactly, and each allocation is within one cent per market of its exact share.

A market with income but no essential patent cannot be allocated by the formula; rather than
keep the money somewhere silently, :func:`pool_allocation` refuses it (ValidationError naming
the market), and the pool administrator decides (declare the essential patents, or hold the
income). A market with no income may have no patents.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal

from .services.royalties import from_cents, to_cents
from .shares import largest_remainder_units
from .validators import N_, ValidationError

MSG_NO_ESSENTIAL = N_(
    "Income of ¥%(amount)s was collected for %(market)s, but no member has a patent declared "
    "essential there, so it cannot be allocated."
)
MSG_COUNT = N_("The number of essential patents of %(member)s in %(market)s must be a whole "
               "number, at least 0, not %(count)s.")


def _count(member, market, count) -> int:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValidationError(MSG_COUNT, {"member": member, "market": market, "count": count})
    return count


def pool_allocation(income_by_market: Mapping[str, Decimal],
                    essential_counts: Mapping[Hashable, Mapping[str, int]]
                    ) -> dict[Hashable, Decimal]:
    """Allocate pool income (yuan by market) to members by their essential patent counts.

    ``essential_counts[member][market]`` is n_ic (a whole number ≥ 0; a missing market is
    0). Returns {member: yuan with two decimals} for every member, in the order given,
    summing to Σ R_c exactly. Raises ValidationError for bad amounts or counts, and for a
    market with income but no essential patent.
    """
    members = list(essential_counts)
    totals = dict.fromkeys(members, 0)
    for market, income in income_by_market.items():
        cents = to_cents(income)
        weights = [_count(member, market, essential_counts[member].get(market, 0))
                   for member in members]
        if sum(weights) == 0:
            if cents == 0:
                continue
            raise ValidationError(MSG_NO_ESSENTIAL, {"market": market, "amount": income})
        for member, part in zip(members, largest_remainder_units(cents, weights), strict=True):
            totals[member] += part
    for member in members:
        for market, count in essential_counts[member].items():
            _count(member, market, count)
    return {member: from_cents(cents) for member, cents in totals.items()}
