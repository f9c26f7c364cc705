"""The browser test harness: Debian's Chromium driven by Playwright's sync API against
pytest-django's live server, with the demo data loaded.

Our own fixtures (`chromium_browser`, `open_context`, `page_`) on purpose: pytest-playwright's
`browser` and `page` want a browser that Playwright downloaded, and this project never downloads one.

Without /usr/bin/chromium the tests skip with the reason, except in CI (CI=true), where a
missing browser is a failure: CI installs it with apt-get (.ci/run).

Playwright and the database: while Playwright's sync API is running, an asyncio loop runs in
the test's thread, and Django then (a) refuses ORM calls from it (SynchronousOnlyOperation) and
(b) keeps a *separate* database connection for "async" code, one that misses the test
database's serialized contents. So each test starts Playwright only after the database and the
demo are set up, and stops it before the database is flushed; the test bodies drive the browser
and assert what a person sees, without the ORM. DJANGO_ALLOW_ASYNC_UNSAFE (the documented
workaround) is set only while a browser runs, never for the whole session: a subprocess such as
`manage.py check --deploy` in other tests would inherit it and fail.
"""
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEMO_PASSWORD = "demo"
TIMEOUT_MS = 10_000


def browser_verdict(path, environ):
    """What to do about the browser: ("run", None), ("skip", reason) or ("fail", reason)."""
    if Path(path).is_file() and os.access(path, os.X_OK):
        return "run", None
    if environ.get("CI", "").lower() == "true":
        return "fail", f"CI=true but Chromium is missing at {path}: .ci/run must apt-get install chromium"
    return "skip", "Chromium not installed: apt-get install chromium"


@pytest.fixture(scope="session")
def chromium_executable():
    """Debian's Chromium, or a skip (laptop) / failure (CI) that says why there is none."""
    verdict, reason = browser_verdict(CHROMIUM, os.environ)
    if verdict == "skip":
        pytest.skip(reason)
    if verdict == "fail":
        pytest.fail(reason, pytrace=False)
    return CHROMIUM


@pytest.fixture
def demo_site(chromium_executable, django_db_serialized_rollback, live_server, transactional_db):
    """The live server's address, with the whole demo loaded (users staff/deputy/admin, password demo).

    Serialized rollback: the live server needs real commits, and the flush after each test
    would otherwise also wipe what the migrations put in (the role groups)."""
    call_command("load_demo", "--force", "--password", DEMO_PASSWORD, stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def chromium_browser(chromium_executable, demo_site, monkeypatch):
    """Chromium for one test, started after the demo is loaded (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def open_context(chromium_browser):
    """A factory of fresh browser contexts (own cookies), all closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "ky-KG")
        context = chromium_browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page_(open_context):
    """A page in a fresh context: desktop size, JavaScript on, CSP enforced."""
    return open_context().new_page()
