"""Emails about referrals say only that something awaits, with a link: never person data,
case details or free text (the case code stays out too)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def referral_awaits(referral):
    from .lifecycle import receiving_staff_emails

    recipients = receiving_staff_emails(referral)
    if not recipients:
        logger.info("Referral notification: the receiving institution has no staff email.")
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "referrals:detail", args=[referral.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("referrals/email/awaits_subject.txt").strip()
        body = render_to_string("referrals/email/awaits_body.txt", {"link": link})
    sent = send_mail(subject, body, None, recipients)
    logger.info("Referral notification sent to %d recipient(s).", len(recipients))
    return sent
