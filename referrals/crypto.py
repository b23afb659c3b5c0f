"""Encryption at rest for sensitive referral fields (MultiFernet, keys from the environment).

``REFERRAL_ENCRYPTION_KEYS`` holds comma-separated Fernet keys: the first encrypts, every key
decrypts, so a new key can be put in front and ``manage.py rotate_referral_keys`` re-encrypts
the stored values with it. See docs/referrals.md.
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models


@cache
def _fernet_for(keys):
    if not keys:
        raise ImproperlyConfigured("REFERRAL_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "REFERRAL_ENCRYPTION_KEYS must hold url-safe base64 Fernet keys."
        ) from error


def get_fernet():
    return _fernet_for(tuple(settings.REFERRAL_ENCRYPTION_KEYS))


def _clear_cache(setting, **kwargs):
    if setting == "REFERRAL_ENCRYPTION_KEYS":
        _fernet_for.cache_clear()


setting_changed.connect(_clear_cache)


def encrypt(text):
    return get_fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    try:
        return get_fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A referral field cannot be decrypted with REFERRAL_ENCRYPTION_KEYS "
            "(was a key removed before rotate_referral_keys ran?)."
        ) from error


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; the empty string stays empty (nothing to hide).

    Encrypted columns cannot be searched, filtered or ordered on, which is the point: reports
    aggregate them in Python.
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return self.decode(decrypt(value))

    def get_prep_value(self, value):
        value = self.encode(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def encode(self, value):
        return value

    def decode(self, text):
        return text


class EncryptedJSONListField(EncryptedTextField):
    """A list of codes (e.g. forms of exploitation), JSON-encoded, then encrypted."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def encode(self, value):
        if value in (None, "", []):
            return ""
        if isinstance(value, str):
            return value
        return json.dumps(list(value))

    def decode(self, text):
        return json.loads(text)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return []
        return super().from_db_value(value, expression, connection)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        if value in (None, ""):
            return []
        return json.loads(value)

    def formfield(self, **kwargs):
        return None
