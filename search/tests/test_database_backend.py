from datetime import UTC, datetime, time

import pytest

from directory.factories import category, population
from directory.models import Language, Schedule, Service
from directory.provinces import provinces
from search.analysis import read_query
from search.backends import DirectoryQuery, SiteQuery
from search.backends.database import DatabaseBackend, distance_km
from search.backends.scoring import rank, rank_in_python
from search.indexer import rebuild_entries
from search.lookup import query_context
from search.models import SearchEntry, SearchTerm
from search.text import stem

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(make_service):
    shelter = make_service(
        name="Casa Refugio Luz",
        name_es="Casa Refugio Luz",
        name_en="Light Safe House",
        description_es="Albergue temporal para mujeres víctimas de trata.",
        description_en="Temporary shelter for women who survived trafficking.",
        categories=[category("shelter")],
        populations=[population("women")],
        location={
            "canton": "Machala",
            "province": "EC-O",
            "is_confidential": True,
            "latitude": "-3.4500",
            "longitude": "-79.7000",
            "address_1": "Calle Secreta 123",
        },
    )
    psych = make_service(
        name="Atención psicológica para adolescentes",
        name_es="Atención psicológica para adolescentes",
        name_en="Counselling for teenagers",
        description_es="Contención emocional y terapia.",
        description_en="Emotional support and therapy.",
        categories=[category("psychological")],
        populations=[population("adolescents")],
        is_free=True,
        location={
            "canton": "Quito",
            "province": "EC-P",
            "is_confidential": False,
            "latitude": "-0.1800",
            "longitude": "-78.4700",
        },
    )
    legal = make_service(
        name="Asesoría legal a extranjeros",
        name_es="Asesoría legal a extranjeros",
        name_en="Legal aid for foreigners",
        description_es="Patrocinio jurídico gratuito.",
        description_en="Free legal representation.",
        categories=[category("legal")],
        populations=[population("migrants")],
        is_free=False,
        fees_description="Tarifa social",
        location={"canton": "Puerto Ayora", "province": "EC-W", "is_confidential": False},
    )
    Language.objects.create(service=psych, code="es", name="Español")
    Language.objects.create(service=psych, code="qu", name="Kichwa")
    Language.objects.create(service=legal, code="en", name="English")
    Schedule.objects.create(service=shelter, open_24_hours=True)
    Schedule.objects.create(service=psych, byday="MO", opens_at=time(8), closes_at=time(17))
    Schedule.objects.create(service=legal, byday="MO", opens_at=time(8), closes_at=time(17))
    rebuild_entries()
    return {"shelter": shelter, "psych": psych, "legal": legal}


def ids(result):
    return result.ids


def search(**kwargs):
    return DatabaseBackend().directory(DirectoryQuery(**kwargs))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("atencion psicologica", "psych"),  # without accents
        ("Atención Psicológica", "psych"),
        ("albergues mujeres", "shelter"),  # plural
        ("casa de acogida", "shelter"),  # synonym of albergue
        ("psicosocial", "psych"),  # synonym of psicológica
        ("asesoria juridica extranjero", "legal"),  # synonym + singular
        ("Machala", "shelter"),  # canton
        ("El Oro", "shelter"),  # province
        ("Galápagos", "legal"),
    ],
)
def test_spanish_queries_find_the_service(services, text, expected):
    result = search(text=text)
    assert str(services[expected].pk) in result.ids[:1], (text, result.ids)


def test_typo_is_corrected_and_suggested(services):
    result = search(text="psicologca")
    assert result.ids == [str(services["psych"].pk)]
    assert result.corrected == "psicologica"  # shown as "Mostrando resultados para …"
    assert search(text="psicologca", literal=True).ids == []  # "buscar en cambio …"


def test_nonsense_finds_nothing(services):
    result = search(text="zzqqxx")
    assert result.ids == []
    assert result.total == 0


def test_english_query_does_not_match_spanish_text(services):
    assert search(text="albergue", language="en").ids == []
    assert search(text="shelter", language="en").ids[:1] == [str(services["shelter"].pk)]
    assert search(text="shelter", language="es").ids == []


def test_index_never_holds_confidential_address(services):
    texts = " ".join(f"{e.title} {e.summary} {e.content}" for e in SearchEntry.objects.all())
    terms = set(SearchTerm.objects.values_list("term", flat=True))
    assert "secreta" not in texts.lower()
    assert stem("secreta") not in terms
    assert stem("machala") in terms


def _orm_counts(services_qs):
    """Counts computed independently, by walking the objects in Python."""
    counts = {"province": {}, "category": {}, "population": {}, "language": {}}
    for service in services_qs:
        for province in {sal.location.province for sal in service.service_at_locations.all()}:
            counts["province"][province] = counts["province"].get(province, 0) + 1
        for term in service.categories.all():
            counts["category"][term.code] = counts["category"].get(term.code, 0) + 1
        for term in service.populations.all():
            counts["population"][term.code] = counts["population"].get(term.code, 0) + 1
        for language in service.languages.all():
            counts["language"][language.code] = counts["language"].get(language.code, 0) + 1
    return counts


def test_facet_counts_match_the_orm(services, make_service):
    make_service(
        categories=[category("shelter"), category("legal")],
        location={"province": "EC-O", "canton": "Pasaje"},
    )
    make_service(status=Service.Status.INACTIVE)  # never counted
    result = search()
    visible = Service.objects.filter(status__in=["active", "temporarily closed"])
    expected = _orm_counts(visible)
    for facet in ("province", "category", "population", "language"):
        assert result.facets[facet] == expected[facet], facet
    assert result.total == visible.count() == 4
    assert result.facets["free"] == {"true": visible.filter(is_free=True).count()}


