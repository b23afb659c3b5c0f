"""Trainers (Formadores) write modules under the training index; Coordinación reviews them.

The groups, the approval task and the workflow are configuration: migration 0003 creates
them so production has them too, and attaches them to the training index if it exists.
``setup_training_roles`` (idempotent, same names) does the same for an index created later
(demo data, tests, or once by hand in production).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .access import COORDINATION_GROUP, TRAINERS_GROUP

WORKFLOW_NAME = "Revisión de módulos de formación"
TASK_NAME = "Revisión de Coordinación (formación)"

# Trainers create and edit but never publish: their changes go through the workflow.
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page"]
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Trainers upload handouts (documents) for their sessions.
TRAINER_DOCUMENT_PERMISSIONS = ["add_document", "choose_document"]


def setup_training_roles(index_page=None):
    trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    coordination, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(coordination)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    trainers.permissions.add(access_admin)
    coordination.permissions.add(access_admin)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for codename in TRAINER_DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=trainers,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )
    if index_page is not None:
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
        for group, codenames in (
            (trainers, TRAINER_PAGE_PERMISSIONS),
            (coordination, COORDINATOR_PAGE_PERMISSIONS),
        ):
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=index_page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
    return workflow
