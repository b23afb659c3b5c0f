from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from infra.page_cache import code_version, published_version

register = template.Library()
FRAGMENT_TIMEOUT = 24 * 60 * 60  # a new content version makes old entries unreachable anyway


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return (code, name, url, is_current) for each language, keeping the visitor in place.

    A view may put ``alternate_urls`` ({code: url}) in its context (e.g. routable sub-pages);
    otherwise a Wagtail page gives its URL in each language, and any other view is translated
    through Django's URL resolver.
    """
    request = context.get("request")
    alternate_urls = context.get("alternate_urls") or {}
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = alternate_urls.get(code)
        if url is None and page is not None and hasattr(page, "get_url"):
            with translation.override(code):
                url = page.get_url(request=request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url or f"/{code}/",
                "is_current": code == current,
            }
        )
    return links


class VersionCacheNode(template.Node):
    """``{% versioncache name %}…{% endversioncache %}``: a part of a Wagtail page that
    depends only on published content (the header, menu and footer; a section's
    breadcrumbs and status banner), rendered once and kept in the shared cache per site,
    path, language, day (an edition's status follows the date) and published content
    version (``infra.page_cache.published_version``: every publish, tree change, site,
    settings, view-restriction or directory change moves it) and release. Nothing in such a part may
    depend on the reader or on the query string, except through the values named in the
    tag, which are part of the key. Only a page's GET is kept: 404s and other
    views, whose paths are anyone's to invent, and previews render it every time."""

    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or context.get("page") is None
            or request.method != "GET"
            or getattr(request, "is_preview", False)
        ):
            return self.nodelist.render(context)
        key = (
            f"ruta-fragment:{self.name}:{request.get_host()}:{request.path}:"
            f"{[str(value.resolve(context)) for value in self.vary_on]}:"
            f"{translation.get_language()}:{timezone.localdate()}:{published_version()}:"
            f"{code_version()}"
        )
        html = cache.get(key)
        if html is None:
            html = str(self.nodelist.render(context))
            cache.set(key, html, FRAGMENT_TIMEOUT)
        # Output of our own templates, autoescaped when it was rendered.
        return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.tag
def versioncache(parser, token):
    """``{% versioncache name [value …] %}``: the values (e.g. whether the reader may see
    facilitator notes) are part of the key."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'versioncache' needs a name.")
    nodelist = parser.parse(("endversioncache",))
    parser.delete_first_token()
    return VersionCacheNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