def test_facet_counts_ignore_their_own_filter(services):
    result = search(province="EC-O")
    assert result.ids == [str(services["shelter"].pk)]
    # Other provinces still show how many services they would give.
    assert result.facets["province"] == {"EC-O": 1, "EC-P": 1, "EC-W": 1}
    assert result.facets["category"] == {"shelter": 1}


def test_filters(services):
    assert search(category="legal").ids == [str(services["legal"].pk)]
    assert search(population="adolescents").ids == [str(services["psych"].pk)]
    assert search(service_language="qu").ids == [str(services["psych"].pk)]
    assert set(search(free=True).ids) == {str(services["shelter"].pk), str(services["psych"].pk)}
    assert search(open_24_hours=True).ids == [str(services["shelter"].pk)]


def test_open_now_uses_ecuador_time_and_galapagos_time(services):
    # Monday 13:30 UTC = 08:30 in Quito (UTC−5) but 07:30 in Galápagos (UTC−6).
    monday = datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    opened = set(search(open_now=True, now=monday).ids)
    assert opened == {str(services["shelter"].pk), str(services["psych"].pk)}
    # 22:30 UTC = 17:30 Quito (closed) and 16:30 Galápagos (open).
    later = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    assert set(search(open_now=True, now=later).ids) == {
        str(services["shelter"].pk),
        str(services["legal"].pk),
    }


def test_distance_uses_province_capital_for_confidential_locations(services):
    capital = provinces()["EC-O"]
    machala = (capital.latitude, capital.longitude)
    result = search(sort="distance", origin=machala)
    assert result.ids[0] == str(services["shelter"].pk)
    km, precision = result.distances[str(services["shelter"].pk)]
    assert precision == "city"
    # The confidential location's exact point (-3.45, -79.70, ~35 km away) is never used.
    assert km == pytest.approx(0.0, abs=0.01)
    assert distance_km(machala, (-3.45, -79.70)) > 30
    quito = (-0.1807, -78.4678)
    km, precision = search(sort="distance", origin=quito).distances[str(services["psych"].pk)]
    assert precision == "exact"
    assert km == pytest.approx(distance_km(quito, (-0.18, -78.47)), abs=0.01)


def test_site_search_filters_by_kind_and_language(services):
    backend = DatabaseBackend()
    result = backend.site(SiteQuery(text="mujeres", language="es"))
    assert result.kind_counts.get("service") == 1
    assert result.hits[0]["title"] == "Casa Refugio Luz"
    assert backend.site(SiteQuery(text="mujeres", language="es", kinds=("protocol",))).hits == []
    assert backend.site(SiteQuery(text="mujeres", language="en")).hits == []


@pytest.mark.parametrize(
    "text",
    [
        "albergue mujeres",
        "atencion",
        "legal terapia mujeres",
        "refugio adolescentes extranjeros trata",
    ],
)
def test_the_database_computes_the_documented_score(services, make_service, text):
    """The one SQL query (SQLite or PostgreSQL) ranks exactly as the formula of
    ``search.backends.scoring`` computed in Python from the same postings."""
    make_service(
        name="Atención legal y psicológica para mujeres",
        name_es="Atención legal y psicológica para mujeres",
        description_es="Terapia, patrocinio legal y atención a adolescentes.",
        categories=[category("legal")],
    )
    make_service(
        name="Atención",
        name_es="Atención",
        description_es="Refugio para mujeres extranjeras.",
        categories=[category("shelter")],
    )
    rebuild_entries()
    concepts = read_query(text, "es", query_context("es")).concepts
    kinds = [kind for kind, _label in SearchEntry.Kind.choices]
    ranked = rank(concepts, "es", kinds)
    assert len(ranked) >= 2, ranked
    assert rank_in_python(concepts, "es", kinds) == ranked


def test_text_search_sorted_by_distance_keeps_every_match(services):
    """Sorted by distance, the text only selects (it is not ranked): the same matches,
    nearest first."""
    quito = (-0.1807, -78.4678)
    text = "mujeres adolescentes extranjeros"
    by_relevance = search(text=text)
    by_distance = search(text=text, sort="distance", origin=quito)
    assert len(by_relevance.ids) == 3
    assert sorted(by_distance.ids) == sorted(by_relevance.ids)
    kilometres = [by_distance.distances[pk][0] for pk in by_distance.ids]
    assert kilometres == sorted(kilometres)
    assert by_distance.ids[0] == str(services["psych"].pk)
    assert by_distance.facets == by_relevance.facets


def test_a_providers_typo_is_never_rewritten_but_gets_a_suggestion(services, make_service):
    """A word found in some description is searched as typed (never rewritten), and a rare
    one near a vocabulary word gets "did you mean"; a word found nowhere is corrected."""
    typo = make_service(
        name="Consejería", name_es="Consejería", description_es="Atención psicolojica breve."
    )
    rebuild_entries()
    result = search(text="psicolojica")
    assert result.ids == [str(typo.pk)]
    assert result.corrected == ""
    assert result.suggestion == "psicologica"
    corrected = search(text="psicologca")  # found nowhere: corrected, with the undo link
    assert corrected.corrected == "psicologica"
    assert str(services["psych"].pk) in corrected.ids
