"""Which alliances a patent serves: suggested from its IPC symbols and text through the
editable classification mapping, confirmed or edited by its owner."""

from __future__ import annotations

import json
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..classification import suggest_alliances
from ..extensions import db
from ..models import Alliance, Patent, PatentTag, TagSource
from . import ServiceError
from .audit import record as audit
from .classification_mapping import current_maps


def mappings() -> tuple[dict, dict]:
    """(SEI code → alliance codes, WIPO field number → alliance codes) in force."""
    current = current_maps()
    return current["sei"], {int(k): v for k, v in current["wipo"].items()}


def _alliances_by_code() -> dict[str, Alliance]:
    return {a.code: a for a in db.session.scalars(select(Alliance))}


def suggest_tags(patent: Patent) -> list[PatentTag]:
    """Replace the patent's suggested tags with fresh suggestions (confirmed tags stay)."""
    sei, wipo = mappings()
    suggestions = suggest_alliances(patent.ipc, patent.title, patent.abstract, sei, wipo)
    alliances = _alliances_by_code()
    wanted: dict[int, tuple] = {}
    for suggestion in suggestions:
        alliance = alliances.get(suggestion.alliance)
        if alliance is not None:
            wanted.setdefault(alliance.id, (alliance, suggestion))
    current = {t.alliance_id: t for t in patent.tags if t.alliance_id is not None}
    for tag in list(patent.tags):
        if tag.source is TagSource.SUGGESTED and tag.alliance_id not in wanted:
            patent.tags.remove(tag)
    for alliance_id, (alliance, suggestion) in wanted.items():
        tag = current.get(alliance_id)
        if tag is None:
            tag = PatentTag(alliance=alliance, source=TagSource.SUGGESTED)
            patent.tags.append(tag)
        elif tag.source is TagSource.CONFIRMED:
            continue
        tag.score = Decimal(str(round(suggestion.score, 3)))
        tag.reasons = json.dumps([list(r) for r in suggestion.reasons], ensure_ascii=False)
    return patent.tags


def confirm_tags(actor, patent: Patent, alliance_ids: set[int]) -> None:
    """The owner settles the alliances the patent serves: exactly ``alliance_ids``."""
    if not patent.can_edit(actor):
        raise ServiceError(_l("Only an administrator of an owning organisation may do this."),
                           status=403)
    known = set(db.session.scalars(select(Alliance.id).where(Alliance.id.in_(alliance_ids))))
    if known != set(alliance_ids):
        raise ServiceError(_l("Choose alliances from the list."), field="alliances")
    before = sorted(t.alliance_id for t in patent.tags if t.source is TagSource.CONFIRMED)
    for tag in list(patent.tags):
        if tag.alliance_id in alliance_ids:
            tag.source = TagSource.CONFIRMED
        else:
            patent.tags.remove(tag)
    held = {t.alliance_id for t in patent.tags}
    patent.tags += [PatentTag(alliance_id=a, source=TagSource.CONFIRMED)
                    for a in sorted(alliance_ids - held)]
    patent.tags_confirmed = True
    db.session.flush()
    audit(actor, "patent.tags_confirmed", patent, before={"alliances": before},
          after={"alliances": sorted(alliance_ids)})


def retag_unconfirmed(batch: int = 500) -> int:
    """Re-suggest the tags of every patent whose owner has not confirmed them (after the
    mapping changed); returns how many patents were looked at. Flushes per batch."""
    count, last_id = 0, 0
    while True:
        rows = db.session.scalars(select(Patent).where(
            Patent.tags_confirmed.is_(False), Patent.id > last_id)
            .order_by(Patent.id).limit(batch)).all()
        if not rows:
            return count
        for patent in rows:
            suggest_tags(patent)
        db.session.flush()
        count += len(rows)
        last_id = rows[-1].id
