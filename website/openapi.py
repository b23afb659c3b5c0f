"""One OpenAPI 3.1 description for Ruta's public APIs: the content API (/api/v2/) and the
HSDS directory API (/api/hsds/). Served at /api/openapi.json and rendered for people at
/es/api/ and /en/api/.

The HSDS part reuses the official Open Referral object schemas (CC BY-SA 4.0) shipped in
``directory/hsds_schema/``; their relative ``$ref``s become ``#/components/schemas/...``.
"""

import json
from copy import deepcopy
from functools import cache
from pathlib import Path

from django.conf import settings

# The HSDS parameters come from the HSDS API's own description, which lists exactly what each
# endpoint accepts (directory.api.PARAMETERS).
from directory.openapi import parameters, query_parameter

HSDS_SCHEMA_DIR = Path(settings.BASE_DIR) / "directory" / "hsds_schema"
LANGUAGES = [code for code, _name in settings.LANGUAGES]

MESSAGE = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}


def _response(description, schema=None, headers=None):
    response = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    if headers:
        response["headers"] = headers
    return response


ERRORS = {
    "400": _response(
        "Bad parameters (the message says which)", {"$ref": "#/components/schemas/Error"}
    ),
    "404": _response("Not found", {"$ref": "#/components/schemas/Error"}),
    "429": _response(
        "Too many requests from this client",
        {"$ref": "#/components/schemas/Error"},
        headers={"Retry-After": {"schema": {"type": "integer"}}},
    ),
}


LANG = query_parameter(
    "lang",
    "Language of every translated field (default: es).",
    {"type": "string", "enum": LANGUAGES},
)
LIMIT = query_parameter("limit", "Items per page (at most 20).", {"type": "integer", "minimum": 1})
OFFSET = query_parameter(
    "offset",
    "Items to skip (at most 1000000).",
    {"type": "integer", "minimum": 0, "maximum": 1_000_000},
)


def _v2_paths():
    item_meta = {
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "detail_url": {"type": "string"},
        },
        "required": ["type", "detail_url"],
    }
    listing = {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
                "required": ["total_count"],
            },
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "meta": item_meta},
                    "required": ["id", "meta"],
                },
            },
        },
        "required": ["meta", "items"],
    }
    detail = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "meta": item_meta},
        "required": ["id", "meta"],
    }
    paths = {}
    for endpoint, summary, extra in (
        (
            "pages",
            "Published pages: protocol editions and sections with structured steps, "
            "training modules, directory pages",
            [
                query_parameter(
                    "type", "Page type, e.g. protocol_pages.ProtocolEditionPage", {"type": "string"}
                ),
                query_parameter("child_of", "Id of the parent page", {"type": "integer"}),
                query_parameter("search", "Full-text search", {"type": "string"}),
                query_parameter(
                    "fields",
                    "Extra fields to include, comma-separated ('*' for all)",
                    {"type": "string"},
                ),
            ],
        ),
        ("images", "Images used in public content", []),
        ("documents", "Documents (forms, handouts) used in public content", []),
    ):
        paths[f"/api/v2/{endpoint}/"] = {
            "get": {
                "operationId": f"list_{endpoint}",
                "summary": summary,
                "tags": ["content"],
                "parameters": [LANG, LIMIT, OFFSET, *extra],
                "responses": {"200": _response("A page of results", listing), **ERRORS},
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
                "responses": {"200": _response("The item", detail), **ERRORS},
            }
        }
    return paths


