import re

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from referrals.audit import record
from referrals.crypto import decrypt
from referrals.factories import ReferralFactory
from referrals.models import CASE_CODE_ALPHABET, AuditEntry, ConcurrentEditError, Referral

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Riesgo: el tratante conoce la ciudad de origen"


def raw_row(referral, *columns):
    table = Referral._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {table} WHERE id = %s", [referral.pk.hex])  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # PostgreSQL stores UUIDs natively
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quoted} FROM {table} WHERE id = %s", [referral.pk])  # noqa: S608
            row = cursor.fetchone()
    return row


def test_sensitive_fields_are_encrypted_at_rest():
    referral = ReferralFactory(
        risk_notes=SECRET_TEXT,
        needs="Necesita acogida inmediata",
        consent_scope="Solo a la Fiscalía",
        exploitation_forms=["sexual", "begging"],
    )
    row = raw_row(referral, "risk_notes", "needs", "consent_scope", "exploitation_forms")
    for stored, plain in zip(
        row,
        [SECRET_TEXT, "Necesita acogida inmediata", "Solo a la Fiscalía", "sexual"],
        strict=True,
    ):
        assert plain not in stored
        assert stored.startswith("gAAAA")  # a Fernet token
    fresh = Referral.objects.get(pk=referral.pk)
    assert fresh.risk_notes == SECRET_TEXT
    assert fresh.exploitation_forms == ["sexual", "begging"]


def test_rotate_keys_reencrypts_with_the_first_key(settings):
    old_key = settings.REFERRAL_ENCRYPTION_KEYS[0]
    referral = ReferralFactory(risk_notes=SECRET_TEXT)
    new_key = Fernet.generate_key().decode()
    with override_settings(REFERRAL_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_referral_keys", stdout=(out := __import__("io").StringIO()))
        assert "Re-encrypted 1 referrals" in out.getvalue()
    (token,) = raw_row(referral, "risk_notes")
    # Only the new key opens it now: the old one may be dropped.
    assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == SECRET_TEXT
    with override_settings(REFERRAL_ENCRYPTION_KEYS=[new_key]):
        assert decrypt(token) == SECRET_TEXT
        assert Referral.objects.get(pk=referral.pk).risk_notes == SECRET_TEXT


def test_second_save_with_a_stale_version_is_refused():
    referral = ReferralFactory()
    first = Referral.objects.get(pk=referral.pk)
    second = Referral.objects.get(pk=referral.pk)
    first.needs = "Primera versión"
    first.save_checked(first.version)
    second.needs = "Segunda versión"
    with pytest.raises(ConcurrentEditError):
        second.save_checked(second.version)
    assert Referral.objects.get(pk=referral.pk).needs == "Primera versión"


def test_case_code_never_contains_vowels_or_names():
    codes = {ReferralFactory().case_code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert re.fullmatch(rf"DER-\d{{4}}-[{CASE_CODE_ALPHABET}]{{8}}", code)


def test_audit_entries_are_append_only():
    entry = AuditEntry.objects.create(action=AuditEntry.Action.VIEW, username="x")
    entry.detail = "cambiado"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="cambiado")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_audit_entries_have_no_edit_or_delete_urls():
    for name in ["referrals:audit_edit", "referrals:audit_delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_audit_records_the_client_ip(rf, settings):
    settings.RUTA_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    request.user = AnonymousUser()
    assert record(request, AuditEntry.Action.LIST).ip_address == "203.0.113.7"
    request = rf.get("/", REMOTE_ADDR="not-an-ip")
    request.user = AnonymousUser()
    assert record(request, AuditEntry.Action.LIST).ip_address is None
