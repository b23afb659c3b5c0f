"""A small shared cache of public HTML pages for anonymous readers, and of public API
responses (which never depend on who asks).

Officials on slow phones mostly read the same published pages. Responses are cached when
the request is an anonymous GET (no session cookie) under /es/ or /en/ and the response is a
plain 200 HTML page that sets no cookie and is not marked private or no-store. Public PDF
downloads (a built handbook or handout, served as a file) are kept too when they are small
(``RUTA_PAGE_CACHE_MAX_BYTES``): otherwise every download costs a full Wagtail route (site,
page path, view restrictions, built-document lookup: ~30 ms of CPU), which held the handbook
at ~20 req/s under load.

Entries are keyed by host and path and, for the public APIs, by the language negotiated
from Accept-Language: pages carry their language in the path, but an API answers in
``?lang=`` or else in the reader's Accept-Language, and the HSDS description names the host
it was asked on. Each entry keeps the generations of the tags it depends on
(``infra.cache_tags``: the page that rendered it, the page tree, the directory) and is
stale as soon as one of them moves: a publish makes only the pages it touches stale
(``infra.invalidation``), a draft save nothing. With a front proxy (``infra.frontend_cache``)
the pages it may keep are sent with ``s-maxage`` and refreshed on publish.
"""

import functools
import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_response_headers

from infra import cache_tags, frontend_cache
from infra.cache_tags import ALL, DIRECTORY, PAGES, SEARCH, TREE, page_tag
from infra.http import content_etag, is_public_api

# XML and plain text: the sitemap and robots.txt (the other plain-text answers are 400s).
CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    "application/x-ndjson",
    "application/xml",
    "text/plain",
)
CACHEABLE_FILE_TYPES = ("application/pdf",)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# Read before every render: a change to one of them during the render means the result
# may already be stale, and it is not kept.
WATCHED = (ALL, TREE, DIRECTORY, PAGES)
BROWSER_SECONDS = 60


def _cache():
    return caches[getattr(settings, "RUTA_PAGE_CACHE_ALIAS", "default")]


def current_version():
    """The shared content version: moves with every directory change, every rewrite of
    search entries and every full invalidation (``search.backends.freshness`` reads it)."""
    found = cache_tags.generations((ALL, DIRECTORY, SEARCH))
    return (found[ALL], found[DIRECTORY], found[SEARCH])


def published_version():
    """Moves with every publish and unpublish, every tree change, every directory change and
    every full invalidation: the key of what is computed once per published content
    (``protocol_pages.fragments``, ``website.routing``)."""
    found = cache_tags.generations((ALL, TREE, PAGES, DIRECTORY))
    return (found[ALL], found[TREE], found[PAGES], found[DIRECTORY])


