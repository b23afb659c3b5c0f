from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from infra.page_forms import CREATION_KEY_PANEL, RutaPageForm
from infra.public_pages import public

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


class HomePage(Page):
    """The site root for both languages: emergency lines and the entry points.

    Entry points are the live children (protocol, directory, training), so editors choose
    and order them in the page tree instead of code looking them up by slug.
    """

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    base_form_class = RutaPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro"), CREATION_KEY_PANEL]
    api_fields = [APIField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = public(self.get_children().live().in_menu()).specific()
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
