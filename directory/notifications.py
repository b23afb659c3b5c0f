"""E-mails of the directory's upkeep, sent by background tasks once the change is committed:
the maintainers hear of a proposal or a problem report, a proposer of the decision, members
get the weekly digest of listings to re-verify. Each message names public records only
(institutions, services) and links to the admin; never a reader's report, contact or
proposed values, nor anybody but its recipient."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from directory import staff_selectors
from directory.models import ListingChange, OrganizationMembership, ProblemReport
from directory.upkeep_rules import setting
from website.models import SiteSettings

logger = logging.getLogger(__name__)


def change_proposed(change):
    transaction.on_commit(lambda: notify_maintainers.enqueue("change", str(change.pk)))


def problem_reported(report):
    transaction.on_commit(lambda: notify_maintainers.enqueue("problem", str(report.pk)))


def change_decided(change):
    transaction.on_commit(lambda: notify_proposer.enqueue(str(change.pk)))


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(recipients, name, context):
    """One message per recipient, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"directory/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"directory/email/{name}_body.txt", context)
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients]
    return get_connection().send_messages(messages) or 0


@task()
def notify_maintainers(event, object_id):
    """``event`` is "change" (a proposal waits) or "problem" (a reader's report)."""
    if event == "change":
        record = ListingChange.objects.filter(pk=object_id, status="pending").first()
        link = "directory_admin:review"
    else:
        record = ProblemReport.objects.filter(pk=object_id).first()
        link = "directory_admin:problem"
    address = SiteSettings.load().directory_maintainers_email
    if record is None or not address:
        return 0
    context = {
        "organization": record.organization.name,
        "link": _absolute(reverse(link, args=[record.pk])),
    }
    sent = _send([address], f"maintainers_{event}", context)
    logger.info("Directory maintainers told of a %s.", event)
    return sent


@task()
def notify_proposer(change_id):
    change = ListingChange.objects.filter(pk=change_id).select_related("proposed_by").first()
    user = change.proposed_by if change else None
    if user is None or not user.is_active or not user.email:
        return 0
    context = {
        "organization": change.organization.name,
        "approved": change.status == ListingChange.Status.APPROVED,
        "link": _absolute(reverse("directory_admin:listing", args=[change.organization_id])),
    }
    return _send([user.email], "proposer", context)


def send_verification_reminders(now=None):
    """Queue one digest per member who is due one (``manage.py verification_reminders``,
    weekly); returns how many were queued."""
    user_ids = staff_selectors.reminder_user_ids(now)
    for user_id in user_ids:
        send_verification_digest.enqueue(user_id)
    return len(user_ids)


@task()
def send_verification_digest(user_id):
    """The listings of the recipient's institutions that are overdue or soon due, with the
    link to confirm them. Claims the week first, so two workers never send it twice."""
    now = timezone.now()
    recent = now - timedelta(days=setting("RUTA_VERIFICATION_REMINDER_DAYS"))
    claimed = (
        OrganizationMembership.objects.filter(user_id=user_id)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=recent))
        .update(reminded_at=now)
    )
    user, groups = staff_selectors.digest(user_id, timezone.localtime(now).date())
    if not claimed or user is None or not groups:
        return 0
    context = {
        "groups": [
            {
                "organization": organization.name,
                "rows": rows,
                "link": _absolute(reverse("directory_admin:listing", args=[organization.pk])),
            }
            for organization, rows in groups
        ],
        "months": setting("RUTA_VERIFICATION_MONTHS"),
    }
    sent = _send([user.email], "digest", context)
    logger.info("Verification digest sent (%d institution(s)).", len(groups))
    return sent
