"""The site's public address, configured once (``RUTA_PUBLIC_URL``): the default Wagtail
Site follows it after every ``migrate`` (and ``manage.py sync_site``), so every absolute
link (handbook QR code and printed address, training PDFs, API ``html_url``, e-mails)
names it; a system check warns in production while it is still a local address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from wagtail.models import Site

# Addresses that are never public (a comparison list, nothing binds to them).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104  # nosec B104
DEFAULT_PORTS = {"http": 80, "https": 443}


def public_address():
    """(scheme, hostname, port) of RUTA_PUBLIC_URL."""
    parts = urlsplit(settings.RUTA_PUBLIC_URL)
    scheme = parts.scheme or "https"
    return scheme, parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(scheme, 80)


def sync_site():
    """Give the default Site the public hostname and port; returns it (None before any
    Site exists)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    _scheme, hostname, port = public_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def sync_site_after_migrate(sender, **kwargs):
    """post_migrate receiver (the website app): the Site follows RUTA_PUBLIC_URL."""
    sync_site()


def public_url_check(app_configs=None, **kwargs):
    """In production (DEBUG off) RUTA_PUBLIC_URL must name the public host over HTTPS."""
    if settings.DEBUG:
        return []
    scheme, hostname, port = public_address()
    problems = []
    if hostname in LOCAL_HOSTS:
        problems.append(
            checks.Warning(
                f"RUTA_PUBLIC_URL is {settings.RUTA_PUBLIC_URL!r}: printed handbooks, QR "
                "codes, PDFs, e-mails and the API would send readers to this machine.",
                hint="Set RUTA_PUBLIC_URL=https://your.public.host and run manage.py migrate "
                "(or manage.py sync_site); see docs/deployment.md.",
                id="website.W001",
            )
        )
    elif scheme == "https" and port != 443:
        problems.append(
            checks.Warning(
                "RUTA_PUBLIC_URL uses HTTPS on a port other than 443, which a Wagtail Site "
                "cannot express: absolute links would use http://.",
                id="website.W002",
            )
        )
    return problems
