"""Screenshots of the pool pages (not committed)."""
from pathlib import Path

from .conftest import DESKTOP, PHONE
from .test_accessibility import _data, _log_in

OUT = Path("/tmp/poolshots")


def test_shots(new_page, db):
    from alliance.services import pool_runs

    from ..pool_helpers import make_world
    data = _data(db)
    world = make_world()
    run = pool_runs.run_allocation(world.coordinator, world.pool, "2026")
    db.session.commit()
    data["uni"], data["firm2"] = world.uni.email, world.firm.email
    pages = {
        "org_admin": [f"/pools/{data['pool']}", f"/pools/{data['pool']}/declare",
                      f"/pools/runs/{data['pool_run']}", "/alliances/nev"],
        "coordinator": ["/pools/alliances/nev", "/pools/alliances/nev/new",
                        f"/pools/{data['pool']}/incomes/new",
                        f"/pools/{data['pool']}/allocate?period=2026-Q1",
                        f"/pools/runs/{data['pool_run']}"],
        "uni": [f"/pools/runs/{run.id}", f"/pools/{world.pool.id}"],
        "firm2": [f"/pools/runs/{run.id}"],
    }
    for name, viewport in (("desk", DESKTOP), ("phone", PHONE)):
        for role, paths in pages.items():
            page = new_page(viewport)
            _log_in(page, data[role])
            for lang in ("zh_Hans_CN", "en"):
                for i, path in enumerate(paths):
                    joiner = "&" if "?" in path else "?"
                    page.goto(f"{path}{joiner}lang={lang}")
                    page.screenshot(path=str(OUT / f"{role}-{i}-{lang}-{name}.png"),
                                    full_page=True)
