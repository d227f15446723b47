"""Pages of patent pools: who sees them, the forms with good and bad input, the allocation
with its confirmation, and the run page (org-level shares for all, a member's own chain
for that member only)."""

import pytest
from sqlalchemy import func, select

from alliance.extensions import db
from alliance.models import LedgerEntry
from alliance.models.pools import PatentPool, PoolDeclaration, PoolIncome, PoolRun
from alliance.services.directory import alliance_by_code

from .factories import AdminFactory, OrgAdminFactory, UserFactory, make_coordinator
from .patent_helpers import make_patent
from .pool_helpers import BATTERY, VIETNAM, make_world


@pytest.fixture(autouse=True)
def english(app, monkeypatch):
    """These tests read the pages' English wording."""
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _state():
    return (_count(PatentPool), _count(PoolDeclaration), _count(PoolIncome), _count(PoolRun),
            _count(LedgerEntry),
            db.session.scalar(select(func.count()).where(PoolDeclaration.withdrawn_at.is_(None))))


def test_members_coordinators_and_admins_see_the_pools_others_get_404(client, login, db):
    world = make_world()
    paths = ["/pools/alliances/nev", f"/pools/{world.pool.id}"]
    colleague = UserFactory(organization=world.small.organization)
    for user in (world.uni, colleague, world.coordinator, AdminFactory()):
        login(user)
        for path in paths:
            assert client.get(path).status_code == 200, (user, path)
    other_coordinator = make_coordinator(alliance_by_code("culture"))
    for user in (OrgAdminFactory(), UserFactory(), other_coordinator):
        login(user)
        for path in paths:
            assert client.get(path).status_code == 404, (user, path)
    client.post("/auth/logout")
    assert client.get(paths[1]).status_code == 302  # to the login page


def test_the_alliance_page_links_its_pools_for_members_only(client, login, db):
    world = make_world(incomes=False)
    login(world.firm)
    assert "/pools/alliances/nev" in client.get("/alliances/nev").get_data(as_text=True)
    login(OrgAdminFactory())
    assert "/pools/alliances/nev" not in client.get("/alliances/nev").get_data(as_text=True)


def test_the_pool_page_shows_the_counts_n_ic(client, login, db):
    world = make_world(incomes=False)
    login(world.small)
    page = client.get(f"/pools/{world.pool.id}").get_data(as_text=True)
    assert BATTERY in page and VIETNAM in page
    row = page.split(world.firm.organization.name_en + "<", 1)[1].split("</tr>", 1)[0]
    assert [c for c in row.replace("<", ">").split(">") if c.strip().isdigit()] == ["1", "2"]
    assert "Declare essential patents" in page and "Record income" not in page


def test_a_coordinator_creates_a_pool_and_bad_input_changes_nothing(client, login, db):
    world = make_world(incomes=False)
    login(world.coordinator)
    before = _state()
    response = client.post("/pools/alliances/nev/new",
                           data={"name": "充电桩专利池", "markets": "充电桩\n充电桩"})
    assert response.status_code == 400 and "named twice" in response.get_data(as_text=True)
    assert client.post("/pools/alliances/nev/new", data={"name": "x", "markets": ""}
                       ).status_code == 400
    assert _state() == before
    response = client.post("/pools/alliances/nev/new",
                           data={"name": "充电桩专利池", "markets": "充电桩\n欧盟"})
    assert response.status_code == 302
    response = client.post("/pools/alliances/nev/new",
                           data={"name": "充电桩专利池", "markets": "欧盟"})
    assert response.status_code == 409 and "already has a pool" in response.get_data(
        as_text=True)
    login(world.uni)
    assert client.post("/pools/alliances/nev/new",
                       data={"name": "y", "markets": "z"}).status_code == 403


def test_a_member_declares_its_own_patent_only(client, login, db):
    world = make_world(incomes=False)
    login(world.small)
    own = make_patent(world.small, "一种正极粘结剂")
    before = _state()
    url = f"/pools/{world.pool.id}/declare"
    for data in ({"patent": world.patents["一种电解液"].id,
                  "markets": [world.market(BATTERY).id]},
                 {"patent": own.id, "markets": [10**9]},
                 {"patent": own.id},
                 {"patent": "abc", "markets": [world.market(BATTERY).id]}):
        assert client.post(url, data=data).status_code == 400, data
    assert _state() == before
    response = client.post(url, data={"patent": own.id, "markets": [world.market(VIETNAM).id]})
    assert response.status_code == 302
    assert _count(PoolDeclaration) == before[1] + 1
    login(OrgAdminFactory())  # not a member: the pool is not there for it
    assert client.post(url, data={"patent": own.id}).status_code == 404


