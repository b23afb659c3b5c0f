"""Trainers (Formadores) write modules under the training index; Coordinación reviews them.

The groups, the approval task and the workflow are configuration: migration 0003 creates
them so production has them too, and attaches them to the training index if it exists.
``setup_training_roles`` (idempotent, ``infra.roles``) does the same for an index created
later (demo data, tests, or once by hand in production).
"""

from infra.roles import ReviewWorkflow, setup_review_workflow

from .access import COORDINATION_GROUP, TRAINERS_GROUP

WORKFLOW_NAME = "Revisión de módulos de formación"
TASK_NAME = "Revisión de Coordinación (formación)"
# Trainers upload handouts (documents) for their sessions.
TRAINER_DOCUMENT_PERMISSIONS = ["add_document", "choose_document"]

TRAINING_REVIEW = ReviewWorkflow(
    workflow_name=WORKFLOW_NAME,
    task_name=TASK_NAME,
    writers_group=TRAINERS_GROUP,
    reviewers_group=COORDINATION_GROUP,
    writer_collection_permissions=tuple(
        ("wagtaildocs", codename) for codename in TRAINER_DOCUMENT_PERMISSIONS
    ),
)


def setup_training_roles(index_page=None):
    return setup_review_workflow(TRAINING_REVIEW, index_page)
