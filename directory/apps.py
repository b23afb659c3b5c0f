from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from directory import signals, views
        from directory.models import DirectoryIndexPage

        signals.connect()
        DirectoryIndexPage.register_views(
            browse=views.browse,
            coverage=views.coverage,
            organization=views.organization,
            service=views.service,
        )