def test_withdrawing_asks_first_and_then_withdraws_once(client, login, db):
    world = make_world(incomes=False)
    row = db.session.scalars(select(PoolDeclaration).where(
        PoolDeclaration.organization_id == world.small.organization_id)).one()
    login(world.firm)
    url = f"/pools/declarations/{row.id}/withdraw"
    assert client.get(url).status_code == 403
    login(world.small)
    assert "Withdraw" in client.get(url).get_data(as_text=True)
    assert client.post(url).status_code == 400  # not confirmed
    assert client.post(url, data={"confirm": "yes"}).status_code == 302
    assert client.post(url, data={"confirm": "yes"}).status_code == 403  # gone


@pytest.mark.parametrize("field,value", [("amount", "-5"), ("amount", "1.005"),
                                         ("amount", "abc"), ("market", str(10**9)),
                                         ("period", "2026-Q5"), ("received_on", "")])
def test_bad_income_changes_nothing(client, login, db, field, value):
    world = make_world(incomes=False)
    login(world.coordinator)
    before = _state()
    data = {"market": world.market(BATTERY).id, "period": "2026", "amount": "100.00",
            "received_on": "2026-06-30", "reference": "回单", field: value}
    response = client.post(f"/pools/{world.pool.id}/incomes/new", data=data)
    assert response.status_code == 400
    assert _state() == before


def test_only_the_pool_administrators_record_income(client, login, db):
    world = make_world(incomes=False)
    data = {"market": world.market(BATTERY).id, "period": "2026", "amount": "100.00",
            "received_on": "2026-06-30"}
    login(world.uni)
    assert client.post(f"/pools/{world.pool.id}/incomes/new", data=data).status_code == 403
    login(world.coordinator)
    assert client.post(f"/pools/{world.pool.id}/incomes/new", data=data).status_code == 302
    assert db.session.scalars(select(PoolIncome)).one().amount == 100


def test_allocation_asks_first_runs_once_and_shows_the_formula(client, login, db):
    world = make_world()
    url = f"/pools/{world.pool.id}/allocate"
    login(world.uni)
    assert client.post(url, data={"period": "2026", "confirm": "yes"}).status_code == 403
    login(world.coordinator)
    page = client.get(url + "?period=2026").get_data(as_text=True)
    assert "2026" in page and "¥10,100.01" in page
    assert client.post(url, data={"period": "2026"}).status_code == 400  # not confirmed
    assert _count(PoolRun) == 0
    response = client.post(url, data={"period": "2026", "confirm": "yes"})
    assert response.status_code == 302
    entries = _count(LedgerEntry)
    assert client.post(url, data={"period": "2026", "confirm": "yes"}).status_code == 409
    assert _count(LedgerEntry) == entries and _count(PoolRun) == 1
    assert client.get(url + "?period=2026").status_code == 400  # nothing waits
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "¥10,000.01 × 2 / 4" in page and "¥100.00 × 1 / 3" in page
    assert "¥5,033.34" in page and "¥10,100.01" in page


def test_a_run_shows_each_member_only_its_own_chain(client, login, db):
    world = make_world()
    login(world.coordinator)
    client.post(f"/pools/{world.pool.id}/allocate", data={"period": "2026", "confirm": "yes"})
    run = db.session.scalars(select(PoolRun)).one()
    login(world.uni)
    page = client.get(f"/pools/runs/{run.id}").get_data(as_text=True)
    assert "张三" in page and "¥1,504.30" in page and "Patent fees" in page
    for user in (world.firm, world.coordinator):
        login(user)
        page = client.get(f"/pools/runs/{run.id}").get_data(as_text=True)
        assert "¥5,033.34" in page and "¥2,566.67" in page  # org-level shares
        assert "张三" not in page and "¥1,504.30" not in page
    login(OrgAdminFactory())
    assert client.get(f"/pools/runs/{run.id}").status_code == 404
