import base64
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.access import is_directory_staff
from referrals import demo
from referrals.access import is_coordinator
from referrals.choices import Status
from referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_demo_referrals_cover_every_status_and_load_twice():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Referral.objects.count() >= 30
    assert set(Referral.objects.values_list("status", flat=True)) == set(Status.values)
    users = get_user_model().objects
    assert is_directory_staff(users.get(username="gestor_acogida"))
    assert is_coordinator(users.get(username="coordinacion"))
    assert not is_directory_staff(users.get(username="coordinacion"))
    for referral in Referral.objects.all():
        assert referral.sending_organization_id != referral.receiving_organization_id
        assert referral.sending_organization.is_demo


def test_demo_totp_secrets_are_the_documented_ones():
    demo.load(io.StringIO())
    device = TOTPDevice.objects.get(user__username="staff_fiscalia", name="demo")
    assert device.key == demo.DEMO_TOTP_KEYS["staff_fiscalia"]
    assert device.verify_token(f"{totp(device.bin_key):06d}")


def test_readme_lists_the_demo_totp_secrets():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    for username, key in demo.DEMO_TOTP_KEYS.items():
        secret = base64.b32encode(bytes.fromhex(key)).decode()
        assert f"| `{username}` | `{secret}` |" in readme
