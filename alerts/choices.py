"""Choices and limits of the change alerts (a leaf module)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# An unconfirmed subscription (and its link) is forgotten after this many days.
PENDING_DAYS = 7
# Subscribe requests: per client address per hour, per e-mail address per day.
CLIENT_RATE = (5, 3600)
ADDRESS_RATE = (3, 86400)


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class DispatchKind(models.TextChoices):
    NEW_EDITION = "new-edition", _("New edition")
    CHANGE = "change", _("Major change")
