"""Background tasks: the confirmation e-mail and the change alerts of a publication.
Logs carry counts and ids, never an address."""

import logging

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django_tasks import task
from wagtail.models import Revision

from protocol_pages.choices import ChangeSignificance
from protocol_pages.models import ProtocolEditionPage

from .addresses import new_token
from .changes import edition_changes, section_changes
from .choices import DispatchKind, SubscriptionStatus
from .emails import change_message, confirmation_message
from .models import Dispatch, Subscription
from .selectors import confirmed_subscriptions

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscription_id):
    """A fresh token (only its hash is stored) and the e-mail that carries it."""
    subscription = Subscription.objects.filter(
        pk=subscription_id, status=SubscriptionStatus.PENDING
    ).first()
    if subscription is None:
        return 0
    token, digest = new_token()
    subscription.token_hash = digest
    subscription.save(update_fields=["token_hash"])
    sent = get_connection().send_messages([confirmation_message(subscription, token)]) or 0
    logger.info("Subscription %s: %d confirmation e-mail sent.", subscription.pk, sent)
    return sent


def _major(revisions):
    return [
        revision
        for revision in revisions
        if revision.content.get("change_significance") == ChangeSignificance.MAJOR
    ]


def _what_to_announce(edition, revision_ids, new_edition):
    """(kind, the revision that names the dispatch, revisions whose changes to list)."""
    if new_edition:
        return DispatchKind.NEW_EDITION, edition.live_revision, []
    major = _major(Revision.objects.filter(pk__in=revision_ids).order_by("pk"))
    if not major:
        return None, None, []
    return DispatchKind.CHANGE, major[0], major


def _steps(edition, kind, revisions, language):
    if kind == DispatchKind.NEW_EDITION:
        return edition_changes(edition, language)
    steps = []
    for revision in revisions:
        if revision.object_id != str(edition.pk):
            steps += section_changes(revision.content_object.specific, revision, language)
    return steps


def _record(edition, kind, revision):
    """The Dispatch of this revision, or None when it was announced already."""
    try:
        with transaction.atomic():
            return Dispatch.objects.create(revision_id=revision.pk, edition=edition, kind=kind)
    except IntegrityError:
        return None


@task()
def send_change_alerts(edition_id, revision_ids, new_edition=False):
    """One message per confirmed subscriber, in their language; an institution's
    subscribers get only the changed steps it is responsible for (none: no message)."""
    edition = ProtocolEditionPage.objects.live().filter(pk=edition_id).first()
    if edition is None:
        return 0
    if new_edition and edition.sections_to_publish().exists():
        return 0  # publish_edition_sections publishes its sections next, and tells us again
    kind, revision, revisions = _what_to_announce(edition, revision_ids, new_edition)
    if kind is None or revision is None:
        logger.info("Edition %s: minor change, no alert sent.", edition_id)
        return 0
    dispatch = _record(edition, kind, revision)
    if dispatch is None:
        logger.info("Revision %s was announced already.", revision.pk)
        return 0
    steps = {}
    messages = []
    for subscription in confirmed_subscriptions():
        language = subscription.language
        if language not in steps:
            steps[language] = _steps(edition, kind, revisions, language)
        listed = steps[language]
        if subscription.organization_id is not None:
            followed = str(subscription.organization_id)
            listed = [step for step in listed if followed in step.organizations]
            if not listed:
                continue
        messages.append(change_message(subscription, edition, kind, listed))
    sent = (get_connection().send_messages(messages) or 0) if messages else 0
    Dispatch.objects.filter(pk=dispatch.pk).update(sent_count=sent)
    logger.info("Edition %s (%s): %d alert(s) sent.", edition_id, kind, sent)
    return sent
