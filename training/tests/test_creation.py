"""A new module's add form creates one page, whatever order its autosave and its submission
reach the server in (``infra.creation``, shared by every page type)."""

import re
import uuid

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from infra import creation_services as services
from infra.models import PageCreation
from training.factories import TrainingModulePageFactory
from training.models import TrainingModulePage

from .conftest import make_user
from .test_permissions import add_url, module_form

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def open_add_form(client, training_index):
    html = client.get(add_url(training_index)).content.decode()
    return re.search(r'name="creation_key" value="([0-9a-f-]{36})"', html).group(1)


def in_moderation(page):
    return WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    ).exists()


def test_submitting_after_autosave_submits_the_autosaved_page(client, trainer, training_index):
    client.force_login(trainer)
    key = open_add_form(client, training_index)
    form = module_form("Cuidado personal", "cuidado-personal", creation_key=key)
    autosave = client.post(add_url(training_index), form, **AUTOSAVE)
    assert autosave.json()["success"]
    page = TrainingModulePage.objects.get()

    submitted = client.post(add_url(training_index), {**form, "action-submit": "1"})
    assert submitted.status_code == 307
    assert submitted["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    followed = client.post(submitted["Location"], {**form, "action-submit": "1"}, follow=True)
    assert "enviada para moderación" in followed.content.decode()
    assert list(TrainingModulePage.objects.values_list("pk", flat=True)) == [page.pk]
    assert in_moderation(page)


def test_an_autosave_after_the_submission_changes_nothing(client, trainer, training_index):
    client.force_login(trainer)
    key = open_add_form(client, training_index)
    form = module_form("Huerto", "huerto", creation_key=key)
    assert client.post(add_url(training_index), {**form, "action-submit": "1"}).status_code == 302
    page = TrainingModulePage.objects.get()
    revisions = page.revisions.count()

    late = client.post(add_url(training_index), form, follow=True, **AUTOSAVE)
    assert late.json()["success"] is False  # the page is locked in moderation
    assert TrainingModulePage.objects.count() == 1
    assert page.revisions.count() == revisions
    assert in_moderation(page)


def test_an_invalid_form_lets_the_next_request_create_the_page(client, trainer, training_index):
    client.force_login(trainer)
    key = open_add_form(client, training_index)
    invalid = module_form("", "sin-titulo", creation_key=key, **{"action-submit": "1"})
    response = client.post(add_url(training_index), invalid)
    assert response.status_code == 200
    assert f'value="{key}"' in response.content.decode()  # the form shown again keeps its key
    assert not PageCreation.objects.exists()
    form = module_form("Con título", "con-titulo", creation_key=key, **{"action-submit": "1"})
    assert client.post(add_url(training_index), form).status_code == 302
    assert in_moderation(TrainingModulePage.objects.get(slug="con-titulo"))


def test_another_add_form_with_the_same_slug_is_still_refused(client, trainer, training_index):
    TrainingModulePageFactory(parent=training_index, slug="repetido", live=False)
    client.force_login(trainer)
    key = open_add_form(client, training_index)
    form = module_form("Repetido", "repetido", creation_key=key, **{"action-submit": "1"})
    response = client.post(add_url(training_index), form)
    assert response.status_code == 200
    assert "slug_es" in response.context["form"].errors, response.context["form"].errors
    assert TrainingModulePage.objects.count() == 1


def test_another_users_key_is_refused(client, trainer, training_index):
    client.force_login(trainer)
    key = open_add_form(client, training_index)
    client.post(add_url(training_index), module_form("Mío", "mio", creation_key=key), **AUTOSAVE)
    client.force_login(make_user("otra_formadora", "Formadores"))
    response = client.post(add_url(training_index), module_form("Mío", "mio", creation_key=key))
    assert response.status_code in (302, 403)  # Wagtail sends a refused request home
    assert TrainingModulePage.objects.count() == 1


def test_a_request_waits_for_the_one_creating_the_page(monkeypatch, trainer, training_index):
    key = uuid.uuid4()
    PageCreation.objects.create(key=key, user=trainer)  # another request is creating it
    page = TrainingModulePageFactory(parent=training_index, live=False)
    waits = []

    def other_request_finishes(seconds):
        waits.append(seconds)
        services.record_created_page(key, trainer, page)

    monkeypatch.setattr(services.time, "sleep", other_request_finishes)
    assert services.begin_page_creation(key, trainer) == page
    assert waits == [services.POLL_SECONDS]


def test_a_creation_that_never_finishes_is_not_waited_for(monkeypatch, trainer):
    key = uuid.uuid4()
    PageCreation.objects.create(key=key, user=trainer)
    monkeypatch.setattr(services, "WAIT_SECONDS", 0)
    monkeypatch.setattr(services.time, "sleep", lambda seconds: None)
    assert services.begin_page_creation(key, trainer) is None
