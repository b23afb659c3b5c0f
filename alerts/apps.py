from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Change alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from protocol_pages.models import ProtocolEditionPage
        from protocol_pages.signals import edition_sections_published

        from .signals import protocol_page_published, sections_published

        page_published.connect(protocol_page_published, dispatch_uid="alerts-page-published")
        edition_sections_published.connect(
            sections_published, sender=ProtocolEditionPage, dispatch_uid="alerts-new-edition"
        )
