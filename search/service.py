"""The one search interface of the site (directory page, site search, HSDS API ``search``).

Elasticsearch answers when ``ELASTICSEARCH_URL`` is set; if it is unreachable or errors,
the database backend answers instead and one warning is logged, so a page never fails
because of the cluster. The outage is then remembered for ``RETRY_SECONDS`` in the shared
cache: every worker answers from the database at once, without waiting for the cluster's
timeout on each search or logging again, and tries the cluster again after that.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from search.backends import DirectoryQuery, DirectoryResult, SiteQuery, SiteResult
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.failures import record

logger = logging.getLogger("search")

__all__ = [
    "DirectoryQuery",
    "DirectoryResult",
    "SiteQuery",
    "SiteResult",
    "get_backend",
    "organization_ids",
    "search_directory",
    "search_site",
    "service_ids",
]


def get_backend():
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return ElasticsearchBackend()
    return DatabaseBackend()


RETRY_SECONDS = 30


def _outage_key():
    cluster = hashlib.sha256(settings.ELASTICSEARCH_URL.encode()).hexdigest()[:16]
    return f"ruta-search-outage-{cluster}"


def _answer(method, *args):
    if not getattr(settings, "ELASTICSEARCH_URL", "") or cache.get(_outage_key()):
        return getattr(DatabaseBackend(), method)(*args)
    try:  # a malformed URL fails when the client is made: also an outage, never a 500
        return getattr(get_backend(), method)(*args)
    except Exception as error:
        cache.set(_outage_key(), True, RETRY_SECONDS)
        logger.warning(
            "Elasticsearch is unavailable (%s: %s); answering from the database backend "
            "and trying the cluster again in %s s.",
            type(error).__name__,
            str(error)[:200],
            RETRY_SECONDS,
        )
        return getattr(DatabaseBackend(), method)(*args)


def search_directory(query: DirectoryQuery) -> DirectoryResult:
    result = _answer("directory", query)
    if query.text.strip() and result.unmatched and query.page == 1:
        record(query.text, query.language)
    return result


def search_site(query: SiteQuery) -> SiteResult:
    result = _answer("site", query)
    if query.text.strip() and not result.total and not result.superseded and query.page == 1:
        record(query.text, query.language)
    return result


def service_ids(text, language="es"):
    """Ids of the public services matching ``text``, best first."""
    return _answer("service_ids", text, language)


def organization_ids(text, language="es"):
    """Ids of the public organisations matching ``text``, best first."""
    return _answer("organization_ids", text, language)
