"""The record of a module's add form (a leaf below ``models.py``, which re-exports it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleCreation(models.Model):
    """One add form of a training module, named by the key the form carries, and the page
    it created. Autosave creates the page while the trainer types; a later request of the
    same add form continues on that page instead of creating another (``training.creation``).
    A row without a page is a creation under way."""

    key = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "training.TrainingModulePage", null=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("module creation")

    def __str__(self):
        return str(self.key)
