"""A visitor without JavaScript filters the directory, opens an organisation, switches
language and reaches the coverage table."""

import pytest

from directory.factories import DirectoryIndexPageFactory
from directory.tests.conftest import SENTINELS, build_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(locale="es-EC", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_browse_organisation_language_and_coverage_without_javascript(
    no_js_page, live_server, home_page
):
    DirectoryIndexPageFactory(parent=home_page)
    build_sample()
    page = no_js_page
    page.goto(f"{live_server.url}/es/directorio/")
    # Whichever query layer is installed (the search app's adds filters), the province
    # select and its form's submit button work without JavaScript.
    province = page.locator("main select[name=province]").first
    province.select_option("EC-P")
    province.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    page.wait_for_url("**/es/directorio/?**province=EC-P**")
    page.get_by_role("link", name="Casa Refugio Prueba").first.click()
    page.wait_for_url("**/es/directorio/casa-refugio-prueba/")
    assert page.locator("h1").inner_text() == "Casa Refugio Prueba"
    body = page.locator("main").inner_text()
    assert "Rumiñahui" in body
    assert SENTINELS["address"] not in body
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/directory/test-refuge-house/")
    page.get_by_role("link", name="Coverage by province").click()
    page.wait_for_url("**/en/directory/coverage/")
    assert page.locator("table.coverage tbody tr").count() == 24
