"""The editions' approval workflow: protocol editors submit, Coordinación approves.

The groups, task and workflow are configuration, created by migration 0003 so production
has them too; ``setup_protocol_workflow`` (idempotent) also attaches the workflow and the
groups' page permissions to the protocol index page once that page exists.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "Editores de protocolo"
COORDINATION_GROUP = "Coordinación"
WORKFLOW_NAME = "Aprobación del protocolo"
TASK_NAME = "Aprobación de Coordinación"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def setup_protocol_workflow(index_page=None):
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    coordination, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(coordination)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin is not None:
        editors.permissions.add(access_admin)
        coordination.permissions.add(access_admin)
    if index_page is not None:
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
        for group, codenames in (
            (editors, EDITOR_PAGE_PERMISSIONS),
            (coordination, COORDINATOR_PAGE_PERMISSIONS),
        ):
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index_page, permission=permission
                )
    return workflow
