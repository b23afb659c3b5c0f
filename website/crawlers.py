"""What search engines are told: the sitemap's entries and the rules of robots.txt (the
views are ``website.views``; why, in docs/architecture.md, "Sitemap and robots.txt")."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap

from directory.constants import REPORT_SLUGS
from directory.selectors import directory_page

SITEMAP_PATH = "/sitemap.xml"
ROBOTS_PATH = "/robots.txt"

# Named URLs that are never for search engines, in every language: the searches (noindex),
# the change alerts' forms and links with tokens, the offline copies (noindex).
NOT_FOR_ROBOTS = ("site-search", "directory-search", "alerts:subscribe", "offline-fallback")


def languages():
    return [code for code, _name in settings.LANGUAGES]


class PublicSitemap(Sitemap):
    """Wagtail's sitemap (live pages without a view restriction under the request's site),
    each page asked for its entries once per language: a page's ``get_sitemap_urls``
    answers in the active language (``DirectoryIndexPage`` adds its public routes)."""

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            for language in languages():
                with translation.override(language):
                    urls += item.get_sitemap_urls(self.request)
        changes = {url.get("lastmod") for url in urls}
        if changes and None not in changes:
            self.latest_lastmod = max(changes)
        return urls


def disallowed_paths(request):
    """Path prefixes robots are asked to leave alone: the admin (sign-in, two-factor,
    referrals, the directory's staff screens are all under it), the searches, the alerts'
    pages and the offline copies in each language; under the directory page its searches
    and filters (any query string) and each organisation's problem report form."""
    paths = [reverse("wagtailadmin_home")]
    directory = directory_page()
    for language in languages():
        with translation.override(language):
            paths += [reverse(name) for name in NOT_FOR_ROBOTS]
            base = directory.get_url(request) if directory is not None else None
            if base:
                paths += [f"{base}?", f"{base}*/{REPORT_SLUGS[language]}/"]
    return list(dict.fromkeys(paths))


def robots_lines(request, sitemap_url):
    return [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths(request)),
        "Allow: /",
        "",
        f"Sitemap: {sitemap_url}",
    ]
