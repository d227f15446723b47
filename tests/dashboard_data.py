"""A small data set for the dashboards, and the same figures counted in plain Python from
the rows (not through the services' queries)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

from alliance.extensions import db
from alliance.models import (
    Licence,
    LicenceRequest,
    LicenceStatus,
    Listing,
    ListingStatus,
    Membership,
    MembershipStatus,
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
from alliance.services.directory import alliance_by_code
from alliance.services.licence_requests import accept

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory, make_coordinator
from .patent_helpers import make_listing, make_patent, make_request


def _member(alliance, sector, year, status=MembershipStatus.ACTIVE):
    admin = OrgAdminFactory(organization=OrganizationFactory(sector=sector))
    MembershipFactory(organization=admin.organization, alliance=alliance, status=status,
                      decided_at=datetime(year, 6, 1, tzinfo=UTC))
    return admin


def _patent(admin, alliances, *, source=TagSource.CONFIRMED, confirmed=None, kind_digit="1",
            filing=date(2009, 3, 1), grant=date(2010, 5, 1), status=None, published=True,
            expiry=None, fees_paid_until=None):
    patent = make_patent(admin, kind_digit=kind_digit, published=published,
                         granted=grant is not None, filing_date=filing, grant_date=grant,
                         publication_date=filing.replace(month=9) if published else None)
    patent.tags.clear()
    db.session.flush()
    patent.tags += [PatentTag(alliance_id=a.id, source=source) for a in alliances]
    patent.tags_confirmed = (source is TagSource.CONFIRMED) if confirmed is None else confirmed
    if status is not None:
        patent.status = status
    if expiry is not None:
        patent.expiry_date = expiry
    patent.fees_paid_until = fees_paid_until
    db.session.commit()
    return patent


def build() -> dict:
    """Two alliances (nev, newmaterials), members of each sector over several years, patents
    of every counting case, listings, requests, licences and payments."""
    nev, other = alliance_by_code("nev"), alliance_by_code("biomedicine")
    uni = _member(nev, Sector.UNIVERSITY, 2012)
    firm = _member(nev, Sector.ENTERPRISE, 2014)
    _member(nev, Sector.ENTERPRISE, 2016)
    _member(nev, Sector.RESEARCH_INSTITUTE, 2016)
    _member(nev, Sector.ENTERPRISE, 2015, MembershipStatus.PENDING)  # not counted
    _member(nev, Sector.UNIVERSITY, 2013, MembershipStatus.LEFT)  # not counted
    outsider = _member(other, Sector.ENTERPRISE, 2011)
    coordinator = make_coordinator(nev)
    # patents: confirmed, suggested (unconfirmed), suggested on a confirmed patent (ignored)
    _patent(uni, [nev])  # invention granted 2010, in force
    _patent(uni, [nev, other], source=TagSource.SUGGESTED)  # counts for both, once in total
    _patent(uni, [nev], source=TagSource.SUGGESTED, confirmed=True)  # counts nowhere
    _patent(uni, [nev], grant=date(2013, 2, 1))
    _patent(firm, [nev], grant=date(2014, 2, 1), status=PatentStatus.LAPSED,
            fees_paid_until=date(2016, 3, 1))  # owned at the end of 2014 and 2015
    _patent(firm, [nev], filing=date(2006, 3, 1), grant=date(2009, 2, 1),
            status=PatentStatus.EXPIRED,
            expiry=date(2012, 1, 1))  # owned 2010 and 2011 only
    _patent(firm, [nev], grant=date(2011, 2, 1), status=PatentStatus.INVALIDATED)  # never
    _patent(firm, [nev], kind_digit="2", grant=date(2011, 1, 1))  # utility model
    _patent(firm, [nev], kind_digit="8", filing=date(2010, 4, 1), grant=None,
            status=PatentStatus.PENDING)  # PCT 2010
    _patent(firm, [nev], kind_digit="8", filing=date(2015, 4, 1), grant=None,
            status=PatentStatus.PENDING)  # PCT 2015
    _patent(firm, [nev], kind_digit="9", filing=date(2015, 6, 1), grant=None,
            status=PatentStatus.PENDING, published=False)  # PCT 2015, unpublished
    _patent(outsider, [other], kind_digit="8", filing=date(2010, 7, 1), grant=None,
            status=PatentStatus.PENDING)
    _patent(uni, [nev], grant=None, status=PatentStatus.PENDING, published=False,
            filing=date(2020, 1, 1))  # unpublished invention application
    # listings, requests, licences, payments
    shown = make_patent(uni, filing_date=date(2018, 1, 1))
    listing = make_listing(uni, [shown])
    private = make_listing(firm, [make_patent(firm)], visibility=Visibility.ALLIANCE_MEMBERS)
    make_listing(outsider, [make_patent(outsider)])  # not a member's
    open_request, _ = make_request(listing)
    rejected, _ = make_request(listing, territory="辽宁省")
    rejected.status = RequestStatus.REJECTED
    licensed, _ = make_request(listing, territory="吉林省")
    licence = accept(uni, licensed)
    draft = LicenceRequest(listing=private, requester=outsider.organization,
                           status=RequestStatus.DRAFT, kind=open_request.kind,
                           start_date=date.today(), end_date=date.today())
    db.session.add(draft)
    db.session.add_all([
        Payment(licence=licence, amount=Decimal("1000.50"), received_on=date(2024, 3, 1)),
        Payment(licence=licence, amount=Decimal("250.25"), received_on=date(2024, 9, 1)),
        Payment(licence=licence, amount=Decimal("99.99"), received_on=date(2025, 1, 2)),
    ])
    db.session.commit()
    return {"nev": nev, "other": other, "uni": uni, "firm": firm, "outsider": outsider,
            "coordinator": coordinator, "licence": licence}


# --- the same figures, counted in Python ------------------------------------------------

def counts_toward(patent: Patent, alliance_id: int) -> bool:
    return any(t.alliance_id == alliance_id and (
        t.source is TagSource.CONFIRMED or not patent.tags_confirmed) for t in patent.tags)


def patents_of(alliance_id: int | None, published_only: bool) -> list[Patent]:
    rows = db.session.scalars(db.select(Patent)).all()
    return [p for p in rows if (p.is_published or not published_only) and (
        any(counts_toward(p, t.alliance_id) for t in p.tags) if alliance_id is None
        else counts_toward(p, alliance_id))]


def is_pct(patent: Patent) -> bool:
    number = patent.application_number
    return (number[4] if len(number) > 10 else number[2]) in "89"


def owned_at(patent: Patent, year: int) -> bool:
    end = date(year, 12, 31)
    if patent.kind is not PatentKind.INVENTION or not patent.grant_date or patent.grant_date > end:
        return False
    if patent.status is PatentStatus.GRANTED:
        return patent.expiry_date is None or patent.expiry_date > end
    if patent.status is PatentStatus.EXPIRED:
        return patent.expiry_date > end
    if patent.status is PatentStatus.LAPSED:
        return patent.fees_paid_until is not None and patent.fees_paid_until > end
    return False


def active_members(alliance_id: int) -> list[Membership]:
    return [m for m in db.session.scalars(db.select(Membership)).all()
            if m.alliance_id == alliance_id and m.status is MembershipStatus.ACTIVE]


def expected_alliance(alliance_id: int, full: bool) -> dict:
    members = active_members(alliance_id)
    member_orgs = {m.organization_id for m in members}
    patents = patents_of(alliance_id, published_only=not full)
    listings = [x for x in db.session.scalars(db.select(Listing)).all()
                if x.organization_id in member_orgs and (full or (
                    x.status is ListingStatus.LISTED and x.visibility is Visibility.PUBLIC))]
    today = date.today()
    licences = [x for x in db.session.scalars(db.select(Licence)).all()
                if x.licensor_id in member_orgs]
    trend: dict[int, Counter] = {}
    first = min(m.decided_at.year for m in members)
    for year in range(first, today.year + 1):
        trend[year] = Counter(m.organization.sector for m in members if m.decided_at.year <= year)
    data = {
        "members": Counter(m.organization.sector for m in members),
        "trend": {y: dict(c) for y, c in trend.items()},
        "patents": Counter((p.kind, p.status) for p in patents),
        "granted_inventions": sum(1 for p in patents if p.kind is PatentKind.INVENTION
                                  and p.status is PatentStatus.GRANTED),
        "pct": dict(sorted(Counter(p.filing_date.year for p in patents
                                   if is_pct(p) and p.filing_date).items())),
        "listings": Counter(x.status for x in listings),
        "licences_in_force": sum(1 for x in licences if x.status is LicenceStatus.ACTIVE
                                 and x.start_date <= today <= x.end_date),
    }
    if full:
        requests = [r for r in db.session.scalars(db.select(LicenceRequest)).all()
                    if r.listing.organization_id in member_orgs
                    and r.status is not RequestStatus.DRAFT]
        groups = {"licensed": RequestStatus.LICENSED, "rejected": RequestStatus.REJECTED,
                  "withdrawn": RequestStatus.WITHDRAWN, "expired": RequestStatus.EXPIRED}
        data["requests"] = {name: sum(1 for r in requests if r.status is status)
                            for name, status in groups.items()}
        data["requests"]["open"] = len(requests) - sum(data["requests"].values())
        royalties: dict[int, Decimal] = defaultdict(Decimal)
        for payment in db.session.scalars(db.select(Payment)).all():
            if payment.licence.licensor_id in member_orgs:
                royalties[payment.received_on.year] += payment.amount
        data["royalties"] = dict(sorted(royalties.items()))
    return data
