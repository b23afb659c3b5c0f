"""Admin: editing pages with the organisation chooser, and copying an edition."""

import pytest
from django.contrib.auth import get_user_model

from protocol_pages.diff import diff_editions
from protocol_pages.models import ProtocolEditionPage, ProtocolPhasePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@ruta.invalid", "x")
    client.force_login(user)
    return client


def test_phase_edit_form_and_organisation_chooser_load(admin_client, protocol):
    response = admin_client.get(f"/admin/pages/{protocol['phase1'].pk}/edit/")
    assert response.status_code == 200
    assert admin_client.get(f"/admin/pages/{protocol['current'].pk}/edit/").status_code == 200
    chooser = admin_client.get("/admin/protocol_organization_chooser/")
    assert chooser.status_code == 200
    assert "Fundación Prueba (demo)" in chooser.json()["html"]


def test_copied_edition_keeps_block_ids_so_the_diff_is_empty(protocol):
    current = protocol["current"]
    copy = current.copy(
        recursive=True,
        to=protocol["index"],
        update_attrs={
            "title": "Edición 2025",
            "title_es": "Edición 2025",
            "title_en": "Edition 2025",
            "slug": "edicion-2025",
            "slug_es": "edicion-2025",
            "slug_en": "edition-2025",
        },
        keep_live=False,
    )
    assert isinstance(copy, ProtocolEditionPage)
    assert ProtocolPhasePage.objects.child_of(copy).count() == 2
    for section in copy.get_children().specific():
        section.save_revision().publish()
    assert not diff_editions(current, copy).has_changes
    # Editing a copied step shows up as "changed", by id.
    phase = ProtocolPhasePage.objects.child_of(copy).first()
    raw = list(phase.steps_es.raw_data)
    raw[0]["value"]["title"] = "Detectar indicios de trata"
    phase.steps_es = raw
    phase.save_revision().publish()
    changed = diff_editions(current, copy).changed
    assert [change.title for change in changed] == ["Detectar indicios de trata"]
