"""Page routing remembered per content version: the view that serves every Wagtail page.

Wagtail finds a page by walking the tree from the site root, one level per path component;
with wagtail-modeltranslation each level loads every child of the page (slugs are
translated, so it compares them in Python) and then the child's specific row: two queries
and a few model instances per level, about a third of the CPU of an uncached protocol
page. The walk depends only on the page tree, so its outcome (which page the path reaches
and how many components the tree consumed) is kept in the shared cache under the content
version (``infra.page_cache.published_version``: every save of a page, publish, unpublish
or move bumps it). A hit loads that one page and lets it route the rest itself, so
routable pages (an organisation under the directory, the handbook under an edition), the
live check and the 404s stay Wagtail's own; view restrictions are checked after routing,
as before. Misses and 404s walk the tree.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from infra.page_cache import published_version

TIMEOUT = 24 * 60 * 60


def _key(site, path):
    language = translation.get_language() or ""
    return f"ruta-route:{site.pk}:{language}:{published_version()}:{path}"


def _remembered(request, components, found):
    page_id, content_type_id, consumed = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    if page is None:
        return None
    try:
        return page.route(request, components[consumed:])
    except Http404:
        return None


def route(request, path):
    """Wagtail's route for this request, from the cache when the tree has not changed
    (``Page.route_for_request`` reads what is set on the request)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    key = _key(site, "/".join(components))
    found = cache.get(key)
    if found is not None:
        request._wagtail_route_for_request = _remembered(request, components, found)
        return request._wagtail_route_for_request
    result = Page.route_for_request(request, path)
    if result is not None:
        page = result[0]
        cache.set(key, (page.pk, page.content_type_id, page.depth - site.root_page.depth))
    return result


def serve(request, path):
    """``wagtail.views.serve`` with the remembered route."""
    route(request, path)
    return wagtail_views.serve(request, path)
