"""One page per add form, for every page type (``infra.creation``): every page type's admin
form carries the creation key, and an add form that already created its page publishes
that page instead of a second one. The protocol's cases: protocol_pages/tests/test_creation.py;
training modules': training/tests/test_creation.py."""

import pytest
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import rich_text

from directory.models import DirectoryIndexPage
from infra.models import PageCreation
from infra.page_forms import CREATION_KEY, HiddenFieldPanel, RutaPageForm
from website.testing import add_form_data

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
PAGE_TYPES = [model for model in get_page_models() if model is not Page]


def field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    for child in getattr(panel, "children", ()):
        yield from field_panels(child)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_type_carries_the_creation_key(page_type):
    edit_handler = page_type.get_edit_handler()
    assert issubclass(edit_handler.get_form_class(), RutaPageForm)
    panels = [panel for panel in field_panels(edit_handler) if panel.field_name == CREATION_KEY]
    assert len(panels) == 1, panels
    assert isinstance(panels[0], HiddenFieldPanel)


def test_publishing_after_autosave_publishes_the_autosaved_page(admin_client, home_page):
    url, form = add_form_data(
        admin_client,
        home_page,
        DirectoryIndexPage,
        title_es="Directorio",
        title_en="Directory",
        slug_es="directorio",
        slug_en="directory",
        intro_es=rich_text("<p>Borrador.</p>"),
    )
    assert admin_client.post(url, form, **AUTOSAVE).json()["success"]
    page = DirectoryIndexPage.objects.get()
    assert not page.live

    form["intro_es"] = rich_text("<p>Texto publicado.</p>")
    published = admin_client.post(url, {**form, "action-publish": "1"})
    assert published.status_code == 307
    assert published["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    admin_client.post(published["Location"], {**form, "action-publish": "1"}, follow=True)
    page = DirectoryIndexPage.objects.get()
    assert page.live
    assert "Texto publicado." in page.intro_es
    assert PageCreation.objects.get(key=form[CREATION_KEY]).page_id == page.pk


def test_a_form_without_a_key_still_creates_its_page(admin_client, home_page):
    url, form = add_form_data(
        admin_client,
        home_page,
        DirectoryIndexPage,
        title_es="Directorio",
        title_en="Directory",
        slug_es="directorio",
        slug_en="directory",
        creation_key="",
    )
    assert admin_client.post(url, {**form, "action-publish": "1"}).status_code == 302
    assert DirectoryIndexPage.objects.get().live
    assert not PageCreation.objects.exists()
