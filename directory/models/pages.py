from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from directory.constants import COVERAGE_SLUGS, REPORT_SLUGS
from website.models import RICH_TEXT_FEATURES

from .organisations import Organization


class DirectoryIndexPage(RoutablePageMixin, Page):
    """Shelters and service providers: search and browse services, one sub-page per
    organisation (``slug_es`` under /es/directorio/, ``slug_en`` under /en/directory/) and a
    coverage table. The routes' views are ``directory.views``, registered by
    ``DirectoryConfig.ready()`` (they read the search layer and the serialisers, which
    import these models)."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    route_views = {}  # route name -> view(page, request, **kwargs)

    class Meta:
        verbose_name = gettext_lazy("directory index page")

    @classmethod
    def register_views(cls, **views):
        cls.route_views = {**cls.route_views, **views}

    # --- URLs ---------------------------------------------------------------------------

    def url_in(self, language, subpath="", request=None):
        with translation.override(language):
            base = self.get_url(request=request)
        return f"{base}{subpath}" if base else None

    def organization_urls(self, organization, request=None):
        urls = {}
        for language in ("es", "en"):
            slug = getattr(organization, f"slug_{language}", None) or organization.slug
            urls[language] = self.url_in(language, f"{slug}/", request)
        return urls

    def organization_url(self, organization, request=None):
        return self.organization_urls(organization, request)[translation.get_language() or "es"]

    def report_urls(self, organization, request=None):
        """The readers' problem report form of an organisation, in each language."""
        return {
            language: f"{url}{REPORT_SLUGS[language]}/"
            for language, url in self.organization_urls(organization, request).items()
            if url
        }

    def coverage_urls(self, request=None):
        return {
            language: self.url_in(language, f"{slug}/", request)
            for language, slug in COVERAGE_SLUGS.items()
        }

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return entries
        language = translation.get_language() or "es"
        entries.append({"location": base + COVERAGE_SLUGS.get(language, "cobertura") + "/"})
        for organization in Organization.objects.public().only("slug", "last_modified"):
            entries.append(
                {"location": f"{base}{organization.slug}/", "lastmod": organization.last_modified}
            )
        return entries

    # --- routes (views in directory.views) ----------------------------------------------

    @re_path(r"^$")
    def browse(self, request):
        return self.route_views["browse"](self, request)

    @re_path(r"^(?P<slug>cobertura|coverage)/$", name="coverage")
    def coverage(self, request, slug):
        return self.route_views["coverage"](self, request, slug)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="organization")
    def organization(self, request, slug):
        return self.route_views["organization"](self, request, slug)

    @re_path(r"^(?P<slug>[-\w]+)/(?P<action>reportar-un-problema|report-a-problem)/$")
    def report_problem(self, request, slug, action):
        return self.route_views["report_problem"](self, request, slug, action)
