"""Receivers (connected in AlertsConfig.ready()): every protocol publication of one
transaction is collected per edition and one ``send_change_alerts`` task is enqueued per
edition when it commits; the task decides whether anything is announced."""

from django.db import transaction

from protocol_pages.models import ProtocolEditionPage, ProtocolSectionPage

from .tasks import send_change_alerts


class _PendingAlerts:
    """The on-commit callback of one transaction: {edition id: [revision ids, new?]}."""

    def __init__(self):
        self.editions = {}
        self.done = False  # a test's captured callbacks stay listed after they ran

    def add(self, edition_id, revision_id=None, new_edition=False):
        revisions, new = self.editions.setdefault(edition_id, ([], [False]))
        if revision_id is not None:
            revisions.append(revision_id)
        new[0] = new[0] or new_edition

    def __call__(self):
        self.done = True
        for edition_id, (revisions, new) in self.editions.items():
            send_change_alerts.enqueue(edition_id, revisions, new[0])


def _collect(edition_id, revision_id=None, new_edition=False):
    connection = transaction.get_connection()
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingAlerts) and not callback.done:
            callback.add(edition_id, revision_id, new_edition)
            return
    pending = _PendingAlerts()
    pending.add(edition_id, revision_id, new_edition)
    transaction.on_commit(pending)


def _first_publication(edition):
    return edition.first_published_at == edition.last_published_at


def protocol_page_published(sender, instance, revision=None, **kwargs):
    """page_published receiver (every page type): protocol editions and their sections."""
    page = instance.specific
    if not isinstance(page, (ProtocolEditionPage, ProtocolSectionPage)):
        return
    is_edition = isinstance(page, ProtocolEditionPage)
    edition = page if is_edition else page.edition
    if edition is None or revision is None:
        return
    _collect(edition.pk, revision.pk, new_edition=is_edition and _first_publication(page))


def sections_published(sender, edition, **kwargs):
    """A new edition's sections were published after it (``publish_edition_sections``)."""
    _collect(edition.pk, new_edition=_first_publication(edition))
