"""Fixtures of the dashboard's browser tests: a real ``serve --demo``, a real headless Chromium.

Chromium is Debian's ``chromium`` package (``scripts/test`` installs it when missing), driven by
Playwright through ``executable_path``: Playwright's own browser download is not used. Every
page a test opens records JavaScript errors; a test fails if any page logged one. Screenshots
go to ``.run/dashboard-screenshots/`` (gitignored) for review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

from ._helpers import FAST_ENV, ServerHandle, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".run" / "dashboard-screenshots"
PAGE_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def dashboard_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """``serve --demo`` (demo data, an enterprise key) that delivers webhooks at once."""
    with running_server(tmp_path_factory.mktemp("dashboard_server"), env=FAST_ENV) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium from the machine's packages.

    Module-scoped: Playwright's sync API runs an event loop in the main thread while it is
    open, and ``asyncio.run`` in later tests refuses to start beside it.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install -y chromium` (scripts/test does it as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A browser page of one test, with the JavaScript errors it logged."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def sign_in(self, key: str) -> None:
        self.open("/")
        assert self.page.url == self.base + "/sign-in", "an anonymous visitor is sent to the sign-in page"
        self.page.get_by_label("API key").fill(key)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(self.base + "/")


@pytest.fixture
def tab(browser: Browser, dashboard_server: ServerHandle) -> Iterator[Tab]:
    """A fresh browser context (no cookies) and page; fails the test on a JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page=page, base=dashboard_server.base_url.removesuffix("/v1"))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(f"console error on {page.url}: {message.text}")

    def on_page_error(error: Error) -> None:
        tab.errors.append(f"uncaught exception on {page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        yield tab
    finally:
        context.close()
    assert tab.errors == [], "pages logged JavaScript errors"


SignedIn = Callable[[], Tab]
