"""The one JSON shape of every public API error: RFC 9457 problem details.

``{"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "…"}`` with
``Content-Type: application/problem+json``; ``detail`` is in the request's language (``lang``,
else Accept-Language). The OpenAPI document describes it once (``components.schemas.Problem``).
"""

from http import HTTPStatus

from django.http import JsonResponse

MEDIA_TYPE = "application/problem+json"
SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "Always about:blank: the status says it all."},
        "title": {"type": "string", "description": "The HTTP status phrase."},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string", "description": "What was wrong, in the request's language."},
    },
    "required": ["type", "title", "status", "detail"],
    "additionalProperties": False,
}


def problem_data(status, detail):
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": str(detail),
    }


def problem(status, detail, headers=None):
    """A JsonResponse in the error shape."""
    return JsonResponse(
        problem_data(status, detail),
        status=status,
        content_type=MEDIA_TYPE,
        headers=headers,
        json_dumps_params={"ensure_ascii": False},
    )
