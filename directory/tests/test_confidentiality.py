"""No confidential or staff-only value reaches any public URL or format of the directory."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from directory.tests.conftest import CAPACITY, SENTINELS, VACANCIES
from search.documents import EntryDocument
from search.indexer import all_entries
from website.testing import verified_login

pytestmark = pytest.mark.django_db


def forbidden_values():
    values = set(SENTINELS.values()) - {SENTINELS["latitude"], SENTINELS["longitude"]}
    values |= {"123457", "543219", "3987654", "398-7654", "8765432", "876-5432", "8760000"}
    values |= {"3971113", "397-1113"}
    values |= {str(VACANCIES), str(CAPACITY)}
    return values


def leaks(text):
    return sorted(value for value in forbidden_values() if value in text)


# Every shape of every list: HSDS list views, nested (full, full_service), minimal.
API_SHAPES = {
    "services": ["", "full=true", "minimal=true"],
    "organizations": ["", "full=true", "full_service=true"],
    "service_at_locations": ["", "full=true"],
    "taxonomies": [""],
    "taxonomy_terms": ["", "top_only=true"],
}


def api_list_urls():
    for endpoint, shapes in API_SHAPES.items():
        for shape in shapes:
            for extra in ("", "format=ndjson", "lang=en", "search=prueba"):
                query = "&".join(part for part in (shape, extra) if part)
                yield f"/api/hsds/{endpoint}" + (f"?{query}" if query else "")


def public_urls(sample):
    organization = sample["organization"]
    service = sample["shelter_service"]
    sal = service.service_at_locations.get()
    urls = [
        "/es/directorio/",
        "/en/directory/",
        "/es/directorio/?province=EC-P",
        "/es/directorio/?category=shelter",
        "/en/directory/?province=EC-P&category=shelter",
        f"/es/directorio/{organization.slug_es}/",
        f"/en/directory/{organization.slug_en}/",
        "/es/directorio/cobertura/",
        "/en/directory/coverage/",
        "/api/hsds/",
        f"/api/hsds/services/{service.id}",
        f"/api/hsds/organizations/{organization.id}",
        f"/api/hsds/organizations/{organization.id}?full_service=true",
        f"/api/hsds/organizations/{organization.id}?full_service=true&lang=en",
        f"/api/hsds/service_at_locations/{sal.id}",
        "/api/hsds/openapi.json",
    ]
    return urls + list(api_list_urls())


def test_no_confidential_value_in_any_public_response(client, directory_page, sample):
    checked = 0
    for url in public_urls(sample):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert leaks(text) == [], url
        checked += 1
    # The public parts are there: canton and province of the shelter, the referral contact.
    organization_page = client.get(f"/es/directorio/{sample['organization'].slug_es}/")
    html = organization_page.content.decode()
    assert "Rumiñahui" in html
    assert "Pichincha" in html
    assert "+593 2-250-0000" in html  # referral phone
    assert "+593 2-250-1111" in html  # phone of the public office
    assert "+593 2-250-2222" in html  # phone of a service at the public office
    services = client.get("/api/hsds/services?full=true").json()["contents"]
    cities = {
        address["city"]
        for service in services
        for sal in service.get("service_at_locations", [])
        for address in sal["location"].get("addresses", [])
    }
    assert {"Rumiñahui", "Quito"} <= cities
    assert checked > 55


def test_no_confidential_value_in_export_files(sample, tmp_path):
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    files = sorted(tmp_path.iterdir())
    assert len(files) > 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert leaks(text) == [], path.name
    document = json.loads((tmp_path / "hsds.json").read_text(encoding="utf-8"))
    assert any("Rumiñahui" in json.dumps(o, ensure_ascii=False) for o in document["organizations"])


def test_staff_member_sees_confidential_details(client, directory_page, sample, staff_user):
    verified_login(client, staff_user)
    html = client.get(f"/es/directorio/{sample['organization'].slug_es}/").content.decode()
    for key in (
        "address",
        "direct_phone",
        "staff_phone",
        "shelter_service_phone",
        "intake_notes",
        "contact_email",
    ):
        assert SENTINELS[key] in html, key
    assert str(VACANCIES) in html


def test_staff_member_without_the_two_factor_step_sees_public_view(
    client, directory_page, sample, staff_user
):
    client.force_login(staff_user)  # password only: no TOTP verification in this session
    html = client.get(f"/es/directorio/{sample['organization'].slug_es}/").content.decode()
    assert leaks(html) == []


def test_signed_in_user_without_membership_sees_public_view(
    client, directory_page, sample, django_user_model
):
    user = django_user_model.objects.create_user("sin_institucion", password="x-y-z-123456")
    client.force_login(user)
    html = client.get(f"/es/directorio/{sample['organization'].slug_es}/").content.decode()
    assert leaks(html) == []


def test_public_api_never_shows_staff_fields_even_to_staff(client, sample, staff_user):
    verified_login(client, staff_user)
    for url in api_list_urls():
        text = client.get(url).content.decode()
        assert leaks(text) == [], url


def test_sitemap_entries_are_public_addresses_only(rf, directory_page, sample):
    request = rf.get("/")
    entries = directory_page.get_sitemap_urls(request)
    locations = [entry["location"] for entry in entries]
    assert any(location.endswith("/casa-refugio-prueba/") for location in locations)
    assert any(location.endswith("/cobertura/") for location in locations)
    assert leaks(" ".join(locations)) == []


def test_no_confidential_value_in_the_search_index(sample, directory_page):
    entries = list(all_entries())
    assert any(entry.target_id == str(sample["shelter_service"].pk) for entry in entries)
    for entry in entries:
        # Everything indexed: what a result shows, the raw texts analysed into the
        # postings (``source_text``), their terms, and the Elasticsearch document.
        fields = (entry.title, entry.summary, entry.content, entry.url, *entry.source_text)
        terms = " ".join(term for counts in entry.analysed_fields.values() for term in counts)
        document = EntryDocument.from_entry(entry, getattr(entry, "facets", None))
        text = " ".join((*fields, terms)) + json.dumps(document.to_dict(), ensure_ascii=False)
        assert leaks(text) == [], entry.target_id


def test_staff_views_are_private_and_never_cached(
    client, directory_page, sample, staff_user, settings
):
    """Pages rendered with staff details must not stay in a browser's, a proxy's or the
    site's own cache (a shared computer at an institution, a caching proxy)."""
    settings.RUTA_PAGE_CACHE_SECONDS = 300
    organization = sample["organization"]
    verified_login(client, staff_user)
    staff_pages = [
        f"/es/directorio/{organization.slug_es}/",
        f"/en/directory/{organization.slug_en}/",
        "/es/directorio/",
        "/en/directory/coverage/",
    ]
    for url in staff_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, url
        assert "X-Ruta-Cache" not in response, url
    assert SENTINELS["address"] in client.get(staff_pages[0]).content.decode()
    anonymous = Client()
    first = anonymous.get(staff_pages[0])
    assert first["X-Ruta-Cache"] == "miss"
    assert leaks(first.content.decode()) == []
