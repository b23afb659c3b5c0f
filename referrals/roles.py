"""The programme coordinators' group, made on every ``migrate`` so that a new deployment
has it (not only the demo): aggregate reports and the admin, never referral records."""

from directory.roles import ensure_group

from .access import COORDINATOR_GROUP

COORDINATOR_PERMISSIONS = (
    ("referrals", "view_aggregate_reports"),
    ("wagtailadmin", "access_admin"),
)


def ensure_coordinator_group(using="default"):
    """The coordinators' group with its permissions (idempotent); returns it."""
    return ensure_group(COORDINATOR_GROUP, COORDINATOR_PERMISSIONS, using)


def on_post_migrate(sender, using="default", **kwargs):
    ensure_coordinator_group(using=using)
