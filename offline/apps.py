from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Offline reading: the service worker, the web app manifest, the offline fallback page
    and the list of addresses "save for offline" stores (docs/offline.md)."""

    name = "offline"
    verbose_name = _("Offline reading")
