"""Knowing cheaply whether what a process remembers is still current.

Two signals, both cheap enough for every search:
- the page-cache version in the shared cache (``infra.page_cache``), moved by every
  directory save or delete and every rewrite of search entries, seen by every worker at once;
- a fingerprint read from the database (row count and latest change) for changes that
  bypass that code (bulk updates, a restore), checked at most once per ``FINGERPRINT_SECONDS``.
"""

import threading
import time

FINGERPRINT_SECONDS = 1.0
_lock = threading.Lock()
_fingerprints = {}


def fingerprint(name, read):
    """``read()`` (a database fingerprint), re-read at most once per FINGERPRINT_SECONDS."""
    now = time.monotonic()
    with _lock:
        known = _fingerprints.get(name)
        if known and now - known[0] < FINGERPRINT_SECONDS:
            return known[1]
    value = read()
    with _lock:
        _fingerprints[name] = (now, value)
    return value


def forget():
    """Forget every fingerprint (tests: each test starts from a rolled-back database)."""
    with _lock:
        _fingerprints.clear()
