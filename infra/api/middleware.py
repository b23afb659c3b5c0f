"""Public API behaviour in one place: read-only methods, conditional GET, rate limiting.

Applies to the public APIs only (``RUTA_PUBLIC_API_PREFIXES``). CORS headers come from
django-cors-headers (``CORS_URLS_REGEX``: the same prefixes), so the referral section and
the admin never get them.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _

from infra.api.errors import problem
from infra.cache import CacheUnavailable
from infra.http import client_ip, content_etag, is_public_api

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
ALLOWED = "GET, HEAD, OPTIONS"


def rate_limited(request):
    """A 429 once this client has made its ``RUTA_API_RATE_LIMIT`` requests in the current
    window (an atomic counter in the shared cache), else None. An unreachable shared cache
    (a Redis restart) lets the request through: the limit protects, it must not cut."""
    limit, window = getattr(settings, "RUTA_API_RATE_LIMIT", (300, 60))
    if not limit:
        return None
    now = int(time.time())
    bucket = now // window
    key = f"ruta-api-rate:{client_ip(request)}:{bucket}"
    try:
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=window + 1)
            count = 1
    except CacheUnavailable:
        return None
    if count <= limit:
        return None
    retry_after = max(1, (bucket + 1) * window - now)
    return problem(
        429,
        _("Too many requests. Please wait %(seconds)s seconds.") % {"seconds": retry_after},
        headers={"Retry-After": str(retry_after)},
    )


class PublicAPIMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_api(request):
            return self.get_response(request)

        limited = rate_limited(request)
        if limited is not None:
            return limited
        if request.method == "OPTIONS":
            return HttpResponse(status=204, headers={"Allow": ALLOWED})
        if request.method not in SAFE_METHODS:
            return problem(405, _("This API is read-only."), headers={"Allow": ALLOWED})

        response = self.get_response(request)
        # Without ?lang= the answer follows Accept-Language: shared caches must keep both.
        patch_vary_headers(response, ("Accept-Language",))
        if response.status_code == 200 and not response.streaming:
            if not response.has_header("ETag"):
                response["ETag"] = content_etag(response.content)
            response.setdefault(
                "Cache-Control", f"public, max-age={getattr(settings, 'RUTA_API_MAX_AGE', 60)}"
            )
            response = get_conditional_response(
                request, etag=response["ETag"], last_modified=None, response=response
            )
        return response
