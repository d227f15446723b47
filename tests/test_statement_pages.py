"""The statement pages: my statements, a statement with its period, its CSV, and an
alliance's totals; who gets 404; bad periods answer 400 and change nothing."""

import csv
import io
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from alliance.models import AuditEvent, LedgerEntry
from alliance.services.directory import alliance_by_code

from .factories import AdminFactory, OrgAdminFactory, UserFactory, make_coordinator
from .statement_helpers import make_ledger


@pytest.fixture
def ledger(db):
    return make_ledger()


def _page(client, path):
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)


def _inventor_path(ledger, name, suffix="", query="year=2026"):
    return f"/statements/organisations/{ledger.u}{suffix}?inventor={quote(name)}&{query}"


def test_an_org_admin_lists_and_reads_its_statements(client, login, ledger):
    login(ledger.uni)
    status, body = _page(client, "/statements/?lang=en")
    assert status == 200 and "My statements" in body
    for text in ("吉林测试大学", "Inventors&#39; part", "Transfer-office fee", "张三", "李四"):
        assert text in body
    status, body = _page(client, f"/statements/organisations/{ledger.u}?bucket=inventors"
                                 "&year=2026&lang=en")
    assert status == 200
    assert "¥1,890.00" in body and "¥462.22" in body and "-¥462.22" in body
    # the reversal of 张三's part comes back under the first payment
    assert ledger.licence.reference in body and "银行回单 0001" in body and "Reversal" in body
    status, body = _page(client, f"/statements/organisations/{ledger.u}?bucket=inventors"
                                 "&year=2025&lang=en")
    assert "银行回单 0001" in body and "<td>Reversal</td>" not in body and "¥2,700.00" in body


def test_the_inventor_reads_their_own_statement_to_the_cent(client, login, ledger):
    login(ledger.zhang)
    status, body = _page(client, "/statements/?lang=en")
    assert status == 200 and "张三" in body and "李四" not in body
    assert "My statements" in _page(client, "/?lang=en")[1]  # in the navigation
    status, body = _page(client, _inventor_path(ledger, "张三", query="year=2026&lang=en"))
    assert status == 200
    for amount in ("¥1,890.00", "¥323.55", "-¥1,890.00"):  # opening, income, reversal
        assert amount in body
    assert "Reversal" in body
    status, body = _page(client, _inventor_path(
        ledger, "张三", query="from=2025-01-01&to=2025-12-31&lang=en"))
    assert status == 200 and "¥1,890.00" in body and "¥323.55" not in body


@pytest.mark.parametrize("who", ["zhang", "li", "namesake", "firm", "stranger",
                                 "coordinator", "member"])
def test_others_get_404(client, login, ledger, who):
    users = {"zhang": ledger.zhang, "li": ledger.li, "firm": ledger.firm,
             "namesake": UserFactory(organization=ledger.uni.organization, name="张三"),
             "stranger": OrgAdminFactory(),
             "coordinator": make_coordinator(alliance_by_code("nev")),
             "member": UserFactory(organization=ledger.uni.organization)}
    login(users[who])
    own = {"zhang": "张三", "li": "李四"}.get(who)
    paths = [f"/statements/organisations/{ledger.u}",
             f"/statements/organisations/{ledger.u}/statement.csv",
             f"/statements/organisations/{ledger.u}?bucket=school",
             f"/statements/organisations/{ledger.u}/statement.csv?bucket=office_fee"]
    for name in ("张三", "李四"):
        if name != own:
            paths += [_inventor_path(ledger, name), _inventor_path(ledger, name,
                                                                   "/statement.csv")]
    for path in paths:
        assert client.get(path).status_code == 404, path
    if own:
        assert client.get(_inventor_path(ledger, own)).status_code == 200


def test_unknown_buckets_and_organisations_are_404(client, login, ledger):
    login(ledger.uni)
    for path in (f"/statements/organisations/{ledger.u}?bucket=nothing",
                 f"/statements/organisations/{ledger.u}?bucket=school&inventor=张三",
                 "/statements/organisations/2000000000",
                 "/statements/alliances/nev", "/statements/alliances/nowhere"):
        assert client.get(path).status_code == 404, path


def test_the_coordinator_sees_totals_per_member_and_year(client, login, ledger):
    login(make_coordinator(alliance_by_code("nev")))
    status, body = _page(client, "/statements/?lang=en")
    assert status == 200 and "/statements/alliances/nev" in body
    status, body = _page(client, "/statements/alliances/nev?lang=en")
    assert status == 200
    for text in ("¥6,000.00", "¥2,074.07", "¥4,000.00", "¥1,382.72", "¥3,456.79",
                 "吉林测试大学"):
        assert text in body
    for text in ("张三", "李四", "¥1,890.00", "Inventors&#39; part", "¥300.00"):
        assert text not in body
    assert client.get("/statements/alliances/culture").status_code == 404
    response = client.get("/statements/alliances/nev/totals.csv")
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    assert ["吉林测试大学", ledger.uni.organization.uscc, "2026", "2074.07"] in rows
    assert "张三" not in text


def test_the_csv_has_a_bom_chinese_and_no_formulas(client, login, ledger):
    login(ledger.uni)
    response = client.get(f"/statements/organisations/{ledger.u}/statement.csv"
                          "?bucket=inventors&year=2026&lang=en")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1].startswith("吉林测试大学")
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells  # the payment's reference, guarded
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert ["Opening balance", "0.00"] in rows and ["Closing balance", "1890.00"] in rows
    assert "-462.22" in cells and "1890.00" in cells
    assert any("张三" in cell for cell in cells)


@pytest.mark.parametrize("query", ["year=abc", "year=1800", "from=2026-01-01",
                                   "from=2026-05-01&to=2026-01-01", "from=x&to=y"])
def test_a_bad_period_is_400_and_changes_nothing(client, login, ledger, db, query):
    login(ledger.uni)

    def count(model):
        return db.session.scalar(select(func.count()).select_from(model))

    before = count(LedgerEntry), count(AuditEvent)
    status, body = _page(client, f"/statements/organisations/{ledger.u}?{query}&lang=en")
    assert status == 400 and 'role="alert"' in body and "Closing balance" not in body
    assert client.get(f"/statements/organisations/{ledger.u}/statement.csv?{query}"
                      ).status_code == 400
    assert (count(LedgerEntry), count(AuditEvent)) == before


def test_the_navigation_shows_statements_only_to_those_who_have_some(client, login, ledger):
    for nobody in (UserFactory(), OrgAdminFactory()):
        login(nobody)
        assert "/statements/" not in _page(client, "/")[1]
    status, body = _page(client, "/statements/?lang=en")
    assert status == 200 and "You have no statements" in body
    login(ledger.li)
    assert "/statements/" in _page(client, "/")[1]
    login(AdminFactory())
    status, body = _page(client, "/statements/?lang=en")
    assert "吉林测试大学" in body and "/statements/alliances/nev" in body


def test_anonymous_visitors_are_sent_to_log_in(client, ledger):
    response = client.get(f"/statements/organisations/{ledger.u}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
