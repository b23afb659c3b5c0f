"""Bulk changes to the directory (an HSDS import) write rows without per-row signals; one
``changed_in_bulk`` signal follows when they are committed, so that receivers (the search
index) rebuild once instead of once per row. ``in_bulk_change()`` tells receivers that a
row-level signal sent meanwhile is part of such a change."""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal

changed_in_bulk = Signal()  # sender: the code that made the change
_state = threading.local()


def in_bulk_change():
    return getattr(_state, "depth", 0) > 0


@contextmanager
def bulk_change(sender=None):
    """Use inside the change's transaction: nothing is sent if it rolls back."""
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1
    transaction.on_commit(lambda: changed_in_bulk.send(sender=sender))
