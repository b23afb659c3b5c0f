from datetime import date
from decimal import Decimal

import pytest

from directory.factories import (
    ContactFactory,
    DirectoryIndexPageFactory,
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    category,
    population,
)
from directory.roles import ensure_maintainers_group

# Distinctive values of a confidential shelter: none may appear in any public output.
SENTINELS = {
    "address": "Pasaje Secreto Centinela 987",
    "address_2": "Casa Centinela Azul",
    "latitude": "-0.123457",
    "longitude": "-78.543219",
    "direct_phone": "+593 2-398-7654",
    "staff_phone": "+593 99-876-5432",
    "intake_notes": "NotaIngresoCentinela",
    "contact_email": "centinela-directa@example.invalid",
    "contact_name": "Contacto Centinela Interno",
    "transportation": "BusCentinela línea 77",
    "location_name": "Refugio Centinela",
    "shelter_service_phone": "+593 2-397-1113",
    "assurer_email": "verificadora-centinela@example.invalid",
    "place_description": "Tocar el timbre de la puerta verde Centinela",
    "capacity_note": "CamasCentinela para madres",
}
VACANCIES = 13579
CAPACITY = 24680


@pytest.fixture
def directory_page(home_page):
    return DirectoryIndexPageFactory(parent=home_page)


def build_sample():
    """An organisation with a confidential shelter (sentinel values) and a public office."""
    organization = OrganizationFactory(
        name="Casa Refugio Prueba",
        slug="casa-refugio-prueba",
        slug_en="test-refuge-house",
        referral_contact_name="Coordinación de casos",
        referral_phone="+593 2-250-0000",
        referral_email="referencias@example.invalid",
    )
    shelter = LocationFactory(
        organization=organization,
        name=SENTINELS["location_name"],
        is_confidential=True,
        address_1=SENTINELS["address"],
        address_2=SENTINELS["address_2"],
        canton="Rumiñahui",
        province="EC-P",
        latitude=Decimal(SENTINELS["latitude"]),
        longitude=Decimal(SENTINELS["longitude"]),
        transportation=SENTINELS["transportation"],
    )
    PhoneFactory(location=shelter, number=SENTINELS["direct_phone"], description="directa")
    office = LocationFactory(
        organization=organization,
        name="Oficina pública",
        is_confidential=False,
        address_1="Avenida Pública 100",
        canton="Quito",
        province="EC-P",
        latitude=Decimal("-0.2"),
        longitude=Decimal("-78.5"),
    )
    PhoneFactory(location=office, number="+593 2-250-1111", description="recepción")
    shelter_service = ServiceFactory(
        organization=organization,
        name="Acogida de prueba",
        categories=[category("shelter")],
        populations=[population("women"), population("girls")],
        intake_notes=SENTINELS["intake_notes"],
        minimum_age=0,
        maximum_age=99,
        accepts_mother_with_children=True,
        assured_date=date(2026, 9, 1),
        assurer_email=SENTINELS["assurer_email"],
    )
    ServiceCapacityFactory(
        service=shelter_service,
        available=VACANCIES,
        maximum=CAPACITY,
        description=SENTINELS["capacity_note"],
    )
    # Free text next to a secret place: it may say how to find it.
    ServiceAtLocationFactory(
        service=shelter_service, location=shelter, description=SENTINELS["place_description"]
    )
    PhoneFactory(service=shelter_service, number=SENTINELS["staff_phone"], is_staff_only=True)
    # Not marked staff-only, but the service is only at a confidential place: a direct line.
    PhoneFactory(service=shelter_service, number=SENTINELS["shelter_service_phone"])
    contact = ContactFactory(
        service=shelter_service,
        name=SENTINELS["contact_name"],
        email=SENTINELS["contact_email"],
        is_public=False,
    )
    PhoneFactory(contact=contact, number="+593 99-876-0000")
    ScheduleFactory(
        service=shelter_service, byday="", open_24_hours=True, opens_at=None, closes_at=None
    )
    legal = ServiceFactory(
        organization=organization, name="Asesoría de prueba", categories=[category("legal")]
    )
    ServiceAtLocationFactory(service=legal, location=office)
    PhoneFactory(service=legal, number="+593 2-250-2222", description="pública")
    ScheduleFactory(service=legal)
    return {
        "organization": organization,
        "shelter": shelter,
        "office": office,
        "shelter_service": shelter_service,
        "legal_service": legal,
    }


@pytest.fixture
def sample(db):
    return build_sample()


@pytest.fixture
def staff_user(sample):
    return MembershipFactory(organization=OrganizationFactory(name="Otra institución")).user


def build_institution(name, slug):
    """An institution with one of each record its members maintain, and a member."""
    organization = OrganizationFactory(name=name, slug=slug, slug_en=f"{slug}-en")
    location = LocationFactory(organization=organization, name=f"Sede {name}", canton="Quito")
    service = ServiceFactory(organization=organization, name=f"Servicio {name}")
    ServiceAtLocationFactory(service=service, location=location)
    return {
        "organization": organization,
        "service": service,
        "location": location,
        "phone": PhoneFactory(organization=organization, number="+593 2-250-3000"),
        "service_phone": PhoneFactory(service=service, number="+593 2-250-3001"),
        "location_phone": PhoneFactory(location=location, number="+593 2-250-3002"),
        "schedule": ScheduleFactory(service=service),
        "member": MembershipFactory(
            organization=organization, user__email=f"staff@{slug}.invalid"
        ).user,
    }


@pytest.fixture
def institutions(db):
    """Two institutions: ``own`` (the member's) and ``other``."""
    return {
        "own": build_institution("Casa Propia", "casa-propia"),
        "other": build_institution("Casa Ajena", "casa-ajena"),
    }


@pytest.fixture
def maintainer(db, django_user_model):
    user = django_user_model.objects.create_user(
        "mantenimiento", "mantenimiento@example.invalid", "x-Y-z-12345"
    )
    user.groups.add(ensure_maintainers_group())
    return user
