"""Take screenshots of the main pages (Chinese, English, phone width) from a running server.

Usage: .venv/bin/python scripts/screenshots.py [http://127.0.0.1:5000] [out-dir]
Needs the demo data loaded (make demo) and Debian's /usr/bin/chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PASSWORD = "demo-password-2012"


def login(page, base, email):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form input[type=submit], form button[type=submit]").last.click()
    page.wait_for_load_state()


def shoot(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for lang in ("zh_Hans_CN", "en"):
            for width, height, tag in ((1280, 900, "desktop"), (390, 844, "phone")):
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                suffix = f"{lang[:2]}-{tag}"
                for name, path in (("home", "/"), ("alliances", "/alliances/"),
                                   ("alliance", "/alliances/electronics"),
                                   ("register", "/auth/register")):
                    page.goto(f"{base}{path}?lang={lang}")
                    page.screenshot(path=out / f"{name}-{suffix}.png", full_page=tag == "phone")
                login(page, base, "coordinator@example.org")
                page.goto(f"{base}/?lang={lang}")
                page.screenshot(path=out / f"todo-{suffix}.png")
                page.goto(f"{base}/alliances/nev/requests?lang={lang}")
                page.screenshot(path=out / f"requests-{suffix}.png", full_page=True)
                context.clear_cookies()
                login(page, base, "university-admin@example.org")
                page.goto(f"{base}/organisations/mine?lang={lang}")
                page.screenshot(path=out / f"org-admin-{suffix}.png", full_page=True)
                withdraw = page.locator("a[href*='/withdraw']").first
                if withdraw.count():
                    page.goto(base + withdraw.get_attribute("href") + f"?lang={lang}")
                    page.screenshot(path=out / f"confirm-{suffix}.png")
                page.goto(f"{base}/auth/sessions?lang={lang}")
                page.screenshot(path=out / f"sessions-{suffix}.png")
                for name, path in (("catalogue", "/patents/?q=电池"), ("mine", "/patents/mine"),
                                   ("import", "/patents/import"),
                                   ("listings", "/licensing/listings/"),
                                   ("licence-requests", "/licensing/requests/"),
                                   ("licences", "/licensing/licences/")):
                    page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
                    page.screenshot(path=out / f"{name}-{suffix}.png", full_page=tag == "phone")
                for name in ("patent",):
                    page.goto(f"{base}/patents/?lang={lang}")
                    page.goto(base + page.locator("main .list-group a").first.get_attribute(
                        "href") + f"?lang={lang}")
                    page.screenshot(path=out / f"{name}-{suffix}.png", full_page=True)
                page.goto(f"{base}/licensing/requests/?lang={lang}")
                page.goto(base + page.locator("main table a").first.get_attribute("href")
                          + f"?lang={lang}")
                page.screenshot(path=out / f"licence-request-{suffix}.png", full_page=True)
                page.goto(f"{base}/licensing/licences/?lang={lang}")
                page.goto(base + page.locator("main table a").first.get_attribute("href")
                          + f"?lang={lang}")
                page.screenshot(path=out / f"licence-{suffix}.png", full_page=True)
                context.clear_cookies()
                login(page, base, "admin@example.org")
                page.goto(f"{base}/admin/?lang={lang}")
                page.screenshot(path=out / f"admin-{suffix}.png")
                page.goto(f"{base}/admin/audit?lang={lang}")
                page.screenshot(path=out / f"audit-{suffix}.png", full_page=tag == "phone")
                context.close()
        browser.close()


if __name__ == "__main__":
    shoot(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000",
          Path(sys.argv[2] if len(sys.argv) > 2 else "test-artifacts/screenshots"))
