from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public search document per object and language (a protocol step is its own
    entry), built only from public data (``directory.selectors``/``directory.display``
    and published pages).

    One row per language is how results match in the current language only:
    wagtail-modeltranslation keeps both languages on one row. ``title``, ``summary``,
    ``content`` and ``url`` are what a result shows; the matched terms live in
    ``SearchTerm`` (three fields: title, labels, body, with their lengths here).
    ``fallback``: the text came from the other language (the provider wrote only that one).
    """

    class Kind(models.TextChoices):
        SERVICE = "service", _("Service")
        ORGANIZATION = "organization", _("Organisation")
        PROTOCOL = "protocol", _("Protocol")
        TRAINING = "training", _("Training")
        PAGE = "page", _("Page")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_id = models.CharField(max_length=80)
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    content = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    fallback = models.BooleanField(default=False)
    title_length = models.PositiveSmallIntegerField(default=0)
    labels_length = models.PositiveSmallIntegerField(default=0)
    body_length = models.PositiveSmallIntegerField(default=0)
    # Protocol entries: the edition they belong to (its status follows from the dates).
    edition_id = models.IntegerField(null=True, blank=True)
    edition_title = models.CharField(max_length=300, blank=True)
    edition_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

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


class SearchTerm(models.Model):
    """A posting: how often a term occurs in each field of an entry, with the entry's field
    lengths copied in, so one grouped query scores every candidate (BM25F,
    ``search.backends.scoring``) the same way on SQLite and PostgreSQL."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    language = models.CharField(max_length=5)
    kind = models.CharField(max_length=20)
    term = models.CharField(max_length=80)
    in_title = models.PositiveSmallIntegerField(default=0)
    in_labels = models.PositiveSmallIntegerField(default=0)
    in_body = models.PositiveSmallIntegerField(default=0)
    title_length = models.PositiveSmallIntegerField(default=0)
    labels_length = models.PositiveSmallIntegerField(default=0)
    body_length = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        # Covering: the scoring query reads the index alone (3x faster on SQLite).
        indexes = [
            models.Index(
                fields=[
                    "term",
                    "language",
                    "kind",
                    "entry",
                    "in_title",
                    "in_labels",
                    "in_body",
                    "title_length",
                    "labels_length",
                    "body_length",
                ],
                name="search_term_covering",
            )
        ]

    def __str__(self):
        return self.term
