"""The one rule for what the service worker may keep: the server marks it, the worker obeys."""

from django.conf import settings

# The service worker stores a response only when it carries this header with this value.
OFFLINE_HEADER = "X-Ruta-Offline"
OFFLINE_PUBLIC = "public"
REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")


def signed_in(request):
    """Any sign of a session or credentials counts: a signed-in request is never kept."""
    user = getattr(request, "user", None)
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or bool(request.META.get("HTTP_AUTHORIZATION"))
        or (user is not None and user.is_authenticated)
    )


def may_keep_offline(request, response):
    """A public page read anonymously: a 200 GET under a language prefix, HTML, no cookie
    set, and not marked private, no-store or no-cache."""
    cache_control = response.get("Cache-Control", "")
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(tuple(f"/{code}/" for code, _name in settings.LANGUAGES))
        and not signed_in(request)
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not any(word in cache_control for word in REFUSED_CACHE_CONTROL)
    )
