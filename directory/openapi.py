"""The HSDS API's part of the site's one OpenAPI document (``RUTA_OPENAPI_PARTS``), and
the HSDS-only view of that document served at /api/hsds/openapi.json.

Built from Open Referral's template (``directory/hsds_schema/openapi.json``, CC BY-SA 4.0),
not copied by hand: only the GET operations Ruta implements (its API is read-only); on
each, exactly the parameters ``directory.api.PARAMETERS`` says the endpoint accepts, with
Ruta's ``lang`` and without ``postcode`` / ``proximity``; every error in the site's problem
shape. The template's remote ``$ref``s point at the vendored HSDS schemas, which become
components of the document (so it is complete offline).
"""

import json
from copy import deepcopy
from functools import cache

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from directory import api, filters, hsds, serializers
from infra.api.openapi import NO_NUL, part_document, problem, query_parameter

PREFIX = "/api/hsds"
TAG = "directory (HSDS 3)"
VERSION = "2.0.0"  # 2: lists give HSDS's list views; full=true gives the nested objects
REF = "#/components/parameters/"
# The records' ids are UUIDs, and so is every parameter naming one.
UUID_PARAMETERS = ("organization_id", "taxonomy_id", "taxonomy_term_id", "parent_id")


# Ruta's own parameters, and the template's ones whose description or schema Ruta narrows.
PARAMETERS = {
    "lang": query_parameter(
        "lang",
        "Language of the translated fields and of error messages. Without it, the "
        "Accept-Language header decides (else Spanish).",
        {"type": "string", "enum": list(filters.LANGUAGES)},
    ),
    "page": query_parameter(
        "page",
        "Page number of paginated result, from 1.",
        {"type": "integer", "minimum": 1, "maximum": filters.MAX_PAGE},
    ),
    "per_page": query_parameter(
        "per_page",
        f"Number of results in a page: 1 to {filters.MAX_PER_PAGE}, {filters.DEFAULT_PER_PAGE} by "
        f"default; with minimal=true, up to {filters.MINIMAL_PER_PAGE} and "
        f"{filters.MINIMAL_PER_PAGE} by default.",
        {"type": "integer", "minimum": 1, "maximum": filters.MINIMAL_PER_PAGE},
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
        f"requires name and status), {filters.MINIMAL_PER_PAGE} a page by default: the whole "
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
    operation["tags"] = [TAG]
    operation.update(OPERATIONS.get(path, {}))
    responses = operation["responses"]
    responses["400"] = problem("A parameter is not supported or malformed.")
    if path.endswith("{id}"):
        responses["404"] = problem("No record has this id.")
    elif path != "/":
        responses["200"]["content"]["application/x-ndjson"] = {
            "schema": {"type": "string", "description": "format=ndjson: one object a line."}
        }
    return operation


def _component_name(ref):
    """The component a template or schema ``$ref`` names: the vendored compiled list
    views keep their names, other compiled views are the modular object schemas."""
    name = ref.removeprefix(hsds.REMOTE_PREFIX).removeprefix("compiled/").removesuffix(".json")
    return name


def local_refs(node):
    """``node`` with every reference to an HSDS schema file pointing into the document."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".json"):
            node = {**node, "$ref": f"#/components/schemas/{_component_name(ref)}"}
        return {key: local_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [local_refs(item) for item in node]
    return node


@cache
def hsds_schemas():
    """The vendored HSDS object schemas and compiled list views, as components."""
    schemas = {}
    files = [*hsds.SCHEMA_DIR.glob("*.json"), *hsds.COMPILED_DIR.glob("*_list.json")]
    for path in sorted(files):
        document = json.loads(path.read_text(encoding="utf-8"))
        if path.name == hsds.OPENAPI or document.get("type") != "object":
            continue
        for key in ("$id", "$schema", "name", "path", "datapackage_metadata", "tabular_required"):
            document.pop(key, None)
        schemas[path.stem] = local_refs(document)
    return schemas


def _path_item(template, path, components):
    item = {key: deepcopy(value) for key, value in template["paths"][path].items()}
    item.pop("post", None)  # read-only API: GET only
    for parameter in item.get("parameters", []):
        if parameter.get("in") == "path":  # the records' ids are UUIDs
            parameter["schema"] = {"type": "string", "format": "uuid"}
    item["get"] = _operation(template["paths"][path], path, components)
    return local_refs(item)


def openapi_part():
    """The HSDS paths (under /api/hsds), their parameters and the HSDS schemas."""
    template = hsds.openapi()
    components = deepcopy(template["components"])
    parameters = components["parameters"]
    for item in template["paths"].values():
        for parameter in item["get"].get("parameters", []):
            if "$ref" not in parameter:  # defined inline in the template: a component here
                parameters.setdefault(parameter["name"], deepcopy(parameter))
    paths = {PREFIX + path: _path_item(template, path, parameters) for path in api.PARAMETERS}
    # The template names the service schema for one service_at_location (upstream mistake).
    detail = paths[PREFIX + "/service_at_locations/{id}"]["get"]["responses"]["200"]
    detail["content"]["application/json"]["schema"]["$ref"] = (
        "#/components/schemas/service_at_location"
    )
    for key in api.WITHOUT_POSTCODES:
        parameters.pop(key, None)
    parameters.update(deepcopy(PARAMETERS))
    parameters["search"]["schema"] = {"type": "string", "pattern": NO_NUL}
    for name in UUID_PARAMETERS:
        parameters[name]["schema"] = {"type": "string", "format": "uuid"}
    for parameter in parameters.values():
        parameter["allowEmptyValue"] = True  # an empty value is the same as none
    return {
        "tags": [{"name": TAG, "description": "Open Referral HSDS 3.x"}],
        "paths": paths,
        "components": {
            "parameters": parameters,
            "schemas": {**components["schemas"], **hsds_schemas()},
        },
    }


def served_document(request):
    """The site document's HSDS operations alone, as HSDS tools expect them."""
    base = request.build_absolute_uri(reverse("hsds-root")).rstrip("/")
    return part_document(
        PREFIX,
        INFO,
        [{"url": base, "description": "This Ruta installation"}],
        externalDocs={
            "description": "Human Services Data Specification (HSDS) 3",
            "url": serializers.HSDS_PROFILE,
        },
    )


@require_GET
def openapi_document(request):
    return JsonResponse(served_document(request), json_dumps_params={"ensure_ascii": False})
