"""Bed counts from a phone: the member's services with their current counts and one-tap
buttons (one fewer, one more, unchanged), and a small form for any other number. Plain
forms that work without JavaScript."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from directory import staff_selectors, upkeep
from directory.access import user_organizations
from directory.capacity_export import current_counts
from directory.display import capacity_data, free_phrase
from directory.models import ServiceCapacity
from directory.serializers import hsds_service

from .base import render, staff_view

MAX_COUNT = 10_000


class CapacityForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), choices=ServiceCapacity.Unit.choices)
    available = forms.IntegerField(
        label=gettext_lazy("Free now"),
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    maximum = forms.IntegerField(
        label=gettext_lazy("Maximum"),
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
        help_text=gettext_lazy("Leave it empty to keep the maximum you gave last time."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Note (optional, e.g. “beds for women with children”)"),
        max_length=250,
        required=False,
    )


def _rows(services):
    rows = []
    for service in services:
        counts = []
        for capacity in service.current_capacities:
            data = capacity_data(capacity)
            data["fewer"] = max(capacity.available - 1, 0)
            data["more"] = capacity.available + 1
            data["full"] = capacity.maximum is not None and capacity.available >= capacity.maximum
            counts.append(data)
        rows.append({"service": service, "counts": counts})
    return rows


@staff_view
def capacity_home(request):
    services = staff_selectors.capacity_services(user_organizations(request.user))
    return render(
        request,
        "capacity_home.html",
        {"page_title": _("Free beds and places"), "rows": _rows(services)},
    )


def _back(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@staff_view
@require_http_methods(["GET", "POST"])
def capacity(request, pk):
    services = staff_selectors.capacity_services(user_organizations(request.user))
    service = get_object_or_404(services, pk=pk)
    form = CapacityForm(request.POST or None, initial={"unit": ServiceCapacity.Unit.BEDS})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = upkeep.record_capacity(
                service,
                request.user,
                unit=data["unit"],
                available=data["available"],
                maximum=data["maximum"],
                description=data["description"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Saved for “%(service)s”: %(free)s.")
                % {"service": service, "free": free_phrase(count.unit, count.available)},
            )
            return redirect(_back(request, reverse("directory_admin:capacity_home")))
    return render(
        request,
        "capacity.html",
        {
            "page_title": _("Free beds and places: %(service)s") % {"service": service},
            "service": service,
            "rows": _rows([service]),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


# --- the HSDS objects of the counts, for staff (never the public API: it is cached and
# answers everyone alike) ----------------------------------------------------------------


@staff_view
def hsds_service_view(request, pk):
    """A service as HSDS (``/api/hsds/services/{id}``) with its ``capacities``."""
    service = get_object_or_404(staff_selectors.hsds_services(), pk=pk)
    return JsonResponse(
        hsds_service(service, capacities=True), json_dumps_params={"ensure_ascii": False}
    )


@staff_view
def hsds_capacities(request):
    """Every current count (HSDS 3.1 ``service_capacity``), ``?organization_id=`` to narrow."""
    counts = current_counts()
    organization = request.GET.get("organization_id", "")
    if organization:
        try:
            services = set(
                staff_selectors.own_services(uuid.UUID(organization)).values_list("pk", flat=True)
            )
        except ValueError:
            return JsonResponse({"error": _("“organization_id” must be a UUID.")}, status=400)
        counts = [count for count in counts if uuid.UUID(count["service_id"]) in services]
    return JsonResponse(
        {"total_items": len(counts), "contents": counts},
        json_dumps_params={"ensure_ascii": False},
    )
