"""IPC watches flag only new, published patents of non-members in the watched subclass."""

from datetime import date

from sqlalchemy import select

from alliance.models import (
    EarlyWarning,
    IpcWatch,
    MembershipStatus,
    Notification,
    WarningKind,
)
from alliance.services import ipc_watches
from alliance.services.warnings import run

from .factories import MembershipFactory, OrgAdminFactory, make_coordinator
from .patent_helpers import make_patent

TODAY = date(2026, 12, 1)


def _flagged(db, **recipient):
    return [(w.subject_id, w.params["subclass"]) for w in db.session.scalars(
        select(EarlyWarning).filter_by(kind=WarningKind.IPC_WATCH, **recipient)
        .order_by(EarlyWarning.subject_id))]


def _world(alliance):
    """A watching organisation in the alliance, a fellow member, an outsider."""
    watcher, fellow, outsider = OrgAdminFactory(), OrgAdminFactory(), OrgAdminFactory()
    for admin in (watcher, fellow):
        MembershipFactory(organization=admin.organization, alliance=alliance,
                          status=MembershipStatus.ACTIVE)
    return watcher, fellow, outsider


def test_an_organisation_watch_flags_only_new_published_patents_of_outsiders(db, alliance):
    watcher, fellow, outsider = _world(alliance)
    old = make_patent(outsider)  # recorded before the watch: not new
    ipc_watches.add_watch(watcher, watcher.organization, " h01m ")
    db.session.commit()
    flagged = make_patent(outsider)
    make_patent(outsider, published=False, granted=False)  # secret to its owners
    make_patent(fellow)  # a member of the watcher's alliance
    make_patent(watcher)  # its own
    make_patent(outsider, ipc="G06V 10/82")  # another field
    make_patent(outsider, owners=f"{outsider.organization.name_zh};"
                                 f"{fellow.organization.name_zh}")  # shared with a member
    counts = run(TODAY)
    db.session.commit()
    assert counts["new.ipc_watch"] == 1
    assert _flagged(db, organization_id=watcher.organization_id) == [(flagged.id, "H01M")]
    assert old.id != flagged.id
    (note,) = db.session.scalars(select(Notification).filter_by(event="warning.ipc_watch"))
    assert note.user_id == watcher.id and note.params["number"] == flagged.application_number
    # the next run starts from this one: nothing again, the next new patent only
    assert run(TODAY)["new.ipc_watch"] == 0
    later = make_patent(outsider, "一种固态电池电解质")
    run(TODAY)
    db.session.commit()
    assert [s for s, _ in _flagged(db, organization_id=watcher.organization_id)] == [
        flagged.id, later.id]


def test_a_patent_published_since_the_last_run_is_new(db, alliance):
    watcher, _fellow, outsider = _world(alliance)
    application = make_patent(outsider, published=False, granted=False)
    ipc_watches.add_watch(watcher, watcher.organization, "H01M")
    db.session.commit()
    run(TODAY)
    assert _flagged(db) == []
    application.is_published = True
    application.publication_date = date.today()
    db.session.commit()
    run(TODAY)
    db.session.commit()
    assert _flagged(db) == [(application.id, "H01M")]


def test_an_alliance_watch_flags_non_members_for_its_coordinators(db, alliance):
    watcher, fellow, outsider = _world(alliance)
    coordinator = make_coordinator(alliance)
    ipc_watches.add_watch(coordinator, alliance, "H01M")
    db.session.commit()
    flagged = make_patent(outsider)
    make_patent(watcher)
    make_patent(fellow)
    run(TODAY)
    db.session.commit()
    assert _flagged(db, alliance_id=alliance.id) == [(flagged.id, "H01M")]
    (note,) = db.session.scalars(select(Notification).filter_by(event="warning.ipc_watch"))
    assert note.user_id == coordinator.id


def test_removing_a_watch_keeps_its_warnings(db, alliance):
    watcher, _fellow, outsider = _world(alliance)
    watch = ipc_watches.add_watch(watcher, watcher.organization, "H01M")
    db.session.commit()
    make_patent(outsider)
    run(TODAY)
    ipc_watches.remove_watch(watcher, watch)
    db.session.commit()
    assert db.session.scalars(select(IpcWatch)).all() == []
    assert len(_flagged(db)) == 1
