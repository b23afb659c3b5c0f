"""Writes of the listing moderation: a member proposes a change to its institution's
listing, a directory maintainer approves it (the record changes, through the same form
that validated the proposal) or rejects it, the institution may withdraw it. One
transaction per change of state; e-mails are queued for after the commit."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from directory import notifications, upkeep
from directory.models import ListingChange, ServiceVerification
from directory.proposal_forms import KINDS, bound_form, current_values, submitted_values
from directory.staff_selectors import change_target

Action, Status = ListingChange.Action, ListingChange.Status


class NothingChanged(Exception):
    """The form was sent back as it was: there is nothing to propose."""


class AlreadyDecided(Exception):
    """Someone approved, rejected or withdrew the proposal in the meantime."""


class NoLongerValid(Exception):
    """The proposal cannot be applied to the record as it is now (``form`` says why; no
    form: the record is gone)."""

    def __init__(self, form=None):
        super().__init__("The proposal no longer applies.")
        self.form = form


def _label(obj):
    return str(obj)[:250]


def _create(**fields):
    with transaction.atomic():
        change = ListingChange.objects.create(**fields)
        notifications.change_proposed(change)
    return change


def propose(form, kind, user, instance=None):
    """Store a valid proposal form: a new record (``instance`` None: all its values) or
    the fields the member changed on ``instance`` (and their values before)."""
    if instance is None:
        return _create(
            organization=form.organization,
            kind=kind,
            action=Action.CREATE,
            label=_label(form.instance),
            proposed=submitted_values(form, form.fields),
            proposed_by=user,
        )
    names = [name for name in form.changed_data if name in form.fields]
    if not names:
        raise NothingChanged
    stored = type(instance).objects.get(pk=instance.pk)  # validating changed ``instance``
    before = current_values(KINDS[kind].form(instance=stored, organization=form.organization))
    return _create(
        organization=form.organization,
        kind=kind,
        action=Action.UPDATE,
        object_id=instance.pk,
        label=_label(stored),
        proposed=submitted_values(form, names),
        original={name: before[name] for name in names},
        proposed_by=user,
    )


def propose_removal(kind, instance, organization, user):
    before = current_values(KINDS[kind].form(instance=instance, organization=organization))
    return _create(
        organization=organization,
        kind=kind,
        action=Action.DELETE,
        object_id=instance.pk,
        label=_label(instance),
        original=before,
        proposed_by=user,
    )


def _decide(change_pk, reviewer, status, note=""):
    """Lock a pending proposal and mark it decided (the caller is inside a transaction)."""
    change = ListingChange.objects.select_for_update().filter(pk=change_pk).first()
    if change is None or change.status != Status.PENDING:
        raise AlreadyDecided
    change.status = status
    change.reviewed_by = reviewer
    change.reviewed_at = timezone.now()
    change.review_note = note[:500]
    return change


def approve(change_pk, reviewer):
    """Apply a pending proposal and mark it approved; raises AlreadyDecided or NoLongerValid
    (and then nothing was written)."""
    with transaction.atomic():
        change = _decide(change_pk, reviewer, Status.APPROVED)
        target = change_target(change, for_update=True)
        if change.action != Action.CREATE and target is None:
            raise NoLongerValid
        if change.action == Action.DELETE:
            log(instance=target, action="wagtail.delete", user=reviewer)
            target.delete()
        else:
            form = bound_form(change.kind, change.organization, target, change.proposed)
            if not form.is_valid():
                raise NoLongerValid(form)
            saved = form.save()
            change.object_id = saved.pk
            change.label = _label(saved)
            created = change.action == Action.CREATE
            log(
                instance=saved,
                action="wagtail.create" if created else "wagtail.edit",
                user=reviewer,
            )
            if change.kind == ListingChange.Kind.SERVICE:
                # The institution went through the service: that verifies it.
                who = change.proposed_by or reviewer
                upkeep.record_verification(saved, who, ServiceVerification.Method.CHANGE_APPROVED)
        change.save()
        notifications.change_decided(change)
    return change


def reject(change_pk, reviewer, note=""):
    with transaction.atomic():
        change = _decide(change_pk, reviewer, Status.REJECTED, note)
        change.save()
        notifications.change_decided(change)
    return change


def withdraw(change_pk, user):
    """The institution takes its proposal back (no e-mail: it did so itself)."""
    with transaction.atomic():
        change = _decide(change_pk, user, Status.WITHDRAWN)
        change.save()
    return change
