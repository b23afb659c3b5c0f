import pytest
from django.http import HttpResponse
from django.utils import translation

from directory.factories import UserFactory
from offline.headers import OFFLINE_HEADER
from offline.middleware import OfflineMarkMiddleware
from offline.views import NETWORK_TIMEOUT_SECONDS
from website.testing import verified_login

pytestmark = pytest.mark.django_db
SAVE_FORM = b'<form class="offline-save"'


def _url(page, language):
    with translation.override(language):
        return page.get_url()


def test_service_worker_is_served_from_the_root_as_a_script(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/es/offline/"' in body
    assert '"/en/offline/"' in body
    assert "http://" not in body
    assert "https://" not in body
    assert f'"networkTimeout": {NETWORK_TIMEOUT_SECONDS * 1000}' in body
    assert client.post("/sw.js").status_code == 405


def test_web_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["icons"][0]["src"].startswith("/static/")


@pytest.mark.parametrize(
    ("url", "heading"), [("/es/offline/", "Sin conexión"), ("/en/offline/", "You are offline")]
)
def test_offline_fallback_in_both_languages(client, home_page, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert response[OFFLINE_HEADER] == "public"


@pytest.mark.parametrize("language", ["es", "en"])
def test_pack_lists_the_edition_in_force_and_the_province(client, protocol, language):
    response = client.get(f"/{language}/offline/pack.json?province=EC-P")
    assert response.status_code == 200
    data = response.json()
    assert data["edition"]["id"] == protocol["edition"].pk
    directory = _url(protocol["directory"], language)
    organisation = protocol["pichincha"]
    slug = organisation.slug_es if language == "es" else organisation.slug_en
    cards, services = ("tarjetas", "servicio") if language == "es" else ("cards", "service")
    expected = [
        _url(protocol["edition"], language),
        *(_url(section, language) for section in protocol["sections"]),
        f"{directory}{cards}/EC-P/",  # the province's contact card
        f"{directory}?province=EC-P",
        f"{directory}{services}/{protocol['pichincha_service'].id}/",
        f"{directory}{slug}/",
    ]
    assert [url for url in data["urls"] if not url.startswith("/static/")] == expected
    assert "/static/protocol_pages/css/protocol.css" in data["urls"]


def test_pack_follows_the_protocol_and_changes_revision(client, protocol):
    """Named by a superseded edition, the pack is the edition in force; a change to the
    edition's pages gives a new revision (the worker then replaces the saved copy)."""
    first = client.get(f"/es/offline/pack.json?edition={protocol['old'].pk}").json()
    assert first["edition"]["id"] == protocol["edition"].pk
    assert not any("fase-antigua" in url for url in first["urls"])
    protocol["sections"][0].save_revision().publish()
    second = client.get(f"/es/offline/pack.json?edition={protocol['old'].pk}").json()
    assert second["revision"] != first["revision"]


@pytest.mark.parametrize(
    ("query", "status"),
    [("province=XX", 400), ("edition=abc", 400), ("province=EC-P&edition=1e3", 400)],
)
def test_pack_rejects_bad_input_in_the_readers_language(client, protocol, query, status):
    response = client.get(f"/es/offline/pack.json?{query}")
    assert response.status_code == status
    messages = ("Elija una provincia de la lista.", "La edición debe ser un número.")
    assert response.json()["error"] in messages


def test_pack_without_an_edition_in_force(client, home_page):
    response = client.get("/en/offline/pack.json")
    assert response.status_code == 404
    assert response.json()["error"] == "No edition of the protocol is in force."


def test_public_pages_are_marked_and_signed_in_ones_are_not(client, protocol):
    url = _url(protocol["edition"], "es")
    assert client.get(url)[OFFLINE_HEADER] == "public"
    user = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, user)
    assert OFFLINE_HEADER not in client.get(url)
    assert OFFLINE_HEADER not in client.get("/admin/")


def test_private_and_no_store_pages_are_not_marked(client, protocol):
    directory = _url(protocol["directory"], "es")
    listing = client.get(f"{directory}?province=EC-P")
    assert listing[OFFLINE_HEADER] == "public"  # a province's listing may be saved
    search = client.get(f"{directory}?q=refugio&province=EC-P")
    assert "no-store" in search["Cache-Control"]
    assert OFFLINE_HEADER not in search


def test_a_forged_header_from_a_view_is_dropped(rf, protocol):
    def view(request):
        response = HttpResponse("<p>x</p>")
        response[OFFLINE_HEADER] = "public"
        return response

    request = rf.get("/admin/")
    assert OFFLINE_HEADER not in OfflineMarkMiddleware(view)(request)


def test_signing_out_clears_cache_and_cookies_but_keeps_offline_copies(client):
    """The HTTP cache and cookies go; Cache Storage and the worker ("storage") stay: they hold
    only public pages and static files (docs/offline.md), the protocol a shared phone keeps."""
    user = UserFactory(is_staff=True)
    verified_login(client, user)
    for method in (client.get, client.post):
        response = method("/admin/logout/")
        assert response.status_code == 302
        assert response["Clear-Site-Data"] == '"cache", "cookies"'
        verified_login(client, user)


def test_save_button_only_on_the_edition_in_force(client, protocol):
    assert SAVE_FORM in client.get(_url(protocol["edition"], "es")).content
    assert SAVE_FORM not in client.get(_url(protocol["old"], "es")).content
    directory = _url(protocol["directory"], "en")
    assert SAVE_FORM in client.get(f"{directory}?province=EC-P").content
    assert SAVE_FORM not in client.get(directory).content
