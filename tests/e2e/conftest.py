"""Browser fixtures: Debian's chromium driven by Playwright against the app on a live server.

The browser is the system one at /usr/bin/chromium (``playwright install`` is never run). Every
page opened through ``new_page`` records requests to other hosts, failed requests, console errors
and uncaught script errors; the test fails at teardown if any were seen.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 30_000  # generous: a busy 2-core machine slows chromium a lot
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def log_in(page, email: str, password: str | None = None) -> None:
    """Log ``page``'s browser context in as ``email`` through the login form."""
    from playwright.sync_api import expect

    from ..factories import PASSWORD

    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password or PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page.locator("form[action$='/auth/logout']")).to_be_attached(timeout=TIMEOUT_MS)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium is required in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def live_server(app, csrf_enabled) -> Iterator[str]:
    """The session app served on a free local port, with real CSRF checks; yields its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def allowed_errors() -> list[str]:
    """Regular expressions of console errors a test expects (say the 409 of a refused
    move, which the browser logs as a failed load); any other error still fails it."""
    return []


@pytest.fixture
def new_page(browser, live_server, allowed_errors) -> Iterator[Callable]:
    """new_page(viewport=...) opens a page in a fresh browser context (its own cookies)."""
    import re

    contexts = []
    problems: list[str] = []

    def watch(page) -> None:
        def on_request(request):
            if not request.url.startswith(live_server + "/") and \
                    not request.url.startswith("data:"):
                problems.append(f"request to another host: {request.method} {request.url}")

        def on_failed(request):
            # ERR_ABORTED is the browser cancelling a load (say the favicon) because the
            # page navigated away; anything else (refused, blocked by CSP...) is a problem.
            if request.failure != "net::ERR_ABORTED":
                problems.append(f"request failed: {request.url} ({request.failure})")

        def on_console(message):
            expected = any(re.search(pattern, f"{page.url} {message.text}")
                           for pattern in allowed_errors)
            if message.type == "error" and not expected:
                problems.append(f"console error on {page.url}: {message.text}")

        page.on("request", on_request)
        page.on("requestfailed", on_failed)
        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def _new_page(viewport: dict | None = None):
        context = browser.new_context(
            viewport=viewport or DESKTOP, base_url=live_server, locale="zh-CN",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch(page)
        return page

    yield _new_page
    for context in contexts:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page(DESKTOP)
