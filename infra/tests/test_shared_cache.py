"""The Redis shared cache (REDIS_URL): atomic rate-limit counters across threads, and an
unreachable Redis is an empty cache, never an error (infra.cache.ResilientRedisCache).

Runs against a real redis-server (Debian package redis-server) on a private socket."""

import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from infra.api.middleware import rate_limited
from infra.cache import CacheUnavailable

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS is None, reason="redis-server is not installed (Debian: apt-get install redis-server)"
)


@pytest.fixture
def redis_cache(settings, tmp_path):
    socket = tmp_path / "redis.sock"
    server = subprocess.Popen(
        [REDIS, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    settings.CACHES = {
        "default": {
            "BACKEND": "infra.cache.ResilientRedisCache",
            "LOCATION": f"unix://{socket}",
            "KEY_FUNCTION": "infra.cache.hashed_key",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    try:
        yield caches["default"], server
    finally:
        caches["default"].close()
        server.terminate()
        server.wait(timeout=10)


def test_the_rate_limit_counts_every_request_once_across_threads(redis_cache, settings):
    """Two app servers' threads counting one client: exactly ``limit`` get through (a
    get-then-set counter lets more through when requests race)."""
    settings.RUTA_API_RATE_LIMIT = (50, 3600)
    request = RequestFactory().get("/api/hsds/services", REMOTE_ADDR="203.0.113.9")
    start = threading.Barrier(16)

    def client(_n):
        start.wait()
        return [rate_limited(request) is None for _ in range(10)]

    with ThreadPoolExecutor(16) as pool:
        answers = [ok for batch in pool.map(client, range(16)) for ok in batch]
    assert answers.count(True) == 50
    assert answers.count(False) == 16 * 10 - 50


def test_incr_of_a_missing_key_is_an_error_not_a_new_key(redis_cache):
    cache, _server = redis_cache
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")
    assert cache.get("never-set") is None
    cache.set("count", 1, timeout=60)
    assert cache.incr("count", 2) == 3


def test_redis_down_is_an_empty_cache_and_lets_the_api_through(redis_cache, settings):
    cache, server = redis_cache
    cache.set("page", "kept", timeout=60)
    server.terminate()
    server.wait(timeout=10)
    assert cache.get("page") is None
    assert cache.get_many(["page"]) == {}
    cache.set("page", "dropped", timeout=60)  # no error
    with pytest.raises(CacheUnavailable):
        cache.incr("page")
    settings.RUTA_API_RATE_LIMIT = (1, 60)
    request = RequestFactory().get("/api/hsds/services", REMOTE_ADDR="203.0.113.10")
    assert rate_limited(request) is None
    assert rate_limited(request) is None
