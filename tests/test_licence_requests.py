"""The licence-request workflow: every move, who may make it, conflicts, expiry."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from alliance.models import AuditEvent, Licence, Notification, RequestStatus
from alliance.models.listings import LicenceKind, RoyaltyKind
from alliance.models.types import utcnow
from alliance.services import ServiceError
from alliance.services import licence_requests as flow
from alliance.services.licences import add_months
from alliance.services.royalty_terms import Royalty

from .factories import AdminFactory, OrgAdminFactory, UserFactory
from .patent_helpers import make_listing, make_patent, make_request, proposal


@pytest.fixture
def listing(db):
    owner = OrgAdminFactory()
    return make_listing(owner, [make_patent(owner)]), owner


def test_the_whole_negotiation_ends_in_a_licence(db, listing):
    item, owner = listing
    req, firm = make_request(item)
    assert req.status is RequestStatus.SUBMITTED and req.answer_due is not None
    flow.start_review(owner, req)
    cheaper = proposal(royalty=Royalty(kind=RoyaltyKind.LUMP_SUM, lump_sum=Decimal("300000")))
    flow.counter(owner, req, cheaper, "价格需要调整")
    assert req.status is RequestStatus.COUNTERED and req.lump_sum == Decimal("300000.00")
    flow.revise(firm, req, proposal(royalty=Royalty(kind=RoyaltyKind.LUMP_SUM,
                                                    lump_sum=Decimal("250000"))), "折中")
    flow.counter(owner, req, cheaper, "最终报价")
    licence = flow.accept(firm, req, "同意")
    assert req.status is RequestStatus.LICENSED
    assert licence.kind is LicenceKind.EXCLUSIVE and licence.lump_sum == Decimal("300000.00")
    assert licence.registration_due == add_months(licence.effective_date, 3)
    assert [d.what for d in licence.payments_due] == ["lump_sum"]
    actions = [m.action for m in req.messages]
    assert actions == ["created", "under_review", "countered", "revised", "countered",
                       "accepted"]
    audited = {e.action for e in db.session.query(AuditEvent)}
    assert {"licence_request.submitted", "licence_request.countered", "licence.granted",
            "licence_request.licensed"} <= audited


def test_each_side_hears_of_the_other_sides_moves(db, listing):
    item, owner = listing
    req, firm = make_request(item)
    assert db.session.query(Notification).filter_by(
        user_id=owner.id, event="licence_request_submitted").count() == 1
    flow.counter(owner, req, proposal(), "")
    assert db.session.query(Notification).filter_by(
        user_id=firm.id, event="licence_request_countered").count() == 1


@pytest.mark.parametrize("who, move", [
    ("firm", "review"), ("firm", "counter"), ("firm", "accept"), ("firm", "reject"),
    ("owner", "revise"), ("owner", "withdraw"), ("stranger", "accept"),
    ("member", "accept"), ("admin", "accept"),
])
def test_only_the_right_side_may_move(db, listing, who, move):
    item, owner = listing
    req, firm = make_request(item)
    actor = {"firm": firm, "owner": owner, "stranger": OrgAdminFactory(),
             "member": UserFactory(organization=owner.organization),
             "admin": AdminFactory()}[who]
    calls = {"review": lambda: flow.start_review(actor, req),
             "counter": lambda: flow.counter(actor, req, proposal(), ""),
             "accept": lambda: flow.accept(actor, req),
             "reject": lambda: flow.reject(actor, req, "不合适"),
             "revise": lambda: flow.revise(actor, req, proposal(), ""),
             "withdraw": lambda: flow.withdraw(actor, req)}
    with pytest.raises(ServiceError) as error:
        calls[move]()
    assert error.value.status == 403
    assert req.status is RequestStatus.SUBMITTED


def test_a_move_out_of_order_answers_409_and_changes_nothing(db, listing):
    item, owner = listing
    req, firm = make_request(item)
    with pytest.raises(ServiceError) as error:
        flow.revise(firm, req, proposal(), "")  # nothing to revise: no counter-offer
    assert error.value.status == 409
    flow.reject(owner, req, "不许可")
    with pytest.raises(ServiceError) as error:
        flow.accept(owner, req)
    assert error.value.status == 409 and req.status is RequestStatus.REJECTED


def test_a_request_on_ones_own_patent_is_refused(db, listing):
    item, owner = listing
    with pytest.raises(ServiceError) as error:
        flow.create_request(owner, item, proposal(), "", "")
    assert error.value.status == 403


def test_a_kind_the_listing_does_not_offer_is_refused(db):
    owner = OrgAdminFactory()
    item = make_listing(owner, [make_patent(owner)], kinds=(LicenceKind.NON_EXCLUSIVE,))
    with pytest.raises(ServiceError) as error:
        make_request(item, kind=LicenceKind.EXCLUSIVE)
    assert error.value.field == "kind"


def test_a_term_that_ends_before_it_starts_is_refused(db, listing):
    item, owner = listing
    bad = proposal()
    bad = flow.Proposal(bad.kind, "", "", date(2027, 1, 1), date(2026, 1, 1), bad.royalty)
    with pytest.raises(ServiceError):
        flow.create_request(OrgAdminFactory(), item, bad, "", "")


def test_rejecting_needs_a_reason(db, listing):
    item, owner = listing
    req, _firm = make_request(item)
    with pytest.raises(ServiceError):
        flow.reject(owner, req, "  ")


def test_an_overlapping_exclusive_request_is_refused_with_the_reason(db, listing):
    item, owner = listing
    first, _ = make_request(item)
    flow.accept(owner, first)
    second, _ = make_request(item)
    with pytest.raises(ServiceError) as error:
        flow.accept(owner, second)
    assert error.value.status == 409
    assert first.licence.reference in str(error.value.message)
    assert db.session.query(Licence).count() == 1


def test_a_licence_elsewhere_or_later_does_not_conflict(db, listing):
    item, owner = listing
    first, _ = make_request(item, territory="吉林省")
    flow.accept(owner, first)
    elsewhere, _ = make_request(item, territory="辽宁省")
    flow.accept(owner, elsewhere)
    later, _ = make_request(item, start=date.today() + timedelta(days=365 * 4))
    flow.accept(owner, later)
    assert db.session.query(Licence).count() == 3


def test_requests_expire_when_unanswered(db, listing, app):
    item, owner = listing
    req, _ = make_request(item)
    assert flow.expire_overdue() == 0
    later = utcnow() + timedelta(days=app.config.get("LICENCE_REQUEST_ANSWER_DAYS", 30) + 1)
    assert flow.expire_overdue(later) == 1
    assert req.status is RequestStatus.EXPIRED
    assert flow.expire_overdue(later) == 0


def test_a_draft_waits_until_sent(db, listing):
    item, owner = listing
    firm = OrgAdminFactory()
    req = flow.create_request(firm, item, proposal(), "", "", submit=False)
    assert req.status is RequestStatus.DRAFT and req.answer_due is None
    flow.submit_request(firm, req)
    assert req.status is RequestStatus.SUBMITTED


@pytest.mark.parametrize("days_left, state", [(31, "due"), (30, "due_soon"), (0, "due_soon"),
                                              (-1, "overdue")])
def test_the_registration_warns_thirty_days_ahead_and_when_overdue(db, listing, days_left,
                                                                   state):
    item, owner = listing
    req, _ = make_request(item)
    licence = flow.accept(owner, req)
    today = licence.registration_due - timedelta(days=days_left)
    assert licence.registration_state(today) == state
    licence.registration_number = "2026220000001"
    assert licence.registration_state(today) == "registered"
