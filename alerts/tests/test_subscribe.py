"""The public flow: subscribe → check your e-mail → confirm → unsubscribe; no enumeration,
clear answers to bad input, the address encrypted and never shown or logged."""

import io
import logging
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from alerts.addresses import address_hash
from alerts.choices import SubscriptionStatus
from alerts.factories import SubscriptionFactory
from alerts.models import Subscription

pytestmark = pytest.mark.django_db

ADDRESS = "Persona.Prueba@Ejemplo.invalid"


def url(name, language="es", *args):
    with translation.override(language):
        return reverse(f"alerts:{name}", args=args)


def subscribe(client, address=ADDRESS, language="es", **data):
    with_commit = {"email": address, "language": language, **data}
    return client.post(url("subscribe", language), with_commit)


def link_in(message, name):
    pattern = {
        "confirm": r"http://\S+/confirm\S*/",
        "unsubscribe": r"http://\S+/(?:baja|unsub)\S*/",
    }
    return re.search(pattern[name], message.body).group(0)


def path_of(link):
    return link.split("localhost", 1)[1]


def test_double_opt_in_then_one_click_unsubscribe(client, django_capture_on_commit_callbacks):
    assert client.get(url("subscribe")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client)
    assert response.status_code == 302
    assert response["Location"] == url("check_email")
    assert "Revise su correo" in client.get(response["Location"]).content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.address_hash == address_hash("persona.prueba@ejemplo.invalid")
    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM alerts_subscription")
        stored = cursor.fetchone()[0]
    assert "ejemplo" not in stored.lower()  # encrypted at rest

    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert message.subject == "Confirme su suscripción a los cambios del protocolo"
    confirm = path_of(link_in(message, "confirm"))
    assert ADDRESS.lower() not in confirm.lower()
    unsubscribe = link_in(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert client.get(confirm).status_code == 200  # a link scanner confirms nothing
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING
    response = client.post(confirm)
    assert response["Location"] == url("confirmed")
    assert Subscription.objects.get().status == SubscriptionStatus.CONFIRMED
    assert client.post(confirm).status_code == 302  # twice is harmless

    # One click from the mail client: a POST without a CSRF token deletes the row.
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(path_of(unsubscribe)).status_code == 200
    assert Subscription.objects.exists()
    response = strict.post(path_of(unsubscribe))
    assert response.status_code == 200
    assert "Se eliminó su dirección" in response.content.decode()
    assert not Subscription.objects.exists()
    assert strict.post(path_of(unsubscribe)).status_code == 200  # again: same answer


def test_english_flow_in_english(client, django_capture_on_commit_callbacks):
    assert url("subscribe", "en") == "/en/protocol-alerts/"
    assert url("subscribe", "es") == "/es/alertas-del-protocolo/"
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, language="en")
    [message] = mail.outbox
    assert message.subject == "Confirm your subscription to the protocol's changes"
    assert "/en/protocol-alerts/confirm/" in message.body


def test_no_enumeration_of_addresses(client, django_capture_on_commit_callbacks):
    SubscriptionFactory(address=ADDRESS)
    with django_capture_on_commit_callbacks(execute=True):
        known = subscribe(client)
        unknown = subscribe(client, address="otra@ejemplo.invalid")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [["otra@ejemplo.invalid"]]
    assert Subscription.objects.get(address_hash=address_hash(ADDRESS)).status == "confirmed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "no-es-un-correo"}, "Ingrese una dirección de correo válida"),
        ({"email": ""}, "Ingrese su dirección de correo."),
        ({"language": "fr"}, "Elija español o inglés."),
        ({"organization": "999999"}, "Elija una institución de la lista."),
    ],
)
def test_bad_input_is_answered_clearly(client, data, message):
    response = client.post(url("subscribe"), {"email": ADDRESS, "language": "es", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscription.objects.exists()


def test_bad_links_are_answered_clearly(client):
    response = client.post(url("confirm", "es", "no-such-token"))
    assert response.status_code == 404
    assert "Este enlace ya no funciona" in response.content.decode()
    assert client.get(url("unsubscribe", "es", "forged")).status_code == 404
    assert client.post(url("unsubscribe", "es", "forged:key")).status_code == 404


def test_an_unconfirmed_link_expires(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    confirm = path_of(link_in(mail.outbox[0], "confirm"))
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert client.post(confirm).status_code == 404
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_subscribe_is_rate_limited(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    answers = [
        subscribe(client, address=f"p{number}@ejemplo.invalid").status_code for number in range(6)
    ]
    assert answers == [302] * 5 + [429]
    assert "Se enviaron demasiadas solicitudes" in subscribe(client).content.decode()


def test_subscribe_needs_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert subscribe(strict).status_code == 403
    assert not Subscription.objects.exists()


def test_an_institution_can_be_followed(client, organization):
    subscribe(client, organization=str(organization.pk))
    assert Subscription.objects.get().organization == organization


def test_the_admin_shows_counts_never_addresses(client, organization):
    SubscriptionFactory(address="visible@ejemplo.invalid", organization=organization)
    SubscriptionFactory(address="otra@ejemplo.invalid", language="en")
    report = reverse("alerts_report")
    staff = get_user_model().objects.create_user("editora", "e@ruta.invalid", "x")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(report).status_code in (302, 403)
    staff.user_permissions.add(Permission.objects.get(codename="view_subscription"))
    html = client.get(report).content.decode()
    assert organization.name in html
    assert "ejemplo.invalid" not in html


def test_the_address_is_never_logged(client, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.DEBUG):
        with django_capture_on_commit_callbacks(execute=True):
            subscribe(client)
        client.post(path_of(link_in(mail.outbox[0], "confirm")))
    assert caplog.records  # the requests were logged at all
    assert "ejemplo" not in caplog.text.lower()


def test_unconfirmed_subscriptions_are_purged():
    old = SubscriptionFactory(status="pending", created_at=timezone.now() - timedelta(days=8))
    fresh = SubscriptionFactory(status="pending")
    confirmed = SubscriptionFactory(created_at=timezone.now() - timedelta(days=300))
    out = io.StringIO()
    call_command("purge_alert_subscriptions", stdout=out)
    assert "Unconfirmed subscriptions deleted: 1." in out.getvalue()
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed.pk}
    assert old.pk not in remaining
