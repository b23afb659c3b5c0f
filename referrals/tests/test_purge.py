import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from referrals.choices import Status
from referrals.factories import ReferralFactory, service_category
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
