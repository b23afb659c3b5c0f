from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


class HSDSImport(models.Model):
    """One HSDS import from the admin: who, when, what file or API, the dry run's report,
    then the import's counts. The uploaded file is private and removed once imported."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking (dry run)")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        UNREADABLE = "unreadable", _("Could not be read")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        NOT_IMPORTED = "not_imported", _("Not imported: rows were rejected")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    source_name = models.CharField(_("file or address"), max_length=500)
    file = models.FileField(upload_to="hsds-imports/", storage=private_storage, blank=True)
    language = models.CharField(_("language of the file"), max_length=2, default="es")
    report_language = models.CharField(_("language of the report"), max_length=2, default="es")
    partial = models.BooleanField(
        _("import the valid rows even if some are rejected"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created = models.PositiveIntegerField(_("created rows"), default=0)
    updated = models.PositiveIntegerField(_("updated rows"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged rows"), default=0)
    rejected = models.PositiveIntegerField(_("rejected rows"), default=0)

    class Meta:
        verbose_name = _("HSDS import")
        verbose_name_plural = _("HSDS imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.source_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def busy(self):
        return self.status in (self.Status.CHECKING, self.Status.RUNNING)
