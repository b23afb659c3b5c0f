"""Bulk changes (the demo load, an HSDS import) write many rows. Inside ``bulk_change()``
receivers of row-level signals note what changed (``note_change``) instead of acting on
each row; when the change is committed, one ``changed_in_bulk`` signal follows, so that
they act once (the search app rebuilds its index: ``search.bulk``). Nothing is sent when
the block fails or its transaction rolls back.

``background``: receivers may leave the work to a background task (an import: the
request answers at once); ``False``: they do it at once, in this process (``load_demo``
reports the result)."""

import contextvars
from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal

# sender: who made the change; changes: the set receivers noted; background: see above.
changed_in_bulk = Signal()
_changes = contextvars.ContextVar("infra_bulk_changes", default=None)


def note_change(item):
    """Inside a bulk change: note ``item`` and answer True (the caller does nothing more);
    outside one: False."""
    changes = _changes.get()
    if changes is None:
        return False
    changes.add(item)
    return True


@contextmanager
def bulk_change(sender=None, *, background=True):
    """Use inside the change's transaction, or around its transactions (nested bulk changes
    note into the outer one's set). Yields the set of noted changes."""
    outer = _changes.get()
    changes = outer if outer is not None else set()
    token = _changes.set(changes)
    try:
        yield changes
    finally:
        _changes.reset(token)
    transaction.on_commit(
        lambda: changed_in_bulk.send(sender=sender, changes=changes, background=background)
    )
