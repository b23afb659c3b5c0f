"""The audit log, the CSV export of a user's referrals and the aggregate reports."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.access import is_directory_staff

from .. import audit, reports
from ..access import permission_policy
from ..models import AuditEntry
from .base import deny, forbidden, get_referral, require

Action = AuditEntry.Action

# Codes, institutions and timestamps only: no person data, free text or consent details.
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
def referral_audit(request, pk=None):
    referral = None
    if pk is not None:
        referral = get_referral(request, pk, Action.VIEW_AUDIT, "view_audit")
        entries = referral.audit_entries.all()
    else:
        require(request, "view_audit", Action.VIEW_AUDIT)
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


@never_cache
def referral_export(request):
    if not permission_policy.user_has_permission(request.user, "export"):
        if is_directory_staff(request.user):
            audit.record(request, Action.EXPORT, allowed=False)
            return forbidden(request, _("Exporting referrals needs a separate permission."))
        deny(request, Action.EXPORT)
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
    require(request, "view_aggregate_reports", Action.REPORT)
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
