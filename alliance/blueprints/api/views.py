"""Read-only JSON API: the public alliance directory and the patent catalogue."""

from flask import Blueprint, abort, request
from flask_login import current_user

from ...extensions import db
from ...models import Sector
from ...services import catalogue, directory, listings
from ..patents.params import catalogue_query, page_args

bp = Blueprint("api", __name__)

API_MAX_PER_PAGE = 100


def _alliance_json(alliance, counts):
    by_sector = {sector.value: counts.get(sector, 0) for sector in Sector}
    return {
        "code": alliance.code,
        "name_zh": alliance.name_zh,
        "name_en": alliance.name_en,
        "members": sum(by_sector.values()),
        "members_by_sector": by_sector,
    }


@bp.route("/alliances")
def alliances():
    counts = directory.member_counts_by_sector()
    return {"alliances": [_alliance_json(a, counts.get(a.id, {}))
                          for a in directory.all_alliances()]}


@bp.route("/alliances/<code>")
def alliance(code: str):
    found = directory.alliance_by_code(code)
    if found is None:
        abort(404)
    data = _alliance_json(found, directory.member_counts_by_sector().get(found.id, {}))
    members = db.session.scalars(directory.active_members(found))
    data["member_organisations"] = [
        {"id": m.organization_id, "name_zh": m.organization.name_zh,
         "name_en": m.organization.name_en, "sector": m.organization.sector.value,
         "role": m.role.value}
        for m in members
    ]
    return data


def patent_json(patent, listing=None) -> dict:
    """A patent as the catalogue API gives it, with its listing (or null)."""
    return {
        "id": patent.id,
        "application_number": patent.application_number,
        "title": patent.title,
        "kind": patent.kind.value,
        "status": patent.status.value,
        "legal_status": patent.legal_status,
        "filing_date": patent.filing_date.isoformat() if patent.filing_date else None,
        "publication_date": patent.publication_date.isoformat()
        if patent.publication_date else None,
        "grant_date": patent.grant_date.isoformat() if patent.grant_date else None,
        "ipc": patent.ipc,
        "owners": [{"name": o.name, "share": str(o.share), "organization_id": o.organization_id}
                   for o in patent.owners],
        "alliances": [t.alliance.code for t in patent.tags
                      if t.source.value == "confirmed"],
        "listing": listings.listing_json(listing) if listing is not None else None,
    }


@bp.route("/patents")
def patents():
    """The catalogue as JSON, with the same visibility rules as the page; ``total`` is a
    lower bound when ``total_exact`` is false (a text search with more than
    alliance.services.catalogue.COUNT_CAP matches)."""
    query = catalogue_query(request.args)
    page, per_page = page_args(request.args, 20, API_MAX_PER_PAGE)
    found = catalogue.search(query, current_user, page, per_page)
    listed = listings.listings_for([p.id for p in found.items], current_user)
    return {"total": found.total, "total_exact": found.exact, "page": page,
            "per_page": per_page, "items": [patent_json(p, listed.get(p.id)) for p in found.items]}
