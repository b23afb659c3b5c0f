from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .models import TrainingModulePage
        from .signals import rebuild_module_pdfs

        page_published.connect(
            rebuild_module_pdfs, sender=TrainingModulePage, dispatch_uid="training-module-pdfs"
        )
