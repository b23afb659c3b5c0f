"""Writing the append-only audit log (codes only; never person data or free text)."""

import ipaddress

from website.middleware import client_ip as forwarded_client_ip

from .models import AuditEntry


def client_ip(request):
    """The client address as the site's API middleware sees it (trusting only as many
    X-Forwarded-For hops as ``RUTA_TRUSTED_PROXY_COUNT``); None when it is not an IP."""
    value = forwarded_client_ip(request)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def record(request, action, referral=None, allowed=True, detail=""):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        allowed=allowed,
        referral=referral,
        case_code=referral.case_code if referral else "",
        detail=detail[:100],
        ip_address=client_ip(request),
    )
