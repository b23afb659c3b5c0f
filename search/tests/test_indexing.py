from datetime import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.factories import category
from directory.models import Service
from search.indexer import open_ranges, rebuild_entries, service_entries
from search.models import SearchEntry, SearchTerm
from search.text import fold, index_terms, stem, stems

pytestmark = pytest.mark.django_db


def test_text_normalisation():
    assert fold("Atención Psicológica NIÑAS") == "atencion psicologica ninas"
    assert stem("albergues") == stem("albergue") == "alberg"
    assert stem("niñas".replace("ñ", "n")) == stem("ninos")
    assert stem("psicologica") == stem("psicologico")
    assert stem("mujeres") == stem("mujer")
    assert stem("denunciar") == stem("denuncias") == stem("denuncia")  # verb and noun
    assert stem("talleres") == stem("taller")
    assert stem("hogar") == stem("hogares")
    assert stem("shelters", "en") == "shelter"
    assert stems("casa de la acogida") == ["cas", "acog"]
    # Derived forms meet (Snowball), with or without accents:
    assert stem("deportados") == stem(fold("deportación")) == stem("deportacion")
    assert stem("capacitada") == stem(fold("capacitación"))
    # ... but the refugee is not the shelter (an explicit override):
    assert stem("refugiados") == stem("refugiada") != stem("refugio")
    # Phrases are indexed as bigrams too, synonyms never (they apply when a query is read):
    assert index_terms("Casa de acogida") == ["cas", "acog", "cas_acog"]


def test_open_ranges_minutes_of_the_week():
    class Slot:
        def __init__(self, byday="", opens_at=None, closes_at=None, open_24_hours=False):
            self.byday, self.opens_at, self.closes_at = byday, opens_at, closes_at
            self.open_24_hours = open_24_hours

    every_day = [[day * 1440, day * 1440 + 1440] for day in range(7)]
    assert open_ranges([Slot(open_24_hours=True)]) == every_day
    assert open_ranges([Slot("TU", time(8), time(17))]) == [[1440 + 480, 1440 + 1020]]
    # Overnight Sunday 22:00 → Monday 06:00 wraps to the start of the week.
    assert open_ranges([Slot("SU", time(22), time(6))]) == [[6 * 1440 + 1320, 7 * 1440], [0, 360]]


def test_inactive_services_and_organisations_are_not_indexed(make_service):
    hidden = make_service(status=Service.Status.INACTIVE)
    assert service_entries(hidden) == []
    closed_org = make_service()
    closed_org.organization.is_active = False
    closed_org.organization.save()
    rebuild_entries()
    indexed = set(SearchEntry.objects.values_list("target_id", flat=True))
    assert str(hidden.pk) not in indexed
    assert str(closed_org.pk) not in indexed


def test_staff_only_fields_never_reach_the_index(make_service):
    service = make_service(
        intake_notes="NOTA-INTERNA-XYZ",
        location={
            "is_confidential": True,
            "address_1": "Calle Oculta 9",
            "canton": "Loja",
            "province": "EC-L",
        },
    )
    rebuild_entries()
    entries = SearchEntry.objects.filter(target_id=str(service.pk))
    text = " ".join(f"{e.title} {e.summary} {e.content}" for e in entries).lower()
    terms = set(SearchTerm.objects.filter(entry__in=entries).values_list("term", flat=True))
    assert "interna" not in text
    assert "oculta" not in text
    assert not {stem("interna"), stem("oculta"), "xyz"} & terms
    facets = service_entries(Service.objects.get(pk=service.pk))[0].facets
    assert facets["points"]
    assert all(point[2] == "city" for point in facets["points"])


def test_saving_a_service_updates_the_index_after_commit(
    make_service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service = make_service(name="Casa Ámbar", name_es="Casa Ámbar")
    entry = SearchEntry.objects.get(target_id=str(service.pk), language="es")
    assert entry.title == "Casa Ámbar"
    with django_capture_on_commit_callbacks(execute=True):
        service.categories.set([category("legal")])
    entry = SearchEntry.objects.get(target_id=str(service.pk), language="es")
    assert "legal" in set(entry.terms.values_list("term", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        service.status = Service.Status.DEFUNCT
        service.save()
    assert not SearchEntry.objects.filter(target_id=str(service.pk)).exists()


def test_deleting_a_service_removes_its_entries(make_service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        service = make_service()
    pk = str(service.pk)
    assert SearchEntry.objects.filter(target_id=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    assert not SearchEntry.objects.filter(target_id=pk).exists()


def test_updates_wait_for_the_commit(make_service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service = make_service()
    assert callbacks  # enqueued, not run inside the request's transaction
    assert not SearchEntry.objects.filter(target_id=str(service.pk)).exists()


def test_publishing_and_unpublishing_pages(directory_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        directory_page.save_revision().publish()
    assert SearchEntry.objects.filter(target_id=str(directory_page.pk), kind="page").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        directory_page.unpublish()
    assert not SearchEntry.objects.filter(target_id=str(directory_page.pk)).exists()


def test_search_index_command_on_the_database_backend(make_service, directory_page):
    make_service()
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    output = out.getvalue()
    assert "services: 1/1" in output
    assert "running Wagtail's update_index" in output
    assert "Search index rebuilt: " in output
    assert SearchEntry.objects.filter(kind="service").count() == 2
    assert SearchEntry.objects.filter(kind="organization").count() == 2
    with pytest.raises(CommandError):
        call_command("search_index", stdout=out)


def test_spanish_unaccent_configuration_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(f"spanish_unaccent is PostgreSQL only (this run uses {connection.vendor})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('spanish_unaccent', 'Atención psicológica')::text")
        assert cursor.fetchone()[0] == "'atencion':1 'psicolog':2"


def test_rebuild_leaves_no_pending_entries_in_the_gin_indexes(make_service):
    """A bulk rebuild merges the GIN pending lists (searches scan them linearly until
    autovacuum merges them: 5x slower at 10,000 services)."""

    if connection.vendor != "postgresql":
        pytest.skip(f"GIN indexes are PostgreSQL only (this run uses {connection.vendor})")
    for number in range(30):
        make_service(name=f"Servicio {number}", name_es=f"Servicio {number}")
    rebuild_entries()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND i.indrelid = 'wagtailsearch_indexentry'::regclass"
        )
        merged_now = dict(cursor.fetchall())
    assert merged_now, "the index entries have GIN indexes"
    assert set(merged_now.values()) == {0}, merged_now
