"""IPC watches: an organisation (its administrators) or an alliance (its coordinators)
watches IPC subclasses; each warnings run flags the new patents in them of non-members.

A patent is new for a watch when it is published and was recorded on the platform after
the watch's last check, or its publication date is on or after the day of that check (a
patent published since then); the unique key of a warning makes an overlap harmless. It is
a non-member's when none of its owners is inside: for an alliance, its active members; for
an organisation, itself and the active members of the alliances it is an active member
of. Unpublished applications are never flagged (only their owners may see them).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from .. import warning_rules as rules
from ..extensions import db
from ..models import (
    Alliance,
    IpcWatch,
    Membership,
    MembershipStatus,
    Organization,
    Patent,
    PatentIpc,
    WarningKind,
)
from ..models.types import utcnow
from ..validators import ValidationError, parse_ipc_subclass
from . import Conflict, ServiceError
from .audit import record, snapshot

WATCH_FIELDS = ["organization_id", "alliance_id", "subclass"]


def watches_of(watcher: Organization | Alliance) -> list[IpcWatch]:
    """The organisation's or alliance's watches, by subclass."""
    column = IpcWatch.organization_id if isinstance(watcher, Organization) \
        else IpcWatch.alliance_id
    return list(db.session.scalars(select(IpcWatch).where(column == watcher.id)
                                   .order_by(IpcWatch.subclass)))


def may_manage(actor, watcher: Organization | Alliance) -> bool:
    """An organisation's admins manage its watches; an alliance's coordinators (and
    platform admins) the alliance's."""
    if isinstance(watcher, Organization):
        return watcher.is_admin(actor)
    return watcher.can_manage(actor)


def add_watch(actor, watcher: Organization | Alliance, text: str) -> IpcWatch:
    """Watch the IPC subclass ``text`` (e.g. " h01m " → H01M). 403 for anyone who may not
    manage the watcher's watches, 400 for a subclass that does not parse, 409 when it is
    already watched."""
    if not may_manage(actor, watcher):
        raise ServiceError(_l("Only an administrator of the organisation, or a coordinator "
                              "of the alliance, manages its IPC watches."), 403)
    try:
        subclass = parse_ipc_subclass(text or "")
    except ValidationError as error:
        raise ServiceError(_l(error.template, **error.params), field="subclass") from None
    if any(w.subclass == subclass for w in watches_of(watcher)):
        raise Conflict(_l("%(subclass)s is already watched.", subclass=subclass),
                       field="subclass")
    is_org = isinstance(watcher, Organization)
    watch = IpcWatch(organization_id=watcher.id if is_org else None,
                     alliance_id=None if is_org else watcher.id, subclass=subclass,
                     created_by_id=actor.id, checked_at=utcnow())
    db.session.add(watch)
    db.session.flush()
    record(actor, "ipc_watch.added", watch, None, snapshot(watch, WATCH_FIELDS))
    return watch


def remove_watch(actor, watch: IpcWatch) -> None:
    """Stop watching (403 unless ``watch.can_manage(actor)``); the warnings it raised stay."""
    if not watch.can_manage(actor):
        raise ServiceError(_l("Only an administrator of the organisation, or a coordinator "
                              "of the alliance, manages its IPC watches."), 403)
    record(actor, "ipc_watch.removed", watch, snapshot(watch, WATCH_FIELDS), None)
    db.session.delete(watch)
    db.session.flush()


def _active_members(alliance_ids) -> set[int]:
    return set(db.session.scalars(select(Membership.organization_id).where(
        Membership.alliance_id.in_(list(alliance_ids) or [-1]),
        Membership.status == MembershipStatus.ACTIVE)))


def inside_of(watch: IpcWatch) -> set[int]:
    """The organisations whose patents the watch does not flag."""
    if watch.alliance_id is not None:
        return _active_members([watch.alliance_id])
    alliances = db.session.scalars(select(Membership.alliance_id).where(
        Membership.organization_id == watch.organization_id,
        Membership.status == MembershipStatus.ACTIVE))
    return _active_members(alliances) | {watch.organization_id}


def new_patents(watch: IpcWatch) -> list[Patent]:
    """Published patents in the watched subclass recorded or published since the last
    check."""
    since = watch.checked_at
    return list(db.session.scalars(
        select(Patent).where(
            Patent.is_published.is_(True),
            Patent.id.in_(select(PatentIpc.patent_id).where(
                PatentIpc.subclass == watch.subclass)),
            or_(Patent.created_at > since, Patent.publication_date >= since.date()))
        .options(selectinload(Patent.owners)).order_by(Patent.id)))


def flag_new_patents():
    """The watch warnings of this run (``warnings.Found``), and each watch's check moved
    to now."""
    from .warnings import Found

    now = utcnow()
    found = []
    for watch in db.session.scalars(select(IpcWatch).order_by(IpcWatch.id)):
        inside = inside_of(watch)
        recipient = ("org", watch.organization_id) if watch.organization_id is not None \
            else ("alliance", watch.alliance_id)
        for patent in new_patents(watch):
            owners = {o.organization_id for o in patent.owners}
            if not rules.outsiders_only(owners, inside):
                continue
            day = patent.publication_date or patent.created_at.date()
            found.append(Found(WarningKind.IPC_WATCH, "patent", patent.id, day, recipient,
                               {"number": patent.application_number, "title": patent.title,
                                "subclass": watch.subclass,
                                "owners": "; ".join(o.name for o in patent.owners)}))
        watch.checked_at = now
    return found
