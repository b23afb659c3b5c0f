"""E-mails about referrals and accounts, sent by background tasks once the change is
committed. They say only that something needs attention, with a link: never person data,
case details, free text, the case code, the status, or any secret (codes, keys)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Referral
from .selectors import party_organization_ids, staff_emails

logger = logging.getLogger(__name__)

# Lifecycle events that notify the institutions of a referral (except the one that acted).
REFERRAL_EVENTS = frozenset(
    {
        "send",
        "received",
        "withdraw",
        "accept",
        "decline",
        "start",
        "complete",
        "close",
        "overdue",
        "expired",
    }
)
ACCOUNT_EVENTS = frozenset({"code_issued", "enrolled", "recovery_codes", "recovery_used"})


def referral_event(referral, event, acting_organization_id=None):
    """Tell the referral's other institution(s) about ``event`` after the commit."""
    if event not in REFERRAL_EVENTS:
        raise ValueError(f"Unknown referral event {event!r}")
    acting = str(acting_organization_id) if acting_organization_id else None
    transaction.on_commit(lambda: notify_referral_parties.enqueue(str(referral.pk), event, acting))


def account_event(user, event):
    """Tell the user (and only the user) about a change to their second factor."""
    if event not in ACCOUNT_EVENTS:
        raise ValueError(f"Unknown account event {event!r}")
    transaction.on_commit(lambda: notify_account_holder.enqueue(user.pk, event))


def _send(recipients, subject_template, body_template, context):
    """One message per recipient, so no institution sees another's addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(subject_template, context).strip()
        body = render_to_string(body_template, context)
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients]
    return get_connection().send_messages(messages) or 0


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def notify_referral_parties(referral_id, event, acting_organization_id=None):
    referral = Referral.objects.filter(pk=referral_id).first()
    if referral is None:
        return 0
    organizations = [
        pk for pk in party_organization_ids(referral) if str(pk) != acting_organization_id
    ]
    recipients = staff_emails(organizations)
    if not recipients:
        logger.info("Referral notification (%s): no staff e-mail to write to.", event)
        return 0
    link = _absolute(reverse("referrals:detail", args=[referral.pk]))
    sent = _send(
        recipients,
        "referrals/email/notice_subject.txt",
        "referrals/email/notice_body.txt",
        {"link": link},
    )
    logger.info("Referral notification (%s) sent to %d recipient(s).", event, len(recipients))
    return sent


@task()
def notify_account_holder(user_id, event):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        logger.info("Account notice (%s): the user has no e-mail address.", event)
        return 0
    sent = _send(
        [user.email],
        "referrals/email/account_subject.txt",
        "referrals/email/account_body.txt",
        {"event": event, "link": _absolute(reverse("wagtailadmin_home"))},
    )
    logger.info("Account notice (%s) sent.", event)
    return sent
