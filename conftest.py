"""Fixtures shared by every app's tests: the site root and a real Chromium browser."""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import sync_playwright

from search.backends.freshness import forget
from website.factories import make_site_root

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls
# from it (pytest-django's live server and database teardown).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fresh_search_memory():
    """Each test starts from a rolled-back database: what the search service remembers in
    this process (``search.backends.freshness``: the directory snapshot and cards, the
    search vocabulary), the shared cache (Wagtail's site root paths, the page cache) and
    the active language must not carry over from the last test."""

    translation.activate(settings.LANGUAGE_CODE)  # a request's language stays active after it
    cache.clear()
    forget()
    yield
    forget()
    cache.clear()


@pytest.fixture
def home_page(db):
    return make_site_root()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download cannot work here)."""
    if not os.path.exists(CHROMIUM) and shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI (make test installs it on Debian as root)")
        pytest.skip("Browser test skipped: /usr/bin/chromium is not installed")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(locale="es-EC")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    vendor = database["ENGINE"].rsplit(".", 1)[-1]
    if vendor == "sqlite3":
        return "database: SQLite (test database in memory)"
    where = f"{database.get('HOST')}:{database.get('PORT')}"
    return f"database: {vendor} on {where} (test_{database['NAME']})"