@cache
def _hsds_schemas():
    """The HSDS object schemas as components, with their $refs pointing inside the document."""
    if not HSDS_SCHEMA_DIR.exists():
        return {}
    schemas = {}
    for path in sorted(HSDS_SCHEMA_DIR.glob("*.json")):
        if path.name in {"openapi.json", "datapackage.json"}:
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("type") != "object":
            continue
        schemas[path.stem] = document
    names = set(schemas)

    def rewrite(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.endswith(".json") and ref[:-5] in names:
                node = {**node, "$ref": f"#/components/schemas/{ref[:-5]}"}
            return {key: rewrite(value) for key, value in node.items()}
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    cleaned = {}
    for name, document in schemas.items():
        document = rewrite(deepcopy(document))
        for key in ("$id", "$schema", "name", "path", "datapackage_metadata", "tabular_required"):
            document.pop(key, None)
        cleaned[name] = document
    return cleaned


HSDS_ERROR = {"$ref": "#/components/schemas/HSDSError"}
HSDS_ERRORS = {
    "400": _response("Bad parameters (the error says which)", HSDS_ERROR),
    "404": _response("No record with this id", HSDS_ERROR),
    "429": ERRORS["429"],
}
HSDS_RESOURCES = [
    ("services", "service"),
    ("organizations", "organization"),
    ("service_at_locations", "service_at_location"),
    ("taxonomies", "taxonomy"),
    ("taxonomy_terms", "taxonomy_term"),
]


def _hsds_paths(schemas):
    paths = {
        "/api/hsds/": {
            "get": {
                "operationId": "hsds_root",
                "summary": "HSDS API version and profile",
                "tags": ["directory (HSDS 3)"],
                "parameters": parameters("/"),
                "responses": {
                    "200": _response(
                        "API metadata",
                        {
                            "type": "object",
                            "properties": {
                                "version": {"type": "string"},
                                "profile": {"type": "string"},
                                "openapi_url": {"type": "string"},
                            },
                            "required": ["version"],
                        },
                    ),
                    "400": HSDS_ERRORS["400"],  # ?lang= other than es / en
                    "429": HSDS_ERRORS["429"],
                },
            }
        }
    }
    page_schema = {"$ref": "#/components/schemas/Page"}
    for resource, schema_name in HSDS_RESOURCES:
        item = (
            {"$ref": f"#/components/schemas/{schema_name}"}
            if schema_name in schemas
            else {"type": "object"}
        )
        listing = {
            "allOf": [page_schema],
            "type": "object",
            "properties": {"contents": {"type": "array", "items": item}},
            "required": ["contents"],
        }
        paths[f"/api/hsds/{resource}"] = {
            "get": {
                "operationId": f"hsds_list_{resource}",
                "summary": (
                    f"Paginated list of {resource.replace('_', ' ')}: HSDS's list view "
                    "(one-to-one fields), fully nested with full=true where HSDS has it"
                ),
                "tags": ["directory (HSDS 3)"],
                "parameters": parameters(f"/{resource}"),
                "responses": {
                    "200": {
                        "description": "A page of results (or NDJSON with format=ndjson)",
                        "content": {
                            "application/json": {"schema": listing},
                            "application/x-ndjson": {"schema": {"type": "string"}},
                        },
                    },
                    "400": HSDS_ERRORS["400"],
                    "429": HSDS_ERRORS["429"],
                },
            }
        }
        paths[f"/api/hsds/{resource}/{{id}}"] = {
            "get": {
                "operationId": f"hsds_get_{schema_name}",
                "summary": f"One {schema_name.replace('_', ' ')}, fully nested",
                "tags": ["directory (HSDS 3)"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    *parameters(f"/{resource}/{{id}}"),
                ],
                "responses": {"200": _response("The record", item), **HSDS_ERRORS},
            }
        }
    return paths


def build_openapi():
    schemas = _hsds_schemas()
    page = {
        "type": "object",
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
        },
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
        ],
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Ruta public APIs",
            "version": "1.0.0",
            "description": (
                "Read-only JSON APIs of Ruta: published protocol and training content "
                "(Wagtail API v2, in Spanish or English with ?lang=) and the directory of "
                "shelters and service providers as Open Referral HSDS 3. Confidential "
                "locations appear only at canton and province level; staff-only data is "
                "never published. CORS is open for GET; clients are rate limited per IP "
                "(429 with Retry-After). Directory schemas: Human Services Data "
                "Specification, an Open Referral resource (https://openreferral.org/), "
                "CC BY-SA 4.0."
            ),
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "content", "description": "Protocol, training and other pages"},
            {"name": "directory (HSDS 3)", "description": "Open Referral HSDS 3.x"},
        ],
        "paths": {**_v2_paths(), **_hsds_paths(schemas)},
        "components": {
            "schemas": {
                "Error": MESSAGE,
                "HSDSError": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                    "required": ["error", "status"],
                },
                "Page": page,
                **schemas,
            }
        },
    }
