"""The shared cache: Django's file-based cache without zlib, and a key function that hashes
every key (see docs/architecture.md, "Caching").

Hashing keys means a key is always short and plain, whatever a caller puts in it (a page
path with a long search term, say): Django's key check never warns, so no reader's search
reaches the application log, and any backend (file, Redis, memcached) accepts it.
"""

import hashlib
import pickle
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


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
