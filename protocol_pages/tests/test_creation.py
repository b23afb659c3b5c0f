"""A protocol page's add form makes one page, whatever order its autosave and its submission
reach the server in (``infra.creation``): an official's page is never duplicated and its
submission never lands beside the autosaved draft."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from infra.models import PageCreation
from protocol_pages.factories import ProtocolEditionPageFactory, ProtocolIndexPageFactory
from protocol_pages.models import ProtocolAnnexPage, ProtocolEditionPage
from protocol_pages.tests.test_workflow import user_in
from protocol_pages.workflow import EDITORS_GROUP, setup_protocol_workflow
from website.testing import add_form_data

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
SUBMIT = {"action-submit": "1"}


@pytest.fixture
def edition(home_page):
    index = ProtocolIndexPageFactory(parent=home_page)
    setup_protocol_workflow(index)
    return ProtocolEditionPageFactory(parent=index)


@pytest.fixture
def editor(edition):
    return user_in(EDITORS_GROUP, "editora")


def annex_form(client, edition, intro="Primer borrador."):
    return add_form_data(
        client,
        edition,
        ProtocolAnnexPage,
        title_es="Glosario",
        title_en="Glossary",
        slug_es="glosario",
        slug_en="glossary",
        kind="glossary",
        intro_es=rich_text(f"<p>{intro}</p>"),
    )


def in_moderation(page):
    return WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).exists()


def submit_through_redirect(client, url, form):
    """The add form's submission after its page exists: 307 to that page's edit view,
    which the browser follows with the same method and data."""
    submitted = client.post(url, {**form, **SUBMIT})
    assert submitted.status_code == 307, submitted
    return submitted, client.post(submitted["Location"], {**form, **SUBMIT}, follow=True)


def test_submitting_after_autosave_submits_the_autosaved_annex(client, edition, editor):
    client.force_login(editor)
    url, form = annex_form(client, edition)
    assert form["creation_key"]
    autosave = client.post(url, form, **AUTOSAVE)
    assert autosave.json()["success"], autosave.json()
    page = ProtocolAnnexPage.objects.get()

    form["intro_es"] = rich_text("<p>Texto enviado.</p>")
    submitted, followed = submit_through_redirect(client, url, form)
    assert submitted["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert "enviada para moderación" in followed.content.decode()
    assert list(ProtocolAnnexPage.objects.values_list("pk", flat=True)) == [page.pk]
    assert in_moderation(page)
    page.refresh_from_db()
    assert "Texto enviado." in page.get_latest_revision_as_object().intro_es


def test_the_form_shown_again_after_an_error_makes_one_annex(client, edition, editor):
    client.force_login(editor)
    url, form = annex_form(client, edition)
    invalid = client.post(url, {**form, "title_es": "", **SUBMIT})
    assert invalid.status_code == 200
    assert f'value="{form["creation_key"]}"' in invalid.content.decode()
    assert not ProtocolAnnexPage.objects.exists()
    assert not PageCreation.objects.exists()  # the invalid request released the key

    assert client.post(url, form, **AUTOSAVE).json()["success"]  # the form shown again
    submit_through_redirect(client, url, form)
    page = ProtocolAnnexPage.objects.get()
    assert in_moderation(page)


def test_another_editors_key_is_refused(client, edition, editor):
    client.force_login(editor)
    url, form = annex_form(client, edition)
    assert client.post(url, form, **AUTOSAVE).json()["success"]
    client.force_login(user_in(EDITORS_GROUP, "otra_editora"))
    # PermissionDenied (403), for the script's request as for the page's: never a 500,
    # never the other editor's page.
    script = client.post(url, form, HTTP_X_REQUESTED_WITH="XMLHttpRequest", **AUTOSAVE)
    assert script.status_code == 403
    assert client.post(url, {**form, **SUBMIT}).status_code == 403
    assert ProtocolAnnexPage.objects.count() == 1
    assert not in_moderation(ProtocolAnnexPage.objects.get())


def test_submitting_a_new_edition_after_autosave_makes_one_edition(client, edition, editor):
    client.force_login(editor)
    url, form = add_form_data(
        client,
        edition.get_parent(),
        ProtocolEditionPage,
        title_es="Edición 2030",
        title_en="Edition 2030",
        slug_es="edicion-2030",
        slug_en="edition-2030",
        effective_date="2030-01-01",
        summary_es=rich_text("<p>Resumen del borrador.</p>"),
    )
    assert client.post(url, form, **AUTOSAVE).json()["success"]
    form["summary_es"] = rich_text("<p>Resumen enviado.</p>")
    submit_through_redirect(client, url, form)
    page = ProtocolEditionPage.objects.get(slug_es="edicion-2030")
    assert ProtocolEditionPage.objects.count() == 2  # the fixture's edition and this one
    assert in_moderation(page)
    assert "Resumen enviado." in page.get_latest_revision_as_object().summary_es
