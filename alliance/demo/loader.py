"""Demo data for ``flask --app wsgi demo load``: real organisations of the Guangdong–Hong
Kong–Macao Greater Bay Area patent co-applicant network (see ``alliance/data/README.md``),
marked as demo data, their co-application ties, alliance memberships and demo logins; then
generated patents on those ties (``alliance.demo.patents``) and the listings, open licences,
licence requests and licences made on them (``alliance.demo.licensing``).

Idempotent with a fixed seed: records that exist (organisations by name, ties and memberships
by pair, users by e-mail) are left alone, so a second run creates nothing. The loader flushes,
never commits. Which organisations join which alliance: see ``alliance.demo.rules``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import insert, select

from ..caching import drop_after_commit
from ..extensions import db
from ..models import (
    Alliance,
    CoApplicationTie,
    Coordinatorship,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrgStatus,
    Role,
    Sector,
    User,
)
from ..services import ServiceError
from ..services.audit import record
from ..services.directory import DIRECTORY_STATE, MEMBER_COUNTS
from ..sorting import pinyin_sort_key
from .licensing import load_licensing
from .patents import load_patents
from .rules import (
    DemoNetwork,
    assign_alliances,
    choose_applicants,
    choose_lead,
    read_graph,
    select_network,
)
from .sharing import load_sharing

DEMO_PASSWORD = "demo-password-2012"
DEMO_SEED = 2012
DEMO_SOURCE = "GBA co-applicant network (youzuos/Cooperative-network), demo data"
DEMO_REGION = "粤港澳大湾区"
DEMO_DATE = datetime(2024, 1, 1, tzinfo=UTC)
#: pending join requests left for coordinators to review: alliance code -> how many
PENDING_REQUESTS = {"nev": 3}
PENDING_MESSAGE = "（演示数据）本单位与联盟成员有专利共同申请合作，申请加入联盟。"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account. ``org`` names the data set's top "university" or "firm", if any."""

    email: str
    name: str
    role: Role
    alliance: str | None = None
    org: str | None = None


ADMIN_EMAIL = "admin@example.org"
DEMO_LOGINS = (
    DemoLogin(ADMIN_EMAIL, "省知识产权局 管理员", Role.PLATFORM_ADMIN),
    DemoLogin("coordinator@example.org", "新能源汽车联盟秘书处", Role.MEMBER, alliance="nev"),
    DemoLogin("coordinator-bio@example.org", "生物医药联盟秘书处", Role.MEMBER,
              alliance="biomedicine"),
    DemoLogin("university-admin@example.org", "技术转移中心 管理员", Role.ORG_ADMIN,
              org="university"),
    DemoLogin("firm-admin@example.org", "企业知识产权部 管理员", Role.ORG_ADMIN, org="firm"),
    DemoLogin("researcher@example.org", "课题组 研究员", Role.MEMBER, org="university"),
)


COUNT_LABELS = {"organizations": "organisations", "ties": "co-application ties",
                "memberships": "active memberships", "pending_requests": "pending join requests",
                "users": "users", "patents": "generated patents", "listings": "listings",
                "open_licences": "open licences", "licence_requests": "licence requests",
                "licences": "licences", "agreements": "sharing agreements",
                "payments": "royalty payments"}


