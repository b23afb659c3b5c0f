from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


def private_storage():
    """Storage for files that must never be reachable by URL (see STORAGES["private"])."""
    return storages["private"]


class HomePage(Page):
    """The site root for both languages: emergency lines and the entry points.

    Entry points are the live children (protocol, directory, training), so editors choose
    and order them in the page tree instead of code looking them up by slug.
    """

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = self.get_children().live().in_menu().specific()
        return context


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    """Site-wide values editors may change without a deployment."""

    quick_exit_url = models.URLField(
        _("quick exit destination"),
        default="https://www.google.com/search?q=clima",
        help_text=_("A neutral site that replaces the page when someone presses 'Exit'."),
    )
    directory_maintainers_email = models.EmailField(
        _("directory maintainers' email"),
        default="directorio@ruta.invalid",
        help_text=_("Where 'report an error' links on the directory send their messages."),
    )

    panels = [FieldPanel("quick_exit_url"), FieldPanel("directory_maintainers_email")]

    class Meta:
        verbose_name = _("site settings")


class BuiltDocument(models.Model):
    """A PDF built in the background from a page (handbook, handout, facilitator guide).

    Files live in private storage (``RUTA_PRIVATE_ROOT``), never under MEDIA_URL: they are
    served by the page's own view, which checks who may read each kind.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="built_documents"
    )
    kind = models.CharField(_("kind"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), storage=private_storage, upload_to="built-documents/")
    revision_id = models.PositiveBigIntegerField(_("built from revision"), null=True, blank=True)
    built_at = models.DateTimeField(_("built at"))
    build_seconds = models.FloatField(_("build time (s)"), default=0)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    class Meta:
        verbose_name = _("built document")
        verbose_name_plural = _("built documents")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "language"], name="unique_built_document"
            )
        ]

    def __str__(self):
        return f"{self.page_id}/{self.kind}.{self.language}.pdf"
