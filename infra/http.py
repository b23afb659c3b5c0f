"""Small facts about a request or response that several layers need."""

import hashlib

from django.conf import settings


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


def is_public_api(request):
    """Under one of the public API prefixes (``RUTA_PUBLIC_API_PREFIXES``)."""
    return request.path.startswith(tuple(getattr(settings, "RUTA_PUBLIC_API_PREFIXES", ())))
