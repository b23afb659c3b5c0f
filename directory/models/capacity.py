import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceCapacity(models.Model):
    """How many beds or places a service has free (HSDS 3.1 ``service_capacity``): staff
    only, never in a public output. Each count is a new row; the latest of each unit is
    ``is_current`` and the older ones are the history, so a referral can record the count
    its sender saw."""

    class Unit(models.TextChoices):
        BEDS = "beds", _("beds")
        PLACES = "places", _("places")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="capacities"
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.BEDS)
    available = models.PositiveIntegerField(_("available"))
    maximum = models.PositiveIntegerField(_("maximum"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=250, blank=True)
    updated = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_current = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        ordering = ["service", "unit", "-updated"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "unit"],
                condition=models.Q(is_current=True),
                name="one_current_capacity_per_unit",
            )
        ]
        indexes = [models.Index(fields=["service", "unit", "-updated"], name="capacity_history")]

    def __str__(self):
        return f"{self.service_id} {self.available}/{self.maximum or '?'} {self.unit}"

    def clean(self):
        super().clean()
        known = self.maximum is not None and self.available is not None
        if known and self.available > self.maximum:
            raise ValidationError({"available": _("There cannot be more free than the maximum.")})
