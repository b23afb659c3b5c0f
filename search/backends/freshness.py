"""Knowing cheaply whether what a process remembers is still current.

Two signals, both cheap enough for every search:
- version numbers in the shared cache, moved by the code that changes the data (every
  directory save or delete moves the page-cache version, ``website.page_cache``; every
  rewrite of search entries moves ``ENTRIES_VERSION_KEY``), seen by every worker at once;
- a fingerprint read from the database (row count and latest change) for changes that
  bypass that code (bulk updates, a restore), checked at most once per ``FINGERPRINT_SECONDS``.
"""

import threading
import time

from django.core.cache import cache

ENTRIES_VERSION_KEY = "ruta-search-entries-version"
FINGERPRINT_SECONDS = 1.0
_lock = threading.Lock()
_fingerprints = {}


def _fresh_version():
    return time.time_ns() // 1000


def entries_version():
    version = cache.get(ENTRIES_VERSION_KEY)
    if version is None:
        cache.add(ENTRIES_VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(ENTRIES_VERSION_KEY) or _fresh_version()
    return version


def entries_changed():
    try:
        cache.incr(ENTRIES_VERSION_KEY)
    except ValueError:
        cache.set(ENTRIES_VERSION_KEY, _fresh_version(), timeout=None)


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
