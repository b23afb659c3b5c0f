import pytest

from directory.models import DirectoryIndexPage
from website.factories import TranslatedPageFactory
from website.models import SiteSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class SectionFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio de servicios"
    slug = "directorio"
    title_en = "Service directory"
    slug_en = "directory"
    show_in_menus = True


def test_home_switch_language_and_quick_exit(browser_page, live_server, home_page):
    SectionFactory(parent=home_page)
    page = browser_page
    # The quick exit target must not leave the machine: point it at the live server.

    neutral = f"{live_server.url}/static/website/css/print.css"
    settings = SiteSettings.load()
    settings.quick_exit_url = neutral
    settings.save()

    page.goto(f"{live_server.url}/es/")
    assert page.locator("h1").inner_text() == "Ruta"
    assert page.get_by_role("link", name="Salir de esta página").is_visible()

    page.get_by_role("link", name="Directorio de servicios").first.click()
    page.wait_for_url("**/es/directorio/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/directory/")
    assert page.locator("html").get_attribute("lang") == "en"

    history_before = page.evaluate("history.length")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral)
    # The page was replaced, not pushed: history did not grow, and "back" cannot return to it.
    assert page.evaluate("history.length") == history_before


def test_quick_exit_keyboard_shortcut(browser_page, live_server, home_page):
    neutral = f"{live_server.url}/static/website/css/print.css"
    settings = SiteSettings.load()
    settings.quick_exit_url = neutral
    settings.save()
    page = browser_page
    page.goto(f"{live_server.url}/en/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral)
