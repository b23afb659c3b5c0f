"""HSDS 3 JSON Schemas: one ``referencing`` registry (draft 2020-12) and validators.

See ``directory/hsds_schema/README.md`` for where the files come from and how the absolute
``$ref`` prefix of ``openapi.json`` is mapped to the local folder.
"""

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"
REMOTE_PREFIX = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
COMPILED_DIR = SCHEMA_DIR / "compiled"
OPENAPI = "openapi.json"
_COMPILED = re.compile(r"^compiled/(?P<name>[a-z_]+?)(?:_list)?\.json$")


def _resource(contents):
    return Resource.from_contents(contents, default_specification=DRAFT202012)


def _retrieve(uri):
    """Resolve the openapi's absolute references to the local files: the compiled list views
    that are vendored (``compiled/*_list.json``), else the modular object schema."""
    name = uri.removeprefix(REMOTE_PREFIX) if uri.startswith(REMOTE_PREFIX) else uri
    match = _COMPILED.match(name)
    if match and not (SCHEMA_DIR / name).exists():
        name = f"{match['name']}.json"
    path = SCHEMA_DIR / name
    if path.parent not in (SCHEMA_DIR, COMPILED_DIR) or not path.exists():
        raise LookupError(uri)
    return _resource(json.loads(path.read_text(encoding="utf-8")))


@cache
def registry():
    resources = [
        (path.name, _resource(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
    ]
    return Registry(retrieve=_retrieve).with_resources(resources)


@cache
def openapi():
    return json.loads((SCHEMA_DIR / OPENAPI).read_text(encoding="utf-8"))


def response_schema(path):
    """The JSON Schema of the 200 response of ``GET path`` in the openapi document."""
    openapi()["paths"][path]["get"]["responses"]["200"]  # KeyError for unknown paths
    # Referenced inside the openapi document so that its '#/components/...' refs resolve.
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {
        "$ref": f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    }


def validator(schema):
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def compiled_view(name):
    """A vendored compiled view, e.g. ``compiled_view("service_list")``: the one-to-one
    shape of a list item, with its one-to-one objects inlined."""
    return json.loads((COMPILED_DIR / f"{name}.json").read_text(encoding="utf-8"))


def undeclared_properties(instance, schema, where=""):
    """Keys of ``instance`` (recursively into objects) that ``schema`` does not declare: the
    HSDS schemas allow extra properties, so validation alone cannot tell that a list item
    kept to the compiled view (upstream CI checks its examples the same way)."""
    found = []
    declared = schema.get("properties", {})
    for key, value in instance.items():
        if key not in declared:
            found.append(f"{where}{key}")
        elif isinstance(value, dict):
            found += undeclared_properties(value, declared[key], f"{where}{key}/")
    return found


@cache
def object_properties(name):
    """The property names of one HSDS object schema, e.g. ``object_properties("service")``."""
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return frozenset(schema["properties"])


def object_validator(name):
    """Validator for one HSDS object schema, e.g. ``object_validator("service")``."""
    return validator({"$ref": f"{name}.json"})


def errors(instance, schema):
    """Readable validation errors (path: message), empty when valid."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(schema).iter_errors(instance)
    ]
