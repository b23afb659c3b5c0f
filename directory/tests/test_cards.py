"""Result cards are read as plain values: they must say what the models say, with
wagtail-modeltranslation's fallback, and nothing a card does not show."""

import pytest
from django.utils import translation

from directory.cards import service_cards
from directory.display import province_name
from directory.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
)
from directory.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    organization = OrganizationFactory(name="Fundación Prueba", slug_es="fundacion", slug_en="")
    shelter = ServiceFactory(
        organization=organization,
        name_es="Casa de acogida",
        name_en="",  # falls back to Spanish
        alert_es="Cerrado por obras",
        alert_en="Closed for works",
        status=Service.Status.TEMPORARILY_CLOSED,
        categories=[category("shelter"), category("psychological")],
    )
    for canton, province in (("Quito", "EC-P"), ("Machala", "EC-O")):
        place = LocationFactory(
            organization=organization, canton=canton, province=province, is_confidential=True
        )
        ServiceAtLocationFactory(service=shelter, location=place)
    legal = ServiceFactory(
        organization=organization, name_es="Asesoría", name_en="Legal aid", is_free=True
    )
    closed = ServiceFactory(organization=OrganizationFactory(is_active=False))
    return shelter, legal, closed


@pytest.mark.parametrize("language", ["es", "en"])
def test_cards_say_what_the_models_say(services, language):
    shelter, legal, _closed = services
    with translation.override(language):
        cards = service_cards([str(s.pk) for s in services])
        assert set(cards) == {str(shelter.pk), str(legal.pk)}  # inactive organisation: none
        for service in (shelter, legal):
            service = Service.objects.get(pk=service.pk)
            card = cards[str(service.pk)]
            assert card["name"] == service.name
            assert card["alert"] == service.alert
            assert card["status_label"] == service.get_status_display()
            assert card["is_active"] is (service.status == Service.Status.ACTIVE)
            assert card["is_free"] is service.is_free
            assert card["organization"] == {
                "name": service.organization.name,
                "slug": service.organization.slug,
            }
            assert card["categories"] == [
                {"code": term.code, "name": term.name} for term in service.categories.all()
            ]
    assert cards[str(shelter.pk)]["name"] == "Casa de acogida"
    places = cards[str(shelter.pk)]["locations"]
    assert places == [
        {"canton": "Machala", "province": "EC-O", "province_name": province_name("EC-O")},
        {"canton": "Quito", "province": "EC-P", "province_name": province_name("EC-P")},
    ]
    assert set(cards[str(shelter.pk)]) == {
        "id",
        "name",
        "status",
        "status_label",
        "is_active",
        "is_free",
        "alert",
        "assured_date",
        "verification_overdue",
        "categories",
        "locations",
        "organization",
        "phones",
        "whatsapp",
        "referral_phone",
        "schedules",
        "is_24_hours",
    }
