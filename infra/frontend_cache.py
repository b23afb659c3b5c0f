"""The front proxy's cache (nginx): which pages it may keep, and how they are refreshed.

nginx keeps anonymous public pages that carry ``s-maxage``. Only the URLs that a publish
refreshes get it: a page's own URL and its ``get_cached_paths()`` in each language, without
a query string. Everything else (searches, filtered listings, the directory's organisation
pages, PDFs, APIs) gets ``s-maxage=0`` and stays in the application's own cache, which is
invalidated by tag (``infra.page_cache``).

Stock nginx cannot delete an entry, so a purge is a *refresh*: the backend asks nginx for
the URL with the refresh key (``X-Ruta-Refresh``), nginx bypasses its cache
(``proxy_cache_bypass``) and stores what the application answers. A page that may no
longer be kept (unpublished, restricted) answers a tombstone stored as already expired
(``X-Accel-Expires: @1``). Purges run as Wagtail frontend-cache tasks, after the commit,
and once more a few seconds later (a reader's render that started before the commit may
have stored the old page in between). See docs/deployment.md, "The front proxy".
"""

import hmac
import logging
import time
from datetime import timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks import default_task_backend, task
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page

logger = logging.getLogger(__name__)

REFRESH_HEADER = "X-Ruta-Refresh"
TOMBSTONE_HEADER = "X-Ruta-Tombstone"
SECOND_PASS_SECONDS = 5
EVERYTHING_PENDING_KEY = "ruta-frontend-cache-everything-pending"
# Before every other task (mail, PDFs, indexing): readers must not wait behind a backlog
# for a publish to show (the soak's first runs lost their purge behind referral mail).
PURGE_PRIORITY = 100


class PurgeFailed(Exception):
    """nginx did not confirm a refresh (the application or nginx is down): the task fails
    and says which URL."""


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None)) and seconds() > 0


def seconds():
    return getattr(settings, "RUTA_FRONTEND_CACHE_SECONDS", 0)


def is_refresh(request):
    """A refresh asked by our own purge (the shared key), never a reader's request."""
    key = getattr(settings, "RUTA_FRONTEND_CACHE_KEY", "")
    sent = request.headers.get(REFRESH_HEADER, "")
    return bool(key) and hmac.compare_digest(sent.encode(), key.encode())


def mark_tombstone(response):
    response[TOMBSTONE_HEADER] = "1"
    response["X-Accel-Expires"] = "@1"  # stored, and expired since 1970
    response["Cache-Control"] = "no-cache, s-maxage=1"


def page_paths(page):
    """The paths of ``page`` that a publish refreshes, in every language."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = page.get_url()
            if url:
                paths.update(url + path.lstrip("/") for path in page.get_cached_paths())
    return paths


def proxy_may_keep(request):
    """May the front proxy keep this answer? Only the exact URLs a publish refreshes."""
    page = getattr(request, "ruta_page", None)
    return (
        page is not None
        and not request.META.get("QUERY_STRING")
        and (request.path in page_paths(page))
    )


def page_urls(pages):
    """Full URLs (host included) of ``pages`` in every language."""
    urls = set()
    for page in pages:
        site_root = page.get_site()
        if site_root is None:
            continue
        root = site_root.root_url
        urls.update(root + path for path in page_paths(page))
    return urls


def _enqueue(urls):
    urls = sorted(urls)
    if not urls:
        return
    purge = purge_urls_from_cache_task.using(priority=PURGE_PRIORITY)
    purge.enqueue(urls)
    if default_task_backend.supports_defer:
        later = timezone.now() + timedelta(seconds=SECOND_PASS_SECONDS)
        purge.using(run_after=later).enqueue(urls)


def purge_pages(pages):
    """Refresh these pages' URLs in the front cache (call it on commit)."""
    if enabled():
        _enqueue(page_urls(pages))


@task()
def purge_everything_task():
    cache.delete(EVERYTHING_PENDING_KEY)  # a change from now on asks for another pass
    _enqueue(page_urls(Page.objects.live().specific().iterator()))


def purge_everything():
    """Refresh every page the front cache may keep; one pass at a time is pending (without
    the shared cache, every change asks for its own)."""
    if not enabled():
        return
    if (
        cache.add(EVERYTHING_PENDING_KEY, 1, timeout=300)
        or cache.get(EVERYTHING_PENDING_KEY) is None
    ):
        purge_everything_task.using(priority=PURGE_PRIORITY).enqueue()


class NginxRefreshBackend(BaseBackend):
    """Wagtail frontend-cache backend for stock nginx: refreshes a URL through nginx with
    the refresh key. ``LOCATION`` is where nginx listens, ``KEY`` the shared key."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.key = params["KEY"]
        self.attempts = int(params.get("ATTEMPTS", 5))
        self.timeout = float(params.get("TIMEOUT", 10))

    def _refresh(self, url):
        parts = urlsplit(url)
        request = Request(  # noqa: S310 (the configured nginx, http or https)
            urlunsplit((self.scheme, self.netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, REFRESH_HEADER: self.key},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310
                return response.status
        except HTTPError as error:
            return error.code if error.headers.get(TOMBSTONE_HEADER) == "1" else -error.code
        except (URLError, OSError):
            return None

    def purge(self, url):
        for attempt in range(self.attempts):
            status = self._refresh(url)
            if status in (200, 503):  # a new page, or a tombstone
                return
            time.sleep(0.5 * (attempt + 1))
        raise PurgeFailed(f"nginx did not refresh {url} (last answer: {status})")
