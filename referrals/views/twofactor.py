"""TOTP enrolment and verification on django-otp (wagtail-2fa does not run on Wagtail 8)."""

import segno
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _login_required(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
    return None


@never_cache
@sensitive_post_parameters("token")
def setup(request):
    """Enrol an authenticator app: QR code (and the key as text), then confirm one code."""
    if denied := _login_required(request):
        return denied
    if user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('referrals_2fa:verify')}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Ruta", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check the time on your phone."))
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


def _base32(device):
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    if denied := _login_required(request):
        return denied
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('referrals_2fa:setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check the time on your phone."))
    return TemplateResponse(
        request,
        "referrals/twofactor/verify.html",
        {"page_title": _("Two-factor authentication"), "form": form, "next": _next_url(request)},
        status=400 if form.is_bound else 200,
    )
