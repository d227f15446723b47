"""The distribution run: a payment received carried through the benefit-sharing chain into
ledger entries (DOMAIN.md; the arithmetic is alliance.royalty_chain.distribute).

Licensors share by the agreement in force covering the licence (named on it, or over one of
its patents), else by the co-ownership shares of the licensed patents; within each party
come its agreed costs, its internal split and its inventors by contribution.

A run is one savepoint keyed by its payment (``DistributionRun.payment_id`` is unique): an
error midway leaves nothing posted, and a second run of a payment hits the unique key and
answers 409 with nothing posted. Entries are never updated; :func:`reverse` posts the
opposite entry. Accounts are strings: ``payment:<id>``, ``org:<id>``,
``org:<id>/<bucket>`` (costs and internal split) and ``inventor:<org id>/<name>``.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models.ledger import DistributionRun, LedgerEntry, Payment
from ..models.licensing import Licence
from ..models.pools import PoolRun
from ..models.sharing import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    agreement_version_licence,
    agreement_version_patent,
)
from ..royalty_chain import INVENTORS, Cost, Posting, distribute
from ..validators import ValidationError
from . import Conflict, ServiceError
from .agreement_terms import default_shares
from .audit import record

STEP_REVERSAL = "reversal"
LICENSOR_ONLY = _l("Only an administrator of the licensor may distribute its payments.")
POOL_ADMINS_ONLY = _l("Only the pool's administrators may reverse its entries.")
ALREADY_RUN = _l("This payment has already been distributed.")
ALREADY_REVERSED = _l("This entry has already been reversed.")


def account(value) -> str:
    """The ledger account name of a chain account (organisation id, (organisation id,
    bucket) or an account name already)."""
    if isinstance(value, tuple):
        return f"org:{value[0]}/{value[1]}"
    if isinstance(value, int):
        return f"org:{value}"
    return str(value)


def agreement_for(licence: Licence) -> AgreementVersion | None:
    """The version in force of an agreement covering ``licence``: one naming the licence
    first, else one over any of its patents; the newest when several."""
    patent_ids = [p.id for p in licence.patents]
    names_it = select(agreement_version_licence.c.version_id).where(
        agreement_version_licence.c.licence_id == licence.id)
    over_patent = select(agreement_version_patent.c.version_id).where(
        agreement_version_patent.c.patent_id.in_(patent_ids))
    versions = db.session.scalars(
        select(AgreementVersion)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .where(Agreement.status == AgreementStatus.IN_FORCE,
               or_(AgreementVersion.id.in_(names_it), AgreementVersion.id.in_(over_patent)))
        .order_by(AgreementVersion.id.desc())).all()
    named = set(db.session.scalars(names_it))
    return next((v for v in versions if v.id in named), versions[0] if versions else None)


def chain_terms(version: AgreementVersion) -> dict:
    """The keyword arguments of royalty_chain.distribute from a version's parties: shares,
    costs (patent fees in yuan, transfer-office percent), internal splits and inventors."""
    licensors, splits, inventors, costs = [], {}, {}, {}
    for party in version.parties:
        org = party.organization_id
        licensors.append((org, Decimal(party.share)))
        party_costs = []
        if party.office_percent is not None:
            party_costs.append(Cost("office_fee", percent=Decimal(party.office_percent)))
        if party.patent_fees is not None:
            party_costs.append(Cost("patent_fees", amount=party.patent_fees))
        if party_costs:
            costs[org] = party_costs
        buckets = [(name, getattr(party, f"split_{name}"))
                   for name in (INVENTORS, "school", "office", "institution")]
        if any(share is not None for _, share in buckets):
            splits[org] = [(name, Decimal(share or 0)) for name, share in buckets]
            inventors[org] = [(f"inventor:{org}/{inv.name}", Decimal(inv.share))
                              for inv in party.inventors]
    return {"licensors": licensors, "internal_splits": splits, "inventor_shares": inventors,
            "costs": costs}


def postings_for(payment: Payment) -> tuple[list[Posting], AgreementVersion | None]:
    """The chain's postings for ``payment`` and the agreement version that decided them
    (None: the co-ownership shares of the licensed patents)."""
    licence = db.session.get(Licence, payment.licence_id)
    version = agreement_for(licence)
    terms = chain_terms(version) if version is not None else {
        "licensors": default_shares(licence.patents)}
    try:
        postings = distribute(payment.amount, source=f"payment:{payment.id}", **terms)
    except ValidationError as error:
        raise ServiceError(_l(error.template, **error.params)) from None
    return postings, version


def may_distribute(actor, payment: Payment) -> bool:
    """Who distributes a payment and reverses its entries: the licensor's admin or a
    platform admin."""
    if getattr(actor, "is_platform_admin", False):
        return True
    licence = db.session.get(Licence, payment.licence_id)
    return bool(getattr(actor, "is_org_admin", False)) and getattr(actor, "active", False) \
        and actor.organization_id == licence.licensor_id


def _post(run: DistributionRun, posting: Posting, actor) -> LedgerEntry:
    """Add one ledger entry for ``posting`` of ``run``."""
    entry = LedgerEntry(payment_id=run.payment_id, run=run, step=posting.step,
                        debit=account(posting.debit), credit=account(posting.credit),
                        amount=posting.amount, created_by_id=getattr(actor, "id", None))
    db.session.add(entry)
    db.session.flush()
    return entry


def run_distribution(actor, payment: Payment) -> DistributionRun:
    """Distribute ``payment`` through the chain in one savepoint: a DistributionRun and one
    LedgerEntry per posting (Σ of the licensor step = the payment, in yuan). 403 for anyone
    but the licensor's admin or a platform admin; 409 (nothing posted) if already run."""
    if not may_distribute(actor, payment):
        raise ServiceError(LICENSOR_ONLY, status=403)
    postings, version = postings_for(payment)
    try:
        with db.session.begin_nested():
            run = DistributionRun(payment_id=payment.id, actor_id=getattr(actor, "id", None),
                                  agreement_version_id=getattr(version, "id", None))
            db.session.add(run)
            db.session.flush()
            for posting in postings:
                _post(run, posting, actor)
            payment.distributed = True
            db.session.flush()
    except IntegrityError:
        raise Conflict(ALREADY_RUN) from None
    record(actor, "payment.distributed", payment, None,
           {"run_id": run.id, "agreement_version_id": run.agreement_version_id,
            "entries": len(postings)})
    return run


