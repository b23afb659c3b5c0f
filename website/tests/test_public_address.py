"""Issue 17: the public address is configured once (RUTA_PUBLIC_URL): the default Site
follows it on migrate, absolute links name it, production warns while it is local."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from website.public_address import public_url_check, sync_site

pytestmark = pytest.mark.django_db


@override_settings(RUTA_PUBLIC_URL="https://ruta.example.org")
def test_migrate_gives_the_default_site_the_public_address(home_page):
    call_command("migrate", "website", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("ruta.example.org", 443)
    assert home_page.get_full_url() == "https://ruta.example.org/es/"


@override_settings(RUTA_PUBLIC_URL="http://192.0.2.10:8080")
def test_sync_site_keeps_a_port(home_page):
    assert sync_site().root_url == "http://192.0.2.10:8080"


@pytest.mark.parametrize(
    ("url", "debug", "ids"),
    [
        ("http://localhost", False, ["website.W001"]),
        ("http://127.0.0.1:8000", False, ["website.W001"]),
        ("https://ruta.example.org:8443", False, ["website.W002"]),
        ("https://ruta.example.org", False, []),
        ("http://localhost", True, []),
    ],
)
def test_production_warns_while_the_public_address_is_local(url, debug, ids):
    with override_settings(RUTA_PUBLIC_URL=url, DEBUG=debug):
        assert [problem.id for problem in public_url_check()] == ids


@override_settings(RUTA_PUBLIC_URL="https://ruta.example.org")
def test_api_html_url_names_the_public_address(client, home_page):
    sync_site()
    body = client.get(f"/api/v2/pages/{home_page.pk}/").json()
    assert body["meta"]["html_url"] == "https://ruta.example.org/es/"
