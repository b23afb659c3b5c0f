"""The second factor on django-otp (wagtail-2fa does not run on Wagtail 8): enrolment with
an administrator's one-time code, verification with the app or a recovery code, new
recovery codes, and signing out."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import accounts, audit
from ..forms import EnrolmentCodeForm, RecoveryCodeForm, TokenForm

ENROLLING_KEY = "ruta_2fa_enrolling"  # pk of the unconfirmed device a code was redeemed for
INVALID_TOKEN = gettext_lazy("That code is not valid. Check the time on your phone.")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _login_required(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}")
    return None


def verified_required(request):
    if denied := _login_required(request):
        return denied
    if not request.user.is_verified():
        step = "verify" if user_has_device(request.user) else "setup"
        return redirect(f"{reverse(f'referrals_2fa:{step}')}?{urlencode({'next': request.path})}")
    return None


def _base32(device):
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show_recovery_codes(request, codes, next_url):
    return TemplateResponse(
        request,
        "referrals/twofactor/recovery_codes.html",
        {"page_title": _("Your recovery codes"), "codes": codes, "next": next_url},
    )


def _pending_device(request):
    pk = request.session.get(ENROLLING_KEY)
    if pk is None:
        return None
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first()


@never_cache
@sensitive_post_parameters("token", "enrolment_code")
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: first the one-time code an administrator gave out of
    band, then the QR code (and the key as text), then one code from the app."""
    if denied := _login_required(request):
        return denied
    actor = audit.Actor.from_request(request)
    device = _pending_device(request)
    if device is None:
        form = EnrolmentCodeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            code = form.cleaned_data["enrolment_code"]
            device = accounts.redeem_enrolment_code(request.user, code, actor)
            if device is not None:
                request.session[ENROLLING_KEY] = device.pk
                return redirect(f"{request.path}?{urlencode({'next': _next_url(request)})}")
            form.add_error(
                "enrolment_code", _("That enrolment code is not valid, used or expired.")
            )
        return TemplateResponse(
            request,
            "referrals/twofactor/enrolment_code.html",
            {
                "page_title": _("Set up two-factor authentication"),
                "form": form,
                "next": _next_url(request),
                "has_device": user_has_device(request.user),
            },
            status=400 if form.is_bound else 200,
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            codes = accounts.confirm_enrolment(device, actor)
            del request.session[ENROLLING_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return _show_recovery_codes(request, codes, _next_url(request))
        form.add_error("token", INVALID_TOKEN)
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "referrals/twofactor/setup.html",
        {
            "page_title": _("Set up two-factor authentication"),
            "form": form,
            "qr_data_uri": qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
            "secret": _base32(device),
            "next": _next_url(request),
        },
        status=400 if form.is_bound else 200,
    )


def _verify_recovery_code(request, code):
    for device in StaticDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            accounts.note_recovery_code_used(request.user, audit.Actor.from_request(request))
            left = accounts.recovery_codes_left(request.user)
            messages.warning(
                request,
                _("You signed in with a recovery code; %(left)s are left.") % {"left": left},
            )
            return True
    return False


@never_cache
@sensitive_post_parameters("token", "recovery_code")
@require_http_methods(["GET", "POST"])
def verify(request):
    if denied := _login_required(request):
        return denied
    if not user_has_device(request.user, confirmed=True):
        return redirect(
            f"{reverse('referrals_2fa:setup')}?{urlencode({'next': _next_url(request)})}"
        )
    using_recovery = "recovery_code" in request.POST
    form = TokenForm(None if using_recovery else (request.POST or None))
    recovery_form = RecoveryCodeForm(request.POST if using_recovery else None)
    if using_recovery and recovery_form.is_valid():
        if _verify_recovery_code(request, recovery_form.cleaned_data["recovery_code"]):
            return redirect(_next_url(request))
        recovery_form.add_error("recovery_code", _("That recovery code is not valid or used."))
    elif request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", INVALID_TOKEN)
    return TemplateResponse(
        request,
        "referrals/twofactor/verify.html",
        {
            "page_title": _("Two-factor authentication"),
            "form": form,
            "recovery_form": recovery_form,
            "next": _next_url(request),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery(request):
    """How many recovery codes are left; a POST replaces them (shown once)."""
    if denied := verified_required(request):
        return denied
    if request.method == "POST":
        codes = accounts.regenerate_recovery_codes(request.user, audit.Actor.from_request(request))
        return _show_recovery_codes(request, codes, reverse("wagtailadmin_home"))
    return TemplateResponse(
        request,
        "referrals/twofactor/recovery.html",
        {
            "page_title": _("Recovery codes"),
            "left": accounts.recovery_codes_left(request.user),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_out(request):
    """End the session on the server (GET too: a shared computer, a bookmark or a typed
    address must really sign out), drop its cookie, and go to the sign-in page."""
    logout(request)
    response = redirect("wagtailadmin_login")
    response.delete_cookie(
        settings.SESSION_COOKIE_NAME,
        domain=settings.SESSION_COOKIE_DOMAIN,
        path=settings.SESSION_COOKIE_PATH,
    )
    request.session.modified = False
    # The HTTP cache and every cookie; not "storage": the service worker keeps only public
    # pages and static files, which a shared phone must keep for offline reading (docs/offline.md).
    response["Clear-Site-Data"] = '"cache", "cookies"'
    return response
