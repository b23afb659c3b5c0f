import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid_openapi_31(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    for path in ("/api/v2/pages/", "/api/v2/pages/{id}/", "/api/hsds/services"):
        assert path in document["paths"], path


@pytest.mark.parametrize(
    ("url", "heading"), [("/es/api/", "APIs públicas"), ("/en/api/", "Public APIs")]
)
def test_api_page_for_people_in_both_languages(client, home_page, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    assert "/api/openapi.json" in content
    assert "GET /api/v2/pages/" in content


def test_footer_links_to_the_api_page(client, home_page):
    content = client.get("/en/").content.decode()
    assert 'href="/en/api/"' in content
