"""The site's OpenAPI document, for machines and for people."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from infra.api.openapi import build_openapi, resolved_parameters


@require_GET
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
                parameter
                for parameter in resolved_parameters(document, operation)
                if parameter.get("in") == "query"
            ],
        }
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if method == "get"
    ]
    return render(request, "infra/api_docs.html", {"operations": operations})
