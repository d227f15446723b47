"""The editable mapping from strategic-emerging-industry categories (SEI codes) and WIPO
technology fields to the ten alliances. The shipped defaults (alliance/data/*_alliance_map.csv)
apply to a scheme until a platform administrator saves it; from then on the database holds it.
Changing it re-suggests the tags of patents whose owners have not confirmed theirs, through
``flask --app wsgi patents retag``."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..caching import cached, drop_after_commit
from ..classification import load_sei_alliance_map, load_wipo_alliance_map
from ..classification.mappings import ipc_wipo_rows, sei_categories
from ..extensions import db
from ..models import Alliance, ClassificationMapping
from . import ServiceError
from .audit import record

SCHEMES = ("sei", "wipo")
MAPPING_KEY = "classification-mapping"


@dataclass(frozen=True)
class MappingLine:
    key: str  # "4", "4.1" or a WIPO field number "16"
    label: str
    alliances: frozenset[str]


class _WholeMapping:
    """The mapping as one object of the audit trail (object id 0)."""

    __tablename__ = "classification_mapping"
    id = 0


def _defaults(scheme: str) -> dict[str, tuple[str, ...]]:
    loaded = load_sei_alliance_map() if scheme == "sei" else load_wipo_alliance_map()
    return {str(key): tuple(codes) for key, codes in loaded.items()}


def _stored() -> dict[str, dict[str, list[str]]]:
    rows = db.session.execute(select(ClassificationMapping.scheme, ClassificationMapping.key,
                                     Alliance.code).join(Alliance)).all()
    stored: dict[str, dict[str, list[str]]] = {}
    for scheme, key, code in rows:
        stored.setdefault(scheme, {}).setdefault(key, []).append(code)
    return stored


def current_maps() -> dict[str, dict[str, tuple[str, ...]]]:
    """{scheme: {key: alliance codes}}: what the database holds, else the defaults."""
    def load():
        stored = _stored()
        return {scheme: {k: tuple(v) for k, v in stored[scheme].items()}
                if scheme in stored else _defaults(scheme) for scheme in SCHEMES}
    return cached(MAPPING_KEY, load)


def keys(scheme: str) -> list[tuple[str, str]]:
    """(key, label) of every category of the scheme, in order."""
    if scheme == "sei":
        found: dict[str, str] = {}
        for category in sei_categories():
            top = category.code.split(".")[0]
            found.setdefault(top, f"{top}")
            found[category.code] = f"{category.code} {category.name}"
        return sorted(found.items(), key=lambda kv: [int(p) for p in kv[0].split(".")])
    fields: dict[str, str] = {}
    for row in ipc_wipo_rows():
        fields.setdefault(str(int(row["Field_number"])), f"{row['Field_number']} "
                                                         f"{row['Field_en']}")
    return sorted(fields.items(), key=lambda kv: int(kv[0]))


def lines(scheme: str) -> list[MappingLine]:
    current = current_maps()[scheme]
    return [MappingLine(key, label, frozenset(current.get(key, ()))) for key, label in keys(scheme)]


def save(actor, scheme: str, chosen: dict[str, set[str]]) -> bool:
    """Replace the scheme's mapping with ``chosen`` ({key: alliance codes}); audited.
    Returns whether anything changed."""
    if not getattr(actor, "is_platform_admin", False):
        raise ServiceError(_l("Only a platform administrator changes the mapping."), 403)
    if scheme not in SCHEMES:
        raise ServiceError(_l("Unknown classification scheme."), 404)
    known_keys = {key for key, _label in keys(scheme)}
    alliances = {a.code: a for a in db.session.scalars(select(Alliance))}
    if set(chosen) - known_keys or any(set(codes) - set(alliances)
                                       for codes in chosen.values()):
        raise ServiceError(_l("Choose categories and alliances from the table."))
    before = {k: sorted(v) for k, v in current_maps()[scheme].items() if v}
    after = {k: sorted(v) for k, v in chosen.items() if v}
    if before == after and scheme in _stored():
        return False
    db.session.execute(db.delete(ClassificationMapping).where(
        ClassificationMapping.scheme == scheme))
    db.session.add_all(ClassificationMapping(scheme=scheme, key=key, alliance_id=alliances[c].id)
                       for key, codes in after.items() for c in codes)
    db.session.flush()
    record(actor, f"classification.{scheme}_mapping_changed", _WholeMapping(),
           {"mapping": before}, {"mapping": after})
    drop_after_commit(MAPPING_KEY)
    return True
