"""Writes for the second factor: one-time enrolment codes an administrator gives out of
band, enrolling an authenticator app with one, and recovery codes (django-otp's static
tokens). Each write is audited in the same transaction, and the user is told by e-mail
(without any code) once it has committed."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, notifications
from .models import CASE_CODE_ALPHABET, AuditEntry, EnrolmentCode

Action = AuditEntry.Action
CODE_GROUPS = 3  # of four characters: 28**12, about 57 bits
MAX_FAILED_ATTEMPTS = 5
RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery"


def _normalise(code):
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _digest(code):
    return hashlib.sha256(_normalise(code).encode("ascii", "ignore")).hexdigest()


def _new_code():
    groups = (
        "".join(secrets.choice(CASE_CODE_ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def issue_enrolment_code(user, actor, now=None):
    """A new one-time code for ``user`` (earlier unused ones stop working); returns it, to
    be shown once to the administrator and never stored in clear."""
    now = now or timezone.now()
    code = _new_code()
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at=None, expires_at__gt=now).update(
            expires_at=now
        )
        EnrolmentCode.objects.create(
            user=user,
            digest=_digest(code),
            issued_by=actor.user,
            issued_at=now,
            expires_at=now + timedelta(hours=settings.RUTA_ENROLMENT_CODE_HOURS),
        )
        audit.write(actor, Action.TWO_FACTOR_CODE, detail=f"user={user.pk}")
        notifications.account_event(user, "code_issued")
    return code


def redeem_enrolment_code(user, code, actor, now=None):
    """Use up ``code`` and return a new, unconfirmed TOTP device for ``user``; None when the
    code is wrong or spent (after MAX_FAILED_ATTEMPTS wrong tries the user's codes stop
    working, so a stolen password cannot guess one)."""
    now = now or timezone.now()
    digest = _digest(code)
    with transaction.atomic():
        active = EnrolmentCode.objects.select_for_update().filter(
            user=user, used_at=None, expires_at__gt=now
        )
        match = next((c for c in active if hmac.compare_digest(c.digest, digest)), None)
        if match is None:
            active.update(failed_attempts=F("failed_attempts") + 1)
            EnrolmentCode.objects.filter(
                user=user, used_at=None, failed_attempts__gte=MAX_FAILED_ATTEMPTS
            ).update(expires_at=now)
            audit.write(actor, Action.TWO_FACTOR_REFUSED, allowed=False, detail=f"user={user.pk}")
            return None
        match.used_at = now
        match.save(update_fields=["used_at"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="Ruta", confirmed=False)


def _replace_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(device, actor):
    """The user typed a valid code from the new app: it replaces any earlier app, and new
    recovery codes are made. Returns the recovery codes (to be shown once)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(device.user)
        audit.write(actor, Action.TWO_FACTOR_ENROLLED, detail=f"user={device.user_id}")
        notifications.account_event(device.user, "enrolled")
    return codes


def regenerate_recovery_codes(user, actor):
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        audit.write(actor, Action.RECOVERY_CODES, detail=f"user={user.pk}")
        notifications.account_event(user, "recovery_codes")
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(
        device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
    ).count()


def note_recovery_code_used(user, actor):
    with transaction.atomic():
        audit.write(
            actor, Action.RECOVERY_USED, detail=f"user={user.pk} left={recovery_codes_left(user)}"
        )
        notifications.account_event(user, "recovery_used")
