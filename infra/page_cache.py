"""A small shared cache of public HTML pages for anonymous readers, and of public API
responses (which never depend on who asks).

Officials on slow phones mostly read the same published pages. Responses are cached when
the request is an anonymous GET (no session cookie) under /es/ or /en/ and the response is a
plain 200 HTML page that sets no cookie and is not marked private or no-store. Public PDF
downloads (a built handbook or handout, served as a file) are kept too when they are small
(``RUTA_PAGE_CACHE_MAX_BYTES``): otherwise every download costs a full Wagtail route (site,
page path, view restrictions, built-document lookup: ~30 ms of CPU), which held the handbook
at ~20 req/s under load. Any publish, unpublish, directory change or PDF rebuild bumps a
version number, which empties the cache at once for every worker (the cache backend is
shared: see CACHES in settings).

Entries are keyed by host and path and, for the public APIs, by the language negotiated
from Accept-Language: pages carry their language in the path, but an API answers in
``?lang=`` or else in the reader's Accept-Language, and the HSDS description names the host
it was asked on.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_response_headers

from infra.http import content_etag, is_public_api

VERSION_KEY = "ruta-page-cache-version"
CACHEABLE_TYPES = ("text/html", "application/json", "application/x-ndjson")
CACHEABLE_FILE_TYPES = ("application/pdf",)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def _cache():
    return caches[getattr(settings, "RUTA_PAGE_CACHE_ALIAS", "default")]


def _fresh_version():
    """A version never used before, for when the key is missing (first start, or culled by
    the cache: restarting from 1 could serve pages cached under an old 1)."""
    return time.time_ns() // 1000


def current_version():
    version = _cache().get(VERSION_KEY)
    if version is None:
        _cache().add(VERSION_KEY, _fresh_version(), timeout=None)
        version = _cache().get(VERSION_KEY) or _fresh_version()
    return version


def invalidate(**kwargs):
    """Signal receiver: drop every cached page (by moving to a new version)."""
    try:
        _cache().incr(VERSION_KEY)
    except ValueError:
        _cache().set(VERSION_KEY, _fresh_version(), timeout=None)


def _key(request):
    language = translation.get_language_from_request(request) if is_public_api(request) else ""
    return (
        f"ruta-page:{current_version()}:{request.get_host()}:{language}:{request.get_full_path()}"
    )


# (cookie, GET parameter): a reader's choice kept in a cookie that pages render from when
# the URL does not carry it (the protocol's province): such requests skip the cache.
_CHOICE_COOKIES = set()


def skip_for_cookie(cookie, parameter):
    """Register a choice cookie (from an app's ``ready()``)."""
    _CHOICE_COOKIES.add((cookie, parameter))


def _renders_from_cookie(request):
    return any(c in request.COOKIES and p not in request.GET for c, p in _CHOICE_COOKIES)


def _cacheable_request(request):
    if request.method in ("GET", "HEAD") and is_public_api(request):
        return True  # the public APIs answer the same to everyone, signed in or not
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(tuple(f"/{code}/" for code, _n in settings.LANGUAGES))
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


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "RUTA_PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = _cache().get(key)
        if cached is not None:
            cached["X-Ruta-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            response = _in_memory(response)
            if is_public_api(request):
                # The API middleware sets its own headers; keep its ETag with the entry so
                # that a hit is not hashed again.
                response.setdefault("ETag", content_etag(response.content))
            else:
                patch_response_headers(response, cache_timeout=min(seconds, 60))
            response["X-Ruta-Cache"] = "miss"
            _cache().set(key, response, timeout=seconds)
        return response


CACHE_INVALIDATING_APPS = {
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "website",
    "infra",
    "directory",
    "protocol_pages",
    "training",
}


def invalidate_now_and_on_commit():
    """Empty the cache now, and again when the change is committed: a page rendered by
    another worker in between (still reading the old data) must not stay cached."""
    invalidate()
    transaction.on_commit(invalidate)


def invalidate_on_content_change(sender, **kwargs):
    if sender._meta.app_label in CACHE_INVALIDATING_APPS:
        invalidate_now_and_on_commit()
