"""Database rows as the plain records of alliance.graph, and the version of those rows.

One query per record type (organisations, memberships, patent owners, co-application ties,
licences, IPC profiles), never one per organisation; aggregated ties stay aggregated. The
version token changes whenever a record the network is built from changes: patents, owners,
IPC symbols, licences and ties are summed up by one aggregate query (so any code path that
writes them is seen), and organisations and memberships by a token dropped when their
change commits.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import event, func, select

from ..caching import drop_after_commit
from ..extensions import cache, db
from ..graph.records import (
    LicenceRecord,
    MembershipRecord,
    OrgRecord,
    PatentRecord,
    TieRecord,
)
from ..models import (
    Alliance,
    CoApplicationTie,
    Licence,
    Membership,
    MembershipStatus,
    Organization,
    OrgStatus,
    Patent,
    PatentIpc,
    PatentOwner,
    Sector,
)
from ..models.licensing import licence_patent

#: Helix of each sector for the Triple Helix synergy: university, industry, government
#: (public research institutes count with government, DOMAIN.md).
HELIX_OF = {Sector.UNIVERSITY.value: "U", Sector.ENTERPRISE.value: "I",
            Sector.RESEARCH_INSTITUTE.value: "G", Sector.GOVERNMENT.value: "G"}
ORGS_STATE = "network_orgs_state"


@dataclass(frozen=True)
class Records:
    """Everything the network of the platform is built from: approved organisations (ids are
    database ids, sector its code, name the Chinese name), patents owned by two or more of
    them, co-application ties (already aggregated: weight = joint patents), licences, active
    memberships, and ``helix``: ``(filing year, helix sectors, owner ids, patents)`` groups
    of patents alike in all three."""

    orgs: tuple[OrgRecord, ...]
    patents: tuple[PatentRecord, ...] = ()
    ties: tuple[TieRecord, ...] = ()
    licences: tuple[LicenceRecord, ...] = ()
    memberships: tuple[MembershipRecord, ...] = ()
    helix: tuple[tuple[int, frozenset, frozenset, int], ...] = field(default=())


def load_records() -> Records:
    """The records of every approved organisation, read with one query per type."""
    org_rows = db.session.execute(
        select(Organization.id, Organization.name_zh, Organization.sector)
        .where(Organization.status == OrgStatus.APPROVED).order_by(Organization.id)).all()
    known = {row.id for row in org_rows}
    sector = {row.id: row.sector.value for row in org_rows}
    memberships = tuple(
        MembershipRecord(org, code) for org, code in db.session.execute(
            select(Membership.organization_id, Alliance.code)
            .join(Alliance, Membership.alliance_id == Alliance.id)
            .where(Membership.status == MembershipStatus.ACTIVE)
            .order_by(Membership.id)) if org in known)
    owners: dict[str, list[int]] = defaultdict(list)
    years: dict[str, int | None] = {}
    for number, org, filed in db.session.execute(
            select(Patent.application_number, PatentOwner.organization_id, Patent.filing_date)
            .join(Patent, PatentOwner.patent_id == Patent.id)
            .where(PatentOwner.organization_id.is_not(None))
            .order_by(Patent.application_number, PatentOwner.position)):
        if org in known and org not in owners[number]:
            owners[number].append(org)
        years[number] = filed.year if filed else None
    patent_count = Counter(org for group in owners.values() for org in group)
    groups: Counter = Counter((years[number], frozenset(group))
                              for number, group in owners.items() if group)
    ties = []
    for a, b, weight, year in db.session.execute(
            select(CoApplicationTie.organization_a_id, CoApplicationTie.organization_b_id,
                   CoApplicationTie.weight, CoApplicationTie.first_year)
            .order_by(CoApplicationTie.id)):
        if a in known and b in known:
            ties.append(TieRecord(a, b, weight, year))
            patent_count.update({a: weight, b: weight})
            groups[(year, frozenset((a, b)))] += weight
    licences: dict[int, list] = {}
    for licence, licensor, licensee, start, number in db.session.execute(
            select(Licence.id, Licence.licensor_id, Licence.licensee_id, Licence.effective_date,
                   Patent.application_number)
            .outerjoin(licence_patent, licence_patent.c.licence_id == Licence.id)
            .outerjoin(Patent, licence_patent.c.patent_id == Patent.id)
            .order_by(Licence.id, Patent.application_number)):
        if licensor in known and licensee in known and licensor != licensee:
            entry = licences.setdefault(licence, [licensor, licensee, start.year, []])
            if number:
                entry[3].append(number)
    return Records(
        orgs=tuple(OrgRecord(row.id, row.name_zh, sector[row.id],
                             patent_count=patent_count.get(row.id, 0)) for row in org_rows),
        patents=tuple(PatentRecord(number, tuple(group), years[number])
                      for number, group in owners.items() if len(group) > 1),
        ties=tuple(ties),
        licences=tuple(LicenceRecord(a, b, year, ", ".join(numbers) or None)
                       for a, b, year, numbers in licences.values()),
        memberships=memberships,
        helix=tuple((year, frozenset(HELIX_OF[sector[o]] for o in group if sector[o] in HELIX_OF),
                     group, count) for (year, group), count in groups.items()
                    if year is not None))


def ipc_profiles() -> dict[int, dict[str, int]]:
    """IPC subclass profile of every organisation: {org id: {subclass: patents}}."""
    profiles: dict[int, dict[str, int]] = defaultdict(dict)
    for org, subclass, count in db.session.execute(
            select(PatentOwner.organization_id, PatentIpc.subclass,
                   func.count(func.distinct(PatentIpc.patent_id)))
            .join(PatentIpc, PatentIpc.patent_id == PatentOwner.patent_id)
            .where(PatentOwner.organization_id.is_not(None))
            .group_by(PatentOwner.organization_id, PatentIpc.subclass)):
        profiles[org][subclass] = count
    return dict(profiles)


def _orgs_state() -> str:
    token = cache.get(ORGS_STATE)
    if token is None:
        token = secrets.token_hex(8)
        cache.set(ORGS_STATE, token, timeout=0)
    return token


RECORDS_STATE = "network_records_state"
#: how long a worker trusts the aggregate without asking again; a change made through the
#: app drops it at once (see _records_changed), a bulk load within this many seconds
RECORDS_STATE_SECONDS = 10


def graph_version() -> str:
    """A short token that changes when the records change: an aggregate query over the
    tables the network is built from, remembered for a few seconds (the busiest pages ask
    for it on every request, and at 100,000 patents the query reads whole indexes)."""
    state = cache.get(RECORDS_STATE)
    if state is None:
        state = _records_state()
        cache.set(RECORDS_STATE, state, timeout=RECORDS_STATE_SECONDS)
    return hashlib.sha256(f"{state}|{_orgs_state()}".encode()).hexdigest()[:16]


def _records_state() -> str:
    tables = [(Patent.id, Patent.updated_at), (PatentOwner.id, PatentOwner.organization_id),
              (PatentIpc.id, PatentIpc.id), (Licence.id, Licence.licensee_id),
              (CoApplicationTie.id, CoApplicationTie.weight),
              (licence_patent.c.patent_id, licence_patent.c.licence_id)]
    columns = []
    for key, other in tables:
        columns += [select(func.count(key)).scalar_subquery(),
                    select(func.max(key)).scalar_subquery(),
                    select(func.max(other)).scalar_subquery()]
    columns.append(select(func.sum(CoApplicationTie.weight)).scalar_subquery())
    return repr(tuple(db.session.execute(select(*columns)).one()))


@event.listens_for(Patent, "after_insert")
@event.listens_for(Patent, "after_update")
@event.listens_for(Patent, "after_delete")
@event.listens_for(PatentOwner, "after_insert")
@event.listens_for(PatentOwner, "after_update")
@event.listens_for(PatentOwner, "after_delete")
@event.listens_for(PatentIpc, "after_insert")
@event.listens_for(PatentIpc, "after_delete")
@event.listens_for(Licence, "after_insert")
@event.listens_for(Licence, "after_update")
@event.listens_for(Licence, "after_delete")
@event.listens_for(CoApplicationTie, "after_insert")
@event.listens_for(CoApplicationTie, "after_update")
@event.listens_for(CoApplicationTie, "after_delete")
def _records_changed(_mapper, _connection, _target) -> None:
    drop_after_commit(RECORDS_STATE)


@event.listens_for(Organization, "after_insert")
@event.listens_for(Organization, "after_update")
@event.listens_for(Organization, "after_delete")
@event.listens_for(Membership, "after_insert")
@event.listens_for(Membership, "after_update")
@event.listens_for(Membership, "after_delete")
def _directory_changed(_mapper, _connection, _target) -> None:
    drop_after_commit(ORGS_STATE)


def _bulk_changed(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and \
            state.bind_mapper.class_ in (Membership, Organization):
        drop_after_commit(ORGS_STATE)


event.listen(db.session, "do_orm_execute", _bulk_changed)