def reverse(actor, entry: LedgerEntry) -> LedgerEntry:
    """Post the entry reversing ``entry`` (credit and debit swapped, same amount and source,
    outside any run). 403 as for a run (a pool entry: the pool's administrators); 409 if it
    was already reversed."""
    if entry.payment_id is None:  # an entry of a patent-pool allocation run
        if not db.session.get(PoolRun, entry.pool_run_id).pool.can_manage(actor):
            raise ServiceError(POOL_ADMINS_ONLY, status=403)
    elif not may_distribute(actor, db.session.get(Payment, entry.payment_id)):
        raise ServiceError(LICENSOR_ONLY, status=403)
    try:
        with db.session.begin_nested():
            reversal = LedgerEntry(payment_id=entry.payment_id, pool_run_id=entry.pool_run_id,
                                   step=STEP_REVERSAL,
                                   debit=entry.credit, credit=entry.debit,
                                   amount=entry.amount, reverses_id=entry.id,
                                   created_by_id=getattr(actor, "id", None))
            db.session.add(reversal)
            db.session.flush()
    except IntegrityError:
        raise Conflict(ALREADY_REVERSED) from None
    record(actor, "ledger_entry.reversed", reversal, None,
           {"reverses_id": entry.id, "amount": str(entry.amount)})
    return reversal


def balances(entries) -> dict[str, Decimal]:
    """Each account's balance over ``entries`` in yuan: credits less debits."""
    result: dict[str, Decimal] = {}
    for entry in entries:
        result[entry.debit] = result.get(entry.debit, Decimal("0.00")) - entry.amount
        result[entry.credit] = result.get(entry.credit, Decimal("0.00")) + entry.amount
    return result
