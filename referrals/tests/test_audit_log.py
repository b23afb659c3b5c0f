"""The audit log is append-only in the database itself on PostgreSQL (migration 0003): no
query, raw or ORM, changes or deletes an entry; deleting a user or anonymising a referral
still works, because entries hold codes only."""

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from referrals import retention
from referrals.choices import Status
from referrals.factories import ReferralFactory, UserFactory
from referrals.models import AuditEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the append-only trigger is PostgreSQL's (SQLite keeps the ORM guard); "
        "run: bash scripts/with_postgres.sh .venv/bin/pytest referrals",
    ),
]

TABLE = AuditEntry._meta.db_table


@pytest.fixture
def entry():
    user = UserFactory()
    referral = ReferralFactory(status=Status.CLOSED)
    return AuditEntry.objects.create(
        user=user,
        username=user.username,
        action=AuditEntry.Action.VIEW,
        referral=referral,
        case_code=referral.case_code,
    )


def refused(sql, params):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_raw_update_and_delete_are_refused(entry):
    refused(f"UPDATE {TABLE} SET detail = 'changed' WHERE id = %s", [entry.pk])  # noqa: S608
    refused(f"UPDATE {TABLE} SET user_id = NULL, detail = 'x' WHERE id = %s", [entry.pk])  # noqa: S608
    refused(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    entry.refresh_from_db()
    assert entry.detail == ""


def test_an_orm_query_past_the_model_guard_is_refused(entry):
    plain = models.QuerySet(model=AuditEntry)  # without AppendOnlyQuerySet's refusal
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.filter(pk=entry.pk).update(allowed=False)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        plain.filter(pk=entry.pk)._raw_delete(connection.alias)
    assert AuditEntry.objects.filter(pk=entry.pk, allowed=True).exists()


def test_deleting_a_user_keeps_their_entries(entry):
    username = entry.username
    entry.user.delete()  # ON DELETE SET NULL: the one update the trigger lets through
    entry.refresh_from_db()
    assert entry.user is None
    assert entry.username == username


def test_anonymising_a_referral_leaves_the_log_alone(entry):
    referral = entry.referral
    stamp = timezone.now()
    assert retention.anonymise(referral.pk, stamp)
    referral.refresh_from_db()
    assert referral.needs == ""
    entry.refresh_from_db()
    assert entry.case_code == referral.case_code
    assert AuditEntry.objects.filter(referral=referral, action="purge").count() == 1
