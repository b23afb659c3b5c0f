"""Referral records: the dashboard list, a new referral, a record and its edit form. Every
record is looked up through the permission policy; anything outside the user's
institutions is a 404 (and a denied audit entry)."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory.models import Organization

from .. import audit, capacity, lifecycle, selectors, services
from ..access import parties, permission_policy
from ..choices import Exploitation, Language, Status
from ..forms import ReferralForm, SimpleTransitionForm
from ..models import AuditEntry, ConcurrentEditError
from .base import CONFLICT_MESSAGE, forbidden, get_referral, require

Action = AuditEntry.Action

# What an onward referral starts from (never the consent: the new receiver needs its own).
ONWARD_INITIAL = (
    "province",
    "age_range",
    "gender",
    "nationality",
    "languages",
    "is_minor",
    "exploitation_forms",
    "urgency",
)


@never_cache
def referral_list(request):
    require(request, "list", Action.LIST)
    base = permission_policy.instances_user_has_permission_for(request.user, "list")
    filters = selectors.dashboard_filters(request.user)
    current = request.GET.get("view", "action")
    if current not in filters:
        current = "action"
    tabs = [
        {"key": key, "label": label, "count": base.filter(q).count(), "current": key == current}
        for key, (label, q) in filters.items()
    ]
    referrals = (
        base.filter(filters[current][1])
        .select_related("sending_organization", "receiving_organization")
        .order_by("-created_at")[:200]
    )
    audit.record(request, Action.LIST, detail=f"view={current}")
    return TemplateResponse(
        request,
        "referrals/list.html",
        {
            "page_title": _("Referrals"),
            "tabs": tabs,
            "referrals": referrals,
            "can_export": permission_policy.user_has_permission(request.user, "export"),
            "can_view_audit": permission_policy.user_has_permission(request.user, "view_audit"),
        },
    )


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _initial(request, parent):
    initial = {}
    receiver = Organization.objects.filter(
        is_active=True, pk=_uuid(request.GET.get("receiver", ""))
    ).first()
    if receiver:
        initial["receiving_organization"] = receiver
    if parent:
        initial["sending_organization"] = parent.receiving_organization
        initial.update({name: getattr(parent, name) for name in ONWARD_INITIAL})
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request):
    require(request, "add", Action.CREATE)
    parent = None
    parent_id = _uuid(request.GET.get("parent", ""))
    if parent_id:
        parent = get_referral(request, parent_id, Action.CREATE)
        if "receiver" not in parties(request.user, parent) or (
            parent.status not in lifecycle.ONWARD_STATUSES
        ):
            audit.record(request, Action.CREATE, parent, allowed=False, detail="onward")
            return forbidden(request, _("Only the receiving institution can refer onward."))
    form = ReferralForm(request.POST or None, user=request.user, initial=_initial(request, parent))
    if request.method == "POST" and form.is_valid():
        seen = _capacity_seen(request, form)
        referral = services.create_referral(
            form, audit.Actor.from_request(request), parent, capacity_seen=seen
        )
        messages.success(request, _("Referral %(code)s saved as a draft.") % {"code": referral})
        _warn(request, seen)
        return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/form.html",
        {"page_title": _("New referral"), "form": form, "parent": parent, **_capacity(form)},
        status=400 if form.is_bound else 200,
    )


def _capacity(form):
    """The form's capacity notice and the moment it shows the counts."""
    return {"capacity": form.chosen_service_capacities(), "shown_at": capacity.shown_at_token()}


def _capacity_seen(request, form):
    moment = capacity.shown_at(request.POST.get("capacity_shown_at"))
    return capacity.seen(form.cleaned_data.get("receiving_service"), moment)


def _warn(request, seen):
    for warning in capacity.warnings(seen):
        messages.warning(request, warning)


@never_cache
def referral_detail(request, pk):
    referral = get_referral(request, pk, Action.VIEW)
    sides = parties(request.user, referral)
    if "receiver" in sides and referral.status == Status.SENT:
        services.mark_received(referral, audit.Actor.from_request(request))
    audit.record(request, Action.VIEW, referral)
    transitions = [
        {"transition": t, "form": SimpleTransitionForm(initial={"version": referral.version})}
        for t in lifecycle.available_transitions(referral, sides)
    ]
    return TemplateResponse(
        request,
        "referrals/detail.html",
        {
            "page_title": referral.case_code,
            "referral": referral,
            "sides": sides,
            "transitions": transitions,
            "changes": referral.changes.select_related("by", "by_organization"),
            "language_labels": [dict(Language.choices).get(c, c) for c in referral.languages],
            "exploitation_labels": [
                dict(Exploitation.choices).get(c, c) for c in referral.exploitation_forms
            ],
            "capacity_lines": capacity.lines(referral.capacity_seen),
            "capacity_warnings": capacity.warnings(referral.capacity_seen),
            "can_edit": "sender" in sides and referral.status in lifecycle.EDITABLE,
            "can_refer_onward": "receiver" in sides
            and referral.status in lifecycle.ONWARD_STATUSES,
            "can_view_audit": permission_policy.user_has_permission_for_instance(
                request.user, "view_audit", referral
            ),
            "onward": referral.onward_referrals.filter(
                pk__in=permission_policy.instances_user_has_permission_for(request.user, "view")
            ),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def referral_edit(request, pk):
    referral = get_referral(request, pk, Action.EDIT, "change")
    if "sender" not in parties(request.user, referral):
        audit.record(request, Action.EDIT, referral, allowed=False)
        return forbidden(request, services.EDIT_REFUSED, referral)
    if referral.status not in lifecycle.EDITABLE:
        # Once sent, the consent and the receiver are what the person agreed to: no edit.
        audit.record(request, Action.EDIT, referral, allowed=False, detail=referral.status)
        return forbidden(request, services.EDIT_REFUSED, referral)
    form = ReferralForm(request.POST or None, instance=referral, user=request.user)
    status = 200
    if request.method == "GET":
        audit.record(request, Action.EDIT, referral, detail="form")
    if request.method == "POST":
        status = 400
        if form.is_valid():
            expected = form.cleaned_data.get("version") or 0
            seen = _capacity_seen(request, form)
            try:
                services.update_referral(
                    form, audit.Actor.from_request(request), expected, capacity_seen=seen
                )
            except (ConcurrentEditError, lifecycle.TransitionError):
                audit.record(request, Action.EDIT, referral, allowed=False, detail="conflict")
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            else:
                messages.success(request, _("Referral %(code)s saved.") % {"code": referral})
                _warn(request, seen)
                return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/form.html",
        {
            "page_title": _("Edit %(code)s") % {"code": referral},
            "form": form,
            "referral": referral,
            **_capacity(form),
        },
        status=status if form.is_bound else 200,
    )
