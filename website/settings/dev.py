"""Development settings: a laptop with SQLite, database search and immediate tasks."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-insecure-key-only-for-a-laptop")
# INSECURE, published development key for referral fields: never use it in production.
os.environ.setdefault("REFERRAL_ENCRYPTION_KEYS", "ZGV2LWluc2VjdXJlLXJlZmVycmFsLWtleS0wMDAwMDA=")
os.environ.setdefault("RUTA_PUBLIC_URL", "http://127.0.0.1:8000")  # make run's address
os.environ.setdefault("DJANGO_REQUIRE_2FA", "false")  # referral users always need 2FA

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
RUTA_ALLOW_DEMO_DATA = True
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Its own folder: a development collectstatic (unhashed, no manifest) never replaces the
# production build in var/static (docs/deployment.md).
STATIC_ROOT = VAR_DIR / "static-dev"  # noqa: F405
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "ruta-dev")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
RUTA_TRUSTED_PROXY_COUNT = 0
RUTA_PAGE_CACHE_SECONDS = 0  # see changes at once while developing
