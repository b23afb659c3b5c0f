"""Test settings: fast hasher, local-memory cache, immediate tasks, in-memory email."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-insecure-key-not-for-production")
# Wagtail's own default Site (localhost, port 80), as the factories build it.
os.environ.setdefault("RUTA_PUBLIC_URL", "http://localhost")

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,  # noqa: F405
    }
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
ELASTICSEARCH_INDEX_PREFIX = "ruta-test"
ALLOWED_HOSTS = ["*"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BASE_DIR / "var" / "test-private")},  # noqa: F405
}
RUTA_API_RATE_LIMIT = (0, 60)  # off; tests of the limiter switch it on
RUTA_TRUSTED_PROXY_COUNT = 0
RUTA_PAGE_CACHE_SECONDS = 0  # tests of the page cache switch it on
# Holds a request only while a browser test stalls its address (offline.testing).
MIDDLEWARE = ["offline.testing.StallMiddleware", *MIDDLEWARE]  # noqa: F405
