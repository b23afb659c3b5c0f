"""The "Refer to this provider" button on the directory's organisation page."""

import pytest

from directory.factories import DirectoryIndexPageFactory
from directory.factories import OrganizationFactory as DirectoryOrganizationFactory
from referrals.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/es/directorio/casa-refugio-boton/"


@pytest.fixture
def organization(home_page):
    DirectoryIndexPageFactory(parent=home_page)
    return DirectoryOrganizationFactory(
        name="Casa Refugio Botón", slug="casa-refugio-boton", slug_en="button-refuge-house"
    )


def test_staff_of_another_institution_see_the_button(client, organization):
    staff = MembershipFactory().user
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert f"/admin/referrals/new/?receiver={organization.pk}" in html


def test_public_visitors_do_not(client, organization):
    html = client.get(URL).content.decode()
    assert "/admin/referrals/" not in html
