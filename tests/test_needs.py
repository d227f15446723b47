"""Technology needs: posting, bad input, the workflow and its wrong users, expiry at the
deadline, answers and notifications, visibility."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from alliance.extensions import db as _db
from alliance.models import AuditEvent, MembershipStatus, Notification
from alliance.models.needs import Need, NeedAnswer, NeedStatus, NeedVisibility
from alliance.services import ServiceError, needs
from alliance.services.directory import alliance_by_code

from .factories import MembershipFactory, OrgAdminFactory, UserFactory
from .need_helpers import form_data, make_need
from .patent_helpers import make_listing, make_patent


def _count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def _owner_with_listing(title="一种锂电池正极材料及其制备方法", ipc="H01M 4/13",
                        listing_title="锂电池正极材料专利许可"):
    owner = OrgAdminFactory()
    listing = make_listing(owner, [make_patent(owner, title, ipc=ipc)], title=listing_title)
    return owner, listing


def test_posting_tells_the_owners_of_the_matching_listings_only(db):
    owner, _listing = _owner_with_listing()
    other, _ = _owner_with_listing("一种治疗糖尿病的中药组合物", "A61K 36/00", "中药组合物许可")
    firm = OrgAdminFactory()
    need = make_need(firm, budget_min=Decimal("100000"), budget_max=Decimal("500000"))
    assert need.status is NeedStatus.OPEN and need.symbols == ["H01M 4/36"]
    told = db.session.scalars(select(Notification).where(
        Notification.event == "need_matched")).all()
    assert {n.user_id for n in told} == {owner.id}
    assert other.id not in {n.user_id for n in told}
    assert db.session.scalar(select(AuditEvent.action).where(
        AuditEvent.object_type == "need")) == "need.posted"


def test_post_page_creates_the_need(client, db, login):
    firm = OrgAdminFactory()
    login(firm)
    response = client.post("/needs/new", data=form_data())
    assert response.status_code == 302
    need = db.session.scalar(select(Need))
    assert need.budget_min == Decimal("100000.00") and need.budget_max == Decimal("500000.00")
    assert need.deadline == date.today() + timedelta(days=30)


BAD = {
    "deadline in the past": ({"deadline": (date.today() - timedelta(days=1)).isoformat()},
                             400, "The deadline is in the past"),
    "budget backwards": ({"budget_min": "500000", "budget_max": "100000"}, 400,
                         "The lowest budget is above the highest one"),
    "IPC that does not parse": ({"ipc": "H01M 4"}, 400, "IPC symbol not understood"),
    "IPC in Chinese": ({"ipc": "锂电池"}, 400, "IPC symbol not understood"),
    "nothing to match": ({"ipc": "", "keywords": "", "description": ""}, 400,
                         "Give IPC symbols, keywords or a description"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, db, login, case):
    fields, status, message = BAD[case]
    login(OrgAdminFactory())
    response = client.post("/needs/new?lang=en", data=form_data(**fields))
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert _count(Need) == 0 and _count(AuditEvent) == 0


def test_visibility_to_an_alliance_not_mine_is_refused(client, db, login):
    firm = OrgAdminFactory()
    MembershipFactory(organization=firm.organization, alliance=alliance_by_code("nev"),
                      status=MembershipStatus.ACTIVE)
    login(firm)
    foreign = alliance_by_code("culture")
    response = client.post("/needs/new", data=form_data(visibility="alliances",
                                                         alliances=str(foreign.id)))
    assert response.status_code in (400, 403)
    assert _count(Need) == 0
    with pytest.raises(ServiceError) as refused:
        needs.post_need(firm, firm.organization, needs.NeedInput(
            title="x", keywords="电池", deadline=date.today() + timedelta(days=3),
            visibility=NeedVisibility.ALLIANCES, alliance_ids=(foreign.id,)))
    assert refused.value.status == 403
    db.session.rollback()
    assert _count(Need) == 0


def test_only_an_organisation_admin_posts(client, db, login):
    member = UserFactory(organization=OrgAdminFactory().organization)
    login(member)
    assert client.get("/needs/new").status_code == 403
    assert client.post("/needs/new", data=form_data()).status_code == 403
    assert _count(Need) == 0


def test_solve_and_withdraw_only_by_the_posting_admins(db):
    firm = OrgAdminFactory()
    need = make_need(firm)
    stranger = OrgAdminFactory()
    colleague = UserFactory(organization=firm.organization)
    for actor in (stranger, colleague):
        for move in (needs.solve, needs.withdraw):
            with pytest.raises(ServiceError) as refused:
                move(actor, need)
            assert refused.value.status == 403
    needs.solve(firm, need)
    db.session.commit()
    assert need.status is NeedStatus.SOLVED and need.closed_at is not None
    with pytest.raises(ServiceError) as again:
        needs.withdraw(firm, need)
    assert again.value.status == 409


def test_solve_page_chooses_an_answer_and_tells_the_answerer(client, db, login):
    owner, listing = _owner_with_listing()
    firm = OrgAdminFactory()
    need = make_need(firm)
    answer = needs.answer(owner, need, listing, "")
    db.session.commit()
    login(firm)
    response = client.post(f"/needs/{need.id}/solve", data={"answer": str(answer.id)})
    assert response.status_code == 302
    assert db.session.get(Need, need.id).status is NeedStatus.SOLVED
    assert db.session.get(NeedAnswer, answer.id).chosen
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.event == "need_solved", Notification.user_id == owner.id)) == 1
    login(OrgAdminFactory())
    assert client.post(f"/needs/{need.id}/withdraw", data={"confirm": "yes"}).status_code \
        == 403


def test_answer_with_a_listing_tells_the_firm(client, db, login):
    owner, listing = _owner_with_listing()
    firm = OrgAdminFactory()
    need = make_need(firm)
    login(owner)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "Answer this need" in page or "answer-box" in page
    assert "need-matches" not in page  # the matches are the firm's
    response = client.post(f"/needs/{need.id}/answer", data={"listing": str(listing.id),
                                                             "message": "可独占许可"})
    assert response.status_code == 302
    item = db.session.scalar(select(NeedAnswer))
    assert item.listing_id == listing.id and item.organization_id == owner.organization_id
    assert db.session.scalar(select(Notification.user_id).where(
        Notification.event == "need_answered")) == firm.id
    login(firm)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "need-matches" in page and listing.title in page


def test_answer_refusals(client, db, login):
    owner, listing = _owner_with_listing()
    _rival, rival_listing = _owner_with_listing(listing_title="另一个许可")
    firm = OrgAdminFactory()
    need = make_need(firm)
    login(owner)
    assert client.post(f"/needs/{need.id}/answer",
                       data={"listing": str(rival_listing.id)}).status_code == 400
    assert client.post(f"/needs/{need.id}/answer", data={"message": ""}).status_code == 400
    login(firm)
    assert client.post(f"/needs/{need.id}/answer", data={"message": "hi"}).status_code == 403
    needs.withdraw(firm, need)
    db.session.commit()
    login(owner)  # a withdrawn need is hidden from others
    assert client.post(f"/needs/{need.id}/answer", data={"message": "hi"}).status_code == 404
    assert _count(NeedAnswer) == 0


def _past(need, days: int) -> None:
    need.deadline = date.today() - timedelta(days=days)
    _db.session.commit()


def test_expiry_at_the_deadline(db, app):
    firm = OrgAdminFactory()
    today_need, yesterday_need = make_need(firm), make_need(firm, title="图像识别算法")
    _past(today_need, 0)
    _past(yesterday_need, 1)
    # before the job runs, the need past its deadline already shows as expired
    assert today_need.is_open and yesterday_need.shown_status is NeedStatus.EXPIRED
    open_ids = set(db.session.scalars(needs.open_needs_query(firm).with_only_columns(Need.id)))
    assert open_ids == {today_need.id}
    result = app.test_cli_runner().invoke(args=["needs", "expire"])
    assert result.exit_code == 0 and "expired 1 needs" in result.output
    db.session.expire_all()
    assert db.session.get(Need, yesterday_need.id).status is NeedStatus.EXPIRED
    assert db.session.get(Need, today_need.id).status is NeedStatus.OPEN
    assert app.test_cli_runner().invoke(args=["needs", "expire"]).output.strip() \
        == "expired 0 needs"
    assert needs.expire_due(on=date.today() + timedelta(days=1)) == 1


def test_a_need_past_its_deadline_cannot_be_solved_or_answered(client, db, login):
    owner, _listing = _owner_with_listing()
    firm = OrgAdminFactory()
    need = make_need(firm)
    _past(need, 1)
    with pytest.raises(ServiceError) as late:
        needs.solve(firm, need)
    assert late.value.status == 409
    login(owner)
    assert client.post(f"/needs/{need.id}/answer", data={"message": "hi"}).status_code == 409
    assert "Expired" in client.get(f"/needs/{need.id}?lang=en").get_data(as_text=True)


def test_an_alliance_need_is_seen_by_members_of_its_alliances_only(client, db, login):
    nev = alliance_by_code("nev")
    firm = OrgAdminFactory()
    MembershipFactory(organization=firm.organization, alliance=nev,
                      status=MembershipStatus.ACTIVE)
    need = make_need(firm, visibility=NeedVisibility.ALLIANCES, alliance_ids=(nev.id,))
    member, outsider = OrgAdminFactory(), OrgAdminFactory()
    MembershipFactory(organization=member.organization, alliance=nev,
                      status=MembershipStatus.ACTIVE)
    login(member)
    assert client.get(f"/needs/{need.id}").status_code == 200
    assert need.title in client.get("/needs/").get_data(as_text=True)
    login(outsider)
    assert client.get(f"/needs/{need.id}").status_code == 404
    assert need.title not in client.get("/needs/").get_data(as_text=True)
    client.post("/auth/logout")
    assert client.get(f"/needs/{need.id}").status_code == 404


def test_edit_keeps_the_rules(client, db, login):
    firm = OrgAdminFactory()
    need = make_need(firm)
    login(firm)
    assert client.get(f"/needs/{need.id}/edit").status_code == 200
    bad = client.post(f"/needs/{need.id}/edit", data=form_data(budget_min="9", budget_max="1"))
    assert bad.status_code == 400
    assert db.session.get(Need, need.id).budget_min is None
    ok = client.post(f"/needs/{need.id}/edit", data=form_data(title="新的标题"))
    assert ok.status_code == 302 and db.session.get(Need, need.id).title == "新的标题"
    login(OrgAdminFactory())
    assert client.get(f"/needs/{need.id}/edit").status_code == 403
