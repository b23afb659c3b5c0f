"""Roles and approval workflows, declared once and set up idempotently: the groups that
write under a section of the page tree, the group that approves, the Wagtail workflow
between them, and their page (and collection) permissions on the section's index page.

Protocol editions and training modules each declare a :class:`ReviewWorkflow`; their data
migrations create the same configuration so that production has it before any page exists.
"""

from dataclasses import dataclass, field

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

# Writers create and edit but never publish: their changes go through the workflow.
WRITER_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@dataclass(frozen=True)
class ReviewWorkflow:
    """Writers submit, reviewers approve. ``writer_collection_permissions`` are
    ``(app_label, codename)`` pairs granted on the root collection (e.g. documents)."""

    workflow_name: str
    task_name: str
    writers_group: str
    reviewers_group: str
    writer_collection_permissions: tuple = field(default=())


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def setup_review_workflow(spec, index_page=None):
    """Create (or complete) ``spec``'s groups, task and workflow; with ``index_page``, attach
    the workflow to it and give both groups their page permissions there. Returns the
    workflow. Safe to run again."""
    writers, _created = Group.objects.get_or_create(name=spec.writers_group)
    reviewers, _created = Group.objects.get_or_create(name=spec.reviewers_group)
    task = GroupApprovalTask.objects.filter(name=spec.task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=spec.task_name)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=spec.workflow_name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    access_admin = _permission("wagtailadmin", "access_admin")
    writers.permissions.add(access_admin)
    reviewers.permissions.add(access_admin)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in spec.writer_collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=writers,
                collection=root_collection,
                permission=_permission(app_label, codename),
            )
    if index_page is not None:
        WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": workflow})
        for group, codenames in (
            (writers, WRITER_PAGE_PERMISSIONS),
            (reviewers, REVIEWER_PAGE_PERMISSIONS),
        ):
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index_page, permission=_permission("wagtailcore", codename)
                )
    return workflow
