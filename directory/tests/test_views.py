import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import (
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from directory.models import Service
from website.testing import verified_login

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/es/directorio/", "Directorio de servicios"), ("/en/directory/", "Service directory")],
)
def test_browse_page_in_both_languages(client, directory_page, sample, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == heading
    # The directory's own filter form (the header's site search comes first).
    assert page.find("form", class_="directory-search").find("select", attrs={"name": "province"})
    org_links = {a["href"] for a in page.select(".directory-list a")}
    slug = "casa-refugio-prueba" if url.startswith("/es/") else "test-refuge-house"
    assert f"{url}{slug}/" in org_links


def test_browse_counts_and_filters(client, directory_page, sample):
    other = ServiceFactory(categories=[category("legal")])
    ServiceAtLocationFactory(service=other, location__province="EC-G", location__canton="Guayaquil")
    ServiceFactory(status=Service.Status.DEFUNCT, organization=other.organization)
    response = client.get("/es/directorio/")
    counts = {p["code"]: p["count"] for p in response.context["province_counts"]}
    assert counts["EC-P"] == 2
    assert counts["EC-G"] == 1
    assert counts["EC-A"] == 0
    categories = {c["code"]: c["count"] for c in response.context["category_counts"]}
    assert categories["legal"] == 2
    assert categories["shelter"] == 1
    filtered = client.get("/es/directorio/?province=EC-G&category=legal")
    assert filtered.context["total"] == 1
    assert [r["id"] for r in filtered.context["results"]] == [str(other.id)]
    by_category = client.get("/es/directorio/?category=shelter")
    assert {p["code"]: p["count"] for p in by_category.context["province_counts"]}["EC-G"] == 0


def test_browse_bad_parameters_give_a_message_not_an_error(client, directory_page, sample):
    response = client.get("/es/directorio/?province=XX&category=nada&page=abc")
    assert response.status_code == 200
    text = soup(response).get_text()
    assert "XX" in text
    assert "nada" in text
    assert response.context["total"] == 2


def test_browse_is_paginated(client, directory_page):
    organization = OrganizationFactory()
    for _ in range(25):
        ServiceFactory(organization=organization)
    first = client.get("/es/directorio/")
    assert len(first.context["results"]) == 20
    assert soup(first).find("a", rel="next")["href"].endswith("page=2")
    second = client.get("/es/directorio/?page=2")
    assert len(second.context["results"]) == 5


def test_organization_page_in_both_languages_with_alternate_urls(client, directory_page, sample):
    spanish = client.get("/es/directorio/casa-refugio-prueba/")
    assert spanish.status_code == 200
    assert spanish.context["alternate_urls"] == {
        "es": "/es/directorio/casa-refugio-prueba/",
        "en": "/en/directory/test-refuge-house/",
    }
    switcher = soup(spanish).select_one(".language-switcher a[hreflang=en]")
    assert switcher["href"] == "/en/directory/test-refuge-house/"
    english = client.get("/en/directory/test-refuge-house/")
    assert english.status_code == 200
    assert soup(english).h1.get_text(strip=True) == "Casa Refugio Prueba"
    assert "Fictional organisation" in english.content.decode()


def test_organization_page_content(client, directory_page, sample):
    page = soup(client.get("/es/directorio/casa-refugio-prueba/"))
    text = page.get_text(" ", strip=True)
    for expected in (
        "Acogida de prueba",
        "Asesoría de prueba",
        "Coordinación de casos",
        "Rumiñahui",
        "Avenida Pública 100",
    ):
        assert expected in text
    # Readers report a problem through the listing's own form, not an e-mail link.
    report = page.find("a", string=re.compile("error", re.I))
    assert report["href"] == "/es/directorio/casa-refugio-prueba/reportar-un-problema/"
    assert not page.find("a", href=re.compile("^mailto:directorio@"))


def test_wrong_language_slug_redirects_and_unknown_is_404(client, directory_page, sample):
    response = client.get("/es/directorio/test-refuge-house/")
    assert response.status_code == 302
    assert response["Location"] == "/es/directorio/casa-refugio-prueba/"
    assert client.get("/es/directorio/no-existe/").status_code == 404


def test_inactive_organization_is_not_public(client, directory_page, sample):
    sample["organization"].is_active = False
    sample["organization"].save()
    assert client.get("/es/directorio/casa-refugio-prueba/").status_code == 404
    assert client.get("/es/directorio/").context["total"] == 0


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/es/directorio/cobertura/", "/en/directory/coverage/"),
        ("/en/directory/coverage/", "/es/directorio/cobertura/"),
    ],
)
def test_coverage_view_highlights_gaps(client, directory_page, sample, url, other):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    rows = {row.th.get_text(strip=True): row for row in page.select("table.coverage tbody tr")}
    assert len(rows) == 24
    header = [th.get_text(strip=True) for th in page.select("table.coverage thead th")][1:]
    pichincha = [td.get_text(strip=True) for td in rows["Pichincha"].find_all("td")]
    shelter_column = header.index(str(category("shelter").name))
    assert pichincha[shelter_column] == "1"
    assert "coverage__gap" in rows["Azuay"].find_all("td")[shelter_column]["class"]
    assert response.context["empty_cells"] == 24 * 11 - 2
    assert response.context["alternate_urls"][other[1:3]] == other


def test_coverage_counts_only_active_services(client, directory_page, sample):
    sample["legal_service"].status = Service.Status.TEMPORARILY_CLOSED
    sample["legal_service"].save()
    response = client.get("/es/directorio/cobertura/")
    assert response.context["empty_cells"] == 24 * 11 - 1


def _organization_with(count):
    organization = OrganizationFactory()
    location = LocationFactory(organization=organization, is_confidential=True)
    PhoneFactory(location=location)
    PhoneFactory(organization=organization)
    for _ in range(count):
        service = ServiceFactory(organization=organization, categories=[category("legal")])
        ServiceAtLocationFactory(service=service, location=location)
        PhoneFactory(service=service)
        ScheduleFactory(service=service)
    return organization


@pytest.mark.parametrize("signed_in", [False, True])
def test_organization_page_query_count_does_not_grow_with_services(
    client, directory_page, signed_in, django_user_model
):
    if signed_in:
        verified_login(client, MembershipFactory().user)
    small, large = _organization_with(2), _organization_with(20)
    counts = []
    for organization in (small, large):
        client.get(f"/es/directorio/{organization.slug_es}/")  # warm caches (site, settings)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/es/directorio/{organization.slug_es}/")
        assert response.status_code == 200
        assert len(response.context["organization"]["services"]) in (2, 20)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 35  # session, user, 2FA and membership checks included
