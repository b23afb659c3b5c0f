from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class SearchEntry(index.Indexed, models.Model):
    """One public search document per object and language, built only from public data
    (``directory.fields`` and published pages).

    Keeping one row per language is how results match in the current language only:
    wagtail-modeltranslation puts both languages on one row, so indexing the model itself
    would let a Spanish word find an English page. ``title_text``/``body_text`` hold the
    normalised stems (see ``search.text``) that the database backend matches; ``title``,
    ``summary`` and ``url`` are what a result shows.
    """

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        ORGANIZATION = "organization", _("Organisation")
        PROTOCOL = "protocol", _("Protocol")
        TRAINING = "training", _("Training")
        PAGE = "page", _("Page")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_id = models.CharField(max_length=64)
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    title_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title_text", boost=4),
        index.SearchField("body_text"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("target_id"),
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_id", "language"], name="unique_search_entry"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self):
        return f"{self.kind}:{self.title} ({self.language})"
