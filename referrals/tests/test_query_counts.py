"""The pages staff use run a constant number of queries whatever the number of referrals:
the referral list (both views), a referral's page and the admin dashboard, counted with
one referral and with thirty (see docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.choices import Status
from referrals.factories import ReferralFactory
from website.testing import verified_login

pytestmark = pytest.mark.django_db

BOUND = 40  # session, user, two-factor device, memberships, permissions, the page's reads


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def staff_pages(client, referral):
    urls = [
        reverse("referrals:list") + "?view=sent",
        reverse("referrals:list") + "?view=received",
        reverse("referrals:detail", args=[referral.pk]),
        reverse("wagtailadmin_home"),
    ]
    for url in urls:
        client.get(url)  # warm: the session's first request loads more
    return [count(client, url) for url in urls]


def test_staff_pages_do_not_grow_with_referrals(client, world, django_assert_max_num_queries):
    orgs = world["orgs"]
    verified_login(client, world["users"]["sender"])
    small = staff_pages(client, world["referral"])
    for _ in range(15):
        ReferralFactory(
            sending_organization=orgs["sender"],
            receiving_organization=orgs["receiver"],
            status=Status.SENT,
        )
        ReferralFactory(
            sending_organization=orgs["receiver"],
            receiving_organization=orgs["sender"],
            status=Status.SENT,
        )
    large = staff_pages(client, world["referral"])
    assert small == large
    with django_assert_max_num_queries(BOUND):
        client.get(reverse("referrals:list") + "?view=sent")
