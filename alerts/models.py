"""Who follows the protocol's changes, and which publications were announced."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from referrals.crypto import EncryptedTextField

from .choices import DispatchKind, SubscriptionStatus


class Subscription(models.Model):
    """One e-mail address (the only personal datum: encrypted, never shown, never logged)
    and what it follows: the whole protocol, or one institution's steps."""

    address = EncryptedTextField(_("e-mail address"))
    address_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alert_subscriptions",
    )
    created_at = models.DateTimeField(pgettext_lazy("alert", "created"))
    confirmed_at = models.DateTimeField(pgettext_lazy("alert", "confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("change alert subscription")
        verbose_name_plural = _("change alert subscriptions")
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self):
        return f"subscription {self.pk}"


class Dispatch(models.Model):
    """One announced publication: a revision is announced once, whatever retries."""

    revision_id = models.BigIntegerField(unique=True)
    edition = models.ForeignKey(
        "protocol_pages.ProtocolEditionPage", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=DispatchKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("change alert dispatch")
        verbose_name_plural = _("change alert dispatches")

    def __str__(self):
        return f"{self.kind} {self.revision_id}"
