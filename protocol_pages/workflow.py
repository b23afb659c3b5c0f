"""The editions' approval workflow: protocol editors submit, Coordinación approves.

The groups, task and workflow are configuration, created by migration 0003 so production
has them too; ``setup_protocol_workflow`` (idempotent, ``infra.roles``) also attaches the
workflow and the groups' page permissions to the protocol index page once that page exists.
"""

from infra.roles import ReviewWorkflow, setup_review_workflow

EDITORS_GROUP = "Editores de protocolo"
COORDINATION_GROUP = "Coordinación"
WORKFLOW_NAME = "Aprobación del protocolo"
TASK_NAME = "Aprobación de Coordinación"

PROTOCOL_REVIEW = ReviewWorkflow(
    workflow_name=WORKFLOW_NAME,
    task_name=TASK_NAME,
    writers_group=EDITORS_GROUP,
    reviewers_group=COORDINATION_GROUP,
)


def setup_protocol_workflow(index_page=None):
    return setup_review_workflow(PROTOCOL_REVIEW, index_page)
