"""The shared cache: Django's file-based cache without zlib (one machine), Django's Redis
cache that survives a Redis restart (``REDIS_URL``: several machines), and a key function
that hashes every key (see docs/architecture.md, "Caching").

Hashing keys means a key is always short and plain, whatever a caller puts in it (a page
path with a long search term, say): Django's key check never warns, so no reader's search
reaches the application log, and any backend (file, Redis, memcached) accepts it.
"""

import hashlib
import logging
import pickle
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
OUTAGE_WARNING_SECONDS = 30


def hashed_key(key, key_prefix, version):
    """``CACHES[...]["KEY_FUNCTION"]``: prefix and version kept readable, the key hashed."""
    digest = hashlib.sha256(str(key).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key_prefix}:{version}:{digest}"


class UncompressedFileBasedCache(FileBasedCache):
    """Django's file-based cache, storing plain pickles (no zlib). Entries written by the
    compressing backend (a zlib stream starts with 0x78, a pickle with 0x80) still read."""

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as handle:
                if not self._is_expired(handle):
                    return self._loads(handle.read())
        except FileNotFoundError:
            pass
        return default

    @staticmethod
    def _loads(data):
        if data[:1] == b"\x78":
            data = zlib.decompress(data)
        # Our own cache files, written by this backend (as Django's file cache does).
        return pickle.loads(data)  # noqa: S301 # nosec B301

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        if value is None:
            return False
        self.set(key, value, timeout, version)
        return True


class CacheUnavailable(Exception):
    """The shared cache could not be reached for a write whose loss matters (a counter)."""


# Counts only a key that exists, in one step: Django's client checks and increments in two
# commands, and a key expiring in between would come back without its expiry.
_INCR_EXISTING = (
    "if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) "
    "else return false end"
)


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's Redis client that treats an unreachable Redis (a restart, a network cut) as
    an empty cache: reads miss, writes are dropped, one warning per outage and process.
    ``incr`` raises :class:`CacheUnavailable`, so that callers decide (the rate limit lets
    the request through; an invalidation is retried)."""

    _warned_at = 0.0

    def _unavailable(self, error):
        now = time.monotonic()
        if now - ResilientRedisCacheClient._warned_at > OUTAGE_WARNING_SECONDS:
            ResilientRedisCacheClient._warned_at = now
            logger.warning(
                "Shared cache unreachable (%s): serving without it", type(error).__name__
            )

    def _guarded(self, method, fallback, *args):
        try:
            return method(*args)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            self._unavailable(error)
            return fallback

    def get(self, key, default):
        return self._guarded(super().get, default, key, default)

    def get_many(self, keys):
        return self._guarded(super().get_many, {}, keys)

    def has_key(self, key):
        return self._guarded(super().has_key, False, key)

    def add(self, key, value, timeout):
        return self._guarded(super().add, False, key, value, timeout)

    def set(self, key, value, timeout):
        return self._guarded(super().set, None, key, value, timeout)

    def set_many(self, data, timeout):
        return self._guarded(super().set_many, None, data, timeout)

    def touch(self, key, timeout):
        return self._guarded(super().touch, False, key, timeout)

    def delete(self, key):
        return self._guarded(super().delete, False, key)

    def delete_many(self, keys):
        return self._guarded(super().delete_many, None, keys)

    def incr(self, key, delta):
        try:
            value = self.get_client(key, write=True).eval(_INCR_EXISTING, 1, key, delta)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            self._unavailable(error)
            raise CacheUnavailable(str(error)) from error
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class ResilientRedisCache(RedisCache):
    """``CACHES`` backend for ``REDIS_URL``: Django's Redis cache with
    :class:`ResilientRedisCacheClient`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
