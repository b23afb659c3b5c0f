"""Groups made on every ``migrate`` so that a new deployment has them (not only the demo):
the directory maintainers here; the referrals app makes its coordinators' with the same
helper. An administrator only puts people in them (Settings → Users)."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

MAINTAINERS_GROUP = "Mantenimiento del directorio"
# Review what institutions propose, the dashboard, the problem reports; fix listings.
MAINTAINER_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("directory", "review_listingchange"),
    *(
        ("directory", f"{verb}_{model}")
        for model in ("organization", "service", "location", "phone", "contact")
        for verb in ("add", "change", "delete")
    ),
)


def ensure_group(name, permissions, using="default"):
    """The group ``name`` with ``permissions`` ((app label, codename) pairs), idempotent."""
    for app_label in {app_label for app_label, _codename in permissions}:
        # post_migrate reaches an app before auth has made the permissions of the others.
        create_permissions(apps.get_app_config(app_label), verbosity=0, using=using)
    wanted = Q()
    for app_label, codename in permissions:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group, _created = Group.objects.using(using).get_or_create(name=name)
    group.permissions.add(*Permission.objects.using(using).filter(wanted))
    return group


def ensure_maintainers_group(using="default"):
    return ensure_group(MAINTAINERS_GROUP, MAINTAINER_PERMISSIONS, using)


def on_post_migrate(sender, using="default", **kwargs):
    ensure_maintainers_group(using=using)
