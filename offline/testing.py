"""A stalled connection for the browser tests ("lie-fi": connected, nothing arrives).

``StallMiddleware`` is installed by the test settings only (``website.settings.test``); it
does nothing unless a test holds an address with :func:`stall`.
"""

import contextlib
import threading

_HELD = {}  # path -> (event that releases it, longest wait in seconds)
_LOCK = threading.Lock()


@contextlib.contextmanager
def stall(path, seconds):
    """While inside, a request for ``path`` waits until the yielded event is set or
    ``seconds`` have passed, then is answered as usual. Leaving releases it."""
    released = threading.Event()
    with _LOCK:
        _HELD[path] = (released, seconds)
    try:
        yield released
    finally:
        with _LOCK:
            _HELD.pop(path, None)
        released.set()


class StallMiddleware:
    """Outermost, so that a held request touches nothing (no session, no database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with _LOCK:
            held = _HELD.get(request.path)
        if held is not None:
            released, seconds = held
            released.wait(seconds)
        return self.get_response(request)
