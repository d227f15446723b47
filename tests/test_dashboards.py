"""The alliance dashboard: each figure against counts made in plain Python, who sees the
full dashboard, what the public summary leaves out, the table view and the CSV."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from alliance.services import dashboards

from .dashboard_data import build, expected_alliance
from .factories import AdminFactory, OrgAdminFactory, make_coordinator


@pytest.fixture
def data(db):
    return build()


@pytest.mark.parametrize("full", [True, False], ids=["full", "public"])
def test_every_figure_matches_an_independent_count(data, full):
    nev = data["nev"]
    got = dashboards.alliance_dashboard(nev.id, full)
    want = expected_alliance(nev.id, full)
    assert got["members"] == dict(want["members"])
    assert got["trend"] == want["trend"]
    assert got["patents"] == dict(want["patents"])
    assert got["granted_inventions"] == want["granted_inventions"]
    assert got["pct"] == want["pct"]
    assert got["listings"] == dict(want["listings"])
    assert got["licences_in_force"] == want["licences_in_force"] == 1
    if full:
        assert got["requests"] == want["requests"]
        assert got["royalties"] == want["royalties"]
        assert got["royalties"] == {2024: Decimal("1250.75"), 2025: Decimal("99.99")}
    else:
        assert "requests" not in got and "royalties" not in got


def test_the_data_set_covers_the_counting_rules(data):
    """Spot values fixed by hand, so a rule broken in both counts still fails."""
    nev = data["nev"]
    got = dashboards.alliance_dashboard(nev.id, full=True)
    assert sum(got["members"].values()) == 4  # pending and left members not counted
    this_year = date.today().year
    assert sum(got["trend"][2012].values()) == 1 and sum(got["trend"][2016].values()) == 4
    assert sum(got["trend"][this_year].values()) == 4
    assert got["pct"] == {2010: 1, 2015: 2}
    assert dashboards.alliance_dashboard(nev.id, full=False)["pct"] == {2010: 1, 2015: 1}
    assert got["requests"]["rejected"] == 1 and got["requests"]["licensed"] == 1
    assert got["requests"]["open"] == 1  # the draft is left out


def test_coordinator_sees_the_full_dashboard(client, login, data):
    login(data["coordinator"])
    page = client.get("/alliances/nev/dashboard?lang=en").get_data(as_text=True)
    assert "Royalty income by year" in page and "Licence requests and their outcomes" in page
    assert "¥1,250.75" in page
    public = client.get("/alliances/nev/dashboard?scope=public&lang=en").get_data(as_text=True)
    assert "Royalty income" not in public


def test_platform_admin_sees_the_full_dashboard(client, login, data):
    login(AdminFactory())
    page = client.get("/alliances/nev/dashboard?lang=en").get_data(as_text=True)
    assert "Royalty income by year" in page


@pytest.mark.parametrize("who", ["anonymous", "member", "other_coordinator"])
def test_others_see_a_public_summary_that_leaks_nothing_private(client, login, data, who):
    if who == "member":
        login(data["uni"])
    elif who == "other_coordinator":
        login(make_coordinator(data["other"]))
    response = client.get("/alliances/nev/dashboard?lang=en&show=table")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Public summary" in page
    for private in ("Royalty income", "1,250.75", "1250.75", "99.99",
                    "Licence requests and their outcomes"):
        assert private not in page
    csv_text = client.get("/alliances/nev/dashboard.csv?lang=en").get_data(as_text=True)
    for private in ("Royalty", "1250.75", "99.99"):
        assert private not in csv_text
    # the unpublished PCT application of 2015 is not counted: one, not two
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    pct = rows[[r[:1] for r in rows].index(["PCT applications by filing year"]) + 2:]
    assert ["2015", "1"] in pct[:5]


@pytest.mark.parametrize("who", ["anonymous", "member", "other_coordinator"])
def test_the_full_dashboard_is_refused_to_others(client, login, data, who):
    if who == "member":
        login(data["uni"])
    elif who == "other_coordinator":
        login(make_coordinator(data["other"]))
    assert client.get("/alliances/nev/dashboard?scope=full").status_code == 403
    assert client.get("/alliances/nev/dashboard.csv?scope=full").status_code == 403


def test_unknown_alliance_and_bad_arguments(client, db):
    assert client.get("/alliances/nowhere/dashboard").status_code == 404
    assert client.get("/alliances/nowhere/dashboard.csv").status_code == 404
    assert client.get("/alliances/nev/dashboard?scope=everything").status_code == 400
    assert client.get("/alliances/nev/dashboard?show=pie").status_code == 400


def test_figures_link_to_the_records_behind_them(client, login, data):
    login(data["coordinator"])
    page = client.get("/alliances/nev/dashboard?show=table&lang=en").get_data(as_text=True)
    assert 'href="/patents/?alliance=nev&amp;kind=invention&amp;status=granted"' in page
    assert 'href="/alliances/nev?sector=university"' in page
    assert "/licensing/listings/" in page


def test_table_view_has_the_same_numbers_as_the_chart(client, login, data):
    login(data["coordinator"])
    chart = client.get("/alliances/nev/dashboard?lang=en").get_data(as_text=True)
    table = client.get("/alliances/nev/dashboard?lang=en&show=table").get_data(as_text=True)
    assert "<svg" in chart and 'role="img"' in chart and "<title" in chart
    assert 'id="table-members"' in table and 'id="table-members"' not in chart
    got = dashboards.alliance_dashboard(data["nev"].id, full=True)
    for year, total in got["royalties"].items():
        assert f"{year}: ¥{total:,}" in chart  # the chart's description
        assert f"¥{total:,}" in table


def test_csv_is_utf8_with_bom_and_formula_safe(client, login, data, db):
    login(data["coordinator"])
    response = client.get("/alliances/nev/dashboard.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.data
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "新能源汽车产业知识产权联盟" in text
    rows = list(csv.reader(io.StringIO(text)))
    royalties = rows[[r[:1] for r in rows].index(["各年许可费收入"]) + 2:] \
        if ["各年许可费收入"] in [r[:1] for r in rows] else None
    en = client.get("/alliances/nev/dashboard.csv?lang=en").data.decode("utf-8-sig")
    en_rows = list(csv.reader(io.StringIO(en)))
    start = [r[:1] for r in en_rows].index(["Royalty income by year"]) + 2
    assert en_rows[start:start + 2] == [["2024", "1250.75"], ["2025", "99.99"]]
    assert royalties is None or royalties[:2] == en_rows[start:start + 2]
    from alliance.blueprints.dashboards.export import figures_csv
    from alliance.blueprints.dashboards.figures import Cell, Figure

    risky = figures_csv(["=cmd()"], [Figure("x", "+sum", ["@a"], [[Cell("-1+2")]])])
    assert b"'=cmd()" in risky and b"'+sum" in risky and b"'@a" in risky and b"'-1+2" in risky


def test_links_to_the_dashboard(client, data):
    assert "/alliances/nev/dashboard" in client.get("/alliances/nev").get_data(as_text=True)
    assert "/province/" in client.get("/alliances/").get_data(as_text=True)


def test_org_admin_of_a_member_without_coordination_gets_public(client, login, data):
    login(OrgAdminFactory())
    page = client.get("/alliances/nev/dashboard?lang=en").get_data(as_text=True)
    assert "Public summary" in page and "See the full dashboard" not in page
