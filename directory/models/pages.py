from urllib.parse import quote

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from directory.constants import COVERAGE_SLUGS
from website.models import RICH_TEXT_FEATURES


def _private_for_staff(response, request):
    """Pages seen with staff details stay out of every cache (browser, proxy, page cache)."""
    from directory.access import sees_staff_details

    if sees_staff_details(request.user):
        response["Cache-Control"] = "private, no-store"
    return response


class DirectoryIndexPage(RoutablePageMixin, Page):
    """Shelters and service providers: browse by province and category, one sub-page per
    organisation (``slug_es`` under /es/directorio/, ``slug_en`` under /en/directory/) and a
    coverage table. Public data comes only from ``directory.visibility``."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    # The search app may swap the query layer: a callable(params) -> dict, see browse.py.
    browse_function = None

    class Meta:
        verbose_name = gettext_lazy("directory index page")

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

    def coverage_urls(self, request=None):
        return {
            language: self.url_in(language, f"{slug}/", request)
            for language, slug in COVERAGE_SLUGS.items()
        }

    def get_sitemap_urls(self, request=None):
        from directory.visibility import public_organizations

        entries = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return entries
        language = translation.get_language() or "es"
        entries.append({"location": base + COVERAGE_SLUGS.get(language, "cobertura") + "/"})
        for organization in public_organizations().only("slug", "last_modified"):
            entries.append(
                {"location": f"{base}{organization.slug}/", "lastmod": organization.last_modified}
            )
        return entries

    # --- views --------------------------------------------------------------------------

    @re_path(r"^$")
    def browse(self, request):
        from directory.browse import browse_directory

        browse_function = self.browse_function or browse_directory
        data = dict(browse_function(request.GET))
        data.pop("page", None)  # "page" is this Wagtail page; the paginator is "results_page"
        base = self.get_url(request=request)
        for item in data["results"]:
            item["organization"]["url"] = f"{base}{item['organization']['slug']}/"
        context = self.get_context(request)
        context.update(data)
        context["coverage_url"] = self.coverage_urls(request).get(translation.get_language())
        searching = any(value.strip() for value in request.GET.values())
        context["noindex"] = searching
        response = TemplateResponse(request, "directory/directory_index_page.html", context)
        if searching:
            # A search (query or filters) is not indexed by search engines nor cached.
            response["Cache-Control"] = "private, no-store"
        return _private_for_staff(response, request)

    @re_path(r"^(?P<slug>cobertura|coverage)/$", name="coverage")
    def coverage(self, request, slug):
        from directory.browse import coverage_table

        language = translation.get_language() or "es"
        urls = self.coverage_urls(request)
        if slug != COVERAGE_SLUGS.get(language):
            return redirect(urls[language])
        context = self.get_context(request)
        context.update(coverage_table())
        context["alternate_urls"] = urls
        return _private_for_staff(
            TemplateResponse(request, "directory/coverage.html", context), request
        )

    @re_path(r"^(?P<slug>[-\w]+)/$", name="organization")
    def organization(self, request, slug):
        from directory.access import sees_staff_details
        from directory.models import Organization
        from directory.visibility import (
            organization_data,
            organization_with_services,
            public_organizations,
        )
        from website.models import SiteSettings

        language = translation.get_language() or "es"
        staff = sees_staff_details(request.user)
        queryset = organization_with_services(public_organizations(), staff=staff)
        organization = queryset.filter(**{f"slug_{language}": slug}).first()
        if organization is None:
            other = (
                Organization.objects.filter(is_active=True)
                .filter(**{f"slug_{'en' if language == 'es' else 'es'}": slug})
                .first()
            )
            if other is None:
                raise Http404(_("No organisation has this address."))
            return redirect(self.organization_url(other, request))
        data = organization_data(organization, staff=staff)
        maintainers = SiteSettings.load(request_or_site=request).directory_maintainers_email
        subject = _("Error in the directory: %(name)s") % {"name": organization.name}
        context = self.get_context(request)
        context.update(
            {
                "organization": data,
                "staff_view": staff,
                "alternate_urls": self.organization_urls(organization, request),
                "report_error_url": f"mailto:{maintainers}?subject={quote(subject)}",
                "coverage_url": self.coverage_urls(request).get(language),
            }
        )
        return _private_for_staff(
            TemplateResponse(request, "directory/organization_page.html", context), request
        )
