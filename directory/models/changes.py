import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListingChange(models.Model):
    """A change to an institution's listing proposed by one of its members, waiting for the
    directory maintainers. The proposed values live here, never in the listing's own
    tables, so nothing of it can reach a public output before it is approved; approving
    applies them through the same form that validated them (``directory.proposals``)."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("organisation")
        SERVICE = "service", _("service")
        LOCATION = "location", _("location")
        PHONE = "phone", _("phone")
        SCHEDULE = "schedule", _("opening hours")

    class Action(models.TextChoices):
        CREATE = "create", _("Add")
        UPDATE = "update", _("Change")
        DELETE = "delete", _("Remove")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="listing_changes"
    )
    kind = models.CharField(_("record"), max_length=12, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    object_id = models.UUIDField(_("record id"), null=True, blank=True)
    label = models.CharField(_("record"), max_length=250, blank=True)
    proposed = models.JSONField(_("proposed values"), default=dict, blank=True)
    original = models.JSONField(_("values when proposed"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.CharField(_("reviewer's note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("proposed listing change")
        verbose_name_plural = _("proposed listing changes")
        ordering = ["-proposed_at"]
        permissions = [("review_listingchange", "Can review changes proposed by institutions")]

    def __str__(self):
        return f"{self.get_action_display()} {self.get_kind_display()}: {self.label}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING
