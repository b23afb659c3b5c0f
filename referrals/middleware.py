"""Two-factor enforcement, idle timeout and no caching for the referrals section.

- Referral users (members of a listed institution, coordinators) must have verified a TOTP
  device before any referral URL answers; with ``RUTA_REQUIRE_2FA`` every admin user must.
- Referral users are signed out after ``REFERRAL_IDLE_TIMEOUT_SECONDS`` without a request.
  The last request's time is written to the session at most once a minute (a write per
  request cost every staff page a session save); the timeout may so end up to a minute
  early, never late.
- Outside the admin, who is a referral user is read again at most once a minute (kept in
  the session): the public pages of a signed-in reader need it only for the idle timeout,
  and it cost four queries per page. Every admin request reads it afresh.
- Every referral and two-factor response carries ``Cache-Control: no-store``.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django_otp import user_has_device

from .access import requires_two_factor

LAST_SEEN_KEY = "ruta_referrals_last_seen"
ROLE_KEY = "ruta_referrals_role"  # [is a referral user, when it was read]
RESOLUTION_SECONDS = 60
EXEMPT_ADMIN_SUFFIXES = ("two-factor/", "login/", "logout/", "password_reset/", "jsi18n/")


class ReferralSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = reverse("wagtailadmin_home")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check(request, user, request.path_info, admin, admin + "referrals/")
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def _referral_user(request, user, now, in_admin):
        kept = request.session.get(ROLE_KEY)
        fresh = bool(kept) and 0 <= now - kept[1] < RESOLUTION_SECONDS
        if fresh and not in_admin:
            return kept[0]
        referral_user = requires_two_factor(user)
        if not fresh or kept[0] != referral_user:
            request.session[ROLE_KEY] = [referral_user, now]
        return referral_user

    def _check(self, request, user, path, admin, referrals):
        now = int(time.time())
        referral_user = self._referral_user(request, user, now, path.startswith(admin))
        if referral_user:
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen and now - last_seen > settings.REFERRAL_IDLE_TIMEOUT_SECONDS:
                logout(request)
                return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': path})}")
            if not last_seen or now - last_seen >= RESOLUTION_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        if not path.startswith(admin) or path.startswith(
            tuple(admin + suffix for suffix in EXEMPT_ADMIN_SUFFIXES)
        ):
            return None
        needs = (referral_user and path.startswith(referrals)) or settings.RUTA_REQUIRE_2FA
        if needs and not user.is_verified():
            step = "verify" if user_has_device(user, confirmed=True) else "setup"
            return redirect(f"{reverse(f'referrals_2fa:{step}')}?{urlencode({'next': path})}")
        return None


class ReferralNoStoreMiddleware:
    """Outermost, so that redirects made by later middleware (e.g. LocaleMiddleware turning
    a 404 into /es/...) carry ``no-store`` too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = reverse("wagtailadmin_home")
        if request.path_info.startswith((admin + "referrals/", admin + "two-factor/")):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response
