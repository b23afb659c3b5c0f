"""Retention: every status has a period after which a referral is closed, and closed
referrals lose everything that could identify the person: at once when they were never
sent (nothing was shared), ``REFERRAL_RETENTION_MONTHS`` after closing otherwise. Kept for
aggregate reports: institutions, requested and given services, urgency, province, forms of
exploitation, status, timestamps and the decline reason code. See docs/referrals.md."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import audit, services
from .choices import Status
from .models import AuditEntry, Referral

ACTOR = audit.Actor(username="purge_referrals")

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


@dataclass(frozen=True)
class Rule:
    """A referral in one of ``statuses`` whose ``since`` is older than ``setting`` days is
    closed by the schedule."""

    name: str
    statuses: frozenset
    since: str
    setting: str

    def due(self, now):
        limit = now - timedelta(days=getattr(settings, self.setting))
        return Referral.objects.filter(status__in=self.statuses, **{f"{self.since}__lt": limit})


CLOSING_RULES = (
    Rule("draft", frozenset({Status.DRAFT}), "updated_at", "REFERRAL_DRAFT_DAYS"),
    Rule(
        "unanswered",
        frozenset({Status.SENT, Status.RECEIVED}),
        "sent_at",
        "REFERRAL_UNANSWERED_DAYS",
    ),
    Rule(
        "ended", frozenset({Status.DECLINED, Status.WITHDRAWN}), "updated_at", "REFERRAL_ENDED_DAYS"
    ),
    Rule(
        "active",
        frozenset({Status.ACCEPTED, Status.IN_SERVICE}),
        "updated_at",
        "REFERRAL_ACTIVE_DAYS",
    ),
    Rule("completed", frozenset({Status.COMPLETED}), "completed_at", "REFERRAL_COMPLETED_DAYS"),
)


def cutoff(now=None):
    now = now or timezone.now()
    # A month is counted as 30 days: simple, and never shorter than the setting says in
    # practice by more than a few days.
    return now - timedelta(days=30 * settings.REFERRAL_RETENTION_MONTHS)


def due_for_anonymisation(now):
    """Closed referrals never sent (at once) or closed before the cut-off."""
    closed = Referral.objects.filter(status=Status.CLOSED, closed_at__isnull=False)
    return closed.filter(Q(sent_at=None) | Q(closed_at__lt=cutoff(now)))


def _report(progress, label, done, total):
    if progress and total and (done % 100 == 0 or done == total):
        progress(f"  {label}: {done}/{total}")


def close_stale(now, dry_run=False, progress=None):
    """Close what each rule finds; returns the count per rule."""
    counts = {}
    for rule in CLOSING_RULES:
        pending = list(rule.due(now).values_list("pk", flat=True))
        counts[rule.name] = len(pending)
        if dry_run:
            continue
        closed = 0
        for done, pk in enumerate(pending, start=1):
            closed += services.close_by_schedule(pk, rule.name, ACTOR, now) is not None
            _report(progress, f"closing ({rule.name})", done, len(pending))
        counts[rule.name] = closed
    return counts


def anonymise(referral_pk, stamp):
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral_pk)
        if referral.anonymised_at is not None:
            return False
        for name, value in BLANKED.items():
            setattr(referral, name, value)
        referral.anonymised_at = stamp
        referral.version += 1
        referral.save()
        audit.write(ACTOR, AuditEntry.Action.PURGE, referral)
    return True


def purge(dry_run=False, progress=None, now=None):
    """Close stale referrals, then anonymise the closed ones that are due (idempotent)."""
    now = now or timezone.now()
    closed = close_stale(now, dry_run=dry_run, progress=progress)
    due = due_for_anonymisation(now)
    already = due.exclude(anonymised_at=None).count()
    pending = list(due.filter(anonymised_at=None).values_list("pk", flat=True))
    anonymised = len(pending)
    if dry_run:  # never-sent referrals the closing step would close are anonymised at once
        anonymised += sum(r.due(now).filter(sent_at=None).count() for r in CLOSING_RULES)
    else:
        anonymised = 0
        for done, pk in enumerate(pending, start=1):
            anonymised += anonymise(pk, now)
            _report(progress, "anonymising", done, len(pending))
    return {"closed": closed, "anonymised": anonymised, "already": already, "cutoff": cutoff(now)}
