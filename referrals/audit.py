"""Writing the append-only audit log (codes only; never person data or free text)."""

import ipaddress
from dataclasses import dataclass

from website.middleware import client_ip as forwarded_client_ip

from .models import AuditEntry


def client_ip(request):
    """The client address as the site's API middleware sees it (trusting only as many
    X-Forwarded-For hops as ``RUTA_TRUSTED_PROXY_COUNT``); None when it is not an IP.
    django-axes reads it too (``AXES_CLIENT_IP_CALLABLE``), so the login lockout and the
    audit log name the same address."""
    value = forwarded_client_ip(request)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Actor:
    """Who does something, as the audit log records it: a signed-in user from a client
    address, or a scheduled job (``username`` only)."""

    user: object = None
    ip_address: str | None = None
    username: str = ""

    @classmethod
    def for_user(cls, user, ip_address=None):
        if user is None:
            return cls(ip_address=ip_address)
        return cls(user=user, ip_address=ip_address, username=user.get_username())

    @classmethod
    def from_request(cls, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        return cls.for_user(user if signed_in else None, client_ip(request))


def write(actor, action, referral=None, allowed=True, detail=""):
    return AuditEntry.objects.create(
        user=actor.user,
        username=actor.username,
        action=action,
        allowed=allowed,
        referral=referral,
        case_code=referral.case_code if referral else "",
        detail=detail[:100],
        ip_address=actor.ip_address,
    )


def record(request, action, referral=None, allowed=True, detail=""):
    return write(Actor.from_request(request), action, referral, allowed, detail)
