"""Fixtures of the cross-cutting browser tests: a whole fictional site, and signed-in
browser contexts."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.site import build_site
from website.testing import verified_login

# Where the quick exit leaves to in these tests: a page of the live server itself, so that
# nothing goes to the network.
NEUTRAL_PATH = "/static/website/css/print.css"


@pytest.fixture
def ruta_site(live_server, transactional_db):
    """A realistic fictional site (see ``tests/browser/site/``), built for each test."""
    return build_site(quick_exit_url=f"{live_server.url}{NEUTRAL_PATH}")


@pytest.fixture
def signed_in_context(browser, live_server):
    """``make(user, language)``: a browser context whose session is signed in as ``user``
    with a verified TOTP device (as after the two-factor step), asking for ``language``."""
    contexts = []

    def make(user, language, **options):
        client = Client()
        verified_login(client, user)
        context = browser.new_context(locale="es-EC" if language == "es" else "en-GB", **options)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
