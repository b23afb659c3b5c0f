"""Reviewers preview drafts of every protocol page type in the admin (Wagtail preview and
"view draft") before they approve them."""

import pytest
from django.urls import reverse

from website.testing import edit_form_data

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Borrador en revisión"


@pytest.mark.parametrize("name", ["index", "current", "phase1", "crisis", "annex"])
def test_a_draft_of_each_protocol_page_type_previews(admin_client, protocol, name):
    page = protocol[name]
    page.title = page.title_es = DRAFT_TITLE
    page.save_revision()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = admin_client.post(url, data=edit_form_data(admin_client, page))
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}
    for response in (
        admin_client.get(url),
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
    ):
        assert response.status_code == 200
        assert DRAFT_TITLE in response.content.decode()
