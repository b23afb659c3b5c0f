"""Admin views of the referrals section. Every record is looked up through the permission
policy; anything outside the user's institutions is a 404 (and a denied audit entry)."""

import csv
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory.access import user_organizations
from directory.models import Organization

from . import audit, lifecycle, reports
from .access import has_referral_access, parties, permission_policy
from .choices import Exploitation, Language, Status, Urgency
from .forms import TRANSITION_FORMS, ReferralForm, SimpleTransitionForm
from .models import AuditEntry, ConcurrentEditError, Referral, StatusChange

Action = AuditEntry.Action
EDITABLE = {Status.DRAFT, Status.SENT, Status.RECEIVED}
CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this referral after you opened it. Your changes were not saved: "
    "reload the referral to see the current version."
)


def _deny(request, action, referral=None):
    audit.record(request, action, referral=referral, allowed=False)
    raise Http404


def _forbidden(request, message, referral=None):
    """A plain 403 page (Wagtail would turn PermissionDenied into a redirect home)."""
    return TemplateResponse(
        request,
        "referrals/forbidden.html",
        {"page_title": _("Not allowed"), "message": message, "referral": referral},
        status=403,
    )


def _require(request, permission, action):
    if not permission_policy.user_has_permission(request.user, permission):
        _deny(request, action)


def _get_referral(request, pk, action, permission="view"):
    referral = (
        Referral.objects.select_related("sending_organization", "receiving_organization")
        .filter(pk=pk)
        .first()
    )
    if referral is None or not permission_policy.user_has_permission_for_instance(
        request.user, permission, referral
    ):
        _deny(request, action, referral)
    return referral


def _dashboard_filters(user):
    organizations = user_organizations(user)
    waiting = Q(receiving_organization__in=organizations, status__in=[Status.SENT, Status.RECEIVED])
    deadline = timezone.now() - timedelta(hours=settings.REFERRAL_OVERDUE_HOURS)
    return {
        "action": (_("Action needed"), waiting),
        "sent": (pgettext("dashboard", "Sent"), Q(sending_organization__in=organizations)),
        "received": (
            pgettext("dashboard", "Received"),
            Q(receiving_organization__in=organizations) & ~Q(status=Status.DRAFT),
        ),
        "overdue": (
            _("Overdue"),
            Q(status__in=[Status.SENT, Status.RECEIVED], sent_at__lt=deadline)
            & ~Q(urgency=Urgency.ROUTINE),
        ),
    }


@never_cache
def referral_list(request):
    _require(request, "list", Action.LIST)
    base = permission_policy.instances_user_has_permission_for(request.user, "list")
    filters = _dashboard_filters(request.user)
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


def _initial_from_query(request, form_kwargs):
    initial = {}
    receiver = request.GET.get("receiver", "")
    organization = Organization.objects.filter(is_active=True, pk=_uuid(receiver)).first()
    if organization:
        initial["receiving_organization"] = organization
    form_kwargs["initial"] = initial
    return initial


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request):
    _require(request, "add", Action.CREATE)
    parent = None
    parent_id = _uuid(request.GET.get("parent", ""))
    if parent_id:
        parent = _get_referral(request, parent_id, Action.CREATE)
        if "receiver" not in parties(request.user, parent) or (
            parent.status not in lifecycle.ONWARD_STATUSES
        ):
            audit.record(request, Action.CREATE, parent, allowed=False, detail="onward")
            return _forbidden(request, _("Only the receiving institution can refer onward."))
    form_kwargs = {"user": request.user}
    initial = _initial_from_query(request, form_kwargs)
    if parent:
        initial.update(
            {
                "sending_organization": parent.receiving_organization,
                "province": parent.province,
                "age_range": parent.age_range,
                "gender": parent.gender,
                "nationality": parent.nationality,
                "languages": parent.languages,
                "is_minor": parent.is_minor,
                "exploitation_forms": parent.exploitation_forms,
                "urgency": parent.urgency,
            }
        )
    form = ReferralForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            referral = form.save(commit=False)
            referral.created_by = request.user
            referral.parent = parent
            referral.save()
            form.save_m2m()
            StatusChange.objects.create(
                referral=referral,
                to_status=Status.DRAFT,
                by=request.user,
                by_organization=referral.sending_organization,
            )
        audit.record(request, Action.CREATE, referral)
        messages.success(request, _("Referral %(code)s saved as a draft.") % {"code": referral})
        return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/form.html",
        {"page_title": _("New referral"), "form": form, "parent": parent},
        status=400 if form.is_bound else 200,
    )


