"""The in-memory directory snapshot: fast facets that never show a stale directory."""

from datetime import UTC, datetime, time

import pytest
from django.utils import translation

from directory.factories import LocationFactory, ServiceAtLocationFactory, category
from directory.models import Schedule, Service
from infra.page_cache import invalidate
from search.backends import DirectoryQuery, freshness
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import directory_search
from search.backends.snapshot import bits, directory_snapshot, members
from search.directory import browse_directory
from search.documents import EntryDocument
from search.facets import CHOICE_FACETS, FACETS, FLAG_FACETS

pytestmark = pytest.mark.django_db


def search(**kwargs):
    return DatabaseBackend().directory(DirectoryQuery(**kwargs))


def test_bit_sets_round_trip():
    assert members(bits([0, 3, 64, 1000])) == [0, 3, 64, 1000]
    assert members(0) == []
    assert bits([]) == 0


def test_a_schedule_change_alone_is_seen_at_the_next_search(make_service):
    shelter = make_service(categories=[category("shelter")])
    other = make_service(categories=[category("legal")])
    Schedule.objects.create(service=shelter, open_24_hours=True)
    assert search(open_24_hours=True).ids == [str(shelter.pk)]
    Schedule.objects.create(service=other, open_24_hours=True)  # the service itself unchanged
    assert set(search(open_24_hours=True).ids) == {str(shelter.pk), str(other.pk)}


def test_a_change_that_bypasses_signals_is_seen_within_the_fingerprint_window(
    make_service, monkeypatch
):
    free = make_service(is_free=True, categories=[category("legal")])
    assert search(free=True).ids == [str(free.pk)]
    # A bulk update sends no signal: only the database fingerprint can tell.
    Service.objects.filter(pk=free.pk).update(
        is_free=False, last_modified=datetime(2030, 1, 1, tzinfo=UTC)
    )
    monkeypatch.setattr(freshness, "FINGERPRINT_SECONDS", 0)
    assert search(free=True).ids == []
    assert search().facets["free"] == {"true": 0}


def test_hidden_services_and_inactive_organisations_are_not_in_the_snapshot(make_service):
    shown = make_service()
    make_service(status=Service.Status.DEFUNCT)
    closed = make_service()
    closed.organization.is_active = False
    closed.organization.save()
    assert directory_snapshot().ids == [str(shown.pk)]


def test_overnight_opening_hours_count_as_open_after_midnight(make_service):
    night = make_service(categories=[category("shelter")])
    Schedule.objects.create(service=night, byday="FR", opens_at=time(20), closes_at=time(6))
    # Saturday 03:00 in Quito (08:00 UTC): still open from Friday night.
    saturday_night = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    assert search(open_now=True, now=saturday_night).ids == [str(night.pk)]
    saturday_noon = datetime(2026, 11, 28, 17, 0, tzinfo=UTC)
    assert search(open_now=True, now=saturday_noon).ids == []


def test_result_cards_follow_a_renamed_service(make_service, directory_page):
    service = make_service(name="Nombre anterior", name_es="Nombre anterior")
    with translation.override("es"):
        first = browse_directory({})
        assert [card["name"] for card in first["results"]] == ["Nombre anterior"]
        service.name = service.name_es = "Nombre nuevo"
        service.save()
        assert [card["name"] for card in browse_directory({})["results"]] == ["Nombre nuevo"]


def test_result_cards_are_copies(make_service, directory_page):
    """A distance shown to one visitor must not stick to the card the next one sees."""
    make_service(location={"province": "EC-P", "canton": "Quito"})
    near = browse_directory({"sort": "distance", "near": "EC-P"})
    assert "distance_km" in near["results"][0]
    assert "distance_km" not in browse_directory({})["results"][0]


def test_every_facet_has_its_data_in_both_backends_and_a_control_in_the_form(
    make_service, client, home_page
):
    """The facets are defined once (``search.facets``): each backend and the form follow."""
    make_service(categories=[category("legal")])
    snapshot = directory_snapshot()
    assert set(snapshot.options) == {facet.name for facet in CHOICE_FACETS}
    assert set(snapshot.flags) == {facet.name for facet in FLAG_FACETS if not facet.timed}
    assert set(search().facets) == {facet.name for facet in FACETS}
    mapping = EntryDocument._doc_type.mapping.to_dict()["properties"]
    assert {facet.document_field for facet in FACETS} <= set(mapping)
    assert set(directory_search(DirectoryQuery()).to_dict()["aggs"]) == set(search().facets)
    html = client.get("/es/directorio/buscar/").content.decode()
    for facet in FACETS:
        assert f'name="{facet.name}" ' in html, facet.name


def test_a_memory_is_rebuilt_when_the_content_version_or_the_fingerprint_moves(monkeypatch):
    rows = [1]
    memory = freshness.Memory("test-memory", lambda: len(rows))
    builds = []

    def build(stamp):
        builds.append(stamp)
        return len(builds)

    assert memory.get(build) == memory.get(build) == 1
    invalidate()  # a directory change anywhere (every worker sees the shared version)
    assert memory.get(build) == 2
    monkeypatch.setattr(freshness, "FINGERPRINT_SECONDS", 0)
    rows.append(2)  # a change that bypassed the signals
    assert memory.get(build) == 3
    freshness.forget()
    assert memory.get(build) == 4


def test_distance_sort_nearest_place_and_ties_by_id(make_service):
    """Services sharing their places share one distance; a service with several places is
    as near as its nearest one; equal distances keep the order of service ids."""
    machala = {
        "province": "EC-O",
        "canton": "Machala",
        "latitude": "-3.2600",
        "longitude": "-79.9600",
    }
    quito = {"province": "EC-P", "canton": "Quito", "latitude": "-0.1800", "longitude": "-78.4700"}
    first = make_service(location=quito)
    place = first.service_at_locations.get().location
    twins = [first] + [make_service(organization=first.organization) for _ in range(3)]
    for twin in twins[1:]:
        ServiceAtLocationFactory(service=twin, location=place)
        twin.service_at_locations.exclude(location=place).delete()
    far_and_near = make_service(location={**quito, "latitude": "-0.2000"})
    ServiceAtLocationFactory(
        service=far_and_near,
        location=LocationFactory(organization=far_and_near.organization, **machala),
    )
    snapshot = directory_snapshot()
    assert len(snapshot.place_sets) == 2  # the four twins share one set of places
    origin = (-3.2581, -79.9553)  # Machala
    result = DatabaseBackend().directory(DirectoryQuery(sort="distance", origin=origin))
    assert result.ids[0] == str(far_and_near.pk)
    assert result.distances[str(far_and_near.pk)][0] < 1
    assert result.ids[1:] == sorted(str(twin.pk) for twin in twins)
    assert len({result.distances[str(twin.pk)] for twin in twins}) == 1
