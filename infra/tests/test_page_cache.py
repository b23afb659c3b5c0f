from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import request_finished
from django.http import FileResponse

from directory.factories import DirectoryIndexPageFactory, ServiceFactory
from infra.cache import UncompressedFileBasedCache
from infra.page_cache import AnonymousPageCacheMiddleware, current_version
from search.indexer import index_service
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):

    SiteSettings.load()  # created on first use, which (rightly) empties the cache
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_pages_are_served_from_cache(client, home_page, page_cache):
    first = client.get("/es/")
    assert first["X-Ruta-Cache"] == "miss"
    second = client.get("/es/")
    assert second["X-Ruta-Cache"] == "hit"
    assert second.content == first.content
    assert client.get("/en/")["X-Ruta-Cache"] == "miss"  # each language is its own entry


def test_publishing_empties_the_cache(client, home_page, page_cache):
    client.get("/es/")
    home_page.title_es = "Ruta renovada"
    home_page.save_revision().publish()
    response = client.get("/es/")
    assert response["X-Ruta-Cache"] == "miss"
    assert "Ruta renovada" in response.content.decode()


def test_signed_in_users_are_never_served_or_stored(
    client, home_page, page_cache, django_user_model
):
    user = django_user_model.objects.create_user("lectora", password="x")
    client.force_login(user)
    response = client.get("/es/")
    assert "X-Ruta-Cache" not in response
    client.logout()
    client.cookies.clear()
    assert client.get("/es/")["X-Ruta-Cache"] == "miss"


def test_errors_and_private_responses_are_not_cached(client, home_page, page_cache):
    client.get("/es/no-existe/")
    assert "X-Ruta-Cache" not in client.get("/es/no-existe/")


def test_public_api_responses_are_cached_and_still_rate_limited(
    client, home_page, page_cache, settings, monkeypatch
):
    first = client.get("/api/v2/pages/", {"lang": "en"})
    assert first["X-Ruta-Cache"] == "miss"
    second = client.get("/api/v2/pages/", {"lang": "en"}, HTTP_ORIGIN="https://app.example")
    assert second["X-Ruta-Cache"] == "hit"
    assert second["Access-Control-Allow-Origin"] == "*"
    assert second["ETag"] == first["ETag"]
    assert client.get("/api/v2/pages/", {"lang": "es"})["X-Ruta-Cache"] == "miss"

    settings.RUTA_API_RATE_LIMIT = (1, 60)
    monkeypatch.setattr("infra.api.middleware.time.time", lambda: 7_000_010.0)
    assert client.get("/api/v2/pages/", {"lang": "en"}).status_code == 200
    assert client.get("/api/v2/pages/", {"lang": "en"}).status_code == 429


