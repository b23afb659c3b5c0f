from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from directory.factories import LocationFactory, OrganizationFactory, PhoneFactory, ServiceFactory
from directory.models import Location, Phone, Schedule
from directory.validators import normalise_phone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (msgids); Spanish is checked by the catalogue."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02 250 0000", "+593 2-250-0000"),
        ("0991234567", "+593 99 123 4567"),
        ("+593 7 296 0000", "+593 7-296-0000"),
        ("1800 335486", "+593 1800 335 486"),
        ("911", "911"),
    ],
)
def test_ecuadorian_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "02 123 4567", "+1 202 555 0100x", "teléfono"])
def test_invalid_numbers_get_a_clear_message(raw):
    with pytest.raises(ValidationError, match="Ecuadorian phone number"):
        normalise_phone(raw)


def test_phone_clean_normalises_and_requires_an_owner():
    organization = OrganizationFactory()
    phone = Phone(organization=organization, number="02 250 0000")
    phone.full_clean()
    assert phone.number == "+593 2-250-0000"
    with pytest.raises(ValidationError) as error:
        Phone(number="02 250 0000").full_clean()
    assert "Attach the phone" in str(error.value)


def test_referral_phone_is_validated():
    organization = OrganizationFactory.build(referral_phone="123")
    with pytest.raises(ValidationError) as error:
        organization.full_clean(validate_unique=False)
    assert "referral_phone" in error.value.message_dict


@pytest.mark.parametrize(
    ("latitude", "longitude", "valid"),
    [
        ("-0.18", "-78.47", True),  # Quito
        ("-0.74", "-90.31", True),  # Galápagos
        ("-0.18", "78.47", False),  # wrong sign: Indian Ocean
        ("40.4", "-3.7", False),  # Madrid
    ],
)
def test_coordinates_must_be_inside_ecuador(latitude, longitude, valid):
    location = LocationFactory.build(
        organization=OrganizationFactory(), latitude=Decimal(latitude), longitude=Decimal(longitude)
    )
    if valid:
        location.full_clean()
    else:
        with pytest.raises(ValidationError, match="outside Ecuador"):
            location.full_clean()


def test_both_coordinates_or_none():
    location = LocationFactory.build(organization=OrganizationFactory(), latitude=Decimal("-1"))
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        location.full_clean()


def test_province_code_must_be_on_the_list():
    location = LocationFactory.build(organization=OrganizationFactory(), province="EC-ZZ")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "province" in error.value.message_dict


def test_shelters_are_confidential_by_default():
    assert Location(canton="Quito", province="EC-P").is_confidential is True


@pytest.mark.parametrize(
    ("minimum", "maximum", "field"),
    [(18, 12, "maximum_age"), (130, None, "minimum_age"), (None, 121, "maximum_age")],
)
def test_age_ranges_must_make_sense(minimum, maximum, field):
    service = ServiceFactory.build(
        organization=OrganizationFactory(), minimum_age=minimum, maximum_age=maximum
    )
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert field in error.value.message_dict


def test_fees_are_described_when_not_free():
    service = ServiceFactory.build(organization=OrganizationFactory(), is_free=False)
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "fees_description" in error.value.message_dict


def test_schedule_needs_a_day_and_times_unless_open_24_hours():
    service = ServiceFactory()
    with pytest.raises(ValidationError):
        Schedule(service=service, opens_at="08:00", closes_at="12:00").full_clean()
    with pytest.raises(ValidationError):
        Schedule(service=service, byday="MO").full_clean()
    Schedule(service=service, open_24_hours=True).full_clean()


def test_reserved_slugs_are_refused():
    organization = OrganizationFactory.build(slug="cobertura", slug_es="cobertura")
    with pytest.raises(ValidationError) as error:
        organization.full_clean(validate_unique=False)
    assert "slug_es" in error.value.message_dict


def test_missing_slugs_are_made_from_the_name():
    organization = OrganizationFactory.build(
        name="Fundación Ñandú", slug="", slug_es="", slug_en="", referral_email=""
    )
    organization.full_clean(validate_unique=False)
    assert organization.slug_es == "fundacion-nandu"
    assert organization.slug_en == "fundacion-nandu"


def test_phone_factory_numbers_are_valid():
    phone = PhoneFactory(organization=OrganizationFactory())
    phone.full_clean()
