import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from referrals.choices import Status
from referrals.factories import MembershipFactory, ReferralFactory, service_category
from referrals.models import AuditEntry, Referral

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("purge_referrals", *args, stdout=out)
    return out.getvalue()


def test_purge_anonymises_only_old_closed_referrals(settings):
    settings.REFERRAL_RETENTION_MONTHS = 24
    now = timezone.now()
    old = ReferralFactory(
        status=Status.CLOSED, closed_at=now - timedelta(days=800), counter_referral="Resultado"
    )
    old.requested_services.add(service_category())
    recent = ReferralFactory(status=Status.CLOSED, closed_at=now - timedelta(days=100))
    open_one = ReferralFactory(status=Status.IN_SERVICE)

    assert "Would anonymise 1 referrals" in run("--dry-run")
    assert Referral.objects.get(pk=old.pk).anonymised_at is None

    output = run()
    assert "Anonymised 1 referrals" in output
    old.refresh_from_db()
    assert old.anonymised_at is not None
    for name in ["risk_notes", "needs", "consent_scope", "counter_referral", "age_range"]:
        assert getattr(old, name) == "", name
    assert old.languages == []
    assert old.is_minor is None
    assert old.consent_date is None
    # Aggregate fields are kept.
    assert old.exploitation_forms == ["labour"]
    assert old.province == "EC-P"
    assert old.requested_services.count() == 1
    assert old.sending_organization_id
    assert old.status == Status.CLOSED
    assert AuditEntry.objects.filter(referral=old, action="purge").count() == 1
    for untouched in (recent, open_one):
        untouched.refresh_from_db()
        assert untouched.anonymised_at is None
        assert untouched.needs

    # Safe to run daily: a second run changes nothing.
    assert "Anonymised 0 referrals" in run()
    assert "1 were already anonymised" in run()
    assert AuditEntry.objects.filter(referral=old, action="purge").count() == 1


def age(referral, days, *fields):
    """Move the referral's timestamps ``days`` into the past (update() skips auto_now)."""
    moment = timezone.now() - timedelta(days=days)
    Referral.objects.filter(pk=referral.pk).update(**dict.fromkeys(fields, moment))


@pytest.mark.parametrize(
    ("status", "fields", "setting", "anonymised_at_once"),
    [
        (Status.DRAFT, ["updated_at"], "REFERRAL_DRAFT_DAYS", True),
        (Status.SENT, ["sent_at", "updated_at"], "REFERRAL_UNANSWERED_DAYS", False),
        (Status.RECEIVED, ["sent_at", "updated_at"], "REFERRAL_UNANSWERED_DAYS", False),
        (Status.DECLINED, ["updated_at"], "REFERRAL_ENDED_DAYS", False),
        (Status.WITHDRAWN, ["updated_at"], "REFERRAL_ENDED_DAYS", False),
        (Status.ACCEPTED, ["updated_at"], "REFERRAL_ACTIVE_DAYS", False),
        (Status.IN_SERVICE, ["updated_at"], "REFERRAL_ACTIVE_DAYS", False),
        (Status.COMPLETED, ["completed_at"], "REFERRAL_COMPLETED_DAYS", False),
    ],
)
def test_every_status_is_closed_after_its_period(
    settings, django_capture_on_commit_callbacks, status, fields, setting, anonymised_at_once
):
    """Regression: only closed referrals were ever anonymised; drafts, unanswered, declined
    and withdrawn ones kept the person's data for ever."""
    days = getattr(settings, setting)
    stale = ReferralFactory(status=status, completed_at=timezone.now())
    fresh = ReferralFactory(status=status, completed_at=timezone.now())
    age(stale, days + 1, *fields)
    age(fresh, days - 1, *fields)
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Closed 1 referrals" in output
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Status.CLOSED
    assert stale.changes.filter(to_status=Status.CLOSED, by=None).exists()
    assert AuditEntry.objects.filter(referral=stale, detail__startswith="expired:").exists()
    assert fresh.status == status
    assert fresh.needs
    # Never sent: nothing was shared, nothing to keep. Sent: kept until the retention period.
    assert (stale.anonymised_at is not None) == anonymised_at_once
    assert (stale.needs == "") == anonymised_at_once
    # A closed, sent referral is anonymised REFERRAL_RETENTION_MONTHS after closing.
    age(stale, 30 * settings.REFERRAL_RETENTION_MONTHS + 1, "closed_at")
    run()
    stale.refresh_from_db()
    assert stale.anonymised_at is not None
    assert stale.needs == ""


def test_a_stale_draft_is_counted_by_a_dry_run_and_left_alone(settings):
    draft = ReferralFactory()
    age(draft, settings.REFERRAL_DRAFT_DAYS + 1, "updated_at")
    output = run("--dry-run")
    assert "Would close 1 referrals (draft)" in output
    assert "Would anonymise 1 referrals" in output
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_overdue_reminder_goes_once_to_both_institutions(
    settings, django_capture_on_commit_callbacks
):
    referral = ReferralFactory(status=Status.SENT, urgency="urgent")
    sender = MembershipFactory(organization=referral.sending_organization).user
    receiver = MembershipFactory(organization=referral.receiving_organization).user
    age(referral, 2, "sent_at")
    routine = ReferralFactory(status=Status.SENT)
    age(routine, 2, "sent_at")
    for _ in range(2):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("referral_reminders", stdout=out)
    assert "Reminded 0 overdue referrals" in out.getvalue()  # the second run
    assert sorted(m.to[0] for m in mail.outbox) == sorted([sender.email, receiver.email])
    assert AuditEntry.objects.filter(referral=referral, action="reminder").count() == 1
