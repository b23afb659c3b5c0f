"""The province is chosen once and applied to every step; where an institution has no
office, the reader still gets a local contact, its nearest offices and the national lines."""

import pytest

from directory.factories import (
    DirectoryIndexPageFactory,
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from protocol_pages.directory_links import PROVINCE_COOKIE

pytestmark = pytest.mark.django_db

PHASE = "/en/protocol/edition-2024/identification/"


def results(html):
    return html.split('class="province-lookup__results"')[1].split("</section>")[0]


def place(organization, canton, province, service):
    location = LocationFactory(organization=organization, canton=canton, province=province)
    ServiceAtLocationFactory(service=service, location=location)
    return location


@pytest.fixture
def guayas_service(db):
    """Another organisation's service in Guayaquil, with a public phone."""
    other = OrganizationFactory(name="Fundación Costa (prueba)")
    service = ServiceFactory(organization=other, name_en="Coast shelter", name_es="Acogida costa")
    office = place(other, "Guayaquil", "EC-G", service)
    PhoneFactory(location=office, number="04 259 0101")
    return service


def test_choice_is_kept_in_a_cookie_and_applied_without_the_url(client, protocol, guayas_service):
    chosen = client.get(PHASE, {"province": "EC-G"})
    assert chosen.cookies[PROVINCE_COOKIE].value == "EC-G"
    assert "Coast shelter" in results(chosen.content.decode())
    again = client.get(PHASE)  # the cookie alone
    assert again.status_code == 200
    assert "Coast shelter" in results(again.content.decode())
    assert "private" in again["Cache-Control"]
    assert PROVINCE_COOKIE not in again.cookies  # unchanged: not set again
    # The overview's links are cached once per edition for every reader, so they carry no
    # province: the cookie applies it on the page they open.
    edition = client.get("/en/protocol/edition-2024/")
    assert f'href="{PHASE}#' in edition.content.decode()
    assert "Coast shelter" in results(client.get(PHASE).content.decode())


def test_no_office_there_lists_a_local_contact_and_national_lines(
    client, protocol, organization, guayas_service
):
    html = results(client.get(PHASE, {"province": "EC-G"}).content.decode())
    local = html.split("province-lookup__local")[1].split("</ul>")[0]
    assert "Coast shelter" in local
    assert 'href="tel:+59342590101"' in local
    assert "Other services in Guayas" in html  # no category in common: any local service
    assert 'href="tel:911"' in html
    # Sharing a category, it is offered as a service for the same need.
    organization.services.get().categories.set([category("shelter")])
    guayas_service.categories.set([category("shelter")])
    html = results(client.get(PHASE, {"province": "EC-G"}).content.decode())
    assert "Other services for the same need in Guayas" in html


def test_nearest_offices_by_distance_between_capitals(client, protocol, organization):
    service = ServiceFactory(organization=organization, name_en="Machala office")
    place(organization, "Machala", "EC-O", service)
    html = results(client.get(PHASE, {"province": "EC-G"}).content.decode())
    nearest = html.split("Nearest offices of this institution")[1]
    # From Guayaquil, Machala (El Oro) is nearer than Quito (Pichincha).
    assert nearest.index("Machala office") < nearest.index("Temporary shelter (demo)")
    assert "km" in nearest


def test_institutions_link_to_their_directory_page(client, protocol, organization, home_page):
    DirectoryIndexPageFactory(parent=home_page)
    html = client.get(PHASE).content.decode()
    assert f'href="/en/directory/{organization.slug_en}/"' in html
