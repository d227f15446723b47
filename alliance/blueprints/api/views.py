"""Read-only JSON API for the public alliance directory."""

from flask import Blueprint, abort

from ...extensions import db
from ...models import Sector
from ...services import directory

bp = Blueprint("api", __name__)


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
