import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import translation

from directory.factories import DirectoryIndexPageFactory, category
from search.backends.freshness import forget
from search.backends.snapshot import directory_memory
from search.indexer import index_page, rebuild_entries
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_urls_are_translated():
    with translation.override("es"):
        assert reverse("site-search") == "/es/buscar/"
        assert reverse("directory-search") == "/es/directorio/buscar/"
    with translation.override("en"):
        assert reverse("site-search") == "/en/search/"
        assert reverse("directory-search") == "/en/directory/search/"
    assert translate_url("/es/buscar/?q=trata", "en") == "/en/search/?q=trata"


def test_site_search_headers(client, home_page):
    empty = client.get("/es/buscar/")
    assert empty.status_code == 200
    assert '<meta name="robots" content="noindex">' in empty.content.decode()
    assert "no-store" not in empty.get("Cache-Control", "")
    searched = client.get("/es/buscar/", {"q": "trata"})
    assert '<meta name="robots" content="noindex">' in searched.content.decode()
    assert "no-store" in searched["Cache-Control"]
    assert "private" in searched["Cache-Control"]


@pytest.fixture
def route_page(home_page):
    return DirectoryIndexPageFactory(
        parent=home_page,
        title="Ruta de atención a víctimas",
        title_es="Ruta de atención a víctimas",
        title_en="Victim assistance route",
    )


def test_site_search_matches_current_language_only(client, route_page):
    index_page(route_page.pk)
    assert SearchEntry.objects.filter(target_id=str(route_page.pk)).count() == 2
    spanish = client.get("/es/buscar/", {"q": "atencion victimas"}).content.decode()
    assert "Ruta de atención a víctimas" in spanish
    # The Spanish words do not find the page in English; the English ones do.
    english = client.get("/en/search/", {"q": "atencion"}).content.decode()
    assert "Victim assistance route" not in english
    english = client.get("/en/search/", {"q": "assistance route"}).content.decode()
    assert "Victim assistance route" in english
    assert "Ruta de atención" not in client.get("/es/buscar/", {"q": "assistance"}).content.decode()


def test_unpublished_pages_leave_the_index(directory_page):
    index_page(directory_page.pk)
    assert SearchEntry.objects.filter(target_id=str(directory_page.pk)).exists()
    directory_page.unpublish()
    index_page(directory_page.pk)
    assert not SearchEntry.objects.filter(target_id=str(directory_page.pk)).exists()


