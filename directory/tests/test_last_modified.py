"""A service's last_modified follows every change a client copying it would need to see
(HSDS: "when the service, or any related information about the service, has changed")."""

from datetime import UTC, datetime

import pytest

from directory.factories import (
    ContactFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from directory.models import Language, Service
from directory.signals import keeping_last_modified

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def service():
    service = ServiceFactory()
    place = LocationFactory(organization=service.organization)
    ServiceAtLocationFactory(service=service, location=place)
    return service


@pytest.fixture
def other(service):
    """A service of the same organisation at another place, that must not move."""
    return ServiceFactory(organization=service.organization)


def age(*services):
    Service.objects.filter(pk__in=[s.pk for s in services]).update(last_modified=LONG_AGO)


def moved(service):
    return Service.objects.get(pk=service.pk).last_modified > LONG_AGO


def location_of(service):
    return service.service_at_locations.get().location


CHANGES = {
    "phone of the service": lambda s: PhoneFactory(service=s, number="02 250 0000"),
    "phone of its place": lambda s: PhoneFactory(location=location_of(s), number="02 250 0001"),
    "phone of its contact": lambda s: PhoneFactory(
        contact=ContactFactory(service=s), number="02 250 0002"
    ),
    "opening hours": lambda s: ScheduleFactory(service=s),
    "language": lambda s: Language.objects.create(service=s, code="qu", name="Kichwa"),
    "contact": lambda s: ContactFactory(service=s),
    "new place": lambda s: ServiceAtLocationFactory(
        service=s, location=LocationFactory(organization=s.organization)
    ),
    "edited place": lambda s: location_of(s).save(),
    "category": lambda s: s.categories.add(category("legal")),
    "category, from the term's side": lambda s: category("medical").services_in_category.add(s),
    "renamed category": lambda s: (
        s.categories.add(category("vocational")),
        age(s),
        category("vocational").save(),
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_related_changes_move_the_service_date(service, other, change):
    age(service, other)
    CHANGES[change](service)
    assert moved(service), change
    assert not moved(other), f"{change} moved another service"


def test_removals_move_the_service_date(service):
    phone = PhoneFactory(service=service, number="02 250 0000")
    schedule = ScheduleFactory(service=service)
    service.categories.add(category("legal"))
    for remove in (phone.delete, schedule.delete, service.categories.clear):
        age(service)
        remove()
        assert moved(service), remove


def test_renamed_organisation_moves_its_services(service, other):
    age(service, other)
    service.organization.name = "Nuevo nombre"
    service.organization.save()
    assert moved(service)
    assert moved(other)


def test_modified_after_finds_a_service_whose_phone_changed(client, service, other):
    age(service, other)
    PhoneFactory(service=service, number="02 250 0000")
    found = client.get(
        "/api/hsds/services", {"modified_after": "2021-01-01T00:00:00Z", "minimal": "true"}
    ).json()
    assert [item["id"] for item in found["contents"]] == [str(service.pk)]


def test_the_import_keeps_the_dates_it_is_given(service):
    age(service)
    with keeping_last_modified():
        ScheduleFactory(service=service)
    assert not moved(service)
    ScheduleFactory(service=service)
    assert moved(service)
