"""System checks for what the infrastructure needs before it can serve."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks


def static_build(app_configs=None, **kwargs):
    """With hashed static names (production), the build's manifest must exist: without it
    every page that names a static file is a 500. Development serves unhashed files."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return []
    return [
        checks.Error(
            f"No static build in {settings.STATIC_ROOT}: every page would answer 500.",
            hint=(
                "Run `manage.py collectstatic --noinput` with these settings "
                "(DJANGO_SETTINGS_MODULE=website.settings.base); see docs/deployment.md."
            ),
            id="infra.E001",
        )
    ]
