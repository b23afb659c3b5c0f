import logging
import time

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from wagtail.admin.menu import admin_menu

from referrals.choices import Status
from referrals.factories import ReferralFactory, service_category, totp_device
from referrals.middleware import LAST_SEEN_KEY

from .conftest import verified_login

pytestmark = pytest.mark.django_db


def test_enrolled_user_must_verify_each_session(client, world):
    user = world["users"]["receiver"]
    device = totp_device(user)
    client.force_login(user)
    response = client.get(reverse("referrals:list"))
    assert response["Location"].startswith(reverse("referrals_2fa:verify"))
    bad = client.post(reverse("referrals_2fa:verify"), {"token": "123"})
    assert bad.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(
        reverse("referrals_2fa:verify") + "?next=" + reverse("referrals:list"),
        {"token": f"{totp(device.bin_key):06d}"},
    )
    assert ok["Location"] == reverse("referrals:list")
    assert client.get(reverse("referrals:list")).status_code == 200


def test_verify_refuses_an_external_next_url(client, world):
    user = world["users"]["receiver"]
    device = totp_device(user)
    client.force_login(user)
    response = client.post(
        reverse("referrals_2fa:verify") + "?next=https://evil.example/",
        {"token": f"{totp(device.bin_key):06d}"},
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_coordinator_needs_two_factor_for_reports(client, world):
    client.force_login(world["users"]["coordinator"])
    response = client.get(reverse("referrals:reports"))
    assert response["Location"].startswith(reverse("referrals_2fa:setup"))


def test_other_admin_users_need_two_factor_only_when_required(client, world):
    editor = world["users"]["nomember"]
    client.force_login(editor)
    with override_settings(RUTA_REQUIRE_2FA=False):
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    with override_settings(RUTA_REQUIRE_2FA=True):
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("referrals_2fa:setup"))


def test_idle_referral_session_is_signed_out(client, world):
    verified_login(client, world["users"]["sender"])
    assert client.get(reverse("referrals:list")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("referrals:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session


def test_active_session_within_thirty_minutes_stays(client, world):
    verified_login(client, world["users"]["sender"])
    client.get(reverse("referrals:list"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("referrals:list")).status_code == 200


def test_posts_need_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, world["users"]["sender"])
    referral = world["referral"]
    response = client.post(
        reverse("referrals:transition", args=[referral.pk, "withdraw"]),
        {"version": referral.version},
    )
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_staff_menu_shows_only_referrals_and_directory(client, world):
    verified_login(client, world["users"]["sender"])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    names = {item.name for item in _menu_items(response)}
    assert "referrals" in names
    assert not names & {"explorer", "images", "documents", "snippets", "settings"}


def _menu_items(response):
    return admin_menu.menu_items_for_request(response.wsgi_request)


def test_page_titles_and_urls_carry_no_person_data(client, world):
    referral = world["referral"]
    verified_login(client, world["users"]["sender"])
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert referral.risk_notes not in title
    assert referral.case_code in title
    assert str(referral.pk) in reverse("referrals:detail", args=[referral.pk])


def test_full_lifecycle_leaves_no_person_data_in_logs_or_mail(
    client, world, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    sender, receiver = world["users"]["sender"], world["users"]["receiver"]
    secrets = ["Nota-secreta-riesgo", "Necesidad-secreta", "Alcance-secreto", "Resultado-secreto"]
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        risk_notes=secrets[0],
        needs=secrets[1],
        consent_scope=secrets[2],
    )
    term = service_category()
    verified_login(client, sender)
    url = lambda name: reverse("referrals:transition", args=[referral.pk, name])  # noqa: E731

    def step(client, name, **data):
        referral.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url(name), {"version": referral.version, **data})
        assert response.status_code == 302, response.content[:500]

    step(client, "send")
    assert len(mail.outbox) == 1
    receiving = Client()
    verified_login(receiving, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        receiving.get(reverse("referrals:detail", args=[referral.pk]))
    step(receiving, "accept")
    step(receiving, "start")
    step(receiving, "complete", counter_referral=secrets[3], services_given=[term.pk])
    step(client, "close")
    client.get(reverse("referrals:export"))  # denied: no export permission (logged)
    referral.refresh_from_db()
    assert referral.status == Status.CLOSED

    # Every event told the other institution, one message per person: sent and closed the
    # receiver's staff; received, accepted, in service and completed the sender's.
    sending_staff = [[e] for e in sorted([sender.email, world["users"]["manager"].email])]
    assert [m.to for m in mail.outbox] == [
        [receiver.email],
        *sending_staff * 4,
        [receiver.email],
    ]
    forbidden = [*secrets, referral.case_code, "Venezuel", "venezol"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for value in forbidden:
        assert value not in logged, value
    for message in mail.outbox:
        text = " ".join(
            [message.subject, message.body, *(a for a, _ in getattr(message, "alternatives", ()))]
        )
        assert str(referral.pk) in text  # the link
        for value in forbidden:
            assert value not in text, value


@pytest.mark.parametrize(
    "path",
    [
        "/django-admin/",
        "/django-admin/otp_totp/totpdevice/",
        "/django-admin/auth/user/",
        "/django-admin/auth/user/1/password/",
        "/django-admin/login/",
    ],
)
def test_no_second_admin_bypasses_two_factor(client, world, path):
    """A superuser signed in with the password only reaches no admin screen: Django's own
    admin (which listed TOTP secrets and reset passwords) is not served at all."""
    client.force_login(world["users"]["superuser"])
    response = client.get(path, follow=True)
    assert response.status_code == 404
    for admin_marker in (b"Site administration", "Administración del sitio".encode()):
        assert admin_marker not in response.content


def test_password_only_superuser_is_sent_to_the_second_factor(client, world):
    client.force_login(world["users"]["superuser"])
    with override_settings(RUTA_REQUIRE_2FA=True):
        for path in ("/admin/", "/admin/users/", "/admin/pages/"):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("referrals_2fa:setup")), path
