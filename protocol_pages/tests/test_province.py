"""'In your province' works with a plain GET form and shows only public directory fields."""

import pytest

from protocol_pages.tests.conftest import SHARED_ID

pytestmark = pytest.mark.django_db

PHASE = "/en/protocol/edition-2024/identification/"


def test_step_has_a_plain_get_form(client, protocol):
    html = client.get(PHASE).content.decode()
    form = html.split('class="province-lookup__form"')[0].rsplit("<form", 1)[1]
    assert 'method="get"' in form
    assert f'name="step" value="{SHARED_ID}"' in html
    assert 'name="province"' in html
    assert '<label for="province-' in html


def test_province_with_services_lists_them_with_public_contact(client, protocol):
    response = client.get(PHASE, {"province": "EC-P", "step": SHARED_ID})
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('class="province-lookup__results"')[1].split("</section>")[0]
    assert "Pichincha" in results
    assert "Temporary shelter (demo)" in results
    assert "Quito" in results
    assert "Coordinación de casos" in results
    assert "casos@prueba.invalid" in results


def test_confidential_and_staff_only_fields_never_shown(client, protocol):
    html = client.get(PHASE, {"province": "EC-P", "step": SHARED_ID}).content.decode()
    assert "Calle Secreta" not in html
    assert "Casa confidencial" not in html
    assert "NOTA INTERNA" not in html


def test_province_without_services_says_so(client, protocol):
    html = client.get(PHASE, {"province": "EC-G", "step": SHARED_ID}).content.decode()
    results = html.split('class="province-lookup__results"')[1].split("</section>")[0]
    assert "No services of this institution are listed in Guayas." in results
    # Its only service (in Pichincha) is offered as a nearest office, not as a local one.
    local, nearest = results.split("Nearest offices of this institution")
    assert "Temporary shelter" not in local
    assert "Temporary shelter" in nearest


def test_inactive_service_is_not_listed(client, protocol, organization):
    organization.services.update(status="defunct")
    html = client.get(PHASE, {"province": "EC-P", "step": SHARED_ID}).content.decode()
    assert "Temporary shelter (demo)" not in html
    assert "No services of this institution are listed in Pichincha." in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"province": "XX-1", "step": SHARED_ID}, "Choose a province from the list."),
        ({"province": "EC-P", "step": "nope"}, "That step does not exist on this page."),
        ({"province": "<script>", "step": "<b>"}, "Choose a province from the list."),
    ],
)
def test_bad_input_gives_a_clear_message(client, protocol, params, message):
    response = client.get(PHASE, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_spanish_message(client, protocol):
    html = client.get(
        "/es/protocolo/edicion-2024/identificacion/", {"province": "ZZ", "step": SHARED_ID}
    ).content.decode()
    assert "Elija una provincia de la lista." in html
