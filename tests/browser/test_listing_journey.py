"""A living listing in a real browser: a member of an institution proposes a change from
the admin, the public page does not show it, a directory maintainer approves it with the
field-by-field diff in front of them, and the public page shows it."""

import pytest

from directory.factories import (
    DirectoryIndexPageFactory,
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)
from directory.roles import ensure_maintainers_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MARKER = "Atención Propuesta Marcador"


@pytest.fixture
def listing(home_page):
    DirectoryIndexPageFactory(parent=home_page)
    organization = OrganizationFactory(name="Casa del Recorrido", slug="casa-del-recorrido")
    location = LocationFactory(organization=organization, canton="Quito")
    service = ServiceFactory(organization=organization, name="Acompañamiento inicial")
    ServiceAtLocationFactory(service=service, location=location)
    maintainer = UserFactory(username="mantenedora")
    maintainer.groups.add(ensure_maintainers_group())
    return {
        "organization": organization,
        "service": service,
        "member": MembershipFactory(organization=organization).user,
        "maintainer": maintainer,
    }


def test_a_proposal_is_public_only_once_approved(
    live_server, browser_page, signed_in_context, listing
):
    organization, service = listing["organization"], listing["service"]
    public_url = f"{live_server.url}/es/directorio/{organization.slug_es}/"

    member = signed_in_context(listing["member"], "es").new_page()
    member.goto(f"{live_server.url}/admin/directory/listing/{organization.pk}/")
    member.locator(f"#service-{service.pk}").locator("..").get_by_role(
        "link", name="Proponer un cambio"
    ).click()
    member.locator('[name="name_es"]').fill(MARKER)
    with member.expect_navigation():  # the form posts, then the admin redirects
        member.get_by_role("button", name="Enviar a revisión").click()
    assert "Su propuesta se envió" in member.content()

    browser_page.goto(public_url)
    assert "Acompañamiento inicial" in browser_page.content()
    assert MARKER not in browser_page.content()

    reviewer = signed_in_context(listing["maintainer"], "es").new_page()
    reviewer.goto(f"{live_server.url}/admin/directory/changes/")
    reviewer.locator("table.listing a").first.click()
    diff = reviewer.get_by_role("table", name="Campo por campo").inner_text()
    assert MARKER in diff
    assert "Acompañamiento inicial" in diff  # now and proposed, side by side
    reviewer.locator('[name="decision"]').select_option("approve")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Decidir").click()
    assert "Aprobado: la ficha es pública" in reviewer.content()

    browser_page.goto(public_url)
    assert MARKER in browser_page.content()
