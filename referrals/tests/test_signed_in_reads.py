"""What a signed-in referral user's public pages read and write (referrals/middleware.py):
the role is read again at most once a minute outside the admin and the last-seen time is
written at most once a minute, while the admin reads the role on every request and the
idle timeout still signs the user out."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.middleware import LAST_SEEN_KEY, ROLE_KEY

from .conftest import verified_login

pytestmark = pytest.mark.django_db


def sql_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [query["sql"] for query in queries]


def test_public_pages_read_the_role_and_write_the_session_once_a_minute(client, world, home_page):
    verified_login(client, world["users"]["sender"])
    first = sql_of(client, "/es/")
    assert any("directory_organizationmembership" in sql for sql in first)
    again = sql_of(client, "/es/")
    assert not any("directory_organizationmembership" in sql for sql in again)
    assert not any(sql.startswith("UPDATE") and "django_session" in sql for sql in again)


def test_admin_reads_the_role_on_every_request(client, world):
    verified_login(client, world["users"]["sender"])
    client.get(reverse("referrals:list"))
    again = sql_of(client, reverse("referrals:list"))
    assert any("directory_organizationmembership" in sql for sql in again)


def test_idle_user_is_signed_out_from_a_public_page_with_the_kept_role(client, world, home_page):
    verified_login(client, world["users"]["sender"])
    client.get("/es/")
    session = client.session
    assert session[ROLE_KEY][0] is True
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    client.get("/es/")
    assert "_auth_user_id" not in client.session
