"""Who may do what with referrals. Every query for records starts from
``ReferralPermissionPolicy.instances_user_has_permission_for``: only members of the sending
or receiving institution see a referral, everyone else gets a 404. Coordinators see
aggregate reports and the audit log, never records. Who works with referrals is who counts
as directory staff (``directory.access.is_directory_staff``: a member of an active listed
institution); see docs/referrals.md (access matrix).
"""

from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from directory.access import is_directory_staff, user_managed_organizations, user_organizations

from .models import AuditEntry, Referral

COORDINATOR_GROUP = "Coordinación de derivaciones"

RECORD_ACTIONS = {"add", "change", "view", "list", "change_status"}


def _active(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_coordinator(user):
    """Programme-level coordination: aggregate reports and the audit log, no records."""
    if not _active(user):
        return False
    return (
        user.is_superuser
        or user.groups.filter(name=COORDINATOR_GROUP).exists()
        or user.has_perm("referrals.view_aggregate_reports")
    )


def requires_two_factor(user):
    return is_directory_staff(user) or is_coordinator(user)


def parties(user, referral):
    """Which side(s) of the referral the user works for: {"sender", "receiver"}."""
    organizations = set(user_organizations(user).values_list("pk", flat=True))
    sides = set()
    if referral.sending_organization_id in organizations:
        sides.add("sender")
    if referral.receiving_organization_id in organizations:
        sides.add("receiver")
    return sides


class ReferralPermissionPolicy(BasePermissionPolicy):
    """Institution-scoped permissions: memberships decide, not Django model permissions,
    except for export and consent override, which also need their own permission."""

    def user_has_permission(self, user, action):
        if action in RECORD_ACTIONS:
            return is_directory_staff(user)
        if action == "export":
            return is_directory_staff(user) and user.has_perm("referrals.export_referrals")
        if action == "override_consent":
            return is_directory_staff(user) and user.has_perm("referrals.override_consent")
        if action == "view_aggregate_reports":
            return is_coordinator(user)
        if action == "view_audit":
            return is_coordinator(user) or user_managed_organizations(user).exists()
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if action == "view_audit":
            if is_coordinator(user):
                return Referral.objects.all()
            managed = user_managed_organizations(user)
            return Referral.objects.filter(
                Q(sending_organization__in=managed)
                | Q(receiving_organization__in=managed, sent_at__isnull=False)
            )
        if not self.user_has_permission(user, action):
            return Referral.objects.none()
        organizations = user_organizations(user)
        # The receiver sees a referral only once it has been sent: drafts (and drafts
        # withdrawn before sending) stay with the sender, behind the consent gate.
        return Referral.objects.filter(
            Q(sending_organization__in=organizations)
            | Q(receiving_organization__in=organizations, sent_at__isnull=False)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        result = Referral.objects.none()
        for action in actions:
            result = result | self.instances_user_has_permission_for(user, action)
        return result.distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def audit_entries_for(self, user):
        if is_coordinator(user):
            return AuditEntry.objects.all()
        return AuditEntry.objects.filter(
            referral__in=self.instances_user_has_permission_for(user, "view_audit")
        )


permission_policy = ReferralPermissionPolicy(Referral)


def can_issue_enrolment_codes(user):
    """Administrators who may give a user a one-time code to enrol a second factor."""
    return _active(user) and (user.is_superuser or user.has_perm("referrals.issue_enrolment_codes"))
