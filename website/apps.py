from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from infra.page_cache import keep_public_path

        from .crawlers import ROBOTS_PATH, SITEMAP_PATH
        from .public_address import public_url_check, sync_site_after_migrate

        for path in (SITEMAP_PATH, ROBOTS_PATH):
            keep_public_path(path)  # in the anonymous page cache, like pages

        checks.register(public_url_check, checks.Tags.security, deploy=True)
        post_migrate.connect(sync_site_after_migrate, sender=self, dispatch_uid="website-sync-site")
