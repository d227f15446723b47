"""Concurrent requests cannot break the invariants (real threads, separate sessions)."""

import threading

from alliance.models import Membership, MembershipStatus
from alliance.services import ServiceError
from alliance.services.directory import alliance_by_code
from alliance.services.memberships import decide_membership, request_membership

from .factories import MembershipFactory, OrgAdminFactory, OrganizationFactory, make_coordinator


def run_concurrently(app, work, times: int = 2) -> list:
    """Run ``work()`` in ``times`` threads, each in its own app context (own db session),
    released together; return what each returned or raised."""
    from alliance.extensions import db

    barrier = threading.Barrier(times)
    results: list = [None] * times

    def runner(index):
        with app.app_context():
            barrier.wait()
            try:
                results[index] = work()
                db.session.commit()
            except ServiceError as error:
                db.session.rollback()
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_simultaneous_join_requests_make_one_membership(app, db):
    org_admin = OrgAdminFactory()
    admin_id, org_id = org_admin.id, org_admin.organization_id

    def ask():
        from alliance.extensions import db as session_db
        from alliance.models import Organization, User

        actor = session_db.session.get(User, admin_id)
        org = session_db.session.get(Organization, org_id)
        return request_membership(actor, org, alliance_by_code("nev")).id

    results = run_concurrently(app, ask)
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, ServiceError) and r.status == 409 for r in results) == 1
    rows = db.session.scalars(db.select(Membership).filter_by(organization_id=org_id)).all()
    assert len(rows) == 1


def test_two_simultaneous_decisions_one_wins(app, db):
    nev = alliance_by_code("nev")
    membership = MembershipFactory(alliance=nev, organization=OrganizationFactory())
    first, second = make_coordinator(nev), make_coordinator(nev)
    ids = iter([(first.id, True), (second.id, False)])
    lock = threading.Lock()

    def decide():
        from alliance.extensions import db as session_db
        from alliance.models import User

        with lock:
            user_id, approve = next(ids)
        actor = session_db.session.get(User, user_id)
        target = session_db.session.get(Membership, membership.id)
        decide_membership(actor, target, approve, reason="" if approve else "no")
        return user_id

    results = run_concurrently(app, decide)
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1
    assert sum(isinstance(r, ServiceError) and r.status == 409 for r in results) == 1
    db.session.refresh(membership)
    expected = MembershipStatus.ACTIVE if winners[0] == first.id else MembershipStatus.REJECTED
    assert membership.status is expected and membership.decided_by_id == winners[0]


def test_two_admins_removing_each_other_leave_one(app, db):
    from alliance.models import Role, User
    from alliance.services.people import set_active

    first = OrgAdminFactory()
    second = OrgAdminFactory(organization=first.organization)
    pairs = iter([(first.id, second.id), (second.id, first.id)])
    lock = threading.Lock()

    def remove_the_other():
        from alliance.extensions import db as session_db

        with lock:
            actor_id, target_id = next(pairs)
        actor = session_db.session.get(User, actor_id)
        set_active(actor, session_db.session.get(User, target_id), False)
        return actor_id

    results = run_concurrently(app, remove_the_other)
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, ServiceError) and r.status in (403, 409) for r in results) == 1
    active_admins = db.session.scalar(db.select(db.func.count(User.id)).where(
        User.organization_id == first.organization_id, User.role == Role.ORG_ADMIN,
        User.active.is_(True)))
    assert active_admins == 1


def test_simultaneous_acceptances_of_overlapping_exclusive_requests_make_one_licence(app, db):
    from alliance.models import LicenceRequest, User
    from alliance.models.licensing import Licence

    from .patent_helpers import make_listing, make_patent, make_request

    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner)])
    request_ids = iter([make_request(listing)[0].id, make_request(listing)[0].id])
    owner_id = owner.id
    lock = threading.Lock()

    def accept_one():
        from alliance.extensions import db as session_db
        from alliance.services.licence_requests import accept

        with lock:
            request_id = next(request_ids)
        actor = session_db.session.get(User, owner_id)
        return accept(actor, session_db.session.get(LicenceRequest, request_id)).id

    results = run_concurrently(app, accept_one)
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, ServiceError) and r.status == 409 for r in results) == 1
    assert db.session.query(Licence).count() == 1
