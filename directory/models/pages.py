from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from directory.constants import CARD_SLUGS, COVERAGE_SLUGS, REPORT_SLUGS, SERVICE_SLUGS
from directory.provinces import provinces
from infra.page_forms import CREATION_KEY_PANEL, RutaPageForm
from infra.pdf import PDFDocument, PDFPageMixin
from website.models import RICH_TEXT_FEATURES


class DirectoryIndexPage(RoutablePageMixin, PDFPageMixin, Page):
    """Shelters and service providers: search and browse services, one sub-page per
    organisation (``slug_es`` under /es/directorio/, ``slug_en`` under /en/directory/) and a
    coverage table, a page per service and a contact card per province (print view and PDF,
    ``directory.province_cards``). The routes' views are ``directory.views``, registered by
    ``DirectoryConfig.ready()`` (they read the search layer and the serialisers, which
    import these models), as is the card's PDF context."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    base_form_class = RutaPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro"), CREATION_KEY_PANEL]
    api_fields = [APIField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    route_views = {}  # route name -> view(page, request, **kwargs)
    # One PDF per province: kind "card-EC-G" (directory.province_cards).
    pdf_documents = {
        f"card-{code}": PDFDocument("directory/pdf/province_card.html", f"ruta-{code.lower()}")
        for code in provinces()
    }

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

    def service_urls(self, service_id, request=None):
        return {
            language: self.url_in(language, f"{slug}/{service_id}/", request)
            for language, slug in SERVICE_SLUGS.items()
        }

    def service_url(self, service_id, request=None):
        language = translation.get_language() or "es"
        return self.url_in(
            language, f"{SERVICE_SLUGS.get(language, 'servicio')}/{service_id}/", request
        )

    def card_urls(self, code="", request=None):
        """{language: URL} of the cards' index, or of one province's print view."""
        suffix = f"{code}/" if code else ""
        return {
            language: self.url_in(language, f"{slug}/{suffix}", request)
            for language, slug in CARD_SLUGS.items()
        }

    def pdf_url(self, kind, request=None):
        """A province card's PDF (kind "card-EC-G") is under its print view."""
        code = kind.removeprefix("card-")
        url = self.card_urls(code, request)[translation.get_language() or "es"]
        return f"{url}pdf/" if url else None

    def get_pdf_context(self, kind):
        return self.route_views["pdf_context"](self, kind)

    def get_sitemap_urls(self, request=None):
        """This page and the routes every visitor may open, in the active language (the
        sitemap asks once per language, ``website.crawlers``): coverage, the contact cards
        and each province's card, each active organisation and each listed service (ids and
        slugs only). Never searches or filters (noindex), report forms, PDFs or staff views."""
        entries = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return entries
        language = translation.get_language() or "es"
        records = self.route_views["sitemap_records"](language)
        cards = f"{CARD_SLUGS[language]}/"
        paths = [COVERAGE_SLUGS[language] + "/", cards, *(f"{cards}{c}/" for c in provinces())]
        entries += [{"location": base + path} for path in paths]
        entries += [
            {"location": f"{base}{slug}/", "lastmod": changed}
            for slug, changed in records["organizations"]
        ]
        entries += [
            {"location": f"{base}{SERVICE_SLUGS[language]}/{pk}/", "lastmod": changed}
            for pk, changed in records["services"]
        ]
        return entries

    # --- routes (views in directory.views) ----------------------------------------------

    @re_path(r"^$")
    def browse(self, request):
        return self.route_views["browse"](self, request)

    @re_path(r"^(?P<slug>cobertura|coverage)/$", name="coverage")
    def coverage(self, request, slug):
        return self.route_views["coverage"](self, request, slug)

    @re_path(r"^(?P<slug>servicio|service)/(?P<pk>[0-9a-f-]{36})/$", name="service")
    def service(self, request, slug, pk):
        return self.route_views["service"](self, request, slug, pk)

    @re_path(r"^(?P<slug>tarjetas|cards)/$", name="cards")
    def cards(self, request, slug):
        return self.route_views["cards"](self, request, slug)

    @re_path(r"^(?P<slug>tarjetas|cards)/(?P<code>EC-[A-Z]{1,2})/$", name="card")
    def card(self, request, slug, code):
        return self.route_views["card"](self, request, slug, code)

    @re_path(r"^(?P<slug>tarjetas|cards)/(?P<code>EC-[A-Z]{1,2})/pdf/$", name="card-pdf")
    def card_pdf(self, request, slug, code):
        return self.route_views["card_pdf"](self, request, slug, code)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="organization")
    def organization(self, request, slug):
        return self.route_views["organization"](self, request, slug)

    @re_path(r"^(?P<slug>[-\w]+)/(?P<action>reportar-un-problema|report-a-problem)/$")
    def report_problem(self, request, slug, action):
        return self.route_views["report_problem"](self, request, slug, action)
