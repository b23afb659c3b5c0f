"""Page routing remembered per content version: the view that serves every Wagtail page.

Wagtail finds a page by walking the tree from the site root, one level per path component;
with wagtail-modeltranslation each level loads every child of the page (slugs are
translated, so it compares them in Python) and then the child's specific row: two queries
and a few model instances per level, about a third of the CPU of an uncached protocol
page. The walk depends only on the page tree, so its outcome (which page the path reaches,
how many components the tree consumed, and whether any view restriction covers the page)
is kept in the shared cache under the content version (``infra.page_cache.published_version``:
every publish, unpublish, move, site change and view-restriction change bumps it) and the
release. A hit loads that one page and lets it route the rest itself, so routable pages
(an organisation under the directory, the handbook under an edition), the live check and
the 404s stay Wagtail's own. Misses and 404s walk the tree.

The site of a request is remembered the same way (Wagtail looks it up on every request).
View restrictions: Wagtail's check reads the page's ancestors and their restrictions on
every request (two queries). A page no restriction covers skips that check; a restricted
page, or one whose route was not remembered, goes through Wagtail's own serve and check.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.wagtail_hooks import check_view_restrictions

from infra.page_cache import code_version, published_version

TIMEOUT = 24 * 60 * 60


def _version():
    return f"{published_version()}:{code_version()}"


def site_for_request(request):
    """``Site.find_for_request``, the lookup remembered per content version."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"ruta-site:{request.get_host()}:{request.get_port()}:{_version()}"
    found = cache.get(key)
    if found is None:
        site = Site.find_for_request(request)
        cache.set(key, (site,), TIMEOUT)  # a tuple, so that "no site" is remembered too
        return site
    request._wagtail_site = found[0]  # where Wagtail keeps the request's site
    return request._wagtail_site


def _key(site, path):
    language = translation.get_language() or ""
    return f"ruta-route:{site.pk}:{language}:{_version()}:{path}"


def _remembered(request, components, found):
    page_id, content_type_id, consumed, _restricted = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    if page is None:
        return None
    try:
        return page.route(request, components[consumed:])
    except Http404:
        return None


def route(request, path):
    """(Wagtail's route for this request, whether a view restriction may cover the page),
    from the cache when the tree has not changed (``Page.route_for_request`` reads what is
    set on the request)."""
    site = site_for_request(request)
    if site is None:
        return None, True
    components = [component for component in path.split("/") if component]
    key = _key(site, "/".join(components))
    found = cache.get(key)
    if found is not None:
        result = _remembered(request, components, found)
        request._wagtail_route_for_request = result
        restricted = result is None or result[0].pk != found[0] or found[3]
        return result, restricted
    result = Page.route_for_request(request, path)
    if result is None:
        return None, True
    page = result[0]
    restricted = page.get_view_restrictions().exists()
    consumed = page.depth - site.root_page.depth
    cache.set(key, (page.pk, page.content_type_id, consumed, restricted), TIMEOUT)
    return result, restricted


def serve(request, path):
    """``wagtail.views.serve`` with the remembered route; for a page no view restriction
    covers, Wagtail's hooks run as there, except its view-restriction check."""
    result, restricted = route(request, path)
    if restricted:
        return wagtail_views.serve(request, path)
    page, args, kwargs = result
    chain = wagtail_views.serve_chain
    for wrapper in reversed(hooks.get_hooks("on_serve_page")):
        if wrapper is not check_view_restrictions:
            chain = wrapper(chain)
    for before in hooks.get_hooks("before_serve_page"):
        response = before(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)
