"""What a process remembers of the database, and the one way it knows that it is current.

A ``Memory`` keeps what was built from some tables (the directory snapshot with its result
cards and filter choices; the search vocabulary of each language) for as long as its
*stamp* stays the same. The stamp is
- the content version in the shared cache (``website.page_cache.current_version``), moved
  by every directory save or delete and every rewrite of search entries, seen by every
  worker at once; and
- a fingerprint read from the database (row count and latest change) for changes that
  bypass that code (bulk updates, a restore), re-read at most once per
  ``FINGERPRINT_SECONDS``.
A memory may also have a ``max_age``, after which it is rebuilt whatever the stamp says.
"""

import threading
import time

from website.page_cache import current_version

FINGERPRINT_SECONDS = 1.0
_lock = threading.Lock()  # the fingerprints and the list of memories
_fingerprints = {}
_memories = []


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


class Memory:
    """One thing a process remembers: ``get(build)`` gives what ``build(stamp)`` made for
    the current stamp, and builds it again once the stamp moved (or ``max_age`` passed).
    ``read`` gives the database fingerprint of the tables it is built from."""

    def __init__(self, name, read, *, max_age=None):
        self.name, self.read, self.max_age = name, read, max_age
        self._stamp = self._value = None
        self._built = 0.0
        self._lock = threading.RLock()  # one build at a time
        with _lock:
            _memories.append(self)

    def stamp(self):
        return (current_version(), fingerprint(self.name, self.read))

    def get(self, build):
        stamp = self.stamp()
        with self._lock:
            old = self.max_age is not None and time.monotonic() - self._built >= self.max_age
            if self._value is None or self._stamp != stamp or old:
                self._value, self._stamp, self._built = build(stamp), stamp, time.monotonic()
            return self._value

    def clear(self):
        with self._lock:
            self._stamp = self._value = None


def forget():
    """Forget everything every memory holds (tests: each starts from a rolled-back
    database; benchmarks: a cold start)."""
    with _lock:
        _fingerprints.clear()
        memories = list(_memories)
    for memory in memories:
        memory.clear()
