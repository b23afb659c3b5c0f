from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolPagesConfig(AppConfig):
    name = "protocol_pages"
    verbose_name = _("Protocol")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from infra.page_cache import skip_for_cookie

        from .directory_links import PROVINCE_COOKIE
        from .editions import publish_sections_with_edition
        from .handbook import rebuild_handbook
        from .models import (
            ProtocolAnnexPage,
            ProtocolEditionPage,
            ProtocolPhasePage,
            ProtocolSubRoutePage,
        )
        from .significance import reset_after_publication

        for model in (
            ProtocolEditionPage,
            ProtocolPhasePage,
            ProtocolSubRoutePage,
            ProtocolAnnexPage,
        ):
            page_published.connect(
                rebuild_handbook, sender=model, dispatch_uid=f"protocol-handbook-{model.__name__}"
            )
            page_published.connect(
                reset_after_publication,
                sender=model,
                dispatch_uid=f"protocol-significance-{model.__name__}",
            )
        skip_for_cookie(PROVINCE_COOKIE, "province")
        page_published.connect(
            publish_sections_with_edition,
            sender=ProtocolEditionPage,
            dispatch_uid="protocol-edition-publishes-its-sections",
        )