def test_site_search_type_filter_and_bad_input(client, make_service, home_page):
    make_service(name="Casa Violeta", name_es="Casa Violeta")
    rebuild_entries()
    response = client.get("/es/buscar/", {"q": "violeta", "type": "service"})
    assert "Casa Violeta" in response.content.decode()
    response = client.get("/es/buscar/", {"q": "violeta", "type": "protocol"})
    assert "Casa Violeta" not in response.content.decode()
    response = client.get("/es/buscar/", {"q": "violeta", "type": "<script>", "page": "x"})
    assert response.status_code == 200
    assert "Tipo desconocido" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_directory_search_page_filters_and_relax_link(client, make_service, home_page):
    make_service(
        name="Casa Lila",
        name_es="Casa Lila",
        categories=[category("shelter")],
        location={"province": "EC-A", "canton": "Cuenca"},
    )
    rebuild_entries()
    response = client.get(
        "/es/directorio/buscar/", {"q": "casa lila", "province": "EC-P", "free": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert response.context["province_counts"][0]["name"] == "Azuay"
    assert response.context["province_counts"][0]["count"] == 1
    assert "Quitar todos los filtros" in body
    assert response.context["relax_url"] == "?q=casa+lila"
    assert "no-store" in response["Cache-Control"]


def test_directory_search_did_you_mean(client, make_service, home_page):
    make_service(name="Casa Lila", name_es="Casa Lila", description_es="Albergue temporal.")
    rebuild_entries()
    response = client.get("/es/directorio/buscar/", {"q": "albergeu"})
    assert response.context["corrected"] == "albergue"
    page = response.content.decode()
    assert "Mostrando resultados para <strong>albergue</strong>" in page
    assert "buscar en cambio albergeu" in page
    undone = client.get("/es/directorio/buscar/", {"q": "albergeu", "original": "1"})
    assert undone.context["total"] == 0  # the typed word, as typed
    assert not undone.context["corrected"]


@pytest.mark.parametrize(
    "params",
    [
        {"province": "XX"},
        {"category": "nope"},
        {"sort": "distance"},
        {"lat": "abc", "lon": "1"},
        {"lat": "40.4", "lon": "-3.7"},  # outside Ecuador
        {"near": "EC-ZZ"},
        {"page": "-3"},
        {"q": "x" * 5000},
    ],
)
def test_directory_search_bad_input_never_fails(client, home_page, params):
    response = client.get("/es/directorio/buscar/", params)
    assert response.status_code == 200
    if set(params) - {"page", "q"}:
        assert response.context["errors"], params


def test_distance_sort_from_a_city(client, make_service, home_page):
    far = make_service(
        name="Lejos", name_es="Lejos", location={"province": "EC-L", "canton": "Loja"}
    )
    near = make_service(
        name="Cerca",
        name_es="Cerca",
        location={"province": "EC-P", "canton": "Quito", "is_confidential": True},
    )
    response = client.get("/es/directorio/buscar/", {"sort": "distance", "near": "EC-P"})
    results = response.context["results"]
    assert [r["id"] for r in results] == [str(near.pk), str(far.pk)]
    assert results[0]["distance_is_approximate"] is True
    assert "a nivel de ciudad" in response.content.decode()


def test_directory_page_uses_search_query_layer(client, make_service, directory_page):
    make_service(name="Casa Lila", name_es="Casa Lila")
    make_service(name="Otra", name_es="Otra")
    rebuild_entries()
    response = client.get(directory_page.url, {"q": "lila"})
    assert response.status_code == 200
    assert [r["name"] for r in response.context["results"]] == ["Casa Lila"]
    body = response.content.decode()
    # The search filters (population, language, open now, distance) replace the basic form.
    for field in ('name="population"', 'name="open_now"', 'name="near"', 'name="q"'):
        assert field in body
    assert "Aún no verificado" in body
    assert response.context["page"] == directory_page


@pytest.mark.parametrize("language", ["es", "en"])
def test_directory_results_query_count_does_not_grow_with_results(
    client, make_service, directory_page, django_assert_max_num_queries, language
):
    """Result cards read only the columns they show (both languages, for the fallback),
    in a constant number of queries: no deferred column is loaded card by card."""

    def count(number):
        for index in range(number):
            make_service(
                name=f"Casa Lila {index}",
                name_es=f"Casa Lila {index}",
                name_en=f"Lilac House {index}",
                alert_en="",  # falls back to Spanish
                alert_es=f"Aviso {index}",
                categories=[category("shelter")],
            )
        rebuild_entries()
        forget()  # the snapshot and remembered cards are rebuilt
        with translation.override(language):
            url = directory_page.url
            word = "lila" if language == "es" else "lilac"
        client.get(url, {"q": word, "category": "shelter"})  # builds snapshot and statistics
        directory_memory().cards.clear()  # cards are shaped again
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": word, "category": "shelter"})
        assert response.status_code == 200
        matching = SearchEntry.objects.filter(kind="service", language=language).count()
        assert len(response.context["results"]) == min(matching, 20)
        return len(queries)

    client.get(directory_page.url)  # one-off work of a first request (site settings row)
    few = count(2)
    many = count(20)
    assert many == few, f"{few} queries with 2 services, {many} with 22"


@pytest.mark.parametrize("language", ["es", "en"])
def test_directory_search_url_leads_to_the_directory_page(client, directory_page, language):
    with translation.override(language):
        search_url, page_url = reverse("directory-search"), directory_page.url
    response = client.get(search_url, {"q": "casa lila", "province": "EC-P"})
    assert response.status_code == 302
    assert response["Location"] == f"{page_url}?q=casa+lila&province=EC-P"
    assert client.get(search_url)["Location"] == page_url
    assert client.get(response["Location"]).status_code == 200


def test_words_that_find_nothing_offer_what_to_try(client, make_service, directory_page):
    """A search whose words find nothing says so with the words (escaped), what to try,
    the kinds of service to browse instead with their counts, and the emergency lines;
    never a list of provinces that all count zero."""
    make_service(categories=[category("shelter")], location={"province": "EC-A"})
    make_service(categories=[category("legal")], location={"province": "EC-P"})
    rebuild_entries()
    response = client.get(directory_page.url, {"q": "<b>zzqx</b> wyrm"})
    body = response.content.decode()
    assert response.context["total"] == 0
    assert "Ningún servicio coincide con «&lt;b&gt;zzqx&lt;/b&gt; wyrm»." in body
    assert "<b>zzqx" not in body
    assert "Pruebe con menos palabras" in body
    assert [(i["count"], i["url"]) for i in response.context["browse_instead"]] == [
        (1, "?category=shelter"),
        (1, "?category=legal"),
    ]
    assert 'href="?category=shelter"' in body
    assert "ECU 911" in body
    assert "1800-DELITO" in body
    assert "Por provincia" not in body
    # In a province that has services: browse there; in one without: the whole directory.
    there = client.get(directory_page.url, {"q": "zzqx", "province": "EC-A"})
    assert [i["url"] for i in there.context["browse_instead"]] == [
        "?province=EC-A&category=shelter"
    ]
    assert "O revise los servicios de Azuay por tipo" in there.content.decode()
    nowhere = client.get(directory_page.url, {"q": "zzqx", "province": "EC-W"})
    assert len(nowhere.context["browse_instead"]) == 2
    assert "O revise el directorio por tipo de servicio" in nowhere.content.decode()
    english = client.get("/en/directory/search/", {"q": "zzqx"}, follow=True).content.decode()
    assert "No service matches “zzqx”." in english
    assert "Or browse the directory by kind of service" in english


def test_filters_that_find_nothing_show_a_coverage_gap(client, make_service, directory_page):
    make_service(categories=[category("shelter")], location={"province": "EC-A"})
    rebuild_entries()
    response = client.get(directory_page.url, {"province": "EC-W", "category": "shelter"})
    body = response.content.decode()
    assert "Ningún servicio coincide con estos filtros. Puede ser una brecha de cobertura." in body
    assert response.context["browse_instead"] == []
    assert "Por provincia" in body  # where the chosen kind of service exists instead
