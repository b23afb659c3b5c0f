"""The pages the anonymous crawl reached, read again by people who are signed in but may
not see staff details: a visitor with an account (second factor verified, member of no
institution) and the staff of a listed institution who signed in with the password only
(``directory.access.sees_staff_details`` needs both membership and the second factor)."""

from django.apps import apps
from django.test import Client

from referrals.factories import MembershipFactory, UserFactory
from website.testing import verified_login

from .outputs import Reader
from .site import kind_of

VISITOR, PASSWORD_ONLY_STAFF = "signed-in visitor", "staff without second factor"


def signed_in_clients():
    visitor = Client(raise_request_exception=False)
    verified_login(visitor, UserFactory())
    Organization = apps.get_model("directory", "Organization")
    organization = Organization.objects.filter(is_active=True).order_by("pk").first()
    staff = Client(raise_request_exception=False)
    staff.force_login(MembershipFactory(organization=organization).user)
    return {VISITOR: visitor, PASSWORD_ONLY_STAFF: staff}


def pages_of(urls):
    """The crawl's pages (no filters, pagers, files or the admin's sign-in)."""
    return sorted(url for url in urls if kind_of(url) == "page" and not url.startswith("/admin/"))


def read_as_members(markers, urls):
    """{who: Reader} after each has read every page."""
    readers = {}
    for who, client in signed_in_clients().items():
        reader = Reader(markers, client=client)
        for url in pages_of(urls):
            reader.get(url, who)
        readers[who] = reader
    return readers
