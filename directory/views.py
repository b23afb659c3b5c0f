"""The directory page's views: the list of services (search, filters, pages), the coverage
table and an organisation's page. ``DirectoryConfig.ready()`` registers them as the routes
of ``DirectoryIndexPage``, whose model cannot import what they read."""

from urllib.parse import quote

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from directory.access import sees_staff_details
from directory.constants import COVERAGE_SLUGS
from directory.display import organization_data
from directory.models import Organization
from directory.selectors import coverage_table, organization_with_services, public_organizations
from search.directory import browse_directory
from website.models import SiteSettings


def _render(request, template, context, *, private=False):
    """Pages seen with staff details, and searches, stay out of every cache (browser,
    proxy, page cache)."""
    response = TemplateResponse(request, template, context)
    if private or sees_staff_details(request.user):
        response["Cache-Control"] = "private, no-store"
    return response


def browse(page, request):
    data = browse_directory(request.GET)
    base = page.get_url(request=request)
    for item in data["results"]:
        item["organization"]["url"] = f"{base}{item['organization']['slug']}/"
    context = page.get_context(request)
    context.update(data)
    context["coverage_url"] = page.coverage_urls(request).get(translation.get_language())
    given = {name for name, value in request.GET.items() if value.strip()}
    searching = bool(given)
    context["noindex"] = searching  # a search (query or filters) is not for search engines
    # A province's listing (no query, no other filter) is public and may be saved offline.
    province_listing = given <= {"province", "page"} and data["selected"]["province"]
    context["offline_province"] = province_listing or ""
    private = searching and not province_listing
    return _render(request, "directory/directory_index_page.html", context, private=private)


def coverage(page, request, slug):
    language = translation.get_language() or "es"
    urls = page.coverage_urls(request)
    if slug != COVERAGE_SLUGS.get(language):
        return redirect(urls[language])
    context = page.get_context(request)
    context.update(coverage_table())
    context["alternate_urls"] = urls
    return _render(request, "directory/coverage.html", context)


def organization(page, request, slug):
    language = translation.get_language() or "es"
    staff = sees_staff_details(request.user)
    queryset = organization_with_services(public_organizations(), staff=staff)
    found = queryset.filter(**{f"slug_{language}": slug}).first()
    if found is None:
        other_language = "en" if language == "es" else "es"
        other = Organization.objects.public().filter(**{f"slug_{other_language}": slug}).first()
        if other is None:
            raise Http404(_("No organisation has this address."))
        return redirect(page.organization_url(other, request))
    maintainers = SiteSettings.load(request_or_site=request).directory_maintainers_email
    subject = _("Error in the directory: %(name)s") % {"name": found.name}
    context = page.get_context(request)
    context.update(
        {
            "organization": organization_data(found, staff=staff),
            "staff_view": staff,
            "alternate_urls": page.organization_urls(found, request),
            "report_error_url": f"mailto:{maintainers}?subject={quote(subject)}",
            "coverage_url": page.coverage_urls(request).get(language),
        }
    )
    return _render(request, "directory/organization_page.html", context, private=staff)
