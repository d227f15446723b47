"""The province dashboard: each alliance's and the total's progress toward the targets
against counts made in plain Python, the target arithmetic, and the settings."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from alliance.models import AuditEvent, ProvinceTarget
from alliance.services import province
from alliance.services.province_targets import Targets, current_targets

from .dashboard_data import build, is_pct, owned_at, patents_of
from .factories import AdminFactory, make_coordinator


@pytest.fixture
def data(db):
    return build()


def _expected(alliance_id, year, published_only):
    patents = patents_of(alliance_id, published_only)
    return (sum(1 for p in patents if owned_at(p, year)),
            sum(1 for p in patents if is_pct(p) and p.filing_date
                and p.filing_date.year == year))


@pytest.mark.parametrize("published_only", [True, False], ids=["public", "full"])
def test_progress_matches_an_independent_count(data, published_only):
    targets = Targets()
    ids = [data["nev"].id, data["other"].id]
    got = province.province_progress(targets, ids, published_only)
    assert got["measured_year"] == 2015
    for key in [*ids, None]:
        base_inv, base_pct = _expected(key, 2010, published_only)
        end_inv, end_pct = _expected(key, 2015, published_only)
        row = got["rows"][key]
        assert (row["inventions"].baseline, row["inventions"].measured) == (base_inv, end_inv)
        assert (row["pct"].baseline, row["pct"].measured) == (base_pct, end_pct)
        assert row["inventions"].target == base_inv * 3
    for year in range(2010, 2016):
        assert got["series"][year] == dict(zip(("inventions", "pct"),
                                               _expected(None, year, published_only),
                                               strict=True))


def test_hand_counted_values(data):
    nev = data["nev"].id
    got = province.province_progress(Targets(), [nev, data["other"].id], False)
    # 2010: granted 2010 (confirmed), granted 2010 (suggested), expired in 2012
    assert got["rows"][nev]["inventions"].baseline == 3
    # 2015: those two, the one granted 2013, the lapsed one (fees paid into 2016)
    assert got["rows"][nev]["inventions"].measured == 4
    assert got["rows"][nev]["pct"].baseline == 1 and got["rows"][nev]["pct"].measured == 2
    # the patent suggested for both alliances counts once in the total
    assert got["rows"][None]["inventions"].baseline == 3
    assert got["rows"][None]["pct"].baseline == 2  # nev's and biomedicine's


@pytest.mark.parametrize("baseline, measured, multiplier, target, progress, gap", [
    (10, 12, Decimal("3"), Decimal("30"), Decimal("40.0"), Decimal("18")),
    (10, 45, Decimal("3"), Decimal("30"), Decimal("150.0"), Decimal("0")),
    (3, 2, Decimal("2.5"), Decimal("7.50"), Decimal("26.7"), Decimal("5.50")),
    (0, 5, Decimal("3"), Decimal("0"), None, Decimal("0")),
    (0, 0, Decimal("3"), Decimal("0"), None, Decimal("0")),
    (7, 0, Decimal("3"), Decimal("21"), Decimal("0.0"), Decimal("21")),
])
def test_target_arithmetic(baseline, measured, multiplier, target, progress, gap):
    result = province.progress_of(baseline, measured, measured, multiplier)
    assert result.target == target and str(result.target) == str(target)
    assert result.progress == progress
    assert result.gap == gap


def test_measured_year_is_this_year_before_the_target_year(data):
    later = Targets(2020, Decimal("2"), 2040)
    got = province.province_progress(later, [data["nev"].id], False, today=date(2026, 5, 1))
    assert got["measured_year"] == 2026 and list(got["series"]) == list(range(2020, 2027))


def test_page_shows_original_wording_and_targets(client, data):
    page = client.get("/province/?lang=en").get_data(as_text=True)
    assert "增长两倍" in page and "× 3 by 2015" in page
    assert "Public summary" in page
    assert 'href="/alliances/nev/dashboard"' in page


def test_public_summary_counts_published_only(client, login, data):
    def pct_2015_total(text):
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        start = [r[:1] for r in rows].index(["PCT applications"]) + 2
        total = next(r for r in rows[start:] if r[0].startswith("All alliances"))
        return total[3]

    public = client.get("/province.csv?lang=en").get_data(as_text=True)
    assert pct_2015_total(public) == "1"
    login(AdminFactory())
    full = client.get("/province.csv?lang=en").get_data(as_text=True)
    assert pct_2015_total(full) == "2"
    assert client.get("/province.csv?lang=en&scope=public").get_data(as_text=True) == public


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_full_province_dashboard_refused_to_others(client, login, data, who):
    if who == "coordinator":
        login(make_coordinator(data["nev"]))
    assert client.get("/province/?scope=full").status_code == 403
    assert client.get("/province/").status_code == 200


def test_settings_saved_and_audited(client, login, db):
    admin = AdminFactory()
    login(admin)
    assert client.get("/admin/targets").status_code == 200
    response = client.post("/admin/targets", data={"baseline_year": "2012",
                                                   "multiplier": "2.5", "target_year": "2020"})
    assert response.status_code == 302
    assert current_targets() == Targets(2012, Decimal("2.50"), 2020)
    event = db.session.scalars(db.select(AuditEvent).filter_by(
        action="province_target.updated")).one()
    assert event.actor_id == admin.id and event.after["multiplier"] == "2.50"
    assert event.before["baseline_year"] == 2010
    page = client.get("/province/?lang=en").get_data(as_text=True)
    assert "× 2.5 by 2020" in page


@pytest.mark.parametrize("form", [
    {"baseline_year": "1900", "multiplier": "3", "target_year": "2015"},
    {"baseline_year": "2010", "multiplier": "3", "target_year": "2010"},
    {"baseline_year": "2010", "multiplier": "3", "target_year": "2005"},
    {"baseline_year": "2010", "multiplier": "3", "target_year": "2100"},
    {"baseline_year": "2010", "multiplier": "0", "target_year": "2015"},
    {"baseline_year": "2010", "multiplier": "-1", "target_year": "2015"},
    {"baseline_year": "2010", "multiplier": "3.001", "target_year": "2015"},
    {"baseline_year": "2010", "multiplier": "abc", "target_year": "2015"},
    {"baseline_year": "2010", "multiplier": "NaN", "target_year": "2015"},
    {"baseline_year": "", "multiplier": "3", "target_year": "2015"},
    {"baseline_year": str(date.today().year + 1), "multiplier": "3", "target_year": "2099"},
])
def test_bad_settings_refused_and_nothing_changed(client, login, db, form):
    login(AdminFactory())
    response = client.post("/admin/targets?lang=en", data=form)
    assert response.status_code == 400
    assert "is-invalid" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ProvinceTarget)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent).filter_by(
        action="province_target.updated")) == 0


def test_settings_only_for_platform_admins(client, login, data):
    login(data["coordinator"])
    assert client.get("/admin/targets").status_code == 403
    assert client.post("/admin/targets", data={"baseline_year": "2012", "multiplier": "2",
                                               "target_year": "2020"}).status_code == 403
    assert current_targets() == Targets()


def test_counting_is_quick_enough(data):
    """Pure counting queries: the whole province page's numbers come in well under a
    second on this small set (a guard against classifying per request)."""
    import time

    start = time.perf_counter()
    province.province_progress(Targets(), [data["nev"].id, data["other"].id], False)
    assert time.perf_counter() - start < 2
