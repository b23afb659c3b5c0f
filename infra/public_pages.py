"""Pages outside every private section, without a query per call.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called:
menus, entry points, edition lists and the training catalogue call it on every request.
The restricted paths change only with a view restriction, which moves the published-content
version (``infra.invalidation``), so they are read once per version and kept in the shared
cache.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

from infra.page_cache import published_version

TIMEOUT = 24 * 60 * 60  # a new version makes the old entry unreachable anyway


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (each covers its
    descendants)."""
    key = f"ruta-restricted-paths:{published_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, TIMEOUT)
    return paths


def public(queryset):
    """``queryset.public()`` with the restricted paths read once per content version."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset
