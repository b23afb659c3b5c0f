import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceVerification(models.Model):
    """Who confirmed a service's listing, and when (its ``assured_date`` is the latest)."""

    class Method(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed as still correct")
        CHANGE_APPROVED = "change_approved", _("Proposed change approved")

    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="verifications"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.service_id} {self.verified_at:%Y-%m-%d} {self.method}"


class ProblemReport(models.Model):
    """A reader's report that a listing is wrong: for the directory maintainers, never
    public. ``contact`` is personal data, erased when the report is resolved or after
    ``RUTA_PROBLEM_REPORT_CONTACT_DAYS`` (``manage.py purge_problem_reports``)."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("A phone number, e-mail or website is wrong")
        PLACE = "place", _("The place or the area served is wrong")
        HOURS = "hours", _("The opening hours are wrong")
        CLOSED = "closed", _("It is closed or no longer exists")
        ACCESS = "access", _("Who may use it, or how, is wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="problem_reports"
    )
    service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what is wrong"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("details"), max_length=2000)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("maintainers' note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.get_kind_display()}"
