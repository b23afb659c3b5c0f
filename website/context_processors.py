from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from infra.public_pages import public


def _site_nav(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return [{"page": item} for item in public(site.root_page.get_children().live().in_menu())]


def site_nav(request):
    """Main navigation: the home page's live children shown in menus (one query, lazily)."""
    return {"site_nav": SimpleLazyObject(lambda: _site_nav(request))}
