"""Members cannot touch other institutions' listings: every edit URL of another
institution's records is a 404 (each kind of record, each action, GET and POST), and
nothing changes; the maintainers' screens are a 404 to members; everything needs the
second factor."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from directory.models import ListingChange, OrganizationMembership, Phone, Service
from directory.proposal_forms import KINDS
from website.testing import verified_login

pytestmark = pytest.mark.django_db

RECORDS = {
    "organization": ("organization",),
    "service": ("service",),
    "location": ("location",),
    "phone": ("phone", "service_phone", "location_phone"),
    "schedule": ("schedule",),
}


def edit_urls(world, other_org=None):
    """(method, url) of every member edit URL for ``world``'s records, under the
    organisation ``other_org`` (default: the records' own)."""
    org = (other_org or world["organization"]).pk
    urls = [("get", reverse("directory_admin:listing", args=[org]))]
    for kind, keys in RECORDS.items():
        spec = KINDS[kind]
        if spec.can_create:
            url = reverse("directory_admin:propose_new", args=[org, kind])
            urls += [("get", url), ("post", url)]
        for key in keys:
            pk = world[key].pk
            url = reverse("directory_admin:propose", args=[org, kind, pk])
            urls += [("get", url), ("post", url)]
            if spec.can_delete:
                url = reverse("directory_admin:remove", args=[org, kind, pk])
                urls += [("get", url), ("post", url)]
    service = world["service"].pk
    urls += [
        ("post", reverse("directory_admin:confirm", args=[org, service])),
        ("get", reverse("directory_admin:capacity", args=[service])),
        ("post", reverse("directory_admin:capacity", args=[service])),
    ]
    return urls


def snapshot():
    return (
        ListingChange.objects.count(),
        sorted(Service.objects.values_list("assured_date", "name_es")),
        Phone.objects.count(),
    )


@pytest.fixture
def others_change(institutions):
    world = institutions["other"]
    return ListingChange.objects.create(
        organization=world["organization"],
        kind="phone",
        action="delete",
        object_id=world["phone"].pk,
        proposed_by=world["member"],
    )


def test_every_edit_url_of_another_institution_is_a_404(client, institutions, others_change):
    verified_login(client, institutions["own"]["member"])
    other = institutions["other"]
    before = snapshot()
    urls = edit_urls(other)
    # The other's records under the member's own institution are not found either.
    records = [str(other[key].pk) for keys in RECORDS.values() for key in keys]
    urls += [
        (method, url)
        for method, url in edit_urls(other, other_org=institutions["own"]["organization"])
        if any(pk in url for pk in records) and "/capacity/" not in url
    ]
    org = other["organization"].pk
    change = reverse("directory_admin:member_change", args=[org, others_change.pk])
    urls += [("get", change), ("post", change)]
    assert len(urls) > 40
    for method, url in urls:
        response = getattr(client, method)(url, {"available": "5", "unit": "beds"})
        assert response.status_code == 404, (method, url, response.status_code)
    assert snapshot() == before
    others_change.refresh_from_db()
    assert others_change.status == ListingChange.Status.PENDING


def test_the_same_urls_work_for_the_institution_itself(client, institutions):
    world = institutions["own"]
    verified_login(client, world["member"])
    for method, url in edit_urls(world):
        if method == "get":
            assert client.get(url).status_code == 200, url
    assert (
        client.post(
            reverse("directory_admin:confirm", args=[world["organization"].pk, world["service"].pk])
        ).status_code
        == 302
    )


def test_an_unknown_kind_is_a_404(client, institutions):
    world = institutions["own"]
    verified_login(client, world["member"])
    org = world["organization"].pk
    for kind in ("contact", "taxonomy", "changes-x"):
        assert client.get(f"/admin/directory/listing/{org}/{kind}/new/").status_code == 404


def test_the_second_factor_comes_first(institutions):
    client = Client()
    client.force_login(institutions["own"]["member"])  # password only
    response = client.get(reverse("directory_admin:listing_home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/")


def test_maintainers_screens_are_a_404_to_members(client, institutions):
    verified_login(client, institutions["own"]["member"])
    for name in ("queue", "verification", "problems"):
        assert client.get(reverse(f"directory_admin:{name}")).status_code == 404


def test_users_of_no_institution_get_a_404(client, django_user_model):
    user = django_user_model.objects.create_user("nadie", password="x-Y-z-12345")
    user.user_permissions.add(*_access_admin())
    verified_login(client, user)
    for name in ("listing_home", "capacity_home"):
        assert client.get(reverse(f"directory_admin:{name}")).status_code == 404


def _access_admin():
    return Permission.objects.filter(codename="access_admin")


def test_snippet_urls_of_another_institution_are_a_404(client, institutions):
    """The maintainers' own screens: a member never changes anything there; another
    institution's record is a 404 on every one of them, its own record's edit screen leads
    to the proposal form."""
    own, other = institutions["own"], institutions["other"]
    verified_login(client, own["member"])
    for model, key in (
        ("organization", "organization"),
        ("service", "service"),
        ("location", "location"),
        ("phone", "phone"),
    ):
        for view in ("edit", "delete", "history", "usage"):
            url = reverse(f"wagtailsnippets_directory_{model}:{view}", args=[other[key].pk])
            assert client.get(url).status_code == 404, url
            assert client.post(url, {}).status_code == 404, url
        own_edit = reverse(f"wagtailsnippets_directory_{model}:edit", args=[own[key].pk])
        response = client.get(own_edit)
        assert response.status_code == 302
        assert "/admin/directory/listing/" in response["Location"]
    assert OrganizationMembership.objects.count() == 2
