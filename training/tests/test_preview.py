"""Reviewers preview drafts of training pages in the admin (Wagtail preview) before they
approve them; a draft's unsaved relations (modelcluster's fake querysets) must render."""

import pytest
from django.urls import reverse

from directory.factories import ServiceFactory
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory, session_data
from website.testing import edit_form_data

pytestmark = pytest.mark.django_db


def preview(client, page):
    """Post the draft's edit form to the preview view, then render the preview."""
    data = edit_form_data(client, page)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, data=data)
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}
    draft_view = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert draft_view.status_code == 200
    return client.get(url)


def draft(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision()
    return page


def test_a_draft_module_with_prerequisites_and_services_previews(admin_client, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    basics = TrainingModulePageFactory(parent=index, title="Mis fortalezas")
    service = ServiceFactory(name="Formación en oficios (prueba)")
    module = TrainingModulePageFactory(
        parent=index,
        title="Panadería básica",
        sessions_es=[session_data("Masa madre", notes="NOTA-DE-FACILITACION")],
    )
    module.prerequisites.set([basics])
    module.related_services.set([service])
    draft(module, title="Panadería básica (borrador)", title_es="Panadería básica (borrador)")

    response = preview(admin_client, module)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Panadería básica (borrador)" in html
    assert "Mis fortalezas" in html
    assert "Formación en oficios (prueba)" in html
    assert "Masa madre" in html


def test_a_draft_training_index_previews(admin_client, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    TrainingModulePageFactory(parent=index, title="Huerto familiar")
    draft(index, intro_es="<p>Catálogo en revisión.</p>")

    response = preview(admin_client, index)
    assert response.status_code == 200
    assert "Catálogo en revisión." in response.content.decode()
    assert "Huerto familiar" in response.content.decode()
