"""The content API's (Wagtail API v2, /api/v2/) part of the site's OpenAPI document."""

from django.conf import settings
from wagtail.models import get_page_models

from infra.api import content
from infra.api.content_schemas import page_schemas
from infra.api.openapi import NO_NUL, problem, query_parameter, response

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MAX_LIMIT = 20  # Wagtail's WAGTAILAPI_LIMIT_MAX default
# Fields every page has in an API listing, whatever its type (Wagtail's meta and base
# fields; "parent" is in the detail only).
PAGE_FIELDS = (
    "title",
    "type",
    "detail_url",
    "html_url",
    "slug",
    "show_in_menus",
    "seo_title",
    "search_description",
    "first_published_at",
    "alias_of",
    "locale",
)
ORDERS = ("id", "title", "slug", "first_published_at")
UNSEARCHABLE_ORDERS = ("title", "slug")  # not indexed for ordering search results


def optional(parameter):
    """A parameter whose empty value is the same as leaving it out."""
    return {**parameter, "allowEmptyValue": True}


def _fields_pattern(names):
    """'*', '_', or a comma-separated list of names, each optionally preceded by '-'."""
    name = "-?(?:" + "|".join(names) + ")"
    return rf"^(?:\*|_|{name}(?:,{name})*)$"


LANG = query_parameter(
    "lang",
    "Language of every translated field (default: es).",
    {"type": "string", "enum": LANGUAGES},
)
LIMIT = query_parameter(
    "limit",
    f"Items per page (at most {MAX_LIMIT}).",
    {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT},
)
OFFSET = query_parameter(
    "offset",
    f"Items to skip (at most {content.MAX_OFFSET}).",
    {"type": "integer", "minimum": 0, "maximum": content.MAX_OFFSET},
)
SEARCH = optional(
    query_parameter(
        "search",
        "Full-text search: its words (quotes and operators are not query syntax).",
        {"type": "string", "maxLength": content.MAX_SEARCH_LENGTH, "pattern": NO_NUL},
    )
)
SEARCH_OPERATOR = query_parameter(
    "search_operator",
    "How the search words combine: and (every word) or or (any word).",
    {"type": "string", "enum": list(content.SEARCH_OPERATORS)},
)

ERRORS = {
    "400": problem("Bad parameters (the detail says which)."),
    "404": problem("Not found."),
}
ITEM_META = {
    "type": "object",
    "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
    "required": ["type", "detail_url"],
}
DETAIL = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "meta": ITEM_META},
    "required": ["id", "meta"],
}
LISTING = {
    "type": "object",
    "properties": {
        "meta": {
            "type": "object",
            "properties": {"total_count": {"type": "integer", "minimum": 0}},
            "required": ["total_count"],
        },
        # fields=_ leaves each item empty: nothing is required of an item.
        "items": {
            "type": "array",
            "items": {"type": "object", "properties": DETAIL["properties"]},
        },
    },
    "required": ["meta", "items"],
}


def _page_types():
    return sorted(
        f"{model._meta.app_label}.{model.__name__}"
        for model in get_page_models()
        if model._meta.app_label != "wagtailcore"
    )


def _page_parameters():
    return [
        optional(query_parameter("type", "Page type.", {"type": "string", "enum": _page_types()})),
        query_parameter("child_of", "Id of the parent page.", {"type": "integer", "minimum": 1}),
        SEARCH,
        SEARCH_OPERATOR,
        optional(
            query_parameter(
                "fields",
                "Fields to include besides the defaults, comma-separated; '*' for all, '_' for "
                "none, '-name' to leave one out. With type=, that type's own API fields may be "
                "named too (the pattern lists the fields every page has).",
                {"type": "string", "pattern": _fields_pattern(PAGE_FIELDS)},
            )
        ),
        optional(
            query_parameter(
                "order",
                "Sort by this field ('-' first for descending). With search, only id and "
                "first_published_at (title and slug are a 400).",
                {"type": "string", "enum": [f"{d}{o}" for o in ORDERS for d in ("", "-")]},
            )
        ),
    ]


ENDPOINTS = (
    (
        "pages",
        "Published pages: protocol editions and sections with structured steps, "
        "training modules, directory pages",
    ),
    ("images", "Images used in public content"),
    ("documents", "Documents (forms, handouts) used in public content"),
)


def schema_name(page_type):
    return "ContentPage." + page_type


def _page_components():
    """One schema per page type: the detail's id and meta, and that type's API fields as
    their blocks and properties shape them (``infra.api.content_schemas``)."""
    return {
        schema_name(page_type): {
            "type": "object",
            "description": f"A {page_type} page as /api/v2/pages/{{id}}/ returns it.",
            "properties": {**DETAIL["properties"], "title": {"type": "string"}, **fields},
            "required": ["id", "meta", "title", *fields],
        }
        for page_type, fields in page_schemas().items()
    }


def openapi_part():
    """Paths, tags and page schemas of /api/v2/ (``RUTA_OPENAPI_PARTS``)."""
    components = _page_components()
    page_detail = {
        "anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in sorted(components)]
        + [DETAIL]
    }
    paths = {}
    for endpoint, summary in ENDPOINTS:
        extra = _page_parameters() if endpoint == "pages" else [SEARCH, SEARCH_OPERATOR]
        paths[f"/api/v2/{endpoint}/"] = {
            "get": {
                "operationId": f"list_{endpoint}",
                "summary": summary,
                "tags": ["content"],
                "parameters": [LANG, LIMIT, OFFSET, *extra],
                "responses": {"200": response("A page of results", LISTING), **ERRORS},
            }
        }
        paths[f"/api/v2/{endpoint}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{endpoint[:-1]}",
                "summary": f"One item of {endpoint}, with all its public fields",
                "tags": ["content"],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    LANG,
                ],
                "responses": {
                    "200": response(
                        "The item (a page: the schema of its type, named in meta.type)",
                        page_detail if endpoint == "pages" else DETAIL,
                    ),
                    **ERRORS,
                },
            }
        }
    return {
        "tags": [{"name": "content", "description": "Protocol, training and other pages"}],
        "paths": paths,
        "components": {"schemas": components},
    }
