"""Public pages of the change alerts (HTTP): subscribe, check your e-mail, confirm,
unsubscribe. None is cached; none says whether an address is subscribed."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from directory.ratelimit import within_limit
from infra.http import client_ip

from . import services
from .addresses import address_hash, read_unsubscribe_key
from .choices import ADDRESS_RATE, CLIENT_RATE
from .forms import SubscribeForm
from .selectors import subscription_for_unsubscribe


def _render(request, template, context=None, status=200):
    context = {"noindex": True, **(context or {})}
    return TemplateResponse(request, template, context, status=status)


def _within_limits(request, address):
    return within_limit("alerts-subscribe", client_ip(request), *CLIENT_RATE) and within_limit(
        "alerts-address", address_hash(address), *ADDRESS_RATE
    )


@never_cache
def subscribe(request):
    language = translation.get_language() or "es"
    form = SubscribeForm(request.POST or None, initial={"language": language})
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not _within_limits(request, form.cleaned_data["email"]):
            form.add_error(None, _("Too many requests were sent from here: try again later."))
            status = 429
        else:
            data = form.cleaned_data
            services.subscribe(data["email"], data["language"], data["organization"])
            return redirect("alerts:check_email")
    return _render(request, "alerts/subscribe.html", {"form": form}, status)


@never_cache
def check_email(request):
    return _render(request, "alerts/check_email.html")


@never_cache
def confirm(request, token):
    """GET shows a button (mail scanners that open links confirm nothing); POST confirms."""
    if request.method == "POST":
        if services.confirm(token) is None:
            return _render(request, "alerts/invalid_link.html", status=404)
        return redirect("alerts:confirmed")
    return _render(request, "alerts/confirm.html")


@never_cache
def confirmed(request):
    return _render(request, "alerts/confirmed.html")


@never_cache
@csrf_exempt  # RFC 8058 one-click POST from mail clients; the signed key is the proof
def unsubscribe(request, key):
    found = read_unsubscribe_key(key)
    if found is None:
        raise Http404(_("This unsubscribe link is not valid."))
    if request.method == "POST":
        subscription = subscription_for_unsubscribe(*found)
        if subscription is not None:
            services.unsubscribe(subscription)
        return _render(request, "alerts/unsubscribed.html")
    return _render(request, "alerts/unsubscribe.html")
