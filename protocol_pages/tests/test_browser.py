"""Journeys in Chromium with JavaScript switched off: the overview and 'in your province'."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overview_and_province_lookup_without_javascript(browser, live_server, protocol):
    context = browser.new_context(locale="es-EC", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/es/protocolo/")
        page.get_by_role("link", name="Leer el protocolo").click()
        page.wait_for_url("**/es/protocolo/edicion-2024/")
        overview = page.locator(".step-by-step")
        assert overview.get_by_role("heading", name="Fase 1: Identificación").is_visible()
        overview.get_by_role("link", name="Detectar indicios").click()
        page.wait_for_url("**/es/protocolo/edicion-2024/identificacion/#step-*")

        page.get_by_label("Provincia", exact=True).first.select_option("EC-P")
        page.get_by_role("button", name="Ver servicios").first.click()
        page.wait_for_url("**province=EC-P**")
        results = page.locator(".province-lookup__results")
        assert "Acogida temporal (demo)" in results.inner_text()
        assert "Coordinación de casos" in results.inner_text()
        assert "Calle Secreta" not in page.content()
    finally:
        context.close()
