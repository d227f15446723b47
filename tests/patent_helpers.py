"""Patents, listings and requests built through the services, so every rule holds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from alliance.extensions import db
from alliance.models.listings import LicenceKind, RoyaltyKind, Visibility
from alliance.patent_io.records import parse_patent
from alliance.services import licence_requests, listings
from alliance.services.patents import save_patent
from alliance.services.royalty_terms import Royalty
from alliance.validators import cn_check_char

from .factories import OrgAdminFactory

_serial = iter(range(100000, 999999))


def app_number(kind_digit: str = "1", year: int = 2019) -> str:
    digits = f"{year}{kind_digit}{next(_serial):07d}"
    return f"{digits}.{cn_check_char(digits)}"


def make_patent(admin, title="一种锂电池正极材料及其制备方法", *, owners=None, kind_digit="1",
                published=True, granted=True, ipc="H01M 4/13", abstract="", **extra):
    """A patent of ``admin``'s organisation (owners: "name:share;..." or its name only)."""
    org = admin.organization
    raw = {"application_number": app_number(kind_digit), "title": title,
           "abstract": abstract, "filing_date": date(2019, 3, 15),
           "publication_date": date(2019, 9, 20) if published else None,
           "grant_date": date(2021, 5, 7) if granted else None,
           "ipc": "" if kind_digit == "3" else ipc, "owners": owners or org.name_zh,
           "inventors": "张三;李四", **extra}
    patent, _changed = save_patent(admin, org, parse_patent(raw))
    db.session.commit()
    return patent


LUMP = Royalty(kind=RoyaltyKind.LUMP_SUM, lump_sum=Decimal("200000.00"))


def make_listing(admin, patents, kinds=(LicenceKind.EXCLUSIVE, LicenceKind.SOLE,
                                        LicenceKind.NON_EXCLUSIVE), **offer):
    listing = listings.create_listing(
        admin, admin.organization, list(patents),
        listings.Offer(title=offer.pop("title", "锂电池正极材料专利许可"), kinds=frozenset(kinds),
                       visibility=offer.pop("visibility", Visibility.PUBLIC), **offer),
        LUMP)
    db.session.commit()
    return listing


def proposal(kind=LicenceKind.EXCLUSIVE, field="", territory="", start=None, years=3,
             royalty=LUMP):
    start = start or date.today()
    return licence_requests.Proposal(kind=kind, field_of_use=field, territory=territory,
                                     start_date=start, end_date=start + timedelta(days=365 * years),
                                     royalty=royalty)


def make_request(listing, firm_admin=None, **terms):
    firm_admin = firm_admin or OrgAdminFactory()
    req = licence_requests.create_request(firm_admin, listing, proposal(**terms), "生产动力电池",
                                          "我们希望获得许可。")
    db.session.commit()
    return req, firm_admin
