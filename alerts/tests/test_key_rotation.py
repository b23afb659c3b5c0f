"""Key rotation covers the subscribers' addresses too: after it, the old key can go."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from alerts.factories import SubscriptionFactory
from alerts.models import Subscription
from referrals.crypto import decrypt

pytestmark = pytest.mark.django_db


def test_rotating_the_keys_reencrypts_subscription_addresses(settings):
    old_key = settings.REFERRAL_ENCRYPTION_KEYS[0]
    subscription = SubscriptionFactory(address="lectora.rotacion@ejemplo.invalid")
    new_key = Fernet.generate_key().decode()
    with override_settings(REFERRAL_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_referral_keys", stdout=(out := io.StringIO()))
    assert "1 change alert subscriptions" in out.getvalue()
    with connection.cursor() as cursor:
        table = Subscription._meta.db_table
        cursor.execute(f'SELECT "address" FROM "{table}" WHERE "id" = %s', [subscription.pk])  # noqa: S608
        (token,) = cursor.fetchone()
    assert "rotacion" not in token
    assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == subscription.address
    with override_settings(REFERRAL_ENCRYPTION_KEYS=[new_key]):  # the old key is gone
        assert decrypt(token) == "lectora.rotacion@ejemplo.invalid"
        assert Subscription.objects.get(pk=subscription.pk).address == subscription.address
