from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from website.page_cache import invalidate_on_content_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidate_on_content_change, dispatch_uid=f"page-cache-{signal!r}")
