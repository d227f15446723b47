"""A licensee's payment carried through the benefit-sharing chain, as postings (DOMAIN.md).

licensee payment → licensors by co-ownership share or agreement → within each institution,
first its agreed costs, then its internal split of the net (inventors, school or department,
transfer office, institution, ...) → the inventors' part to each inventor by contribution.
Every division is :func:`alliance.services.royalties.split` (largest remainder on cents,
ties in the order given), so each step adds up to what came into it.

The result is pure data for the ledger: a list of :class:`Posting`, each moving ``amount``
from the ``debit`` account to the ``credit`` account. Accounts are plain values:

* the source account (``source``, by default ``"payment"``);
* each licensor party as given;
* ``(party, name)`` for an institution's cost or internal bucket (``(party, "inventors")``
  is the inventors' part, :data:`INVENTORS`);
* each inventor as given.

Costs: a :class:`Cost` is a percentage of what the party received (a transfer-office fee)
or a fixed amount (patent fees reimbursed). Percentages are taken first, on the gross, by
``split``; fixed amounts then come off what is left, in the order given, each at most what
is left: a fixed cost larger than the income is recovered only in part here, and the caller
carries the rest forward (compare the posting with the agreed amount). Postings of 0.00 are
left out. A party without an internal split keeps its net.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .services.royalties import as_amount, as_share, from_cents, split, split_cents, to_cents
from .validators import N_, ValidationError

PAYMENT = "payment"
INVENTORS = "inventors"

STEP_LICENSORS = "licensors"
STEP_COSTS = "costs"
STEP_INTERNAL = "internal"
STEP_INVENTORS = "inventors"

MSG_DUPLICATE = N_("%(name)s appears twice among the %(what)s.")
MSG_UNKNOWN_PARTY = N_("%(party)s has %(what)s but is not one of the licensors.")
MSG_NO_INVENTOR_BUCKET = N_("%(party)s gives inventors' shares but its internal split has no "
                            "part for the inventors.")
MSG_NO_INVENTOR_SHARES = N_("The internal split of %(party)s has a part for the inventors but "
                            "no inventors' shares.")
MSG_COST = N_("The cost %(name)s must be either a percentage or an amount.")
MSG_COST_PERCENT = N_("The percentage costs of %(party)s add up to %(total)s%%, more than "
                      "100%%.")


@dataclass(frozen=True)
class Cost:
    """An agreed cost deducted before an institution's internal split: ``percent`` of what
    the party received, or a fixed ``amount`` in yuan; ``name`` names its account."""

    name: str
    amount: Decimal | None = None
    percent: Decimal | None = None


@dataclass(frozen=True)
class Posting:
    """``amount`` yuan (two decimals, > 0) moving from ``debit`` to ``credit`` at ``step``;
    ``share`` is the percentage that decided it (None for a fixed cost)."""

    debit: Hashable
    credit: Hashable
    amount: Decimal
    step: str
    share: Decimal | None = None


def _unique(pairs: Sequence[tuple[Hashable, Decimal]], what: str) -> None:
    seen = set()
    for name, _ in pairs:
        if name in seen:
            raise ValidationError(MSG_DUPLICATE, {"name": name, "what": what})
        seen.add(name)


def _split_postings(debit, amount: Decimal, pairs, account, step: str) -> list[Posting]:
    """Postings dividing ``amount`` from ``debit`` by the (name, share) ``pairs``."""
    parts = split(amount, [share for _, share in pairs])
    return [Posting(debit, account(name), part, step, share)
            for (name, share), part in zip(pairs, parts, strict=True) if part]


def _costs(party, gross: Decimal, costs: Sequence[Cost]) -> tuple[list[Posting], Decimal]:
    """The cost postings of ``party`` on ``gross`` and the net left after them."""
    percents = []
    fixed = []
    for cost in costs:
        if (cost.amount is None) == (cost.percent is None):
            raise ValidationError(MSG_COST, {"name": cost.name})
        (fixed if cost.amount is not None else percents).append(cost)
    _unique([(cost.name, None) for cost in costs], "costs")
    postings = []
    left = to_cents(gross)
    if percents:
        shares = [as_share(cost.percent) for cost in percents]
        total = sum(shares, Decimal(0))
        if total > 100:
            raise ValidationError(MSG_COST_PERCENT, {"party": party, "total": total})
        *parts, left = split_cents(left, [*shares, 100 - total])
        postings += [Posting(party, (party, cost.name), from_cents(part), STEP_COSTS,
                             cost.percent) for cost, part in zip(percents, parts, strict=True)]
    for cost in fixed:
        taken = min(to_cents(cost.amount), left)
        left -= taken
        postings.append(Posting(party, (party, cost.name), from_cents(taken), STEP_COSTS))
    return [p for p in postings if p.amount], from_cents(left)


def _check_parties(parties, internal_splits, inventor_shares, costs) -> None:
    for what, table in (("an internal split", internal_splits),
                        ("inventors' shares", inventor_shares), ("costs", costs)):
        for party in table:
            if party not in parties:
                raise ValidationError(MSG_UNKNOWN_PARTY, {"party": party, "what": what})
    for party in parties:
        buckets = internal_splits.get(party, ())
        _unique(buckets, "parts of the internal split")
        has_bucket = any(name == INVENTORS for name, _ in buckets)
        if party in inventor_shares and not has_bucket:
            raise ValidationError(MSG_NO_INVENTOR_BUCKET, {"party": party})
        if has_bucket and party not in inventor_shares:
            raise ValidationError(MSG_NO_INVENTOR_SHARES, {"party": party})
        _unique(inventor_shares.get(party, ()), "inventors")


def distribute(amount: Decimal,
               licensors: Sequence[tuple[Hashable, Decimal]],
               internal_splits: Mapping[Hashable, Sequence[tuple[str, Decimal]]] | None = None,
               inventor_shares: Mapping[Hashable, Sequence[tuple[Hashable, Decimal]]]
               | None = None,
               costs: Mapping[Hashable, Sequence[Cost]] | None = None,
               source: Hashable = PAYMENT) -> list[Posting]:
    """The postings carrying a payment of ``amount`` yuan from ``source`` to the licensors
    (percent shares summing to 100), within each of them through its ``costs`` and its
    internal split of the net (bucket, percent), and from its ``"inventors"`` bucket to
    each inventor (inventor, percent).

    Returns postings in chain order (licensors, then per licensor its costs, internal split
    and inventors); amounts are yuan with two decimals. Every step sums to what came into it,
    so the source is debited ``amount`` in all and the leaves are credited ``amount`` in all.
    Raises ValidationError for bad amounts or shares, duplicate names, tables for parties
    that are not licensors, or an inventors' bucket without inventors' shares (or the
    reverse).
    """
    amount = as_amount(amount)
    internal_splits = internal_splits or {}
    inventor_shares = inventor_shares or {}
    costs = costs or {}
    _unique(licensors, "licensors")
    parties = [party for party, _ in licensors]
    _check_parties(parties, internal_splits, inventor_shares, costs)
    postings = []
    received = dict.fromkeys(parties, Decimal("0.00"))
    for posting in _split_postings(source, amount, licensors, lambda p: p, STEP_LICENSORS):
        postings.append(posting)
        received[posting.credit] = posting.amount
    for party in parties:
        cost_postings, net = _costs(party, received[party], costs.get(party, ()))
        postings += cost_postings
        if party not in internal_splits:
            continue
        internal = _split_postings(party, net, internal_splits[party],
                                   lambda name, party=party: (party, name), STEP_INTERNAL)
        postings += internal
        if party in inventor_shares:
            pot = sum((p.amount for p in internal if p.credit == (party, INVENTORS)),
                      Decimal("0.00"))
            postings += _split_postings((party, INVENTORS), pot, inventor_shares[party],
                                        lambda inventor: inventor, STEP_INVENTORS)
    return postings


def balances(postings: Sequence[Posting]) -> dict[Hashable, Decimal]:
    """Each account's balance in yuan: what was credited to it less what was debited."""
    result: dict[Hashable, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for posting in postings:
        result[posting.debit] -= posting.amount
        result[posting.credit] += posting.amount
    return dict(result)
