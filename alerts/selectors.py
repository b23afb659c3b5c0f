"""Reads of the change alerts: who receives a message, and the counts the admin shows."""

from django.db.models import Count

from .choices import SubscriptionStatus
from .models import Dispatch, Subscription


def confirmed_subscriptions():
    return Subscription.objects.filter(status=SubscriptionStatus.CONFIRMED).select_related(
        "organization"
    )


def subscription_by_token_hash(digest):
    return Subscription.objects.filter(token_hash=digest).first()


def subscription_for_unsubscribe(pk, prefix):
    return Subscription.objects.filter(pk=pk, token_hash__startswith=prefix).first()


def subscription_counts():
    """Counts only (the admin never shows an address): by status and language, and the
    institutions followed."""
    rows = Subscription.objects.values("status", "language").annotate(count=Count("pk"))
    institutions = (
        Subscription.objects.filter(status=SubscriptionStatus.CONFIRMED, organization__isnull=False)
        .values("organization__name")
        .annotate(count=Count("pk"))
        .order_by("organization__name")
    )
    return {
        "by_status": sorted(rows, key=lambda row: (row["status"], row["language"])),
        "institutions": list(institutions),
        "dispatches": Dispatch.objects.select_related("edition").order_by("-created_at")[:20],
    }