@never_cache
def referral_detail(request, pk):
    referral = _get_referral(request, pk, Action.VIEW)
    sides = parties(request.user, referral)
    if "receiver" in sides and referral.status == Status.SENT:
        lifecycle.mark_received(referral, request.user)
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
            "can_edit": "sender" in sides and referral.status in EDITABLE,
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
    referral = _get_referral(request, pk, Action.EDIT, "change")
    if "sender" not in parties(request.user, referral) or referral.status not in EDITABLE:
        audit.record(request, Action.EDIT, referral, allowed=False)
        return _forbidden(
            request, _("Only the sending institution can edit, before acceptance."), referral
        )
    form = ReferralForm(request.POST or None, instance=referral, user=request.user)
    status = 200
    if request.method == "GET":
        audit.record(request, Action.EDIT, referral, detail="form")
    if request.method == "POST":
        status = 400
        if form.is_valid():
            expected = form.cleaned_data.get("version") or 0
            try:
                with transaction.atomic():
                    form.save(commit=False).save_checked(expected)
                    form.save_m2m()
            except ConcurrentEditError:
                audit.record(request, Action.EDIT, referral, allowed=False, detail="conflict")
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            else:
                audit.record(request, Action.EDIT, referral)
                messages.success(request, _("Referral %(code)s saved.") % {"code": referral})
                return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/form.html",
        {"page_title": _("Edit %(code)s") % {"code": referral}, "form": form, "referral": referral},
        status=status if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def referral_transition(request, pk, name):
    referral = _get_referral(request, pk, Action.STATUS, "change_status")
    sides = parties(request.user, referral)
    form_class = TRANSITION_FORMS.get(name, SimpleTransitionForm)
    form = form_class(request.POST or None, initial={"version": referral.version})
    status = 200
    try:
        transition = lifecycle.check(referral, name, sides)
    except lifecycle.TransitionError as error:
        audit.record(request, Action.STATUS, referral, allowed=False, detail=name)
        messages.error(request, str(error))
        code = 403 if error.forbidden else 400
        return TemplateResponse(
            request,
            "referrals/transition.html",
            {"page_title": referral.case_code, "referral": referral, "error": error},
            status=code,
        )
    if request.method == "POST":
        status = 400
        if form.is_valid():
            can_override = permission_policy.user_has_permission(request.user, "override_consent")
            try:
                lifecycle.apply(
                    referral,
                    name,
                    request.user,
                    sides,
                    form.cleaned_data["version"],
                    data=form.cleaned_data,
                    can_override=can_override,
                )
            except ConcurrentEditError:
                audit.record(request, Action.STATUS, referral, allowed=False, detail="conflict")
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except lifecycle.TransitionError as error:
                audit.record(request, Action.STATUS, referral, allowed=False, detail=name)
                form.add_error(None, str(error))
            else:
                audit.record(request, Action.STATUS, referral, detail=name)
                if referral.consent_overridden and name == "send":
                    audit.record(request, Action.CONSENT_OVERRIDE, referral)
                messages.success(
                    request,
                    _("Referral %(code)s: %(status)s.")
                    % {"code": referral, "status": referral.get_status_display()},
                )
                return redirect("referrals:detail", referral.pk)
    return TemplateResponse(
        request,
        "referrals/transition.html",
        {
            "page_title": referral.case_code,
            "referral": referral,
            "transition": transition,
            "form": form,
            "consent_problem": referral.consent_problem() if name == "send" else None,
            "can_override": permission_policy.user_has_permission(request.user, "override_consent"),
        },
        status=status,
    )


@never_cache
def referral_audit(request, pk=None):
    referral = None
    if pk is not None:
        referral = _get_referral(request, pk, Action.VIEW_AUDIT, "view_audit")
        entries = referral.audit_entries.all()
    else:
        _require(request, "view_audit", Action.VIEW_AUDIT)
        entries = permission_policy.audit_entries_for(request.user)
    audit.record(request, Action.VIEW_AUDIT, referral)
    return TemplateResponse(
        request,
        "referrals/audit.html",
        {
            "page_title": _("Audit log"),
            "referral": referral,
            "entries": entries.select_related("user")[:500],
        },
    )


EXPORT_FIELDS = [
    "case_code",
    "status",
    "urgency",
    "sending_organization",
    "receiving_organization",
    "province",
    "created_at",
    "sent_at",
    "received_at",
    "answered_at",
    "completed_at",
    "closed_at",
]


@never_cache
def referral_export(request):
    if not permission_policy.user_has_permission(request.user, "export"):
        if has_referral_access(request.user):
            audit.record(request, Action.EXPORT, allowed=False)
            return _forbidden(request, _("Exporting referrals needs a separate permission."))
        _deny(request, Action.EXPORT)
    referrals = permission_policy.instances_user_has_permission_for(
        request.user, "export"
    ).select_related("sending_organization", "receiving_organization")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="referrals.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_FIELDS)
    count = 0
    for referral in referrals:
        writer.writerow([_export_value(referral, name) for name in EXPORT_FIELDS])
        count += 1
    audit.record(request, Action.EXPORT, detail=f"rows={count}")
    return response


def _export_value(referral, name):
    value = getattr(referral, name)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@never_cache
def report_view(request, fmt="html"):
    _require(request, "view_aggregate_reports", Action.REPORT)
    report = reports.build()
    audit.record(request, Action.REPORT, detail=fmt)
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="referrals-report.csv"'
        writer = csv.writer(response)
        for row in reports.csv_rows(report):
            writer.writerow(row)
        return response
    return render(
        request,
        "referrals/reports.html",
        {"page_title": _("Referral reports"), "report": report},
    )
