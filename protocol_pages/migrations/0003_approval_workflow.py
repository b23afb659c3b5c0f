"""Create the editions' approval workflow (editors submit, Coordinación approves).

Groups are fetched by name with get_or_create: the training app uses the same
"Coordinación" group. The workflow is attached to the protocol index when it exists;
otherwise ``protocol_pages.workflow.setup_protocol_workflow`` does it (demo data, or
once by hand in production).
"""

from django.db import migrations

EDITORS_GROUP = "Editores de protocolo"
COORDINATION_GROUP = "Coordinación"
WORKFLOW_NAME = "Aprobación del protocolo"
TASK_NAME = "Aprobación de Coordinación"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ProtocolIndexPage = apps.get_model("protocol_pages", "ProtocolIndexPage")

    Group.objects.get_or_create(name=EDITORS_GROUP)
    coordination, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(coordination)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = ProtocolIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("protocol_pages", "0002_editions_and_sections"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
