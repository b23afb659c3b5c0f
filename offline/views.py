"""The service worker (from the site root, so that its scope is the whole site), the web
app manifest, the offline fallback page and the list of addresses to save."""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory.models import PROVINCE_CHOICES
from offline.selectors import offline_pack

# Precached when the service worker installs: what the fallback page needs.
PRECACHED_ASSETS = (
    "website/css/ruta.css",
    "website/js/quick-exit.js",
    "offline/offline.js",
    "website/favicon.svg",
)
# How long the worker waits for a page before it shows a saved copy instead (docs/offline.md).
NETWORK_TIMEOUT_SECONDS = 4


def _worker_config():
    fallbacks = {}
    for code in ("es", "en"):
        with translation.override(code):
            fallbacks[code] = reverse("offline-fallback")
    assets = [static(name) for name in PRECACHED_ASSETS]
    config = {
        "fallbacks": fallbacks,
        "precache": [*fallbacks.values(), *assets],
        "static": settings.STATIC_URL,
        "networkTimeout": NETWORK_TIMEOUT_SECONDS * 1000,
    }
    # A new list of assets (a deploy) is a new worker, which drops the old caches.
    config["version"] = hashlib.sha256(json.dumps(config).encode()).hexdigest()[:12]
    return config


@require_safe
def service_worker(request):
    body = render_to_string("offline/sw.js", {"config": json.dumps(_worker_config())})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # browsers look for a new worker at each visit
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def web_manifest(request):
    manifest = {
        "name": "Ruta",
        "short_name": "Ruta",
        "description": _("Assistance route for victims of human trafficking in Ecuador"),
        "lang": translation.get_language() or "es",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d3c6e",
        "icons": [{"src": static("website/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def fallback(request):
    return render(request, "offline/fallback.html", {})


@require_safe
def pack(request):
    """The addresses "save for offline" stores, for ``?province=`` (optional) and
    ``?edition=`` (optional: the edition in force of that edition's protocol)."""
    province = request.GET.get("province", "").strip()
    edition = request.GET.get("edition", "").strip()
    if province and province not in dict(PROVINCE_CHOICES):
        return JsonResponse({"error": _("Choose a province from the list.")}, status=400)
    if edition and not edition.isdigit():
        return JsonResponse({"error": _("The edition must be a number.")}, status=400)
    data = offline_pack(translation.get_language() or "es", province, edition or None)
    if data is None:
        return JsonResponse({"error": _("No edition of the protocol is in force.")}, status=404)
    return JsonResponse(data)
