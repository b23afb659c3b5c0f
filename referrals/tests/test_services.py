"""Writes in services: a status change and its history and audit entry in one transaction;
notifications as background tasks after the commit, for every lifecycle event; no edits
once a referral is sent (the consent bypass)."""

import pytest
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse
from django_tasks.base import Task

from referrals import notifications, services
from referrals.audit import Actor
from referrals.choices import DeclineReason, Status
from referrals.factories import ReferralFactory
from referrals.models import AuditEntry, Referral

from .conftest import verified_login

pytestmark = pytest.mark.django_db


def edit_data(referral, **changes):
    data = {
        "sending_organization": referral.sending_organization_id,
        "receiving_organization": referral.receiving_organization_id,
        "urgency": referral.urgency,
        "consent_given": "on",
        "consent_date": referral.consent_date.isoformat(),
        "consent_given_by": referral.consent_given_by,
        "consent_scope": referral.consent_scope,
        "is_minor": "false",
        "version": referral.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("status", [Status.SENT, Status.RECEIVED])
def test_a_sent_referral_cannot_be_retargeted_or_lose_its_consent(client, world, status):
    """Regression (consent bypass): the sender could clear the consent and send the record
    to another institution; it stayed "sent" and nothing recorded it."""
    referral = world["referral"]
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    verified_login(client, world["users"]["sender"])
    url = reverse("referrals:edit", args=[referral.pk])
    assert client.get(url).status_code == 403
    other = world["orgs"]["other"]
    response = client.post(
        url, edit_data(referral, receiving_organization=other.pk, consent_given=None)
    )
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.receiving_organization == world["orgs"]["receiver"]
    assert referral.consent_given
    assert referral.status == status
    assert AuditEntry.objects.filter(referral=referral, action="edit", allowed=False).exists()
    detail = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert url not in detail  # no edit button either
    # The institution the consent was given for still has it; the other one never did.
    verified_login(client, world["users"]["receiver"])
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    verified_login(client, world["users"]["unrelated"])
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404


def test_a_draft_can_still_be_edited(client, world):
    draft = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    verified_login(client, world["users"]["sender"])
    url = reverse("referrals:edit", args=[draft.pk])
    other = world["orgs"]["other"].pk
    assert client.post(url, edit_data(draft, receiving_organization=other)).status_code == 302
    draft.refresh_from_db()
    assert draft.receiving_organization_id == other
    assert AuditEntry.objects.filter(referral=draft, action="edit", allowed=True).count() == 1


def test_status_history_and_audit_entry_are_written_together(client, world, monkeypatch):
    """Regression: the audit entry was written by the view after the status had been
    committed; if it failed, the change stood without its audit entry."""
    referral = world["referral"]
    create = AuditEntry.objects.create

    def failing_create(**kwargs):
        if kwargs.get("action") == AuditEntry.Action.STATUS and kwargs.get("allowed", True):
            raise DatabaseError("the disk is full")
        return create(**kwargs)

    monkeypatch.setattr(AuditEntry.objects, "create", failing_create)
    verified_login(client, world["users"]["sender"])
    with pytest.raises(DatabaseError):
        client.post(
            reverse("referrals:transition", args=[referral.pk, "withdraw"]),
            {"version": referral.version},
        )
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    assert not referral.changes.filter(to_status=Status.WITHDRAWN).exists()
    assert not mail.outbox


def test_notifications_are_queued_tasks_that_wait_for_the_commit(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    assert isinstance(notifications.notify_referral_parties, Task)  # django-tasks
    queued = []

    class Recorder:  # stands for the django-tasks task: records what is enqueued
        @staticmethod
        def enqueue(*args):
            queued.append(args)

    monkeypatch.setattr(notifications, "notify_referral_parties", Recorder)
    draft = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    actor = Actor.for_user(world["users"]["sender"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.change_status(draft, "send", actor, {"sender"}, draft.version)
        assert queued == []  # nothing leaves before the commit
    assert not mail.outbox  # and nothing is sent in the request
    for callback in callbacks:
        callback()
    assert queued == [(str(draft.pk), "send", str(world["orgs"]["sender"].pk))]


def test_no_mail_leaves_before_the_commit(client, world, django_capture_on_commit_callbacks):
    """Regression: the e-mail was sent in the request, before (and whatever) the commit."""
    draft = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
    )
    verified_login(client, world["users"]["sender"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("referrals:transition", args=[draft.pk, "send"]), {"version": draft.version}
        )
    assert response.status_code == 302
    assert not mail.outbox
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[world["users"]["receiver"].email]]


# (status before, transition, side acting, data, who is told)
EVENTS = [
    (Status.DRAFT, "send", "sender", {}, "receiver"),
    (Status.SENT, "withdraw", "sender", {}, "receiver"),
    (Status.DRAFT, "withdraw", "sender", {}, None),  # never sent: nobody else knows of it
    (Status.RECEIVED, "accept", "receiver", {}, "sender"),
    (
        Status.RECEIVED,
        "decline",
        "receiver",
        {"decline_reason": DeclineReason.NO_CAPACITY},
        "sender",
    ),
    (Status.ACCEPTED, "start", "receiver", {}, "sender"),
    (Status.IN_SERVICE, "complete", "receiver", {"counter_referral": "Informe"}, "sender"),
    (Status.COMPLETED, "close", "sender", {}, "receiver"),
    (Status.DECLINED, "close", "receiver", {}, "sender"),
]


@pytest.mark.parametrize(("status", "name", "side", "data", "told"), EVENTS)
def test_every_lifecycle_event_tells_the_other_institution(
    world, django_capture_on_commit_callbacks, status, name, side, data, told
):
    referral = ReferralFactory(
        sending_organization=world["orgs"]["sender"],
        receiving_organization=world["orgs"]["receiver"],
        status=status,
    )
    actor = Actor.for_user(world["users"][side])
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(referral, name, actor, {side}, referral.version, data=data)
    staff = {
        "sender": {world["users"]["sender"].email, world["users"]["manager"].email},
        "receiver": {world["users"]["receiver"].email},
        None: set(),
    }[told]
    assert {address for m in mail.outbox for address in m.to} == staff
    for message in mail.outbox:
        assert referral.case_code not in message.subject + message.body
        assert str(referral.pk) in message.body


def test_first_opening_tells_the_sender(client, world, django_capture_on_commit_callbacks):
    verified_login(client, world["users"]["receiver"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("referrals:detail", args=[world["referral"].pk]))
    assert {m.to[0] for m in mail.outbox} == {
        world["users"]["sender"].email,
        world["users"]["manager"].email,
    }
    assert AuditEntry.objects.filter(action="status", detail="received").count() == 1
