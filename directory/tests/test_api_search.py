"""The HSDS API's ``search`` goes through the site's search service: accents, plurals,
synonyms and typos, in the request's language, best match first."""

import pytest

from directory.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from search.indexer import rebuild_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    organization = OrganizationFactory(name="Fundación Horizonte (demo)")
    psych = ServiceFactory(
        organization=organization,
        name="Atención psicológica para adolescentes",
        name_es="Atención psicológica para adolescentes",
        name_en="Counselling for teenagers",
        description_es="Terapia individual y grupal.",
        description_en="Individual and group therapy.",
        categories=[category("psychological")],
    )
    legal = ServiceFactory(
        organization=organization,
        name="Asesoría legal a extranjeros",
        name_es="Asesoría legal a extranjeros",
        name_en="Legal aid for foreigners",
        description_es="Patrocinio jurídico y regularización migratoria.",
        description_en="Legal representation and migration status.",
        categories=[category("legal")],
    )
    office = LocationFactory(organization=organization, is_confidential=False)
    for service in (psych, legal):
        ServiceAtLocationFactory(service=service, location=office)
    rebuild_entries()
    return {"psych": psych, "legal": legal, "organization": organization}


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return [item["id"] for item in response.json()["contents"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("atencion psicologica", "psych"),  # no accents
        ("ADOLESCENTE", "psych"),  # singular, capitals
        ("psicosocial", "psych"),  # synonym of psicológica
        ("psicolojica", "psych"),  # typo
        ("asesoria juridica", "legal"),  # synonym of legal
        ("extranjero", "legal"),
    ],
)
def test_spanish_search_finds_the_service(client, services, text, expected):
    assert ids(client, f"/api/hsds/services?search={text}") == [str(services[expected].pk)]


def test_search_matches_in_the_requested_language_only(client, services):
    assert ids(client, "/api/hsds/services?lang=en&search=counselling") == [
        str(services["psych"].pk)
    ]
    assert ids(client, "/api/hsds/services?lang=en&search=psicologica") == []


def test_best_match_first_and_pages_follow_the_ranking(client, services):
    url = "/api/hsds/services?search=asesoria legal atencion&per_page=1"
    first = client.get(url).json()
    second = client.get(url + "&page=2").json()
    assert first["total_items"] == 2
    assert first["contents"][0]["id"] == str(services["legal"].pk)  # two of the three words
    assert second["contents"][0]["id"] == str(services["psych"].pk)
    assert second["last_page"] is True


def test_search_combines_with_the_other_filters(client, services):
    legal = category("legal")
    assert ids(client, f"/api/hsds/services?search=fundacion&taxonomy_term_id={legal.id}") == [
        str(services["legal"].pk)
    ]


def test_service_at_locations_and_organizations_use_the_same_search(client, services):
    links = client.get("/api/hsds/service_at_locations?search=psicologica").json()["contents"]
    assert [link["service_id"] for link in links] == [str(services["psych"].pk)]
    assert ids(client, "/api/hsds/organizations?search=fundacion horizonte") == [
        str(services["organization"].pk)
    ]


@pytest.mark.parametrize("text", ["zzqqxx", "%22%27%3B--", "a" * 500, "¿?¡!", "  "])
def test_odd_searches_answer_cleanly(client, services, text):
    response = client.get(f"/api/hsds/services?search={text}")
    assert response.status_code == 200
    body = response.json()
    if text.strip():
        assert body["contents"] == []
        assert body["total_items"] == 0
    else:
        assert body["total_items"] == 2  # an empty search filters nothing
