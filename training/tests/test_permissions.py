"""Trainers write under the training index only and cannot publish; Coordinación reviews.
Each rule is tested both ways."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from directory.models import DirectoryIndexPage, Organization
from protocol_pages.models import ProtocolIndexPage
from training.factories import TrainingModulePageFactory
from training.models import TrainingModulePage
from training.roles import TASK_NAME, WORKFLOW_NAME, setup_training_roles
from website.factories import TranslatedPageFactory

from .conftest import make_user

pytestmark = pytest.mark.django_db


class ProtocolIndexFactory(TranslatedPageFactory):
    class Meta:
        model = ProtocolIndexPage

    title = "Protocolo"
    slug = "protocolo"


class DirectoryIndexFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio"
    slug = "directorio"


def module_form(title, slug, **extra):
    return nested_form_data(
        {
            "title_es": title,
            "title_en": f"{title} (en)",
            "slug_es": slug,
            "slug_en": f"{slug}-en",
            "summary_es": "Resumen de prueba.",
            "summary_en": "Test summary.",
            "topic": "life-skills",
            "audience": "adult-survivors",
            "level": "introductory",
            "duration_hours": "6",
            "delivery_mode": "group",
            "learning_objectives_es": rich_text(""),
            "learning_objectives_en": rich_text(""),
            "safety_notes_es": rich_text(""),
            "safety_notes_en": rich_text(""),
            "content_warning_es": "",
            "content_warning_en": "",
            "sessions_es": streamfield([]),
            "sessions_en": streamfield([]),
            "licence": "cc-by-sa-4.0",
            **extra,
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("training", "trainingmodulepage", parent.pk))


def test_migration_created_groups_and_workflow(db):
    assert Group.objects.filter(name__in=["Formadores", "Coordinación"]).count() == 2
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert [task.name for task in workflow.tasks] == [TASK_NAME]
    assert [g.name for g in workflow.tasks[0].specific.groups.all()] == ["Coordinación"]


def test_migration_attaches_workflow_to_an_existing_index(training_index):
    migration = import_module("training.migrations.0003_review_workflow")
    migration.create_roles(apps, None)
    migration.create_roles(apps, None)  # idempotent
    assert WorkflowPage.objects.get(page=training_index).workflow.name == migration.WORKFLOW_NAME
    codenames = set(
        GroupPagePermission.objects.filter(
            page=training_index, group__name="Formadores"
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page"}


def test_trainer_creates_a_draft_but_cannot_publish(client, trainer, training_index):
    client.force_login(trainer)
    assert client.get(add_url(training_index)).status_code == 200
    form = module_form("Módulo nuevo", "modulo-nuevo", **{"action-publish": "1"})
    response = client.post(add_url(training_index), form)
    assert response.status_code == 302
    page = TrainingModulePage.objects.get(slug="modulo-nuevo")
    assert not page.live
    assert page.owner == trainer
    assert client.get("/es/formacion/modulo-nuevo/").status_code == 404


def test_trainer_can_edit_modules_under_the_index(client, trainer, training_index):
    module = TrainingModulePageFactory(parent=training_index, title="Editable", live=False)
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:edit", args=(module.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, module_form("Editado", module.slug))
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.get_latest_revision_as_object().title_es == "Editado"
    assert not module.live


def test_reviewer_can_publish_directly(client, reviewer, training_index):
    client.force_login(reviewer)
    response = client.post(
        add_url(training_index), module_form("Publicado", "publicado", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert TrainingModulePage.objects.get(slug="publicado").live


def test_trainer_cannot_touch_protocol_or_directory_content(client, trainer, home_page):
    protocol = ProtocolIndexFactory(parent=home_page)
    directory = DirectoryIndexFactory(parent=home_page)
    client.force_login(trainer)
    for page in (protocol, directory, home_page):
        edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert edit.status_code in (302, 403), page
        before = Page.objects.get(pk=page.pk).title
        client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"title": "Cambiado"})
        assert Page.objects.get(pk=page.pk).title == before
    assert client.get(add_url(protocol)).status_code in (302, 403)
    add_edition = reverse(
        "wagtailadmin_pages:add", args=("protocol_pages", "protocoleditionpage", protocol.pk)
    )
    assert client.get(add_edition).status_code in (302, 403)
    assert not trainer.has_perm("directory.change_organization")
    assert not trainer.has_perm("directory.add_service")
    organization = Organization.objects.create(
        name="Org de prueba",
        slug="org-prueba",
        slug_es="org-prueba",
        slug_en="test-org",
        description="Ficticia.",
        is_demo=True,
    )
    snippet_edit = reverse("wagtailsnippets_directory_organization:edit", args=(organization.pk,))
    assert client.get(snippet_edit).status_code in (302, 403)


def test_non_trainer_cannot_add_training_modules(client, roles, training_index):
    client.force_login(make_user("plain", is_staff=False))
    assert client.get(add_url(training_index)).status_code in (302, 403)


def submit(client, trainer, training_index, title="En revisión"):
    module = TrainingModulePageFactory(
        parent=training_index, title=title, live=False, owner=trainer
    )
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(module.pk,)),
        module_form(title, module.slug, **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(module.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return module, state


def workflow_action(client, module, state, action, comment):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(module.pk, action, state.current_task_state.pk),
    )
    return client.post(url, {"comment": comment})


def test_submit_then_approve_with_comment_publishes(client, trainer, reviewer, training_index):
    module, state = submit(client, trainer, training_index)
    module.refresh_from_db()
    assert not module.live
    # The trainer cannot approve their own module.
    task_state = state.current_task_state
    denied = workflow_action(client, module, state, "approve", "yo mismo")
    assert denied.status_code in (302, 403)
    module.refresh_from_db()
    task_state.refresh_from_db()
    assert not module.live
    assert task_state.status == "in_progress"
    client.force_login(reviewer)
    response = workflow_action(client, module, state, "approve", "Listo para publicar")
    assert response.status_code in (200, 302)
    module.refresh_from_db()
    assert module.live
    task_state.refresh_from_db()
    assert task_state.status == "approved"
    assert task_state.get_comment() == "Listo para publicar"
    client.logout()
    assert client.get(module.url).status_code == 200


def test_reject_with_comment_keeps_it_private(client, trainer, reviewer, training_index):
    module, state = submit(client, trainer, training_index, title="Por corregir")
    client.force_login(reviewer)
    task_state = state.current_task_state
    response = workflow_action(client, module, state, "reject", "Falta la sesión de cierre")
    assert response.status_code in (200, 302)
    module.refresh_from_db()
    state.refresh_from_db()
    task_state.refresh_from_db()
    assert not module.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.status == "rejected"
    assert task_state.get_comment() == "Falta la sesión de cierre"
    client.logout()
    assert client.get("/es/formacion/por-corregir/").status_code == 404


def test_setup_training_roles_is_idempotent(training_index):
    first = setup_training_roles(training_index)
    second = setup_training_roles(training_index)
    assert first.pk == second.pk
    assert PageViewRestriction.objects.count() == 0
