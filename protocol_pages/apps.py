from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolPagesConfig(AppConfig):
    name = "protocol_pages"
    verbose_name = _("Protocol")
    default_auto_field = "django.db.models.BigAutoField"
