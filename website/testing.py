"""Helpers for tests of any app."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_login(client, user):
    """Sign in and mark the session as verified with a TOTP device (as after the 2FA step)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Ruta", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
