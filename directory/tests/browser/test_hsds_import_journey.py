"""A directory maintainer imports a partner's HSDS file from the admin: upload, read the
dry run's report, confirm, and the services are on the public directory."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from directory.factories import DirectoryIndexPageFactory
from website.testing import verified_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ORG = "88888888-8888-4888-8888-888888888888"


def partner_file(path):
    document = {
        "organizations": [
            {
                "id": ORG,
                "name": "Fundación Navegador",
                "description": "Organización ficticia.",
                "locations": [
                    {
                        "id": "99999999-9999-4999-8999-999999999999",
                        "name": "Oficina Navegador",
                        "location_type": "physical",
                        "latitude": -2.9,
                        "longitude": -79.0,
                        "addresses": [
                            {
                                "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                                "address_1": "Calle 1",
                                "city": "Cuenca",
                                "state_province": "Azuay",
                                "country": "EC",
                            }
                        ],
                    }
                ],
            }
        ],
        "services": [
            {
                "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
                "organization_id": ORG,
                "name": "Asesoría Navegador",
                "status": "active",
                "description": "Atención ficticia.",
                "fees_description": "Sin costo",
                "service_at_locations": [
                    {
                        "id": "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
                        "location_id": "99999999-9999-4999-8999-999999999999",
                    }
                ],
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def maintainer_page(browser, live_server):
    user = get_user_model().objects.create_superuser("maintainer", "m@example.invalid", "x")
    client = Client()
    verified_login(client, user)
    context = browser.new_context(locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_upload_report_confirm_and_the_services_are_public(
    maintainer_page, live_server, home_page, tmp_path
):
    DirectoryIndexPageFactory(parent=home_page)
    page = maintainer_page
    page.goto(f"{live_server.url}/admin/hsds-import/")
    page.set_input_files("input[name=file]", str(partner_file(tmp_path / "socio.json")))
    page.get_by_role("button", name="Check (dry run)").click()
    page.wait_for_url("**/admin/hsds-import/*/")
    assert "What the import would do (dry run)" in page.content()
    # The report is in the maintainer's language (English), the texts stay Spanish.
    assert "HSDS document" in page.locator("main").inner_text()
    assert page.locator(".hsds-import-summary").inner_text() == "Created 5, updated 0, rejected 0."
    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_url("**/admin/hsds-import/*/")
    # Tasks run at once in tests; in production the page refreshes itself until done.
    assert page.locator(".hsds-import-status").inner_text().startswith("Imported")
    page.goto(f"{live_server.url}/es/directorio/fundacion-navegador/")
    body = page.locator("main").inner_text()
    assert "Asesoría Navegador" in body
    assert "Cuenca" in body
