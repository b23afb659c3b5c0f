"""The shapes HSDS asks of each endpoint: list views by default (one-to-one fields only),
fully nested with ``full`` / ``full_service``, ``minimal`` for copies; every shape validates
against the official schemas and keeps to the compiled list views."""

import pytest

from directory import hsds
from directory.factories import (
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from directory.models import Taxonomy, TaxonomyTerm

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def assert_valid(body, openapi_path):
    errors = hsds.errors(body, hsds.response_schema(openapi_path))
    assert errors == [], errors


def assert_each_valid(items, schema_name):
    for item in items:
        errors = hsds.errors(item, {"$ref": f"{schema_name}.json"})
        assert errors == [], errors


def assert_list_view(items, view):
    """Only the fields of HSDS's compiled list view, nested objects included."""
    schema = hsds.compiled_view(view)
    for item in items:
        assert hsds.undeclared_properties(item, schema) == []


ARRAYS = {"phones", "schedules", "service_at_locations", "languages", "contacts", "attributes"}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_service_list_has_one_to_one_fields_only(client, sample, lang):
    body = get(client, f"/api/hsds/services?lang={lang}")
    assert_valid(body, "/services")
    assert_list_view(body["contents"], "service_list")
    shelter = next(s for s in body["contents"] if s["id"] == str(sample["shelter_service"].id))
    assert not ARRAYS & set(shelter)
    organization = shelter["organization"]
    assert set(organization) == {"id", "name", "description"}  # the others are empty
    assert organization["id"] == str(sample["organization"].id)
    assert organization["description"].startswith("Fictional" if lang == "en" else "Organiz")
    assert shelter["last_modified"]


def test_full_services_are_nested_as_the_detail(client, sample):
    body = get(client, "/api/hsds/services?full=true")
    assert_valid(body, "/services")
    assert_each_valid(body["contents"], "service")
    service = sample["legal_service"]
    nested = next(s for s in body["contents"] if s["id"] == str(service.id))
    assert nested == get(client, f"/api/hsds/services/{service.id}")
    assert {"phones", "schedules", "service_at_locations", "attributes"} <= set(nested)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_minimal_services_give_what_a_copy_needs_in_one_page(client, sample, lang):
    for number in range(30):  # more than the default page of the other shapes
        ServiceFactory(organization=sample["organization"], name=f"Servicio {number:02}")
    body = get(client, f"/api/hsds/services?minimal=true&lang={lang}")
    assert_valid(body, "/services")
    assert body["total_items"] == body["size"] == 32
    assert body["total_pages"] == 1
    for item in body["contents"]:
        assert set(item) == {"id", "name", "status", "last_modified"}
    legal = next(i for i in body["contents"] if i["id"] == str(sample["legal_service"].id))
    assert legal["name"] == ("Asesoría de prueba (en)" if lang == "en" else "Asesoría de prueba")
    assert get(client, "/api/hsds/services?minimal=1&per_page=10")["size"] == 10
    too_many = client.get("/api/hsds/services?minimal=1&per_page=10001")
    assert too_many.status_code == 400
    assert "10000" in too_many.json()["detail"]
    # The other shapes keep their smaller pages.
    assert client.get("/api/hsds/services?per_page=101").status_code == 400


def test_minimal_follows_the_filters(client, sample):
    legal = category("legal")
    body = get(client, f"/api/hsds/services?minimal=true&taxonomy_term_id={legal.id}")
    assert [i["id"] for i in body["contents"]] == [str(sample["legal_service"].id)]
    assert get(client, "/api/hsds/services?minimal=true&modified_after=2999-01-01")["empty"]


def test_organization_list_and_its_nested_shapes(client, sample):
    organization = sample["organization"]
    lean = get(client, "/api/hsds/organizations")
    assert_valid(lean, "/organizations")
    assert_list_view(lean["contents"], "organization_list")
    assert not {"phones", "contacts", "locations", "services"} & set(lean["contents"][0])

    full = get(client, "/api/hsds/organizations?full=true")
    assert_valid(full, "/organizations")
    assert_each_valid(full["contents"], "organization")
    item = full["contents"][0]
    assert {"contacts", "locations", "services"} <= set(item)
    assert_list_view(item["services"], "service_list")
    assert {s["id"] for s in item["services"]} == {
        str(sample["shelter_service"].id),
        str(sample["legal_service"].id),
    }
    assert all("organization" not in s for s in item["services"])  # it is the parent

    with_services = get(client, "/api/hsds/organizations?full_service=true")
    services = with_services["contents"][0]["services"]
    assert_each_valid(services, "service")
    legal = next(s for s in services if s["id"] == str(sample["legal_service"].id))
    assert legal == get(client, f"/api/hsds/services/{sample['legal_service'].id}")

    detail = get(client, f"/api/hsds/organizations/{organization.id}")
    assert_valid(detail, "/organizations/{id}")
    assert detail["services"] == item["services"]
    detail_full = get(client, f"/api/hsds/organizations/{organization.id}?full_service=TRUE")
    assert detail_full["services"] == services


def test_service_at_location_list_and_full(client, sample):
    lean = get(client, "/api/hsds/service_at_locations")
    assert_valid(lean, "/service_at_locations")
    assert_list_view(lean["contents"], "service_at_location_list")
    shelter_link = sample["shelter_service"].service_at_locations.get()
    item = next(i for i in lean["contents"] if i["id"] == str(shelter_link.id))
    assert item["location"]["name"] == "Ubicación confidencial"
    assert item["service"]["name"] == "Acogida de prueba"
    assert item["service"]["organization"]["id"] == str(sample["organization"].id)

    full = get(client, "/api/hsds/service_at_locations?full=1")
    assert_valid(full, "/service_at_locations")
    assert_each_valid(full["contents"], "service_at_location")
    nested = next(i for i in full["contents"] if i["id"] == str(shelter_link.id))
    assert_each_valid([nested["service"]], "service")
    assert nested["location"]["addresses"][0]["city"] == "Rumiñahui"
    assert "service_at_locations" not in nested["service"]
    assert "phones" not in nested["service"]  # a shelter's own lines are direct lines
    assert nested == get(client, f"/api/hsds/service_at_locations/{shelter_link.id}")


@pytest.mark.parametrize(
    ("value", "full"),
    [
        *[("true", True), ("TRUE", True), ("True", True), ("1", True)],
        *[("false", False), ("FALSE", False), ("0", False), ("", False)],
    ],
)
def test_boolean_parameters_accept_true_false_one_zero(client, sample, value, full):
    item = get(client, f"/api/hsds/services?full={value}")["contents"][0]
    assert ("schedules" in item) is full


@pytest.mark.parametrize(
    "query",
    [
        "services?full=yes",
        "services?minimal=2",
        "services?full=on",
        "organizations?full_service=si",
        "organizations?full=-1",
        "service_at_locations?full=t",
        "taxonomy_terms?top_only=verdadero",
    ],
)
@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "debe ser true o false (o 1 o 0)"), ("en", "must be true or false (or 1 or 0)")],
)
def test_bad_booleans_get_a_clear_400_in_the_readers_language(client, query, language, words):
    name = query.split("?")[1].split("=")[0]
    by_header = client.get(f"/api/hsds/{query}", HTTP_ACCEPT_LANGUAGE=language)
    by_parameter = client.get(f"/api/hsds/{query}&lang={language}")
    for response in (by_header, by_parameter):
        assert response.status_code == 400
        assert words in response.json()["detail"]
        assert f"“{name}”" in response.json()["detail"]


