"""Reads: the querysets the views, notifications and scheduled jobs ask for (no writes)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory.access import user_organizations
from directory.models import OrganizationMembership

from .access import permission_policy
from .choices import Status, Urgency
from .models import Referral

UNANSWERED = (Status.SENT, Status.RECEIVED)


def referral_for(user, pk, permission="view"):
    """The referral if ``user`` may use it for ``permission``; None when it does not exist or
    is hidden from them (the caller answers both the same way)."""
    referral = (
        Referral.objects.select_related("sending_organization", "receiving_organization")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        return None, None
    allowed = permission_policy.user_has_permission_for_instance(user, permission, referral)
    return referral, allowed


def overdue_q(now=None):
    deadline = (now or timezone.now()) - timedelta(hours=settings.REFERRAL_OVERDUE_HOURS)
    return Q(status__in=UNANSWERED, sent_at__lt=deadline) & ~Q(urgency=Urgency.ROUTINE)


def dashboard_filters(user):
    organizations = user_organizations(user)
    return {
        "action": (
            _("Action needed"),
            Q(receiving_organization__in=organizations, status__in=UNANSWERED),
        ),
        "sent": (pgettext("dashboard", "Sent"), Q(sending_organization__in=organizations)),
        "received": (
            pgettext("dashboard", "Received"),
            Q(receiving_organization__in=organizations) & ~Q(status=Status.DRAFT),
        ),
        "overdue": (_("Overdue"), overdue_q()),
    }


def overdue_without_notice(now=None):
    return Referral.objects.filter(overdue_q(now), overdue_notified_at=None)


def party_organization_ids(referral):
    """The institutions that work on the referral: the receiver only once it was sent."""
    ids = [referral.sending_organization_id]
    if referral.sent_at is not None:
        ids.append(referral.receiving_organization_id)
    return ids


def staff_emails(organization_ids):
    """Addresses of the active staff of these institutions (sorted, without duplicates)."""
    return sorted(
        {
            email
            for email in OrganizationMembership.objects.filter(
                organization_id__in=organization_ids,
                organization__is_active=True,
                user__is_active=True,
            ).values_list("user__email", flat=True)
            if email
        }
    )
