"""Names for the ids an audit page shows, looked up in bulk: one query per kind of record
for a whole page of events, never one per row."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Alliance, Coordinatorship, Invitation, Membership, Organization, User

#: which kind of record an id field of before/after points to
ID_FIELDS = {
    "organization_id": "organization", "alliance_id": "alliance", "user_id": "user",
    "decided_by_id": "user", "accepted_by_id": "user", "created_by_id": "user",
    "requested_by_id": "user", "appointed_by_id": "user",
}
MODELS = {"organization": Organization, "alliance": Alliance, "user": User,
          "membership": Membership, "coordinatorship": Coordinatorship,
          "invitation": Invitation}
LOADERS = {
    "membership": (selectinload(Membership.organization), selectinload(Membership.alliance)),
    "coordinatorship": (selectinload(Coordinatorship.user),
                        selectinload(Coordinatorship.alliance)),
    "invitation": (selectinload(Invitation.organization), selectinload(Invitation.alliance)),
}


class NameBook:
    """The records behind a page of audit events, loaded once."""

    def __init__(self, events) -> None:
        wanted: dict[str, set[int]] = defaultdict(set)
        for event in events:
            if event.object_type in MODELS and event.object_id is not None:
                wanted[event.object_type].add(event.object_id)
            for values in (event.before or {}, event.after or {}):
                for field, value in values.items():
                    if field in ID_FIELDS and isinstance(value, int):
                        wanted[ID_FIELDS[field]].add(value)
        self.records: dict[str, dict[int, object]] = {}
        for kind, ids in wanted.items():
            model = MODELS[kind]
            query = db.select(model).where(model.id.in_(ids)).options(*LOADERS.get(kind, ()))
            self.records[kind] = {record.id: record for record in db.session.scalars(query)}

    def get(self, kind: str, record_id):
        return self.records.get(kind, {}).get(record_id)

    def name(self, kind: str, record_id) -> str | None:
        """A person's, organisation's or alliance's name in the current language."""
        record = self.get(kind, record_id)
        if record is None:
            return None
        return describe(kind, record)

    def object_name(self, event) -> str | None:
        return self.name(event.object_type, event.object_id)


def describe(kind: str, record) -> str:
    if kind == "user":
        return f"{record.name} <{record.email}>"
    if kind == "membership":
        return f"{record.organization.name} → {record.alliance.name}"
    if kind == "coordinatorship":
        return f"{record.user.name} → {record.alliance.name}"
    if kind == "invitation":
        place = record.organization or record.alliance
        return f"{record.email or '—'} → {place.name}" if place else record.email
    return record.name


def object_url(kind: str, record, url_for) -> str | None:
    """Where the object is shown: its page, or the page listing it."""
    if record is None:
        return None
    if kind == "organization":
        return url_for("orgs.detail", org_id=record.id)
    if kind == "alliance":
        return url_for("alliances.detail", code=record.code)
    if kind == "user":
        return url_for("admin.users", q=record.email)
    if kind == "membership":
        return url_for("alliances.requests", code=record.alliance.code)
    if kind == "coordinatorship":
        return url_for("admin.coordinators")
    if kind == "invitation":
        if record.organization_id is not None:
            return url_for("orgs.invitations", org_id=record.organization_id)
        return url_for("admin.coordinators")
    return None
