import pytest
from django.core.cache import cache

from directory.models import DirectoryIndexPage
from website.factories import TranslatedPageFactory

pytestmark = pytest.mark.django_db


class SectionFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio de servicios"
    slug = "directorio"
    title_en = "Service directory"
    slug_en = "directory"


@pytest.fixture
def section(home_page):
    return SectionFactory(parent=home_page)


@pytest.mark.parametrize(
    ("lang", "title", "url"),
    [
        ("es", "Directorio de servicios", "/es/directorio/"),
        ("en", "Service directory", "/en/directory/"),
    ],
)
def test_pages_api_speaks_the_requested_language(client, section, lang, title, url):
    response = client.get(f"/api/v2/pages/{section.pk}/", {"lang": lang})
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == title
    assert body["meta"]["html_url"].endswith(url)
    assert response["Content-Language"] == lang


def test_pages_api_defaults_to_spanish(client, section):
    body = client.get(f"/api/v2/pages/{section.pk}/").json()
    assert body["title"] == "Directorio de servicios"


@pytest.mark.parametrize("lang", ["fr", "", "ES", "es-EC"])
def test_unknown_language_is_a_400_with_a_message(client, section, lang):
    response = client.get("/api/v2/pages/", {"lang": lang}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Unknown language" in response.json()["detail"]
    spanish = client.get("/api/v2/pages/", {"lang": lang}, HTTP_ACCEPT_LANGUAGE="es")
    assert "Idioma desconocido" in spanish.json()["detail"]


def test_unknown_parameter_is_a_400(client, section):
    response = client.get("/api/v2/pages/", {"colour": "blue"})
    assert response.status_code == 400


def test_public_api_allows_cross_origin_reads_only(client, section):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://portal.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v2/pages/", HTTP_ORIGIN="https://portal.example.org")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    post = client.post("/api/v2/pages/", {})
    assert post.status_code == 405
    page = client.get("/es/directorio/", HTTP_ORIGIN="https://portal.example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_etag_gives_304_when_unchanged(client, section):
    first = client.get("/api/v2/pages/", {"lang": "en"})
    etag = first["ETag"]
    assert etag
    again = client.get("/api/v2/pages/", {"lang": "en"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    other_language = client.get("/api/v2/pages/", {"lang": "es"}, HTTP_IF_NONE_MATCH=etag)
    assert other_language.status_code == 200


def test_rate_limit_answers_429_with_retry_after(client, section, settings, monkeypatch):
    settings.RUTA_API_RATE_LIMIT = (3, 60)
    cache.clear()
    # Stay inside one rate window whatever the clock says.
    monkeypatch.setattr("infra.api.middleware.time.time", lambda: 6_000_030.0)
    statuses = [client.get("/api/v2/pages/").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    limited = client.get("/api/v2/pages/")
    assert limited["Retry-After"] == "30"
    assert limited.json()["detail"]
    # Another client is not limited.
    assert client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9").status_code == 200
    # Pages are not rate limited.
    assert client.get("/es/directorio/").status_code == 200


@pytest.mark.parametrize("offset", ["505223507466717233152", "-1", "abc", "1000001"])
def test_out_of_range_offset_is_a_400_not_a_database_error(client, section, offset):
    response = client.get("/api/v2/pages/", {"offset": offset})
    assert response.status_code == 400
    assert "offset" in response.json()["detail"]
