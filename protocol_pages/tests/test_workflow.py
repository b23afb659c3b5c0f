"""Editions go through approval: an editor submits, Coordinación approves and publishes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from protocol_pages.workflow import (
    COORDINATION_GROUP,
    EDITORS_GROUP,
    WORKFLOW_NAME,
    setup_protocol_workflow,
)

pytestmark = pytest.mark.django_db


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@ruta.invalid", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_migration_created_groups_and_workflow():
    assert Group.objects.filter(name=EDITORS_GROUP).exists()
    assert Group.objects.filter(name=COORDINATION_GROUP).count() == 1
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [COORDINATION_GROUP]


def test_setup_is_idempotent(protocol):
    setup_protocol_workflow(protocol["index"])
    setup_protocol_workflow(protocol["index"])
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert Group.objects.filter(name=COORDINATION_GROUP).count() == 1


def test_edition_needs_coordination_approval(protocol):
    setup_protocol_workflow(protocol["index"])
    edition = protocol["current"]
    assert edition.get_workflow().name == WORKFLOW_NAME
    editor = user_in(EDITORS_GROUP, "editora")
    coordinator = user_in(COORDINATION_GROUP, "coordinadora")

    # Editors may edit but not publish the protocol.
    assert edition.permissions_for_user(editor).can_edit()
    assert not edition.permissions_for_user(editor).can_publish()
    assert edition.permissions_for_user(coordinator).can_publish()

    edition.summary_es = "<p>Cambio propuesto.</p>"
    revision = edition.save_revision(user=editor)
    state = edition.get_workflow().start(edition, editor)
    edition.refresh_from_db()
    assert state.status == "in_progress"
    assert edition.live_revision_id != revision.pk

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(edition, editor) == []
    assert [name for name, *_ in task.get_actions(edition, coordinator)][:1] == ["reject"]

    task.on_action(task_state, coordinator, "approve")
    state.refresh_from_db()
    edition.refresh_from_db()
    assert state.status == "approved"
    assert edition.live_revision_id == revision.pk
    assert "Cambio propuesto." in edition.summary_es
