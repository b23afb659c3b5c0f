"""A stalled connection ("lie-fi") and a shared phone (docs/offline.md): a staff member saves
the protocol and signs out, and the saved copies stay; when the server then sends nothing
for the saved edition, the saved copy shows with its notice after the worker's timeout, and
the late answer still refreshes the kept copy; a slow page that was never saved still
arrives (no false offline page)."""

import time

import pytest
from django.conf import settings
from playwright.sync_api import expect

from offline.testing import stall
from offline.views import NETWORK_TIMEOUT_SECONDS
from tests.browser.offline import CACHED_URLS, NOTICE, controlled, save_for_offline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARGIN_SECONDS = 3  # rendering the copy on a loaded test machine; the stall lasts far longer
STALL_SECONDS = 60
KEPT = """async (url) => Boolean(await (await caches.open("ruta-pages")).match(url))"""


def _timed_goto(page, url):
    started = time.monotonic()
    page.goto(url)
    return time.monotonic() - started


def test_lie_fi_shows_the_saved_copy_after_sign_out(live_server, ruta_site, signed_in_context):
    context = signed_in_context(ruta_site.staff_user, "es")
    page = context.new_page()
    page.set_default_timeout(15_000)
    edition = ruta_site.public["protocol edition"]["es"]
    url = f"{live_server.url}{edition}"
    save_for_offline(page, url, "es")
    saved = page.evaluate(CACHED_URLS)
    assert url in saved

    # Signing out drops the session and the HTTP cache, not the saved public copies.
    page.goto(f"{live_server.url}/admin/logout/")
    assert settings.SESSION_COOKIE_NAME not in {cookie["name"] for cookie in context.cookies()}
    assert set(saved) <= set(page.evaluate(CACHED_URLS))
    controlled(page)  # the worker is still registered

    notice = page.locator("[data-offline-notice]")
    with stall(edition, STALL_SECONDS) as release:
        elapsed = _timed_goto(page, url)
        assert notice.is_visible()
        expect(notice).to_contain_text(NOTICE["es"])
        assert NETWORK_TIMEOUT_SECONDS - 0.5 <= elapsed < NETWORK_TIMEOUT_SECONDS + MARGIN_SECONDS
        heading = page.locator("h1").first.inner_text()
        release.set()
        # The answer that came too late is kept (event.waitUntil), anonymously.
        page.wait_for_function(KEPT, arg=url)
    page.goto(url)  # a connection that answers: the live page, without the notice
    expect(notice).to_be_hidden()
    assert page.locator("h1").first.inner_text() == heading

    # Never saved nor read: however slow, the network's answer, not the offline page.
    catalogue = ruta_site.public["training catalogue"]["es"]
    with stall(catalogue, NETWORK_TIMEOUT_SECONDS + 2):
        elapsed = _timed_goto(page, f"{live_server.url}{catalogue}")
    assert elapsed >= NETWORK_TIMEOUT_SECONDS + 2
    expect(page.locator("h1")).to_have_text("Formación")  # the page, not the offline page
    expect(notice).to_be_hidden()
