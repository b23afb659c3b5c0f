"""The directory page's views: the list of services (search, filters, pages), the coverage
table, an organisation's page and its problem report form. ``DirectoryConfig.ready()``
registers them as the routes of ``DirectoryIndexPage``, whose model cannot import what
they read."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from directory import problems, province_cards
from directory.access import member_organization, sees_staff_details
from directory.constants import CARD_SLUGS, COVERAGE_SLUGS, REPORT_SLUGS, SERVICE_SLUGS
from directory.display import organization_data, service_data
from directory.forms import ProblemReportForm, started_token
from directory.models import Organization
from directory.provinces import provinces
from directory.ratelimit import within_limit
from directory.selectors import (
    coverage_table,
    organization_with_services,
    public_organizations,
    visible_service,
)
from directory.upkeep_rules import setting
from infra.http import client_ip
from infra.pdf import serve_pdf
from search.directory import browse_directory


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
    service_slug = SERVICE_SLUGS.get(translation.get_language(), "servicio")
    for item in data["results"]:
        item["organization"]["url"] = f"{base}{item['organization']['slug']}/"
        item["url"] = f"{base}{service_slug}/{item['id']}/"
    context = page.get_context(request)
    context.update(data)
    context["coverage_url"] = page.coverage_urls(request).get(translation.get_language())
    context["cards_url"] = page.card_urls(request=request).get(translation.get_language())
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


def _other_language(language):
    return "en" if language == "es" else "es"


def organization(page, request, slug):
    language = translation.get_language() or "es"
    staff = sees_staff_details(request.user)
    queryset = organization_with_services(public_organizations(), staff=staff)
    found = queryset.filter(**{f"slug_{language}": slug}).first()
    if found is None:
        other_language = _other_language(language)
        other = Organization.objects.public().filter(**{f"slug_{other_language}": slug}).first()
        if other is None:
            raise Http404(_("No organisation has this address."))
        return redirect(page.organization_url(other, request))
    data = organization_data(found, staff=staff)
    for item in data["services"]:
        item["url"] = page.service_url(item["id"], request)
    member = staff and member_organization(request.user, found.pk) is not None
    context = page.get_context(request)
    context.update(
        {
            "organization": data,
            "staff_view": staff,
            "capacity_update_ids": {s["id"] for s in data["services"]} if member else set(),
            "alternate_urls": page.organization_urls(found, request),
            "report_error_url": page.report_urls(found, request).get(language),
            "coverage_url": page.coverage_urls(request).get(language),
        }
    )
    return _render(request, "directory/organization_page.html", context, private=staff)


def service(page, request, slug, pk):
    """A service's own page (stable, shareable): everything public about it."""
    language = translation.get_language() or "es"
    urls = page.service_urls(pk, request)
    if slug != SERVICE_SLUGS.get(language):
        return redirect(urls[language])
    staff = sees_staff_details(request.user)
    found = visible_service(pk, staff=staff)
    if found is None:
        raise Http404(_("No service has this address."))
    context = page.get_context(request)
    context.update(
        {
            "service": service_data(found, staff=staff),
            "organization": organization_data(found.organization, with_services=False),
            "organization_url": page.organization_url(found.organization, request),
            "staff_view": staff,
            "alternate_urls": urls,
        }
    )
    return _render(request, "directory/service_page.html", context, private=staff)


def _language_slug(slugs, slug):
    """None when ``slug`` is the current language's, else the language it belongs to."""
    language = translation.get_language() or "es"
    return None if slug == slugs.get(language) else language


def cards(page, request, slug):
    """The contact cards' index: one print view and one PDF per province."""
    language = translation.get_language() or "es"
    urls = page.card_urls(request=request)
    if _language_slug(CARD_SLUGS, slug):
        return redirect(urls[language])
    context = page.get_context(request)
    context["alternate_urls"] = urls
    context["provinces"] = [
        {"name": info.name, "url": page.card_urls(code, request)[language]}
        for code, info in provinces().items()
    ]
    return _render(request, "directory/province_cards.html", context)


def card(page, request, slug, code):
    """A province's contact card as a page (print it, or download the built PDF)."""
    language = translation.get_language() or "es"
    urls = page.card_urls(code, request)
    if code not in provinces():
        raise Http404(_("No province has this code."))
    if _language_slug(CARD_SLUGS, slug):
        return redirect(urls[language])
    context = province_cards.card_context(code, request.build_absolute_uri(urls[language]))
    context.update({"page": page, "alternate_urls": urls, "pdf_url": f"{urls[language]}pdf/"})
    return _render(request, "directory/province_card_page.html", context)


def card_pdf(page, request, slug, code):
    language = translation.get_language() or "es"
    if code not in provinces():
        raise Http404(_("No province has this code."))
    if _language_slug(CARD_SLUGS, slug):
        return redirect(f"{page.card_urls(code, request)[language]}pdf/")
    return serve_pdf(request, page, province_cards.card_kind(code))


def card_pdf_context(page, kind):
    """The PDF of a province's card (built by the worker): the print view's content."""
    code = province_cards.province_of(kind)
    language = translation.get_language() or "es"
    online_url = page.url_in(language, f"{CARD_SLUGS[language]}/{code}/")
    full = page.get_site().root_url + online_url if online_url.startswith("/") else online_url
    return {**province_cards.card_context(code, full), "page": page, "in_pdf": True}


def _within_limits(request):
    """Per client address, and for everyone together (a flood from many addresses)."""
    limit, window = setting("RUTA_PROBLEM_REPORT_RATE")
    total, total_window = setting("RUTA_PROBLEM_REPORT_GLOBAL_RATE")
    return within_limit("problem-report", client_ip(request), limit, window) and within_limit(
        "problem-report-all", "all", total, total_window
    )


def report_problem(page, request, slug, action):
    """A reader tells the maintainers that a listing is wrong (never public). Sent private
    and no-store: the form carries a CSRF token and the time it was shown."""
    language = translation.get_language() or "es"
    found = public_organizations().filter(**{f"slug_{language}": slug}).first()
    if found is None or action != REPORT_SLUGS[language]:
        other = found or (
            public_organizations().filter(**{f"slug_{_other_language(language)}": slug}).first()
        )
        if other is None:
            raise Http404(_("No organisation has this address."))
        return redirect(page.report_urls(other, request)[language])
    form = ProblemReportForm(request.POST or None, organization=found)
    status = 200
    if request.method == "POST":
        if not _within_limits(request):
            form.add_error(None, _("Too many reports were sent from here: try again in an hour."))
            status = 429
        elif form.is_valid():
            if not form.is_robot:
                problems.submit(form, found, language)
            return redirect(f"{request.path}?sent=1")
        else:
            status = 400
    context = page.get_context(request)
    context.update(
        {
            "organization": found,
            "organization_url": page.organization_urls(found, request).get(language),
            "alternate_urls": page.report_urls(found, request),
            "form": form,
            "started": started_token(),
            "sent": request.method == "GET" and request.GET.get("sent") == "1",
            "noindex": True,
        }
    )
    response = _render(request, "directory/report_problem.html", context, private=True)
    response.status_code = status
    return response
