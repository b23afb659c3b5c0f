"""The programme coordinators' group, made on every ``migrate`` so that a new deployment
has it (not only the demo): aggregate reports and the admin, never referral records."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .access import COORDINATOR_GROUP

COORDINATOR_PERMISSIONS = (
    ("referrals", "view_aggregate_reports"),
    ("wagtailadmin", "access_admin"),
)


def ensure_coordinator_group(using="default"):
    """The coordinators' group with its permissions (idempotent); returns it."""
    for app_label in {app_label for app_label, _codename in COORDINATOR_PERMISSIONS}:
        # post_migrate reaches this app before auth has made the permissions of these apps.
        create_permissions(apps.get_app_config(app_label), verbosity=0, using=using)
    wanted = Q()
    for app_label, codename in COORDINATOR_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group, _created = Group.objects.using(using).get_or_create(name=COORDINATOR_GROUP)
    group.permissions.add(*Permission.objects.using(using).filter(wanted))
    return group


def on_post_migrate(sender, using="default", **kwargs):
    ensure_coordinator_group(using=using)
