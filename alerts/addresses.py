"""The address's keyed hash (lookup and uniqueness), confirmation tokens and the signed
unsubscribe key carried by every message."""

import hashlib
import secrets

from django.core import signing
from django.utils.crypto import salted_hmac

UNSUBSCRIBE_SALT = "ruta.alerts.unsubscribe"


def normalise(address):
    return address.strip().lower()


def address_hash(address):
    return salted_hmac("ruta.alerts.address", normalise(address), algorithm="sha256").hexdigest()


def new_token():
    """(token for the link, its hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def unsubscribe_key(subscription):
    """A signed (id, part of the token hash): the link works for this row only."""
    return signing.dumps([subscription.pk, subscription.token_hash[:16]], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_key(key):
    """(id, token hash prefix), or None for a key we did not sign."""
    try:
        pk, prefix = signing.loads(key, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk, prefix
