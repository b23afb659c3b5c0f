"""The OpenAPI description served at /api/hsds/openapi.json: Ruta's, built from the official
template, valid OpenAPI 3.1, and listing exactly the parameters each endpoint accepts."""

import json
import uuid

import pytest
from jsonschema_path import SchemaPath
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator

from directory import api, hsds, openapi
from directory.factories import category

pytestmark = pytest.mark.django_db


def local(uri):
    """The template's absolute $refs, read from the vendored schemas (no network in tests)."""
    return hsds.registry().get_or_retrieve(uri).value.contents


def validate(document):
    handlers = {"http": local, "https": local}
    OpenAPIV31SpecValidator(SchemaPath.from_dict(document, handlers=handlers)).validate()


@pytest.fixture
def described(client):
    response = client.get("/api/hsds/openapi.json", HTTP_HOST="ruta.example.org")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_description_is_valid_openapi_31(described):
    validate(described)
    assert described["openapi"].startswith("3.1")
    assert described["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"


def test_validation_of_the_description_can_fail(described):
    broken = json.loads(json.dumps(described))
    broken["paths"]["/services"]["get"]["parameters"].append({"name": "x", "in": "body"})
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_description_is_ruta_s(described):
    info = described["info"]
    text = json.dumps(described)
    assert "REQUIRED" not in text
    assert "HERE" not in text  # none of the template's placeholders
    assert info["title"] == "Ruta directory: HSDS 3 API"
    assert info["license"] == {"name": "BSD-3-Clause", "identifier": "BSD-3-Clause"}
    assert "CC BY-SA 4.0" in info["description"]
    assert "https://openreferral.org/" in info["description"]
    assert described["servers"][0]["url"] == "http://ruta.example.org/api/hsds"


def test_servers_follow_the_host(client):
    body = client.get("/api/hsds/openapi.json", HTTP_HOST="otra.example", secure=True).json()
    assert body["servers"][0]["url"] == "https://otra.example/api/hsds"


def test_description_is_the_template_narrowed(described):
    template = hsds.openapi()
    assert set(described["paths"]) == set(api.PARAMETERS) == set(template["paths"])
    for path, item in described["paths"].items():
        assert set(item) - {"parameters"} == {"get"}, path  # read-only: GET only
        responses = item["get"]["responses"]
        assert "400" in responses
        if path != "/service_at_locations/{id}":
            # The template's, its HSDS schema files named as components of the document.
            assert responses["200"]["content"]["application/json"] == openapi.local_refs(
                template["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
            ), path
    assert described["components"]["schemas"]["Page"] == template["components"]["schemas"]["Page"]
    detail = described["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    assert (
        detail["content"]["application/json"]["schema"]["$ref"]
        == "#/components/schemas/service_at_location"
    )
    # Complete offline: every schema the operations name is in the document.
    assert "https://" not in json.dumps(described["paths"])
    # No postcode parameter (the HSDS object schemas, now components, may say the word).
    text = json.dumps([described["paths"], described["components"]["parameters"]])
    assert "postcode" not in text
    assert "proximity" not in text
    operation_ids = [item["get"]["operationId"] for item in described["paths"].values()]
    assert len(operation_ids) == len(set(operation_ids))


def listed(described, path):
    components = described["components"]["parameters"]
    names = []
    for parameter in described["paths"][path]["get"]["parameters"]:
        reference = parameter["$ref"].removeprefix("#/components/parameters/")
        names.append(components[reference]["name"])
    assert len(names) == len(set(names)), path
    return set(names)


def every_parameter_name():
    """Every query parameter the HSDS template knows, Ruta's lang, and one nobody knows."""
    template = hsds.openapi()
    names = {p["name"] for p in template["components"]["parameters"].values()}
    for item in template["paths"].values():
        names |= {p["name"] for p in item["get"].get("parameters", []) if "name" in p}
    return names | {"lang", "colour"}


VALUES = {
    "page": "1",
    "per_page": "5",
    "format": "ndjson",
    "search": "prueba",
    "modified_after": "2020-01-01",
    "lang": "en",
    "full": "true",
    "minimal": "true",
    "full_service": "true",
    "top_only": "true",
    "postcode": "170150",
    "proximity": "1000",
    "colour": "red",
}


def url_of(path, sample):
    term = category("legal")
    ids = {
        "services": sample["legal_service"].id,
        "organizations": sample["organization"].id,
        "service_at_locations": sample["legal_service"].service_at_locations.get().id,
        "taxonomies": term.taxonomy_id,
        "taxonomy_terms": term.id,
    }
    resource = path.strip("/").split("/")[0]
    return "/api/hsds" + path.replace("{id}", str(ids.get(resource)))


@pytest.mark.parametrize("path", list(api.PARAMETERS))
def test_listed_parameters_are_exactly_the_accepted_ones(client, described, sample, path):
    url = url_of(path, sample)
    accepted = set()
    for name in sorted(every_parameter_name()):
        value = VALUES.get(name, str(uuid.uuid4()))  # the ids
        response = client.get(url, {name: value})
        assert response.status_code in (200, 400), (name, response.status_code)
        if response.status_code == 200:
            accepted.add(name)
    assert accepted == listed(described, path)


@pytest.mark.parametrize("path", list(api.PARAMETERS))
def test_site_wide_description_lists_the_same_parameters(client, described, path):
    """One description: the HSDS document is the site document's HSDS part."""
    site = client.get("/api/openapi.json").json()
    item = site["paths"]["/api/hsds" + (path if path != "/" else "/")]
    assert item == described["paths"][path]
    components = site["components"]["parameters"]
    names = {
        components[p["$ref"].removeprefix("#/components/parameters/")]["name"]
        for p in item["get"]["parameters"]
    }
    assert names == listed(described, path)
