"""A counter per client and window in the shared cache (``add`` then ``incr``, as the API
limit counts), for the readers' forms. The client's address is hashed into the key."""

import hashlib
import time

from django.core.cache import cache


def within_limit(scope, client, limit, window):
    """Count one more request of ``client`` in ``scope``; False once it made more than
    ``limit`` in the current ``window`` (seconds)."""
    bucket = int(time.time()) // window
    digest = hashlib.sha256(f"{scope}:{client}".encode()).hexdigest()[:32]
    key = f"ruta-rate:{scope}:{digest}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    return count <= limit
