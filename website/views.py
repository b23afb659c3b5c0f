from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from website.openapi import build_openapi


def page_not_found(request, exception=None):
    """404 in the visitor's language, with the full site shell (JSON under the APIs)."""
    if request.path.startswith(tuple(settings.RUTA_PUBLIC_API_PREFIXES)):
        return JsonResponse({"message": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    """500 without context processors that might touch the database again."""
    return render(request, "500.html", status=500, using=None)


def openapi_json(request):
    return JsonResponse(build_openapi(), json_dumps_params={"ensure_ascii": False})


def api_docs(request):
    """The human-readable API page, generated from the same OpenAPI description."""
    document = build_openapi()
    operations = [
        {
            "path": path,
            "summary": operation.get("summary", ""),
            "tag": (operation.get("tags") or [""])[0],
            "parameters": [
                parameter for parameter in operation.get("parameters", []) if "name" in parameter
            ],
        }
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]
    return render(request, "website/api_docs.html", {"operations": operations})
