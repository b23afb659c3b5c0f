from django.contrib.auth.models import Group

from referrals.access import COORDINATOR_GROUP
from referrals.roles import ensure_coordinator_group


def test_migrate_makes_the_coordinators_group(db):
    """A new deployment has the group (made on post_migrate), with reports and admin
    access only: no permission on referral records."""
    group = Group.objects.get(name=COORDINATOR_GROUP)
    granted = sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all())
    assert granted == ["referrals.view_aggregate_reports", "wagtailadmin.access_admin"]


def test_making_the_group_again_changes_nothing(db):
    before = Group.objects.get(name=COORDINATOR_GROUP)
    again = ensure_coordinator_group()
    assert again.pk == before.pk
    assert again.permissions.count() == 2
    assert Group.objects.filter(name=COORDINATOR_GROUP).count() == 1
