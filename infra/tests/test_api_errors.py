"""Every public API error has one shape (RFC 9457 problem details), and malformed parameters
are a 400 in that shape, never a 500 (issue 15's low items, issue 14's one error shape)."""

import pytest
from django.test import Client

from directory.factories import DirectoryIndexPageFactory

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["detail"]
    return body


@pytest.fixture
def client():
    client = Client(raise_request_exception=False)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search_operator=zzz",
        "/api/v2/pages/?search=albergue&search_operator=zzz",
        "/api/v2/documents/?search=x&search_operator=zzz",
        f"/api/v2/pages/?search={'a' * 201}",
        "/api/hsds/services?modified_after=2024-02-30",
        "/api/hsds/services?modified_after=2024-13-01T00:00:00",
        "/api/hsds/services?modified_after=2024-01-01T25:00:00Z",
        "/api/hsds/organizations?modified_after=2023-02-29",
        "/api/hsds/taxonomy_terms?modified_after=2024-04-31",
    ],
)
def test_malformed_parameters_are_a_400_problem_not_a_500(client, home_page, url):
    assert_problem(client.get(url), 400)


@pytest.mark.parametrize("text", ['"', '"albergue', 'a "b" c', "(", "NEAR(", "a OR", "*"])
def test_search_syntax_characters_are_plain_words(client, home_page, text):
    """An unbalanced quote reached SQLite's full-text MATCH as syntax: a 500."""
    DirectoryIndexPageFactory(parent=home_page)
    response = client.get("/api/v2/pages/", {"search": text})
    assert response.status_code == 200, response.content[:300]
    assert "items" in response.json()


def test_a_missing_parent_is_a_404(client, home_page):
    assert_problem(client.get("/api/v2/pages/", {"child_of": "987654"}), 404)
    root = home_page.get_parent()  # exists, but is no public page of the site
    assert_problem(client.get("/api/v2/pages/", {"child_of": str(root.pk)}), 404)
    assert client.get("/api/v2/pages/", {"child_of": str(home_page.pk)}).status_code == 200


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/pages/?lang=fr", 400),
        ("/api/v2/pages/?colour=blue", 400),
        ("/api/v2/pages/987654/", 404),
        ("/api/hsds/services?per_page=0", 400),
        ("/api/hsds/services/not-a-uuid", 400),
        ("/api/hsds/services/6f1c2b7e-0000-4000-8000-000000000000", 404),
        ("/api/hsds/services?search=a%00b", 400),
        ("/api/nothing-here/", 404),
    ],
)
def test_every_api_error_has_the_problem_shape(client, home_page, url, status):
    assert_problem(client.get(url), status)


def test_writes_and_the_rate_limit_answer_in_the_same_shape(client, home_page, settings):
    body = assert_problem(client.post("/api/hsds/services"), 405)
    assert "solo lectura" in body["detail"]  # Spanish first
    settings.RUTA_API_RATE_LIMIT = (1, 60)
    client.get("/api/hsds/", REMOTE_ADDR="10.9.9.9")
    limited = client.get("/api/hsds/", REMOTE_ADDR="10.9.9.9")
    assert_problem(limited, 429)
    assert int(limited["Retry-After"]) >= 1


def test_errors_speak_the_readers_language(client):
    spanish = assert_problem(client.get("/api/hsds/services?modified_after=2024-02-30"), 400)
    english = assert_problem(
        client.get("/api/hsds/services?modified_after=2024-02-30&lang=en"), 400
    )
    assert "debe ser una fecha" in spanish["detail"]
    assert "must be an ISO 8601 date" in english["detail"]


def test_ordering_by_title_while_searching_is_a_400(client, home_page):
    """The one cross-parameter rule of /api/v2/ the fuzz suite is told about."""
    assert_problem(client.get("/api/v2/pages/", {"search": "ruta", "order": "title"}), 400)
    assert_problem(client.get("/api/v2/pages/", {"search": "ruta", "order": "-slug"}), 400)
    for order in ("id", "-first_published_at"):
        assert client.get("/api/v2/pages/", {"search": "ruta", "order": order}).status_code == 200
    assert client.get("/api/v2/pages/", {"order": "title"}).status_code == 200
