"""The one roles-and-workflows helper both review workflows (protocol, training) use."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from infra.roles import ReviewWorkflow, setup_review_workflow
from protocol_pages.workflow import PROTOCOL_REVIEW
from training.roles import TRAINING_REVIEW

pytestmark = pytest.mark.django_db

SPEC = ReviewWorkflow(
    workflow_name="Revisión de prueba",
    task_name="Aprobación de prueba",
    writers_group="Redacción de prueba",
    reviewers_group="Revisión de prueba",
    writer_collection_permissions=(("wagtaildocs", "add_document"),),
)


def page_codenames(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_setup_creates_everything_once_and_attaches_it(home_page):
    first = setup_review_workflow(SPEC, home_page)
    assert setup_review_workflow(SPEC, home_page) == first  # idempotent
    assert Workflow.objects.filter(name=SPEC.workflow_name).count() == 1
    task = GroupApprovalTask.objects.get(name=SPEC.task_name)
    assert [group.name for group in task.groups.all()] == [SPEC.reviewers_group]
    assert WorkflowPage.objects.get(page=home_page).workflow == first
    assert page_codenames(SPEC.writers_group, home_page) == {"add_page", "change_page"}
    assert page_codenames(SPEC.reviewers_group, home_page) == {
        "add_page",
        "change_page",
        "publish_page",
    }
    for name in (SPEC.writers_group, SPEC.reviewers_group):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    assert GroupCollectionPermission.objects.filter(
        group__name=SPEC.writers_group, permission__codename="add_document"
    ).exists()
    assert not GroupCollectionPermission.objects.filter(group__name=SPEC.reviewers_group).exists()


def test_without_an_index_page_nothing_is_attached(home_page):
    setup_review_workflow(SPEC)
    assert not WorkflowPage.objects.filter(page=home_page).exists()
    assert not GroupPagePermission.objects.filter(group__name=SPEC.writers_group).exists()


def test_protocol_and_training_share_the_reviewers_and_differ_only_in_what_they_declare():
    assert PROTOCOL_REVIEW.reviewers_group == TRAINING_REVIEW.reviewers_group == "Coordinación"
    assert PROTOCOL_REVIEW.writer_collection_permissions == ()
    assert TRAINING_REVIEW.writer_collection_permissions == (
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    )
