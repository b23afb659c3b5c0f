"""Public API behaviour in one place: CORS for reads, conditional GET, rate limiting.

Applies to the public APIs only (``RUTA_PUBLIC_API_PREFIXES``); the referral section and the
admin never get CORS headers.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def client_ip(request):
    """The client address, trusting as many X-Forwarded-For hops as there are proxies."""
    proxies = getattr(settings, "RUTA_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def content_etag(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


class PublicAPIMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefixes = tuple(getattr(settings, "RUTA_PUBLIC_API_PREFIXES", ()))
        if not request.path.startswith(prefixes):
            return self.get_response(request)

        limited = self._rate_limited(request)
        if limited is not None:
            return self._cors(limited)
        if request.method == "OPTIONS":
            return self._cors(HttpResponse(status=204))
        if request.method not in SAFE_METHODS:
            response = JsonResponse(
                {"message": _("This API is read-only.")}, status=405, headers={"Allow": "GET"}
            )
            return self._cors(response)

        response = self.get_response(request)
        # Without ?lang= the answer follows Accept-Language: shared caches must keep both.
        patch_vary_headers(response, ("Accept-Language",))
        if response.status_code == 200 and not response.streaming:
            if not response.has_header("ETag"):
                response["ETag"] = content_etag(response.content)
            response.setdefault(
                "Cache-Control", f"public, max-age={getattr(settings, 'RUTA_API_MAX_AGE', 60)}"
            )
            conditional = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=None,
                response=response,
            )
            response = conditional
        return self._cors(response)

    @staticmethod
    def _cors(response):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        response["Access-Control-Max-Age"] = "86400"
        return response

    @staticmethod
    def _rate_limited(request):
        limit, window = getattr(settings, "RUTA_API_RATE_LIMIT", (300, 60))
        if not limit:
            return None
        now = int(time.time())
        bucket = now // window
        key = f"ruta-api-rate:{client_ip(request)}:{bucket}"
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 1)
            count = 1
        if count <= limit:
            return None
        retry_after = max(1, (bucket + 1) * window - now)
        return JsonResponse(
            {
                "message": _("Too many requests. Please wait %(seconds)s seconds.")
                % {"seconds": retry_after}
            },
            status=429,
            headers={"Retry-After": str(retry_after)},
        )


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from an API or the admin is not
    redirected to a language-prefixed URL (the site's catch-all page route would make every
    such 404 a 302 to a page that cannot exist: a hidden referral must be a plain 404)."""

    def process_response(self, request, response):
        prefixes = (
            *getattr(settings, "RUTA_PUBLIC_API_PREFIXES", ()),
            reverse("wagtailadmin_home"),
        )
        if request.path.startswith(prefixes):
            return response
        return super().process_response(request, response)


class RejectNullCharactersMiddleware:
    """A NUL character in a query parameter can never be valid input, and PostgreSQL refuses
    it in any text comparison: answer 400 before it reaches a query (found by fuzzing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            message = _("The address contains a character that is not allowed.")
            if request.path.startswith(tuple(getattr(settings, "RUTA_PUBLIC_API_PREFIXES", ()))):
                return JsonResponse(
                    {"message": message, "error": message, "status": 400}, status=400
                )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
