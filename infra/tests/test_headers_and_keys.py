"""Response headers every page and API carries (Permissions-Policy, CORS on the APIs only),
and cache keys that never carry what a reader typed (issue 15's low items)."""

import logging
import warnings

import pytest
from django.core.cache import CacheKeyWarning, cache

from infra.cache import hashed_key
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

LONG_TERM = "albergue-" + "confidencial" * 30  # a 369-character search, over Django's 250


@pytest.mark.parametrize("url", ["/es/", "/api/v2/pages/", "/api/hsds/", "/admin/login/"])
def test_every_response_has_a_permissions_policy(client, home_page, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in policy


def test_cors_preflight_is_answered_for_the_apis_only(client, home_page):
    preflight = client.options(
        "/api/hsds/services",
        HTTP_ORIGIN="https://portal.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert preflight["Access-Control-Max-Age"] == "86400"
    read = client.get("/api/hsds/", HTTP_ORIGIN="https://portal.example.org")
    assert "ETag" in read["Access-Control-Expose-Headers"]
    page = client.options(
        "/es/",
        HTTP_ORIGIN="https://portal.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "Access-Control-Allow-Origin" not in page


def test_cache_keys_are_hashed_whatever_goes_in():
    key = hashed_key(f"ruta-page:1:localhost::/es/buscar/?q={LONG_TERM}", "", 1)
    assert len(key) < 80
    assert "albergue" not in key
    assert key == hashed_key(f"ruta-page:1:localhost::/es/buscar/?q={LONG_TERM}", "", 1)


def test_long_search_terms_never_reach_the_log(client, home_page, settings, caplog):
    SiteSettings.load()
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.DEBUG):
        warnings.simplefilter("always")
        assert client.get("/es/buscar/", {"q": LONG_TERM}).status_code == 200
        client.get("/api/v2/pages/", {"search": LONG_TERM[:200]})
    cache.clear()
    assert not [w for w in caught if issubclass(w.category, CacheKeyWarning)]
    assert "confidencial" not in caplog.text