@dataclass
class DemoSummary:
    """What one run created (all zero on a rerun) and the logins to print."""

    organizations: int = 0
    ties: int = 0
    memberships: int = 0
    pending_requests: int = 0
    users: int = 0
    patents: int = 0
    listings: int = 0
    open_licences: int = 0
    licence_requests: int = 0
    licences: int = 0
    agreements: int = 0
    payments: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # email, role, where

    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_LABELS}

    @property
    def total(self) -> int:
        return sum(self.counts().values())

    def describe(self) -> str:
        heading = "new records" if self.total else "already loaded, nothing new"
        lines = [f"Demo data: {heading}:"]
        lines += [f"  {COUNT_LABELS[key]:<22}{value:>6}" for key, value in self.counts().items()]
        lines += ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
        width = max((len(email) for email, _, _ in self.logins), default=0)
        for email, role, where in self.logins:
            lines.append(f"  {email:<{width}}  {role:<15} {DEMO_PASSWORD}  {where}".rstrip())
        lines += [
            "",
            "The organisations are real, public data: the Guangdong–Hong Kong–Macao Greater Bay",
            "Area patent co-applicant network (youzuos/Cooperative-network), marked as demo data",
            "(is_demo). They are not Jilin organisations; see alliance/data/README.md.",
            "The patents are generated: Chinese titles built from CNIPA's strategic-emerging-",
            "industry keyword rules, owned along the real co-application ties; the listings,",
            "requests, licences, the sharing agreement, royalty report and payment on them are",
            "demo records made through the platform's own workflows. All are marked as demo",
            "data.",
        ]
        return "\n".join(lines)


def load() -> DemoSummary:
    """Load the demo data into the session (flushed, not committed) and say what was new."""
    alliances = {a.code: a for a in db.session.scalars(select(Alliance))}
    missing = {login.alliance for login in DEMO_LOGINS} - {None} - set(alliances)
    if missing or not alliances:
        raise ServiceError("The alliances are missing: run `flask db upgrade` first.")
    rng = random.Random(DEMO_SEED)
    network = select_network(read_graph())
    summary = DemoSummary()
    admin = _ensure_user(DEMO_LOGINS[0], None, None, summary)
    org_ids = _ensure_organizations(network, admin, summary)
    _ensure_ties(network, org_ids, summary)
    _ensure_memberships(network, org_ids, alliances, admin, rng, summary)
    users = {}
    for login in DEMO_LOGINS[1:]:
        org_id = org_ids[network.top(login.org).node] if login.org else None
        users[login.email] = _ensure_user(login, org_id, alliances.get(login.alliance),
                                          summary, admin)
    assignment = assign_alliances(network, {code: a.position for code, a in alliances.items()})
    summary.patents = load_patents(network, org_ids, assignment, admin)
    load_licensing(network, org_ids, users, summary)
    university, firm = (db.session.get(Organization, org_ids[network.top(kind).node])
                        for kind in ("university", "firm"))
    if load_sharing(university, firm, users):
        summary.agreements += 1
        summary.payments += 1
    if summary.total:
        record(None, "demo.loaded", admin, None, summary.counts())
        drop_after_commit(MEMBER_COUNTS, DIRECTORY_STATE)  # bulk inserts bypass the listeners
    db.session.flush()
    return summary


def _ensure_organizations(network: DemoNetwork, admin: User, summary: DemoSummary):
    """Create the organisations missing by name; return node id -> organisation id."""
    names = [org.name for org in network.orgs]
    existing = _ids_by_name(names)
    rows = [
        {"name_zh": org.name, "name_sort": pinyin_sort_key(org.name), "name_en": None,
         "uscc": None, "sector": Sector(org.sector),
         "region": DEMO_REGION, "description": "", "status": OrgStatus.APPROVED,
         "decided_by_id": admin.id, "decided_at": DEMO_DATE, "is_demo": True,
         "source": DEMO_SOURCE}
        for org in network.orgs if org.name not in existing
    ]
    if rows:
        db.session.execute(insert(Organization), rows)
        summary.organizations = len(rows)
        existing = _ids_by_name(names)
    return {org.node: existing[org.name] for org in network.orgs}


def _ids_by_name(names: list[str]) -> dict[str, int]:
    query = select(Organization.name_zh, Organization.id).where(Organization.name_zh.in_(names))
    return dict(db.session.execute(query).all())


def _pairs(query) -> set[tuple[int, int]]:
    return {(first, second) for first, second in db.session.execute(query)}


