"""No restricted value (confidential locations, staff-only fields, facilitator notes,
anything from referrals) is reachable through any public API, in any language or format."""

import pytest

from tests.api_data import SENTINELS, build_public_content, build_referral

pytestmark = pytest.mark.django_db


# The HSDS shapes besides the default list view: nested (full, full_service), minimal.
HSDS_SHAPES = {
    "services": ["full=true", "minimal=true"],
    "organizations": ["full=true", "full_service=true"],
    "service_at_locations": ["full=true"],
}


def api_urls(client):
    """Every list and detail URL of the public APIs for the content in the database."""
    urls = ["/api/openapi.json", "/api/hsds/"]
    for lang in ("es", "en"):
        for endpoint in ("pages", "documents", "images"):
            listing = client.get(f"/api/v2/{endpoint}/", {"lang": lang, "limit": 20}).json()
            urls.append(f"/api/v2/{endpoint}/?lang={lang}&limit=20&fields=*")
            urls += [f"/api/v2/{endpoint}/{item['id']}/?lang={lang}" for item in listing["items"]]
        urls.append(f"/api/v2/pages/?lang={lang}&search=4471")
        for resource in (
            "services",
            "organizations",
            "service_at_locations",
            "taxonomies",
            "taxonomy_terms",
        ):
            listing = client.get(f"/api/hsds/{resource}", {"lang": lang, "per_page": 100}).json()
            urls.append(f"/api/hsds/{resource}?lang={lang}&per_page=100")
            urls.append(f"/api/hsds/{resource}?lang={lang}&per_page=100&format=ndjson")
            for shape in HSDS_SHAPES.get(resource, []):
                urls.append(f"/api/hsds/{resource}?lang={lang}&per_page=100&{shape}")
                urls.append(f"/api/hsds/{resource}?lang={lang}&per_page=100&{shape}&format=ndjson")
            urls += [
                f"/api/hsds/{resource}/{item['id']}?lang={lang}" for item in listing["contents"]
            ]
        urls += [
            f"/api/hsds/organizations/{item['id']}?lang={lang}&full_service=true"
            for item in client.get("/api/hsds/organizations").json()["contents"]
        ]
    return urls


def test_no_restricted_value_in_any_api_response(client):
    build_public_content()
    referral = build_referral()
    urls = api_urls(client)
    assert len(urls) > 30
    leaks = []
    seen_public = False
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        seen_public = seen_public or "Machala" in body
        for name, value in {**SENTINELS, "case_code": referral.case_code}.items():
            if value in body:
                leaks.append(f"{name} in {url}")
    assert not leaks, leaks
    assert seen_public, "the confidential shelter's canton should still be public"
