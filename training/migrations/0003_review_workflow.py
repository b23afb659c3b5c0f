"""Trainers ("Formadores") and reviewers ("Coordinación"), and the review workflow.

Groups are fetched by name with get_or_create: the protocol app uses the same
"Coordinación" group. Page permissions and the workflow are attached to the training index
when it exists; otherwise ``training.roles.setup_training_roles`` does it (demo data, or
once by hand in production). Permissions are fetched with get_or_create because on a fresh
database Django creates them only after all migrations.
"""

from django.db import migrations

TRAINERS_GROUP = "Formadores"
COORDINATION_GROUP = "Coordinación"
WORKFLOW_NAME = "Revisión de módulos de formación"
TASK_NAME = "Revisión de Coordinación (formación)"
PAGE_PERMISSIONS = {
    TRAINERS_GROUP: ["add_page", "change_page"],
    COORDINATION_GROUP: ["add_page", "change_page", "publish_page"],
}
PAGE_PERMISSION_NAMES = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Can publish any page",
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    TrainingIndexPage = apps.get_model("training", "TrainingIndexPage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    for group in groups.values():
        group.permissions.add(access_admin)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(groups[COORDINATION_GROUP])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = TrainingIndexPage.objects.first()
    if index is None:
        return
    WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
    for group_name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = _permission(
                apps, "wagtailcore", "page", codename, PAGE_PERMISSION_NAMES[codename]
            )
            GroupPagePermission.objects.get_or_create(
                group=groups[group_name], page_id=index.pk, permission=permission
            )


def remove_roles(apps, schema_editor):
    """Removes the workflow and task; the groups stay (other apps share Coordinación)."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_trainingmodulepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
