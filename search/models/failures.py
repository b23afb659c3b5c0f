from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchFailure(models.Model):
    """How many searches for one normalised text found nothing on one day. Nothing else is
    kept: no user, address, session or time of day; rows older than 90 days are purged
    (``manage.py purge_search_failures``) and texts counted fewer than 5 times are never
    shown (``search.failures``)."""

    text = models.CharField(pgettext_lazy("searched words", "search"), max_length=120)
    language = models.CharField(_("language"), max_length=5)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(
                fields=["text", "language", "day"], name="unique_search_failure_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return self.text
