"""Generations of what cached responses depend on: each tag has a number in the shared
cache, a cached response keeps the numbers it was rendered under, and moving a tag's number
(``bump``) makes every response that depends on it stale at once, for every worker and
server (see docs/architecture.md, "Caching").

Tags: ``ALL`` (everything), ``TREE`` (every page: menus, breadcrumbs, listings),
``PAGES`` (moved by every publish: responses not rendered by one page, such as the content
API), ``DIRECTORY`` (public directory data, shown on pages and in the HSDS API), ``SEARCH``
(search entries of pages) and ``page_tag(id)`` (what one page rendered).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django_tasks import task

from infra.cache import CacheUnavailable

logger = logging.getLogger(__name__)

ALL = "all"
TREE = "tree"
PAGES = "pages"
DIRECTORY = "directory"
SEARCH = "search"


def page_tag(page_id):
    return f"page:{page_id}"


def _cache():
    return caches[getattr(settings, "RUTA_PAGE_CACHE_ALIAS", "default")]


def _key(tag):
    return f"ruta-cache-generation:{tag}"


def _fresh():
    """A number never used before, for a tag whose number is missing (first start, culled,
    or a restarted Redis): starting again from 1 could revive entries kept under an old 1."""
    return time.time_ns() // 1000


def generations(tags):
    """The current number of each tag (one round trip when all are known)."""
    keys = {tag: _key(tag) for tag in tags}
    found = _cache().get_many(list(keys.values()))
    current = {}
    for tag, key in keys.items():
        value = found.get(key)
        if value is None:
            _cache().add(key, _fresh(), timeout=None)
            value = _cache().get(key) or _fresh()
        current[tag] = value
    return current


def bump(*tags):
    """Make every response that depends on one of ``tags`` stale. Returns False when the
    shared cache could not be told (the caller retries)."""
    done = True
    for tag in tags or (ALL,):
        try:
            _cache().incr(_key(tag))
        except ValueError:
            _cache().set(_key(tag), _fresh(), timeout=None)
        except CacheUnavailable:
            done = False
    return done


@task()
def bump_later(tags):
    """Retry of an invalidation the shared cache missed (it was unreachable)."""
    if not bump(*tags):
        raise CacheUnavailable(f"could not invalidate {', '.join(tags)}")


def bump_now_and_on_commit(*tags):
    """Move the tags now, and again when the change is committed: a response rendered by
    another worker in between (still reading the old data) must not stay valid. A move the
    shared cache missed is retried by a background task."""
    tags = tags or (ALL,)

    def on_commit():
        if not bump(*tags):
            logger.error("Shared cache unreachable: invalidation of %s queued", ", ".join(tags))
            bump_later.enqueue(list(tags))

    bump(*tags)
    transaction.on_commit(on_commit)
