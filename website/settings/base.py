"""Settings safe for production: everything environment-specific comes from variables.
The security headers and cookies are in ``security``, the variable readers in ``env``.

Production runs with ``DJANGO_SETTINGS_MODULE=website.settings.base``; ``dev`` and ``test``
loosen it. See docs/deployment.md for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_list
from .security import (  # noqa: F401  (settings Django reads)
    CONTENT_SECURITY_POLICY,
    CSRF_COOKIE_SECURE,
    PERMISSIONS_POLICY,
    SECURE_HSTS_INCLUDE_SUBDOMAINS,
    SECURE_HSTS_PRELOAD,
    SECURE_HSTS_SECONDS,
    SECURE_PROXY_SSL_HEADER,
    SECURE_REFERRER_POLICY,
    SECURE_SSL_REDIRECT,
    SESSION_COOKIE_HTTPONLY,
    SESSION_COOKIE_SECURE,
    X_FRAME_OPTIONS,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("RUTA_VAR_DIR", BASE_DIR / "var"))

# Secret key: production refuses to start without one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production refuses to start without a secret key."
    )

DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Demo content is for development only; production refuses it.
RUTA_ALLOW_DEMO_DATA = False

INSTALLED_APPS = [
    # Must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "website",
    "infra",
    "directory",
    "protocol_pages",
    "training",
    "search",
    "referrals",
    "offline",
    "alerts",
    "wagtail.api.v2",
    "rest_framework",
    "django_filters",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Referrals: TOTP two-factor authentication and login lockout.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # CORS on the public APIs, errors included
    "referrals.middleware.ReferralNoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infra.api.middleware.PublicAPIMiddleware",  # rate limit, read-only, ETag: before the cache
    "infra.middleware.RejectNullCharactersMiddleware",
    "offline.middleware.OfflineMarkMiddleware",  # what the service worker may keep
    "infra.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "infra.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "referrals.middleware.ReferralSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "infra.creation.ContinueCreatedPageMiddleware",  # one page per admin add form
    "axes.middleware.AxesMiddleware",
]

# django-axes first: login lockout after 5 failures (see docs/referrals.md). The lock holds
# one user name at one client address together, never either alone (a stranger's guesses, or
# one person's typos, never lock anybody else out), and the client address is the one the
# trusted proxy hop reports (RUTA_TRUSTED_PROXY_COUNT, read by infra.http.client_ip).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "referrals.auth.MembershipAdminAccessBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "referrals.audit.client_ip"
AXES_COOLOFF_TIME = 0.5  # hours; an administrator can unlock earlier (axes_reset_username)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "referrals/locked_out.html"

# Two-factor authentication (django-otp TOTP): always for referral users; for every admin
# user when DJANGO_REQUIRE_2FA is on (the production default). Enrolling an authenticator
# needs a one-time code from an administrator, valid this many hours.
RUTA_REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "Ruta"
RUTA_ENROLMENT_CODE_HOURS = int(os.environ.get("RUTA_ENROLMENT_CODE_HOURS", "72"))

# Referrals: Fernet keys for sensitive fields (comma-separated, first = current key), the
# answer deadline for urgent referrals, the idle session timeout of referral users and the
# retention rules (docs/referrals.md, "Retention": every status is closed after its period,
# closed referrals are anonymised REFERRAL_RETENTION_MONTHS later, drafts at once).
REFERRAL_ENCRYPTION_KEYS = env_list("REFERRAL_ENCRYPTION_KEYS")
if not REFERRAL_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "REFERRAL_ENCRYPTION_KEYS is not set. Production refuses to start the referrals "
        "section without an encryption key (see docs/referrals.md)."
    )
REFERRAL_OVERDUE_HOURS = int(os.environ.get("REFERRAL_OVERDUE_HOURS", "24"))
REFERRAL_IDLE_TIMEOUT_SECONDS = 30 * 60
REFERRAL_RETENTION_MONTHS = int(os.environ.get("REFERRAL_RETENTION_MONTHS", "24"))
REFERRAL_DRAFT_DAYS = int(os.environ.get("REFERRAL_DRAFT_DAYS", "30"))
REFERRAL_UNANSWERED_DAYS = int(os.environ.get("REFERRAL_UNANSWERED_DAYS", "60"))
REFERRAL_ENDED_DAYS = int(os.environ.get("REFERRAL_ENDED_DAYS", "30"))
REFERRAL_ACTIVE_DAYS = int(os.environ.get("REFERRAL_ACTIVE_DAYS", "365"))
REFERRAL_COMPLETED_DAYS = int(os.environ.get("REFERRAL_COMPLETED_DAYS", "90"))

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_nav",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# Database: DATABASE_URL (PostgreSQL in production); default an SQLite file under var/.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ruta.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL: a stalled statement or a lock held elsewhere fails fast (the reader gets a 503
# with Retry-After) instead of holding a worker; 0 switches a limit off (milliseconds). Web
# processes only (``website/wsgi.py``): migrations, imports, rebuilds and the task worker
# run long statements by design.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and os.environ.get("RUTA_WEB_PROCESS"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT_MS', '15000'))} "
        f"-c lock_timeout={int(os.environ.get('DATABASE_LOCK_TIMEOUT_MS', '3000'))}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Spanish first, English second; URLs /es/... and /en/...
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_LANGUAGES = ("es", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("es",), "es": ("en",)}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
WAGTAIL_I18N_ENABLED = False  # one page tree, both languages in the same page (modeltranslation)
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Guayaquil"

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Object storage for media: set DJANGO_MEDIA_STORAGE to a storage class path.
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Built PDFs and other files served only through views that check permissions.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("RUTA_PRIVATE_ROOT", str(VAR_DIR / "private"))},
    },
}

# Email: EMAIL_URL-style pieces from the environment; console in development.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ruta <no-reply@ruta.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: the persistent queue in the database, run by `manage.py db_worker` in
# every configuration (`make run` starts one); "immediate" runs them inside the request.
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASK_BACKEND]
    }
}

# Cache shared by all workers of one machine (files under var/cache), or by every server
# (Redis: REDIS_URL); the anonymous page cache keeps public pages for
# RUTA_PAGE_CACHE_SECONDS, each until a change it depends on (infra.invalidation).
# Every key is hashed (infra.cache.hashed_key): short and plain whatever goes into it.
CACHE_KEY_FUNCTION = "infra.cache.hashed_key"
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        # Django's file-based cache without zlib (hits were spent decompressing).
        "BACKEND": "infra.cache.UncompressedFileBasedCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", str(VAR_DIR / "cache")),
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
if REDIS_URL:
    # Page cache, API rate limit, search outage flag: one for every server. Redis down is an
    # empty cache, never an error (infra.cache.ResilientRedisCache).
    CACHES["default"] = {
        "BACKEND": "infra.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }
RUTA_PAGE_CACHE_SECONDS = int(os.environ.get("RUTA_PAGE_CACHE_SECONDS", "300"))
# Sessions read from the shared cache and written through to the database: a signed-in page
# reads no session row, and a cache restart loses no session (docs/performance.md).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A PDF build waits this long for further publications of the same page (debounce).
RUTA_PDF_BUILD_DELAY_SECONDS = int(os.environ.get("RUTA_PDF_BUILD_DELAY_SECONDS", "10"))

# Front proxy (nginx) keeping anonymous pages (s-maxage), refreshed on publish through
# wagtail.contrib.frontend_cache with infra.frontend_cache.NginxRefreshBackend: where nginx
# listens (FRONTEND_CACHE_URL) and the refresh key it shares with us (FRONTEND_CACHE_KEY).
RUTA_FRONTEND_CACHE_KEY = os.environ.get("FRONTEND_CACHE_KEY", "")
RUTA_FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "3600"))
if os.environ.get("FRONTEND_CACHE_URL"):
    if not RUTA_FRONTEND_CACHE_KEY:
        raise ImproperlyConfigured("FRONTEND_CACHE_URL is set but FRONTEND_CACHE_KEY is not.")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "infra.frontend_cache.NginxRefreshBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
            "KEY": RUTA_FRONTEND_CACHE_KEY,
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = "Ruta"
# The public address, set once: the default Site follows it on migrate (website.public_address)
# and every absolute link (QR codes, PDFs, API html_url, e-mails, the admin's) names it.
RUTA_PUBLIC_URL = os.environ.get("RUTA_PUBLIC_URL", "http://localhost").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", RUTA_PUBLIC_URL)
# Wagtail's own search (admin, and the embedded default for the public site).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Public search on an Elasticsearch cluster when ELASTICSEARCH_URL is set (search app).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "ruta-prod")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))  # seconds
# Synonyms and situations are search rules edited in the admin (docs/search-rules.md).
# PostgreSQL: accent-insensitive Spanish text search (configuration made by search's migration).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "spanish_unaccent"

# Public APIs (/api/…): CORS for reads, ETag, and a per-IP rate limit of N requests per
# window (seconds). RUTA_TRUSTED_PROXY_COUNT: reverse proxies whose X-Forwarded-For we trust.
RUTA_PUBLIC_API_PREFIXES = ["/api/"]
RUTA_API_RATE_LIMIT = (
    int(os.environ.get("RUTA_API_RATE_LIMIT", "300")),
    int(os.environ.get("RUTA_API_RATE_WINDOW", "60")),
)
RUTA_API_MAX_AGE = 60
RUTA_TRUSTED_PROXY_COUNT = int(os.environ.get("RUTA_TRUSTED_PROXY_COUNT", "1"))
# CORS (django-cors-headers): any origin may read the public APIs, nothing else.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
# The site's parts that the one OpenAPI document (/api/openapi.json) is assembled from.
RUTA_OPENAPI_PARTS = ["infra.api.content_openapi.openapi_part", "directory.openapi.openapi_part"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # its progress lines, at every start and build
        # The search app logs one warning per Elasticsearch outage and falls back itself.
        "elastic_transport": {"level": "ERROR"},
    },
}
