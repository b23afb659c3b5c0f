"""What every directory admin screen shares: who may enter (staff with two factors,
maintainers, membership managers), the 404 for another institution's records, no caching."""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django_otp import user_has_device

from directory.access import (
    is_directory_maintainer,
    is_directory_staff,
    member_organization,
)

NO_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"


def two_factor_step(request):
    """The second factor first (these screens show staff-only details)."""
    step = "verify" if user_has_device(request.user, confirmed=True) else "setup"
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse(f'referrals_2fa:{step}')}?{query}")


def _guarded(allowed):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise Http404
            verified = getattr(request.user, "is_verified", None)
            if not (callable(verified) and verified()):
                return two_factor_step(request)
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            response["Cache-Control"] = NO_STORE
            return response

        return wrapped

    return decorator


staff_view = _guarded(is_directory_staff)
maintainer_view = _guarded(is_directory_maintainer)


def signed_in(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


any_admin_view = _guarded(signed_in)


def organization_or_404(request, pk):
    """The user's own institution ``pk``; any other is as if it did not exist."""
    organization = member_organization(request.user, pk)
    if organization is None:
        raise Http404
    return organization


def render(request, template, context, status=200):
    return TemplateResponse(request, f"directory/admin/{template}", context, status=status)
