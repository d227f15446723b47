"""Alliance notices: a coordinator publishes (and may withdraw) notices to the members of
an alliance they coordinate; members read them in their workspace and on the notices
page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Alliance
from ..models.notices import Notice, NoticeKind, NoticeStatus, member_alliance_ids
from ..models.types import utcnow
from . import ServiceError
from .audit import record, snapshot
from .transitions import transition

FIELDS = ["status", "alliance_id", "kind", "title"]
TITLE_MAX, BODY_MAX = 300, 20000


def publish(actor, alliance: Alliance, kind: NoticeKind, title: str, body: str) -> Notice:
    """Publish a notice to ``alliance`` (its coordinators and platform admins only)."""
    if not alliance.can_manage(actor):
        raise ServiceError(_l("Only a coordinator of the alliance may publish its notices."),
                           403, field="alliance")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ServiceError(_l("Give the notice a title."), field="title")
    if len(title) > TITLE_MAX or len(body) > BODY_MAX:
        raise ServiceError(_l("The notice is too long."), field="body")
    notice = Notice(alliance_id=alliance.id, kind=kind, title=title, body=body,
                    status=NoticeStatus.PUBLISHED, created_by_id=actor.id,
                    created_at=utcnow())
    db.session.add(notice)
    db.session.flush()
    record(actor, "notice.published", notice, None, snapshot(notice, FIELDS))
    return notice


def withdraw(actor, notice: Notice) -> Notice:
    if not notice.can_manage(actor):
        raise ServiceError(_l("Only a coordinator of the alliance may withdraw its notices."),
                           403)
    return transition(notice, Notice.status, NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN,
                      actor, action="notice.withdrawn", fields=FIELDS,
                      conflict=_l("The notice is already withdrawn."))


def visible_query(user):
    """Notices ``user`` reads, newest first: published ones of their alliances, and every
    notice of the alliances they coordinate (all, for a platform admin)."""
    stmt = select(Notice).options(selectinload(Notice.alliance)).order_by(
        Notice.created_at.desc(), Notice.id.desc())
    if user.is_platform_admin:
        return stmt
    managed = [a.id for a in user.coordinated_alliances()] or [-1]
    readable = list(member_alliance_ids(user)) or [-1]
    return stmt.where(((Notice.status == NoticeStatus.PUBLISHED)
                       & Notice.alliance_id.in_(readable)) | Notice.alliance_id.in_(managed))


def latest_for(user, count: int = 5) -> list[Notice]:
    """The newest published notices of the user's alliances (for the workspace)."""
    if not user.is_authenticated:
        return []
    readable = list(member_alliance_ids(user))
    if not readable:
        return []
    return list(db.session.scalars(select(Notice).where(
        Notice.status == NoticeStatus.PUBLISHED, Notice.alliance_id.in_(readable))
        .options(selectinload(Notice.alliance))
        .order_by(Notice.created_at.desc(), Notice.id.desc()).limit(count)))
