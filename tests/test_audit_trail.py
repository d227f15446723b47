"""The audit trail read by a person: names, filters, CSV, bounded queries."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from alliance.models import AuditEvent, MembershipStatus
from alliance.services.audit import record
from alliance.services.directory import alliance_by_code

from .factories import AdminFactory, MembershipFactory, OrgAdminFactory, UserFactory


def _event(db, actor, action, obj, before=None, after=None, when=None):
    made = record(actor, action, obj, before, after)
    if when is not None:
        made.created_at = when
    db.session.commit()
    return made


@pytest.fixture
def trail(db):
    """A small trail: two actors, an organisation, a membership of nev, a language change."""
    admin = AdminFactory(name="省局管理员", email="office@example.org")
    org_admin = OrgAdminFactory(name="王老师", organization__name_zh="长春光机所")
    nev = alliance_by_code("nev")
    membership = MembershipFactory(organization=org_admin.organization, alliance=nev,
                                   status=MembershipStatus.ACTIVE)
    day = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)  # 10:00 in Changchun
    _event(db, org_admin, "membership.requested", membership, None,
           {"organization_id": org_admin.organization_id, "alliance_id": nev.id,
            "status": "pending"}, when=day)
    _event(db, admin, "membership.approved", membership, {"status": "pending"},
           {"status": "active"}, when=day + timedelta(days=1))
    _event(db, org_admin, "user.language_changed", org_admin, {"preferred_language": None},
           {"preferred_language": "en"}, when=day + timedelta(days=10))
    _event(db, admin, "organization.updated", org_admin.organization,
           {"region": "长春市", "name_zh": "长春光机所"},
           {"region": "=HYPERLINK(\"http://evil\")", "name_zh": "长春光机所"},
           when=day + timedelta(days=20))
    return {"admin": admin, "org_admin": org_admin, "membership": membership, "nev": nev}


def _page(client, **args):
    return client.get("/admin/audit", query_string=args)


def _count(page_html: str) -> int:
    return page_html.count('data-label="时间"')


def test_names_instead_of_ids_and_languages_by_name(client, db, login, trail):
    login(trail["admin"])
    page = _page(client).get_data(as_text=True)
    assert "长春光机所 → 新能源汽车" in page  # the membership, named
    assert "机构：</span> 长春光机所" in page and "联盟：</span> 新能源汽车" in page
    assert "English" in page and "preferred_language" not in page
    assert f"#{trail['nev'].id}<" not in page
    assert 'href="/alliances/nev/requests"' in page  # the object link opens the object
    assert f'href="/organisations/{trail["org_admin"].organization_id}"' in page


@pytest.mark.parametrize(("args", "expected"), [
    ({}, 4),
    ({"who": "王老师"}, 2), ({"who": "office@"}, 2), ({"who": "nobody"}, 0),
    ({"alliance": "nev"}, 2), ({"alliance": "culture"}, 0),
    ({"type": "membership"}, 2), ({"type": "user"}, 1),
    ({"since": "2026-03-02"}, 3), ({"until": "2026-03-01"}, 1),
    ({"since": "2026-03-01", "until": "2026-03-02"}, 2),
    ({"who": "省局", "alliance": "nev"}, 1),
    ({"who": "王老师", "type": "user", "since": "2026-03-05"}, 1),
])
def test_filters_alone_and_combined(client, db, login, trail, args, expected):
    login(trail["admin"])
    response = _page(client, **args)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _count(page) == expected
    if expected == 0:
        assert "没有符合条件的记录" in page and 'href="/admin/audit"' in page


def test_the_to_date_includes_its_whole_day_in_the_display_zone(client, db, login, trail):
    late = datetime(2026, 4, 1, 15, 30, tzinfo=UTC)  # 23:30 on 1 April in Changchun
    _event(db, trail["admin"], "user.activated", trail["org_admin"], when=late)
    login(trail["admin"])
    assert _count(_page(client, since="2026-04-01", until="2026-04-01").get_data(
        as_text=True)) == 1
    assert _count(_page(client, since="2026-04-02").get_data(as_text=True)) == 0


@pytest.mark.parametrize("args", [{"since": "2026-02-30"}, {"since": "yesterday"},
                                  {"alliance": "atlantis"}, {"type": "<script>"},
                                  {"since": "2026-03-05", "until": "2026-03-01"},
                                  {"who": "x" * 101}])
def test_bad_filters_are_a_400_with_a_message(client, db, login, trail, args):
    login(trail["admin"])
    response = _page(client, **args)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "invalid-feedback" in page and "<script>" not in page
    assert client.get("/admin/audit.csv", query_string=args).status_code == 400


def test_csv_export_with_filters(client, db, login, trail):
    login(trail["admin"])
    response = client.get("/admin/audit.csv", query_string={"alliance": "nev"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["时间", "操作人", "操作", "对象类型", "对象", "变更内容"]
    assert len(rows) == 3
    assert rows[1][1] == "省局管理员" and rows[1][4] == "长春光机所 → 新能源汽车"
    assert rows[2][0].startswith("2026-03-01 10:00")  # display time zone


def test_csv_cells_cannot_run_as_formulas(client, db, login, trail):
    login(trail["admin"])
    body = client.get("/admin/audit.csv", query_string={"type": "organization"}).get_data(
        as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    changes = rows[1][5]
    assert "=HYPERLINK" in changes
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_only_platform_admins_read_the_trail(client, db, login, trail):
    login(trail["org_admin"])
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_a_page_of_events_takes_a_bounded_number_of_queries(app, client, db, login, trail):
    people = [UserFactory() for _ in range(30)]
    for person in people:
        _event(db, person, "user.language_changed", person, {"preferred_language": None},
               {"preferred_language": "zh_Hans_CN"})
    login(trail["admin"])
    statements = []
    engine = db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = _page(client)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200 and _count(response.get_data(as_text=True)) == 34
    assert len(statements) <= 15
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 34
