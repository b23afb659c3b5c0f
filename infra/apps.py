from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from infra.checks import static_build
from infra.page_cache import invalidate_on_content_change


class InfraConfig(AppConfig):
    """Caching, the public APIs' shared behaviour, PDFs, backups, roles and workflows."""

    name = "infra"
    verbose_name = _("Infrastructure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(static_build, checks.Tags.staticfiles, deploy=True)
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidate_on_content_change, dispatch_uid=f"page-cache-{signal!r}")
