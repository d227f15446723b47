"""Read-side queries: alliances with member counts, member lists, pending work."""

from __future__ import annotations

import secrets
from collections import defaultdict

from sqlalchemy import bindparam, event, func, inspect
from sqlalchemy.orm import contains_eager, selectinload

from ..caching import cached, drop_after_commit
from ..extensions import db
from ..models import Alliance, Membership, MembershipStatus, Organization, Sector
from ..models.alliances import AllianceView

ALLIANCES = "alliances"


def all_alliances() -> list[AllianceView]:
    """The ten alliances in their order, as cached plain views (they change only by a
    migration; an edit drops the cache when it commits)."""
    return cached(ALLIANCES, lambda: [alliance.view() for alliance in db.session.scalars(
        db.select(Alliance).order_by(Alliance.position, Alliance.id))])


@event.listens_for(Alliance, "after_update")
@event.listens_for(Alliance, "after_insert")
def _alliance_changed(_mapper, _connection, _target) -> None:
    drop_after_commit(ALLIANCES, DIRECTORY_STATE)


def alliance_by_code(code: str) -> Alliance | None:
    return db.session.scalar(db.select(Alliance).filter_by(code=code))


MEMBER_COUNTS = "member_counts"
DIRECTORY_STATE = "directory_state"


def directory_state() -> str:
    """A token that changes whenever organisations, memberships or alliances change (when
    the change commits): part of the key of every page fragment cached from them."""
    return cached(DIRECTORY_STATE, lambda: secrets.token_hex(8))


def member_counts_by_sector(alliance: Alliance | None = None) -> dict[int, dict[Sector, int]]:
    """{alliance id: {sector: number of active member organisations}}, for every alliance
    or only ``alliance``. Cached (alliance.caching); any change to a membership or to an
    organisation's sector drops the cache when it commits."""
    counts = cached(MEMBER_COUNTS, _count_members)
    if alliance is not None:
        return {alliance.id: counts.get(alliance.id, {})}
    return counts


def _count_members() -> dict[int, dict[Sector, int]]:
    rows = db.session.execute(
        db.select(Membership.alliance_id, Organization.sector, func.count(Membership.id))
        .join(Organization, Membership.organization_id == Organization.id)
        .where(Membership.status == MembershipStatus.ACTIVE)
        .group_by(Membership.alliance_id, Organization.sector)
    )
    counts: dict[int, dict[Sector, int]] = defaultdict(dict)
    for alliance_id, sector, count in rows:
        counts[alliance_id][sector] = count
    return dict(counts)


@event.listens_for(Membership, "after_insert")
@event.listens_for(Membership, "after_update")
@event.listens_for(Membership, "after_delete")
def _membership_changed(_mapper, _connection, _target) -> None:
    drop_after_commit(MEMBER_COUNTS, DIRECTORY_STATE)


def _bulk_changed(state) -> None:
    """UPDATE and DELETE statements (the compare-and-set of a transition) bypass the mapper
    events above."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and \
            state.bind_mapper.class_ in (Membership, Organization):
        drop_after_commit(MEMBER_COUNTS, DIRECTORY_STATE)


event.listen(db.session, "do_orm_execute", _bulk_changed)


@event.listens_for(Organization, "after_insert")
@event.listens_for(Organization, "after_update")
@event.listens_for(Organization, "after_delete")
def _organisation_changed(_mapper, _connection, target) -> None:
    drop_after_commit(DIRECTORY_STATE)
    if inspect(target).attrs.sector.history.has_changes():
        drop_after_commit(MEMBER_COUNTS)


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


#: built once: a public organisation page runs it on every view
_ACTIVE_MEMBERSHIPS_OF = (
    db.select(Membership).join(Alliance, Membership.alliance_id == Alliance.id)
    .where(Membership.organization_id == bindparam("org_id"),
           Membership.status == MembershipStatus.ACTIVE)
    .options(contains_eager(Membership.alliance)).order_by(Alliance.position)
)


def active_memberships_of(org: Organization) -> list[Membership]:
    """The organisation's alliances (active memberships) with each alliance, in one query."""
    return list(db.session.scalars(_ACTIVE_MEMBERSHIPS_OF, {"org_id": org.id}))