def test_full_and_minimal_together_are_refused(client):
    response = client.get("/api/hsds/services?full=true&minimal=true&lang=es")
    assert response.status_code == 400
    assert response.json()["detail"] == "“full” y “minimal” no pueden ser true a la vez."
    assert client.get("/api/hsds/services?full=true&minimal=false").status_code == 200


@pytest.mark.parametrize("name", ["postcode", "proximity"])
@pytest.mark.parametrize("path", ["service_at_locations", "services"])
def test_postcode_and_proximity_are_refused_with_the_reason(client, name, path):
    spanish = client.get(f"/api/hsds/{path}?{name}=170150", HTTP_ACCEPT_LANGUAGE="es")
    english = client.get(f"/api/hsds/{path}?{name}=170150&lang=en")
    assert spanish.status_code == english.status_code == 400
    assert "no tiene códigos postales" in spanish.json()["detail"]
    assert "has no postcodes" in english.json()["detail"]
    assert "“search”" in english.json()["detail"]


def test_detail_endpoints_refuse_list_parameters(client, sample):
    url = f"/api/hsds/services/{sample['legal_service'].id}"
    assert client.get(f"{url}?lang=en").status_code == 200
    for query in ("page=2", "full=true", "format=ndjson", "full_service=true"):
        response = client.get(f"{url}?lang=en&{query}")
        assert response.status_code == 400, query
        assert response.json()["detail"].endswith("Supported: lang."), query
    organization = f"/api/hsds/organizations/{sample['organization'].id}"
    assert client.get(f"{organization}?full_service=true").status_code == 200
    assert client.get(f"{organization}?full=true").status_code == 400


