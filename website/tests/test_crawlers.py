"""/sitemap.xml and /robots.txt: only what an anonymous visitor may open, in both languages,
never a restricted, unpublished or non-public directory record; cached like pages."""

import time
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from protego import Protego
from wagtail.models import PageViewRestriction

from directory.factories import (
    DirectoryIndexPageFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from directory.models import Organization, Service
from protocol_pages.factories import ProtocolIndexPageFactory, ProtocolPhasePageFactory
from protocol_pages.models import ProtocolIndexPage

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ROOT = "http://localhost"
SECRET_ADDRESS = "Calle Reservada 77"
# Nothing cached: site and root, view restrictions, the pages and one query per page type,
# the directory's organisations and services per language; robots.txt: site, directory page.
SITEMAP_QUERIES = 14
ROBOTS_QUERIES = 5


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def world(home_page):
    protocol = published(ProtocolIndexPageFactory(parent=home_page))
    phase = published(ProtocolPhasePageFactory(parent=protocol, title="Fase pública"))
    draft = ProtocolPhasePageFactory(parent=protocol, title="Fase borrador", live=False)
    restricted = ProtocolPhasePageFactory(parent=protocol, title="Fase restringida")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    below = ProtocolPhasePageFactory(parent=restricted, title="Debajo de la restringida")
    directory = DirectoryIndexPageFactory(parent=home_page)
    active = OrganizationFactory(slug="activa", slug_es="activa", slug_en="active")
    closed = OrganizationFactory(
        slug="cerrada", slug_es="cerrada", slug_en="closed", is_active=False
    )
    services = {
        status: ServiceFactory(organization=active, status=status) for status in Service.Status
    }
    hidden = ServiceFactory(organization=closed)
    shelter = LocationFactory(organization=active, is_confidential=True, address_1=SECRET_ADDRESS)
    ServiceAtLocationFactory(service=services[Service.Status.ACTIVE], location=shelter)
    return {
        "phase": phase,
        "draft": draft,
        "restricted": restricted,
        "below": below,
        "directory": directory,
        "services": services,
        "hidden": hidden,
    }


def sitemap(client):
    """(response, {location: lastmod text or None})."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    entries = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }
    return response, entries


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    return response, Protego.parse(response.content.decode())


def test_published_pages_are_listed_in_both_languages_with_their_last_change(client, world):
    phase = world["phase"]
    _response, entries = sitemap(client)
    urls = {}
    for language in ("es", "en"):
        with translation.override(language):
            urls[language] = phase.get_full_url()
    assert urls["es"].startswith(f"{ROOT}/es/")
    assert urls["en"].startswith(f"{ROOT}/en/")
    for url in urls.values():
        assert entries[url] == phase.last_published_at.date().isoformat()
    assert {f"{ROOT}/es/", f"{ROOT}/en/"} <= entries.keys()  # the home page


def test_unpublished_and_restricted_pages_are_not_listed(client, world):
    _response, entries = sitemap(client)
    listed = " ".join(entries)
    for name in ("draft", "restricted", "below"):
        page = world[name]
        assert page.slug_es not in listed, name
        assert page.slug_en not in listed, name


def test_only_public_directory_records_have_entries(client, world):
    response, entries = sitemap(client)
    base = {"es": f"{ROOT}/es/directorio/", "en": f"{ROOT}/en/directory/"}
    listed_statuses = {Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED}
    for language, slug, service in (("es", "servicio", "activa"), ("en", "service", "active")):
        assert base[language] + f"{service}/" in entries
        for status, item in world["services"].items():
            assert (base[language] + f"{slug}/{item.pk}/" in entries) == (
                status in listed_statuses
            ), status
        assert base[language] + f"{slug}/{world['hidden'].pk}/" not in entries
    listed = " ".join(entries)
    assert "cerrada" not in listed  # the inactive organisation, in both languages
    assert "closed" not in listed
    assert {f"{base['es']}cobertura/", f"{base['en']}cards/EC-P/"} <= entries.keys()
    # No search, filter, report form, PDF or staff address; no confidential value.
    for word in ("?", "buscar", "search", "report", "reportar", "pdf", "/admin/"):
        assert word not in listed, word
    assert SECRET_ADDRESS not in response.content.decode()


def test_sitemap_is_xml_without_cookies_and_kept_like_a_page(client, world, settings):
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    first, entries = sitemap(client)
    assert first["Content-Type"] == "application/xml"
    assert first.cookies == {}
    assert "max-age=60" in first["Cache-Control"]
    assert first["X-Ruta-Cache"] == "miss"
    assert sitemap(client)[0]["X-Ruta-Cache"] == "hit"
    phase_url = next(url for url in entries if world["phase"].slug_es in url)
    world["phase"].unpublish()
    assert phase_url not in sitemap(client)[1]  # an unpublished page leaves it at once


def test_a_new_view_restriction_takes_the_page_out_of_a_cached_sitemap(client, world, settings):
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    phase = world["phase"]
    assert any(phase.slug_es in url for url in sitemap(client)[1])
    PageViewRestriction.objects.create(page=phase, restriction_type=PageViewRestriction.LOGIN)
    assert not any(phase.slug_es in url for url in sitemap(client)[1])


def test_robots_turns_robots_away_from_staff_sections_searches_and_forms(client, world):
    response, parser = robots(client)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.cookies == {}
    for path in (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_home"),
        "/admin/referrals/",
        "/admin/two-factor/",
        "/es/buscar/?q=albergue",
        "/en/search/?q=shelter",
        "/es/directorio/buscar/?q=albergue",
        "/es/directorio/?q=albergue",
        "/en/directory/?province=EC-P",
        "/es/alertas-del-protocolo/",
        "/en/offline/",
        "/es/directorio/activa/reportar-un-problema/",
        "/en/directory/active/report-a-problem/",
    ):
        assert not parser.can_fetch(ROOT + path, "*"), path
    assert list(parser.sitemaps) == [f"{ROOT}/sitemap.xml"]


def test_every_sitemap_entry_is_open_to_robots(client, world):
    _response, parser = robots(client)
    _sitemap, entries = sitemap(client)
    assert len(entries) > 10
    closed = [url for url in entries if not parser.can_fetch(url, "*")]
    assert closed == []


def test_both_answer_only_reads(client, world):
    assert client.post("/sitemap.xml").status_code == 405
    assert client.post("/robots.txt").status_code == 405
    assert client.head("/robots.txt").status_code == 200


def queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(home_page, organizations, services_each, phases):
    """More pages, organisations and services (in bulk: signals and search entries are
    not what is counted here)."""
    protocol = ProtocolIndexPage.objects.first() or ProtocolIndexPageFactory(parent=home_page)
    for _n in range(phases):
        ProtocolPhasePageFactory(parent=protocol)
    built = Organization.objects.bulk_create(OrganizationFactory.build_batch(organizations))
    Service.objects.bulk_create(
        ServiceFactory.build(organization=organization)
        for organization in built
        for _n in range(services_each)
    )


def test_sitemap_and_robots_read_a_fixed_number_of_queries(
    client, world, home_page, django_assert_max_num_queries
):
    """Cold (nothing cached), on a small directory and on one of realistic size."""
    grow(home_page, organizations=2, services_each=1, phases=1)
    small = queries(client, "/sitemap.xml"), queries(client, "/robots.txt")
    grow(home_page, organizations=300, services_each=4, phases=30)
    started = time.monotonic()
    large = queries(client, "/sitemap.xml"), queries(client, "/robots.txt")
    print(f"\nsitemap and robots.txt: {large} queries, {time.monotonic() - started:.2f} s")
    assert len(sitemap(client)[1]) > 2 * (300 * 4 + 300 + 30)
    assert small == large
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        sitemap(client)
    cache.clear()
    with django_assert_max_num_queries(ROBOTS_QUERIES):
        robots(client)
