"""The distribution trail of a payment: who may see which ledger entries, and the entries
grouped by step with their totals, labels and the shares that decided them.

Visibility: a platform admin sees every entry. The licensor's side (the licence's licensor
and every organisation credited at the licensors' step) sees, through its admins, the
licensors' step and only its own internal steps (costs, internal split, its inventors):
another licensor's internal split and inventors stay private to that organisation. The
licensee's admins see the payment and whether it was distributed, no entry. Nobody else
sees the trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from ..extensions import db
from ..models.ledger import DistributionRun, LedgerEntry, Payment
from ..models.licensing import Licence
from ..models.sharing import AgreementVersion
from ..royalty_chain import STEP_COSTS, STEP_INTERNAL, STEP_INVENTORS, STEP_LICENSORS, distribute
from ..validators import ValidationError
from . import ServiceError
from .agreement_terms import default_shares
from .distribution import STEP_REVERSAL, account, chain_terms
from .ledger_accounts import describe, org_of

STEPS = (STEP_LICENSORS, STEP_COSTS, STEP_INTERNAL, STEP_INVENTORS, STEP_REVERSAL)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Scope:
    """What a viewer sees of a trail: ``everything`` (platform admin), else the licensors'
    step and the internal steps of ``org_ids``; ``entries`` False: the payment only."""

    everything: bool = False
    entries: bool = True
    org_ids: frozenset[int] = frozenset()


def active_admin(user) -> bool:
    """An active administrator of an organisation."""
    return bool(getattr(user, "is_org_admin", False)) and getattr(user, "active", False) \
        and getattr(user, "organization_id", None) is not None



def entries_of(payment: Payment) -> list[LedgerEntry]:
    """Every ledger entry of ``payment`` (its run's and the reversals), in posting order."""
    return list(db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.payment_id == payment.id).order_by(LedgerEntry.id)))


def licensor_side(payment: Payment, entries: list[LedgerEntry]) -> set[int]:
    """The licence's licensor and the organisations credited at the licensors' step."""
    licence = db.session.get(Licence, payment.licence_id)
    credited = {org_of(e.credit) for e in entries if e.step == STEP_LICENSORS}
    return ({licence.licensor_id} | credited) - {None}


def scope_for(user, payment: Payment, entries: list[LedgerEntry] | None = None
              ) -> Scope | None:
    """What ``user`` may see of the trail of ``payment``; None: nothing at all."""
    if getattr(user, "is_platform_admin", False):
        return Scope(everything=True)
    if not active_admin(user):
        return None
    entries = entries_of(payment) if entries is None else entries
    org = user.organization_id
    if org in licensor_side(payment, entries):
        return Scope(org_ids=frozenset({org}))
    licence = db.session.get(Licence, payment.licence_id)
    if org == licence.licensee_id:
        return Scope(entries=False)
    return None


def visible(scope: Scope, entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """The entries ``scope`` admits: a reversal goes with the entry it reverses."""
    if scope.everything:
        return list(entries)
    if not scope.entries:
        return []
    by_id = {e.id: e for e in entries}

    def admits(entry: LedgerEntry) -> bool:
        if entry.reverses_id is not None and entry.reverses_id in by_id:
            entry = by_id[entry.reverses_id]
        return entry.step == STEP_LICENSORS or bool(
            {org_of(entry.debit), org_of(entry.credit)} & scope.org_ids)

    return [e for e in entries if admits(e)]


def decided_shares(payment: Payment, run: DistributionRun | None) -> dict[tuple, Decimal]:
    """The share (percent) behind each posting of the run, keyed by (step, debit, credit,
    amount): the chain recomputed from the run's agreement version (signed versions never
    change) or from the co-ownership shares. Empty when it cannot be recomputed."""
    if run is None:
        return {}
    try:
        if run.agreement_version_id is not None:
            terms = chain_terms(db.session.get(AgreementVersion, run.agreement_version_id))
        else:
            terms = {"licensors": default_shares(
                db.session.get(Licence, payment.licence_id).patents)}
        postings = distribute(payment.amount, source=f"payment:{payment.id}", **terms)
    except (ValidationError, ServiceError):
        return {}
    return {(p.step, account(p.debit), account(p.credit), p.amount): p.share
            for p in postings if p.share is not None}


@dataclass
class Row:
    """One entry as shown: labels of its accounts, the share that decided it, and the
    entry reversing it (if any)."""

    entry: LedgerEntry
    debit: str
    credit: str
    share: Decimal | None = None
    reversed_by: LedgerEntry | None = None


@dataclass
class Step:
    """The rows of one step and their total."""

    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.entry.amount for row in self.rows), ZERO)


def trail(payment: Payment, scope: Scope) -> list[Step]:
    """The visible entries of ``payment`` grouped by step, in chain order."""
    entries = entries_of(payment)
    shown = visible(scope, entries)
    labels = describe([name for e in shown for name in (e.debit, e.credit)])
    shares = decided_shares(payment, payment.run)
    reversals = {e.reverses_id: e for e in entries if e.reverses_id is not None}
    steps = {name: Step(name) for name in STEPS}
    for entry in shown:
        key = (entry.step, entry.debit, entry.credit, entry.amount)
        step = steps.setdefault(entry.step, Step(entry.step))
        step.rows.append(Row(entry, labels[entry.debit], labels[entry.credit],
                             shares.get(key) if entry.run_id is not None else None,
                             reversals.get(entry.id)))
    return [step for step in steps.values() if step.rows]
