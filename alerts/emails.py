"""The messages: the confirmation request and the change alerts, in the subscriber's
language, each with its unsubscribe link in the body and in List-Unsubscribe."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .choices import PENDING_DAYS, DispatchKind
from .links import confirm_url, diff_url, unsubscribe_url


def _message(subscription, subject, template, context):
    link = unsubscribe_url(subscription)
    with translation.override(subscription.language):
        body = render_to_string(template, {**context, "unsubscribe_url": link})
        subject = str(subject)
    return EmailMessage(
        subject,
        body,
        None,
        [subscription.address],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def confirmation_message(subscription, token):
    with translation.override(subscription.language):
        subject = _("Confirm your subscription to the protocol's changes")
    context = {
        "confirm_url": confirm_url(subscription.language, token),
        "days": PENDING_DAYS,
        "organization": subscription.organization,
    }
    return _message(subscription, subject, "alerts/email/confirm.txt", context)


def change_message(subscription, edition, kind, steps):
    """``steps``: the ChangedSteps to list (for an institution: only its own)."""
    language = subscription.language
    with translation.override(language):
        title = edition.title
        if kind == DispatchKind.NEW_EDITION:
            subject = _("New edition of the protocol: %(title)s") % {"title": title}
        else:
            subject = _("The protocol changed: %(title)s") % {"title": title}
        note = strip_tags(edition.editors_note or "").strip()
    context = {
        "edition": edition,
        "title": title,
        "new_edition": kind == DispatchKind.NEW_EDITION,
        "note": note,
        "steps": steps,
        "diff_url": diff_url(edition, language),
        "organization": subscription.organization,
    }
    return _message(subscription, subject, "alerts/email/change.txt", context)
