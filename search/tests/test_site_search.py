"""Site search over the protocol: each result labelled with its edition, the edition in
force first, superseded editions only on request, steps linked at their anchor with the
matching words marked; and the directory card of a service written only in Spanish."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from directory.models import Language
from protocol_pages.factories import (
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    step_data,
)
from search.backends import SiteQuery
from search.indexer import rebuild_entries
from search.service import search_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_language_afterwards():
    """Requests under /en/ leave English active in this thread: give the next test Spanish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def editions(home_page):
    index = ProtocolIndexPageFactory(parent=home_page)
    old = ProtocolEditionPageFactory(
        parent=index, title="Edición 2013", title_en="Edition 2013", effective_date=date(2013, 5, 1)
    )
    current = ProtocolEditionPageFactory(
        parent=index, title="Edición 2024", title_en="Edition 2024", effective_date=date(2024, 3, 1)
    )
    steps = {}
    for edition in (old, current):
        block_id = f"00000000-0000-4000-8000-{edition.pk:012d}"
        ProtocolPhasePageFactory(
            parent=edition,
            title="Identificación",
            title_en="Identification",
            steps_es=[
                step_data(
                    1,
                    "Entrevista inicial",
                    block_id=block_id,
                    summary="Una sola entrevista a la víctima, sin revictimizar.",
                )
            ],
        )
        steps[edition.pk] = block_id
    rebuild_entries()
    return old, current, steps


def test_protocol_results_are_labelled_and_the_edition_in_force_comes_first(editions):
    _old, current, steps = editions
    result = search_site(SiteQuery(text="entrevista", language="es"))
    protocol = [hit for hit in result.hits if hit["kind"] == "protocol"]
    assert {hit["edition"] for hit in protocol} == {"Edición 2024"}
    assert result.superseded >= 1  # the 2013 step and phase are left out
    step = next(hit for hit in protocol if hit["title"].startswith("Paso 1"))
    assert step["edition_label"] == "Edición vigente"
    assert step["url"].endswith(f"#step-{steps[current.pk]}")
    assert "<mark>entrevista</mark>" in step["snippet"]


def test_superseded_editions_on_request_after_the_one_in_force(editions):
    _old, _current, _steps = editions
    result = search_site(SiteQuery(text="entrevista", language="es", include_superseded=True))
    labels = [hit["edition"] for hit in result.hits if hit["kind"] == "protocol"]
    assert "Edición 2013" in labels
    assert labels.index("Edición 2024") < labels.index("Edición 2013")
    assert all(
        hit["edition_label"] == "Edición reemplazada"
        for hit in result.hits
        if hit["edition"] == "Edición 2013"
    )


def test_the_search_page_offers_the_superseded_editions(client, editions):
    page = client.get("/es/buscar/", {"q": "entrevista"}).content.decode()
    assert "Edición 2024 · Edición vigente" in page
    assert "Edición 2013" not in page
    assert 'name="editions" value="all"' in page
    assert "editions=all" in page  # "Mostrarlos también"
    every = client.get("/es/buscar/", {"q": "entrevista", "editions": "all"}).content.decode()
    assert "Edición 2013 · Edición reemplazada" in every


def test_an_english_card_says_the_provider_wrote_only_spanish(client, make_service, directory_page):
    make_service(
        name="Casa Lila",
        name_es="Casa Lila",
        name_en="",
        description_es="Albergue temporal para mujeres.",
        description_en="",
    )
    rebuild_entries()
    page = client.get(directory_page.url_in("en"), {"q": "albergue"}).content.decode()
    assert "Casa Lila" in page  # the Spanish text answers an English search
    assert "Described in Spanish only by the provider." in page


def test_language_names_are_indexed_in_both_languages(client, make_service, directory_page):
    service = make_service(name="Consultorio", name_es="Consultorio", name_en="Clinic")
    Language.objects.create(service=service, code="en", name="Inglés")
    rebuild_entries()
    spanish = client.get(directory_page.url_in("es"), {"q": "inglés"}).context["results"]
    english = client.get(directory_page.url_in("en"), {"q": "English"}).context["results"]
    assert [card["id"] for card in spanish] == [card["id"] for card in english] == [str(service.pk)]
