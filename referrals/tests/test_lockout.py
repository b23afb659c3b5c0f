"""Login lockout (django-axes): one user name at one client address, read from the trusted
proxy hop; one person's mistakes, or a stranger's guesses, never lock anybody else out."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse

from referrals.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ruta-test-2026"
PROXY = "10.0.0.2"  # nginx, the same REMOTE_ADDR for every client


def sign_in(client, username, password, client_address=None, forged="203.0.113.250"):
    """A sign-in as it reaches gunicorn behind the documented nginx (one trusted hop)."""
    extra = {"REMOTE_ADDR": PROXY}
    if client_address:
        # A client may send its own X-Forwarded-For; nginx appends the real address.
        extra["HTTP_X_FORWARDED_FOR"] = f"{forged}, {client_address}"
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra
    )


def signed_in(client):
    return "_auth_user_id" in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_login_lockout_after_five_failures(world):
    user = world["users"]["sender"]
    client = Client()
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        client.post(url, {"username": user.username, "password": "wrong-password"})
    assert AccessAttempt.objects.filter(username=user.username).get().failures_since_start == 5
    # Now even the right password is refused.
    response = client.post(
        url,
        {"username": user.username, "password": "ruta-test-2026"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 429
    assert "Inicio de sesión bloqueado" in response.content.decode()  # in the user's language
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_out(world):
    user = world["users"]["sender"]
    client = Client()
    url = reverse("wagtailadmin_login")
    for _ in range(4):
        client.post(url, {"username": user.username, "password": "wrong-password"})
    response = client.post(url, {"username": user.username, "password": "ruta-test-2026"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, RUTA_TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("same_office", [True, False])
def test_failures_behind_the_proxy_never_lock_out_another_user(same_office):
    """User A fails 6 times and someone guesses a user name that does not exist, all through
    the same proxy: A is locked (at A's address), user B signs in, whether B shares A's
    office address or not, and A can still sign in from another address."""
    user_a, user_b = UserFactory(), UserFactory()
    address_a = "198.51.100.7"
    address_b = address_a if same_office else "198.51.100.8"
    stranger = Client()
    for _ in range(6):
        sign_in(Client(), user_a.username, "wrong-password", address_a)
        sign_in(stranger, "nobody-by-this-name", "guess", address_a)

    locked = Client()
    response = sign_in(locked, user_a.username, PASSWORD, address_a)
    assert response.status_code == 429
    assert not signed_in(locked)

    other = Client()
    response = sign_in(other, user_b.username, PASSWORD, address_b)
    assert response.status_code == 302, response.status_code
    assert signed_in(other)

    elsewhere = Client()
    assert sign_in(elsewhere, user_a.username, PASSWORD, "192.0.2.44").status_code == 302
    assert signed_in(elsewhere)
    # The lock names the real client address (the trusted hop), never the proxy.
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {address_a}


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, RUTA_TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_address_does_not_escape_the_lock():
    """Only the hop nginx adds counts: addresses the client writes before it change nothing."""
    user = UserFactory()
    real = "198.51.100.9"

    for index in range(5):
        sign_in(Client(), user.username, "wrong", real, forged=f"192.0.2.{index}")
    client = Client()
    response = sign_in(client, user.username, PASSWORD, real, forged="192.0.2.99")
    assert response.status_code == 429
    assert not signed_in(client)
