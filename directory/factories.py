"""Factories for directory objects, with both languages filled as editors do.

Taxonomy terms come from ``directory.vocabulary`` (stable codes): use ``category(code)``
and ``population(code)`` instead of inventing terms.
"""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from directory.models import (
    Contact,
    DirectoryIndexPage,
    Location,
    Organization,
    OrganizationMembership,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceCapacity,
    TaxonomyTerm,
)
from directory.vocabulary import POPULATIONS, SERVICE_CATEGORIES, ensure_vocabularies
from website.factories import TranslatedPageFactory


def _term(taxonomy_code, code):
    term = TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code, code=code).first()
    if term is None:  # transactional tests flush the data migration's rows
        ensure_vocabularies()
        term = TaxonomyTerm.objects.get(taxonomy__code=taxonomy_code, code=code)
    return term


def category(code):
    return _term(SERVICE_CATEGORIES, code)


def population(code):
    return _term(POPULATIONS, code)


class DirectoryIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio de servicios"
    slug = "directorio"
    title_en = "Service directory"
    slug_en = "directory"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Fundación Ejemplo {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    slug_es = factory.SelfAttribute("slug")
    slug_en = factory.LazyAttribute(lambda o: f"{o.slug}-en")
    description = factory.LazyAttribute(lambda o: f"Organización ficticia {o.name}.")
    description_es = factory.SelfAttribute("description")
    description_en = factory.LazyAttribute(lambda o: f"Fictional organisation {o.name}.")
    kind = Organization.Kind.NGO
    referral_contact_name = "Coordinación de casos"
    referral_phone = "+593 2-250-0000"
    referral_email = factory.LazyAttribute(lambda o: f"{o.slug}@example.invalid")
    is_demo = True


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Servicio {n}")
    name_es = factory.SelfAttribute("name")
    name_en = factory.LazyAttribute(lambda o: f"{o.name} (en)")
    description = "Atención ficticia para pruebas."
    description_es = factory.SelfAttribute("description")
    description_en = "Fictional care for tests."
    status = Service.Status.ACTIVE

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            self.categories.set(extracted if extracted is not None else [category("shelter")])

    @factory.post_generation
    def populations(self, create, extracted, **kwargs):
        if create and extracted:
            self.populations.set(extracted)


class ServiceCapacityFactory(factory.django.DjangoModelFactory):
    """A current bed count (staff-only): ``updated`` now unless given."""

    class Meta:
        model = ServiceCapacity

    service = factory.SubFactory(ServiceFactory)
    unit = ServiceCapacity.Unit.BEDS
    available = 3
    maximum = 12


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Sede {n}")
    canton = "Quito"
    province = "EC-P"
    is_confidential = False
    address_1 = factory.Sequence(lambda n: f"Calle Ficticia {n}")


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, organization=factory.SelfAttribute("..service.organization")
    )


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    number = factory.Sequence(lambda n: f"+593 99 900 {n % 10000:04d}")
    description = "Demo"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    title = "Coordinación"


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    byday = "MO"
    opens_at = "08:00"
    closes_at = "17:00"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persona{n}")
    password = factory.PostGenerationMethodCall("set_password", "contrasena-de-prueba")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
