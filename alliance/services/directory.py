"""Read-side queries: alliances with member counts, member lists, pending work."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Alliance, Membership, MembershipStatus, Organization, Sector


def all_alliances() -> list[Alliance]:
    return list(db.session.scalars(db.select(Alliance).order_by(Alliance.position, Alliance.id)))


def alliance_by_code(code: str) -> Alliance | None:
    return db.session.scalar(db.select(Alliance).filter_by(code=code))


def member_counts_by_sector(alliance: Alliance | None = None) -> dict[int, dict[Sector, int]]:
    """{alliance id: {sector: number of active member organisations}} in one query, for
    every alliance or only ``alliance``."""
    stmt = (
        db.select(Membership.alliance_id, Organization.sector, func.count(Membership.id))
        .join(Organization, Membership.organization_id == Organization.id)
        .where(Membership.status == MembershipStatus.ACTIVE)
        .group_by(Membership.alliance_id, Organization.sector)
    )
    if alliance is not None:
        stmt = stmt.where(Membership.alliance_id == alliance.id)
    rows = db.session.execute(stmt)
    counts: dict[int, dict[Sector, int]] = defaultdict(dict)
    for alliance_id, sector, count in rows:
        counts[alliance_id][sector] = count
    return counts


def active_members(alliance: Alliance, sector: Sector | None = None, query: str = ""):
    """Active memberships of an alliance with their organisations, leads first."""
    stmt = (
        db.select(Membership)
        .join(Organization, Membership.organization_id == Organization.id)
        .where(Membership.alliance_id == alliance.id,
               Membership.status == MembershipStatus.ACTIVE)
        .options(db.contains_eager(Membership.organization))
        .order_by(Membership.role, Organization.name_sort)
    )
    if sector is not None:
        stmt = stmt.where(Organization.sector == sector)
    if query:
        like = f"%{query.strip()}%"
        stmt = stmt.where(Organization.name_zh.ilike(like) | Organization.name_en.ilike(like))
    return stmt


def pending_memberships(alliance: Alliance | None = None) -> list[Membership]:
    stmt = (
        db.select(Membership)
        .where(Membership.status == MembershipStatus.PENDING)
        .options(selectinload(Membership.organization), selectinload(Membership.alliance),
                 selectinload(Membership.requested_by))
        .order_by(Membership.requested_at)
    )
    if alliance is not None:
        stmt = stmt.where(Membership.alliance_id == alliance.id)
    return list(db.session.scalars(stmt))


def count_pending_memberships(alliance: Alliance) -> int:
    return db.session.scalar(
        db.select(func.count(Membership.id)).where(
            Membership.alliance_id == alliance.id,
            Membership.status == MembershipStatus.PENDING,
        )
    ) or 0


def memberships_of(org: Organization) -> list[Membership]:
    return list(db.session.scalars(
        db.select(Membership).where(Membership.organization_id == org.id)
        .options(selectinload(Membership.alliance))
        .order_by(Membership.requested_at.desc())
    ))


DECIDED = (MembershipStatus.ACTIVE, MembershipStatus.REJECTED, MembershipStatus.LEFT)


def decided_memberships(alliance: Alliance):
    """The alliance's decided or ended requests, latest first (a select, for paging), with
    who decided and who asked loaded."""
    return (
        db.select(Membership)
        .where(Membership.alliance_id == alliance.id, Membership.status.in_(DECIDED),
               Membership.decided_at.is_not(None))
        .options(selectinload(Membership.organization), selectinload(Membership.decided_by),
                 selectinload(Membership.requested_by))
        .order_by(Membership.decided_at.desc(), Membership.id.desc())
    )
