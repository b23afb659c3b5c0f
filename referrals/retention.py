"""Retention: referrals closed longer than ``REFERRAL_RETENTION_MONTHS`` lose everything
that could identify the person. Kept for aggregate reports: institutions, requested and
given services, urgency, province, forms of exploitation, status, timestamps and the decline
reason code."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, Referral

BLANKED = {
    "age_range": "",
    "gender": "",
    "nationality": "",
    "languages": [],
    "is_minor": None,
    "risk_notes": "",
    "needs": "",
    "consent_date": None,
    "consent_given_by": "",
    "consent_scope": "",
    "consent_expires": None,
    "consent_override_reason": "",
    "decline_reason_other": "",
    "counter_referral": "",
}


def cutoff(now=None):
    now = now or timezone.now()
    # A month is counted as 30 days: simple, and never shorter than the setting says in
    # practice by more than a few days.
    return now - timedelta(days=30 * settings.REFERRAL_RETENTION_MONTHS)


def purge(dry_run=False, progress=None, now=None):
    limit = cutoff(now)
    due = Referral.objects.filter(closed_at__lt=limit)
    already = due.exclude(anonymised_at=None).count()
    pending = list(due.filter(anonymised_at=None).values_list("pk", flat=True))
    if dry_run:
        return {"anonymised": len(pending), "already": already, "cutoff": limit}
    stamp = timezone.now()
    for done, pk in enumerate(pending, start=1):
        with transaction.atomic():
            referral = Referral.objects.select_for_update().get(pk=pk)
            for name, value in BLANKED.items():
                setattr(referral, name, value)
            referral.anonymised_at = stamp
            referral.version += 1
            referral.save()
            AuditEntry.objects.create(
                action=AuditEntry.Action.PURGE,
                referral=referral,
                case_code=referral.case_code,
                username="purge_referrals",
            )
        if progress and (done % 100 == 0 or done == len(pending)):
            progress(f"  {done}/{len(pending)}")
    return {"anonymised": len(pending), "already": already, "cutoff": limit}
