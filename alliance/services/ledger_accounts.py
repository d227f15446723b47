"""Ledger account names as people read them, in the current language.

Accounts (alliance.services.distribution): ``payment:<id>``, ``org:<id>``,
``org:<id>/<bucket>`` (an agreed cost or a part of the internal split) and
``inventor:<org id>/<name>``. :func:`describe` names many at once, loading their
organisations and payments in one query each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..formatting import format_money
from ..models import Organization
from ..models.ledger import Payment

#: the buckets of an institution: its internal split and its agreed costs
BUCKETS = {
    "inventors": _l("Inventors' part"),
    "school": _l("School or department"),
    "office": _l("Technology transfer office"),
    "institution": _l("Institution"),
    "office_fee": _l("Transfer-office fee"),
    "patent_fees": _l("Patent fees reimbursed"),
}


@dataclass(frozen=True)
class Account:
    """A parsed account name: ``kind`` is "payment", "org", "bucket", "inventor" or
    "other"; ``org_id`` the organisation it belongs to (None for a payment)."""

    name: str
    kind: str
    org_id: int | None = None
    payment_id: int | None = None
    part: str = ""  # the bucket or the inventor's name


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def parse(name: str) -> Account:
    """``name`` split into its kind, organisation and part."""
    prefix, _sep, rest = name.partition(":")
    if prefix == "payment" and _int(rest) is not None:
        return Account(name, "payment", payment_id=int(rest))
    if prefix in ("org", "inventor"):
        org, slash, part = rest.partition("/")
        if _int(org) is not None and (prefix == "org" or part):
            kind = "inventor" if prefix == "inventor" else "bucket" if slash else "org"
            return Account(name, kind, org_id=int(org), part=part)
    return Account(name, "other")


def bucket_label(bucket: str) -> str:
    """A bucket's translated name (the bucket itself when unknown)."""
    label = BUCKETS.get(bucket)
    return str(label) if label is not None else bucket


def org_of(name: str) -> int | None:
    """The organisation an account belongs to (None for a payment's account)."""
    return parse(name).org_id


def describe(account_names: Iterable[str]) -> dict[str, str]:
    """Each account name with its label: an organisation's name, the name and a translated
    bucket ("吉林大学 · inventors' part"), an inventor's name and organisation, or the
    payment (its amount and date). Unknown ids keep a readable fallback."""
    accounts = [parse(name) for name in dict.fromkeys(account_names)]
    org_ids = {a.org_id for a in accounts if a.org_id is not None}
    payment_ids = {a.payment_id for a in accounts if a.payment_id is not None}
    orgs = {o.id: o.name for o in db.session.scalars(
        select(Organization).where(Organization.id.in_(org_ids)))} if org_ids else {}
    payments = {p.id: p for p in db.session.scalars(
        select(Payment).where(Payment.id.in_(payment_ids)))} if payment_ids else {}
    labels = {}
    for account in accounts:
        org = orgs.get(account.org_id) or _("Organisation %(id)s", id=account.org_id)
        if account.kind == "payment":
            payment = payments.get(account.payment_id)
            labels[account.name] = _("Payment of %(amount)s received on %(date)s",
                                     amount=format_money(payment.amount),
                                     date=payment.received_on.isoformat()) \
                if payment else _("Payment %(id)s", id=account.payment_id)
        elif account.kind == "org":
            labels[account.name] = org
        elif account.kind == "bucket":
            labels[account.name] = f"{org} · {bucket_label(account.part)}"
        elif account.kind == "inventor":
            labels[account.name] = _("%(name)s (inventor, %(org)s)", name=account.part,
                                     org=org)
        else:
            labels[account.name] = account.name
    return labels
