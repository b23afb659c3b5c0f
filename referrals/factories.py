"""Factories for referral tests. Organisations and people are fictional; organisations come
from the directory's factories, people get an email (notifications) and a known password."""

import datetime

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory import factories as directory_factories
from directory.factories import OrganizationFactory  # referrals need no other defaults
from directory.models import Taxonomy, TaxonomyTerm

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


class UserFactory(directory_factories.UserFactory):
    """The directory's user with an email (referral notifications go to staff emails) and the
    password the login tests type."""

    email = factory.LazyAttribute(lambda o: f"{o.username}@demo.invalid")
    # Hashed before the user is saved: an overriding post-generation hook would run after the
    # parent's save_password hook (hooks run in declaration order) and never be stored.
    password = factory.django.Password("ruta-test-2026")


class MembershipFactory(directory_factories.MembershipFactory):
    """Staff (the model's default role) of a new fictional organisation, as a user above."""

    user = factory.SubFactory(UserFactory)


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
