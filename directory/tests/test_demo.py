import io

import pytest
from django.contrib.auth import authenticate

from directory import demo
from directory.access import is_directory_staff, user_organizations
from directory.models import Location, Organization, Phone, Service, TaxonomyTerm
from directory.vocabulary import CATEGORY_TERMS, POPULATION_TERMS

pytestmark = pytest.mark.django_db


def test_demo_directory_is_rich_idempotent_and_valid(rf):
    out = io.StringIO()
    demo.load(out)
    counts = (Organization.objects.count(), Service.objects.count(), Location.objects.count())
    demo.load(out)
    assert (Organization.objects.count(), Service.objects.count(), Location.objects.count()) == (
        counts
    )
    fictional = Organization.objects.filter(is_demo=True)
    assert fictional.count() >= 40
    provinces = set(
        Location.objects.filter(organization__is_demo=True).values_list("province", flat=True)
    )
    assert len(provinces) >= 12
    for busy in ("EC-P", "EC-G", "EC-O"):
        assert fictional.filter(locations__province=busy).count() >= 5
    assert Service.objects.count() >= 120
    used_categories = set(
        TaxonomyTerm.objects.filter(services_in_category__isnull=False).values_list(
            "code", flat=True
        )
    )
    used_populations = set(
        TaxonomyTerm.objects.filter(services_for_population__isnull=False).values_list(
            "code", flat=True
        )
    )
    assert used_categories == set(CATEGORY_TERMS)
    assert used_populations == set(POPULATION_TERMS)
    assert Service.objects.filter(status=Service.Status.TEMPORARILY_CLOSED).exists()
    assert Location.objects.filter(is_confidential=True, organization__is_demo=True).count() >= 3
    assert all(s.name_en and s.name_es for s in Service.objects.all())
    # Real public bodies: public role only, no invented phone, address or email.
    public = Organization.objects.filter(is_demo=False)
    assert public.filter(slug_es=demo.DEMO_ORG_SLUGS["fiscalia"]).exists()
    assert not Phone.objects.filter(organization__in=public).exists()
    assert not public.exclude(referral_phone="").exists()
    assert not public.exclude(referral_email="").exists()
    assert not Location.objects.filter(organization__in=public).exclude(address_1="").exists()
    # Demo data passes the same validation as the admin forms.
    for phone in Phone.objects.all():
        phone.full_clean()
    for organization in fictional:
        organization.full_clean(validate_unique=False)
    for location in Location.objects.all():
        location.full_clean()
    for service in Service.objects.all()[:40]:
        service.full_clean()


def test_demo_staff_users(rf):
    demo.load(io.StringIO())
    memberships = {}
    for username in ("staff_acogida", "staff_fiscalia", "staff_otra"):
        user = authenticate(rf.get("/"), username=username, password=demo.DEMO_PASSWORD)
        assert user is not None, username
        assert is_directory_staff(user)
        memberships[username] = set(user_organizations(user).values_list("slug_es", flat=True))
    assert memberships["staff_acogida"] == {demo.DEMO_ORG_SLUGS["acogida"]}
    assert memberships["staff_fiscalia"] == {demo.DEMO_ORG_SLUGS["fiscalia"]}
    assert memberships["staff_otra"] == {demo.DEMO_ORG_SLUGS["otra"]}
