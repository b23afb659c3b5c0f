import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from infra.api.errors import problem
from infra.http import is_public_api
from website.crawlers import PublicSitemap, robots_lines


def page_not_found(request, exception=None):
    """404 in the visitor's language, with the full site shell (JSON under the APIs)."""
    if is_public_api(request):
        return problem(404, _("Not found."))
    return render(request, "404.html", status=404)


@require_safe
def sitemap(request):
    """The public pages and directory routes in each language (``website.crawlers``)."""
    return wagtail_sitemap(
        request, sitemaps={"pages": PublicSitemap}, template_name="website/sitemap.xml"
    )


@require_safe
def robots_txt(request):
    """What robots may read, and where the sitemap is: on the site's public address, as
    the sitemap's own entries (``website.public_address``)."""
    site = Site.find_for_request(request)
    path = reverse("sitemap")
    url = site.root_url + path if site is not None else request.build_absolute_uri(path)
    lines = robots_lines(request, url)
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


RETRY_AFTER_SECONDS = 5


# PostgreSQL's query_canceled (statement_timeout) and lock_not_available (lock_timeout).
TIMEOUT_SQLSTATES = {"57014", "55P03"}


def _database_unavailable(error):
    """The database could not be reached, the connection broke, SQLite's file is locked by
    another writer, or PostgreSQL gave up waiting (a statement or lock timeout: the database
    is stalled): worth trying again in a moment. Not a schema error ("no such table" is an
    OperationalError on SQLite too) or a statement that failed on a working connection:
    those stay 500s."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in TIMEOUT_SQLSTATES:
        return True
    return "database is locked" in str(error) or not connection.is_usable()


def server_error(request):
    """500 without context processors that might touch the database again; 503 with
    Retry-After when the database could not be reached or the connection broke (a restart,
    a failover, a locked SQLite file): the reader is told to try again in a moment. Under
    the APIs a JSON message, in the language of ``lang`` when given."""
    unavailable = _database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if is_public_api(request):
        language = request.GET.get("lang")
        codes = [code for code, _name in settings.LANGUAGES]
        with translation.override(language if language in codes else translation.get_language()):
            message = (
                _("The service is briefly unavailable. Please try again in a few seconds.")
                if unavailable
                else _("Something went wrong.")
            )
        response = problem(status, message)
    else:
        response = render(request, f"{status}.html", status=status, using=None)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
