"""Regressions found by the API fuzz run: huge numbers must be a 400, never a 500."""

import pytest

from tests.api_data import build_public_content

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/taxonomies?page=12549102875222189539328",
        "/api/hsds/services?page=100001",
        "/api/hsds/services?per_page=101",
        "/api/v2/pages/?offset=505223507466717233152",
        "/api/hsds/services?modified_after=0001-01-01T00:00:00%2B23:59",
    ],
)
def test_out_of_range_numbers_are_refused_with_400(client, url):
    build_public_content()
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]


def test_far_time_zone_offsets_are_accepted_in_utc(client):
    """PostgreSQL refuses a +22:05 offset; the API converts to UTC first (found by fuzzing)."""
    build_public_content()
    response = client.get("/api/hsds/services", {"modified_after": "0758-05-08T13:56:26+22:05"})
    assert response.status_code == 200
    assert response.json()["total_items"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/organizations?search=oR%00x",
        "/api/v2/pages/?search=a%00b",
        "/es/directorio/?q=albergue%00",
        "/es/buscar/?q=%00",
    ],
)
def test_nul_characters_in_parameters_are_a_400(client, url):
    build_public_content()
    response = client.get(url)
    assert response.status_code == 400
