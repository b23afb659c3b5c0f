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
    ],
)
def test_out_of_range_numbers_are_refused_with_400(client, url):
    build_public_content()
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body.get("error") or body.get("message")
