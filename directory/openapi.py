"""Ruta's OpenAPI description of its HSDS API, served at /api/hsds/openapi.json.

Built the first time it is asked for from Open Referral's template
(``directory/hsds_schema/openapi.json``, CC BY-SA 4.0), not copied by hand: Ruta's title,
description, version and licence; as server, the host the request came to; only the GET
operations Ruta implements (its API is read-only); on each, exactly the parameters
``directory.api.PARAMETERS`` says the endpoint accepts, with Ruta's ``lang`` and without
``postcode`` / ``proximity``. The object schemas stay the template's references to the
official HSDS files.
"""

from copy import deepcopy
from functools import cache

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from directory import api, hsds, visibility

VERSION = "2.0.0"  # 2: lists give HSDS's list views; full=true gives the nested objects
REF = "#/components/parameters/"


def query_parameter(name, description, schema):
    """An optional query parameter (also used by the site-wide /api/openapi.json)."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


# Ruta's own parameters, and the template's ones whose description or schema Ruta narrows.
PARAMETERS = {
    "lang": query_parameter(
        "lang",
        "Language of the translated fields and of error messages. Without it, the "
        "Accept-Language header decides (else Spanish).",
        {"type": "string", "enum": list(api.LANGUAGES)},
    ),
    "page": query_parameter(
        "page",
        "Page number of paginated result, from 1.",
        {"type": "integer", "minimum": 1, "maximum": api.MAX_PAGE},
    ),
    "per_page": query_parameter(
        "per_page",
        f"Number of results in a page: 1 to {api.MAX_PER_PAGE}, {api.DEFAULT_PER_PAGE} by "
        f"default; with minimal=true, up to {api.MINIMAL_PER_PAGE} and "
        f"{api.MINIMAL_PER_PAGE} by default.",
        {"type": "integer", "minimum": 1, "maximum": api.MINIMAL_PER_PAGE},
    ),
    "format": query_parameter(
        "format",
        "`json` (default) or `ndjson`: the same page, one object per line.",
        {"type": "string", "enum": ["json", "ndjson"]},
    ),
    "modified_after": query_parameter(
        "modified_after",
        "Return all results modified on or after this date or date-time (ISO 8601).",
        {"type": "string", "format": "date-time"},
    ),
    "top_only": query_parameter(
        "top_only",
        "true: only the terms that have no parent term.",
        {"type": "boolean"},
    ),
    "parent_id": query_parameter(
        "parent_id",
        "Only the terms whose parent term has this id.",
        {"type": "string", "format": "uuid"},
    ),
}
# What a parameter means on one path, where the template's text does not say what Ruta does.
DESCRIPTIONS = {
    ("/services", "minimal"): (
        "true: just id, name, status and last_modified of each service (the list schema "
        f"requires name and status), {api.MINIMAL_PER_PAGE} a page by default: the whole "
        "directory in one call. Cannot be combined with full=true."
    ),
    ("/services", "full"): "true: fully nested services, as /services/{id}.",
    ("/organizations", "full"): (
        "true: fully nested organizations, with the one-to-one fields of their services."
    ),
    ("/organizations", "full_service"): (
        "true: fully nested organizations with fully nested services (implies full=true)."
    ),
    ("/organizations/{id}", "full_service"): (
        "true: its services fully nested; otherwise their one-to-one fields."
    ),
    ("/service_at_locations", "full"): (
        "true: fully nested service_at_locations (location with its address and phones, "
        "service with its details), as /service_at_locations/{id}."
    ),
}
OPERATIONS = {
    "/services": {
        "description": (
            "Paginated listing of services with their one-to-one fields and their "
            "organization (HSDS's service list view); full=true nests every related object, "
            "minimal=true lists what a copy needs to see what changed."
        ),
    },
    "/organizations": {
        "description": (
            "Paginated listing of organizations with their one-to-one fields (HSDS's "
            "organization list view); full and full_service nest them."
        ),
    },
    # The template swaps these two operationIds (fixed upstream in HSDS 3.1.3).
    "/taxonomy_terms": {"operationId": "getPaginatedListOfTaxonomyTerms"},
    "/taxonomy_terms/{id}": {"operationId": "getTaxonomyTermById"},
}
ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "What was wrong, in the request's language."},
        "status": {"type": "integer"},
    },
    "required": ["error", "status"],
}
INFO = {
    "title": "Ruta directory: HSDS 3 API",
    "summary": (
        "Shelters and service providers for victims of human trafficking in Ecuador, as Open "
        "Referral HSDS 3."
    ),
    "description": (
        "Read-only public API of the directory of Ruta, the platform of Ecuadorian "
        "institutions that assist victims of human trafficking. Confidential locations "
        "(shelters) appear only at canton and province level; staff-only data is never "
        "published. Lists give HSDS's list views (one-to-one fields); full=true nests every "
        "related object. Texts are in Spanish or English (lang, else Accept-Language). Bad "
        "parameters get a 400 with a JSON error in that language, unknown ids a 404. "
        "postcode and proximity are not supported: the directory has no postcodes.\n\n"
        "Ruta's code is BSD-3-Clause. This description is adapted from Open Referral's HSDS "
        "API reference and uses the HSDS schemas: Human Services Data Specification, an Open "
        "Referral resource (https://openreferral.org/), CC BY-SA 4.0; the adapted description "
        "is shared under the same licence."
    ),
    "version": VERSION,
    "license": {"name": "BSD-3-Clause", "identifier": "BSD-3-Clause"},
}


def _name(parameter, components):
    if "$ref" in parameter:
        return components[parameter["$ref"].removeprefix(REF)]["name"]
    return parameter["name"]


def _operation(template, path, components):
    operation = deepcopy(template["get"])
    named = [(_name(p, components), p) for p in operation.get("parameters", [])]
    listed = []
    for name, parameter in named:
        if name in api.PARAMETERS[path]:
            reference = {"$ref": REF + name}
            # A per-path text: Ruta's, else the template's beside its reference.
            description = DESCRIPTIONS.get((path, name)) or (
                "$ref" in parameter and parameter.get("description")
            )
            if description:
                reference["description"] = description
            listed.append(reference)
    in_template = {name for name, _parameter in named}
    listed += [{"$ref": REF + name} for name in sorted(api.PARAMETERS[path] - in_template)]
    operation["parameters"] = listed
    operation.update(OPERATIONS.get(path, {}))
    responses = operation["responses"]
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    responses["400"] = {
        "description": "A parameter is not supported or malformed.",
        "content": error,
    }
    if path.endswith("{id}"):
        responses["404"] = {"description": "No record has this id.", "content": error}
    elif path != "/":
        responses["200"]["content"]["application/x-ndjson"] = {
            "schema": {"type": "string", "description": "format=ndjson: one object a line."}
        }
    return operation


@cache
def document():
    """The description without its ``servers`` (those depend on the request)."""
    template = hsds.openapi()
    components = deepcopy(template["components"])
    parameters = components["parameters"]
    for item in template["paths"].values():
        for parameter in item["get"].get("parameters", []):
            if "$ref" not in parameter:  # defined inline in the template: a component here
                parameters.setdefault(parameter["name"], deepcopy(parameter))
    paths = {}
    for path in api.PARAMETERS:
        item = {key: deepcopy(value) for key, value in template["paths"][path].items()}
        item.pop("post", None)  # read-only API: GET only
        item["get"] = _operation(template["paths"][path], path, parameters)
        paths[path] = item
    # The template names the service schema for one service_at_location (upstream mistake).
    detail = paths["/service_at_locations/{id}"]["get"]["responses"]["200"]
    detail["content"]["application/json"]["schema"]["$ref"] = (
        hsds.REMOTE_PREFIX + "compiled/service_at_location.json"
    )
    for key in api.WITHOUT_POSTCODES:
        parameters.pop(key, None)
    parameters.update(deepcopy(PARAMETERS))
    components["schemas"]["Error"] = ERROR
    return {
        "openapi": template["openapi"],
        "info": INFO,
        "jsonSchemaDialect": template["jsonSchemaDialect"],
        "externalDocs": {
            "description": "Human Services Data Specification (HSDS) 3",
            "url": visibility.HSDS_PROFILE,
        },
        "paths": paths,
        "components": components,
    }


def served_document(request):
    base = request.build_absolute_uri(reverse("hsds-root")).rstrip("/")
    return {**document(), "servers": [{"url": base, "description": "This Ruta installation"}]}


def parameters(path):
    """The parameters of an HSDS ``path`` in Ruta's description, resolved: for a document
    without the HSDS components (the site-wide /api/openapi.json)."""
    described = document()
    components = described["components"]["parameters"]
    resolved = []
    for reference in described["paths"][path]["get"]["parameters"]:
        parameter = deepcopy(components[reference["$ref"].removeprefix(REF)])
        if "description" in reference:
            parameter["description"] = reference["description"]
        resolved.append(parameter)
    return resolved


@require_GET
def openapi_document(request):
    return JsonResponse(served_document(request), json_dumps_params={"ensure_ascii": False})
