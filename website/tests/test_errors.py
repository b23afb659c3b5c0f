"""Error pages: a broken database connection is a 503 with Retry-After (try again in a
moment), anything else a 500; both in the reader's language, JSON under the APIs."""

import pytest
from django.db import InterfaceError, OperationalError, connections
from psycopg.errors import LockNotAvailable, QueryCanceled

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing(client, monkeypatch):
    """``failing(error)`` makes site search and the HSDS service list raise ``error``."""
    client.raise_request_exception = False

    def make(error):
        def broken(*args, **kwargs):
            raise error

        monkeypatch.setattr("search.views.search_site", broken)
        monkeypatch.setattr("directory.selectors.service_summaries", broken)
        return client

    return make


@pytest.fixture
def connection_lost(monkeypatch):
    """The database connection no longer answers (what a server restart leaves)."""

    monkeypatch.setattr(connections["default"], "is_usable", lambda: False)


def stalled(cause):
    """What Django raises when PostgreSQL gives up on a statement or lock timeout."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "lost"),
    [
        (OperationalError("server closed the connection unexpectedly"), True),
        (InterfaceError("connection already closed"), False),
        (OperationalError("database is locked"), False),
        # A stalled database: the connection still works, the wait was cut short.
        (stalled(QueryCanceled("canceling statement due to statement timeout")), False),
        (stalled(LockNotAvailable("canceling statement due to lock timeout")), False),
    ],
)
def test_lost_database_is_a_503_to_retry(failing, error, lost, home_page, request):
    if lost:
        request.getfixturevalue("connection_lost")
    client = failing(error)
    spanish = client.get("/es/buscar/", {"q": "albergue"})
    assert spanish.status_code == 503
    assert spanish["Retry-After"] == "5"
    body = spanish.content.decode()
    assert '<html lang="es">' in body
    assert "no está disponible por un momento" in body
    assert "ECU 911" in body
    assert str(error) not in body
    english = client.get("/en/search/", {"q": "shelter"})
    assert english.status_code == 503
    assert "briefly unavailable" in english.content.decode()
    api = client.get("/api/hsds/services", HTTP_ACCEPT_LANGUAGE="es")
    assert api.status_code == 503
    assert api["Retry-After"] == "5"
    assert "no está disponible" in api.json()["detail"]


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug"),
        # On a working connection: a schema error (SQLite) or a failed statement.
        OperationalError("no such table: directory_service"),
    ],
)
def test_other_failures_are_a_500(failing, error, home_page):
    client = failing(error)
    page = client.get("/es/buscar/", {"q": "albergue"})
    assert page.status_code == 500
    assert "Retry-After" not in page
    assert "Algo salió mal" in page.content.decode()
    api = client.get("/api/hsds/services", {"lang": "en"})
    assert api.status_code == 500
    assert api.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "Something went wrong.",
    }
