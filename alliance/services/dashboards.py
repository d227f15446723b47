"""The counts of an alliance's dashboard: plain counting queries, no Flask.

What belongs to an alliance:

* **patents** count toward it by their alliance tags: a confirmed tag, or, while the owner
  has not confirmed the patent's alliances (``Patent.tags_confirmed`` false), the stored
  suggestion from its IPC symbols and text (``PatentTag`` rows written when the patent is
  saved or re-tagged; nothing is classified again here);
* **members** are the organisations whose membership is active now; a member's start is the
  day its request was approved (``decided_at``), else the day it asked;
* **listings, licence requests, licences and royalties** are those of its members: listings
  a member offers, requests on them (drafts left out), licences a member granted, and the
  royalty payments received on those licences, by the year of ``received_on``.

``published_only`` leaves out unpublished applications (the public summary).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, extract, func, or_, select

from ..extensions import db
from ..models import (
    Licence,
    LicenceRequest,
    LicenceStatus,
    Listing,
    ListingStatus,
    Membership,
    MembershipStatus,
    Organization,
    Patent,
    PatentKind,
    PatentStatus,
    PatentTag,
    Payment,
    RequestStatus,
    Sector,
    TagSource,
    Visibility,
)

#: The kind digits of application numbers of PCT international applications that entered
#: the Chinese national phase (8 invention, 9 utility model).
PCT_KIND_DIGITS = ("8", "9")

#: Request outcomes as the dashboard groups them.
REQUEST_OUTCOMES = {
    "open": (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW, RequestStatus.COUNTERED,
             RequestStatus.REVISED, RequestStatus.ACCEPTED),
    "licensed": (RequestStatus.LICENSED,),
    "rejected": (RequestStatus.REJECTED,),
    "withdrawn": (RequestStatus.WITHDRAWN,),
    "expired": (RequestStatus.EXPIRED,),
}


def tag_counts_clause():
    """A PatentTag row counts: confirmed, or suggested on a patent whose owner has not
    confirmed its alliances (join ``Patent`` to use it)."""
    return or_(PatentTag.source == TagSource.CONFIRMED, Patent.tags_confirmed.is_(False))


def alliance_patents(alliance_id: int | None, published_only: bool):
    """SELECT of the ids of the patents counting toward ``alliance_id`` (any alliance when
    None)."""
    stmt = select(PatentTag.patent_id).join(Patent, Patent.id == PatentTag.patent_id) \
        .where(tag_counts_clause())
    if alliance_id is not None:
        stmt = stmt.where(PatentTag.alliance_id == alliance_id)
    if published_only:
        stmt = stmt.where(Patent.is_published.is_(True))
    return stmt


def pct_clause():
    """The patent's application number has kind digit 8 or 9 (position 5 of the twelve
    digits since 2003, position 3 of the eight digits before)."""
    number = Patent.application_number
    digit = func.substr(number, 5, 1)
    old_digit = func.substr(number, 3, 1)
    return or_(and_(func.length(number) > 10, digit.in_(PCT_KIND_DIGITS)),
               and_(func.length(number) <= 10, old_digit.in_(PCT_KIND_DIGITS)))


def member_ids(alliance_id: int):
    """SELECT of the ids of the alliance's active member organisations."""
    return select(Membership.organization_id).where(
        Membership.alliance_id == alliance_id, Membership.status == MembershipStatus.ACTIVE)


def members_by_sector(alliance_id: int) -> dict[Sector, int]:
    rows = db.session.execute(
        select(Organization.sector, func.count()).select_from(Membership)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Membership.alliance_id == alliance_id,
               Membership.status == MembershipStatus.ACTIVE)
        .group_by(Organization.sector))
    return {sector: count for sector, count in rows}


def member_trend(alliance_id: int, until: int | None = None) -> dict[int, dict[Sector, int]]:
    """Active members by sector at the end of each year, by the year each began (cumulative),
    from the first start to ``until`` (this year)."""
    start = func.coalesce(Membership.decided_at, Membership.requested_at)
    rows = db.session.execute(
        select(extract("year", start), Organization.sector, func.count())
        .select_from(Membership)
        .join(Organization, Organization.id == Membership.organization_id)
        .where(Membership.alliance_id == alliance_id,
               Membership.status == MembershipStatus.ACTIVE)
        .group_by(extract("year", start), Organization.sector))
    began: dict[int, dict[Sector, int]] = defaultdict(dict)
    for year, sector, count in rows:
        began[int(year)][sector] = count
    if not began:
        return {}
    last = max(until or date.today().year, max(began))
    trend, running = {}, defaultdict(int)
    for year in range(min(began), last + 1):
        for sector, count in began.get(year, {}).items():
            running[sector] += count
        trend[year] = dict(running)
    return trend


