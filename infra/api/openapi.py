"""The one OpenAPI 3.1 document of Ruta's public APIs, served at /api/openapi.json and
rendered for people at /es/api/ and /en/api/.

It is assembled from the parts the apps describe (``RUTA_OPENAPI_PARTS``: the content API,
the HSDS directory API), each ``{"tags", "paths", "components"}`` with absolute paths; this
module adds what every API shares (the problem-details error, the 429 and 503 answers) and
derives a part's own document (e.g. /api/hsds/openapi.json) from the same data.
"""

from copy import deepcopy
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from infra.api import errors

NO_NUL = "^[^\\u0000]*$"  # a NUL character is refused everywhere (infra.middleware)
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
PROBLEM = {"$ref": "#/components/schemas/Problem"}
RETRY_AFTER = {
    "description": "Seconds to wait before asking again.",
    "schema": {"type": "integer", "minimum": 1},
}


def response(description, schema=None, media_type="application/json", headers=None):
    answer = {"description": description}
    if schema is not None:
        answer["content"] = {media_type: {"schema": schema}}
    if headers:
        answer["headers"] = headers
    return answer


def problem(description, headers=None):
    """A response in the shared error shape."""
    return response(description, PROBLEM, errors.MEDIA_TYPE, headers)


# Answers any operation may give, whatever its part says.
SHARED_RESPONSES = {
    "429": problem(
        "Too many requests from this client: wait Retry-After seconds.",
        headers={"Retry-After": RETRY_AFTER},
    ),
    "503": problem(
        "Briefly unavailable (the database is restarting): try again after Retry-After.",
        headers={"Retry-After": RETRY_AFTER},
    ),
}


def query_parameter(name, description, schema):
    """An optional query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _merge(target, source, where):
    for name, value in source.items():
        if name in target and target[name] != value:
            raise ImproperlyConfigured(f"Two OpenAPI parts define {where}/{name} differently")
        target[name] = value


@cache
def build_openapi():
    """The whole document: every part's paths, tags and components, and the shared answers."""
    paths, tags = {}, []
    components = {"schemas": {"Problem": errors.SCHEMA}, "parameters": {}}
    for dotted in settings.RUTA_OPENAPI_PARTS:
        part = import_string(dotted)()
        _merge(paths, part["paths"], "paths")
        tags += part.get("tags", [])
        for kind, named in part.get("components", {}).items():
            _merge(components.setdefault(kind, {}), named, f"components/{kind}")
    for item in paths.values():
        for method in HTTP_METHODS & set(item):
            operation = item[method]
            for status, answer in SHARED_RESPONSES.items():
                operation["responses"].setdefault(status, deepcopy(answer))
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Ruta public APIs",
            "version": "2.0.0",
            "description": (
                "Read-only JSON APIs of Ruta: published protocol and training content "
                "(Wagtail API v2, in Spanish or English with ?lang=) and the directory of "
                "shelters and service providers as Open Referral HSDS 3. Confidential "
                "locations appear only at canton and province level; staff-only data is "
                "never published. CORS is open for GET; clients are rate limited per IP "
                "(429 with Retry-After). Every error is an RFC 9457 problem details object "
                "(application/problem+json) whose detail is in the request's language. "
                "Directory schemas: Human Services Data Specification, an Open Referral "
                "resource (https://openreferral.org/), CC BY-SA 4.0."
            ),
        },
        "servers": [{"url": "/"}],
        "tags": tags,
        "paths": paths,
        "components": components,
    }


def _references(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            yield tuple(ref.removeprefix("#/components/").split("/", 1))
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def _used_components(paths, components):
    """The components ``paths`` refer to, directly or through other components."""
    used = {}
    pending = list(_references(paths))
    while pending:
        kind, name = pending.pop()
        if name in used.get(kind, {}):
            continue
        value = components[kind][name]
        used.setdefault(kind, {})[name] = value
        pending += _references(value)
    return {kind: dict(sorted(named.items())) for kind, named in sorted(used.items())}


def part_document(prefix, info, servers, **extra):
    """The document of the API under ``prefix`` alone, its paths relative to its server:
    the same operations and components as the site's document, not a second description."""
    whole = build_openapi()
    paths = {
        (path.removeprefix(prefix) or "/"): deepcopy(item)
        for path, item in whole["paths"].items()
        if path.startswith(prefix)
    }
    return {
        "openapi": whole["openapi"],
        "info": info,
        "jsonSchemaDialect": whole["jsonSchemaDialect"],
        "servers": servers,
        **extra,
        "paths": paths,
        "components": _used_components(paths, whole["components"]),
    }


def resolved_parameters(document, operation):
    """An operation's parameters with their component references resolved."""
    named = document["components"].get("parameters", {})
    resolved = []
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            parameter = {
                **named[parameter["$ref"].rsplit("/", 1)[-1]],
                **{k: v for k, v in parameter.items() if k != "$ref"},
            }
        resolved.append(parameter)
    return resolved
