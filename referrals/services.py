"""Writes: every change to a referral writes the record, its ``StatusChange`` and its
``AuditEntry`` in one transaction; notifications are queued as background tasks that run
only once that transaction has committed (``notifications``)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit, lifecycle, notifications
from .choices import Status
from .models import AuditEntry, Referral, StatusChange

Action = AuditEntry.Action
EDIT_REFUSED = _("Only the sending institution can edit a referral, and only while it is a draft.")


def create_referral(form, actor, parent=None, capacity_seen=None):
    """Save a new draft from a valid ``ReferralForm``; ``capacity_seen`` is what the form
    showed of the receiving service's free beds (``referrals.capacity.seen``)."""
    with transaction.atomic():
        referral = form.save(commit=False)
        referral.created_by = actor.user
        referral.parent = parent
        referral.capacity_seen = capacity_seen
        referral.save()
        form.save_m2m()
        StatusChange.objects.create(
            referral=referral,
            to_status=Status.DRAFT,
            by=actor.user,
            by_organization=referral.sending_organization,
        )
        audit.write(actor, Action.CREATE, referral)
    return referral


def update_referral(form, actor, expected_version, capacity_seen=None):
    """Save an edited draft; raises ConcurrentEditError if someone saved in between, and
    refuses anything but a draft (the view checks first; this is the last word)."""
    with transaction.atomic():
        referral = form.save(commit=False)
        referral.capacity_seen = capacity_seen
        current = Referral.objects.select_for_update().values_list("status", flat=True)
        if current.get(pk=referral.pk) not in lifecycle.EDITABLE:
            raise lifecycle.TransitionError(EDIT_REFUSED, forbidden=True)
        referral.save_checked(expected_version)
        form.save_m2m()
        audit.write(actor, Action.EDIT, referral)
    return referral


def change_status(referral, name, actor, sides, expected_version, data=None, can_override=False):
    """Validate and perform a transition; raises TransitionError or ConcurrentEditError
    (and then nothing was written)."""
    data = data or {}
    transition = lifecycle.check(referral, name, sides)
    now = timezone.now()
    previous = referral.status
    acting = lifecycle.acting_organization(referral, transition, sides)
    with transaction.atomic():
        lifecycle.prepare(referral, transition, data, actor.user, can_override, now)
        referral.save_checked(expected_version)
        if name == "complete" and data.get("services_given") is not None:
            referral.services_given.set(data["services_given"])
        StatusChange.objects.create(
            referral=referral,
            from_status=previous,
            to_status=transition.target,
            by=actor.user,
            by_organization=acting,
            at=now,
        )
        audit.write(actor, Action.STATUS, referral, detail=name)
        if name == "send" and referral.consent_overridden:
            audit.write(actor, Action.CONSENT_OVERRIDE, referral)
        notifications.referral_event(referral, name, acting.pk)
    return transition


def mark_received(referral, actor):
    """The first time someone of the receiving institution opens a sent referral."""
    now = timezone.now()
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, status=Status.SENT).update(
            status=Status.RECEIVED, received_at=now, version=F("version") + 1
        )
        if not updated:
            return False
        StatusChange.objects.create(
            referral=referral,
            from_status=Status.SENT,
            to_status=Status.RECEIVED,
            by=actor.user,
            by_organization=referral.receiving_organization,
            at=now,
        )
        referral.status = Status.RECEIVED
        referral.received_at = now
        referral.version = Referral.objects.values_list("version", flat=True).get(pk=referral.pk)
        audit.write(actor, Action.STATUS, referral, detail="received")
        notifications.referral_event(referral, "received", referral.receiving_organization_id)
    return True


def close_by_schedule(referral_pk, rule, actor, now):
    """Close a referral that a retention rule found stale (``retention``); returns it, or
    None when it changed in the meantime (then the next run looks again)."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().filter(pk=referral_pk).first()
        if referral is None or referral.status == Status.CLOSED:
            return None
        previous = referral.status
        referral.status = Status.CLOSED
        referral.closed_at = now
        referral.version += 1
        referral.save()
        StatusChange.objects.create(
            referral=referral, from_status=previous, to_status=Status.CLOSED, by=None, at=now
        )
        audit.write(actor, Action.STATUS, referral, detail=f"expired:{rule}")
        notifications.referral_event(referral, "expired")
    return referral


def note_overdue(referral_pk, actor, now):
    """Remind both institutions once that an urgent referral is past its deadline."""
    with transaction.atomic():
        claimed = Referral.objects.filter(pk=referral_pk, overdue_notified_at=None).update(
            overdue_notified_at=now
        )
        if not claimed:
            return False
        referral = Referral.objects.get(pk=referral_pk)
        audit.write(actor, Action.REMINDER, referral, detail="overdue")
        notifications.referral_event(referral, "overdue")
    return True
