"""Writing the append-only audit log (codes only; never person data or free text)."""

from .models import AuditEntry


def client_ip(request):
    # Behind the reverse proxy REMOTE_ADDR is the proxy unless it rewrites it (see
    # docs/deployment.md); we never trust a client-supplied X-Forwarded-For here.
    return request.META.get("REMOTE_ADDR") or None


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