@pytest.fixture
def term_tree(db):
    categories = Taxonomy.objects.get(code=Taxonomy.SERVICE_CATEGORIES)
    parent = category("legal")
    children = [
        TaxonomyTerm.objects.create(
            taxonomy=categories,
            code=f"legal-{code}",
            name=name,
            description=name,
            parent=parent,
        )
        for code, name in (("migration", "Migratoria"), ("criminal", "Penal"))
    ]
    return parent, children


def test_taxonomy_terms_top_only_and_parent_id(client, term_tree):
    parent, children = term_tree
    every = get(client, "/api/hsds/taxonomy_terms?per_page=100")
    top = get(client, "/api/hsds/taxonomy_terms?per_page=100&top_only=true")
    assert top["total_items"] == every["total_items"] - 2
    assert all("parent_id" not in term for term in top["contents"])
    assert_valid(top, "/taxonomy_terms")
    below = get(client, f"/api/hsds/taxonomy_terms?parent_id={parent.id}")
    assert {t["id"] for t in below["contents"]} == {str(c.id) for c in children}
    assert all(t["parent_id"] == str(parent.id) for t in below["contents"])
    both = get(client, f"/api/hsds/taxonomy_terms?parent_id={parent.id}&top_only=true")
    assert both["empty"]  # filters combine with AND
    assert (
        get(client, "/api/hsds/taxonomy_terms?top_only=false")["total_items"]
        == (every["total_items"])
    )
    bad = client.get("/api/hsds/taxonomy_terms?parent_id=legal")
    assert bad.status_code == 400
    assert "parent_id" in bad.json()["detail"]


def add_organization():
    organization = OrganizationFactory()
    location = LocationFactory(organization=organization)
    PhoneFactory(location=location)
    for _ in range(3):
        service = ServiceFactory(organization=organization, categories=[category("legal")])
        ServiceAtLocationFactory(service=service, location=location)
        PhoneFactory(service=service)


# Queries of one page whatever its size: a count, the page, and the prefetches of its shape.
QUERY_BOUNDS = [
    ("services", 2),
    ("services?minimal=true", 2),
    ("services?full=true", 10),
    ("service_at_locations", 2),
    ("service_at_locations?full=true", 11),
    ("organizations", 2),
    ("organizations?full=true", 7),
    ("organizations?full_service=true", 15),
]


@pytest.mark.parametrize(("query", "queries"), QUERY_BOUNDS)
def test_list_queries_are_bounded_whatever_the_page_size(
    client, django_assert_num_queries, query, queries
):
    separator = "&" if "?" in query else "?"
    for organizations in (1, 8):
        for _ in range(organizations):
            add_organization()
        with django_assert_num_queries(queries):
            body = get(client, f"/api/hsds/{query}{separator}per_page=100")
        assert body["size"] > 0