@functools.cache
def code_version():
    """A digest of this release's templates and Python modules, once per process: part of
    the key of what is rendered once per content version, so that a deploy never serves
    fragments that older code built (and servers of one release share them)."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda config: config.path):
        root = Path(config.path)
        if not root.is_relative_to(base) or "site-packages" in root.parts:
            continue  # installed packages change with their pinned versions
        for path in sorted((*root.rglob("*.py"), *root.rglob("*.html"))):
            if {"tests", "migrations"} & set(path.relative_to(root).parts):
                continue
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def invalidate(*tags, **kwargs):
    """Make every cached response that depends on ``tags`` stale (all of them by default)."""
    cache_tags.bump(*tags)


def invalidate_now_and_on_commit(*tags):
    """:func:`invalidate` now and again when the change commits (see ``cache_tags``)."""
    cache_tags.bump_now_and_on_commit(*tags)


def _key(request):
    language = translation.get_language_from_request(request) if is_public_api(request) else ""
    return f"ruta-page:{request.get_host()}:{language}:{request.get_full_path()}"


# (cookie, GET parameter): a reader's choice kept in a cookie that pages render from when
# the URL does not carry it (the protocol's province): such requests skip the cache.
_CHOICE_COOKIES = set()


def skip_for_cookie(cookie, parameter):
    """Register a choice cookie (from an app's ``ready()``)."""
    _CHOICE_COOKIES.add((cookie, parameter))


# Paths outside the language prefixes kept like pages for anonymous readers (the sitemap,
# robots.txt): registered by the app that serves them.
_PUBLIC_PATHS = set()


def keep_public_path(path):
    """Cache ``path`` like a page (from an app's ``ready()``)."""
    _PUBLIC_PATHS.add(path)


def _renders_from_cookie(request):
    return any(c in request.COOKIES and p not in request.GET for c, p in _CHOICE_COOKIES)


def _cacheable_request(request):
    if request.method in ("GET", "HEAD") and is_public_api(request):
        return True  # the public APIs answer the same to everyone, signed in or not
    return (
        request.method in ("GET", "HEAD")
        and (
            request.path.startswith(tuple(f"/{code}/" for code, _n in settings.LANGUAGES))
            or request.path in _PUBLIC_PATHS
        )
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.META.get("HTTP_AUTHORIZATION")
        and not _renders_from_cookie(request)
    )


def _small_file(response):
    """A streamed public file (FileResponse) of known, small size."""
    if not response.get("Content-Type", "").startswith(CACHEABLE_FILE_TYPES):
        return False
    try:
        size = int(response.get("Content-Length", ""))
    except ValueError:
        return False
    return size <= getattr(settings, "RUTA_PAGE_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES)


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    content_type = response.get("Content-Type", "")
    return (
        response.status_code == 200
        and (
            (not response.streaming and content_type.startswith(CACHEABLE_TYPES))
            or (response.streaming and _small_file(response))
        )
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def _in_memory(response):
    """The same response with its body read, so that it can be pickled into the cache."""
    if not response.streaming:
        return response
    try:
        content = b"".join(response.streaming_content)
    finally:
        # Close the file, not the response: HttpResponse.close() also sends
        # request_finished, which closes the database connection in the middle of the
        # request (on PostgreSQL, in tests, the test's own transaction).
        filelike = getattr(response, "file_to_stream", None)
        if filelike is not None:
            filelike.close()
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


def _entry_tags(request):
    page = getattr(request, "ruta_page", None)
    return (ALL, TREE, DIRECTORY, page_tag(page.pk) if page is not None else PAGES)


def _valid(entry, watched):
    """A cached entry whose tags have not moved since it was rendered."""
    kept = entry["generations"]
    current = {tag: watched[tag] for tag in kept if tag in watched}
    current.update(cache_tags.generations([tag for tag in kept if tag not in watched]))
    return kept == current


def _tombstone(request):
    """The answer to a front-cache refresh of a page the proxy may no longer keep (gone,
    restricted, setting a cookie): a 503 it stores as already expired, so that readers
    always reach the application, and see this only while the application is down."""
    response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = "5"
    frontend_cache.mark_tombstone(response)
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "RUTA_PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        refresh = frontend_cache.is_refresh(request)
        key = _key(request)
        watched = cache_tags.generations(WATCHED)
        cached = None if refresh else _cache().get(key)
        if cached is not None and _valid(cached, watched):
            response = cached["response"]
            response["X-Ruta-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if not _cacheable_response(response):
            return _tombstone(request) if refresh else response
        response = _in_memory(response)
        # A change during the render may be missing from it: neither cache keeps it (the
        # change's purge may already have refreshed the proxy before this answer reaches
        # it). A refresh started after the change committed: the proxy keeps it.
        unchanged = cache_tags.generations(WATCHED) == watched
        if is_public_api(request):
            # The API middleware sets its own headers; keep its ETag with the entry so that
            # a hit is not hashed again.
            response.setdefault("ETag", content_etag(response.content))
        else:
            patch_response_headers(response, cache_timeout=min(seconds, BROWSER_SECONDS))
            if frontend_cache.enabled():
                proxy = frontend_cache.proxy_may_keep(request)
                if refresh and not proxy:
                    return _tombstone(request)
                keep = proxy and (unchanged or refresh)
                patch_cache_control(response, s_maxage=frontend_cache.seconds() if keep else 0)
        response["X-Ruta-Cache"] = "miss"
        tags = _entry_tags(request)
        kept = {**watched, **cache_tags.generations(tags[-1:])}
        if unchanged:
            entry = {"generations": {tag: kept[tag] for tag in tags}, "response": response}
            _cache().set(key, entry, timeout=seconds)
        return response
