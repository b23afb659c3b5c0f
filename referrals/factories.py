"""Factories for referral tests. Organisations and people are fictional; the directory's own
factories may replace the two small ones here."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import Organization, OrganizationMembership, Taxonomy, TaxonomyTerm

from .choices import (
    AgeRange,
    ConsentGivenBy,
    Exploitation,
    Gender,
    Nationality,
    Status,
    Urgency,
)
from .models import Referral


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@demo.invalid")
    password = factory.django.Password("ruta-test-2026")


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A fictional, active institution (marked as demo data)."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Institución de prueba {n}")
    slug = factory.Sequence(lambda n: f"institucion-prueba-{n}")
    description = "Institución ficticia para pruebas."
    is_demo = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMembership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganizationMembership.Role.STAFF


def service_category(code="legal", name="Asesoría legal"):
    taxonomy, _ = Taxonomy.objects.get_or_create(
        code=Taxonomy.SERVICE_CATEGORIES,
        defaults={"name": "Categorías de servicio", "description": "Demo"},
    )
    term, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy=taxonomy, code=code, defaults={"name": name, "description": name}
    )
    return term


class ReferralFactory(factory.django.DjangoModelFactory):
    """A draft referral with valid consent (given by the person, an adult) and sample
    sensitive text that tests can look for."""

    class Meta:
        model = Referral

    sending_organization = factory.SubFactory(OrganizationFactory)
    receiving_organization = factory.SubFactory(OrganizationFactory)
    status = Status.DRAFT
    sent_at = factory.LazyAttribute(lambda o: None if o.status == Status.DRAFT else timezone.now())
    urgency = Urgency.ROUTINE
    province = "EC-P"
    age_range = AgeRange.YOUNG_ADULT
    gender = Gender.FEMALE
    nationality = Nationality.VENEZUELAN
    languages = factory.LazyFunction(lambda: ["es"])
    is_minor = False
    exploitation_forms = factory.LazyFunction(lambda: [Exploitation.LABOUR.value])
    risk_notes = "Nota de riesgo ficticia"
    needs = "Necesidad ficticia de acogida"
    consent_given = True
    consent_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    consent_given_by = ConsentGivenBy.PERSON
    consent_scope = "Datos mínimos a la institución receptora"
    consent_expires = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=90)
    )


def totp_device(user, key=None):
    """A confirmed TOTP device (``key`` in hex, as django-otp stores it)."""
    kwargs = {"user": user, "name": "Ruta", "confirmed": True}
    if key:
        kwargs["key"] = key
    return TOTPDevice.objects.create(**kwargs)
