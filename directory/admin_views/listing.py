"""A member's screens for its institution's listing: the listing with what is due, the
proposal forms (change, add, remove), a proposal and its withdrawal, and "still correct".
Every record is looked up among the institution's own: any other is a 404."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from directory import proposals, staff_selectors, upkeep
from directory.access import user_organizations
from directory.display import capacity_data
from directory.models import ListingChange
from directory.proposal_forms import KINDS, diff_rows, member_form
from directory.upkeep_rules import is_overdue, soon_due_since, verification_due

from .base import organization_or_404, render, staff_view

SENT = gettext_lazy(
    "Your proposal was sent to the directory maintainers. Nothing changes publicly until "
    "they approve it."
)


@staff_view
def listing_home(request):
    organizations = list(user_organizations(request.user).order_by("name"))
    if len(organizations) == 1:
        return redirect("directory_admin:listing", organizations[0].pk)
    return render(
        request,
        "listing_home.html",
        {"page_title": _("Your institution's listing"), "organizations": organizations},
    )


def _service_rows(services):
    soon = soon_due_since()
    return [
        {
            "service": service,
            "due": verification_due(service.assured_date),
            "overdue": is_overdue(service.assured_date),
            "soon": service.assured_date is not None and service.assured_date < soon,
            "capacities": [capacity_data(c) for c in service.current_capacities],
            "locations": [sal.location for sal in service.service_at_locations.all()],
        }
        for service in services
    ]


@staff_view
def listing(request, org):
    organization = organization_or_404(request, org)
    data = staff_selectors.listing(organization)
    return render(
        request,
        "listing.html",
        {
            "page_title": organization.name,
            "organization": organization,
            "services": _service_rows(data["services"]),
            "locations": data["locations"],
            "phones": data["phones"],
            "changes": data["changes"],
            "decided": data["decided"],
        },
    )


def _kind(kind):
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    return spec


def _initial(request, organization):
    """A new phone or opening hours may start from one of the institution's services or
    places (``?service=`` or ``?location=``)."""
    initial = {}
    for name, records in (
        ("service", staff_selectors.own_services),
        ("location", staff_selectors.own_locations),
    ):
        try:
            pk = uuid.UUID(request.GET.get(name, ""))
        except ValueError:
            continue
        found = records(organization).filter(pk=pk).first()
        if found is not None:
            initial[name] = found
    return initial


@staff_view
@require_http_methods(["GET", "POST"])
def propose(request, org, kind, pk=None):
    organization = organization_or_404(request, org)
    spec = _kind(kind)
    instance = None
    if pk is not None:
        instance = get_object_or_404(spec.records(organization), pk=pk)
    elif not spec.can_create:
        raise Http404
    initial = _initial(request, organization) if instance is None else None
    data = request.POST if request.method == "POST" else None
    form = member_form(kind, organization, instance, data, initial)
    if data is not None and form.is_valid():
        try:
            proposals.propose(form, kind, request.user, instance)
        except proposals.NothingChanged:
            messages.info(request, _("You changed nothing, so nothing was proposed."))
        else:
            messages.success(request, SENT)
        return redirect("directory_admin:listing", organization.pk)
    title = _("Propose a change") if instance else _("Propose a new record")
    return render(
        request,
        "propose.html",
        {
            "page_title": f"{title}: {ListingChange.Kind(kind).label}",
            "organization": organization,
            "form": form,
            "instance": instance,
        },
        status=400 if form.is_bound else 200,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def remove(request, org, kind, pk):
    organization = organization_or_404(request, org)
    spec = _kind(kind)
    if not spec.can_delete:
        raise Http404
    instance = get_object_or_404(spec.records(organization), pk=pk)
    if request.method == "POST":
        proposals.propose_removal(kind, instance, organization, request.user)
        messages.success(request, SENT)
        return redirect("directory_admin:listing", organization.pk)
    return render(
        request,
        "remove.html",
        {
            "page_title": _("Propose to remove: %(record)s") % {"record": instance},
            "organization": organization,
            "instance": instance,
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def member_change(request, org, pk):
    organization = organization_or_404(request, org)
    change = get_object_or_404(ListingChange, pk=pk, organization=organization)
    if request.method == "POST":
        try:
            proposals.withdraw(change.pk, request.user)
        except proposals.AlreadyDecided:
            messages.error(request, _("This proposal was already decided."))
        else:
            messages.success(request, _("Your proposal was withdrawn."))
        return redirect("directory_admin:listing", organization.pk)
    return render(
        request,
        "change.html",
        {
            "page_title": str(change),
            "organization": organization,
            "change": change,
            "rows": diff_rows(change, staff_selectors.change_target(change)),
            "withdraw_url": request.path if change.is_pending else "",
        },
    )


@staff_view
@require_POST
def confirm(request, org, pk):
    """ "Still correct": one POST dates the service's listing today."""
    organization = organization_or_404(request, org)
    service = get_object_or_404(staff_selectors.own_services(organization), pk=pk)
    upkeep.confirm_still_correct(service, request.user)
    messages.success(
        request, _("Thank you: “%(service)s” is confirmed as correct today.") % {"service": service}
    )
    url = reverse("directory_admin:listing", args=[organization.pk])
    return redirect(f"{url}#service-{service.pk}")
