"""Who may see which statement.

* An organisation's active administrators: its account, its buckets and its inventors.
* An inventor: their own account, ``inventor:<org id>/<name>``, when an agreement names
  them linked to their user, or when their organisation and name are the account's (unless
  an agreement links that name in that organisation to someone else).
* An alliance's coordinators: each member's organisation-level income per year
  (statements.alliance_totals), never a member's buckets or inventors.
* Platform administrators: everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Alliance, Organization
from ..models.ledger import LedgerEntry
from ..models.sharing import AgreementInventor, AgreementParty
from .ledger_accounts import BUCKETS, parse


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "active", False))


def is_platform_admin(user) -> bool:
    return _active(user) and bool(getattr(user, "is_platform_admin", False))


def administers(user, org_id: int | None) -> bool:
    """``user`` is an active administrator of organisation ``org_id``."""
    return _active(user) and bool(getattr(user, "is_org_admin", False)) \
        and org_id is not None and user.organization_id == org_id


def _linked_names(org_id: int) -> dict[str, set[int]]:
    """Inventors' names in ``org_id``'s agreement parties and the users linked to them."""
    rows = db.session.execute(
        select(AgreementInventor.name, AgreementInventor.user_id).join(AgreementParty)
        .where(AgreementParty.organization_id == org_id))
    linked: dict[str, set[int]] = {}
    for name, user_id in rows:
        linked.setdefault(name, set()).update({user_id} if user_id is not None else set())
    return linked


def own_inventor_accounts(user) -> list[str]:
    """The inventor accounts that are ``user``'s own (see the module's rules)."""
    if not _active(user):
        return []
    linked = db.session.execute(
        select(AgreementParty.organization_id, AgreementInventor.name).join(AgreementParty)
        .where(AgreementInventor.user_id == user.id)).all()
    accounts = [f"inventor:{org_id}/{name}" for org_id, name in linked]
    if user.organization_id is not None:
        others = _linked_names(user.organization_id).get(user.name, set()) - {user.id}
        if not others:
            accounts.append(f"inventor:{user.organization_id}/{user.name}")
    return list(dict.fromkeys(accounts))


def may_view_account(user, account: str) -> bool:
    """May ``user`` see the statement of ``account``?"""
    parsed = parse(account)
    if parsed.kind not in ("org", "bucket", "inventor"):
        return is_platform_admin(user)
    if is_platform_admin(user) or administers(user, parsed.org_id):
        return True
    return parsed.kind == "inventor" and account in own_inventor_accounts(user)


def may_view_alliance_totals(user, alliance: Alliance) -> bool:
    """Coordinators of ``alliance`` and platform administrators."""
    if is_platform_admin(user):
        return True
    return _active(user) and any(a.id == alliance.id for a in user.coordinated_alliances())


def organisation_accounts(org_id: int) -> list[str]:
    """``org:<id>``, then its buckets and its inventors that have ledger entries."""
    prefixes = (f"org:{org_id}/", f"inventor:{org_id}/")
    found: set[str] = set()
    for column in (LedgerEntry.debit, LedgerEntry.credit):
        found.update(db.session.scalars(select(column).distinct().where(
            or_(*(column.startswith(prefix, autoescape=True) for prefix in prefixes)))))
    order = list(BUCKETS)
    buckets = sorted((a for a in found if a.startswith("org:")), key=lambda a: (
        order.index(parse(a).part) if parse(a).part in order else len(order), a))
    inventors = sorted(a for a in found if a.startswith("inventor:"))
    return [f"org:{org_id}", *buckets, *inventors]


def ledger_organisations() -> list[Organization]:
    """Organisations whose own account has ledger entries, by name."""
    ids = set()
    for column in (LedgerEntry.debit, LedgerEntry.credit):
        names = db.session.scalars(select(column).distinct().where(column.startswith("org:")))
        ids.update(parse(name).org_id for name in names)
    ids.discard(None)
    return list(db.session.scalars(select(Organization).where(Organization.id.in_(ids))
                                   .order_by(Organization.name_zh))) if ids else []


def _has_entries(account: str) -> bool:
    return db.session.scalar(select(LedgerEntry.id).where(
        or_(LedgerEntry.credit == account, LedgerEntry.debit == account)).limit(1)) is not None


@dataclass
class Visible:
    """What the "My statements" page lists for a user."""

    organisations: list[Organization] = field(default_factory=list)
    inventor_accounts: list[str] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.organisations or self.inventor_accounts or self.alliances)


def has_statements(user) -> bool:
    """Whether ``user`` has any statement to read (the navigation's question): a platform
    admin always (every alliance's totals), without a query."""
    if _active(user) and is_platform_admin(user):
        return True
    return bool(visible_statements(user))


def visible_statements(user) -> Visible:
    """The organisations with ledger entries whose statements ``user`` administers, their
    own inventor accounts with entries, and the alliances whose totals they may see."""
    if not _active(user):
        return Visible()
    if is_platform_admin(user):
        return Visible(ledger_organisations(), [],
                       list(db.session.scalars(select(Alliance).order_by(Alliance.position))))
    orgs = [user.organization] if administers(user, user.organization_id) and \
        _has_entries(f"org:{user.organization_id}") else []
    own = own_inventor_accounts(user)
    with_entries = set(db.session.scalars(select(LedgerEntry.credit).distinct().where(
        LedgerEntry.credit.in_(own)))) if own else set()
    return Visible(orgs, [a for a in own if a in with_entries], user.coordinated_alliances())
