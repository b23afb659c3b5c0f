"""Writes of the change alerts: subscribe, confirm, unsubscribe (one transaction each, the
confirmation e-mail queued on commit)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .addresses import address_hash, new_token, token_hash
from .choices import PENDING_DAYS, SubscriptionStatus
from .models import Subscription
from .selectors import subscription_by_token_hash
from .tasks import send_confirmation


def _pending_cutoff():
    return timezone.now() - timedelta(days=PENDING_DAYS)


def forget_unconfirmed():
    """Unconfirmed subscriptions older than PENDING_DAYS are deleted (returns how many)."""
    expired = Subscription.objects.filter(
        status=SubscriptionStatus.PENDING, created_at__lt=_pending_cutoff()
    )
    return expired.delete()[0]


@transaction.atomic
def subscribe(address, language, organization=None):
    """Ask ``address`` to confirm (double opt-in). An address already confirmed is left as
    it is and gets no e-mail; the caller answers the same either way (no enumeration)."""
    forget_unconfirmed()
    digest = address_hash(address)
    subscription = Subscription.objects.select_for_update().filter(address_hash=digest).first()
    if subscription is not None and subscription.status == SubscriptionStatus.CONFIRMED:
        return
    subscription = subscription or Subscription(address_hash=digest)
    subscription.address = address.strip()
    subscription.language = language
    subscription.organization = organization
    subscription.token_hash = new_token()[1]  # replaced by the e-mail's own token
    subscription.created_at = timezone.now()
    subscription.save()
    transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))


@transaction.atomic
def confirm(token):
    """Confirm the subscription of this link; None when the link is unknown or expired.
    Confirming twice is harmless."""
    subscription = subscription_by_token_hash(token_hash(token))
    if subscription is None:
        return None
    if subscription.status == SubscriptionStatus.PENDING:
        if subscription.created_at < _pending_cutoff():
            return None
        subscription.status = SubscriptionStatus.CONFIRMED
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["status", "confirmed_at"])
    return subscription


@transaction.atomic
def unsubscribe(subscription):
    """Delete the row: nothing of the address is kept."""
    subscription.delete()
