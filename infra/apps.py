from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, post_page_move

from infra.checks import static_build


class InfraConfig(AppConfig):
    """Caching, the public APIs' shared behaviour, PDFs, backups, roles and workflows."""

    name = "infra"
    verbose_name = _("Infrastructure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(static_build, checks.Tags.staticfiles, deploy=True)
        from infra import invalidation  # reads models: importable once they are loaded

        # What each change makes stale in the page caches (docs/architecture.md, "Caching").
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidation.model_changed, dispatch_uid=f"page-cache-{signal!r}")
        for signal in (page_published, page_unpublished):
            signal.connect(invalidation.page_published, dispatch_uid=f"page-cache-{signal!r}")
        post_page_move.connect(invalidation.page_moved, dispatch_uid="page-cache-move")
