"""Writes of the readers' problem reports: a new report (the maintainers are told after the
commit), resolving it (which erases the reader's contact) and the scheduled purge.
Retention: docs/directory.md, "Problem reports"."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from directory import notifications
from directory.models import ProblemReport
from directory.upkeep_rules import setting


def submit(form, organization, language):
    """Save a valid ``ProblemReportForm`` for ``organization``."""
    with transaction.atomic():
        report = form.save(commit=False)
        report.organization = organization
        report.language = language or ""
        report.save()
        notifications.problem_reported(report)
    return report


def resolve(report_pk, user, note=""):
    """Mark a report resolved; the reader's contact is erased at once (it was only kept
    to ask them about it)."""
    with transaction.atomic():
        report = ProblemReport.objects.select_for_update().filter(pk=report_pk).first()
        if report is None or report.status == ProblemReport.Status.RESOLVED:
            return None
        report.status = ProblemReport.Status.RESOLVED
        report.resolved_at = timezone.now()
        report.resolved_by = user
        report.note = note[:500]
        report.contact = ""
        report.save()
    return report


def purge(now=None, dry_run=False):
    """Erase the contact of reports older than ``RUTA_PROBLEM_REPORT_CONTACT_DAYS`` and
    delete resolved reports older than ``RUTA_PROBLEM_REPORT_DAYS``; returns the counts."""
    now = now or timezone.now()
    contacts = ProblemReport.objects.filter(
        created_at__lt=now - timedelta(days=setting("RUTA_PROBLEM_REPORT_CONTACT_DAYS"))
    ).exclude(contact="")
    old = ProblemReport.objects.filter(
        status=ProblemReport.Status.RESOLVED,
        resolved_at__lt=now - timedelta(days=setting("RUTA_PROBLEM_REPORT_DAYS")),
    )
    if dry_run:
        return {"contacts_erased": contacts.count(), "reports_deleted": old.count()}
    with transaction.atomic():
        erased = contacts.update(contact="")
        deleted, _per_model = old.delete()
    return {"contacts_erased": erased, "reports_deleted": deleted}