def _ensure_ties(network: DemoNetwork, org_ids: dict[int, int], summary: DemoSummary) -> None:
    """One CoApplicationTie per pair of loaded organisations, stored with a < b."""
    ids = list(org_ids.values())
    existing = _pairs(
        select(CoApplicationTie.organization_a_id, CoApplicationTie.organization_b_id)
        .where(CoApplicationTie.organization_a_id.in_(ids))
    )
    rows = []
    for tie in network.ties:
        a, b = sorted((org_ids[tie.a], org_ids[tie.b]))
        if (a, b) not in existing:
            rows.append({"organization_a_id": a, "organization_b_id": b, "weight": tie.weight,
                         "first_year": tie.first_year, "source": DEMO_SOURCE})
    if rows:
        db.session.execute(insert(CoApplicationTie), rows)
        summary.ties = len(rows)


def _ensure_memberships(network, org_ids, alliances, admin, rng, summary) -> None:
    """Active memberships by the rules (one lead per alliance), then the pending requests.

    Only demo organisations get demo memberships, and a pair that has any membership row
    (whatever its status: a coordinator may have decided since) is never touched again.
    """
    demo_ids = set(db.session.scalars(
        select(Organization.id).where(Organization.id.in_(list(org_ids.values())),
                                      Organization.is_demo.is_(True))
    ))
    taken = _pairs(
        select(Membership.organization_id, Membership.alliance_id)
        .where(Membership.organization_id.in_(list(demo_ids)))
    )
    led = set(db.session.scalars(select(Membership.alliance_id).where(
        Membership.role == MembershipRole.LEAD, Membership.status == MembershipStatus.ACTIVE)))
    positions = {code: alliance.position for code, alliance in alliances.items()}
    assignment = assign_alliances(network, positions)
    by_node = network.by_node()
    rows = []
    for code in sorted(alliances, key=positions.__getitem__):
        alliance = alliances[code]
        new = [by_node[node] for node, codes in assignment.items() if code in codes
               and org_ids[node] in demo_ids and (org_ids[node], alliance.id) not in taken]
        lead = None if alliance.id in led else choose_lead(new)
        rows += [_membership_row(org_ids[org.node], alliance, admin, org is lead) for org in new]
    pending = []
    for code, count in PENDING_REQUESTS.items():
        alliance = alliances[code]
        for org in choose_applicants(network, assignment, code, count, rng):
            key = (org_ids[org.node], alliance.id)
            if key[0] in demo_ids and key not in taken:
                pending.append(_membership_row(key[0], alliance, admin, pending=True))
    if rows or pending:
        db.session.execute(insert(Membership), rows + pending)
    summary.memberships, summary.pending_requests = len(rows), len(pending)


def _membership_row(org_id: int, alliance: Alliance, admin: User, lead: bool = False,
                    pending: bool = False) -> dict:
    return {
        "organization_id": org_id, "alliance_id": alliance.id,
        "role": MembershipRole.LEAD if lead else MembershipRole.MEMBER,
        "status": MembershipStatus.PENDING if pending else MembershipStatus.ACTIVE,
        "message": PENDING_MESSAGE if pending else "",
        "requested_by_id": None, "requested_at": DEMO_DATE,  # imported, nobody asked
        "decided_by_id": None if pending else admin.id,
        "decided_at": None if pending else DEMO_DATE,
        "decision_reason": "",
    }


def _ensure_user(login: DemoLogin, org_id: int | None, alliance: Alliance | None,
                 summary: DemoSummary, admin: User | None = None) -> User:
    """The demo account for ``login``; an existing one (by e-mail) is left as it is."""
    user = User.find_by_email(login.email)
    if user is None:
        user = User(email=login.email, name=login.name, role=login.role,
                    organization_id=org_id, is_demo=True)
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
        db.session.flush()
        if alliance is not None:
            db.session.add(Coordinatorship(user_id=user.id, alliance_id=alliance.id,
                                           appointed_by_id=admin.id, appointed_at=DEMO_DATE))
        summary.users += 1
    where = alliance.code if alliance is not None else _org_name(org_id)
    role = "coordinator" if alliance is not None else user.role.value
    summary.logins.append((user.email, role, where))
    return user


def _org_name(org_id: int | None) -> str:
    if org_id is None:
        return ""
    return db.session.scalar(select(Organization.name_zh).where(Organization.id == org_id))