def test_directory_searches_are_not_cached_nor_indexed(client, home_page, page_cache):

    DirectoryIndexPageFactory(parent=home_page)
    response = client.get("/es/directorio/", {"q": "albergue"})
    assert response["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "X-Ruta-Cache" not in client.get("/es/directorio/", {"q": "albergue"})
    plain = client.get("/es/directorio/")
    assert "noindex" not in plain.content.decode()


def test_small_public_files_are_kept_in_memory_and_big_ones_streamed(rf, page_cache, settings):

    calls = []

    def view(request):
        calls.append(request.path)
        return FileResponse(BytesIO(b"%PDF-1.7 demo"), content_type="application/pdf")

    finished = []

    def on_finished(**kwargs):
        finished.append(kwargs)

    middleware = AnonymousPageCacheMiddleware(view)
    request_finished.connect(on_finished)
    try:
        first = middleware(rf.get("/es/manual.pdf"))
    finally:
        request_finished.disconnect(on_finished)
    # Reading the file must not end the request (that would close the database connection).
    assert finished == []
    assert first["X-Ruta-Cache"] == "miss"
    assert not first.streaming
    assert first.content == b"%PDF-1.7 demo"
    second = middleware(rf.get("/es/manual.pdf"))
    assert second["X-Ruta-Cache"] == "hit"
    assert second.content == b"%PDF-1.7 demo"
    assert second["Content-Type"] == "application/pdf"
    assert calls == ["/es/manual.pdf"]

    settings.RUTA_PAGE_CACHE_MAX_BYTES = 4
    big = middleware(rf.get("/es/otro.pdf"))
    assert big.streaming
    assert "X-Ruta-Cache" not in big
    assert "X-Ruta-Cache" not in middleware(rf.get("/es/otro.pdf"))


def test_the_cache_is_emptied_again_when_the_change_commits(
    client, home_page, page_cache, django_capture_on_commit_callbacks
):
    """Another worker may render the page between the save and the commit, with the old
    data: what it cached then must not outlive the commit."""

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        home_page.title_es = "Ruta renovada"
        home_page.save_revision().publish()
        during = current_version()
    for callback in callbacks:
        callback()
    assert current_version() != during


def test_cached_api_searches_follow_the_search_index(client, home_page, page_cache):
    """The HSDS API's ``search`` reads search entries, written by a background task after
    the change that emptied the cache: writing them empties it again."""

    service = ServiceFactory(name="Servicio Faro", name_es="Servicio Faro")
    url = "/api/hsds/services?search=faro"
    assert client.get(url).json()["total_items"] == 0  # not indexed yet: cached as empty
    assert client.get(url)["X-Ruta-Cache"] == "hit"
    index_service(service.pk)
    found = client.get(url)
    assert found["X-Ruta-Cache"] == "miss"
    assert found.json()["total_items"] == 1


def test_uncompressed_file_cache_reads_its_own_and_compressed_entries(tmp_path):

    plain = UncompressedFileBasedCache(str(tmp_path), {})
    plain.set("page", {"body": b"%PDF" * 1000}, 60)
    assert plain.get("page") == {"body": b"%PDF" * 1000}
    with open(plain._key_to_file("page"), "rb") as handle:
        assert b"%PDF%PDF" in handle.read()  # stored as is, not compressed
    assert plain.touch("page", 120)
    assert plain.get("page") == {"body": b"%PDF" * 1000}
    assert not plain.touch("missing")
    assert plain.add("count", 1)
    assert plain.incr("count") == 2

    FileBasedCache(str(tmp_path), {}).set("old", "written before the upgrade", 60)
    assert plain.get("old") == "written before the upgrade"
    assert plain.get("missing", "default") == "default"


def test_cached_api_responses_keep_their_etag(client, page_cache, monkeypatch):
    first = client.get("/api/v2/pages/", {"lang": "en"})
    assert first["X-Ruta-Cache"] == "miss"

    def no_hashing(content):
        raise AssertionError("a cache hit must not hash the response again")

    monkeypatch.setattr("infra.api.middleware.content_etag", no_hashing)
    second = client.get("/api/v2/pages/", {"lang": "en"}, HTTP_ORIGIN="https://app.example")
    assert second["X-Ruta-Cache"] == "hit"
    assert second["ETag"] == first["ETag"]
    assert (
        client.get("/api/v2/pages/", {"lang": "en"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )


def test_cached_api_answers_follow_accept_language_and_host(client, home_page, page_cache):
    """An API answers in ?lang= or else in Accept-Language: a reader asking in Spanish must
    not get the English answer cached for someone else (nor one cached for another host)."""
    url = "/api/hsds/taxonomies"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert english["X-Ruta-Cache"] == spanish["X-Ruta-Cache"] == "miss"
    assert "Accept-Language" in spanish["Vary"]
    names = {item["name"] for item in spanish.json()["contents"]}
    assert "Poblaciones atendidas" in names
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es")["X-Ruta-Cache"] == "hit"
    assert (
        client.get(url, HTTP_ACCEPT_LANGUAGE="es", HTTP_HOST="otro.example")["X-Ruta-Cache"]
        == "miss"
    )


def test_a_cache_hit_needs_no_database(client, home_page, page_cache, django_assert_num_queries):
    """A stalled or restarting database must not hold readers of cached pages."""
    client.get("/es/")
    with django_assert_num_queries(0):
        assert client.get("/es/")["X-Ruta-Cache"] == "hit"
