from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from search.preview import preview_rule


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SearchRule(PreviewableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """An editors' search rule, applied when a query is read (no reindexing): a group of
    synonyms and phrases that mean the same, or a situation people describe mapped to the
    needs it calls for. ``context`` limits a rule to queries that also hold one of its
    words: two rules with the same phrase and different contexts tell the meanings of an
    ambiguous word apart ("refugio": shelter or refugee status). Versioned with revisions;
    only the published version is used."""

    class Kind(models.TextChoices):
        SYNONYMS = "synonyms", _("Synonyms: these words and phrases mean the same")
        SITUATION = "situation", _("Situation: what people say, and the needs it calls for")

    class Language(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What this rule means, shown to readers when it picks a meaning."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default="synonyms")
    language = models.CharField(
        _("language of the queries"), max_length=5, choices=Language.choices, default="es"
    )
    phrases = models.TextField(
        _("words and phrases"),
        help_text=_(
            "One per line. Synonyms: every line means the same. Situation: what people type "
            "(e.g. “me pega”, “dónde dormir”)."
        ),
    )
    needs = models.TextField(
        _("needs it leads to"),
        blank=True,
        help_text=_("Situations only, one per line: what to search for (e.g. “violencia”)."),
    )
    context = models.TextField(
        _("only when the query also says"),
        blank=True,
        help_text=_("Optional, one per line: the rule applies only with one of these words."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="search_rule")

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("phrases"),
        FieldPanel("needs"),
        FieldPanel("context"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("phrases")]

    class Meta:
        verbose_name = _("search rule")
        verbose_name_plural = _("search rules")
        ordering = ["language", "name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def phrase_list(self):
        return _lines(self.phrases)

    def need_list(self):
        return _lines(self.needs)

    def context_list(self):
        return _lines(self.context)

    def clean(self):
        super().clean()
        if self.kind == self.Kind.SITUATION and not self.need_list():
            raise ValidationError({"needs": _("A situation needs at least one need.")})
        if self.kind == self.Kind.SYNONYMS and len(self.phrase_list()) < 2:
            raise ValidationError({"phrases": _("Give at least two words or phrases.")})

    def get_preview_template(self, request, mode_name):
        return "search/admin/rule_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(preview_rule(self))
        return context
