"""The one search interface of the site (directory page, site search, HSDS API ``search``).

Elasticsearch answers when ``ELASTICSEARCH_URL`` is set; if it is unreachable or errors,
the database backend answers instead and one warning is logged, so a page never fails
because of the cluster.
"""

import logging

from django.conf import settings

from search.backends import DirectoryQuery, DirectoryResult, SiteQuery, SiteResult
from search.backends.database import DatabaseBackend

logger = logging.getLogger("search")

__all__ = [
    "DirectoryQuery",
    "DirectoryResult",
    "SiteQuery",
    "SiteResult",
    "get_backend",
    "search_directory",
    "search_site",
    "service_ids",
]


def get_backend():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    return DatabaseBackend()


def _answer(method, *args):
    backend = get_backend()
    if isinstance(backend, DatabaseBackend):
        return getattr(backend, method)(*args)
    try:
        return getattr(backend, method)(*args)
    except Exception as error:
        logger.warning(
            "Elasticsearch is unavailable (%s: %s); answering from the database backend.",
            type(error).__name__,
            str(error)[:200],
        )
        return getattr(DatabaseBackend(), method)(*args)


def search_directory(query: DirectoryQuery) -> DirectoryResult:
    return _answer("directory", query)


def search_site(query: SiteQuery) -> SiteResult:
    return _answer("site", query)


def service_ids(text, language="es"):
    """Ids of the public services matching ``text``, best first."""
    return _answer("service_ids", text, language)