def patents_by_kind_status(alliance_id: int, published_only: bool) \
        -> dict[tuple[PatentKind, PatentStatus], int]:
    rows = db.session.execute(
        select(Patent.kind, Patent.status, func.count()).where(
            Patent.id.in_(alliance_patents(alliance_id, published_only)))
        .group_by(Patent.kind, Patent.status))
    return {(kind, status): count for kind, status, count in rows}


def granted_inventions(alliance_id: int | None, published_only: bool = True) -> int:
    """Invention patents in force now (status granted) counting toward the alliance."""
    return db.session.scalar(select(func.count()).select_from(Patent).where(
        Patent.id.in_(alliance_patents(alliance_id, published_only)),
        Patent.kind == PatentKind.INVENTION, Patent.status == PatentStatus.GRANTED)) or 0


def pct_by_year(alliance_id: int | None, published_only: bool) -> dict[int, int]:
    """PCT applications (see :func:`pct_clause`) by filing year; those without a filing date
    are left out."""
    year = extract("year", Patent.filing_date)
    rows = db.session.execute(
        select(year, func.count()).where(
            Patent.id.in_(alliance_patents(alliance_id, published_only)), pct_clause(),
            Patent.filing_date.is_not(None)).group_by(year))
    return {int(y): count for y, count in sorted(rows, key=lambda row: row[0])}


def listings_by_status(alliance_id: int, public_only: bool) -> dict[ListingStatus, int]:
    """Listings the alliance's members offer; only listed public ones with ``public_only``."""
    stmt = select(Listing.status, func.count()).where(
        Listing.organization_id.in_(member_ids(alliance_id)))
    if public_only:
        stmt = stmt.where(Listing.status == ListingStatus.LISTED,
                          Listing.visibility == Visibility.PUBLIC)
    return dict(db.session.execute(stmt.group_by(Listing.status)).all())


def requests_by_outcome(alliance_id: int) -> dict[str, int]:
    """Licence requests (not drafts) on the members' listings, grouped as REQUEST_OUTCOMES."""
    rows = dict(db.session.execute(
        select(LicenceRequest.status, func.count()).join(Listing)
        .where(Listing.organization_id.in_(member_ids(alliance_id)),
               LicenceRequest.status != RequestStatus.DRAFT)
        .group_by(LicenceRequest.status)).all())
    return {outcome: sum(rows.get(s, 0) for s in statuses)
            for outcome, statuses in REQUEST_OUTCOMES.items()}


def licences_in_force(alliance_id: int, today: date | None = None) -> int:
    """Active licences granted by a member whose term includes ``today``."""
    today = today or date.today()
    return db.session.scalar(select(func.count()).select_from(Licence).where(
        Licence.licensor_id.in_(member_ids(alliance_id)),
        Licence.status == LicenceStatus.ACTIVE,
        Licence.start_date <= today, Licence.end_date >= today)) or 0


def royalty_by_year(alliance_id: int) -> dict[int, Decimal]:
    """Royalty payments received on licences a member granted, by year received."""
    year = extract("year", Payment.received_on)
    rows = db.session.execute(
        select(year, func.sum(Payment.amount)).join(Licence, Licence.id == Payment.licence_id)
        .where(Licence.licensor_id.in_(member_ids(alliance_id))).group_by(year))
    return {int(y): Decimal(total).quantize(Decimal("0.01"))
            for y, total in sorted(rows, key=lambda row: row[0])}


def alliance_dashboard(alliance_id: int, full: bool) -> dict:
    """Every figure of the dashboard; without ``full`` only what the public may see
    (published patents, public listings, no requests, no royalties)."""
    data = {
        "members": members_by_sector(alliance_id),
        "trend": member_trend(alliance_id),
        "patents": patents_by_kind_status(alliance_id, published_only=not full),
        "granted_inventions": granted_inventions(alliance_id, published_only=not full),
        "pct": pct_by_year(alliance_id, published_only=not full),
        "listings": listings_by_status(alliance_id, public_only=not full),
        "licences_in_force": licences_in_force(alliance_id),
    }
    if full:
        data["requests"] = requests_by_outcome(alliance_id)
        data["royalties"] = royalty_by_year(alliance_id)
    return data
