"""The second factor: enrolment needs an administrator's one-time code (not only the
password), is audited and notified; recovery codes work once, are shown once and can be
replaced; signing out ends the session whatever the method."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from referrals import accounts
from referrals.audit import Actor
from referrals.factories import totp_device
from referrals.models import AuditEntry, EnrolmentCode

from .conftest import verified_login

pytestmark = pytest.mark.django_db

SETUP = reverse("referrals_2fa:setup")
VERIFY = reverse("referrals_2fa:verify")


def token(device):
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a failure
    return f"{totp(device.bin_key):06d}"


def issue(user, admin=None):
    return accounts.issue_enrolment_code(user, Actor.for_user(admin))


def enrol(client, user, code):
    """Redeem ``code`` and confirm the new app; returns the response showing the codes."""
    assert client.post(SETUP, {"enrolment_code": code}).status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP + "?next=" + reverse("referrals:list"), {"token": token(device)})


def test_the_password_alone_does_not_enrol_a_factor(client, world):
    """Regression: the first sign-in used to show the QR code and enrol on the password."""
    user = world["users"]["sender"]
    client.force_login(user)
    response = client.get(reverse("referrals:list"))
    assert response["Location"].startswith(SETUP)
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert b"data:image/svg+xml" not in setup.content  # no QR code, no key
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "no-store" in setup["Cache-Control"]
    wrong = client.post(SETUP, {"enrolment_code": "BCDF-GHJK-LMNP"})
    assert wrong.status_code == 400
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="twofactor_refused", allowed=False).exists()
    assert client.get(reverse("referrals:list")).status_code == 302


def test_enrolment_with_an_administrators_code(client, world, django_capture_on_commit_callbacks):
    user = world["users"]["sender"]
    admin = world["users"]["superuser"]
    with django_capture_on_commit_callbacks(execute=True):
        code = issue(user, admin)
    assert [m.to for m in mail.outbox] == [[user.email]]  # told, without the code
    assert code not in mail.outbox[0].body
    client.force_login(user)
    assert client.post(SETUP, {"enrolment_code": code.lower()}).status_code == 302
    page = client.get(SETUP)
    assert b"data:image/svg+xml" in page.content  # the QR code, inline, no external request
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(SETUP, {"token": "000000"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SETUP + "?next=" + reverse("referrals:list"), {"token": token(device)}
        )
    assert response.status_code == 200
    codes = [t.token for t in StaticToken.objects.filter(device__user=user)]
    assert len(codes) == accounts.RECOVERY_CODE_COUNT
    assert all(c.encode() in response.content for c in codes)  # shown, once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("referrals:list")).status_code == 200
    assert AuditEntry.objects.filter(action="twofactor_enrolled", user=user).count() == 1
    notice = mail.outbox[-1]
    assert notice.to == [user.email]
    for secret in [*codes, code, device.key]:
        assert secret not in notice.body
    # The code is spent: a second enrolment with it is refused.
    other = Client()
    other.force_login(user)
    assert other.post(SETUP, {"enrolment_code": code}).status_code == 400


def test_wrong_codes_use_up_the_users_codes(client, world):
    user = world["users"]["sender"]
    code = issue(user)
    client.force_login(user)
    for _ in range(accounts.MAX_FAILED_ATTEMPTS):
        client.post(SETUP, {"enrolment_code": "BCDF-GHJK-LMNP"})
    assert client.post(SETUP, {"enrolment_code": code}).status_code == 400
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_new_code_replaces_the_earlier_one(client, world):
    user = world["users"]["sender"]
    first, second = issue(user), issue(user)
    client.force_login(user)
    assert client.post(SETUP, {"enrolment_code": first}).status_code == 400
    assert client.post(SETUP, {"enrolment_code": second}).status_code == 302


def test_a_new_app_replaces_a_lost_one(client, world):
    user = world["users"]["receiver"]
    old = totp_device(user)
    client.force_login(user)
    response = enrol(client, user, issue(user))
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_recovery_code_signs_in_once_and_is_audited(world, django_capture_on_commit_callbacks):
    user = world["users"]["receiver"]
    totp_device(user)
    codes = accounts.regenerate_recovery_codes(user, Actor.for_user(user))
    client = Client()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            VERIFY + "?next=" + reverse("referrals:list"), {"recovery_code": codes[0].upper()}
        )
    assert ok["Location"] == reverse("referrals:list")
    assert client.get(reverse("referrals:list")).status_code == 200
    assert AuditEntry.objects.filter(action="recovery_used", user=user).count() == 1
    assert mail.outbox[-1].to == [user.email]
    assert codes[0] not in mail.outbox[-1].body
    again = Client()
    again.force_login(user)
    assert again.post(VERIFY, {"recovery_code": codes[0]}).status_code == 400
    assert again.get(reverse("referrals:list")).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, world):
    user = world["users"]["sender"]
    old = accounts.regenerate_recovery_codes(user, Actor.for_user(user))
    verified_login(client, user)
    page = client.get(reverse("referrals_2fa:recovery"))
    assert page.status_code == 200
    assert str(len(old)).encode() in page.content
    response = client.post(reverse("referrals_2fa:recovery"))
    new = [t.token for t in StaticToken.objects.filter(device__user=user)]
    assert set(new).isdisjoint(old)
    assert all(c.encode() in response.content for c in new)
    assert AuditEntry.objects.filter(action="recovery_codes", user=user).count() == 2


def test_recovery_codes_page_needs_the_second_factor(client, world):
    user = world["users"]["sender"]
    totp_device(user)
    client.force_login(user)
    response = client.post(reverse("referrals_2fa:recovery"))
    assert response["Location"].startswith(VERIFY)
    assert not StaticToken.objects.filter(device__user=user).exists()


@pytest.mark.parametrize(("role", "status"), [("superuser", 200), ("sender", 404)])
def test_only_administrators_issue_codes(client, world, role, status):
    target = world["users"]["receiver"]
    verified_login(client, world["users"][role])
    url = reverse("referrals_2fa:codes")
    assert client.get(url).status_code == status
    response = client.post(url, {"username": target.username})
    assert response.status_code == status
    assert EnrolmentCode.objects.filter(user=target).exists() == (status == 200)
    if status == 200:
        assert AuditEntry.objects.filter(action="twofactor_code", detail=f"user={target.pk}")


def test_a_password_only_administrator_cannot_issue_codes(client, world):
    client.force_login(world["users"]["superuser"])
    response = client.post(reverse("referrals_2fa:codes"), {"username": "whoever"})
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    assert not EnrolmentCode.objects.exists()


def test_the_first_administrator_gets_a_code_from_the_command_line(world):
    admin = world["users"]["superuser"]
    out = io.StringIO()
    call_command("twofactor_enrolment_code", admin.username, stdout=out)
    code = out.getvalue().split()[-1]
    client = Client()
    client.force_login(admin)
    assert enrol(client, admin, code).status_code == 200
    assert AuditEntry.objects.filter(action="twofactor_code", username="manage.py").exists()


def test_demo_users_keep_their_published_secrets(client, world):
    """A user who already has an app (the demo users) only verifies: no code needed."""
    user = world["users"]["receiver"]
    device = totp_device(user)
    client.force_login(user)
    assert client.get(reverse("referrals:list"))["Location"].startswith(VERIFY)
    response = client.post(VERIFY + "?next=/admin/referrals/", {"token": token(device)})
    assert response["Location"] == "/admin/referrals/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_signing_out_ends_the_session(world, method):
    """Regression: GET /admin/logout/ dropped the cookie but left the session valid."""
    client = Client()
    verified_login(client, world["users"]["sender"])
    session_cookie = client.cookies["sessionid"].value
    response = getattr(client, method)("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login")
    replay = Client()
    replay.cookies["sessionid"] = session_cookie
    again = replay.get(reverse("referrals:list"))
    assert again.status_code == 302
    assert again["Location"].startswith(reverse("wagtailadmin_login"))
