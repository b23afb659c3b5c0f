import pytest
from bs4 import BeautifulSoup

from directory.models import DirectoryIndexPage
from website.factories import TranslatedPageFactory

pytestmark = pytest.mark.django_db


class DirectoryIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio de servicios"
    slug = "directorio"
    title_en = "Service directory"
    slug_en = "directory"
    show_in_menus = True


@pytest.fixture
def directory_page(home_page):
    return DirectoryIndexPageFactory(parent=home_page)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_root_redirects_to_spanish(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


@pytest.mark.parametrize(
    ("lang", "exit_label", "emergency_heading"),
    [
        ("es", "Salir de esta página", "Líneas de emergencia"),
        ("en", "Exit this page", "Emergency lines"),
    ],
)
def test_home_renders_in_both_languages(
    client, home_page, directory_page, lang, exit_label, emergency_heading
):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == lang
    assert html.select_one("[data-quick-exit-link]").get_text(strip=True) == exit_label
    assert emergency_heading in response.content.decode()
    text = html.get_text(" ")
    assert "ECU 911" in text
    assert "1800-DELITO" in text
    assert "1800335486" in response.content.decode()  # tel: link to the police line
    entry = html.select_one(".card-list a")
    assert entry["href"] == {"es": "/es/directorio/", "en": "/en/directory/"}[lang]


def test_language_switcher_keeps_the_page(client, directory_page):
    html = soup(client.get("/es/directorio/"))
    english = html.select_one('.language-switcher a[hreflang="en"]')
    assert english["href"] == "/en/directory/"
    html = soup(client.get("/en/directory/"))
    spanish = html.select_one('.language-switcher a[hreflang="es"]')
    assert spanish["href"] == "/es/directorio/"
    assert html.select_one('.language-switcher [aria-current="true"]')["lang"] == "en"


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/es/no-existe/", "Página no encontrada"), ("/en/does-not-exist/", "Page not found")],
)
def test_404_in_both_languages(client, home_page, url, heading):
    response = client.get(url)
    assert response.status_code == 404
    html = soup(response)
    assert html.h1.get_text(strip=True) == heading
    assert html.select_one("[data-quick-exit-link]") is not None


@pytest.mark.parametrize("url", ["/es/", "/en/", "/es/directorio/", "/en/directory/"])
def test_public_pages_have_quick_exit_and_no_other_host(client, directory_page, url):
    response = client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("[data-quick-exit-link]") is not None
    assert html.select_one('link[rel="stylesheet"][media="print"]') is not None
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in html.find_all(tag):
            value = element.get(attr) or ""
            assert not value.startswith(("http:", "https:", "//")), f"{tag} loads {value}"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
